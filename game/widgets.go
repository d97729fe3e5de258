package game

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
)

// style is how a control looks.
type style uint8

const (
	styleButton  style = iota // a raised button
	stylePrimary              // the main button of a screen
	styleToggle               // one of a set; On marks the chosen one
	styleRow                  // a list row, flat until hovered
	styleField                // a text field
)

// control is a widget with what it looks like and what it does.
type control struct {
	ui.Widget
	Label  string
	Sub    string // a second, dimmer line (rows)
	Style  style
	On     bool
	Accent color.Color // a bar of colour on the left edge, or nil
	Face   text.Face
	Action func()
	Field  *ui.TextField // for styleField
}

// controls is the list of a screen's controls for one frame.
type controls struct{ list []control }

func (cs *controls) reset() { cs.list = cs.list[:0] }

func (cs *controls) add(c control) { cs.list = append(cs.list, c) }

// find returns the control with the id, or nil.
func (cs *controls) find(id string) *control {
	for i := range cs.list {
		if cs.list[i].ID == id {
			return &cs.list[i]
		}
	}
	return nil
}

func (cs *controls) widgets() []ui.Widget {
	out := make([]ui.Widget, len(cs.list))
	for i := range cs.list {
		out[i] = cs.list[i].Widget
	}
	return out
}

// run performs the action of the activated control.
func (cs *controls) run(id string) {
	if c := cs.find(id); c != nil && c.Action != nil && !c.Disabled {
		c.Action()
	}
}

// drawControls draws every control with its hover, press and focus state.
func (g *Game) drawControls(dst *ebiten.Image, cs *controls, st *ui.State) {
	for i := range cs.list {
		g.drawControl(dst, &cs.list[i], st)
	}
}

func (g *Game) drawControl(dst *ebiten.Image, c *control, st *ui.State) {
	r := c.Rect
	face := c.Face
	if face == nil {
		face = g.body()
	}
	hot := st.Hover == c.ID && !c.Disabled
	down := st.Pressed(c.ID)
	bg := view.Button()
	fg := view.Text()
	switch c.Style {
	case stylePrimary:
		bg = color.RGBA{0x2c, 0x5a, 0x8c, 0xff}
		if hot {
			bg = color.RGBA{0x36, 0x6c, 0xa6, 0xff}
		}
	case styleToggle:
		if c.On {
			bg = color.RGBA{0x34, 0x4a, 0x60, 0xff}
		}
	case styleRow:
		bg = color.RGBA{}
		if c.On {
			bg = color.RGBA{0x22, 0x30, 0x3e, 0xff}
		}
	case styleField:
		bg = color.RGBA{0x0f, 0x14, 0x19, 0xff}
	}
	if hot && c.Style != stylePrimary {
		bg = view.ButtonHot()
	}
	if down {
		bg = view.ButtonDown()
	}
	if c.Disabled {
		fg = view.Dim()
		if c.Style != styleRow {
			bg = color.RGBA{0x1c, 0x22, 0x28, 0xff}
		}
	}
	if bg.A > 0 {
		g.pt.Rect(dst, r, bg)
	}
	switch {
	case st.Focus == c.ID:
		g.pt.Frame(dst, r, max(1.5, g.Px(2)), view.Accent())
	case c.Style == styleField || c.Style == styleButton || c.Style == styleToggle && c.On:
		g.pt.Frame(dst, r, 1, view.PanelLine())
	}
	pad := g.Px(8)
	x := r.X + pad
	if c.Accent != nil {
		g.pt.Rect(dst, ui.Rect{X: r.X, Y: r.Y, W: g.Px(4), H: r.H}, c.Accent)
		x += g.Px(4)
	}
	switch c.Style {
	case styleField:
		f := c.Field
		txt := f.Text
		render.TextMiddle(dst, txt, face, x, r.Y+r.H/2, fg, render.Left)
		if st.Focus == c.ID {
			cx := x + text.Advance(f.BeforeCursor(), face)
			g.pt.Rect(dst, ui.Rect{X: cx, Y: r.Y + r.H*0.2, W: max(1, g.Px(1.5)), H: r.H * 0.6}, view.Accent())
		}
		return
	case styleRow:
		lh := render.LineHeight(face)
		label := ui.Ellipsize(c.Label, r.W-(x-r.X)-pad, render.Measure(face))
		if c.Sub == "" {
			render.TextMiddle(dst, label, face, x, r.Y+r.H/2, fg, render.Left)
			return
		}
		render.Text(dst, label, face, x, r.Y+pad*0.6, fg, render.Left)
		small := g.small()
		sub := ui.Wrap(c.Sub, r.W-(x-r.X)-pad, render.Measure(small))
		y := r.Y + pad*0.6 + lh
		for _, l := range sub {
			if y+render.LineHeight(small) > r.Bottom() {
				break
			}
			render.Text(dst, l, small, x, y, view.Dim(), render.Left)
			y += render.LineHeight(small)
		}
		return
	}
	label := ui.Ellipsize(c.Label, r.W-2*pad, render.Measure(face))
	if c.Accent != nil || c.Style == styleToggle && len(c.Label) > 14 {
		render.TextMiddle(dst, label, face, x, r.Y+r.H/2, fg, render.Left)
		return
	}
	render.TextMiddle(dst, label, face, r.X+r.W/2, r.Y+r.H/2, fg, render.Center)
}

// buttonWidth is the width a button needs for its label.
func (g *Game) buttonWidth(label string, face text.Face) float64 {
	return text.Advance(label, face) + 2*g.Px(10)
}

// drawTooltip draws the hovered widget's tooltip beside it (see
// ui.PlaceTip).
func (g *Game) drawTooltip(dst *ebiten.Image, st *ui.State, in *ui.Input) {
	tip, ok := st.Tooltip()
	if !ok {
		return
	}
	g.drawTip(dst, tip, in.X, st.TipAnchor())
}

// drawTip draws a tooltip box with text beside anchor, from the pointer's
// x.
func (g *Game) drawTip(dst *ebiten.Image, tip string, px float64, anchor ui.Rect) {
	face := g.small()
	w, h := g.Size()
	maxW := min(g.Px(380), w*0.45)
	lines := ui.Wrap(tip, maxW, render.Measure(face))
	lw := 0.0
	for _, l := range lines {
		lw = max(lw, text.Advance(l, face))
	}
	lh := render.LineHeight(face)
	pad := g.Px(7)
	bw, bh := lw+2*pad, float64(len(lines))*lh+2*pad
	x, y := ui.PlaceTip(anchor, px+g.Px(8), bw, bh, w, h, g.Px(4))
	box := ui.Rect{X: x, Y: y, W: bw, H: bh}
	g.pt.Rect(dst, box, color.RGBA{0x0b, 0x0f, 0x13, 0xf8})
	g.pt.Frame(dst, box, 1, view.Accent())
	for i, l := range lines {
		render.Text(dst, l, face, x+pad, y+pad+float64(i)*lh, view.Text(), render.Left)
	}
}

// moreBelow marks the bottom of a scrolled region r whose list goes on
// below the view: a band that says so, over the last line.
func (g *Game) moreBelow(dst *ebiten.Image, r ui.Rect, sc *ui.Scroll) {
	if !sc.Below() {
		return
	}
	face := g.small()
	h := render.LineHeight(face) + g.Px(6)
	band := ui.Rect{X: r.X, Y: r.Bottom() - h, W: r.W, H: h}
	g.pt.Rect(dst, band, color.RGBA{0x0b, 0x0f, 0x13, 0xe8})
	render.TextMiddle(dst, "▼ more below: scroll", face, band.X+band.W/2, band.Y+band.H/2, view.Accent(), render.Center)
}

// panel draws a panel background with a hairline border.
func (g *Game) panel(dst *ebiten.Image, r ui.Rect) {
	g.pt.Rect(dst, r, view.Panel())
	g.pt.Frame(dst, r, 1, view.PanelLine())
}

// heading draws a small caps-style section title and returns the y below it.
func (g *Game) heading(dst *ebiten.Image, s string, x, y float64) float64 {
	face := g.Face(12, true)
	render.Text(dst, s, face, x, y, view.Accent(), render.Left)
	return y + render.LineHeight(face) + g.Px(2)
}

// paragraph draws wrapped text and returns the y below it.
func (g *Game) paragraph(dst *ebiten.Image, s string, face text.Face, x, y, w float64, clr color.Color, maxY float64) float64 {
	lh := render.LineHeight(face)
	for _, l := range ui.Wrap(s, w, render.Measure(face)) {
		if maxY > 0 && y+lh > maxY {
			break
		}
		render.Text(dst, l, face, x, y, clr, render.Left)
		y += lh
	}
	return y
}

// window draws the background and edge of a window over the screen.
func (g *Game) window(dst *ebiten.Image, r ui.Rect) {
	g.pt.Rect(dst, r, color.RGBA{0x12, 0x18, 0x1e, 0xff})
	g.pt.Frame(dst, r, 1, view.PanelLine())
}

// dimScreen darks everything behind an overlay.
func (g *Game) dimScreen(dst *ebiten.Image) {
	w, h := g.Size()
	g.pt.Rect(dst, ui.Rect{W: w, H: h}, color.RGBA{0, 0, 0, 0xa8})
}
