package layout

import (
	"slices"
	"testing"

	"github.com/deconflict/deconflict/game/ui"
)

var cardMetrics = CardMetrics{ButtonH: 28, Gap: 5, HeadingH: 20, LineH: 16, Pad: 6}

// TestCardBodyPlacesButtonsAndPreview checks one card's geometry against
// positions worked out by hand.
func TestCardBodyPlacesButtonsAndPreview(t *testing.T) {
	// From y 100 the buttons start at 100+6 = 106. 120 wide at x 10; the
	// next at 10+120+5 = 135 (ends at 255, within 10+300 = 310); the third
	// would start at 135+120+5 = 260 and end at 360 > 310: a new row at
	// 106+28+5 = 139. The group heading of the fourth closes that row:
	// heading at 139+28+5 = 172, its button at 172+20 = 192. The row ends
	// at 192+28+5 = 225, the preview's slot starts at 225+6 = 231 and holds
	// 5 lines of 16: it ends at 231+80 = 311.
	body := LayCardBody(10, 100, 300, []ChoiceButton{{W: 120}, {W: 120}, {W: 100}, {W: 400, Heading: true}}, 5, cardMetrics)
	want := []ui.Rect{{X: 10, Y: 106, W: 120, H: 28}, {X: 135, Y: 106, W: 120, H: 28}, {X: 10, Y: 139, W: 100, H: 28}, {X: 10, Y: 192, W: 300, H: 28}}
	if !slices.Equal(body.Buttons, want) {
		t.Errorf("buttons %v, want %v", body.Buttons, want)
	}
	if !slices.Equal(body.Headings, []float64{172}) {
		t.Errorf("headings %v, want [172]", body.Headings)
	}
	if wantSlot := (ui.Rect{X: 10, Y: 231, W: 300, H: 80}); body.Preview != wantSlot || body.Bottom != 311 {
		t.Errorf("preview slot %v, bottom %v; want %v, 311", body.Preview, body.Bottom, wantSlot)
	}
	// No preview: the card ends below its buttons, at 225.
	if none := LayCardBody(10, 100, 300, []ChoiceButton{{W: 120}, {W: 120}, {W: 100}, {W: 400, Heading: true}}, 0, cardMetrics); none.Bottom != 225 || none.Preview.H != 0 {
		t.Errorf("without a preview: bottom %v, slot %v; want 225 and none", none.Bottom, none.Preview)
	}
}

// TestButtonsStayWhilePreviewsArrive lays out two review cards, as the
// panel stacks them, while the first card's previews arrive one by one
// (the pointer over either card changes which preview the slot shows,
// never what the slot reserves): no button of either card moves.
func TestButtonsStayWhilePreviewsArrive(t *testing.T) {
	buttons := []ChoiceButton{{W: 80}, {W: 150}, {W: 90}}
	var room PreviewRoom
	// lay returns every button of the two cards; the second card starts
	// 18 below the first (the panel's padding) under a 40-high header.
	lay := func(need1 int, pending1 bool, need2 int, pending2 bool) []ui.Rect {
		first := LayCardBody(10, 100, 300, buttons, room.Reserve(1, need1, pending1), cardMetrics)
		second := LayCardBody(10, first.Bottom+18+40, 300, buttons, room.Reserve(2, need2, pending2), cardMetrics)
		return append(slices.Clone(first.Buttons), second.Buttons...)
	}
	// Every preview on its way: each card reserves MinPreviewRows (5). The
	// first card's buttons: 80 at (10, 106), 150 at (95, 106), and 90 would
	// end at 250+90 = 340 > 310: at (10, 139). Its row ends at 172, its
	// slot runs from 178 to 178+5×16 = 258; the second card's buttons
	// start at 258+18+40+6 = 322, its second row at 322+33 = 355.
	want := []ui.Rect{
		{X: 10, Y: 106, W: 80, H: 28}, {X: 95, Y: 106, W: 150, H: 28}, {X: 10, Y: 139, W: 90, H: 28},
		{X: 10, Y: 322, W: 80, H: 28}, {X: 95, Y: 322, W: 150, H: 28}, {X: 10, Y: 355, W: 90, H: 28},
	}
	for _, step := range []struct {
		what     string
		need1    int
		pending1 bool
		need2    int
		pending2 bool
	}{
		{"every preview on its way", 0, true, 0, true},
		{"one preview of the first card in (3 lines)", 3, true, 0, true},
		{"the first card's previews all in (4 lines at most)", 4, false, 0, true},
		{"every preview in", 4, false, 5, false},
	} {
		if got := lay(step.need1, step.pending1, step.need2, step.pending2); !slices.Equal(got, want) {
			t.Errorf("%s: buttons %v, want %v", step.what, got, want)
		}
	}
}

// TestPreviewRoomNeverShrinks checks the lines a card reserves: at least
// MinPreviewRows while previews are on their way, what the tallest needs
// when it needs more, and never less while the card stays open.
func TestPreviewRoomNeverShrinks(t *testing.T) {
	var room PreviewRoom
	for _, step := range []struct {
		need    int
		pending bool
		want    int
	}{
		{0, false, 0}, // no preview, none on its way: no room
		{0, true, MinPreviewRows},
		{2, false, MinPreviewRows}, // all in, shorter than the room kept
		{8, false, 8},              // a taller one: the room grows
		{3, true, 8},               // and never shrinks while the card is open
	} {
		if got := room.Reserve(7, step.need, step.pending); got != step.want {
			t.Errorf("Reserve(7, %d, %v) = %d, want %d", step.need, step.pending, got, step.want)
		}
	}
	room.Keep(func(id int32) bool { return id != 7 })
	if got := room.Reserve(7, 1, false); got != 1 {
		t.Errorf("a card reopened after Keep dropped it reserves %d lines, want 1", got)
	}
}
