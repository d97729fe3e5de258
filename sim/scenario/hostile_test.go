package scenario_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim/scenario"
)

// loadChecked loads data and fails unless the load ends with an error
// containing want (or with none when want is empty). How fast such files
// load is measured by BenchmarkLoadHostile, not timed here: a shared
// machine's load made a wall-clock bound fail at random; a load that hangs
// still fails, at the test timeout.
func loadChecked(t *testing.T, data []byte, want string) {
	t.Helper()
	_, err := scenario.Load("h.toml", data, nil)
	switch {
	case want == "" && err != nil:
		t.Errorf("unexpected error: %.500v", err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("got %.500v\nwant an error containing %q", err, want)
	}
}

// BenchmarkLoadHostile loads the largest files the limits let through:
// 10,000 sites, and nesting cut off at its limit.
func BenchmarkLoadHostile(b *testing.B) {
	for name, data := range map[string]string{
		"many sites":  head + sites(10_000),
		"deep arrays": "a = " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000),
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				_, _ = scenario.Load("h.toml", []byte(data), nil)
			}
		})
	}
}

// sites returns n distinct valid sites.
func sites(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[[site]]\nid = \"s%d\"\nname = \"S\"\nkind = \"city\"\nowner = \"syria\"\nlat = 33\nlon = 38\n", i)
	}
	return b.String()
}

func TestHostileInput(t *testing.T) {
	deep := func(open, close string, n int) string { return strings.Repeat(open, n) + strings.Repeat(close, n) }
	long := strings.Repeat("y", 3<<20)
	for _, tc := range []struct {
		name string
		data string
		want string
	}{
		{"oversized", strings.Repeat("# padding\n", 5<<20), "h.toml: file is 50.0 MiB; scenario files are limited to 4 MiB"},
		{"just over the limit", head + "# " + strings.Repeat("x", 4<<20), "scenario files are limited to 4 MiB"},
		{"at the limit", head + "# " + strings.Repeat("x", 4<<20-len(head)-3) + "\n", ""},
		{"empty", "", "h.toml:1:1: empty file: a scenario needs at least a [scenario] table"},
		{"blank", " \n\t\r\n  \n", "h.toml:1:1: empty file"},
		{"only comments", "# nothing here\n", "h.toml:1:1: scenario: missing [scenario] table"},
		{"NUL byte", head + "name\x00 = 1\n", "h.toml:8:5: binary data: control character 0x00 (scenario files are UTF-8 text)"},
		{"control character", "[scenario]\nid = \"a\x07\"\n", "h.toml:2:8: binary data: control character 0x07"},
		{"binary image", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "h.toml:1:1: invalid UTF-8 (byte 0x89)"},
		{"invalid UTF-8", head + "x = \"é\xff\"\n", "h.toml:8:7: invalid UTF-8 (byte 0xff) (scenario files are UTF-8 text)"},
		{"UTF-16", "\xff\xfe[\x00s\x00", "h.toml:1:1: binary data: the file looks like UTF-16 text (save it as UTF-8)"},
		{"deep arrays", "a = " + deep("[", "]", 100_000), "h.toml:1:36: nesting is deeper than 32 levels"},
		{"deep arrays unclosed", "a = " + strings.Repeat("[", 1_000_000), "h.toml:1:36: nesting is deeper than 32 levels"},
		{"deep inline tables", "a = " + deep("{a=", "}", 100_000), "h.toml:1:98: nesting is deeper than 32 levels"},
		{"deep mixed", "a = " + deep("[{b=", "}]", 50_000), "nesting is deeper than 32 levels"},
		{"deep after a date-time", "a = [1979-05-27 07:32:00, " + deep("[", "]", 100_000) + "]", "h.toml:1:57: nesting is deeper than 32 levels"},
		{"deep after a string", "a = [\"]]]\", '[', \"\"\"]\"\"\", " + deep("[", "]", 100_000) + "]", "nesting is deeper than 32 levels"},
		{"long table header", "[" + strings.Repeat("a.", 100_000) + "a]\n", "h.toml:1:66: nesting is deeper than 32 levels"},
		{"long array table header", "[[" + strings.Repeat("a.", 100_000) + "a]]\n", "h.toml:1:67: nesting is deeper than 32 levels"},
		{"long dotted key", strings.Repeat("a.", 1_000_000) + "a = 1\n", "h.toml:1:65: nesting is deeper than 32 levels"},
		{"long quoted dotted key", strings.Repeat(`"a".`, 100_000) + "a = 1\n", "nesting is deeper than 32 levels"},
		{"brackets inside strings are text", head + "[scenario.briefing]\nusa = \"\"\"" + deep("[", "]", 1000) + "\"\"\"\n", ""},
		{"too many values", strings.Repeat("[[site]]\n", 4<<20/9), "h.toml:250001:1: too many values: a scenario file holds at most 250000 keys, tables and array elements"},
		{"too many array elements", "a = [" + strings.Repeat("1,", 2<<20-8) + "]", "too many values"},
		{"too many sites", head + sites(10_001), "h.toml:8:1: site: too many site entries: 10001 (at most 10000)"},
		{"many sites", head + sites(10_000), ""},
		{"too many effects", head + "[[event]]\nid = \"e\"\nat = 2018-02-01\nlog = \"L\"\neffects = [" + strings.Repeat("{ talks = { add = 1 } },", 1001) + "]\n", "h.toml:12:11: event.e.effects: has 1001 effects (at most 1000)"},
		{"too many polygon points", head + "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\npolygon = [" + strings.Repeat("[33, 38], ", 10_001) + "]\n", "h.toml:13:11: zone.z.polygon: has 10001 points (at most 10000)"},
		{"too many route points", head + "[[route]]\nid = \"r\"\nname = \"R\"\nreach_km = 5\npath = [" + strings.Repeat("[33, 38], ", 10_001) + "]\n", "route.r.path: has 10001 points (at most 10000)"},
		{"too many errors", head + strings.Repeat("[[site]]\nx = 1\n", 2000), "more not shown"},
		{"long string", strings.Replace(head, `name = "T"`, `name = "`+long+`"`, 1), "h.toml:3:8: scenario.name: is 3145728 characters long (at most 100)"},
		{"long comment", head + "# " + long + "\n", ""},
		{"long key", head + long + " = 1\n", "scenario." + long[:10]},
		{"huge integer", head + "[initial]\narsenal = 99999999999999999999\n", "h.toml:9:11: 99999999999999999999 is out of range (far outside the range of any key)"},
		{"huge float", head + "[initial]\narsenal = 1e400\n", "h.toml:9:11: 1e400 is out of range (far outside the range of any key)"},
		{"count overflow", head + "[initial]\narsenal = 9223372036854775807\n", "h.toml:9:11: initial.arsenal: 9223372036854775807 is out of range (must lie in 0..1000000000)"},
		{"float overflow", head + "[initial]\narsenal = 1.0e300\n", "initial.arsenal: 1e+300 is out of range"},
	} {
		t.Run(tc.name, func(t *testing.T) { loadChecked(t, []byte(tc.data), tc.want) })
	}
}

// TestLargeValidFile loads a valid file close to the size limit.
func TestLargeValidFile(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(head)
	b.WriteString(sites(3000))
	b.WriteString("[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"operation\"\nowner = \"usa\"\npolygon = [[33, 38], [34, 38], [34, 39]")
	for i := range 9997 {
		fmt.Fprintf(&b, ", [33.%06d, 38.5]", i)
	}
	b.WriteString("]\n")
	loadChecked(t, b.Bytes(), "")
}

// TestLongValuesCut checks that errors about a huge key or value quote it
// cut, not whole: every line stays short and says where it was cut.
func TestLongValuesCut(t *testing.T) {
	long := strings.Repeat("k", 3<<20)
	for _, tc := range []struct {
		name      string
		data      string
		overrides []scenario.Override
		want      string
	}{
		{name: "long key", data: head + long + " = 1\n", want: "h.toml:8:1: scenario.kkkk"},
		{name: "long quoted key", data: head + `"` + long + `" = 1` + "\n", want: "h.toml:8:1: scenario.kkkk"},
		{name: "long table header", data: head + "[" + long + "]\n", want: "h.toml:8:1: kkkk"},
		{name: "long id", data: strings.Replace(head, `id = "t"`, `id = "`+long+`"`, 1), want: `h.toml:2:6: scenario.id: invalid id "kkkk`},
		{name: "long override key", data: head, overrides: []scenario.Override{{Key: "site." + long + ".troops", Value: "1"}},
			want: `--set:1:1: site.kkkk`},
		{name: "long override value", data: head, overrides: []scenario.Override{{Key: "scenario.name", Value: "[" + long}},
			want: `--set:1:1: scenario.name: invalid value [kkkk`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenario.Load("h.toml", []byte(tc.data), tc.overrides)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "…") {
				t.Fatalf("got %.300v\nwant an error containing %q, cut with …", err, tc.want)
			}
			for line := range strings.Lines(err.Error()) {
				if len(line) > 1000 {
					t.Errorf("error line is %d bytes long: %.300s", len(line), line)
				}
			}
		})
	}
	_, err := scenario.ParseOverride(long)
	if err == nil || len(err.Error()) > 1000 {
		t.Errorf("ParseOverride of a %d-byte argument: error of %d bytes", len(long), len(fmt.Sprint(err)))
	}
}
