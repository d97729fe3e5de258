package view

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// Ladder is one escalation gauge: filled steps of five.
type Ladder struct {
	Name  string
	Level float64 // 0..5, for the gauge
	Value string  // the level in words, as every screen shows it
	Tip   string
}

// Hazard is the retaliation hazard at one of the player's sites.
type Hazard struct {
	Site    int32
	Name    string
	Percent string
	Micro   int64
	Full    string // the site's full name
}

// TopBar is the strip across the top of the play screen. Hazards are
// sorted from the highest down, so a narrow bar keeps the ones that matter.
type TopBar struct {
	Date    string
	Turn    string // "turn 14/31"
	Ladders []Ladder
	Talks   string
	Trust   string // "" when the role cannot know it
	Hazards []Hazard
	Role    string
}

// BuildTopBar reads the top bar from an observation.
func BuildTopBar(obs *sim.Observation) TopBar {
	sc := obs.Scenario
	tb := TopBar{
		Date: DateOfTurn(sc, obs.Turn),
		Turn: fmt.Sprintf("turn %d/%d", min(obs.Turn+1, obs.Turns), obs.Turns),
		Role: RoleName(obs.Actor),
	}
	for _, p := range []sim.Pair{sim.USAIran, sim.IsraelIran} {
		v := MetricValue(ladderMetric(p), obs.Escalation[p])
		tb.Ladders = append(tb.Ladders, Ladder{Name: PairName(p), Level: float64(obs.Escalation[p]) / sim.Milli, Value: v,
			Tip: fmt.Sprintf("%s escalation ladder: %s of 5 (5 is open war)", PairName(p), v)})
	}
	tb.Talks = "talks " + MetricValue(sim.MetricTalksProgress, obs.Talks)
	if !obs.TalksOpen {
		tb.Talks += " (paused)"
	}
	if obs.Trust >= 0 {
		tb.Trust = "trust " + MetricValue(sim.MetricTrust, obs.Trust)
	}
	owner := obs.Actor
	if owner == sim.NoActor {
		owner = sim.USA
	}
	for i, v := range obs.Sites {
		s := &sc.Sites[i]
		if v.Hazard < 0 || obs.Owner(int32(i)) != owner {
			continue
		}
		tb.Hazards = append(tb.Hazards, Hazard{Site: int32(i), Name: ShortName(s.Name), Percent: Percent(v.Hazard), Micro: v.Hazard, Full: s.Name})
	}
	// the most threatened first: the bar shows as many as fit
	slices.SortStableFunc(tb.Hazards, func(a, b Hazard) int { return cmp.Compare(b.Micro, a.Micro) })
	return tb
}

// ladderMetric is the metric of a ladder's current level.
func ladderMetric(p sim.Pair) sim.Metric {
	if p == sim.IsraelIran {
		return sim.MetricEscalationIsraelIran
	}
	return sim.MetricEscalationUSIran
}

// RoleName names a role for people.
func RoleName(a sim.Actor) string {
	if a == sim.NoActor {
		return "Spectator"
	}
	return a.Name()
}

// MapName drops the parenthetical parts of a site name, for map labels:
// "Al-Omar oil field (Green Village)" → "Al-Omar oil field".
func MapName(name string) string {
	for {
		i := strings.Index(name, " (")
		j := strings.Index(name, ")")
		if i < 0 || j < i {
			return name
		}
		name = name[:i] + name[j+1:]
	}
}

// ShortName trims a site name to its place, for gauges and cards:
// "Al-Tanf garrison" → "Al-Tanf", "Conoco gas field" → "Conoco".
func ShortName(name string) string {
	name = MapName(name)
	for _, suffix := range []string{" garrison", " airbase", " air base", " airfield", " oil field", " gas field", " depots", " depot", " base", " border crossing", " post", " compound"} {
		if len(name) > len(suffix) && strings.HasSuffix(name, suffix) {
			return name[:len(name)-len(suffix)]
		}
	}
	return name
}
