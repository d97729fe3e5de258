package turnflow

import (
	"time"

	"github.com/deconflict/deconflict/game/session"
)

// AutosaveInterval is the least time between two autosaves of a game in
// progress (the last one, at the end of the run, always happens).
const AutosaveInterval = 5 * time.Second

// Prepare turns a snapshot of the game into the work that writes it. It
// runs on the caller's goroutine (it may read the screen, such as the
// camera); the work it returns runs in the background.
type Prepare func(snap session.Snapshot, at time.Time) func() error

// Autosaver writes a game in the background, at most every
// AutosaveInterval, never before the first turn has ended, and always when
// the run is over.
type Autosaver struct {
	clock   Clock
	prepare Prepare
	last    time.Time
	saving  chan error
}

// NewAutosaver returns an autosaver on a clock.
func NewAutosaver(clock Clock, prepare Prepare) *Autosaver {
	return &Autosaver{clock: clock, prepare: prepare}
}

// Savable is a game that can be saved: a local session.
type Savable interface {
	Turn() int32
	Over() bool
	Snapshot() session.Snapshot
}

// Maybe starts a save of the session if one is due and none is under way.
func (a *Autosaver) Maybe(s Savable) {
	if a.saving != nil || s.Turn() == 0 && !s.Over() {
		return
	}
	now := a.clock.Now()
	if !s.Over() && !a.last.IsZero() && now.Sub(a.last) < AutosaveInterval {
		return
	}
	a.last = now
	work := a.prepare(s.Snapshot(), now)
	done := make(chan error, 1)
	a.saving = done
	go func() { done <- work() }()
}

// Poll returns the error of a save that has finished since the last poll,
// without waiting.
func (a *Autosaver) Poll() error {
	if a.saving == nil {
		return nil
	}
	select {
	case err := <-a.saving:
		a.saving = nil
		return err
	default:
		return nil
	}
}

// Busy reports whether a save is under way.
func (a *Autosaver) Busy() bool { return a.saving != nil }

// Flush waits for a save under way and returns its error.
func (a *Autosaver) Flush() error {
	if a.saving == nil {
		return nil
	}
	err := <-a.saving
	a.saving = nil
	return err
}

// Final saves the session now, however recent the last save, and waits
// for it (leaving the game, closing the window).
func (a *Autosaver) Final(s Savable) error {
	err := a.Flush()
	a.last = time.Time{}
	a.Maybe(s)
	if err2 := a.Flush(); err == nil {
		err = err2
	}
	return err
}
