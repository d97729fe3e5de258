package session

import (
	"errors"

	"github.com/deconflict/deconflict/sim"
)

// ErrPreviewPending is what a Game's Preview returns while the preview is
// worked out elsewhere and its answer is on its way (a served seat asks the
// server): the screen keeps room for it and asks again.
var ErrPreviewPending = errors.New("the preview is on its way")

// Game is a game in progress as the play screen and its flow see it: a
// local Session, or one seat of a served game (package seat), whose state
// is the server's and which knows only what the server sends that seat.
// Every method is called on one goroutine.
type Game interface {
	// Scenario returns the scenario being played.
	Scenario() *sim.Scenario
	// Role returns the role the player answers for now (Spectator for none).
	Role() sim.Actor
	// Mode returns who answers the role.
	Mode() Mode
	// Turn returns the current turn (0-based).
	Turn() int32
	// Over reports whether the run has ended; Outcome tells how.
	Over() bool
	Outcome() sim.Outcome
	// Observation returns what the role sees now; it stays valid until the
	// next Step, Apply, AnswerRest or Undo.
	Observation() *sim.Observation
	// Log returns the event-log entries so far (at least those the role may
	// know); Changes the recorded changes of the talks, trust and ladders.
	Log() []sim.Entry
	Changes() []sim.Change
	// Mission returns a strike mission the role has seen, by id.
	Mission(id int32) (sim.Mission, bool)
	// ObjectiveValue returns the value objective i is judged on now, as
	// the role can know it; Objectives the objectives' states so far.
	ObjectiveValue(i int) int64
	Objectives() []sim.ObjectiveState
	// Waiting reports whether the player must answer before the run goes on.
	Waiting() bool
	// Step moves the game to its next stop, or takes the news of one.
	Step() (Event, error)
	// Err returns the error that stopped the game, if any.
	Err() error
	// Check, Preview and Apply check, preview and give an order of the role.
	Check(o sim.Order) error
	Preview(o sim.Order) (sim.Preview, error)
	Apply(o sim.Order) error
	// AnswerRest answers the role's open decisions with their defaults.
	AnswerRest() error
	// Commit lets the player's orders so far stand; Undoable and Undo take
	// back those given since.
	Commit()
	Undoable() int
	Undo(n int) error
}

var _ Game = (*Session)(nil)
