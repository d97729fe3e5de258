package sim_test

import (
	"bytes"
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// chaosRun plays a run with random orders from a PCG stream and returns
// the hash and digest after every turn.
func chaosRun(t *rapid.T, e *sim.Engine, orderSeed uint64, turns int32) *simtest.Chaos {
	c := &simtest.Chaos{Engine: e, Src: simtest.NewDice(orderSeed)}
	if err := c.Play(turns); err != nil {
		t.Fatal(err)
	}
	return c
}

func sameRuns(t *rapid.T, what string, a, b *simtest.Chaos) {
	if len(a.Hashes) != len(b.Hashes) {
		t.Fatalf("%s: %d turns against %d", what, len(a.Hashes), len(b.Hashes))
	}
	for i := range a.Hashes {
		if a.Hashes[i] != b.Hashes[i] || !bytes.Equal(a.Digests[i], b.Digests[i]) {
			t.Fatalf("%s: turn %d hashes %s and %s", what, i, a.Hashes[i], b.Hashes[i])
		}
	}
	if len(a.Orders) != len(b.Orders) {
		t.Fatalf("%s: %d orders against %d", what, len(a.Orders), len(b.Orders))
	}
}

func scenarioFor(t *rapid.T) *sim.Scenario {
	if rapid.Bool().Draw(t, "testland") {
		return simtest.Scenario()
	}
	return simtest.ScenarioGen().Draw(t, "scenario")
}

// atEveryStop plays a run of a random scenario (scenarioFor) from a random
// seed for up to maxTurns turns, with the default AI, and calls check at
// every stop.
func atEveryStop(t *rapid.T, maxTurns int32, check func(e *sim.Engine, sc *sim.Scenario)) {
	sc := scenarioFor(t)
	p, err := simtest.NewPlayer(sc, rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed"))
	if err != nil {
		t.Fatal(err)
	}
	p.AtStop = func() error {
		check(p.Engine, sc)
		return nil
	}
	if err := p.Play(rapid.Int32Range(1, maxTurns).Draw(t, "turns")); err != nil {
		t.Fatal(err)
	}
}

// TestDeterminism: the same scenario, seed and orders give the same hash and
// digest after every turn, in a fresh engine and in one that was Reset after
// playing another run.
func TestDeterminism(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := scenarioFor(t)
		seed := rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed")
		orderSeed := rapid.Uint64().Draw(t, "order_seed")
		turns := rapid.Int32Range(1, 120).Draw(t, "turns")
		first := chaosRun(t, sim.New(sc, seed), orderSeed, turns)
		second := chaosRun(t, sim.New(sc, seed), orderSeed, turns)
		sameRuns(t, "two fresh engines", first, second)

		reused := sim.New(sc, seed+1)
		chaosRun(t, reused, orderSeed+1, rapid.Int32Range(1, 60).Draw(t, "other_turns"))
		reused.Reset(seed)
		sameRuns(t, "a fresh and a reset engine", first, chaosRun(t, reused, orderSeed, turns))
	})
}

// TestResetRestoresTheStart: Reset puts an engine back exactly where New
// starts, whatever it played before.
func TestResetRestoresTheStart(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := scenarioFor(t)
		seed := rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed")
		fresh := sim.New(sc, seed)
		used := sim.New(sc, rapid.Uint64Range(0, 1<<53-1).Draw(t, "other_seed"))
		chaosRun(t, used, rapid.Uint64().Draw(t, "order_seed"), rapid.Int32Range(1, 60).Draw(t, "turns"))
		used.Reset(seed)
		if fresh.Hash() != used.Hash() || !bytes.Equal(fresh.State().Digest(nil), used.State().Digest(nil)) {
			t.Fatalf("after Reset: hash %s, fresh engine %s", used.Hash(), fresh.Hash())
		}
		if len(used.TakeLog()) != 0 {
			t.Fatal("Reset kept the old run's log")
		}
	})
}

// TestSeedsDiffer guards against a seed that is ignored: different seeds
// give different runs of testland.
func TestSeedsDiffer(t *testing.T) {
	hashes := map[sim.Hash]uint64{}
	for seed := uint64(0); seed < 8; seed++ {
		p, err := simtest.NewPlayer(simtest.Scenario(), seed)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Play(0); err != nil {
			t.Fatal(err)
		}
		h := p.Engine.Hash()
		if other, ok := hashes[h]; ok {
			t.Fatalf("seeds %d and %d end with the same hash %s", other, seed, h)
		}
		hashes[h] = seed
	}
}
