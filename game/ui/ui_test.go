package ui

import (
	"math"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestCutsPartitionTheRect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := Rect{rapid.Float64Range(-100, 100).Draw(t, "x"), rapid.Float64Range(-100, 100).Draw(t, "y"),
			rapid.Float64Range(0, 1000).Draw(t, "w"), rapid.Float64Range(0, 1000).Draw(t, "h")}
		d := rapid.Float64Range(-50, 1200).Draw(t, "d")
		grown := r.Inset(-1e-9) // rounding may move an edge by an ulp
		top, rest := r.CutTop(d)
		if math.Abs(top.H+rest.H-r.H) > 1e-9 || top.Overlaps(rest.Inset(1e-9)) || !top.Inside(grown) || !rest.Inside(grown) {
			t.Fatalf("CutTop(%v) of %+v gave %+v and %+v", d, r, top, rest)
		}
		left, rest := r.CutLeft(d)
		if math.Abs(left.W+rest.W-r.W) > 1e-9 || left.Overlaps(rest.Inset(1e-9)) || !left.Inside(grown) || !rest.Inside(grown) {
			t.Fatalf("CutLeft(%v) of %+v gave %+v and %+v", d, r, left, rest)
		}
		bottom, rest := r.CutBottom(d)
		if math.Abs(bottom.Bottom()-r.Bottom()) > 1e-9 || bottom.Overlaps(rest.Inset(1e-9)) {
			t.Fatalf("CutBottom(%v) of %+v gave %+v and %+v", d, r, bottom, rest)
		}
	})
}

func TestRowsAndColumnsDoNotOverlap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := Rect{0, 0, rapid.Float64Range(10, 1000).Draw(t, "w"), rapid.Float64Range(10, 1000).Draw(t, "h")}
		n := rapid.IntRange(1, 12).Draw(t, "n")
		rows := r.Rows(n, 2)
		weights := rapid.SliceOfN(rapid.Float64Range(0.1, 5), 1, 8).Draw(t, "weights")
		cols := r.Columns(3, weights...)
		for _, set := range [][]Rect{rows, cols} {
			for i := range set {
				if set[i].W < 0 || set[i].H < 0 {
					t.Fatalf("negative size %+v", set[i])
				}
				for j := i + 1; j < len(set); j++ {
					if set[i].W > 0 && set[i].H > 0 && set[i].Overlaps(set[j]) {
						t.Fatalf("cells %d and %d overlap: %+v %+v", i, j, set[i], set[j])
					}
				}
			}
		}
		if last := cols[len(cols)-1]; math.Abs(last.Right()-r.Right()) > 1e-6 {
			t.Fatalf("columns end at %v, want %v", last.Right(), r.Right())
		}
	})
}

func at(ms int) time.Duration { return time.Duration(ms) * time.Millisecond }

func TestClickActivatesTopmostWidget(t *testing.T) {
	var s State
	ws := []Widget{{ID: "under", Rect: Rect{0, 0, 100, 100}}, {ID: "over", Rect: Rect{50, 50, 100, 100}}}
	s.Update(Input{X: 60, Y: 60, Pressed: true, Down: true}, ws)
	res := s.Update(Input{X: 61, Y: 61, Released: true}, ws)
	if res.Activated != "over" || !res.Consumed {
		t.Errorf("click in the overlap activated %q (consumed %v), want over", res.Activated, res.Consumed)
	}
	s.Update(Input{X: 10, Y: 10, Pressed: true}, ws)
	if res := s.Update(Input{X: 120, Y: 120, Released: true}, ws); res.Activated != "" {
		t.Errorf("press on one widget and release on another activated %q", res.Activated)
	}
	ws[1].Disabled = true
	s.Update(Input{X: 60, Y: 60, Pressed: true}, ws)
	if res := s.Update(Input{X: 60, Y: 60, Released: true}, ws); res.Activated != "" {
		t.Errorf("disabled widget activated")
	}
	if res := s.Update(Input{X: 500, Y: 500, Pressed: true}, ws); res.Consumed {
		t.Errorf("a press on no widget was consumed")
	}
}

func TestTabCyclesFocusAndEnterActivates(t *testing.T) {
	var s State
	ws := []Widget{
		{ID: "a", Focusable: true},
		{ID: "off", Focusable: true, Disabled: true},
		{ID: "plain"},
		{ID: "b", Focusable: true},
	}
	var seen []string
	for range 3 {
		s.Update(Input{Keys: []Key{KeyTab}}, ws)
		seen = append(seen, s.Focus)
	}
	if strings.Join(seen, ",") != "a,b,a" {
		t.Errorf("Tab visited %v, want a,b,a", seen)
	}
	s.Update(Input{Keys: []Key{KeyTab}, Shift: true}, ws)
	if s.Focus != "b" {
		t.Errorf("Shift+Tab from a focused %q, want b", s.Focus)
	}
	if res := s.Update(Input{Keys: []Key{KeyEnter}}, ws); res.Activated != "b" {
		t.Errorf("Enter activated %q, want b", res.Activated)
	}
	if s.Update(Input{}, ws[:2]); s.Focus != "" {
		t.Errorf("focus %q kept on a widget that is gone", s.Focus)
	}
}

// A click gives the keyboard focus to text fields only: a clicked button
// keeps no focus, so Enter afterwards does not press it again.
func TestClickFocusesTextFieldsOnly(t *testing.T) {
	var s State
	ws := []Widget{
		{ID: "button", Rect: Rect{0, 0, 10, 10}, Focusable: true},
		{ID: "field", Rect: Rect{20, 0, 10, 10}, Focusable: true, TextEntry: true},
	}
	click := func(x float64) Result {
		s.Update(Input{X: x, Y: 5, Pressed: true, Down: true}, ws)
		return s.Update(Input{X: x, Y: 5, Released: true}, ws)
	}
	if res := click(25); res.Activated != "field" || s.Focus != "field" {
		t.Fatalf("click on the field: activated %q, focus %q", res.Activated, s.Focus)
	}
	if res := click(5); res.Activated != "button" || s.Focus != "" {
		t.Fatalf("click on the button: activated %q, focus %q (want none)", res.Activated, s.Focus)
	}
	if res := s.Update(Input{Keys: []Key{KeyEnter}}, ws); res.Activated != "" {
		t.Errorf("Enter after a click pressed %q again", res.Activated)
	}
	click(25)
	click(100)
	if s.Focus != "" {
		t.Errorf("a click on nothing left the focus on %q", s.Focus)
	}
	s.Update(Input{Keys: []Key{KeyTab}}, ws)
	ws[0].Disabled = true
	if s.Update(Input{Keys: []Key{KeyEnter}}, ws); s.Focus != "" {
		t.Errorf("focus %q kept on a widget that became disabled", s.Focus)
	}
}

func TestTooltipAfterDelay(t *testing.T) {
	var s State
	ws := []Widget{{ID: "a", Rect: Rect{0, 0, 10, 10}, Tip: "does a", Hotkey: "A"}}
	s.Update(Input{X: 5, Y: 5, Now: at(1000)}, ws)
	if _, ok := s.Tooltip(); ok {
		t.Error("tooltip shown at once")
	}
	if !s.TipPending() {
		t.Error("a tooltip waiting for its delay is not pending")
	}
	s.Update(Input{X: 6, Y: 5, Now: at(1000) + TooltipDelay}, ws)
	if tip, ok := s.Tooltip(); !ok || tip != "does a  [A]" {
		t.Errorf("Tooltip = %q, %v", tip, ok)
	}
	if s.TipPending() {
		t.Error("a tooltip on screen is still pending")
	}
	s.Update(Input{X: 50, Y: 50, Now: at(5000)}, ws)
	if _, ok := s.Tooltip(); ok {
		t.Error("tooltip kept after leaving the widget")
	}
	if s.TipPending() {
		t.Error("no widget under the pointer, yet a tooltip is pending")
	}
}

func TestScroll(t *testing.T) {
	s := Scroll{Content: 1000, View: 200}
	s.Wheel(-3, 100)
	if s.Offset != 300 {
		t.Errorf("after scrolling down 3 notches offset = %v", s.Offset)
	}
	s.Wheel(-100, 100)
	if s.Offset != 800 || !s.AtBottom() {
		t.Errorf("offset %v past the end", s.Offset)
	}
	s.Show(100, 150)
	if s.Offset != 100 {
		t.Errorf("Show(100,150) gave offset %v", s.Offset)
	}
	s.Show(500, 560)
	if s.Offset != 360 {
		t.Errorf("Show(500,560) gave offset %v", s.Offset)
	}
	if pos, l, ok := s.Thumb(200); !ok || l != 40 || math.Abs(pos-72) > 1e-9 {
		t.Errorf("Thumb = %v %v %v", pos, l, ok)
	}
	if _, _, ok := (&Scroll{Content: 10, View: 20}).Thumb(100); ok {
		t.Error("thumb for a list that fits")
	}
}

func TestWrapFitsWidth(t *testing.T) {
	measure := func(s string) float64 { return float64(len([]rune(s))) * 7 }
	rapid.Check(t, func(t *rapid.T) {
		words := rapid.SliceOfN(rapid.StringMatching(`[a-z]{1,30}`), 0, 40).Draw(t, "words")
		width := rapid.Float64Range(7, 300).Draw(t, "width")
		text := strings.Join(words, " ")
		lines := Wrap(text, width, measure)
		for _, l := range lines {
			if measure(l) > width {
				t.Fatalf("line %q is %v wide, limit %v", l, measure(l), width)
			}
		}
		if strings.Join(strings.Fields(strings.Join(lines, "")), "") != strings.Join(words, "") {
			t.Fatalf("wrapping lost text: %q → %q", text, lines)
		}
	})
	if got := Ellipsize("Deir ez-Zor", 50, measure); got != "Deir e…" {
		t.Errorf("Ellipsize = %q", got)
	}
}

func TestTextFieldEditing(t *testing.T) {
	f := TextField{Max: 6, Accept: func(r rune) bool { return r >= '0' && r <= '9' }}
	f.Insert([]rune("12a3\n"))
	if f.Text != "123" || f.Cursor != 3 {
		t.Fatalf("after typing: %q cursor %d", f.Text, f.Cursor)
	}
	f.Move(-1)
	f.Insert([]rune("9"))
	f.Backspace()
	f.Backspace()
	if f.Text != "13" || f.Cursor != 1 || f.BeforeCursor() != "1" {
		t.Fatalf("after editing: %q cursor %d", f.Text, f.Cursor)
	}
	f.Home()
	f.Delete()
	f.End()
	f.Insert([]rune("45678901"))
	if f.Text != "345678" {
		t.Fatalf("limit: %q", f.Text)
	}
	rapid.Check(t, func(t *rapid.T) {
		var g TextField
		g.Set(rapid.String().Draw(t, "start"))
		for range rapid.IntRange(0, 20).Draw(t, "ops") {
			switch rapid.IntRange(0, 4).Draw(t, "op") {
			case 0:
				g.Insert([]rune(rapid.String().Draw(t, "s")))
			case 1:
				g.Backspace()
			case 2:
				g.Delete()
			case 3:
				g.Move(rapid.IntRange(-5, 5).Draw(t, "d"))
			}
			if g.Cursor < 0 || g.Cursor > len([]rune(g.Text)) {
				t.Fatalf("cursor %d outside %q", g.Cursor, g.Text)
			}
		}
	})
}

// A tooltip goes below the widget it explains, or above it at the bottom
// of the screen, and never over it.
func TestPlaceTip(t *testing.T) {
	row := Rect{X: 10, Y: 100, W: 300, H: 20} // bottom at 120
	if x, y := PlaceTip(row, 50, 200, 60, 800, 600, 4); x != 50 || y != 124 {
		t.Errorf("below: %v,%v, want 50,124 (120+4)", x, y)
	}
	footer := Rect{X: 0, Y: 580, W: 800, H: 20}
	if x, y := PlaceTip(footer, 700, 200, 60, 800, 600, 4); x != 600 || y != 516 {
		t.Errorf("above the footer: %v,%v, want 600 (800-200), 516 (580-4-60)", x, y)
	}
}

// A list taller than its view says there is more below until scrolled to
// its end.
func TestScrollBelow(t *testing.T) {
	s := Scroll{Content: 300, View: 100}
	if !s.Below() {
		t.Error("300 px in a 100 px view: nothing below")
	}
	s.Wheel(-10, 40) // down past the end: offset clamps at 200
	if s.Below() || s.Offset != 200 {
		t.Errorf("at the end (offset %v): still more below", s.Offset)
	}
	if (&Scroll{Content: 80, View: 100}).Below() {
		t.Error("a list that fits has more below")
	}
}
