package runner

import (
	"fmt"
	"math/bits"
	"reflect"

	"github.com/deconflict/deconflict/sim"
)

// Seat says who answers an actor's decisions in a Loop.
type Seat uint8

// The seats.
const (
	// SeatAI: the actor's policy answers at once, and the default answer
	// (sim.DefaultOrder) closes whatever the policy leaves open.
	SeatAI Seat = iota
	// SeatPlayer: the caller answers between steps (Give, Close); the loop
	// waits while the actor has open decisions.
	SeatPlayer
	// SeatScript: only the loop's Script answers; a decision it leaves open
	// is an error (a recording that does not fit the run).
	SeatScript
)

// Loop drives one engine from stop to stop. It is the one loop through
// which everything runs the model: the CLI and batch runs (Driver), the
// game's session and the test players. At every stop it lets the actors
// answer, in a fixed order that the state hashes depend on:
//
//  1. AtStop, if set;
//  2. every SeatAI actor with open decisions, in actor order: its policy,
//     then default answers for what it left open;
//  3. the Script's orders recorded at this stop, in recorded order.
//
// Then Step advances the engine and tells the observers. Set the fields
// before the first Step and reset the run through Reset.
type Loop struct {
	Engine   *sim.Engine
	Seats    [sim.NumActors]Seat
	Policies [sim.NumActors]sim.Policy // answer for SeatAI actors; nil gives the default answers only
	// Script holds recorded orders, each given at the stop it was recorded
	// at. The recorded orders of SeatAI actors are not given again but
	// compared with what their policies gave (this needs Record), so a
	// recording can bring a run back to where it was with its AI in step.
	Script []sim.Recorded
	// AtStop, if set, is called at every stop before anyone answers.
	AtStop func() error
	// Apply, if set, applies every order in place of Engine.Apply (an
	// auditor's, for example).
	Apply func(a sim.Actor, o sim.Order) error
	// Advanced, if set, is called after every Advance with the stop reached.
	Advanced func(stop sim.Stop) error
	// TurnEnded, if set, is called after every turn (the last one too) with
	// the turn just played.
	TurnEnded func(turn int32) error
	Record    bool // keep every order given in Orders
	// Given counts the orders each actor gave this run (AI and players alike).
	Given  [sim.NumActors]int64
	Orders []sim.Recorded // with Record: every order given this run, in order
	// OnGive, if set, is called with every order given, as Orders keeps it
	// (so a recording can be streamed while the run goes on).
	OnGive func(sim.Recorded)
	// KeepLog moves the engine's log entries into Log after every order and
	// every Advance (leave it off when something else reads the engine's log).
	KeepLog bool
	Log     []sim.Entry // with KeepLog: every entry the engine logged this run

	next    int // the next Script order
	checked int // Orders already compared with the Script
	obs     sim.Observation
	buf     []sim.Order
	shapes  [sim.NumActors]shape
}

// shape is what decide needs to know of a policy beyond Decide: the parts
// it reads and whether it picks targets. It is worked out once per policy
// (an interface assertion costs a lookup at every stop otherwise).
type shape struct {
	policy sim.Policy // the policy it describes (nil: none kept)
	parts  sim.Part
	picker sim.Picker // nil unless the policy is one and leaves the options out
}

// shapeOf returns the shape of actor a's policy p. The shape is kept for
// the next stop only when p's type can be compared (comparing two policies
// of a type that cannot, a func for example, would panic).
func (l *Loop) shapeOf(a sim.Actor, p sim.Policy) *shape {
	s := &l.shapes[a]
	if s.policy != nil && s.policy == p {
		return s
	}
	*s = shape{parts: sim.AllParts}
	if reflect.TypeOf(p).Comparable() {
		s.policy = p
	}
	if pp, ok := p.(sim.Partial); ok {
		s.parts = pp.Parts()
	}
	if pk, ok := p.(sim.Picker); ok && s.parts&sim.PartOptions == 0 {
		s.picker = pk
	}
	return s
}

// Reset starts the run over with a seed: the engine, the Script's place,
// Orders and Log (fresh slices, so a caller may keep the old ones).
func (l *Loop) Reset(seed uint64) {
	l.Engine.Reset(seed)
	l.next, l.checked = 0, 0
	l.Given = [sim.NumActors]int64{}
	l.Orders, l.Log = nil, nil
}

// Unplayed returns the Script orders the run has not reached yet.
func (l *Loop) Unplayed() []sim.Recorded { return l.Script[min(l.next, len(l.Script)):] }

// Waiting reports whether a SeatPlayer actor must answer before the run
// goes on.
func (l *Loop) Waiting() bool {
	e := l.Engine
	if e.Over() || l.Seats == ([sim.NumActors]Seat{}) { // every actor SeatAI
		return false
	}
	open := e.Open()
	for a := sim.Actor(0); a < sim.NumActors && open != 0; a++ {
		if l.Seats[a] == SeatPlayer && open.Has(a) {
			return true
		}
	}
	return false
}

// Give applies an order of an actor (through Apply, if set) and records it.
func (l *Loop) Give(a sim.Actor, o sim.Order) error {
	e := l.Engine
	turn, step := e.Turn(), e.Step()
	var err error
	if l.Apply != nil {
		err = l.Apply(a, o)
	} else {
		err = e.Apply(a, o)
	}
	if err != nil {
		return err
	}
	l.Given[a]++
	if l.Record || l.OnGive != nil {
		r := sim.Recorded{Turn: turn, Step: step, Actor: a, Order: o}
		if l.Record {
			l.Orders = append(l.Orders, r)
		}
		if l.OnGive != nil {
			l.OnGive(r)
		}
	}
	l.takeLog() // an order's own entries show at once
	return nil
}

func (l *Loop) takeLog() {
	if l.KeepLog {
		l.Log = append(l.Log, l.Engine.TakeLog()...)
	}
}

// Close answers every open decision of an actor with its default answer.
func (l *Loop) Close(a sim.Actor) error {
	e := l.Engine
	for _, d := range e.Pending() {
		if d.Done || d.Actor != a {
			continue
		}
		if err := l.Give(a, sim.DefaultOrder(d)); err != nil {
			return fmt.Errorf("turn %d: default answer for %s: %w", e.Turn(), a, err)
		}
	}
	return nil
}

// Answer lets the actors answer at the stop the engine is at (see Loop).
// Calling it again at the same stop gives nothing more, except through
// AtStop.
func (l *Loop) Answer() error {
	e := l.Engine
	if e.Over() {
		return nil
	}
	if l.AtStop != nil {
		if err := l.AtStop(); err != nil {
			return err
		}
	}
	// the AI actors with open decisions, in actor order: the open set is
	// looked at again only after an actor has answered (nothing else
	// changes it), and then only for the actors after it
	ai, scripted := l.seated(SeatAI), l.seated(SeatScript)
	for open := e.Open() & ai; open != 0; {
		a := sim.Actor(bits.TrailingZeros16(uint16(open)))
		if err := l.decide(a); err != nil {
			return err
		}
		open = e.Open() & ai &^ (2<<a - 1)
	}
	if len(l.Script) > 0 { // a recording's orders answer too; without one nothing changes here
		if err := l.playScript(); err != nil {
			return err
		}
	}
	if scripted == 0 {
		return nil
	}
	if left := e.Open() & scripted; left != 0 {
		a := sim.Actor(bits.TrailingZeros16(uint16(left)))
		return fmt.Errorf("turn %d, step %s: the recording has no answer for %s's decision", e.Turn(), e.Step(), a)
	}
	return nil
}

// seated returns the actors in a seat.
func (l *Loop) seated(seat Seat) sim.Actors {
	var s sim.Actors
	if l.Seats == ([sim.NumActors]Seat{}) { // every actor SeatAI: batch runs, at every stop
		if seat == SeatAI {
			s = 1<<sim.NumActors - 1
		}
		return s
	}
	for a, st := range l.Seats {
		if st == seat {
			s |= 1 << a
		}
	}
	return s
}

// decide lets an actor's policy answer, then closes what it left open.
func (l *Loop) decide(a sim.Actor) error {
	e := l.Engine
	if p := l.Policies[a]; p != nil {
		s := l.shapeOf(a, p)
		e.ObserveParts(a, &l.obs, s.parts)
		if s.picker != nil {
			e.FillOptions(&l.obs, s.picker.Pick(&l.obs))
		}
		l.buf = p.Decide(&l.obs, l.buf[:0])
		for _, o := range l.buf {
			if err := l.Give(a, o); err != nil {
				return fmt.Errorf("turn %d: %s policy gave an invalid order: %w", e.Turn(), a, err)
			}
		}
	}
	return l.Close(a)
}

// playScript gives the Script's orders recorded at this stop, then checks
// what the policies gave against the recording.
func (l *Loop) playScript() error {
	e := l.Engine
	turn, step := e.Turn(), e.Step()
	for l.next < len(l.Script) && l.Script[l.next].Turn == turn && l.Script[l.next].Step == step {
		r := l.Script[l.next]
		l.next++
		if r.Actor < sim.NumActors && l.Seats[r.Actor] == SeatAI {
			continue // its policy answered: checked below
		}
		if err := l.Give(r.Actor, r.Order); err != nil {
			return fmt.Errorf("turn %d, step %s: recorded %s order of %s: %w", r.Turn, r.Step, r.Order.Kind, r.Actor, err)
		}
	}
	for ; l.checked < min(len(l.Orders), l.next, len(l.Script)); l.checked++ {
		if i := l.checked; l.Orders[i] != l.Script[i] {
			return fmt.Errorf("order %d differs from the recording (%s %s at turn %d): the recording is from another game or version",
				i, l.Script[i].Actor, l.Script[i].Order.Kind, l.Script[i].Turn)
		}
	}
	return nil
}

// Step answers at the current stop, advances the engine to its next stop
// and tells the observers. While a SeatPlayer actor must answer it does
// nothing and returns StopDecide; once the run is over, StopOver.
func (l *Loop) Step() (sim.Stop, error) {
	e := l.Engine
	if e.Over() {
		return sim.StopOver, nil
	}
	if err := l.Answer(); err != nil {
		return sim.StopDecide, err
	}
	if l.Waiting() {
		return sim.StopDecide, nil
	}
	stop := e.Advance()
	l.takeLog()
	if l.Advanced != nil {
		if err := l.Advanced(stop); err != nil {
			return stop, err
		}
	}
	if stop != sim.StopDecide && l.TurnEnded != nil {
		turn := e.Turn()
		if stop == sim.StopTurnEnd {
			turn-- // the turn just finished
		}
		if err := l.TurnEnded(turn); err != nil {
			return stop, err
		}
	}
	return stop, nil
}

// Turn steps until the current turn ends, the run is over or a player must
// answer, and returns the last stop.
func (l *Loop) Turn() (sim.Stop, error) {
	for {
		stop, err := l.Step()
		if err != nil || stop != sim.StopDecide || l.Waiting() {
			return stop, err
		}
	}
}

// Play steps until the run is over, turns turns have been played (0: no
// limit) or a player must answer.
func (l *Loop) Play(turns int32) error {
	for {
		stop, err := l.Turn()
		if err != nil || stop == sim.StopOver || l.Waiting() || turns > 0 && l.Engine.Turn() >= turns {
			return err
		}
	}
}
