package scenarios_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/scenario"
)

// setting is one way to play a role: a policy and some of its parameters.
type setting struct {
	name      string
	overrides []scenario.Override
}

// settingsFor lists, for a role, its policies at their defaults and with
// each parameter at the ends of its range, plus the passive way to play
// the role: never attack, never answer, never strike.
func settingsFor(role sim.Actor) []setting {
	var out []setting
	for _, name := range ai.Names(role) {
		spec, _ := ai.Lookup(role, name)
		base := []scenario.Override{
			{Key: "actor." + role.String() + ".policy", Value: strconv.Quote(name)},
			{Key: "actor." + role.String() + ".params", Value: "{}"},
		}
		out = append(out, setting{name, base})
		for _, p := range spec.Params {
			for _, v := range []float64{p.Min, p.Max} {
				if v == p.Default {
					continue
				}
				ov := append(append([]scenario.Override(nil), base...), scenario.Override{
					Key: "actor." + role.String() + ".params." + p.Key, Value: strconv.FormatFloat(v, 'g', -1, 64)})
				out = append(out, setting{fmt.Sprintf("%s %s=%g", name, p.Key, v), ov})
			}
		}
	}
	return out
}

// passive is the way to play a role that does nothing it has a choice
// about.
func passive(role sim.Actor) setting {
	key := map[sim.Actor]string{
		sim.Israel: "params.sorties_per_turn=0",
		sim.USA:    "actor.usa.params.respond=0",
		sim.Iran:   "actor.iran.params.threshold=100",
		sim.SDF:    "actor.sdf.params.max_troops=0",
	}[role]
	k, v, _ := strings.Cut(key, "=")
	return setting{"passive (" + key + ")", []scenario.Override{{Key: k, Value: v}}}
}

// winShare plays runs seeds of a scenario with overrides and returns the
// share of runs the role won.
func winShare(t *testing.T, f scenarios.File, ovs []scenario.Override, role sim.Actor, runs int) float64 {
	t.Helper()
	won := 0.0
	for _, run := range play(t, f, ovs, role, runs) {
		won += run[sim.NumMetrics] // 1 when the role won
	}
	return won / float64(runs)
}

// TestBalance checks, for the role each vignette suggests, that no strategy
// dominates and none is hopeless: across the role's policies, each at its
// defaults and with each parameter at the ends of its range, no setting wins
// 90% of runs or more, some setting wins at least 10%, and the passive way
// to play the role is not the best. Every policy is a credible strategy: at
// its defaults it wins at least 10% of the runs of some embedded scenario
// that gives its role objectives.
func TestBalance(t *testing.T) {
	const runs = 60
	for _, id := range []string{"tanf-2021", "green-village-2022", "bukamal-2018", "baghdadi-raid-2019", "peace-spring-2019"} {
		f, ok := scenarios.Lookup(id)
		if !ok {
			t.Fatalf("no scenario %s", id)
		}
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			t.Fatal(err)
		}
		role := sc.DefaultRole
		best, bestName := -1.0, ""
		for _, s := range settingsFor(role) {
			w := winShare(t, f, s.overrides, role, runs)
			t.Logf("%s %s %-40s won %3.0f%%", id, role, s.name, 100*w)
			if w >= 0.9 {
				t.Errorf("%s: %s setting %q wins %.0f%% of runs: a dominant strategy", id, role, s.name, 100*w)
			}
			if w > best {
				best, bestName = w, s.name
			}
		}
		if best < 0.1 {
			t.Errorf("%s: %s is hopeless: its best setting %q wins %.0f%% of runs", id, role, bestName, 100*best)
		}
		p := passive(role)
		if w := winShare(t, f, p.overrides, role, runs); w >= best {
			t.Errorf("%s: %s playing passive (%s) wins %.0f%%, as much as its best setting %q (%.0f%%)", id, role, p.name, 100*w, bestName, 100*best)
		} else {
			t.Logf("%s %s %-40s won %3.0f%%", id, role, p.name, 100*w)
		}
	}
	for _, spec := range ai.Specs() {
		if w, where := credibleShare(t, spec, runs); w < 0.1 {
			t.Errorf("%s policy %s at its defaults wins at most %.0f%% of the runs of %s", spec.Actor, spec.Name, 100*w, where)
		}
	}
}

// credibleShare returns the best share of runs a policy at its defaults
// wins among the embedded scenarios that give its actor objectives, and
// which scenarios those are.
func credibleShare(t *testing.T, spec ai.Spec, runs int) (best float64, where string) {
	t.Helper()
	var names []string
	for _, f := range scenarios.Files() {
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			t.Fatal(err)
		}
		has := false
		for _, o := range sc.Objectives {
			has = has || o.Role == spec.Actor
		}
		if !has {
			continue
		}
		names = append(names, sc.ID)
		ovs := []scenario.Override{
			{Key: "actor." + spec.Actor.String() + ".policy", Value: strconv.Quote(spec.Name)},
			{Key: "actor." + spec.Actor.String() + ".params", Value: "{}"},
		}
		best = max(best, winShare(t, f, ovs, spec.Actor, runs))
	}
	if len(names) == 0 {
		return 0, "any scenario (none gives " + spec.Actor.String() + " objectives)"
	}
	return best, strings.Join(names, ", ")
}

// TestShadowWarPassivityDoesNotPay: in the full campaign Iran never
// attacking wins less often than Iran's default policy (its attacks make
// the US turn Israeli strikes away from its zones, at a price in the talks),
// and Israel's role is credible at the defaults (it wins 10% of runs or
// more).
func TestShadowWarPassivityDoesNotPay(t *testing.T) {
	const runs = 200
	f, ok := scenarios.Lookup("shadow-war")
	if !ok {
		t.Fatal("shadow-war is not embedded")
	}
	p := passive(sim.Iran)
	def, pas := winShare(t, f, nil, sim.Iran, runs), winShare(t, f, p.overrides, sim.Iran, runs)
	t.Logf("shadow-war: Iran wins %.1f%% at its defaults, %.1f%% playing passive (%s)", 100*def, 100*pas, p.name)
	if pas >= def {
		t.Errorf("shadow-war: Iran playing passive (%s) wins %.1f%%, as much as its default policy (%.1f%%)", p.name, 100*pas, 100*def)
	}
	if w := winShare(t, f, nil, sim.Israel, runs); w < 0.1 {
		t.Errorf("shadow-war: Israel wins %.1f%% of runs at the defaults, under 10%%", 100*w)
	} else {
		t.Logf("shadow-war: Israel wins %.1f%% at the defaults", 100*w)
	}
}
