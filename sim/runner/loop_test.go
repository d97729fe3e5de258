package runner_test

import (
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestLoopScriptKeepsAIInStep: a recorded AI run given as the Script of a
// loop whose AI plays again replays exactly, and a recording whose AI order
// was changed is refused with the index of the first order that differs.
func TestLoopScriptKeepsAIInStep(t *testing.T) {
	sc := simtest.Scenario()
	want, err := runner.NewDriver(sc).Run(5, runner.Options{Record: true})
	if err != nil {
		t.Fatal(err)
	}
	play := func(script []sim.Recorded) (*runner.Loop, error) {
		pol, err := runner.Policies(sc, 5)
		if err != nil {
			t.Fatal(err)
		}
		l := &runner.Loop{Engine: sim.New(sc, 5), Policies: pol, Script: script, Record: true}
		return l, l.Play(0)
	}
	l, err := play(want.Orders)
	if err != nil {
		t.Fatal(err)
	}
	if l.Engine.Hash() != want.FinalHash || len(l.Orders) != len(want.Orders) || len(l.Unplayed()) != 0 {
		t.Fatalf("replayed with AI: %s, %d orders, %d unplayed; want %s, %d orders",
			l.Engine.Hash(), len(l.Orders), len(l.Unplayed()), want.FinalHash, len(want.Orders))
	}
	i := len(want.Orders) / 2
	tampered := append([]sim.Recorded(nil), want.Orders...)
	tampered[i].Order.Kind = sim.NumOrderKinds // an order no policy gives
	if _, err := play(tampered); err == nil || !strings.Contains(err.Error(), "differs from the recording") {
		t.Fatalf("tampered recording: %v", err)
	}
}

// TestLoopWaitsForThePlayer: with the US in the player's seat, Play returns
// whenever the US has open decisions and only then (or at the end); the
// player answering with the US policy's own orders ends the run.
func TestLoopWaitsForThePlayer(t *testing.T) {
	sc := simtest.Scenario()
	pol, err := runner.Policies(sc, 3)
	if err != nil {
		t.Fatal(err)
	}
	l := &runner.Loop{Engine: sim.New(sc, 3), Policies: pol, Record: true}
	l.Seats[sim.USA] = runner.SeatPlayer
	var obs sim.Observation
	waits := 0
	for !l.Engine.Over() {
		if err := l.Play(0); err != nil {
			t.Fatal(err)
		}
		if l.Engine.Over() {
			break
		}
		if !l.Engine.HasOpen(sim.USA) {
			t.Fatalf("turn %d: Play returned with no US decision open", l.Engine.Turn())
		}
		waits++
		if stop, err := l.Step(); err != nil || stop != sim.StopDecide {
			t.Fatalf("a step while the player must answer moved the run: %v, %v", stop, err)
		}
		l.Engine.Observe(sim.USA, &obs)
		for _, o := range pol[sim.USA].Decide(&obs, nil) {
			if err := l.Give(sim.USA, o); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Close(sim.USA); err != nil {
			t.Fatal(err)
		}
	}
	if waits == 0 {
		t.Fatal("the US never had to decide")
	}
}

// policyFunc is a policy whose type cannot be compared.
type policyFunc func(obs *sim.Observation, out []sim.Order) []sim.Order

func (f policyFunc) Decide(obs *sim.Observation, out []sim.Order) []sim.Order { return f(obs, out) }

// TestLoopObservesForThePolicyInPlace: a policy put in place of another in
// the middle of a run is observed for as itself. Israel's own policy leaves
// the model constants and most route options out; a plain function put in
// its place at turn 40 (a type that cannot be compared) must see them all,
// at every stop it answers.
func TestLoopObservesForThePolicyInPlace(t *testing.T) {
	p, err := simtest.NewPlayer(simtest.Embedded(t, "shadow-war"), 3)
	if err != nil {
		t.Fatal(err)
	}
	p.Reset(3)
	if err := p.Play(40); err != nil {
		t.Fatal(err)
	}
	own, stops, options := p.Policies[sim.Israel], 0, 0
	p.Policies[sim.Israel] = policyFunc(func(obs *sim.Observation, out []sim.Order) []sim.Order {
		stops++
		if obs.Params != p.Engine.State().Params {
			t.Fatalf("turn %d: the function's observation lacks the model constants", obs.Turn)
		}
		for _, tv := range obs.Targets {
			options += int(tv.Count)
		}
		return own.Decide(obs, out)
	})
	if err := p.Play(400); err != nil {
		t.Fatal(err)
	}
	if stops == 0 || options == 0 {
		t.Fatalf("the function answered %d stops and saw %d route options; want some of each", stops, options)
	}
}
