// Package runner drives whole runs of the engine: it advances a run and lets
// AI policies, or the orders of a recording, answer every decision. The CLI,
// the batch runner and the tests all run the model through it.
package runner

import (
	"fmt"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
)

// Options choose how much a run keeps.
type Options struct {
	Turns  int32 // stop after this many turns; 0 plays to the end
	Record bool  // keep every order, and a hash and digest per turn
	Log    bool  // keep the event log
	// EachTurn, if set, is called after every turn with the turn just played;
	// an error stops the run and is returned.
	EachTurn func(turn int32, e *sim.Engine) error
}

// Result is what a run produced.
type Result struct {
	Seed       uint64
	Outcome    sim.Outcome
	Turns      int32 // turns played
	FinalHash  sim.Hash
	Metrics    [sim.NumMetrics]int64
	Verdicts   [sim.NumActors]sim.Verdict
	Objectives []sim.ObjectiveState
	Orders     []sim.Recorded // with Options.Record
	Hashes     []sim.Hash     // state hash after each turn, with Options.Record
	Digests    [][]byte       // field digest after each turn, with Options.Record
	Log        []sim.Entry    // with Options.Log
}

// Driver runs one scenario again and again (one seed after another) with AI
// policies for every actor, reusing its memory between runs.
type Driver struct {
	sc     *sim.Scenario
	eng    *sim.Engine
	obs    sim.Observation
	orders []sim.Order
}

// NewDriver prepares runs of a scenario.
func NewDriver(sc *sim.Scenario) *Driver {
	return &Driver{sc: sc, eng: sim.New(sc, 0)}
}

// Engine returns the engine of the current run (for tests and tools).
func (d *Driver) Engine() *sim.Engine { return d.eng }

// Policies builds the AI policies of a scenario for a run's seed.
func Policies(sc *sim.Scenario, seed uint64) ([sim.NumActors]sim.Policy, error) {
	var out [sim.NumActors]sim.Policy
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		p, err := ai.New(a, sc.Actors[a], seed)
		if err != nil {
			return out, fmt.Errorf("actor %s: %w", a, err)
		}
		out[a] = p
	}
	return out, nil
}

// Run plays a whole run with AI for every actor.
func (d *Driver) Run(seed uint64, opt Options) (Result, error) {
	policies, err := Policies(d.sc, seed)
	if err != nil {
		return Result{}, err
	}
	return d.loop(seed, opt, func(a sim.Actor, rec *[]sim.Recorded) error {
		if !d.eng.HasOpen(a) {
			return nil
		}
		return d.answer(a, policies[a], rec)
	})
}

// answer lets a policy decide for an actor, then closes whatever it left
// open with the default answer.
func (d *Driver) answer(a sim.Actor, p sim.Policy, rec *[]sim.Recorded) error {
	e := d.eng
	if p != nil {
		e.Observe(a, &d.obs)
		d.orders = p.Decide(&d.obs, d.orders[:0])
		for _, o := range d.orders {
			if err := e.Apply(a, o); err != nil {
				return fmt.Errorf("turn %d: %s policy gave an invalid order: %w", e.Turn(), a, err)
			}
			if rec != nil {
				*rec = append(*rec, sim.Recorded{Turn: e.Turn(), Step: e.Step(), Actor: a, Order: o})
			}
		}
	}
	for _, dec := range e.Pending() {
		if dec.Done || dec.Actor != a {
			continue
		}
		o := sim.DefaultOrder(dec)
		if err := e.Apply(a, o); err != nil {
			return fmt.Errorf("turn %d: default answer for %s: %w", e.Turn(), a, err)
		}
		if rec != nil {
			*rec = append(*rec, sim.Recorded{Turn: e.Turn(), Step: e.Step(), Actor: a, Order: o})
		}
	}
	return nil
}

// Replay re-runs a recording: at every stop it applies the recorded orders
// given there, and nothing else. check, if not nil, is called after each
// turn with the turn number and may stop the replay by returning an error.
func (d *Driver) Replay(seed uint64, orders []sim.Recorded, opt Options, check func(turn int32, e *sim.Engine) error) (Result, error) {
	next := 0
	opt.EachTurn = check
	res, err := d.loop(seed, opt, func(a sim.Actor, rec *[]sim.Recorded) error {
		e := d.eng
		for next < len(orders) && orders[next].Turn == e.Turn() && orders[next].Step == e.Step() {
			r := orders[next]
			next++
			if err := e.Apply(r.Actor, r.Order); err != nil {
				return fmt.Errorf("turn %d, step %s: recorded %s order of %s: %w", r.Turn, r.Step, r.Order.Kind, r.Actor, err)
			}
			if rec != nil {
				*rec = append(*rec, r)
			}
		}
		if e.HasOpen(a) {
			return fmt.Errorf("turn %d, step %s: the recording has no answer for %s's decision", e.Turn(), e.Step(), a)
		}
		return nil
	})
	if err == nil && next < len(orders) {
		err = fmt.Errorf("the recording has %d orders past the end of the run (first at turn %d)", len(orders)-next, orders[next].Turn)
	}
	return res, err
}

type answerFunc func(a sim.Actor, rec *[]sim.Recorded) error

// loop advances the engine to the end, calling answer at every stop where
// an actor has open decisions, and applying free orders (for replays) at
// turn ends through the same function.
func (d *Driver) loop(seed uint64, opt Options, answer answerFunc) (Result, error) {
	e := d.eng
	e.Reset(seed)
	e.SetLogging(opt.Log)
	res := Result{Seed: seed}
	var rec *[]sim.Recorded
	if opt.Record {
		rec = &res.Orders
	}
	var err error
	for err == nil {
		if err = d.answerAll(answer, rec); err != nil {
			break
		}
		stop := e.Advance()
		if opt.Log {
			res.Log = append(res.Log, e.TakeLog()...)
		}
		if stop == sim.StopDecide {
			continue
		}
		if opt.Record {
			res.Hashes = append(res.Hashes, e.Hash())
			res.Digests = append(res.Digests, e.State().Digest(nil))
		}
		turn := e.Turn()
		if stop == sim.StopTurnEnd {
			turn-- // the turn just finished
		}
		if opt.EachTurn != nil {
			if err = opt.EachTurn(turn, e); err != nil {
				break
			}
		}
		if stop == sim.StopOver || opt.Turns > 0 && e.Turn() >= opt.Turns {
			break
		}
	}
	res.Turns = e.Turn()
	if e.Over() {
		res.Turns = e.State().EndTurn + 1
	}
	res.Outcome = e.Outcome()
	res.FinalHash = e.Hash()
	for m := sim.Metric(0); m < sim.NumMetrics; m++ {
		res.Metrics[m] = e.Metric(m)
	}
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		res.Verdicts[a] = e.Verdict(a)
	}
	res.Objectives = append(res.Objectives, e.State().Objectives...)
	return res, err
}

// answerAll gives every actor with open decisions (or, in replays, recorded
// free orders) its turn to answer, in actor order.
func (d *Driver) answerAll(answer answerFunc, rec *[]sim.Recorded) error {
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		if err := answer(a, rec); err != nil {
			return err
		}
	}
	return nil
}
