package game

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/deconflict/deconflict/game/keymap"
	"github.com/deconflict/deconflict/game/ui"
)

// Input is one tick of input: the widget layer's view of it plus the keys
// and characters screens handle themselves.
type Input struct {
	UI      ui.Input
	keys    []ebiten.Key
	Chars   []rune
	Now     time.Time
	started time.Time
	// Repeat holds keys held long enough to repeat (for text fields).
	repeat []ebiten.Key
	// Active reports whether the player did anything this tick: moved the
	// pointer, held a button or key, scrolled or typed (see package redraw).
	Active bool
	held   []ebiten.Key
	lastX  float64
	lastY  float64
}

func (in *Input) read() {
	now := time.Now()
	if in.started.IsZero() {
		in.started = now
	}
	in.Now = now
	x, y := ebiten.CursorPosition() // in screen pixels, which Layout made device pixels
	in.UI = ui.Input{X: float64(x), Y: float64(y), Now: now.Sub(in.started)}
	in.UI.Down = ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
	in.UI.Pressed = inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft)
	in.UI.Released = inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft)
	_, wy := ebiten.Wheel()
	in.UI.WheelY = wy
	in.UI.Shift = ebiten.IsKeyPressed(ebiten.KeyShift)
	in.keys = inpututil.AppendJustPressedKeys(in.keys[:0])
	in.repeat = in.repeat[:0]
	for _, k := range []ebiten.Key{ebiten.KeyBackspace, ebiten.KeyDelete, ebiten.KeyArrowLeft, ebiten.KeyArrowRight} {
		if d := inpututil.KeyPressDuration(k); d > 30 && d%3 == 0 {
			in.repeat = append(in.repeat, k)
		}
	}
	in.Chars = ebiten.AppendInputChars(in.Chars[:0])
	if in.Pressed(ebiten.KeyTab) {
		in.UI.Keys = append(in.UI.Keys, ui.KeyTab)
	}
	in.held = inpututil.AppendPressedKeys(in.held[:0])
	in.Active = in.UI.X != in.lastX || in.UI.Y != in.lastY || in.UI.Down || in.UI.Released ||
		in.UI.WheelY != 0 || len(in.held) > 0 || len(in.keys) > 0 || len(in.Chars) > 0
	in.lastX, in.lastY = in.UI.X, in.UI.Y
}

// Pressed reports whether a key went down this tick.
func (in *Input) Pressed(k ebiten.Key) bool {
	for _, p := range in.keys {
		if p == k {
			return true
		}
	}
	return false
}

// PressedOrRepeated reports whether a key went down or auto-repeats.
func (in *Input) PressedOrRepeated(k ebiten.Key) bool {
	if in.Pressed(k) {
		return true
	}
	for _, p := range in.repeat {
		if p == k {
			return true
		}
	}
	return false
}

// Activate passes an Enter pressed this tick on to the widget layer, which
// presses the focused button with it (for screens where Enter does that).
func (in *Input) Activate() {
	if in.Pressed(ebiten.KeyEnter) || in.Pressed(ebiten.KeyNumpadEnter) {
		in.UI.Keys = append(in.UI.Keys, ui.KeyEnter)
	}
}

// ActivateAndMove is Activate for a window of buttons, where the arrow
// keys also move the focus up and down its list.
func (in *Input) ActivateAndMove() {
	in.Activate()
	if in.Pressed(ebiten.KeyArrowDown) {
		in.UI.Keys = append(in.UI.Keys, ui.KeyDown)
	}
	if in.Pressed(ebiten.KeyArrowUp) {
		in.UI.Keys = append(in.UI.Keys, ui.KeyUp)
	}
}

// editField applies this tick's typing to a text field; it reports whether
// Enter was pressed.
func (in *Input) editField(f *ui.TextField) bool {
	f.Insert(in.Chars)
	if in.PressedOrRepeated(ebiten.KeyBackspace) {
		f.Backspace()
	}
	if in.PressedOrRepeated(ebiten.KeyDelete) {
		f.Delete()
	}
	if in.PressedOrRepeated(ebiten.KeyArrowLeft) {
		f.Move(-1)
	}
	if in.PressedOrRepeated(ebiten.KeyArrowRight) {
		f.Move(1)
	}
	if in.Pressed(ebiten.KeyHome) {
		f.Home()
	}
	if in.Pressed(ebiten.KeyEnd) {
		f.End()
	}
	return in.Pressed(ebiten.KeyEnter) || in.Pressed(ebiten.KeyNumpadEnter)
}

// ctrl reports whether Control (or Command) is held.
func ctrl() bool {
	return ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
}

// Did reports whether a key bound to the action went down this tick, with
// Control held exactly when the binding asks for it.
func (in *Input) Did(m keymap.Keymap, a keymap.Action) bool {
	c := ctrl()
	for _, k := range in.keys {
		if m.Pressed(a, keymap.WithCtrl(k.String(), c)) {
			return true
		}
	}
	return false
}

// Holds reports whether a key bound to the action is held down (for
// panning), Control or not as the binding asks.
func (in *Input) Holds(m keymap.Keymap, a keymap.Action) bool {
	for _, k := range m.Keys(a) {
		var ek ebiten.Key
		if ek.UnmarshalText([]byte(k.Name())) == nil && ebiten.IsKeyPressed(ek) && k.Ctrl() == ctrl() {
			return true
		}
	}
	return false
}

// Captured is the first key that went down this tick as a binding would
// name it (with "Ctrl+" when Control is held), ignoring the modifier keys
// themselves; ok is false when no such key went down.
func (in *Input) Captured() (k keymap.Key, ok bool) {
	for _, p := range in.keys {
		switch p {
		case ebiten.KeyControl, ebiten.KeyControlLeft, ebiten.KeyControlRight, ebiten.KeyShift, ebiten.KeyShiftLeft, ebiten.KeyShiftRight,
			ebiten.KeyAlt, ebiten.KeyAltLeft, ebiten.KeyAltRight, ebiten.KeyMeta, ebiten.KeyMetaLeft, ebiten.KeyMetaRight:
			continue
		}
		return keymap.WithCtrl(p.String(), ctrl()), true
	}
	return "", false
}
