package sim_test

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// quantities reads the recorded quantities from the state.
func quantities(st *sim.State) [sim.NumQuantities]int64 {
	q := [sim.NumQuantities]int64{sim.QuantityTalks: st.Talks, sim.QuantityTrust: st.Trust, sim.QuantityCounterIS: st.CounterIS}
	for p := sim.Pair(0); p < sim.NumPairs; p++ {
		q[sim.LadderQuantity(p)] = st.Escalation[p]
	}
	return q
}

// TestEveryChangeHasItsCause: the recorded changes of the talks, of trust,
// of the ladders and of the counter-IS campaign form an unbroken chain from the start of a run to its end: every
// change the state saw is recorded, with its cause, and nothing else.
func TestEveryChangeHasItsCause(t *testing.T) {
	sc := simtest.Scenario()
	causes := map[sim.Cause]bool{}
	for seed := uint64(1); seed <= 10; seed++ {
		e := sim.New(sc, seed)
		e.SetLogging(true)
		start := quantities(e.State())
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
		if end := quantities(e.State()); at != end {
			t.Fatalf("seed %d: the changes end at %v, the state at %v", seed, at, end)
		}
	}
	for _, c := range []sim.Cause{sim.CauseTalksProgress, sim.CauseApproval, sim.CauseDenial, sim.CauseDecay, sim.CauseStrike, sim.CauseCampaign} {
		if !causes[c] {
			t.Errorf("cause %d never came up in 10 random runs", c)
		}
	}
}
