package runner_test

import (
	"reflect"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestRouteOptionsCacheWholeRuns: at every stop of whole runs of every
// benchmarked scenario (shadow-war included) with the default AI, what
// Israel and a spectator observe from an engine whose route options,
// assessments and leg geometry are cached from earlier stops and runs
// equals what a fresh copy with no cache (Clone(nil) starts them empty)
// works out afresh. A cache that kept an answer after halts, air
// defences, detections, parameters or the air-defence level changed would
// show there.
func TestRouteOptionsCacheWholeRuns(t *testing.T) {
	for _, s := range simtest.Benchmarked(t) {
		t.Run(s.Name, func(t *testing.T) {
			p, err := simtest.NewPlayer(s.Scenario, 1)
			if err != nil {
				t.Fatal(err)
			}
			var cached, fresh sim.Observation
			options := 0
			p.AtStop = func() error {
				cold := p.Engine.Clone(nil)
				for _, a := range [...]sim.Actor{sim.Israel, sim.NoActor} {
					p.Engine.Observe(a, &cached)
					cold.Observe(a, &fresh)
					if !reflect.DeepEqual(cached, fresh) {
						t.Fatalf("turn %d, step %s, %s: cached observation\n%+v\nrecomputed\n%+v", p.Engine.Turn(), p.Engine.Step(), a, cached, fresh)
					}
					options += len(cached.Options)
				}
				return nil
			}
			// the first run fills the caches, the second reads them
			for _, seed := range []uint64{1, 2} {
				p.Reset(seed)
				if err := p.Play(0); err != nil {
					t.Fatal(err)
				}
			}
			if options == 0 {
				t.Fatal("Israel never had a route option to compare")
			}
		})
	}
}
