package simtest

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
)

// Chaos plays a run with random orders. At every stop it tries a few random
// orders (most of them invalid), a few valid answers to open decisions and a
// few valid free orders, then closes what is left with DefaultOrder. It
// checks as it goes that a rejected order wraps sim.ErrInvalidOrder and
// leaves the state (hash and digest) as it was, that an answer built from
// the observation is accepted, and that Invariants and Progress hold at
// every stop. The orders it gave and the hash after every turn are kept,
// so a replay can be compared with the run. It runs the engine through a
// runner.Loop whose AtStop hook gives its orders.
type Chaos struct {
	Engine *sim.Engine
	Src    Source
	// Apply, if set, applies every order in place of Engine.Apply.
	Apply func(a sim.Actor, o sim.Order) error
	// Sync, if set, is called after every Advance.
	Sync    func()
	Orders  []sim.Recorded // every order accepted, in order
	Hashes  []sim.Hash     // the state hash after every turn
	Digests [][]byte       // the state digest after every turn
	loop    runner.Loop
	obs     sim.Observation
	prev    sim.State
	started bool
}

func (c *Chaos) apply(a sim.Actor, o sim.Order) error { return c.loop.Give(a, o) }

// try applies an order that may be invalid and checks a rejection.
func (c *Chaos) try(a sim.Actor, o sim.Order) error {
	e := c.Engine
	hash, digest := e.Hash(), e.State().Digest(nil)
	err := c.apply(a, o)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sim.ErrInvalidOrder) {
		return fmt.Errorf("turn %d: %s order %+v by %s: error %q does not wrap ErrInvalidOrder", e.Turn(), o.Kind, o, a, err)
	}
	if e.Hash() != hash || !bytes.Equal(e.State().Digest(nil), digest) {
		return fmt.Errorf("turn %d: rejected %s order %+v by %s (%v) changed the state", e.Turn(), o.Kind, o, a, err)
	}
	return nil
}

// check runs the invariants against the state and the previous stop's.
func (c *Chaos) check() error {
	st := c.Engine.State()
	if err := Invariants(c.Engine.Scenario(), st); err != nil {
		return err
	}
	if c.started {
		if err := Progress(&c.prev, st); err != nil {
			return err
		}
	}
	c.prev, c.started = Clone(st), true
	return nil
}

// stop gives the orders of one stop.
func (c *Chaos) stop() error {
	e, s := c.Engine, c.Src
	for range s.Range("random_orders", 0, 3) {
		if err := c.try(RandomOrder(s, e)); err != nil {
			return err
		}
		if err := c.check(); err != nil {
			return err
		}
	}
	for range s.Range("free_orders", 0, 1) {
		if a, o, ok := FreeOrder(s, e); ok {
			if err := c.try(a, o); err != nil {
				return err
			}
		}
	}
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		for e.HasOpen(a) && s.Range("answer", 0, 3) > 0 {
			e.Observe(a, &c.obs)
			o, _ := ValidOrder(s, &c.obs)
			if err := c.apply(a, o); err != nil {
				return fmt.Errorf("turn %d: valid %s order %+v by %s rejected: %w", e.Turn(), o.Kind, o, a, err)
			}
		}
	}
	for _, d := range e.Pending() {
		if !d.Done {
			if err := c.apply(d.Actor, sim.DefaultOrder(d)); err != nil {
				return fmt.Errorf("turn %d: default answer %+v rejected: %w", e.Turn(), d, err)
			}
		}
	}
	return c.check()
}

// Play runs to the end, or until maxTurns turns have finished (0: no limit).
func (c *Chaos) Play(maxTurns int32) error {
	c.loop = runner.Loop{Engine: c.Engine, Apply: c.Apply, Record: true, AtStop: c.stop, Advanced: c.advanced, TurnEnded: c.turnEnded}
	defer func() { c.Orders = c.loop.Orders }()
	if err := c.check(); err != nil {
		return err
	}
	return c.loop.Play(maxTurns)
}

// advanced syncs the caller and checks the state after every Advance.
func (c *Chaos) advanced(sim.Stop) error {
	if c.Sync != nil {
		c.Sync()
	}
	return c.check()
}

// turnEnded keeps the hash and digest of every finished turn.
func (c *Chaos) turnEnded(int32) error {
	c.Hashes = append(c.Hashes, c.Engine.Hash())
	c.Digests = append(c.Digests, c.Engine.State().Digest(nil))
	return nil
}
