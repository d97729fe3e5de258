package sim_test

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestEveryChangeHasItsCause: the recorded changes of the talks and of
// trust form an unbroken chain from the start of a run to its end: every
// change the state saw is recorded, with its cause, and nothing else.
func TestEveryChangeHasItsCause(t *testing.T) {
	sc := simtest.Scenario()
	causes := map[sim.Cause]bool{}
	for seed := uint64(1); seed <= 10; seed++ {
		e := sim.New(sc, seed)
		e.SetLogging(true)
		start := [sim.NumQuantities]int64{e.State().Talks, e.State().Trust}
		c := &simtest.Chaos{Engine: e, Src: simtest.NewDice(seed)}
		if err := c.Play(120); err != nil {
			t.Fatal(err)
		}
		at := start
		for _, ch := range e.TakeChanges() {
			if ch.Before != at[ch.Quantity] {
				t.Fatalf("seed %d, turn %d: quantity %d changed from %d, but it stood at %d", seed, ch.Turn, ch.Quantity, ch.Before, at[ch.Quantity])
			}
			if ch.After == ch.Before || ch.Cause >= sim.NumCauses {
				t.Fatalf("seed %d: a change that is none or has no cause: %+v", seed, ch)
			}
			at[ch.Quantity] = ch.After
			causes[ch.Cause] = true
		}
		if end := [sim.NumQuantities]int64{e.State().Talks, e.State().Trust}; at != end {
			t.Fatalf("seed %d: the changes end at %v, the state at %v", seed, at, end)
		}
	}
	for _, c := range []sim.Cause{sim.CauseTalksProgress, sim.CauseApproval, sim.CauseDenial} {
		if !causes[c] {
			t.Errorf("cause %d never came up in 10 random runs", c)
		}
	}
}
