package scenarios_test

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
)

// scenarioID finds `id = "..."` inside the [scenario] table with a plain line
// scan; the full loader is exercised by the loader test.
func scenarioID(data []byte) string {
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			in = line == "[scenario]"
			continue
		}
		if !in || !strings.HasPrefix(line, "id") {
			continue
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(key) != "id" {
			continue
		}
		val = strings.TrimSpace(val)
		if i := strings.Index(val, "#"); i >= 0 {
			val = strings.TrimSpace(val[:i])
		}
		return strings.Trim(val, `"'`)
	}
	return ""
}

func TestFilesNamedByID(t *testing.T) {
	files := scenarios.Files()
	if len(files) == 0 {
		t.Fatal("no embedded scenarios")
	}
	for i, f := range files {
		if i > 0 && files[i-1].Name >= f.Name {
			t.Errorf("files not sorted: %s before %s", files[i-1].Name, f.Name)
		}
		base := strings.TrimSuffix(f.Name, ".toml")
		if id := scenarioID(f.Data); id != base {
			t.Errorf("%s: [scenario] id = %q, want %q", f.Name, id, base)
		}
		got, ok := scenarios.Lookup(base)
		if !ok || got.Name != f.Name || !bytes.Equal(got.Data, f.Data) {
			t.Errorf("Lookup(%q) = %q, %v", base, got.Name, ok)
		}
	}
	for _, id := range []string{"", "no-such-scenario", "../shadow-war", "shadow-war.toml"} {
		if _, ok := scenarios.Lookup(id); ok {
			t.Errorf("Lookup(%q) found a file", id)
		}
	}
	if _, ok := scenarios.Lookup("shadow-war"); !ok {
		t.Error("shadow-war not embedded")
	}
}

// TestSchemaLine checks that every embedded scenario names the format's JSON
// Schema on its first line, so editors and CI's Taplo check find it.
func TestSchemaLine(t *testing.T) {
	for _, f := range scenarios.Files() {
		first, _, _ := bytes.Cut(f.Data, []byte("\n"))
		if want := "#:schema ../docs/scenario.schema.json"; string(first) != want {
			t.Errorf("%s: first line %q, want %q", f.Name, first, want)
		}
	}
}
