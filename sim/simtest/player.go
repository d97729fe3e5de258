package simtest

import (
	"fmt"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
)

// Player drives an engine turn by turn: at every stop each actor with open
// decisions answers through its policy, if it has one, and DefaultOrder
// closes whatever is left. Unlike runner.Driver it stops at turn ends and
// keeps its policies across runs, so benchmarks can time single turns in a
// steady state, and tests can step a run and look at it between turns.
type Player struct {
	Engine   *sim.Engine
	Policies [sim.NumActors]sim.Policy
	// Apply, if set, applies every order in place of Engine.Apply (an
	// Auditor's, for example).
	Apply  func(a sim.Actor, o sim.Order) error
	obs    sim.Observation
	orders []sim.Order
}

// NewPlayer starts a run of the scenario with the AI policies it names.
func NewPlayer(sc *sim.Scenario, seed uint64) (*Player, error) {
	p := &Player{Engine: sim.New(sc, seed)}
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		pol, err := ai.New(a, sc.Actors[a], seed)
		if err != nil {
			return nil, fmt.Errorf("actor %s: %w", a, err)
		}
		p.Policies[a] = pol
	}
	return p, nil
}

func (p *Player) apply(a sim.Actor, o sim.Order) error {
	if p.Apply != nil {
		return p.Apply(a, o)
	}
	return p.Engine.Apply(a, o)
}

// Answer closes every open decision, actor by actor.
func (p *Player) Answer() error {
	e := p.Engine
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		if !e.HasOpen(a) {
			continue
		}
		if pol := p.Policies[a]; pol != nil {
			e.Observe(a, &p.obs)
			p.orders = pol.Decide(&p.obs, p.orders[:0])
			for _, o := range p.orders {
				if err := p.apply(a, o); err != nil {
					return fmt.Errorf("turn %d: %s policy: %w", e.Turn(), a, err)
				}
			}
		}
		for _, d := range e.Pending() {
			if !d.Done && d.Actor == a {
				if err := p.apply(a, sim.DefaultOrder(d)); err != nil {
					return fmt.Errorf("turn %d: default answer: %w", e.Turn(), err)
				}
			}
		}
	}
	return nil
}

// Turn plays until the current turn ends or the run is over, and returns
// that stop.
func (p *Player) Turn() (sim.Stop, error) {
	for {
		if err := p.Answer(); err != nil {
			return sim.StopOver, err
		}
		if stop := p.Engine.Advance(); stop != sim.StopDecide {
			return stop, nil
		}
	}
}

// Play plays to the end of the run.
func (p *Player) Play() error {
	for {
		stop, err := p.Turn()
		if err != nil || stop == sim.StopOver {
			return err
		}
	}
}
