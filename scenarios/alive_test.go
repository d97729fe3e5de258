package scenarios_test

import (
	"os"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
)

// TestEveryMechanicIsAlive plays 100 runs of every embedded scenario under
// its default AI and checks that no part of the model is dead: every metric
// of `run --json` is non-zero in at least one run, and the AI gives every
// order kind somewhere. Every kind of event effect fires in some run of an
// embedded scenario or of the loader's theatre of every effect
// (sim/scenario/testdata/levant.toml, the format's worked example). A
// mechanic that never moves cannot be checked by anyone.
func TestEveryMechanicIsAlive(t *testing.T) {
	const runs = 100
	var metricSeen [sim.NumMetrics]bool
	var orderSeen [sim.NumOrderKinds]bool
	var effectSeen [sim.NumEffectKinds]bool
	levant, err := os.ReadFile("../sim/scenario/testdata/levant.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(scenarios.Files(), scenarios.File{Name: "levant.toml", Data: levant}) {
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			t.Fatal(err)
		}
		d := runner.NewDriver(sc)
		for seed := uint64(1); seed <= runs; seed++ {
			res, err := d.Run(seed, runner.Options{Record: true})
			if err != nil {
				t.Fatalf("%s seed %d: %v", f.Name, seed, err)
			}
			for m, v := range res.Metrics {
				if v != 0 {
					metricSeen[m] = true
				}
			}
			for _, r := range res.Orders {
				orderSeen[r.Order.Kind] = true
			}
			for i, fired := range d.Engine().State().Fired {
				for _, ef := range sc.Events[i].Effects {
					effectSeen[ef.Kind] = effectSeen[ef.Kind] || fired
				}
			}
		}
	}
	for m, seen := range metricSeen {
		if !seen {
			t.Errorf("metric %s is zero in every run of every embedded scenario", sim.Metric(m))
		}
	}
	for k, seen := range orderSeen {
		if !seen {
			t.Errorf("no AI gives a %s order in any run of any embedded scenario", sim.OrderKind(k))
		}
	}
	for k, seen := range effectSeen {
		if !seen {
			t.Errorf("no event with a %s effect fires in any run", sim.EffectKind(k))
		}
	}
}
