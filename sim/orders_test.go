package sim_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// midRun plays a random prefix of a run (AI decisions, then random orders
// for a few stops) and returns the engine at a stop.
func midRun(t *rapid.T) *sim.Engine {
	sc := scenarioFor(t)
	p, err := simtest.NewPlayer(sc, rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed"))
	if err != nil {
		t.Fatal(err)
	}
	for range rapid.IntRange(0, 80).Draw(t, "ai_turns") {
		if stop, err := p.Turn(); err != nil {
			t.Fatal(err)
		} else if stop == sim.StopOver {
			break
		}
	}
	// stop somewhere inside a turn, where decisions are open
	for range rapid.IntRange(0, 4).Draw(t, "stops") {
		if stop, err := p.Step(); err != nil {
			t.Fatal(err)
		} else if stop == sim.StopOver {
			break
		}
	}
	return p.Engine
}

// unchanged fails unless the state equals a copy taken before, field by
// field, by hash and by digest.
func unchanged(t *rapid.T, what string, e *sim.Engine, before sim.State, hash sim.Hash, digest []byte) {
	if e.Hash() != hash {
		t.Fatalf("%s changed the state hash", what)
	}
	if !bytes.Equal(e.State().Digest(nil), digest) {
		t.Fatalf("%s changed the state digest", what)
	}
	if after := simtest.Clone(e.State()); !reflect.DeepEqual(before, after) {
		t.Fatalf("%s changed the state:\nbefore %+v\nafter  %+v", what, before, after)
	}
}

// TestRejectedOrderChangesNothing: an order Apply refuses returns an error
// wrapping ErrInvalidOrder and leaves the state exactly as it was.
func TestRejectedOrderChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := midRun(t)
		rejected := 0
		for range 20 {
			a, o := simtest.RandomOrder(simtest.Rapid{T: t}, e)
			before, hash, digest := simtest.Clone(e.State()), e.Hash(), e.State().Digest(nil)
			err := e.Apply(a, o)
			if err == nil {
				continue
			}
			rejected++
			if !errors.Is(err, sim.ErrInvalidOrder) {
				t.Fatalf("error %q does not wrap ErrInvalidOrder", err)
			}
			unchanged(t, "rejected "+o.Kind.String()+" order", e, before, hash, digest)
		}
		if rejected == 0 {
			t.Fatal("20 random orders, none rejected: the generator is too kind")
		}
	})
}

// TestPreviewIsPure: Preview never changes the state and fails exactly when
// Check does, with the same error; an order it accepts, Apply accepts too.
func TestPreviewIsPure(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := midRun(t)
		src := simtest.Rapid{T: t}
		var obs sim.Observation
		for range 20 {
			a, o := simtest.RandomOrder(src, e)
			if rapid.Bool().Draw(t, "valid") {
				for _, d := range e.Pending() {
					if !d.Done {
						a = d.Actor
						e.Observe(a, &obs)
						o, _ = simtest.ValidOrder(src, &obs)
						break
					}
				}
			}
			before, hash, digest := simtest.Clone(e.State()), e.Hash(), e.State().Digest(nil)
			checkErr := e.Check(a, o)
			unchanged(t, "Check", e, before, hash, digest)
			pv, err := e.Preview(a, o)
			unchanged(t, "Preview", e, before, hash, digest)
			if (err == nil) != (checkErr == nil) || err != nil && err.Error() != checkErr.Error() {
				t.Fatalf("Preview error %v, Check error %v", err, checkErr)
			}
			if err != nil {
				continue
			}
			for _, l := range pv.Lines {
				if l.Label == "" || l.Scale <= 0 {
					t.Fatalf("preview line without label or scale: %+v", l)
				}
			}
			if rapid.Bool().Draw(t, "apply") {
				if err := e.Apply(a, o); err != nil {
					t.Fatalf("Preview accepted %+v, Apply refused it: %v", o, err)
				}
			}
		}
	})
}

// TestOrderAPIStateMachine runs random sequences of the order API's calls
// (advance, answer with valid orders, try invalid ones, give free orders,
// observe, preview) and checks the invariants after each.
func TestOrderAPIStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := scenarioFor(t)
		e := sim.New(sc, rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed"))
		src := simtest.Rapid{T: t}
		var obs sim.Observation
		prev := simtest.Clone(e.State())
		openActors := func() []sim.Actor {
			var out []sim.Actor
			for a := sim.Actor(0); a < sim.NumActors; a++ {
				if e.HasOpen(a) {
					out = append(out, a)
				}
			}
			return out
		}
		t.Repeat(map[string]func(*rapid.T){
			"advance": func(t *rapid.T) {
				open := len(openActors()) > 0
				hash := e.Hash()
				stop := e.Advance()
				switch {
				case open && (stop != sim.StopDecide || e.Hash() != hash):
					t.Fatalf("Advance with open decisions returned %d and changed the hash %s → %s", stop, hash, e.Hash())
				case e.Over() != (stop == sim.StopOver):
					t.Fatalf("Advance returned %d, Over() = %v", stop, e.Over())
				case stop == sim.StopDecide && len(openActors()) == 0:
					t.Fatal("Advance stopped for a decision, but none is open")
				}
			},
			"play-turns": func(t *rapid.T) {
				for range rapid.IntRange(1, 20).Draw(t, "turns") {
					if e.Over() {
						break
					}
					for {
						answerDefaults(t, e)
						if e.Advance() != sim.StopDecide {
							break
						}
					}
				}
			},
			"answer-valid": func(t *rapid.T) {
				actors := openActors()
				if len(actors) == 0 {
					t.Skip("no open decision")
				}
				a := rapid.SampledFrom(actors).Draw(t, "actor")
				e.Observe(a, &obs)
				o, ok := simtest.ValidOrder(src, &obs)
				if !ok {
					t.Fatalf("%s has open decisions but its observation lists none", a)
				}
				if err := e.Apply(a, o); err != nil {
					t.Fatalf("valid %s order %+v by %s refused: %v", o.Kind, o, a, err)
				}
			},
			"answer-default": func(t *rapid.T) { answerDefaults(t, e) },
			"free-order": func(t *rapid.T) {
				a, o, ok := simtest.FreeOrder(src, e)
				if !ok {
					t.Skip("no free order fits")
				}
				if err := e.Apply(a, o); (err != nil) != e.Over() {
					t.Fatalf("free %s order %+v by %s: %v (run over: %v)", o.Kind, o, a, err, e.Over())
				}
			},
			"invalid-order": func(t *rapid.T) {
				a, o := simtest.RandomOrder(src, e)
				before, hash, digest := simtest.Clone(e.State()), e.Hash(), e.State().Digest(nil)
				if err := e.Apply(a, o); err != nil {
					if !errors.Is(err, sim.ErrInvalidOrder) {
						t.Fatalf("error %q does not wrap ErrInvalidOrder", err)
					}
					unchanged(t, "a rejected order", e, before, hash, digest)
				}
			},
			"observe": func(t *rapid.T) {
				a := sim.Actor(rapid.IntRange(0, int(sim.NumActors)-1).Draw(t, "actor"))
				hash := e.Hash()
				e.Observe(a, &obs)
				if e.Hash() != hash {
					t.Fatal("Observe changed the state")
				}
				want := 0
				for _, d := range e.Pending() {
					if !d.Done && d.Actor == a {
						want++
					}
				}
				if len(obs.Decisions) != want {
					t.Fatalf("%s observes %d decisions, has %d open", a, len(obs.Decisions), want)
				}
				for _, d := range obs.Decisions {
					if d.Actor != a || d.Done {
						t.Fatalf("%s observes decision %+v", a, d)
					}
				}
				if a == sim.Iran && (obs.Trust != -1 || obs.Counters[sim.MetricRequests] != 0) {
					t.Fatal("Iran sees the secret review")
				}
				if obs.Turn != e.Turn() || len(obs.Sites) != len(sc.Sites) {
					t.Fatalf("observation of turn %d with %d sites", obs.Turn, len(obs.Sites))
				}
			},
			"preview": func(t *rapid.T) {
				a, o := simtest.RandomOrder(src, e)
				hash := e.Hash()
				_, err := e.Preview(a, o)
				if e.Hash() != hash {
					t.Fatal("Preview changed the state")
				}
				if cerr := e.Check(a, o); (err == nil) != (cerr == nil) {
					t.Fatalf("Preview error %v, Check error %v", err, cerr)
				}
			},
			"": func(t *rapid.T) {
				st := e.State()
				if err := simtest.Invariants(sc, st); err != nil {
					t.Fatal(err)
				}
				if err := simtest.Progress(&prev, st); err != nil {
					t.Fatal(err)
				}
				prev = simtest.Clone(st)
			},
		})
	})
}
