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

// TestStruckAirDefenceShowsAtOnce: in testland with the S-200 battery made
// an Israeli target that is always found and always destroyed, the stop
// after a strike destroys it observes its cover gone, as a fresh copy with
// no cache does. A cache that missed the strike (it changes the air
// defences up without a new turn or zone) would still show the battery's
// exposure on every route past it.
func TestStruckAirDefenceShowsAtOnce(t *testing.T) {
	sc := simtest.Scenario()
	s200 := sc.SiteIndex("s200-dumayr")
	sc.Sites[s200].Target, sc.Sites[s200].Value = true, 5*sim.Milli // the most valuable target: struck first
	sc.Params[sim.ParamDetectSite] = sim.Micro
	sc.Params[sim.ParamStrikeSmall], sc.Params[sim.ParamStrikeMedium], sc.Params[sim.ParamStrikeLarge] = sim.Micro, sim.Micro, sim.Micro
	p, err := simtest.NewPlayer(sc, 1)
	if err != nil {
		t.Fatal(err)
	}
	var cached, fresh sim.Observation
	seenDown := false
	p.AtStop = func() error {
		cold := p.Engine.Clone(nil)
		p.Engine.Observe(sim.Israel, &cached)
		cold.Observe(sim.Israel, &fresh)
		if !reflect.DeepEqual(cached.Options, fresh.Options) {
			t.Fatalf("turn %d, step %s: cached options\n%+v\nrecomputed\n%+v", p.Engine.Turn(), p.Engine.Step(), cached.Options, fresh.Options)
		}
		seenDown = seenDown || p.Engine.State().Sites[s200].DisabledTill >= p.Engine.Turn() && len(cached.Options) > 0
		return nil
	}
	if err := p.Play(60); err != nil {
		t.Fatal(err)
	}
	if !seenDown {
		t.Fatal("no stop observed the battery destroyed with a target to strike: the test checks nothing")
	}
}
