package settingsui

import (
	"strings"
	"testing"
	"time"

	"github.com/deconflict/deconflict/game/keymap"
	"github.com/deconflict/deconflict/game/settings"
	"github.com/deconflict/deconflict/game/ui"
)

// screen is a 1280×800 screen at one device pixel a layout unit.
var screen = Metrics{W: 1280, H: 800, Scale: 1, TitleLine: 24, BodyLine: 19}

// click presses and releases the pointer on the middle of a control, as two
// frames of the widget layer, and performs what it activated; it fails the
// test when the click activates nothing.
func click(t *testing.T, w *Windows, st *ui.State, s *settings.Settings, fullscreen bool, id string) Effect {
	t.Helper()
	f := w.Layout(screen, *s, fullscreen)
	c, ok := f.Find(id)
	if !ok {
		t.Fatalf("window %d has no control %q", w.Open, id)
	}
	x, y := c.Rect.X+c.Rect.W/2, c.Rect.Y+c.Rect.H/2
	st.Update(ui.Input{X: x, Y: y, Down: true, Pressed: true, Now: time.Second}, f.Widgets())
	res := st.Update(ui.Input{X: x, Y: y, Released: true, Now: time.Second + 100*time.Millisecond}, f.Widgets())
	if res.Activated != id {
		t.Fatalf("a click at %g,%g activated %q, want %q", x, y, res.Activated, id)
	}
	hit, _ := f.Find(res.Activated)
	return w.Do(hit, s, fullscreen)
}

// TestFromTheMenuAndBack walks the windows as the main menu opens them:
// its Settings button shows the settings, Keys… the keys, Back and Esc go
// back a window each, and the last Back leaves both closed (the menu
// shows again).
func TestFromTheMenuAndBack(t *testing.T) {
	var w Windows // the menu: no window open
	if f := w.Layout(screen, settings.Defaults(), false); len(f.Controls) != 0 {
		t.Fatalf("with no window open the layout has %d controls, want none", len(f.Controls))
	}
	s := settings.Defaults()
	var st ui.State
	w.Show(Settings) // the menu's Settings button
	if w.Open != Settings {
		t.Fatalf("open is %d, want the settings", w.Open)
	}
	click(t, &w, &st, &s, false, "keys")
	if w.Open != Keys {
		t.Fatalf("Keys… left window %d open, want the keys", w.Open)
	}
	w.Back() // Esc
	if w.Open != Settings {
		t.Fatalf("Esc in the keys left window %d open, want the settings", w.Open)
	}
	click(t, &w, &st, &s, false, "back")
	if w.Open != Closed {
		t.Fatalf("Back in the settings left window %d open, want none (the menu)", w.Open)
	}
	w.Show(Settings)
	w.Back() // Esc
	if w.Open != Closed {
		t.Fatalf("Esc in the settings left window %d open, want none (the menu)", w.Open)
	}
	if s != settings.Defaults() {
		t.Errorf("walking the windows changed the settings: %+v", s)
	}
}

// TestSettingsLayout checks where the settings window and its first row go
// on a 1280×800 screen at one pixel a unit.
func TestSettingsLayout(t *testing.T) {
	w := Windows{Open: Settings}
	f := w.Layout(screen, settings.Defaults(), false)
	// a 420×360 window centred: (1280-420)/2 = 430, (800-360)/2 = 220
	if want := (ui.Rect{X: 430, Y: 220, W: 420, H: 360}); f.Box != want {
		t.Errorf("box %+v, want %+v", f.Box, want)
	}
	// inside 20: x 450, width 380; the first row 44 below the top, y 240+44 = 284,
	// 38 high; three columns weighted 1, 1.4, 1 in 380-2×8 = 364: 364/3.4 =
	// 107.0588…, 149.8823…, 107.0588…
	smaller, _ := f.Find("smaller")
	larger, _ := f.Find("larger")
	if smaller.Rect.X != 450 || smaller.Rect.Y != 284 || smaller.Rect.H != 38 || !approx(smaller.Rect.W, 107.0588) {
		t.Errorf("Smaller at %+v, want x 450, y 284, 107.06×38", smaller.Rect)
	}
	// Larger ends at the right inside edge, 450+380 = 830; the scale reads between them
	if !approx(larger.Rect.Right(), 830) || !approx(f.Scale.X, 450+107.0588+8) || !approx(f.Scale.W, 149.8824) {
		t.Errorf("Larger at %+v, the scale at %+v", larger.Rect, f.Scale)
	}
	// Back is 120 wide at the bottom right: x 830-120 = 710, y 220+360-20-38 = 522
	back, _ := f.Find("back")
	if want := (ui.Rect{X: 710, Y: 522, W: 120, H: 38}); back.Rect != want {
		t.Errorf("Back at %+v, want %+v", back.Rect, want)
	}
	want := []string{"smaller", "larger", "fullscreen", "palette", "keys", "back"}
	if len(f.Controls) != len(want) {
		t.Fatalf("%d controls, want %d", len(f.Controls), len(want))
	}
	for i, c := range f.Controls {
		if c.ID != want[i] || !c.Focusable || !c.Rect.Inside(f.Box) {
			t.Errorf("control %d: %q focusable %v at %+v, want %q, focusable, inside the window", i, c.ID, c.Focusable, c.Rect, want[i])
		}
	}
	if got := ScaleText(settings.Settings{UIScale: 1.3}); got != "Interface 130%" {
		t.Errorf("ScaleText(1.3) = %q", got)
	}
}

func approx(a, b float64) bool { return a-b < 1e-3 && b-a < 1e-3 }

// TestControlsChangeTheSettings: each setting's control changes it and asks
// for it to be kept and applied; the scale stays in its range in whole steps.
func TestControlsChangeTheSettings(t *testing.T) {
	w := Windows{Open: Settings}
	var st ui.State
	s := settings.Defaults()
	if e := click(t, &w, &st, &s, false, "smaller"); s.UIScale != 0.9 || e != (Effect{Save: true}) {
		t.Errorf("Smaller from 1.0: scale %g, effect %+v; want 0.9, kept", s.UIScale, e)
	}
	for range 3 {
		click(t, &w, &st, &s, false, "smaller")
	}
	if s.UIScale != 0.6 { // 0.9 - 3×0.1, the smallest
		t.Errorf("three steps down from 0.9: scale %g, want 0.6", s.UIScale)
	}
	click(t, &w, &st, &s, false, "smaller")
	if s.UIScale != 0.6 {
		t.Errorf("a step below the smallest: scale %g, want 0.6", s.UIScale)
	}
	for range 20 {
		click(t, &w, &st, &s, false, "larger")
	}
	if s.UIScale != 2.5 { // 0.6 + 19 steps reaches 2.5; the twentieth stops there
		t.Errorf("twenty steps up from 0.6: scale %g, want 2.5", s.UIScale)
	}
	if e := click(t, &w, &st, &s, true, "fullscreen"); s.Fullscreen || e != (Effect{Save: true, Fullscreen: true}) {
		t.Errorf("Full screen while full screen: %v, effect %+v; want off, applied and kept", s.Fullscreen, e)
	}
	if e := click(t, &w, &st, &s, false, "fullscreen"); !s.Fullscreen || e != (Effect{Save: true, Fullscreen: true}) {
		t.Errorf("Full screen in a window: %v, effect %+v; want on, applied and kept", s.Fullscreen, e)
	}
	if e := click(t, &w, &st, &s, false, "palette"); !s.ColourBlind || e != (Effect{Save: true, Palette: true}) {
		t.Errorf("the palette: colour-blind %v, effect %+v; want on, painted and kept", s.ColourBlind, e)
	}
	f := w.Layout(screen, s, true)
	for id, want := range map[string]string{"fullscreen": "Full screen: on", "palette": "Colour-blind palette: on"} {
		if c, _ := f.Find(id); c.Label != want {
			t.Errorf("%s reads %q, want %q", id, c.Label, want)
		}
	}
	if w.Open != Settings {
		t.Errorf("the settings' controls left window %d open", w.Open)
	}
}

// TestRebindKeys binds a key through the keys window, refuses a taken or
// fixed one, cancels a wait with Esc, and resets; the full-screen
// control's hotkey follows its binding.
func TestRebindKeys(t *testing.T) {
	w := Windows{Open: Keys}
	var st ui.State
	s := settings.Defaults()
	f := w.Layout(screen, s, false)
	if len(f.Names) != int(keymap.NumActions) || len(f.Controls) != int(keymap.NumActions)+2 {
		t.Fatalf("%d names and %d controls, want %d and %d", len(f.Names), len(f.Controls), keymap.NumActions, keymap.NumActions+2)
	}
	for i, n := range f.Names {
		c := f.Controls[i]
		if n.Rect.Right() >= c.Rect.X || n.Rect.Y != c.Rect.Y || !c.Rect.Inside(f.Box) {
			t.Errorf("%q at %+v and its keys at %+v: want the name left of its keys, both on one row inside the window", n.Text, n.Rect, c.Rect)
		}
	}
	if e := click(t, &w, &st, &s, false, "key-"+keymap.Save.ID()); e != (Effect{}) || !w.Wait || w.Action != keymap.Save {
		t.Fatalf("clicking Save's keys: effect %+v, wait %v for %d; want a wait for Save", e, w.Wait, w.Action)
	}
	if c, _ := w.Layout(screen, s, false).Find("key-" + keymap.Save.ID()); c.Label != "press a key…" {
		t.Errorf("the waiting button reads %q", c.Label)
	}
	if w.Capture("Escape", &s) || !w.MsgBad || !strings.HasPrefix(w.Msg, "Not bound: Esc") || !w.Wait {
		t.Errorf("binding Esc: %q (bad %v, still waiting %v); want a refusal, still waiting", w.Msg, w.MsgBad, w.Wait)
	}
	if w.Capture("Space", &s) || !strings.Contains(w.Msg, "already does “End the turn") {
		t.Errorf("binding Space, End the turn's key: %q, want a refusal naming it", w.Msg)
	}
	if !w.Capture("F6", &s) || w.Wait || w.Msg != "“Save the game” is now F6." || s.Keys.Label(keymap.Save) != "F6" {
		t.Errorf("binding F6: message %q, wait %v, Save is %q; want it bound", w.Msg, w.Wait, s.Keys.Label(keymap.Save))
	}
	if w.Capture("F7", &s) {
		t.Error("a key with no wait was bound")
	}
	click(t, &w, &st, &s, false, "key-"+keymap.Fullscreen.ID())
	w.Back() // Esc while waiting
	if w.Open != Keys || w.Wait || w.Msg != "Nothing changed." {
		t.Errorf("Esc while waiting: window %d, wait %v, %q; want the keys window, no wait, nothing changed", w.Open, w.Wait, w.Msg)
	}
	click(t, &w, &st, &s, false, "key-"+keymap.Fullscreen.ID())
	w.Capture("F10", &s)
	w.Show(Settings)
	if c, _ := w.Layout(screen, s, false).Find("fullscreen"); c.Hotkey != "F10" {
		t.Errorf("the full-screen control's hotkey is %q after binding F10", c.Hotkey)
	}
	w.Show(Keys)
	if e := click(t, &w, &st, &s, false, "keys-reset"); e != (Effect{Save: true}) || s.Keys != keymap.Default() || w.Msg != "Every key is back to its default." {
		t.Errorf("reset: effect %+v, message %q; want the default keys, kept", e, w.Msg)
	}
	click(t, &w, &st, &s, false, "key-"+keymap.Help.ID())
	click(t, &w, &st, &s, false, "back") // the button leaves even while waiting
	if w.Open != Settings || w.Wait {
		t.Errorf("Back while waiting: window %d, wait %v; want the settings", w.Open, w.Wait)
	}
}

// TestSmallScreen: on a 640×400 screen (the smallest window) at the
// largest scale the windows are kept 20 units inside it.
func TestSmallScreen(t *testing.T) {
	m := Metrics{W: 640, H: 400, Scale: 2.5, TitleLine: 45, BodyLine: 35}
	for _, win := range []Window{Settings, Keys} {
		w := Windows{Open: win}
		f := w.Layout(m, settings.Defaults(), false)
		// 640-20×2.5 = 590 wide at most, 400-50 = 350 high, centred: x 25, y 25
		if f.Box.X != 25 || f.Box.Y != 25 || f.Box.W > 590 || f.Box.H != 350 {
			t.Errorf("window %d: box %+v, want at 25,25, within 590×350", win, f.Box)
		}
	}
}
