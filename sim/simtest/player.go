package simtest

import (
	"fmt"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/runner"
)

// Player drives an engine through a runner.Loop with the scenario's AI
// policies for every actor. Unlike runner.Driver it keeps its policies
// across runs and lets the caller step (Step, Turn, Play), so benchmarks can
// time single turns in a steady state, and tests can step a run and look at
// it between stops. Set Apply to route every order through an auditor.
type Player struct {
	runner.Loop
}

// NewPlayer starts a run of the scenario with the AI policies it names.
func NewPlayer(sc *sim.Scenario, seed uint64) (*Player, error) {
	p := &Player{}
	p.Engine = sim.New(sc, seed)
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		pol, err := ai.New(a, sc.Actors[a], seed)
		if err != nil {
			return nil, fmt.Errorf("actor %s: %w", a, err)
		}
		p.Policies[a] = pol
	}
	return p, nil
}
