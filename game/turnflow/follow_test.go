package turnflow

import (
	"testing"
	"time"

	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/sim"
)

// remote is a game that goes on elsewhere: Step hands out the events queued
// in news, then Pending; it counts the calls a flow makes.
type remote struct {
	session.Game // the methods a flow does not call stay unimplemented
	news         []session.Event
	waiting      bool
	over         bool
	obs          sim.Observation
	steps, rests int
}

func (r *remote) Step() (session.Event, error) {
	r.steps++
	if len(r.news) == 0 {
		return session.Pending, nil
	}
	ev := r.news[0]
	r.news = r.news[1:]
	return ev, nil
}
func (r *remote) Over() bool                        { return r.over }
func (r *remote) Err() error                        { return nil }
func (r *remote) Waiting() bool                     { return r.waiting }
func (r *remote) Log() []sim.Entry                  { return nil }
func (r *remote) Observation() *sim.Observation     { return &r.obs }
func (r *remote) Commit()                           {}
func (r *remote) AnswerRest() error                 { r.rests++; r.waiting = false; return nil }
func (r *remote) Role() sim.Actor                   { return sim.USA }
func (r *remote) Scenario() *sim.Scenario           { return nil }
func (r *remote) Outcome() sim.Outcome              { return sim.OutcomeRunning }
func (r *remote) Turn() int32                       { return 0 }
func (r *remote) Mission(int32) (sim.Mission, bool) { return sim.Mission{}, false }

// A followed game runs without the player: each frame takes the news until
// nothing is new (one Step then, not a frame's budget of them), shows each
// turn that ended and says when the seat must answer; Space answers the
// rest by default and the flow follows on; Enter does not skip ahead.
func TestFollowShowsTheNewsAsItComes(t *testing.T) {
	r := &remote{news: []session.Event{session.Decided, session.TurnDone, session.Decided}}
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), tick: time.Millisecond}
	scr := &screen{}
	f := New(Config{Session: r, Clock: clock, Screen: scr, Following: true})
	if f.Mode() != Follow || !f.Running() {
		t.Fatalf("mode %d, running %v: a followed game runs from the start", f.Mode(), f.Running())
	}
	f.Tick(false)
	// Decided, TurnDone (shown, a new turn begins), Decided, then Pending ends the frame
	if r.steps != 4 || scr.shown != 1 || scr.begins != 1 {
		t.Fatalf("one frame: %d steps, %d turns shown, %d begun; want 4, 1, 1", r.steps, scr.shown, scr.begins)
	}
	f.Tick(true) // a window over the screen does not hold the news
	if r.steps != 5 {
		t.Fatalf("a frame with nothing new made %d steps, want 1", r.steps-4)
	}
	r.news, r.waiting = []session.Event{session.Waited}, true
	f.Tick(false)
	if len(scr.said) != 1 || scr.said[0] != "Your decision is needed." || f.Mode() != Follow {
		t.Fatalf("said %q, mode %d", scr.said, f.Mode())
	}
	if f.NextDecision() != Done || f.Mode() != Follow {
		t.Fatal("Enter left the followed game")
	}
	if f.EndTurn() != Confirm {
		t.Fatal("Space with decisions open does not ask first")
	}
	if err := f.ConfirmEndTurn(); err != nil || r.rests != 1 || f.Mode() != Follow {
		t.Fatalf("confirmed: %v, %d default answers, mode %d", err, r.rests, f.Mode())
	}
	r.news, r.over = []session.Event{session.Ended}, true
	if !f.Running() {
		t.Fatal("the flow stops before it has taken the news of the end")
	}
	f.Tick(false)
	if f.Running() || !f.Ending() {
		t.Fatal("the ended game still runs, or its end is not noted")
	}
}
