package ui

import "time"

// Key is a key the widget layer reacts to.
type Key uint8

// The keys of keyboard navigation.
const (
	KeyNone Key = iota
	KeyTab
	KeyEnter
	KeyUp
	KeyDown
)

// Input is one frame of pointer and keyboard input, in screen pixels.
type Input struct {
	X, Y     float64       // pointer position
	Down     bool          // the primary button is held
	Pressed  bool          // the primary button went down this frame
	Released bool          // the primary button went up this frame
	WheelY   float64       // wheel notches this frame (positive: away from the user)
	Keys     []Key         // navigation keys pressed this frame
	Shift    bool          // a shift key is held
	Now      time.Duration // a monotonic clock, for tooltip delays
}

// Widget is one interactive rectangle of a frame.
type Widget struct {
	ID        string
	Rect      Rect
	Tip       string // tooltip text, empty for none
	Hotkey    string // the key that does the same, shown with the tooltip
	Disabled  bool
	Focusable bool // reachable with Tab
	// TextEntry marks a text field: a click gives it the keyboard focus. A
	// click on anything else takes the focus away, so Enter goes back to
	// the screen's own hotkey instead of pressing the button clicked last.
	TextEntry bool
}

// TooltipDelay is how long the pointer rests on a widget before its
// tooltip shows.
const TooltipDelay = 350 * time.Millisecond

// State is what the widget layer remembers between frames: which widget is
// hovered (and since when), pressed and focused. Widgets are named by ID, so
// screens may rebuild them every frame.
type State struct {
	Hover      string
	Focus      string
	pressed    string
	hoverSince time.Duration
	tip        string
	tipAnchor  Rect
	now        time.Duration
}

// Result is what one frame of input did to the widgets.
type Result struct {
	Activated string // the widget clicked or activated with Enter, or ""
	Consumed  bool   // the pointer acted on a widget (screens should not treat it as a map click)
}

// Update resolves a frame of input against the frame's widgets, listed
// bottom to top (the last one wins where they overlap).
func (s *State) Update(in Input, widgets []Widget) Result {
	var res Result
	s.now = in.Now
	hover := ""
	var hw *Widget
	for i := len(widgets) - 1; i >= 0; i-- {
		if widgets[i].Rect.Contains(in.X, in.Y) {
			hover, hw = widgets[i].ID, &widgets[i]
			break
		}
	}
	if hover != s.Hover {
		s.Hover, s.hoverSince = hover, in.Now
	}
	s.tip = ""
	if hw != nil {
		s.tip, s.tipAnchor = hw.Tip, hw.Rect
		if hw.Hotkey != "" {
			if s.tip != "" {
				s.tip += "  "
			}
			s.tip += "[" + hw.Hotkey + "]"
		}
	}
	if in.Pressed {
		s.pressed = hover
		s.Focus = ""
		if hw != nil {
			res.Consumed = true
			if hw.TextEntry && !hw.Disabled {
				s.Focus = hover
			}
		}
	}
	if in.Released {
		if hover != "" && hover == s.pressed && !hw.Disabled {
			res.Activated = hover
		}
		if s.pressed != "" {
			res.Consumed = true
		}
		s.pressed = ""
	}
	for _, k := range in.Keys {
		switch k {
		case KeyTab:
			s.moveFocus(widgets, !in.Shift)
		case KeyDown:
			s.moveFocus(widgets, true)
		case KeyUp:
			s.moveFocus(widgets, false)
		case KeyEnter:
			if w := find(widgets, s.Focus); w != nil && !w.Disabled && res.Activated == "" {
				res.Activated = w.ID
			}
		}
	}
	if w := find(widgets, s.Focus); w == nil || w.Disabled {
		s.Focus = "" // the widget is gone or can no longer be used
	}
	return res
}

// Pressed reports whether the widget is held down under the pointer.
func (s *State) Pressed(id string) bool { return id != "" && s.pressed == id && s.Hover == id }

// Tooltip returns the hovered widget's tooltip once the pointer has rested
// on it for TooltipDelay.
func (s *State) Tooltip() (string, bool) {
	if s.tip == "" || s.now-s.hoverSince < TooltipDelay {
		return "", false
	}
	return s.tip, true
}

// TipAnchor is the rectangle of the widget whose tooltip shows: the
// tooltip goes beside it, never over it.
func (s *State) TipAnchor() Rect { return s.tipAnchor }

// PlaceTip places a tooltip of size w×h for a pointer at x over anchor,
// on a screen sw×sh: below the anchor (or above it when there is no room
// below), from the pointer's x, kept on screen. The tooltip never covers
// the anchor, so the text it explains stays readable.
func PlaceTip(anchor Rect, x, w, h, sw, sh, gap float64) (tx, ty float64) {
	tx = min(max(x, 0), max(sw-w, 0))
	ty = anchor.Bottom() + gap
	if ty+h > sh {
		ty = max(anchor.Y-gap-h, 0)
	}
	return tx, ty
}

// TipPending reports whether a tooltip will show once the pointer has
// rested a little longer, so the screen must be drawn again then.
func (s *State) TipPending() bool { return s.tip != "" && s.now-s.hoverSince < TooltipDelay }

// HasFocus reports whether a widget holds the keyboard focus.
func (s *State) HasFocus() bool { return s.Focus != "" }

func find(widgets []Widget, id string) *Widget {
	if id == "" {
		return nil
	}
	for i := range widgets {
		if widgets[i].ID == id {
			return &widgets[i]
		}
	}
	return nil
}

// moveFocus moves the focus to the next (or previous) enabled focusable
// widget in list order, wrapping around.
func (s *State) moveFocus(widgets []Widget, forward bool) {
	var order []string
	cur := -1
	for i := range widgets {
		if w := &widgets[i]; w.Focusable && !w.Disabled {
			if w.ID == s.Focus {
				cur = len(order)
			}
			order = append(order, w.ID)
		}
	}
	if len(order) == 0 {
		s.Focus = ""
		return
	}
	switch {
	case cur < 0 && forward:
		cur = 0
	case cur < 0:
		cur = len(order) - 1
	case forward:
		cur = (cur + 1) % len(order)
	default:
		cur = (cur + len(order) - 1) % len(order)
	}
	s.Focus = order[cur]
}
