package scenario_test

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// fataler is what checkRoundTrip needs of testing.TB and rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkRoundTrip checks that the canonical text of sc loads back to sc, is
// its own canonical form, and hashes to Hash(sc).
func checkRoundTrip(t fataler, sc *sim.Scenario) {
	t.Helper()
	text := scenario.Canonical(sc)
	back, err := scenario.Load("canonical.toml", text, nil)
	if err != nil {
		t.Fatalf("canonical text does not load:\n%v\n%s", err, text)
	}
	if !reflect.DeepEqual(sc, back) {
		t.Fatalf("canonical text loads to a different scenario:\n%s\nfirst:  %+v\nsecond: %+v", text, sc, back)
	}
	if again := scenario.Canonical(back); !bytes.Equal(text, again) {
		t.Fatalf("canonical text is not stable:\n%s\n---\n%s", text, again)
	}
	if h := scenario.Hash(sc); len(h) != 64 || h != scenario.Hash(back) || strings.ToLower(h) != h {
		t.Fatalf("hash %q unstable or malformed", h)
	}
}

// blocks splits TOML text at blank lines.
func blocks(text string) []string { return strings.Split(strings.TrimSpace(text), "\n\n") }

// shuffle rewrites a scenario without changing its meaning: [[site]] and
// [[event]] entries in reverse order, the keys of every site reversed,
// comments and blank lines added.
func shuffle(text string) string {
	var head, sites, events, rest []string
	for _, b := range blocks(text) {
		switch {
		case strings.HasPrefix(b, "[[site]]"):
			lines := strings.Split(b, "\n")
			keys := lines[1:]
			slices.Reverse(keys)
			sites = append(sites, "[[site]]  # a site\n"+strings.Join(keys, "\n"))
		case strings.HasPrefix(b, "[[event]]"):
			events = append(events, "# an event\n"+b)
		case len(sites) == 0 && len(events) == 0:
			head = append(head, b)
		default:
			rest = append(rest, b)
		}
	}
	slices.Reverse(sites)
	slices.Reverse(events)
	all := append(append(append(head, rest...), events...), sites...)
	return "# shuffled\n\n" + strings.Join(all, "\n\n\n") + "\n# the end\n"
}

func TestHashIgnoresOrderCommentsAndForms(t *testing.T) {
	original := readFile(t, "testdata/levant.toml")
	sc := mustLoad(t, "levant.toml", original)
	hash := scenario.Hash(sc)
	canonical := string(scenario.Canonical(sc))
	variants := map[string]string{
		"canonical": canonical,
		"shuffled":  shuffle(canonical),
		"number forms": strings.NewReplacer(
			"lat = 33.51\n", "lat = 33.510000\n",
			"troops = 200\n", "troops = 200.0\n",
			"reach_km = 250\n", "reach_km = 2.5e2\n",
			"size = 120\n", "size = 1_2_0\n",
		).Replace(string(original)),
		"defaults written":      strings.Replace(string(original), "troops = 150\n", "troops = 150\nhardness = 0\ntarget = false\nad_range_km = 0\n", 1),
		"defaults omitted":      strings.Replace(string(original), "dwell = 1\n", "", 1),
		"turn in hours":         strings.Replace(string(original), `turn = "1d"`, `turn = "24h"`, 1),
		"center as coordinates": strings.Replace(string(original), `center = "tanf"`, "center = { lat = 33.51, lon = 38.62 }", 1),
	}
	for name, text := range variants {
		if got := scenario.Hash(mustLoad(t, name, []byte(text))); got != hash {
			t.Errorf("%s: hash %s, want %s", name, got, hash)
		}
	}
	changed := map[string]string{
		"troops":    strings.Replace(string(original), "troops = 200\n", "troops = 201\n", 1),
		"latitude":  strings.Replace(string(original), "lat = 33.51\n", "lat = 33.510001\n", 1),
		"event day": strings.Replace(string(original), "at = 2018-10-02", "at = 2018-10-03", 1),
		"param":     strings.Replace(string(original), "sorties_per_turn = 3", "sorties_per_turn = 4", 1),
		"log":       strings.Replace(string(original), "Russia delivers", "Russia sends", 1),
	}
	for name, text := range changed {
		if text == string(original) {
			t.Fatalf("%s: variant unchanged", name)
		}
		if got := scenario.Hash(mustLoad(t, name, []byte(text))); got == hash {
			t.Errorf("%s: changing a value kept the hash", name)
		}
	}
}

func TestCanonicalForm(t *testing.T) {
	src := head + site0 + `troops = 200
[[zone]]
id = "z"
name = "Zone \"Z\""
kind = "halt"
owner = "usa"
center = { lat = 33.25, lon = 38.125 }
radius_km = 12.5
[[event]]
id = "e"
when = { metric = "complicity", op = "<=", value = 0.25 }
effects = [ { halt = { zone = "z", days = 2 } }, { talks_open = true } ]
log = "Tab\there."
`
	sc := mustLoad(t, "t.toml", []byte(src))
	text := string(scenario.Canonical(sc))
	for _, want := range []string{
		"[scenario]\nid = \"t\"\nname = \"T\"\ndescription = \"Test.\"\nstart = 2018-01-01\nend = 2018-12-31\nturn = \"24h\"\ndefault_role = \"usa\"\n\n[initial]\n",
		"escalation = { israel-iran = 0, israel-russia = 0, usa-iran = 0 }\ntrust = 70\ncomplicity = 0.05\n",
		"[params]\nsorties_per_turn = 2\ndetect_shipment = 0.08\n",
		"[[actor]]\nid = \"iran\"\npolicy = \"tit-for-tat\"\n\n[actor.params]\nclaim = 0.1\n",
		"lat = 33.51\nlon = 38.62\ntroops = 200\nvalue = 1\nhardness = 0\n",
		"name = \"Zone \\\"Z\\\"\"",
		"center = { lat = 33.25, lon = 38.125 }\nradius_km = 12.5\nfrom = 2018-01-01\nto = 2018-12-31\n",
		"when = { metric = \"complicity\", op = \"<=\", value = 0.25 }\n",
		"effects = [\n  { halt = { zone = \"z\", days = 2 } },\n  { talks_open = true },\n]\nlog = \"Tab\\there.\"\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("canonical text lacks %q:\n%s", want, text)
		}
	}
	checkRoundTrip(t, sc)
}
