// Package session drives one game: it advances the engine, lets the AI
// policies answer at once for every actor the player does not play, holds
// the player's open decisions until the player answers, and records every
// order so the game is a replay. It also keeps what the screens need over
// time: the event log, a per-turn series of key metrics, and the strike
// missions the player has seen (to animate them). It has no graphics
// dependency.
package session

import (
	"errors"
	"fmt"
	"slices"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
)

// Spectator is the role of a player who watches the AI play every actor.
const Spectator = sim.NoActor

// Mode says who answers the player's role.
type Mode uint8

// The modes of a session.
const (
	Live     Mode = iota // the player answers the role's decisions
	Autoplay             // the role's AI policy answers for the player
	Watch                // every order comes from a recording: a replay with no AI
)

// Session is one game in progress. It drives the engine through a
// runner.Loop: the role is the loop's player seat (Live), an AI seat
// (Autoplay) or, like every actor in a replay, a script seat (Watch).
type Session struct {
	sc       *sim.Scenario
	seed     uint64
	role     sim.Actor
	seats    []sim.Actor // hot-seat: the roles played at this screen, taking turns (nil: role alone)
	mode     Mode
	loop     runner.Loop
	hashes   []sim.Hash   // hashes the script must reproduce after each turn (resuming), may be nil
	changes  []sim.Change // every change of the talks, trust, the ladders and the counter-IS campaign, with its cause
	kept     int          // orders the player has let stand (see Commit)
	obs      sim.Observation
	series   []Sample
	missions map[sim.Actor]map[int32]sim.Mission // by role: the strike missions each has seen
	err      error
}

// New starts a game of the scenario with the given seed; role is the actor
// the player plays, or Spectator.
func New(sc *sim.Scenario, seed uint64, role sim.Actor, mode Mode) (*Session, error) {
	if role != Spectator && role >= sim.NumActors {
		return nil, fmt.Errorf("unknown role %d", role)
	}
	s := &Session{sc: sc, seed: seed, role: role, mode: mode, missions: map[sim.Actor]map[int32]sim.Mission{}}
	s.loop = runner.Loop{Engine: sim.New(sc, seed), Record: true, KeepLog: true}
	if mode == Watch {
		for a := range s.loop.Seats {
			s.loop.Seats[a] = runner.SeatScript
		}
	} else {
		p, err := runner.Policies(sc, seed)
		if err != nil {
			return nil, fmt.Errorf("build the AI policies: %w", err)
		}
		s.loop.Policies = p
		s.SetMode(mode)
	}
	s.loop.Engine.SetLogging(true)
	s.sample(0)
	s.refresh()
	return s, nil
}

// PlayedTo starts a game of the scenario and lets the AI play the role for
// turns whole turns (or to the end when the run is shorter), then hands the
// role to the player on turn turns+1: with toDecision, at the role's first
// decision of that turn, or at its start when the role has none in it. It
// never ends the turn on the player's behalf, so a capture of --turns N
// shows turn N+1.
func PlayedTo(sc *sim.Scenario, seed uint64, role sim.Actor, turns int32, toDecision bool) (*Session, error) {
	play := func(decide bool) (*Session, bool, error) {
		s, err := New(sc, seed, role, Autoplay)
		if err != nil {
			return nil, false, err
		}
		for !s.Over() && s.Turn() < turns {
			if _, err := s.Step(); err != nil {
				return nil, false, err
			}
		}
		s.SetMode(Live)
		for decide && !s.Over() {
			ev, err := s.Step()
			if err != nil {
				return nil, false, err
			}
			if ev == Waited {
				break
			}
			if ev == TurnDone { // the role has no decision this turn
				return nil, false, nil
			}
		}
		return s, true, nil
	}
	s, ok, err := play(toDecision)
	if err != nil || ok {
		return s, err
	}
	// the run is deterministic: play the same turns again, and stop at the
	// turn's start
	s, _, err = play(false)
	return s, err
}

// NewWatch starts a replay of recorded orders: nothing decides, every
// answer comes from the recording.
func NewWatch(sc *sim.Scenario, seed uint64, role sim.Actor, orders []sim.Recorded) (*Session, error) {
	s, err := New(sc, seed, role, Watch)
	if err != nil {
		return nil, err
	}
	s.loop.Script = orders
	return s, nil
}

// NewHotSeat starts a game that several players take turns at, on one
// screen: each of roles (at least two, distinct deciding actors) is a
// player's seat, the AI plays the rest. Role is the seat that must answer
// now: whenever the seat shown has nothing left to answer and another
// has, the session passes to it (the first in actor order).
func NewHotSeat(sc *sim.Scenario, seed uint64, roles []sim.Actor) (*Session, error) {
	if len(roles) < 2 {
		return nil, errors.New("a hot-seat game needs at least two seats")
	}
	seats := slices.Clone(roles)
	slices.Sort(seats)
	for i, a := range seats {
		switch {
		case a >= sim.NumActors:
			return nil, fmt.Errorf("seat %d: not an actor", a)
		case i > 0 && a == seats[i-1]:
			return nil, fmt.Errorf("seat %s given twice", a)
		}
	}
	s, err := New(sc, seed, seats[0], Live)
	if err != nil {
		return nil, err
	}
	s.seats = seats
	for _, a := range seats {
		s.loop.Seats[a] = runner.SeatPlayer
	}
	s.refresh()
	return s, nil
}

// Seats returns a hot-seat game's roles in actor order (nil for one
// player).
func (s *Session) Seats() []sim.Actor { return s.seats }

// Resume rebuilds a saved game: the AI plays as it did, the role's answers
// come from the recording, and the player takes over where the recording
// ends: at the first open decision after its last order, or at the end of
// turn turns-1. hashes, if given, are the state hashes the recording had
// after each turn; a departure from them, or from the AI orders recorded,
// fails the resume.
func Resume(sc *sim.Scenario, seed uint64, role sim.Actor, orders []sim.Recorded, hashes []sim.Hash, turns int32) (*Session, error) {
	s, err := New(sc, seed, role, Live)
	if err != nil {
		return nil, err
	}
	s.loop.Script, s.hashes = orders, hashes
	for len(orders) > 0 || s.Turn() < turns {
		ev, err := s.Step()
		if err != nil {
			return nil, fmt.Errorf("replay the saved game: %w", err)
		}
		left := s.loop.Unplayed()
		done := len(left) == 0
		if ev == Waited && !done {
			r := left[0]
			return nil, fmt.Errorf("the run waits for %s at turn %d, but the next recorded order is for turn %d, step %s", role, s.Turn(), r.Turn, r.Step)
		}
		if ev == Ended || done && (s.Waiting() || ev == TurnDone && s.Turn() >= turns) {
			break
		}
	}
	if left := s.loop.Unplayed(); len(left) > 0 {
		return nil, fmt.Errorf("the saved game has %d orders the run never reached", len(left))
	}
	s.loop.Script, s.hashes = nil, nil
	s.Commit() // a saved game's orders stand
	return s, nil
}

// Scenario returns the scenario being played.
func (s *Session) Scenario() *sim.Scenario { return s.sc }

// Seed returns the run's seed.
func (s *Session) Seed() uint64 { return s.seed }

// Role returns the player's role (Spectator for none).
func (s *Session) Role() sim.Actor { return s.role }

// Mode returns who answers the role.
func (s *Session) Mode() Mode { return s.mode }

// SetMode switches between the player and the AI answering the role (a
// watched replay stays a replay).
func (s *Session) SetMode(m Mode) {
	if s.mode == Watch || m == Watch || len(s.seats) > 0 {
		return
	}
	s.mode = m
	s.Commit() // what the AI answered for the player stands
	if s.role != Spectator {
		s.loop.Seats[s.role] = runner.SeatAI
		if m == Live {
			s.loop.Seats[s.role] = runner.SeatPlayer
		}
	}
}

// Orders returns every order given so far, in the order given.
func (s *Session) Orders() []sim.Recorded { return s.loop.Orders }

// Log returns every event-log entry so far.
func (s *Session) Log() []sim.Entry { return s.loop.Log }

// Changes returns every change of the talks, trust and the ladders so far,
// each with its cause, in the order they happened.
func (s *Session) Changes() []sim.Change { return s.changes }

// Series returns the per-turn samples of key metrics.
func (s *Session) Series() []Sample { return s.series }

// Observation returns what the role sees now (everything, for a
// spectator). It stays valid until the next Step or Apply.
func (s *Session) Observation() *sim.Observation { return &s.obs }

// Mission returns a strike mission the role has seen, by id.
func (s *Session) Mission(id int32) (sim.Mission, bool) {
	m, ok := s.missions[s.role][id]
	return m, ok
}

// Turn returns the current turn (0-based); Turns the scenario's length.
func (s *Session) Turn() int32 { return s.loop.Engine.Turn() }

// Over reports whether the run has ended.
func (s *Session) Over() bool { return s.loop.Engine.Over() }

// Outcome returns how the run ended.
func (s *Session) Outcome() sim.Outcome { return s.loop.Engine.Outcome() }

// Hash returns the engine's state hash (for saves and checks).
func (s *Session) Hash() sim.Hash { return s.loop.Engine.Hash() }

// Metric returns a metric's current value in its stored scale.
func (s *Session) Metric(m sim.Metric) int64 { return s.loop.Engine.Metric(m) }

// ObjectiveValue returns the value objective i is judged on now (see
// sim.Engine.ObjectiveValue).
func (s *Session) ObjectiveValue(i int) int64 { return s.loop.Engine.ObjectiveValue(i) }

// Objectives returns a copy of the objectives' states so far, in the
// scenario's order: which the engine has decided, met or missed, and when.
func (s *Session) Objectives() []sim.ObjectiveState {
	return append([]sim.ObjectiveState(nil), s.loop.Engine.State().Objectives...)
}

// Err returns the error that stopped the session, if any.
func (s *Session) Err() error { return s.err }

// Waiting reports whether the player must answer before the run goes on.
func (s *Session) Waiting() bool { return s.loop.Waiting() }

// Event says what one Step did.
type Event uint8

// The events of a step.
const (
	Waited   Event = iota // nothing: the player must answer first
	Decided               // the run stopped for decisions, which the AI answered
	TurnDone              // a turn ended
	Ended                 // the run is over
	Pending               // nothing new yet: the game goes on elsewhere (a served game's other seats)
)

// ErrStopped is returned by Step after an earlier error stopped the session.
var ErrStopped = errors.New("the session stopped after an error")

// Step advances the run to its next stop and lets the AI (or the
// recording) answer there. It does nothing while the player must answer.
func (s *Session) Step() (Event, error) {
	if s.err != nil {
		return Waited, ErrStopped
	}
	if s.loop.Engine.Over() {
		return Ended, nil
	}
	if s.Waiting() {
		return Waited, nil
	}
	stop, err := s.loop.Step()
	if err != nil {
		return s.fail(err)
	}
	if stop != sim.StopDecide {
		if err := s.turnEnded(stop); err != nil {
			return s.fail(err)
		}
	}
	if stop == sim.StopOver {
		s.refresh()
		return Ended, nil
	}
	if err := s.loop.Answer(); err != nil { // the AI answers at once
		return s.fail(err)
	}
	s.refresh()
	if stop == sim.StopTurnEnd {
		return TurnDone, nil
	}
	return Decided, nil
}

func (s *Session) fail(err error) (Event, error) {
	s.err = err
	return Waited, err
}

// turnEnded samples the charted metrics after a turn and, when resuming,
// checks the state against the recording's hash. (The session holds no
// hooks bound to itself, so a session value can be copied.)
func (s *Session) turnEnded(stop sim.Stop) error {
	turn := s.loop.Engine.Turn()
	if stop == sim.StopTurnEnd {
		turn-- // the turn just played
	}
	s.sample(turn + 1)
	if s.hashes == nil || int(turn) >= len(s.hashes) {
		return nil
	}
	if h := s.loop.Engine.Hash(); h != s.hashes[turn] {
		return fmt.Errorf("turn %d ends with state %s, the recording with %s", turn, h, s.hashes[turn])
	}
	return nil
}

// refresh takes the engine's new changes, passes a hot-seat game's screen
// to the seat that must answer, re-reads the role's observation and
// remembers the missions each seat has seen.
func (s *Session) refresh() {
	e := s.loop.Engine
	s.changes = append(s.changes, e.TakeChanges()...)
	if len(s.seats) > 0 && !e.HasOpen(s.role) {
		// the first seat, in actor order, that must answer (as a server asks them)
		for _, a := range s.seats {
			if e.HasOpen(a) {
				s.role = a
				break
			}
		}
	}
	for _, a := range s.seats {
		if a != s.role {
			e.Observe(a, &s.obs)
			s.remember(a)
		}
	}
	e.Observe(s.role, &s.obs)
	s.remember(s.role)
}

// remember keeps the missions in the observation as role's.
func (s *Session) remember(role sim.Actor) {
	seen := s.missions[role]
	if seen == nil {
		seen = map[int32]sim.Mission{}
		s.missions[role] = seen
	}
	for _, m := range s.obs.Missions {
		seen[m.ID] = m
	}
}

// Check tells whether the player's role may give the order now.
func (s *Session) Check(o sim.Order) error {
	if err := s.playable(); err != nil {
		return err
	}
	return s.loop.Engine.Check(s.role, o)
}

// Preview returns what the order would change, as the role can see it.
func (s *Session) Preview(o sim.Order) (sim.Preview, error) {
	if err := s.playable(); err != nil {
		return sim.Preview{}, err
	}
	return s.loop.Engine.Preview(s.role, o)
}

// Apply gives an order of the player's role and records it.
func (s *Session) Apply(o sim.Order) error {
	if err := s.playable(); err != nil {
		return err
	}
	if err := s.loop.Give(s.role, o); err != nil {
		return err
	}
	s.refresh()
	return nil
}

// AnswerRest answers every open decision of the player's role with its
// default answer (plan nothing, defer, stand down, hold, stay silent).
func (s *Session) AnswerRest() error {
	if err := s.playable(); err != nil {
		return err
	}
	err := s.loop.Close(s.role)
	s.refresh()
	return err
}

// Commit lets the player's orders so far stand: they can no longer be
// undone (the player ended the turn or skipped ahead).
func (s *Session) Commit() { s.kept = len(s.loop.Orders) }

// Undoable returns how many of the role's orders can be taken back: those
// given since the player last ended a turn (see Commit) and, at a hot
// seat, since another seat's last order.
func (s *Session) Undoable() int {
	if s.playable() != nil || s.Over() {
		return 0
	}
	n := 0
	for i := len(s.loop.Orders) - 1; i >= s.kept; i-- {
		switch a := s.loop.Orders[i].Actor; {
		case a == s.role:
			n++
		case slices.Contains(s.seats, a):
			return n // another player's order stands: undo stops there
		}
	}
	return n
}

// Undo takes back the role's last n orders since the player last ended a
// turn (all of them: back to the start of the turn). The game is replayed
// from its start with the orders given before them, so it stands exactly
// where the first of them was given: the same state, log and open
// decisions, and what the AI did before it. It fails if fewer than n orders
// can be taken back.
func (s *Session) Undo(n int) error {
	if n <= 0 || n > s.Undoable() {
		return fmt.Errorf("only %d of your orders of this turn can be taken back", s.Undoable())
	}
	keep := len(s.loop.Orders)
	for taken := 0; taken < n; {
		keep--
		if s.loop.Orders[keep].Actor == s.role {
			taken++
		}
	}
	ns, err := s.replayed(keep)
	if err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	ns.kept = s.kept
	*s = *ns
	return nil
}

// replayed returns a new session of the same game replayed from its start
// to the stop where order keep was given, with the orders before it: the AI
// decides again (the engine is deterministic, so it decides the same, which
// the loop checks) and the role's orders are given again at the stop (turn
// and step) where they were given.
func (s *Session) replayed(keep int) (*Session, error) {
	var ns *Session
	var err error
	if len(s.seats) > 0 {
		ns, err = NewHotSeat(s.sc, s.seed, s.seats)
	} else {
		ns, err = New(s.sc, s.seed, s.role, s.mode)
	}
	if err != nil {
		return nil, err
	}
	at := s.loop.Orders[keep] // the stop to come back to
	ns.loop.Script = append([]sim.Recorded(nil), s.loop.Orders[:keep]...)
	if err := ns.loop.Answer(); err != nil { // orders given before the first step
		return nil, err
	}
	ns.refresh()
	for ns.Turn() != at.Turn || ns.loop.Engine.Step() != at.Step || len(ns.loop.Unplayed()) > 0 {
		if ns.Over() || ns.Turn() > at.Turn {
			return nil, errors.New("the replay does not come back to the order taken back")
		}
		ev, err := ns.Step()
		if err != nil {
			return nil, err
		}
		if ev == Waited && len(ns.loop.Unplayed()) > 0 {
			return nil, errors.New("the replay waits for an answer the game gave later")
		}
	}
	ns.loop.Script = nil
	if len(ns.loop.Orders) != keep {
		return nil, fmt.Errorf("the replay gave %d orders, the game %d", len(ns.loop.Orders), keep)
	}
	return ns, nil
}

func (s *Session) playable() error {
	switch {
	case s.mode == Watch:
		return errors.New("a replay takes no orders")
	case s.role == Spectator:
		return errors.New("a spectator gives no orders")
	case s.err != nil:
		return ErrStopped
	}
	return nil
}

// Sample is the state of key metrics after some whole turns.
type Sample struct {
	Turns  int32 // whole turns played (0: the start)
	Day    int32 // the day after them
	Values [NumSeries]float64
}

// Series returns the metrics the game charts over time, in the order of
// Sample.Values.
func Series() [NumSeries]sim.Metric {
	return [NumSeries]sim.Metric{
		sim.MetricEscalationUSIran, sim.MetricEscalationIsraelIran, sim.MetricTalksProgress,
		sim.MetricTrust, sim.MetricAttacksOnUS, sim.MetricStrikes,
	}
}

// NumSeries is the number of charted metrics.
const NumSeries = 6

// sample records the charted metrics, in their reported units, after the
// given number of whole turns.
func (s *Session) sample(turns int32) {
	smp := Sample{Turns: turns, Day: s.sc.DayOfTurn(turns)}
	for i, m := range Series() {
		smp.Values[i] = float64(s.loop.Engine.Metric(m)) / float64(m.Spec().Scale)
	}
	s.series = append(s.series, smp)
}

// Snapshot is a copy of what a save or the end screen needs from a game,
// safe to hand to another goroutine while the game goes on.
type Snapshot struct {
	Scenario *sim.Scenario // shared: the engine never changes it
	Seed     uint64
	Role     sim.Actor
	Orders   []sim.Recorded
	Turn     int32
	Over     bool
	Hash     sim.Hash
}

// Snapshot copies the game's recording and where it stands.
func (s *Session) Snapshot() Snapshot {
	return Snapshot{Scenario: s.sc, Seed: s.seed, Role: s.role, Orders: append([]sim.Recorded(nil), s.loop.Orders...),
		Turn: s.loop.Engine.Turn(), Over: s.loop.Engine.Over(), Hash: s.loop.Engine.Hash()}
}

// Recording replays the snapshot's whole turns through the runner,
// recording hashes and digests as a replay needs, and returns the orders
// given since the last whole turn. Replaying proves the game is a replay;
// the result also holds the objectives with the turn that decided each. It
// fails before the first turn has ended.
func (sn Snapshot) Recording() (res runner.Result, partial []sim.Recorded, err error) {
	turns := sn.Turn // whole turns played; 0 plays a finished run to its end
	if sn.Over {
		turns = 0
	} else if turns == 0 {
		return res, nil, errors.New("no turn has ended yet")
	}
	i := len(sn.Orders)
	for turns > 0 && i > 0 && sn.Orders[i-1].Turn >= turns {
		i--
	}
	d := runner.NewDriver(sn.Scenario)
	res, err = d.Replay(sn.Seed, sn.Orders[:i], runner.Options{Record: true, Turns: turns}, nil)
	if err != nil {
		return res, nil, fmt.Errorf("replay the game: %w", err)
	}
	if sn.Over && res.FinalHash != sn.Hash {
		return res, nil, fmt.Errorf("the replayed game ends with state %s, the game with %s", res.FinalHash, sn.Hash)
	}
	return res, sn.Orders[i:], nil
}
