package turnflow

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// fakeClock moves on by tick every time it is read, so a frame's step
// budget runs out after a known number of reads, and by hand with advance.
type fakeClock struct {
	mu   sync.Mutex
	now  time.Time
	tick time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(c.tick)
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// screen records what the flow told it.
type screen struct {
	begins, shown int
	speeds        []float64
	said          []string
}

func (s *screen) TurnBegins()              { s.begins++ }
func (s *screen) TurnShown(speed float64)  { s.shown++; s.speeds = append(s.speeds, speed) }
func (s *screen) Say(msg string, bad bool) { s.said = append(s.said, msg) }

func newFlow(t *testing.T, role sim.Actor, spectating bool) (*Flow, *fakeClock, *screen) {
	t.Helper()
	s, err := session.New(simtest.Embedded(t, "tanf-2021"), 1, role, session.Live)
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	scr := &screen{}
	return New(Config{Session: s, Clock: clock, Screen: scr, Spectating: spectating}), clock, scr
}

// tickUntil ticks until done or the limit of frames, and returns the frames.
func tickUntil(f *Flow, limit int, done func() bool) int {
	for n := 1; n <= limit; n++ {
		f.Tick(false)
		if done() {
			return n
		}
	}
	return -1
}

// Space with no decision open resolves the rest of the turn and stops at
// the next turn (or the player's next decision), showing it once.
func TestEndTurn(t *testing.T) {
	f, _, scr := newFlow(t, sim.USA, false)
	s := f.Session
	if f.Mode() != Idle || f.Running() {
		t.Fatalf("a new game is %v, running %v", f.Mode(), f.Running())
	}
	if got := f.EndTurn(); got != Done || f.Mode() != Turn || scr.begins != 1 {
		t.Fatalf("Space: action %v, mode %v, begins %d", got, f.Mode(), scr.begins)
	}
	if n := tickUntil(f, 1000, func() bool { return f.Mode() == Idle }); n < 0 {
		t.Fatal("the turn never finished")
	}
	if scr.shown != 1 {
		t.Errorf("the turn was shown %d times, want once", scr.shown)
	}
	if s.Turn() != 1 && !s.Waiting() {
		t.Errorf("after one end of turn: turn %d, waiting %v", s.Turn(), s.Waiting())
	}
	// with decisions open, Space asks first and does nothing else
	for !s.Waiting() && !s.Over() {
		f.EndTurn()
		tickUntil(f, 1000, func() bool { return f.Mode() == Idle })
	}
	turn := s.Turn()
	if got := f.EndTurn(); got != Confirm || f.Mode() != Idle || s.Turn() != turn {
		t.Errorf("Space with open decisions: %v, mode %v", got, f.Mode())
	}
	if err := f.ConfirmEndTurn(); err != nil || s.Waiting() || f.Mode() != Turn {
		t.Errorf("confirm: %v, waiting %v, mode %v", err, s.Waiting(), f.Mode())
	}
	if s.Undoable() != 0 {
		t.Errorf("after ending the turn %d orders can still be undone", s.Undoable())
	}
}

// One frame spends at most StepBudget on the engine: with a clock that
// moves 2 ms a read, a frame reads it at most 6/2 + 1 times, so a turn of
// many steps takes several frames (never one long one).
func TestStepBudget(t *testing.T) {
	f, clock, _ := newFlow(t, session.Spectator, true)
	f.SetSpeed(5) // max: as fast as frames allow
	clock.tick = 2 * time.Millisecond
	before := clock.Now()
	f.Tick(false)
	// one read for now, then reads at +2, +4, +6 ms: the third ends the loop
	// (+6 is not before the deadline), so at most 2 steps ran
	if spent := clock.Now().Sub(before); spent > 12*time.Millisecond {
		t.Errorf("a frame read the clock over %s", spent)
	}
	if f.Session.Turn() > 1 {
		t.Errorf("one frame at max speed played %d turns within a 6 ms budget of 2 ms steps", f.Session.Turn())
	}
}

// A spectator at 1× (0.7 turns a second) plays a turn, then waits 1/0.7 s =
// 1.428… s before the next; pausing stops it, Space resumes at the same speed.
func TestSpectatorPlayback(t *testing.T) {
	f, clock, scr := newFlow(t, session.Spectator, true)
	if f.Mode() != Auto || f.Speed() != 1 || !f.Running() {
		t.Fatalf("a spectator starts %v at speed %d", f.Mode(), f.Speed())
	}
	tickUntil(f, 1000, func() bool { return scr.shown == 1 })
	if f.Session.Turn() != 1 || scr.speeds[0] != 1 {
		t.Fatalf("after the first turn: turn %d, shown at %v", f.Session.Turn(), scr.speeds)
	}
	clock.advance(1400 * time.Millisecond) // before 1.428 s: not yet
	f.Tick(false)
	if f.Session.Turn() != 1 {
		t.Fatalf("the next turn came %d turns early", f.Session.Turn()-1)
	}
	clock.advance(100 * time.Millisecond) // 1.5 s: due
	tickUntil(f, 1000, func() bool { return scr.shown == 2 })
	if f.Session.Turn() != 2 {
		t.Fatalf("turn %d after 1.5 s, want 2", f.Session.Turn())
	}
	// a window over the screen holds playback
	clock.advance(10 * time.Second)
	f.Tick(true)
	if f.Session.Turn() != 2 {
		t.Fatal("playback went on under a window")
	}
	f.EndTurn() // Space pauses
	if f.Speed() != 0 || f.Running() {
		t.Fatalf("after Space: speed %d, running %v", f.Speed(), f.Running())
	}
	f.Tick(false)
	if f.Session.Turn() != 2 {
		t.Fatal("a paused spectator's game went on")
	}
	f.SetSpeed(2)
	f.EndTurn() // pause at 4×
	f.EndTurn() // resume
	if f.Speed() != 2 {
		t.Errorf("Space resumed at speed %d, want 2 (4×, the speed paused)", f.Speed())
	}
}

// Enter skips ahead to the player's next decision; with one open it says
// to answer first.
func TestNextDecision(t *testing.T) {
	f, _, scr := newFlow(t, sim.USA, false)
	f.NextDecision()
	if n := tickUntil(f, 100000, func() bool { return f.Mode() == Idle }); n < 0 {
		t.Fatal("the skip never stopped")
	}
	s := f.Session
	if !s.Waiting() && !s.Over() {
		t.Fatalf("the skip stopped at turn %d with nothing to decide", s.Turn())
	}
	if s.Waiting() {
		f.NextDecision()
		if f.Mode() != Idle || len(scr.said) == 0 || scr.said[len(scr.said)-1] != "Answer the open decisions first, or press Space to let them go." {
			t.Errorf("Enter with open decisions: mode %v, said %q", f.Mode(), scr.said)
		}
	}
}

// The end of the run is remembered, and the end screen follows once the
// last turn has been shown for the given time.
func TestOverFor(t *testing.T) {
	f, clock, _ := newFlow(t, session.Spectator, true)
	f.SetSpeed(5) // max
	clock.tick = time.Microsecond
	if tickUntil(f, 1_000_000, func() bool { return f.Session.Over() }) < 0 {
		t.Fatal("the run never ended")
	}
	if !f.Ending() || f.OverFor(time.Second) {
		t.Fatalf("just over: ending %v, over for a second %v", f.Ending(), f.OverFor(time.Second))
	}
	clock.advance(1100 * time.Millisecond)
	if !f.OverFor(time.Second) {
		t.Error("1.1 s after the end, not over for a second")
	}
	if got := f.EndTurn(); got != ToEnd {
		t.Errorf("Space after the end: %v, want ToEnd", got)
	}
}

// saves records the autosaves written, by the turn of their snapshot.
type saves struct {
	mu    sync.Mutex
	turns []int32
	fail  error
}

func (s *saves) prepare(snap session.Snapshot, at time.Time) func() error {
	return func() error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.turns = append(s.turns, snap.Turn)
		return s.fail
	}
}

// Autosaves: none before the first turn has ended, then at most one every
// AutosaveInterval (5 s), always one at the end; a failed save is reported.
func TestAutosave(t *testing.T) {
	f, clock, _ := newFlow(t, session.Spectator, true)
	rec := &saves{}
	a := NewAutosaver(clock, rec.prepare)
	f.Saver = a
	s := f.Session.(*session.Session)
	a.Maybe(s)
	if a.Busy() {
		t.Fatal("a save before the first turn ended")
	}
	f.SetSpeed(3) // 16×: a turn every 1/11 s
	turnDone := func(n int32) {
		t.Helper()
		if tickUntil(f, 1000, func() bool { return s.Turn() >= n }) < 0 {
			t.Fatalf("turn %d never came", n)
		}
		if err := a.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	turnDone(1) // the first save, right after turn 1
	clock.advance(time.Second)
	turnDone(2) // 1 s later: too soon
	clock.advance(3 * time.Second)
	turnDone(3) // 4 s after the first: too soon
	clock.advance(2 * time.Second)
	turnDone(4) // 6 s after the first: due
	if want := []int32{1, 4}; len(rec.turns) != 2 || rec.turns[0] != want[0] || rec.turns[1] != want[1] {
		t.Fatalf("saves after turns %v, want %v", rec.turns, want)
	}
	rec.fail = errors.New("disk full")
	if err := a.Final(s); err == nil || err.Error() != "disk full" {
		t.Errorf("a failed final save returned %v", err)
	}
	if len(rec.turns) != 3 || rec.turns[2] != 4 {
		t.Errorf("the final save did not write at once: %v", rec.turns)
	}
	rec.fail = nil
	// the end of the run is saved however recent the last save
	f.SetSpeed(5) // max
	clock.tick = time.Microsecond
	n := len(rec.turns)
	tickUntil(f, 1_000_000, func() bool { return s.Over() })
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	if len(rec.turns) <= n || rec.turns[len(rec.turns)-1] != s.Turn() {
		t.Errorf("the end of the run was not saved: %v (run ended at turn %d)", rec.turns, s.Turn())
	}
}
