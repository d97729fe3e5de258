package scenario_test

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/scenario"
)

var update = flag.Bool("update", false, "rewrite the generated tables of docs/scenarios.md")

const docsPath = "../../docs/scenarios.md"

// TestDocsUpToDate regenerates the tables of docs/scenarios.md that come
// from the model (parameters, metrics, policies) and from the format's own
// tables (the keys of each table, the effects) and fails when the file
// differs; go test -run TestDocsUpToDate -update rewrites it.
func TestDocsUpToDate(t *testing.T) {
	doc := string(readFile(t, docsPath))
	fresh := doc
	sections := []struct{ name, body string }{
		{"params", paramsTable()},
		{"policies", policiesTable()},
		{"metrics", metricsTable()},
	}
	keys := scenario.KeyTables()
	for _, name := range slices.Sorted(maps.Keys(keys)) {
		sections = append(sections, struct{ name, body string }{name, keys[name]})
	}
	for _, section := range sections {
		var err error
		if fresh, err = replaceSection(fresh, section.name, section.body); err != nil {
			t.Fatal(err)
		}
	}
	if fresh == doc {
		return
	}
	if *update {
		if err := os.WriteFile(docsPath, []byte(fresh), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, now := strings.Split(doc, "\n"), strings.Split(fresh, "\n")
	for i := range min(len(old), len(now)) {
		if old[i] != now[i] {
			t.Fatalf("docs/scenarios.md is stale (run go test ./sim/scenario -run TestDocsUpToDate -update); line %d:\n- %s\n+ %s", i+1, old[i], now[i])
		}
	}
	t.Fatalf("docs/scenarios.md is stale (run go test ./sim/scenario -run TestDocsUpToDate -update): %d lines, want %d", len(old), len(now))
}

// replaceSection replaces the text between the markers of a generated section.
func replaceSection(doc, name, body string) (string, error) {
	begin := "<!-- BEGIN GENERATED " + name + " -->\n"
	end := "<!-- END GENERATED " + name + " -->"
	i := strings.Index(doc, begin)
	j := strings.Index(doc, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("docs/scenarios.md lacks the markers of section %q", name)
	}
	return doc[:i+len(begin)] + body + doc[j:], nil
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// unitText says how values of a unit are written and stored.
func unitText(u sim.Unit) string {
	switch u {
	case sim.UnitCount:
		return "count"
	case sim.UnitFraction:
		return "fraction"
	case sim.UnitLevel:
		return "level"
	}
	return "km"
}

func paramsTable() string {
	var b strings.Builder
	b.WriteString("| key | unit | default | range | meaning |\n|---|---|---|---|---|\n")
	for _, s := range sim.ParamSpecs() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s..%s | %s |\n", s.Key, unitText(s.Unit), num(s.Default), num(s.Min), num(s.Max), s.Doc)
	}
	return b.String()
}

func policiesTable() string {
	var b strings.Builder
	b.WriteString("| actor | policy | behaviour |\n|---|---|---|\n")
	for _, s := range ai.Specs() {
		name := "`" + s.Name + "`"
		if ai.Default(s.Actor) == s.Name {
			name += " (default)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", s.Actor, name, s.Doc)
	}
	b.WriteString("\n| actor | policy | key | unit | default | range | meaning |\n|---|---|---|---|---|---|---|\n")
	for _, s := range ai.Specs() {
		for _, p := range s.Params {
			fmt.Fprintf(&b, "| `%s` | `%s` | `%s` | %s | %s | %s..%s | %s |\n", s.Actor, s.Name, p.Key, unitText(p.Unit), num(p.Default), num(p.Min), num(p.Max), p.Doc)
		}
	}
	return b.String()
}

func metricsTable() string {
	var b strings.Builder
	b.WriteString("| key | unit | written as | meaning |\n|---|---|---|---|\n")
	for _, s := range sim.MetricSpecs() {
		written := "whole number"
		switch s.Scale {
		case sim.Milli:
			written = "number, to 0.001"
		case sim.Micro:
			written = "number, to 0.000001"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", s.Key, s.Unit, written, s.Doc)
	}
	return b.String()
}

// TestDocsExample loads the worked example of docs/scenarios.md.
func TestDocsExample(t *testing.T) {
	doc := string(readFile(t, docsPath))
	_, rest, ok := strings.Cut(doc, "<!-- worked example -->\n```toml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("docs/scenarios.md has no worked example")
	}
	checkRoundTrip(t, mustLoad(t, "example.toml", []byte(example)))
}

// TestDocsEffects loads the example of every effect kind of
// docs/scenarios.md as an event of the test theatre.
func TestDocsEffects(t *testing.T) {
	doc := string(readFile(t, docsPath))
	_, rest, ok := strings.Cut(doc, "Examples of each:\n\n```toml\n")
	effects, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("docs/scenarios.md has no example of every effect")
	}
	text := string(readFile(t, "testdata/levant.toml")) + "\n[[event]]\nid = \"doc\"\nat = 2018-05-01\nlog = \"L\"\n" + effects
	sc := mustLoad(t, "levant.toml", []byte(text))
	seen := map[sim.EffectKind]bool{}
	for _, e := range find(sc.Events, "doc").Effects {
		seen[e.Kind] = true
	}
	if len(seen) != int(sim.NumEffectKinds) {
		t.Errorf("the example shows %d of %d effect kinds", len(seen), sim.NumEffectKinds)
	}
}

// TestDocsOwner loads the owner example of docs/scenarios.md into the test
// theatre and checks what its effects compile to.
func TestDocsOwner(t *testing.T) {
	doc := string(readFile(t, docsPath))
	_, rest, ok := strings.Cut(doc, "<!-- owner example -->\n```toml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("docs/scenarios.md has no owner example")
	}
	sc := mustLoad(t, "levant.toml", append(readFile(t, "testdata/levant.toml"), example...))
	handover, taken := find(sc.Events, "rmelan-handover"), find(sc.Events, "omar-taken")
	if e := handover.Effects[0]; e.Kind != sim.EffectOwner || sc.Sites[e.Site].ID != "rmelan" || !e.Set || e.Value != int64(sim.SDF) {
		t.Errorf("rmelan-handover's owner effect = %+v", e)
	}
	if e := taken.Effects[0]; e.Kind != sim.EffectOwner || sc.Sites[e.Site].ID != "omar-field" || e.Value != int64(sim.Syria) || taken.Timing().RevertDays != 14 {
		t.Errorf("omar-taken = %+v, timing %+v", e, taken.Timing())
	}
	checkRoundTrip(t, sc)
}

// TestDocsTiming loads the timing example of docs/scenarios.md into the test
// theatre and checks what its keys compile to.
func TestDocsTiming(t *testing.T) {
	doc := string(readFile(t, docsPath))
	_, rest, ok := strings.Cut(doc, "### Timing\n")
	_, rest, ok2 := strings.Cut(rest, "```toml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !ok2 || !closed {
		t.Fatal("docs/scenarios.md has no timing example")
	}
	sc := mustLoad(t, "levant.toml", append(readFile(t, "testdata/levant.toml"), example...))
	strike, alert, season := find(sc.Events, "t4-strike"), find(sc.Events, "quds-force-alert"), find(sc.Events, "rocket-season")
	if strike.More == nil || !strike.More.Anchor {
		t.Errorf("t4-strike is not an anchor: %+v", strike.More)
	}
	// chance 0.7 is 700000 micro; after names t4-strike by its index among
	// the events sorted by id.
	if m := alert.More; m == nil || m.After < 0 || sc.Events[m.After].ID != "t4-strike" || m.AfterDays != 3 || m.Chance != 700_000 || m.RevertDays != 21 {
		t.Errorf("quds-force-alert timing: %+v", alert.More)
	}
	// Two conditions: the first in Cond, the second in Also; all, not any.
	if m := season.More; m == nil || !m.Repeat || len(m.Also) != 1 || m.Any || m.Also[0].Metric != sim.MetricAttacksOnIsrael {
		t.Errorf("rocket-season timing: %+v", season.More)
	}
	checkRoundTrip(t, sc)
}
