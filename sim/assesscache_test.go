package sim_test

import (
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestObserveCacheMatchesRecomputing: at every stop of random runs, what
// Israel, the US and a spectator observe, and the assessment of every
// route to every site and shipment, from an engine whose route assessments
// and leg geometry are cached from earlier stops (and runs) equal what a
// fresh copy with no cache (Clone(nil) starts them empty) computes afresh.
func TestObserveCacheMatchesRecomputing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := scenarioFor(t)
		p, err := simtest.NewPlayer(sc, rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed"))
		if err != nil {
			t.Fatal(err)
		}
		var cached, fresh sim.Observation
		stops := 0
		p.AtStop = func() error {
			stops++
			cold := p.Engine.Clone(nil)
			for _, a := range [...]sim.Actor{sim.Israel, sim.USA, sim.NoActor} {
				p.Engine.Observe(a, &cached)
				cold.Observe(a, &fresh)
				if !reflect.DeepEqual(cached, fresh) {
					t.Fatalf("turn %d, step %s, %s: cached observation\n%+v\nrecomputed\n%+v", p.Engine.Turn(), p.Engine.Step(), a, cached, fresh)
				}
			}
			var targets []geo.Point
			for _, s := range sc.Sites {
				targets = append(targets, s.Pos)
			}
			for _, s := range fresh.Shipments {
				targets = append(targets, s.Pos)
			}
			for r := range sc.Routes {
				for _, pos := range targets {
					if got, want := p.Engine.Assess(int32(r), pos), cold.Assess(int32(r), pos); got != want {
						t.Fatalf("turn %d, step %s, route %d to %v: cached assessment %+v, recomputed %+v", p.Engine.Turn(), p.Engine.Step(), r, pos, got, want)
					}
				}
			}
			return nil
		}
		// a first run fills the caches, the second reads them
		if err := p.Play(rapid.Int32Range(1, 100).Draw(t, "turns")); err != nil {
			t.Fatal(err)
		}
		p.Reset(rapid.Uint64Range(0, 1<<53-1).Draw(t, "second_seed"))
		if err := p.Play(rapid.Int32Range(1, 100).Draw(t, "more_turns")); err != nil {
			t.Fatal(err)
		}
		if stops == 0 {
			t.Fatal("the run made no stop")
		}
	})
}
