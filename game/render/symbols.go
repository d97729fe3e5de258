package render

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/sim"
)

// SymbolRadius is the half-height of a unit symbol at UI scale 1.
const SymbolRadius = 7.0

// Symbol draws an APP-6 style symbol centred on x, y with half-height r:
// the frame by affiliation, filled and outlined in the owner's colour, and
// the glyph of its kind in light ink. small is the face for letter glyphs.
func (pt *Painter) Symbol(dst *ebiten.Image, x, y, r float64, sym view.Symbol, small text.Face) {
	clr := view.Dim()
	if sym.Owner < sim.NumActors {
		clr = pt.Palette.Owners[sym.Owner]
	}
	fill := view.Fade(color.RGBA{clr.R / 3, clr.G / 3, clr.B / 3, 0xff}, 0.92)
	ink := view.Text()
	lw := max(1.2, r/5)
	if sym.City {
		pt.Circle(dst, x, y, r*0.42, view.Text())
		pt.Ring(dst, x, y, r*0.42, 1, view.Sea())
		return
	}
	var gx0, gy0, gx1, gy1 float64 // the glyph's box
	switch sym.Frame {
	case view.Friend:
		w := r * 1.5
		pts := []float64{x - w, y - r, x + w, y - r, x + w, y + r, x - w, y + r}
		pt.Convex(dst, pts, fill)
		pt.Polyline(dst, append(pts, pts[0], pts[1]), lw, clr)
		gx0, gy0, gx1, gy1 = x-w, y-r, x+w, y+r
	case view.Hostile:
		d := r * 1.35
		pts := []float64{x, y - d, x + d, y, x, y + d, x - d, y}
		pt.Convex(dst, pts, fill)
		pt.Polyline(dst, append(pts, pts[0], pts[1]), lw, clr)
		gx0, gy0, gx1, gy1 = x-d/2, y-d/2, x+d/2, y+d/2
	case view.Neutral:
		pts := []float64{x - r, y - r, x + r, y - r, x + r, y + r, x - r, y + r}
		pt.Convex(dst, pts, fill)
		pt.Polyline(dst, append(pts, pts[0], pts[1]), lw, clr)
		gx0, gy0, gx1, gy1 = x-r, y-r, x+r, y+r
	default:
		for _, o := range [][2]float64{{0, -0.45}, {0.45, 0}, {0, 0.45}, {-0.45, 0}} {
			pt.Circle(dst, x+o[0]*r, y+o[1]*r, r*0.62, clr)
		}
		for _, o := range [][2]float64{{0, -0.45}, {0.45, 0}, {0, 0.45}, {-0.45, 0}} {
			pt.Circle(dst, x+o[0]*r, y+o[1]*r, r*0.62-lw, fill)
		}
		gx0, gy0, gx1, gy1 = x-r*0.7, y-r*0.7, x+r*0.7, y+r*0.7
	}
	pt.glyph(dst, sym.Glyph, gx0, gy0, gx1, gy1, lw, ink, small)
}

func (pt *Painter) glyph(dst *ebiten.Image, g view.Glyph, x0, y0, x1, y1, lw float64, ink color.Color, small text.Face) {
	cx, cy := (x0+x1)/2, (y0+y1)/2
	w, h := x1-x0, y1-y0
	switch g {
	case view.GlyphInfantry:
		pt.Line(dst, x0, y0, x1, y1, lw, ink)
		pt.Line(dst, x0, y1, x1, y0, lw, ink)
	case view.GlyphMilitia:
		pt.Line(dst, x0, y0, x1, y1, lw*0.8, ink)
		pt.Line(dst, x0, y1, x1, y0, lw*0.8, ink)
		pt.Rect(dst, rectOf(cx-w*0.18, cy-h*0.22, w*0.36, h*0.44), view.Sea())
		TextMiddle(dst, "M", small, cx, cy, ink, Center)
	case view.GlyphAirbase:
		s := min(w, h*1.6) * 0.36
		pt.Line(dst, cx-s, cy-s*0.1, cx+s, cy-s*0.1, lw, ink)               // wings
		pt.Line(dst, cx, cy-s*0.7, cx, cy+s*0.75, lw, ink)                  // fuselage
		pt.Line(dst, cx-s*0.4, cy+s*0.65, cx+s*0.4, cy+s*0.65, lw*0.9, ink) // tail
	case view.GlyphSupply:
		pt.Line(dst, x0+w*0.08, y1-h*0.3, x1-w*0.08, y1-h*0.3, lw, ink)
		pt.Circle(dst, cx, cy-h*0.08, min(w, h)*0.12, ink)
	case view.GlyphAirDefence:
		r := min(w*0.32, h*0.45)
		var pts []float64
		for i := 0; i <= 12; i++ {
			a := math.Pi + math.Pi*float64(i)/12
			pts = append(pts, cx+r*math.Cos(a), y1-h*0.18+r*math.Sin(a))
		}
		pt.Polyline(dst, pts, lw, ink)
		pt.Line(dst, cx-r*1.2, y1-h*0.18, cx+r*1.2, y1-h*0.18, lw, ink)
	case view.GlyphObservation:
		s := min(w, h) * 0.32
		pt.Convex(dst, []float64{cx, cy - s, cx + s, cy + s*0.8, cx - s, cy + s*0.8}, ink)
	case view.GlyphCrossing:
		s := min(w, h) * 0.34
		pt.Line(dst, cx-s*1.2, cy-s, cx-s*0.4, cy, lw, ink)
		pt.Line(dst, cx-s*0.4, cy, cx-s*1.2, cy+s, lw, ink)
		pt.Line(dst, cx+s*1.2, cy-s, cx+s*0.4, cy, lw, ink)
		pt.Line(dst, cx+s*0.4, cy, cx+s*1.2, cy+s, lw, ink)
	case view.GlyphOil:
		s := min(w, h) * 0.3
		pt.Circle(dst, cx, cy+s*0.35, s*0.75, ink)
		pt.Convex(dst, []float64{cx, cy - s*1.1, cx + s*0.7, cy + s*0.2, cx - s*0.7, cy + s*0.2}, ink)
	case view.GlyphConvoy:
		s := min(w, h) * 0.2
		pt.Line(dst, x0+w*0.18, cy-s*0.4, x1-w*0.18, cy-s*0.4, lw, ink)
		for _, f := range []float64{0.3, 0.5, 0.7} {
			pt.Circle(dst, x0+w*f, cy+s*1.0, s*0.65, ink)
		}
	}
}

// Struck draws the mark of a site put out of action.
func (pt *Painter) Struck(dst *ebiten.Image, x, y, r float64) {
	pt.Line(dst, x-r*1.3, y+r*1.3, x+r*1.3, y-r*1.3, max(2, r/3), view.Danger())
}

// Reticle marks a detected target.
func (pt *Painter) Reticle(dst *ebiten.Image, x, y, r float64, clr color.Color) {
	pt.Ring(dst, x, y, r*1.9, 1.2, clr)
	for _, d := range [][2]float64{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
		pt.Line(dst, x+d[0]*r*1.5, y+d[1]*r*1.5, x+d[0]*r*2.4, y+d[1]*r*2.4, 1.2, clr)
	}
}
