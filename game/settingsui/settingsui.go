// Package settingsui holds the settings window (interface scale, full
// screen, the colour-blind palette, the way to the keys) and the keys window
// (rebind each action): which is open, where each control goes, what each
// does to the settings, and what Esc and Back do. The main menu and the
// play screen's pause menu open the same windows through it; the game only
// draws them and applies what they changed. It has no graphics dependency,
// so the windows are tested without a display.
package settingsui

import (
	"fmt"
	"math"

	"github.com/deconflict/deconflict/game/keymap"
	"github.com/deconflict/deconflict/game/layout"
	"github.com/deconflict/deconflict/game/settings"
	"github.com/deconflict/deconflict/game/ui"
)

// OpenTip is the tooltip of the buttons that open the settings window.
const OpenTip = "Interface scale, full screen, the colour-blind palette and the keys."

// KeysTip is the tooltip of the buttons that open the keys window.
const KeysTip = "Bind the game's keys to others."

// scaleSteps is how many steps of Smaller and Larger make a unit of the
// interface scale: each changes it by a tenth.
const scaleSteps = 10

// Window is which of the two windows is open.
type Window uint8

// The windows.
const (
	Closed   Window = iota // neither: the screen that opened them shows
	Settings               // the settings window
	Keys                   // the keys window
)

// Op is what a control does.
type Op uint8

// The controls' operations.
const (
	OpNone       Op = iota
	OpSmaller       // shrink the interface a step (a tenth)
	OpLarger        // enlarge it a step
	OpFullscreen    // switch full screen
	OpPalette       // switch the colour-blind palette
	OpKeys          // open the keys window
	OpBack          // back: from the keys to the settings, from the settings to the screen below
	OpBind          // wait for the new key of the control's Action
	OpReset         // bind every key as by default
)

// Control is one control of a window: its widget (id, place, tip, hotkey),
// its label and what it does.
type Control struct {
	ui.Widget
	Label string
	// Toggle marks a switch or a binding (drawn as one of a set), not a
	// plain button.
	Toggle bool
	Op     Op
	Action keymap.Action // the action an OpBind control rebinds
}

// Name is an action's name in the keys window, at the left of its binding
// button: Rect is the room it may take (the game shortens what does not
// fit).
type Name struct {
	Text string
	Rect ui.Rect
}

// Frame is the open window as laid out for one frame.
type Frame struct {
	Box      ui.Rect // the window
	Title    string
	Controls []Control
	// Scale is where the settings window writes the interface scale
	// (ScaleText), between Smaller and Larger.
	Scale ui.Rect
	// Names are the keys window's action names.
	Names []Name
}

// Metrics are the sizes a layout needs from the screen and its fonts, in
// device pixels.
type Metrics struct {
	W, H      float64 // the screen
	Scale     float64 // one layout unit (see layout.Scale)
	TitleLine float64 // the height of a line of the title font
	BodyLine  float64 // the height of a line of the body font
}

func (m Metrics) px(v float64) float64 { return layout.Px(m.Scale, v) }

// box is the rectangle of a window of a given size (see layout.Window).
func (m Metrics) box(w, h float64) ui.Rect { return layout.Window(m.W, m.H, m.Scale, w, h) }

// Windows is the state of the two windows: which is open, and the keys
// window's wait for a key and its last message.
type Windows struct {
	Open   Window
	Wait   bool          // the keys window waits for the key to bind to Action
	Action keymap.Action // the action being rebound
	Msg    string        // what the keys window last said (a refusal, or what was bound), "" for the usual line
	MsgBad bool          // Msg is a refusal
}

// Show opens a window (Closed closes both); the keys window opens with no
// wait and its usual line.
func (w *Windows) Show(win Window) {
	*w = Windows{Open: win}
}

// Back is Esc: it cancels a wait for a key, else goes
// from the keys to the settings and from the settings to the screen below
// (Closed).
func (w *Windows) Back() {
	switch {
	case w.Open == Keys && w.Wait:
		w.Wait, w.Msg, w.MsgBad = false, "Nothing changed.", false
	case w.Open == Keys:
		w.Show(Settings)
	default:
		w.Show(Closed)
	}
}

// Effect is what a control changed that the game must apply beyond the
// settings themselves.
type Effect struct {
	Save       bool // the settings changed: keep them
	Fullscreen bool // apply Settings.Fullscreen to the window
	Palette    bool // paint with the palette Settings.ColourBlind asks for
}

// Do performs a control's operation on the settings; fullscreen is whether
// the window is full screen now.
func (w *Windows) Do(c Control, s *settings.Settings, fullscreen bool) Effect {
	switch c.Op {
	case OpSmaller:
		s.UIScale = stepScale(s.UIScale, -1)
		return Effect{Save: true}
	case OpLarger:
		s.UIScale = stepScale(s.UIScale, 1)
		return Effect{Save: true}
	case OpFullscreen:
		return ToggleFullscreen(s, fullscreen)
	case OpPalette:
		s.ColourBlind = !s.ColourBlind
		return Effect{Save: true, Palette: true}
	case OpKeys:
		w.Show(Keys)
	case OpBack:
		w.Wait = false // the button leaves the keys window even while it waits for a key
		w.Back()
	case OpBind:
		w.Wait, w.Action = true, c.Action
		w.Msg, w.MsgBad = "Press the new key for “"+c.Action.Name()+"” (Esc cancels).", false
	case OpReset:
		s.Keys = keymap.Default()
		w.Wait, w.Msg, w.MsgBad = false, "Every key is back to its default.", false
		return Effect{Save: true}
	}
	return Effect{}
}

// ToggleFullscreen switches full screen, as the settings window's control
// and the full-screen key do; fullscreen is whether the window is full
// screen now.
func ToggleFullscreen(s *settings.Settings, fullscreen bool) Effect {
	s.Fullscreen = !fullscreen
	return Effect{Save: true, Fullscreen: true}
}

// stepScale moves the interface scale a step up (dir 1) or down (-1),
// rounded to whole steps so repeated steps do not drift, within the
// settings' range.
func stepScale(s float64, dir float64) float64 {
	s = (math.Round(s*scaleSteps) + dir) / scaleSteps
	return min(max(s, settings.MinUIScale), settings.MaxUIScale)
}

// Capture binds the key pressed while the keys window waits for one, or
// says why it cannot; it reports whether the settings changed (and must be
// kept). Esc is not a key to bind: it goes Back.
func (w *Windows) Capture(k keymap.Key, s *settings.Settings) bool {
	if !w.Wait {
		return false
	}
	keys := s.Keys
	if err := keys.Bind(w.Action, k); err != nil {
		w.Msg, w.MsgBad = "Not bound: "+err.Error()+".", true
		return false
	}
	s.Keys = keys
	w.Wait, w.Msg, w.MsgBad = false, fmt.Sprintf("“%s” is now %s.", w.Action.Name(), k.Label()), false
	return true
}

// Line is the keys window's line under its title and whether it reports a
// refusal; dim is set for the usual line (nothing said yet).
func (w *Windows) Line() (msg string, bad, dim bool) {
	if w.Msg == "" {
		return "Press an action's keys, then the new key. Esc (menu, back) and Tab (moving between buttons) stay as they are; the mouse wheel zooms and dragging pans.", false, true
	}
	return w.Msg, w.MsgBad, false
}

// ScaleText is the interface scale as the settings window writes it.
func ScaleText(s settings.Settings) string {
	return fmt.Sprintf("Interface %d%%", int(s.UIScale*100+0.5))
}

// Layout lays out the open window for the settings as they are;
// fullscreen is whether the window is full screen now. With no window open
// the frame is empty.
func (w *Windows) Layout(m Metrics, s settings.Settings, fullscreen bool) Frame {
	switch w.Open {
	case Settings:
		return layoutSettings(m, s, fullscreen)
	case Keys:
		return w.layoutKeys(m, s)
	}
	return Frame{}
}

func layoutSettings(m Metrics, s settings.Settings, fullscreen bool) Frame {
	f := Frame{Box: m.box(m.px(420), m.px(360)), Title: "Settings"}
	bh := m.px(38)
	add := func(c Control) { c.Focusable = true; f.Controls = append(f.Controls, c) }
	r := f.Box.Inset(m.px(20))
	_, r = r.CutTop(m.px(44))
	row, r := r.CutTop(bh)
	cols := row.Columns(m.px(8), 1, 1.4, 1)
	add(Control{Widget: ui.Widget{ID: "smaller", Rect: cols[0], Tip: "Shrink text and controls."}, Label: "Smaller", Op: OpSmaller})
	f.Scale = cols[1]
	add(Control{Widget: ui.Widget{ID: "larger", Rect: cols[2], Tip: "Enlarge text and controls."}, Label: "Larger", Op: OpLarger})
	_, r = r.CutTop(m.px(12))
	row, r = r.CutTop(bh)
	label := "Full screen: off"
	if fullscreen {
		label = "Full screen: on"
	}
	add(Control{Widget: ui.Widget{ID: "fullscreen", Rect: row, Tip: "Switch full screen on or off.", Hotkey: s.Keys.Label(keymap.Fullscreen)},
		Label: label, Toggle: true, Op: OpFullscreen})
	_, r = r.CutTop(m.px(12))
	row, r = r.CutTop(bh)
	label = "Colour-blind palette: off"
	if s.ColourBlind {
		label = "Colour-blind palette: on"
	}
	add(Control{Widget: ui.Widget{ID: "palette", Rect: row, Tip: "Owner and hazard colours that stay apart with red–green colour blindness."},
		Label: label, Toggle: true, Op: OpPalette})
	_, r = r.CutTop(m.px(12))
	row, r = r.CutTop(bh)
	add(Control{Widget: ui.Widget{ID: "keys", Rect: row, Tip: KeysTip}, Label: "Keys…", Op: OpKeys})
	bottom, _ := r.CutBottom(bh)
	add(Control{Widget: ui.Widget{ID: "back", Rect: ui.Rect{X: bottom.Right() - m.px(120), Y: bottom.Y, W: m.px(120), H: bh}, Hotkey: "Esc"}, Label: "Back", Op: OpBack})
	return f
}

// layoutKeys lays out the keys window: a button per action showing its
// keys (press it, then the new key) in two columns, reset and back.
func (w *Windows) layoutKeys(m Metrics, s settings.Settings) Frame {
	f := Frame{Box: m.box(m.px(900), m.px(600)), Title: "Keys"}
	bh := m.px(38)
	add := func(c Control) { c.Focusable = true; f.Controls = append(f.Controls, c) }
	r := f.Box.Inset(m.px(20))
	_, r = r.CutTop(m.TitleLine + m.BodyLine*2 + m.px(8))
	bottom, r := r.CutBottom(bh)
	_, r = r.CutBottom(m.px(8))
	cols := r.Columns(m.px(24), 1, 1)
	perCol := (int(keymap.NumActions) + 1) / 2
	rowH := min(m.px(30), r.H/float64(perCol))
	for a := keymap.Action(0); a < keymap.NumActions; a++ {
		col := cols[int(a)/perCol]
		y := col.Y + float64(int(a)%perCol)*rowH
		bw := min(m.px(150), col.W*0.4)
		label := s.Keys.Labels(a)
		if w.Wait && w.Action == a {
			label = "press a key…"
		}
		// no tooltip: the line at the top says what to do, and a tip would cover the next row
		b := ui.Rect{X: col.Right() - bw, Y: y + m.px(1), W: bw, H: rowH - m.px(3)}
		add(Control{Widget: ui.Widget{ID: "key-" + a.ID(), Rect: b}, Label: label, Toggle: true, Op: OpBind, Action: a})
		f.Names = append(f.Names, Name{Text: a.Name(), Rect: ui.Rect{X: col.X, Y: b.Y, W: b.X - col.X - m.px(8), H: b.H}})
	}
	cb := bottom.Columns(m.px(12), 1, 1, 1)
	add(Control{Widget: ui.Widget{ID: "keys-reset", Rect: cb[0], Tip: "Bind every key as the game first came."}, Label: "Reset to defaults", Op: OpReset})
	add(Control{Widget: ui.Widget{ID: "back", Rect: cb[2], Hotkey: "Esc"}, Label: "Back", Op: OpBack})
	return f
}

// Find returns the frame's control with the id, or false.
func (f Frame) Find(id string) (Control, bool) {
	for _, c := range f.Controls {
		if c.ID == id {
			return c, true
		}
	}
	return Control{}, false
}

// Widgets are the frame's controls as the widget layer takes them.
func (f Frame) Widgets() []ui.Widget {
	out := make([]ui.Widget, len(f.Controls))
	for i, c := range f.Controls {
		out[i] = c.Widget
	}
	return out
}
