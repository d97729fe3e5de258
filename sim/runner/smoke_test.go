package runner_test

import (
	"bytes"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestSmokeRun plays testland with AI, twice with the same seed and once
// replayed from its recording: all three end in the same state.
func TestSmokeRun(t *testing.T) {
	d := runner.NewDriver(simtest.Scenario())
	r1, err := d.Run(7, runner.Options{Record: true, Log: true})
	if err != nil {
		t.Fatal(err)
	}
	if r1.Outcome == sim.OutcomeRunning || r1.Turns <= 0 || len(r1.Orders) == 0 || len(r1.Log) == 0 {
		t.Fatalf("a run that played nothing: %s after %d turns, %d orders, %d log entries", r1.Outcome, r1.Turns, len(r1.Orders), len(r1.Log))
	}
	if len(r1.Hashes) != int(r1.Turns) || len(r1.Digests) != int(r1.Turns) {
		t.Fatalf("%d turns but %d hashes and %d digests", r1.Turns, len(r1.Hashes), len(r1.Digests))
	}
	r2, err := d.Run(7, runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r1.FinalHash != r2.FinalHash || r1.Metrics != r2.Metrics {
		t.Fatalf("same seed, different runs: %s vs %s", r1.FinalHash, r2.FinalHash)
	}
	rp, err := d.Replay(7, r1.Orders, runner.Options{Record: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, "replay", r1, rp)
}

// sameResult fails unless two results agree turn by turn.
func sameResult(t interface{ Fatalf(string, ...any) }, what string, want, got runner.Result) {
	if len(want.Hashes) != len(got.Hashes) {
		t.Fatalf("%s: %d turns hashed, want %d", what, len(got.Hashes), len(want.Hashes))
	}
	for i := range want.Hashes {
		if want.Hashes[i] != got.Hashes[i] || !bytes.Equal(want.Digests[i], got.Digests[i]) {
			t.Fatalf("%s: turn %d hash %s, want %s", what, i, got.Hashes[i], want.Hashes[i])
		}
	}
	if want.FinalHash != got.FinalHash || want.Outcome != got.Outcome || want.Turns != got.Turns ||
		want.Metrics != got.Metrics || want.Verdicts != got.Verdicts {
		t.Fatalf("%s: final hash %s (%s, %d turns), want %s (%s, %d turns)", what,
			got.FinalHash, got.Outcome, got.Turns, want.FinalHash, want.Outcome, want.Turns)
	}
}

// TestReplayRoundTrip: a recorded AI run, replayed from its orders alone,
// gives the same hash and digest after every turn, the same final hash,
// metrics and verdicts.
func TestReplayRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := simtest.Scenario()
		if rapid.Bool().Draw(t, "generated") {
			sc = simtest.ScenarioGen().Draw(t, "scenario")
		}
		seed := rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed")
		opt := runner.Options{Record: true, Turns: rapid.Int32Range(0, 200).Draw(t, "turns")}
		d := runner.NewDriver(sc)
		rec, err := d.Run(seed, opt)
		if err != nil {
			t.Fatal(err)
		}
		rp, err := runner.NewDriver(sc).Replay(seed, rec.Orders, opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		sameResult(t, "replay", rec, rp)
	})
}

// TestReplayOfRandomOrders: a run driven by random orders (valid answers,
// free orders, defaults) replays through the driver to the same hash after
// every turn.
func TestReplayOfRandomOrders(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := simtest.Scenario()
		if rapid.Bool().Draw(t, "generated") {
			sc = simtest.ScenarioGen().Draw(t, "scenario")
		}
		seed := rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed")
		turns := rapid.Int32Range(0, 100).Draw(t, "turns")
		c := &simtest.Chaos{Engine: sim.New(sc, seed), Src: simtest.NewDice(rapid.Uint64().Draw(t, "order_seed"))}
		if err := c.Play(turns); err != nil {
			t.Fatal(err)
		}
		var turn int32
		rp, err := runner.NewDriver(sc).Replay(seed, c.Orders, runner.Options{Record: true, Turns: turns}, func(tn int32, e *sim.Engine) error {
			turn++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(rp.Hashes) != len(c.Hashes) || int(turn) != len(c.Hashes) {
			t.Fatalf("replay hashed %d turns and checked %d, the run %d", len(rp.Hashes), turn, len(c.Hashes))
		}
		for i := range c.Hashes {
			if rp.Hashes[i] != c.Hashes[i] {
				ref, _ := c.Engine.State().FieldAt(firstDifference(c.Digests[i], rp.Digests[i]))
				t.Fatalf("turn %d: replay hash %s, run %s (first difference near %s.%s)", i, rp.Hashes[i], c.Hashes[i], ref.Entity, ref.Field)
			}
		}
		if rp.FinalHash != c.Engine.Hash() {
			t.Fatalf("replay ends with %s, the run with %s", rp.FinalHash, c.Engine.Hash())
		}
	})
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestReplayRejectsATamperedRecording: a replay whose orders were changed
// in a way that must matter (an approval turned into a denial, an answer
// dropped) either fails or ends elsewhere; it never silently matches.
func TestReplayRejectsATamperedRecording(t *testing.T) {
	sc := simtest.Scenario()
	sc.Actors[sim.USA].Policy = "permissive"
	d := runner.NewDriver(sc)
	rec, err := d.Run(11, runner.Options{Record: true})
	if err != nil {
		t.Fatal(err)
	}
	tampered := 0
	for i, r := range rec.Orders {
		if r.Order.Kind != sim.OrderApprove {
			continue
		}
		orders := append([]sim.Recorded(nil), rec.Orders...)
		orders[i].Order.Kind = sim.OrderDeny
		rp, err := d.Replay(11, orders, runner.Options{}, nil)
		if err == nil && rp.FinalHash == rec.FinalHash {
			t.Fatalf("turning approval %d into a denial went unnoticed", i)
		}
		if tampered++; tampered == 5 {
			break
		}
	}
	if tampered == 0 {
		t.Fatal("no approvals to tamper with")
	}
	// dropping an answer leaves a decision open: the replay must say so
	for i, r := range rec.Orders {
		if r.Order.Decision != 0 && r.Order.Kind != sim.OrderStrike {
			orders := append(append([]sim.Recorded(nil), rec.Orders[:i]...), rec.Orders[i+1:]...)
			if _, err := d.Replay(11, orders, runner.Options{}, nil); err == nil || !strings.Contains(err.Error(), "no answer") {
				t.Fatalf("a recording missing an answer replayed with error %v", err)
			}
			break
		}
	}
}
