// Package turnflow runs a game over time for the play screen, without a
// display: when the engine advances (a turn on Space, a skip to the next
// decision on Enter, a spectator's playback at its speed, a served game's
// news as it comes), how much of it one frame may resolve, and when the
// game is saved in the background. Its
// clock is injected, so the whole flow is tested with plain unit tests and
// a fake clock.
package turnflow

import (
	"time"

	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/sim"
)

// Clock tells the time (time.Now in the game, a fake in tests).
type Clock interface{ Now() time.Time }

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// Mode is what the flow is doing with the engine.
type Mode uint8

// The modes of a flow.
const (
	Idle   Mode = iota // waiting for the player
	Turn               // resolving the rest of the turn
	Next               // skipping ahead to the player's next decision
	Auto               // playing on by itself at the chosen speed (spectator, replay)
	Follow             // following a game that goes on elsewhere (a served game's seat)
)

// NumSpeeds is the number of spectator speeds.
const NumSpeeds = 6

// SpeedOf is a spectator speed in turns per second: 0 pauses, the last
// plays as fast as the frame budget allows.
func SpeedOf(i int) float64 { return [NumSpeeds]float64{0, 0.7, 2.8, 11, 44, 1e9}[i] }

// SpeedName names a spectator speed on its button.
func SpeedName(i int) string {
	return [NumSpeeds]string{"pause", "1×", "4×", "16×", "64×", "max"}[i]
}

// fastSpeed is the turns per second above which turns are not shown one by
// one.
const fastSpeed = 100

// StepBudget is the time one frame may spend advancing the engine, so no
// frame runs long while turns resolve.
const StepBudget = 6 * time.Millisecond

// Screen is what the flow tells the screen that shows it.
type Screen interface {
	// TurnBegins: a turn starts resolving (remember where its log begins).
	TurnBegins()
	// TurnShown: show what happened since TurnBegins, at a speed (1 is
	// normal).
	TurnShown(speed float64)
	// Say shows a short message to the player.
	Say(msg string, bad bool)
}

// Config is what a flow runs on.
type Config struct {
	Session    session.Game
	Clock      Clock
	Screen     Screen
	Spectating bool                 // the player only watches: playback at a speed
	Following  bool                 // the game goes on by itself (a served game): show its news as it comes
	Important  func(sim.Entry) bool // a log entry that ends a skip ahead
	Saver      *Autosaver           // nil for no autosave (a replay, a capture)
}

// Flow is the play screen's game over time.
type Flow struct {
	Config
	mode        Mode
	speed       int
	resumeSpeed int       // the speed a pause interrupted, for Space to resume
	nextTurn    time.Time // when the spectator's next turn is due
	midTurn     bool      // the spectator's current turn has begun resolving
	overAt      time.Time // when the run was seen to end
}

// New starts a flow: a spectator's playback runs at 1×, a player waits, a
// served game's seat follows the game.
func New(cfg Config) *Flow {
	f := &Flow{Config: cfg}
	switch {
	case cfg.Following:
		f.mode = Follow
	case cfg.Spectating:
		f.speed, f.mode = 1, Auto
	}
	return f
}

// Mode returns what the flow is doing.
func (f *Flow) Mode() Mode { return f.mode }

// Speed returns the spectator speed (an index of SpeedOf).
func (f *Flow) Speed() int { return f.speed }

// Stop holds the flow: nothing advances until the player acts (a capture
// shows a still screen).
func (f *Flow) Stop() { f.mode, f.speed = Idle, 0 }

// Running reports whether the engine advances without the player: a turn
// resolving, a skip ahead, playback that is not paused, or a served game
// followed.
func (f *Flow) Running() bool {
	return f.mode == Turn || f.mode == Next || f.mode == Auto && f.speed > 0 || f.mode == Follow
}

// SetSpeed sets the spectator speed; 0 pauses, remembering the speed to
// resume.
func (f *Flow) SetSpeed(i int) {
	if i == 0 && f.speed > 0 {
		f.resumeSpeed = f.speed
	}
	f.speed = i
	if i > 0 {
		f.mode = Auto
	}
}

// Action is what a key asks of the screen besides the flow.
type Action uint8

// The actions a key may leave to the screen.
const (
	Done    Action = iota // the flow handled it
	ToEnd                 // the run is over: show the end screen
	Confirm               // decisions are open: ask before ending the turn
)

// EndTurn is Space: end the turn (asking first when decisions are open);
// for a spectator, pause or resume.
func (f *Flow) EndTurn() Action {
	s := f.Session
	switch {
	case s.Over():
		return ToEnd
	case f.Following:
		if s.Waiting() {
			return Confirm
		}
		f.Screen.Say("Your orders are in: the game goes on as the other seats answer.", false)
	case f.Spectating:
		if f.speed == 0 {
			f.SetSpeed(max(f.resumeSpeed, 1))
		} else {
			f.SetSpeed(0)
		}
	case f.mode == Turn || f.mode == Next:
	case s.Waiting():
		return Confirm
	default:
		f.PlayTurn()
	}
	return Done
}

// PlayTurn resolves one turn, for players and spectators alike (a
// scripted run; Space would start a spectator's playback instead).
func (f *Flow) PlayTurn() {
	f.Session.Commit()
	f.mode = Turn
	f.Screen.TurnBegins()
}

// ConfirmEndTurn answers the open decisions by default and ends the turn.
func (f *Flow) ConfirmEndTurn() error {
	if err := f.Session.AnswerRest(); err != nil {
		return err
	}
	f.Session.Commit()
	if !f.Following {
		f.mode = Turn
	}
	return nil
}

// NextDecision is Enter: skip ahead to the player's next decision (a
// spectator's next important event).
func (f *Flow) NextDecision() Action {
	s := f.Session
	if s.Over() {
		return ToEnd
	}
	if s.Waiting() {
		f.Screen.Say("Answer the open decisions first, or press Space to let them go.", true)
		return Done
	}
	if f.Following {
		f.Screen.Say("The game goes on as the other seats answer: your next decision shows when it comes.", false)
		return Done
	}
	s.Commit()
	f.mode = Next
	f.Screen.TurnBegins()
	return Done
}

// Answered carries on with the turn once the player has answered every
// decision of this stop (call it after the player's order). The answers
// can still be undone until the player ends a turn.
func (f *Flow) Answered(o sim.Order) {
	s := f.Session
	if !f.Following && !s.Waiting() && f.mode == Idle && len(s.Observation().Decisions) == 0 && o.Decision != 0 {
		f.mode = Turn
	}
}

// Tick advances the engine for one frame, within StepBudget; paused holds
// a spectator's playback (a window is open over the screen).
func (f *Flow) Tick(paused bool) {
	s := f.Session
	if s.Err() != nil || s.Over() && f.mode != Follow { // a followed game's end comes as news: Step says Ended
		return
	}
	now := f.Clock.Now()
	deadline := now.Add(StepBudget)
	switch f.mode {
	case Turn:
		for f.Clock.Now().Before(deadline) {
			ev, err := s.Step()
			if f.stepped(ev, err, now) {
				return
			}
			if ev == session.TurnDone {
				f.mode = Idle
				f.Screen.TurnShown(1)
				f.autosave()
				return
			}
		}
	case Next:
		for f.Clock.Now().Before(deadline) {
			mark := len(s.Log())
			ev, err := s.Step()
			if f.stepped(ev, err, now) {
				return
			}
			if f.importantSince(mark) {
				f.stopSkipping()
				f.Screen.TurnShown(1)
				f.autosave()
				return
			}
			if ev == session.TurnDone {
				f.Screen.TurnBegins()
				f.autosave()
			}
		}
	case Follow:
		for f.Clock.Now().Before(deadline) {
			ev, err := s.Step()
			if ev == session.Pending && err == nil {
				return // nothing new from the server this frame
			}
			if f.stepped(ev, err, now) {
				return
			}
			if ev == session.TurnDone {
				f.Screen.TurnShown(1)
				f.Screen.TurnBegins()
			}
		}
	case Auto:
		if f.speed == 0 || paused || now.Before(f.nextTurn) {
			return
		}
		fast := SpeedOf(f.speed) > fastSpeed
		if !f.midTurn {
			f.Screen.TurnBegins()
			f.midTurn = true
		}
		for f.Clock.Now().Before(deadline) {
			ev, err := s.Step()
			if f.stepped(ev, err, now) {
				return
			}
			if ev == session.TurnDone {
				f.midTurn = false
				if !fast {
					f.Screen.TurnShown(SpeedOf(f.speed) / SpeedOf(1))
					f.nextTurn = now.Add(time.Duration(float64(time.Second) / SpeedOf(f.speed)))
					f.autosave()
					return
				}
				f.Screen.TurnBegins()
				f.midTurn = true
			}
		}
	}
}

// stepped handles the end of a step; it reports whether to stop for now.
func (f *Flow) stepped(ev session.Event, err error, now time.Time) bool {
	if err != nil {
		f.mode = Idle
		f.Screen.Say("The game stopped: "+err.Error(), true)
		return true
	}
	switch ev {
	case session.Waited:
		if f.mode != Auto && f.mode != Follow {
			f.stopSkipping()
		}
		f.Screen.TurnShown(1)
		f.Screen.Say("Your decision is needed.", false)
		return true
	case session.Ended:
		f.mode = Idle
		f.Screen.TurnShown(1)
		f.overAt = now
		f.autosave()
		return true
	}
	return false
}

// stopSkipping ends a run of turns: a player waits for input, a spectator's
// playback pauses on the event.
func (f *Flow) stopSkipping() {
	f.mode = Idle
	if f.Spectating {
		f.mode = Auto
		f.SetSpeed(0)
	}
}

// importantSince reports whether the log has something for the player
// since the mark.
func (f *Flow) importantSince(mark int) bool {
	if f.Important == nil {
		return false
	}
	for _, e := range f.Session.Log()[mark:] {
		if f.Important(e) {
			return true
		}
	}
	return false
}

// OverFor reports whether the run ended at least d ago (the last turn has
// been shown; time for the end screen).
func (f *Flow) OverFor(d time.Duration) bool {
	return f.Session.Over() && !f.overAt.IsZero() && f.Clock.Now().Sub(f.overAt) > d
}

// Ending reports whether the run has ended and the end screen is still to
// come.
func (f *Flow) Ending() bool { return !f.overAt.IsZero() }

func (f *Flow) autosave() {
	if s, ok := f.Session.(Savable); ok && f.Saver != nil {
		f.Saver.Maybe(s)
	}
}
