// Package runner drives the engine: its Loop advances a run from stop to
// stop and lets AI policies, a player or the orders of a recording answer
// every decision. The CLI, the batch runner, the game's session and the
// tests all run the model through it; Driver plays whole runs with it.
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
	// OnOrder, if set, is called with every order as it is given (the
	// orders Record keeps), so a recording can be streamed as the run goes.
	OnOrder func(sim.Recorded)
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
	Orders     []sim.Recorded       // with Options.Record
	Given      [sim.NumActors]int64 // orders each actor gave
	Hashes     []sim.Hash           // state hash after each turn, with Options.Record
	Digests    [][]byte             // field digest after each turn, with Options.Record
	Log        []sim.Entry          // with Options.Log
}

// Driver runs one scenario again and again (one seed after another) with AI
// policies for every actor, or the orders of a recording, reusing its memory
// between runs. Its runs go through a Loop.
type Driver struct {
	sc   *sim.Scenario
	loop Loop
	opt  Options
	res  Result // the run in progress
}

// NewDriver prepares runs of a scenario.
func NewDriver(sc *sim.Scenario) *Driver {
	d := &Driver{sc: sc}
	d.loop.Engine = sim.New(sc, 0)
	d.loop.TurnEnded = d.turnEnded
	return d
}

// Engine returns the engine of the current run (for tests and tools).
func (d *Driver) Engine() *sim.Engine { return d.loop.Engine }

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
	d.loop.Seats = [sim.NumActors]Seat{} // every actor SeatAI
	d.loop.Policies = policies
	d.loop.Script = nil
	return d.run(seed, opt)
}

// Replay re-runs a recording: at every stop it applies the recorded orders
// given there, and nothing else. check, if not nil, is called after each
// turn with the turn number and may stop the replay by returning an error.
func (d *Driver) Replay(seed uint64, orders []sim.Recorded, opt Options, check func(turn int32, e *sim.Engine) error) (Result, error) {
	for a := range d.loop.Seats {
		d.loop.Seats[a] = SeatScript
	}
	d.loop.Policies = [sim.NumActors]sim.Policy{}
	d.loop.Script = orders
	opt.EachTurn = check
	res, err := d.run(seed, opt)
	if left := d.loop.Unplayed(); err == nil && len(left) > 0 {
		err = fmt.Errorf("the recording has %d orders past the end of the run (first at turn %d)", len(left), left[0].Turn)
	}
	return res, err
}

// run plays the run the loop is set up for and gathers its result.
func (d *Driver) run(seed uint64, opt Options) (Result, error) {
	l, e := &d.loop, d.loop.Engine
	l.Reset(seed)
	l.Record, l.KeepLog, l.OnGive = opt.Record, opt.Log, opt.OnOrder
	e.SetLogging(opt.Log)
	d.opt, d.res = opt, Result{Seed: seed}
	err := l.Play(opt.Turns)
	res := d.res
	d.res = Result{}
	res.Orders = l.Orders
	res.Given = l.Given
	res.Log = l.Log
	res.Finish(e)
	return res, err
}

// Finish fills in what a run ends with: the turns played, the outcome, the
// final hash, every metric, each actor's verdict and the objectives. Runs
// driven elsewhere (a served game) report through it too.
func (res *Result) Finish(e *sim.Engine) {
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
	res.Objectives = append(res.Objectives[:0], e.State().Objectives...)
}

// turnEnded keeps a finished turn's hash and digest (with Options.Record)
// and calls Options.EachTurn.
func (d *Driver) turnEnded(turn int32) error {
	e := d.loop.Engine
	if d.opt.Record {
		d.res.Hashes = append(d.res.Hashes, e.Hash())
		d.res.Digests = append(d.res.Digests, e.State().Digest(nil))
	}
	if d.opt.EachTurn != nil {
		return d.opt.EachTurn(turn, e)
	}
	return nil
}
