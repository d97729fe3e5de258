package scenario_test

import (
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim/scenario"
)

// TestLintFindings lints testdata/lint.toml, which holds one of each mistake
// of meaning, and compares every finding with the one expected on its line.
func TestLintFindings(t *testing.T) {
	findings, err := scenario.Lint("lint.toml", readFile(t, "testdata/lint.toml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		// Russia owns no site and has no [[actor]] entry.
		`lint.toml:10:16: absent-actor: scenario.default_role: the default role russia is not in the scenario (add [[actor]] id = "russia", or give russia a site)`,
		// On the engine's projection (x = Δlon × 111195 m × cos lat, y = Δlat
		// × 111195 m, origin 34.5°N 38°E) the end of "south" (33.4, 37.5) is
		// at (−46415, −122315) and abu-kamal (34.45, 40.92) at (267755,
		// −5560): 335157 m apart, 185157 m beyond the 150 km reach, 186 km
		// rounded up. "nowhere" ends farther away still.
		`lint.toml:40:10: unreachable: site.abu-kamal.target: target "abu-kamal" lies beyond every route's reach: the nearest falls 186 km short (lengthen a route's reach_km or add a waypoint near it)`,
		`lint.toml:49:8: outside-dates: zone.old.from: zone "old" is never in force: 2015-01-01..2015-12-31 (the scenario runs 2021-10-01..2021-10-31)`,
		// "nowhere" ends at 30.0°N, over 400 km from either target.
		`lint.toml:62:12: idle-route: route.nowhere.reach_km: route "nowhere" reaches no target site and no corridor (move its last waypoint or lengthen reach_km)`,
		// [initial] sets usa-iran to 1.5, so escalation_us_iran >= 1 holds at once.
		`lint.toml:66:8: when-first-turn: event.at-once.when: event "at-once" fires on the first turn: escalation_us_iran >= 1 already holds (escalation_us_iran is 1.5 on the first turn; use at = 2021-10-01 to fire on the first day)`,
		`lint.toml:72:8: when-never: event.never.when: event "never" never fires: trust >= 150 never holds (trust lies in 0..100)`,
		`lint.toml:85:11: event-conflict: event.b.effects: events "a" and "b" both set talks on 2021-10-05, to different values (the later event in id order wins; merge them or move one)`,
		`lint.toml:93:9: objective-never: objective.never.value: israel objective "never" can never be met: aircraft_lost <= -1 (aircraft_lost is never below 0)`,
		`lint.toml:101:9: objective-always: objective.vacuous.value: usa objective "vacuous" is met in every run: max_escalation_us_iran <= 6 (max_escalation_us_iran lies in 0..5)`,
		`lint.toml:109:9: objective-never: objective.trust.value: usa objective "trust" can never be met: trust >= 150 (trust lies in 0..100)`,
		`lint.toml:114:8: absent-actor: objective.hez.role: objective "hez" is for hezbollah, which is not in the scenario (add [[actor]] id = "hezbollah", or give hezbollah a site)`,
		// October 2021 has 31 days: a 40-day window closes after the end.
		`lint.toml:127:15: window-late: objective.late.within_days: israel objective "late" has a 40-day window: it closes after the end (the scenario runs 31 days; a shorter window is decided within the run)`,
		`lint.toml:128:8: objective-text: objective.late.text: israel objective "late" writes its threshold 3 out (write {value} where the text says 3: it follows value and --set)`,
		// the zone is a 20 km circle in the Jordanian desert, far from every site
		`lint.toml:140:8: when-never: event.desert-strike.when: event "desert-strike" never fires: strikes in zone "empty" >= 1 never holds (zone "empty" holds no site, so strikes there stays 0)`,
		// the second effect hands Al-Tanf to the US, its owner, and no event hands it elsewhere
		`lint.toml:147:39: owner-unchanged: event.tanf-handback.effects[1]: event "tanf-handback" hands site "tanf" to usa, which holds it throughout (hand it to another actor, or remove the effect)`,
	}
	got := make([]string, len(findings))
	for i := range findings {
		got[i] = findings[i].String()
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	severe := map[string]bool{"absent-actor": true, "when-never": true, "objective-never": true}
	for _, f := range findings {
		if (f.Severity == scenario.Severe) != severe[f.Code] {
			t.Errorf("%s: severity %s", f.Code, f.Severity)
		}
	}
}

// TestLintMonotone checks objectives judged from the first turn: a count
// never falls, so a max-escalation objective already passed is decided.
func TestLintMonotone(t *testing.T) {
	base := string(readFile(t, "testdata/lint.toml"))
	head, _, _ := strings.Cut(base, "[[zone]]")
	text := head + `
[[route]]
id = "south"
name = "South"
path = [[31.21, 35.01], [33.4, 37.5]]
reach_km = 150

[[objective]]
id = "calm"
role = "usa"
metric = "max_escalation_us_iran"
op = "<="
value = 1
text = "Never above 1."

[[objective]]
id = "tense"
role = "iran"
metric = "max_escalation_us_iran"
op = ">="
value = 1.5
text = "At least 1.5."
`
	text = strings.Replace(text, `default_role = "russia"`, `default_role = "usa"`, 1)
	findings, err := scenario.Lint("m.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, f := range findings {
		codes = append(codes, f.Code+" "+f.Path)
	}
	// The ladder starts at 1.5: "<= 1" is already missed, ">= 1.5" already met;
	// abu-kamal stays out of reach as in TestLintFindings.
	want := "unreachable site.abu-kamal.target objective-never objective.calm.value objective-always objective.tense.value"
	if strings.Join(codes, " ") != want {
		t.Errorf("findings: %s\nwant %s", strings.Join(codes, " "), want)
	}
}

// TestLintEmpty lints scenarios with nothing in them.
func TestLintEmpty(t *testing.T) {
	const head = "[scenario]\nid = \"e\"\nname = \"E\"\ndescription = \"D\"\nstart = 2021-10-01\nend = 2021-10-02\nturn = \"24h\"\n"
	for _, c := range []struct{ text, want string }{
		{head, "e.toml:1:1: empty: scenario: the scenario has no sites (add [[site]] entries: garrisons, depots, crossings)"},
		{head + "[[site]]\nid = \"tanf\"\nname = \"T\"\nkind = \"garrison\"\nowner = \"usa\"\nlat = 33.5\nlon = 38.6\n",
			"e.toml:1:1: no-objectives: scenario: the scenario has no objectives: every role draws (add [[objective]] entries for israel, usa and iran)\n" +
				"e.toml:1:1: nothing-to-strike: scenario: no site is a target and no corridor runs: Israel has nothing to strike (mark sites target = true or add a [[corridor]])"},
	} {
		findings, err := scenario.Lint("e.toml", []byte(c.text))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i := range findings {
			got = append(got, findings[i].String())
		}
		if strings.Join(got, "\n") != c.want {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), c.want)
		}
	}
}

// TestLintLoadError gives the load error of a file that does not load.
func TestLintLoadError(t *testing.T) {
	if _, err := scenario.Lint("b.toml", []byte("[scenario]\nid = 3\n")); err == nil {
		t.Error("a broken file lints")
	}
}

// TestLintPerTurn: 12-hour turns with every per-turn parameter at its
// 24-hour default are flagged on the turn key; setting one of them says
// the author has scaled them.
func TestLintPerTurn(t *testing.T) {
	text := head + site0
	for _, c := range []struct {
		text string
		want int
	}{
		{text, 0},
		{strings.Replace(text, `"24h"`, `"12h"`, 1), 1},
		{strings.Replace(text, `"24h"`, `"12h"`, 1) + "[params]\nsorties_per_turn = 1\n", 0},
	} {
		findings, err := scenario.Lint("t.toml", []byte(c.text))
		if err != nil {
			t.Fatal(err)
		}
		var got []scenario.Finding
		for _, f := range findings {
			if f.Code == scenario.CodePerTurn {
				got = append(got, f)
			}
		}
		if len(got) != c.want {
			t.Errorf("%d per-turn findings, want %d: %v", len(got), c.want, got)
		} else if c.want == 1 && got[0].Pos.Line != 7 {
			t.Errorf("per-turn finding on line %d, want 7 (turn)", got[0].Pos.Line)
		}
	}
}

// TestLintOwnerConflict: owner effects of one day conflict only when they
// hand the same site to different actors.
func TestLintOwnerConflict(t *testing.T) {
	site1 := strings.ReplaceAll(site0, `"tanf"`, `"conoco"`)
	ev := func(id, site, actor string) string {
		return "[[event]]\nid = \"" + id + "\"\nat = 2018-02-01\neffects = [ { owner = { site = \"" + site + "\", actor = \"" + actor + "\" } } ]\nlog = \"L\"\n"
	}
	for _, c := range []struct {
		name string
		text string
		want int
	}{
		{"two sites", ev("a", "tanf", "iran") + ev("b", "conoco", "israel"), 0},
		{"one site, two actors", ev("a", "tanf", "iran") + ev("b", "tanf", "israel"), 1},
		{"one site, one actor", ev("a", "tanf", "iran") + ev("b", "tanf", "iran"), 0},
	} {
		findings, err := scenario.Lint("t.toml", []byte(head+site0+site1+c.text))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range findings {
			if f.Code == scenario.CodeEventConflict {
				n++
			}
		}
		if n != c.want {
			t.Errorf("%s: %d event-conflict findings, want %d: %v", c.name, n, c.want, findings)
		}
	}
}
