package layout

import (
	"maps"

	"github.com/deconflict/deconflict/game/ui"
)

// ChoiceButton is one choice's button on a decision card: its width, and
// whether a group heading goes above it (the first button of a group).
type ChoiceButton struct {
	W       float64
	Heading bool
}

// CardMetrics are the sizes the lower part of a decision card is laid out
// with, in device pixels.
type CardMetrics struct {
	ButtonH  float64 // a button's height
	Gap      float64 // between two buttons of a row, and between rows
	HeadingH float64 // a group heading, its space above included
	LineH    float64 // a line of the preview
	Pad      float64 // above the buttons, and between them and the preview
}

// CardBody is where the lower part of a decision card goes.
type CardBody struct {
	Buttons  []ui.Rect // one per choice, in order
	Headings []float64 // the top of each group heading, in order
	Preview  ui.Rect   // the preview's slot, below the buttons (no height when it has no rows)
	Bottom   float64   // below the preview's slot
}

// LayCardBody lays out a decision card's choices from y down: their buttons
// in rows of width w from x (a group heading starts a new row), and below
// them a slot of rows preview lines. The buttons come first so that no
// preview moves them: neither one that arrives nor the one the pointer
// picks.
func LayCardBody(x, y, w float64, buttons []ChoiceButton, rows int, m CardMetrics) CardBody {
	var body CardBody
	y += m.Pad
	rowX, open := x, false // where the next button goes; a row is open
	endRow := func() {
		if open {
			y += m.ButtonH + m.Gap
		}
		rowX, open = x, false
	}
	for _, b := range buttons {
		if b.Heading {
			endRow()
			body.Headings = append(body.Headings, y)
			y += m.HeadingH
		}
		bw := min(b.W, w)
		if open && rowX+bw > x+w {
			endRow()
		}
		body.Buttons = append(body.Buttons, ui.Rect{X: rowX, Y: y, W: bw, H: m.ButtonH})
		rowX += bw + m.Gap
		open = true
	}
	endRow()
	if rows > 0 {
		y += m.Pad
		body.Preview = ui.Rect{X: x, Y: y, W: w, H: float64(rows) * m.LineH}
		y = body.Preview.Bottom()
	}
	body.Bottom = y
	return body
}

// MinPreviewRows is the room, in lines, that a card keeps for its preview
// while previews are on their way: its heading and four lines, which most
// previews fit.
const MinPreviewRows = 5

// PreviewRoom keeps the lines each open decision card reserves for its
// preview, so that nothing below a card moves as its previews arrive: a
// card keeps at least MinPreviewRows while any of its previews is on its
// way, and never fewer than it has reserved while it stays open.
type PreviewRoom struct {
	rows map[int32]int // by decision id
}

// Reserve returns the lines card id reserves, given the lines its tallest
// preview needs now and whether some of its previews are on their way.
// A card with no preview, none on its way, reserves none.
func (r *PreviewRoom) Reserve(id int32, need int, pending bool) int {
	if r.rows == nil {
		r.rows = map[int32]int{}
	}
	n := max(r.rows[id], need)
	if pending {
		n = max(n, MinPreviewRows)
	}
	r.rows[id] = n
	return n
}

// Keep forgets the cards that are no longer open.
func (r *PreviewRoom) Keep(open func(id int32) bool) {
	maps.DeleteFunc(r.rows, func(id int32, _ int) bool { return !open(id) })
}
