package sim_test

import (
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestObserveCacheMatchesRecomputing: at every stop of random runs, what
// Israel, the US and a spectator observe from an engine whose route
// assessments are cached from earlier stops equals what a copy with no
// cache (Clone starts it empty) computes afresh.
func TestObserveCacheMatchesRecomputing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := scenarioFor(t)
		p, err := simtest.NewPlayer(sc, rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed"))
		if err != nil {
			t.Fatal(err)
		}
		var cached, fresh sim.Observation
		var cold *sim.Engine
		stops := 0
		p.AtStop = func() error {
			stops++
			cold = p.Engine.Clone(cold)
			for _, a := range [...]sim.Actor{sim.Israel, sim.USA, sim.NoActor} {
				p.Engine.Observe(a, &cached)
				cold.Observe(a, &fresh)
				if !reflect.DeepEqual(cached, fresh) {
					t.Fatalf("turn %d, step %s, %s: cached observation\n%+v\nrecomputed\n%+v", p.Engine.Turn(), p.Engine.Step(), a, cached, fresh)
				}
			}
			return nil
		}
		if err := p.Play(rapid.Int32Range(1, 200).Draw(t, "turns")); err != nil {
			t.Fatal(err)
		}
		if stops == 0 {
			t.Fatal("the run made no stop")
		}
	})
}
