// Package render draws the game with Ebiten: fonts, shapes, the cached map
// of the Levant, APP-6 style symbols and line charts. It holds no game
// logic; the view and ui packages decide what is drawn where.
package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
)

// Fonts holds the Go fonts and the faces made from them, by size.
type Fonts struct {
	regular, bold *text.GoTextFaceSource
	faces         map[faceKey]*text.GoTextFace
}

type faceKey struct {
	size float64
	bold bool
}

// NewFonts loads the embedded Go fonts.
func NewFonts() (*Fonts, error) {
	r, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		return nil, fmt.Errorf("load Go Regular: %w", err)
	}
	b, err := text.NewGoTextFaceSource(bytes.NewReader(gobold.TTF))
	if err != nil {
		return nil, fmt.Errorf("load Go Bold: %w", err)
	}
	return &Fonts{regular: r, bold: b, faces: map[faceKey]*text.GoTextFace{}}, nil
}

// Face returns the face of a size in pixels (rounded to a half pixel so the
// glyph cache stays small).
func (f *Fonts) Face(size float64, bold bool) *text.GoTextFace {
	size = math.Round(max(size, 6)*2) / 2
	k := faceKey{size, bold}
	if face, ok := f.faces[k]; ok {
		return face
	}
	src := f.regular
	if bold {
		src = f.bold
	}
	face := &text.GoTextFace{Source: src, Size: size}
	f.faces[k] = face
	return face
}

// Measure returns a function measuring text width in a face, for ui.Wrap.
func Measure(face text.Face) ui.Measure {
	return func(s string) float64 { return text.Advance(s, face) }
}

// Align places text relative to its anchor point.
type Align uint8

// The alignments.
const (
	Left Align = iota
	Center
	Right
)

// Text draws one line of text with its top at y; x is its left edge, centre
// or right edge by align.
func Text(dst *ebiten.Image, s string, face text.Face, x, y float64, clr color.Color, align Align) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(clr)
	switch align {
	case Center:
		op.PrimaryAlign = text.AlignCenter
	case Right:
		op.PrimaryAlign = text.AlignEnd
	}
	text.Draw(dst, s, face, op)
}

// TextMiddle draws one line of text centred vertically on y.
func TextMiddle(dst *ebiten.Image, s string, face text.Face, x, y float64, clr color.Color, align Align) {
	m := face.Metrics()
	Text(dst, s, face, x, y-(m.HAscent+m.HDescent)/2, clr, align)
}

// LineHeight is the distance between lines of a face.
func LineHeight(face text.Face) float64 {
	m := face.Metrics()
	return math.Ceil((m.HAscent + m.HDescent) * 1.25)
}

// Rect fills a rectangle.
func (pt *Painter) Rect(dst *ebiten.Image, r ui.Rect, clr color.Color) {
	vector.DrawFilledRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), clr, false)
}

// Frame strokes a rectangle's outline inside its edge.
func (pt *Painter) Frame(dst *ebiten.Image, r ui.Rect, width float64, clr color.Color) {
	w := float32(width)
	vector.StrokeRect(dst, float32(r.X)+w/2, float32(r.Y)+w/2, float32(r.W)-w, float32(r.H)-w, w, clr, false)
}

// Line draws a straight line.
func (pt *Painter) Line(dst *ebiten.Image, x0, y0, x1, y1, width float64, clr color.Color) {
	vector.StrokeLine(dst, float32(x0), float32(y0), float32(x1), float32(y1), float32(width), clr, pt.AntiAlias)
}

// Circle fills a circle.
func (pt *Painter) Circle(dst *ebiten.Image, x, y, r float64, clr color.Color) {
	vector.DrawFilledCircle(dst, float32(x), float32(y), float32(r), clr, pt.AntiAlias)
}

// Ring strokes a circle.
func (pt *Painter) Ring(dst *ebiten.Image, x, y, r, width float64, clr color.Color) {
	vector.StrokeCircle(dst, float32(x), float32(y), float32(r), float32(width), clr, pt.AntiAlias)
}

// Dashed draws a polyline with dashes of on pixels and gaps of off pixels.
func (pt *Painter) Dashed(dst *ebiten.Image, pts []float64, width, on, off float64, clr color.Color) {
	var p vector.Path
	phase := 0.0
	for i := 2; i+1 < len(pts); i += 2 {
		x0, y0, x1, y1 := pts[i-2], pts[i-1], pts[i], pts[i+1]
		l := math.Hypot(x1-x0, y1-y0)
		if l == 0 {
			continue
		}
		for d := -phase; d < l; d += on + off {
			a, b := max(d, 0), min(d+on, l)
			if b > a {
				p.MoveTo(float32(x0+(x1-x0)*a/l), float32(y0+(y1-y0)*a/l))
				p.LineTo(float32(x0+(x1-x0)*b/l), float32(y0+(y1-y0)*b/l))
			}
		}
		phase = math.Mod(phase+l, on+off)
	}
	pt.Stroke(dst, &p, width, clr)
}

// Polyline strokes a path through the points (x0, y0, x1, y1, …).
func (pt *Painter) Polyline(dst *ebiten.Image, pts []float64, width float64, clr color.Color) {
	var p vector.Path
	for i := 0; i+1 < len(pts); i += 2 {
		if i == 0 {
			p.MoveTo(float32(pts[0]), float32(pts[1]))
		} else {
			p.LineTo(float32(pts[i]), float32(pts[i+1]))
		}
	}
	pt.Stroke(dst, &p, width, clr)
}

// Painter draws shapes; it owns the white pixel every solid-colour
// triangle samples and scratch buffers reused between calls.
type Painter struct {
	// AntiAlias smooths edges. It costs extra passes per shape, which a
	// software renderer feels: the map cache turns it on while it redraws;
	// shapes drawn every frame leave it off.
	AntiAlias bool
	// Palette colours the owners' symbols (the player's choice of palette).
	Palette view.Palette
	white   *ebiten.Image
	vs      []ebiten.Vertex
	is      []uint16
}

// NewPainter makes a painter.
func NewPainter() *Painter {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return &Painter{Palette: view.DefaultPalette(), white: img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)}
}

// Stroke draws a vector path's outline.
func (pt *Painter) Stroke(dst *ebiten.Image, p *vector.Path, width float64, clr color.Color) {
	pt.vs, pt.is = p.AppendVerticesAndIndicesForStroke(pt.vs[:0], pt.is[:0], &vector.StrokeOptions{Width: float32(width), LineJoin: vector.LineJoinRound})
	pt.DrawTriangles(dst, pt.vs, pt.is, clr, ebiten.FillRuleFillAll, pt.AntiAlias)
}

// Fill fills a vector path by the even-odd rule.
func (pt *Painter) Fill(dst *ebiten.Image, p *vector.Path, clr color.Color) {
	pt.vs, pt.is = p.AppendVerticesAndIndicesForFilling(pt.vs[:0], pt.is[:0])
	pt.DrawTriangles(dst, pt.vs, pt.is, clr, ebiten.FillRuleEvenOdd, pt.AntiAlias)
}

// DrawTriangles draws solid-colour triangles.
func (pt *Painter) DrawTriangles(dst *ebiten.Image, vs []ebiten.Vertex, is []uint16, clr color.Color, rule ebiten.FillRule, antialias bool) {
	if len(is) == 0 {
		return
	}
	r, g, b, a := clr.RGBA()
	for i := range vs {
		vs[i].SrcX, vs[i].SrcY = 1, 1
		vs[i].ColorR = float32(r) / 0xffff
		vs[i].ColorG = float32(g) / 0xffff
		vs[i].ColorB = float32(b) / 0xffff
		vs[i].ColorA = float32(a) / 0xffff
	}
	op := &ebiten.DrawTrianglesOptions{FillRule: rule, AntiAlias: antialias, ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
	dst.DrawTriangles(vs, is, pt.white, op)
}

// Convex fills a convex polygon given as x0, y0, x1, y1, … as a fan of
// triangles, without the stencil passes a general polygon needs.
func (pt *Painter) Convex(dst *ebiten.Image, pts []float64, clr color.Color) {
	n := len(pts) / 2
	if n < 3 {
		return
	}
	pt.vs, pt.is = pt.vs[:0], pt.is[:0]
	for i := range n {
		pt.vs = append(pt.vs, ebiten.Vertex{DstX: float32(pts[2*i]), DstY: float32(pts[2*i+1])})
	}
	for i := 1; i+1 < n; i++ {
		pt.is = append(pt.is, 0, uint16(i), uint16(i+1))
	}
	pt.DrawTriangles(dst, pt.vs, pt.is, clr, ebiten.FillRuleFillAll, pt.AntiAlias)
}

// Polygon fills a polygon given as x0, y0, x1, y1, … by the even-odd rule.
func (pt *Painter) Polygon(dst *ebiten.Image, pts []float64, clr color.Color) {
	var p vector.Path
	for i := 0; i+1 < len(pts); i += 2 {
		if i == 0 {
			p.MoveTo(float32(pts[0]), float32(pts[1]))
		} else {
			p.LineTo(float32(pts[i]), float32(pts[i+1]))
		}
	}
	p.Close()
	pt.Fill(dst, &p, clr)
}

// Hatch draws parallel diagonal lines spaced step pixels apart inside a
// polygon (x0, y0, x1, y1, …), clipped to it by the even-odd rule.
func (pt *Painter) Hatch(dst *ebiten.Image, pts []float64, step, width float64, clr color.Color) {
	n := len(pts) / 2
	if n < 3 {
		return
	}
	// hatch lines x - y = c; in rotated coordinates u = x - y each line is constant u
	minU, maxU := math.Inf(1), math.Inf(-1)
	for i := range n {
		u := pts[2*i] - pts[2*i+1]
		minU, maxU = min(minU, u), max(maxU, u)
	}
	var p vector.Path
	var hits []float64
	for c := math.Ceil(minU/step) * step; c <= maxU; c += step {
		hits = hits[:0]
		for i := range n {
			x0, y0 := pts[2*i], pts[2*i+1]
			x1, y1 := pts[(2*i+2)%(2*n)], pts[(2*i+3)%(2*n)]
			u0, u1 := x0-y0, x1-y1
			if (u0 <= c) == (u1 <= c) {
				continue
			}
			t := (c - u0) / (u1 - u0)
			hits = append(hits, x0+(x1-x0)*t) // x along the line; y = x - c
		}
		sortFloats(hits)
		for i := 0; i+1 < len(hits); i += 2 {
			p.MoveTo(float32(hits[i]), float32(hits[i]-c))
			p.LineTo(float32(hits[i+1]), float32(hits[i+1]-c))
		}
	}
	pt.Stroke(dst, &p, width, clr)
}

func sortFloats(v []float64) {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

// CirclePoints approximates a circle as a polygon of n points.
func CirclePoints(x, y, r float64, n int) []float64 {
	out := make([]float64, 0, 2*n)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		out = append(out, x+r*math.Cos(a), y+r*math.Sin(a))
	}
	return out
}
