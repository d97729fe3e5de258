package view

import (
	"strings"

	"github.com/deconflict/deconflict/game/keymap"
)

// EnterAction is what Enter does on the play screen.
type EnterAction uint8

// The actions of Enter.
const (
	EnterNext  EnterAction = iota // what Enter is bound to, if anything (by default: skip ahead to the next decision)
	EnterPress                    // press the focused control
)

// PlayEnter decides what Enter does on the play screen while the widget
// focus (empty for none) holds the keyboard focus, and how the footer says
// it, with the key bound to "next decision" (keys). A control that gives an
// order (a decision's answer "choice-…", an order given any time "free-…")
// is never pressed by Enter: a stray Tab must not turn the key that moves
// the game on into an order. Orders are given with a click or the answer
// keys.
func PlayEnter(focus, label string, spectating bool, keys keymap.Keymap) (EnterAction, string) {
	if focus != "" && !strings.HasPrefix(focus, "choice-") && !strings.HasPrefix(focus, "free-") {
		if label == "" {
			return EnterPress, "Enter: press the highlighted button"
		}
		return EnterPress, "Enter: " + label
	}
	if spectating {
		return EnterNext, keys.Label(keymap.NextDecision) + ": next event"
	}
	return EnterNext, keys.Label(keymap.NextDecision) + ": next decision"
}

// PlayHints is the play screen's key-hint footer, with the bound keys and
// what Enter does (enter, from PlayEnter).
func PlayHints(enter string, spectating bool, keys keymap.Keymap) string {
	if spectating {
		return keys.Label(keymap.EndTurn) + ": play/pause   " + keys.Range(keymap.Speed0, keymap.Speed5) + ": speed   " + enter +
			"   " + keys.Label(keymap.Help) + ": help   Esc: menu   wheel: zoom   drag: pan"
	}
	return keys.Label(keymap.EndTurn) + ": end turn   " + enter + "   " + keys.Range(keymap.Answer1, keymap.Answer9) + ": choose   " +
		keys.Label(keymap.Help) + ": help   Esc: menu   wheel: zoom   drag: pan"
}

// WatchHint tells a spectator the keys that drive the replay or the AI's
// game.
func WatchHint(keys keymap.Keymap) string {
	return keys.Label(keymap.EndTurn) + " pauses and resumes, " + keys.Range(keymap.Speed0, keymap.Speed5) + " set the speed, " +
		keys.Label(keymap.NextDecision) + " skips to the next big event."
}

// IdleHint tells a player with no open decision how to move on.
func IdleHint(keys keymap.Keymap) string {
	return "No decision is open. " + keys.Label(keymap.EndTurn) + " ends the turn; " + keys.Label(keymap.NextDecision) + " skips ahead to your next decision."
}

// OverHint tells a player whose run is over how to see the results.
func OverHint(keys keymap.Keymap) string {
	return "Press " + keys.Label(keymap.EndTurn) + " or " + keys.Label(keymap.NextDecision) + " for the results."
}
