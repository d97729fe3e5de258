package view

import "strings"

// EnterAction is what Enter does on the play screen.
type EnterAction uint8

// The actions of Enter.
const (
	EnterNext  EnterAction = iota // skip ahead to the next decision (or event, for a spectator)
	EnterPress                    // press the focused control
)

// PlayEnter decides what Enter does on the play screen while the widget
// focus (empty for none) holds the keyboard focus, and how the footer
// says it. A control that gives an order (a decision's answer "choice-…",
// an order given any time "free-…") is never pressed by Enter: a stray Tab
// must not turn the key that moves the game on into an order. Orders are
// given with a click or the digit keys.
func PlayEnter(focus, label string, spectating bool) (EnterAction, string) {
	if focus != "" && !strings.HasPrefix(focus, "choice-") && !strings.HasPrefix(focus, "free-") {
		if label == "" {
			return EnterPress, "Enter: press the highlighted button"
		}
		return EnterPress, "Enter: " + label
	}
	if spectating {
		return EnterNext, "Enter: next event"
	}
	return EnterNext, "Enter: next decision"
}

// PlayHints is the play screen's key-hint footer, with what Enter does.
func PlayHints(enter string, spectating bool) string {
	if spectating {
		return "Space: play/pause   0–5: speed   " + enter + "   F1: help   Esc: menu   wheel: zoom   drag: pan"
	}
	return "Space: end turn   " + enter + "   1–9: choose   F1: help   Esc: menu   wheel: zoom   drag: pan"
}
