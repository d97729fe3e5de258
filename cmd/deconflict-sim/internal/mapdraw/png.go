package mapdraw

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// WritePNG draws sc over m as a PNG image of pxPerKm pixels per kilometre,
// the same scene WriteSVG writes.
func WritePNG(w io.Writer, sc *sim.Scenario, m *mapdata.Map) error {
	img, err := rasterise(sc, m)
	if err != nil {
		return err
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("encode the map: %w", err)
	}
	return nil
}

// rasterise draws sc over m: north up, pxPerKm pixels per kilometre, the
// top left corner at the scene's north-west corner.
func rasterise(sc *sim.Scenario, m *mapdata.Map) (*image.RGBA, error) {
	s := build(sc, m)
	w, h := s.b.size()
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("load the label font: %w", err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: labelSize * pxPerKm, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("load the label font: %w", err)
	}
	defer face.Close()
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), b: s.b, face: face}
	draw.Draw(c.img, c.img.Bounds(), image.NewUniform(sea), image.Point{}, draw.Src)
	for _, l := range s.layers {
		for i := range l.shapes {
			c.shape(&l.shapes[i])
		}
	}
	return c.img, nil
}

// vec is a point in pixels.
type vec struct{ x, y float64 }

// canvas paints shapes onto an image with an anti-aliasing rasteriser.
type canvas struct {
	img  *image.RGBA
	b    box
	face font.Face
	z    vector.Rasterizer
}

// px places a projected point on the image.
func (c *canvas) px(p geo.Point) vec {
	return vec{float64(p.X-c.b.minX) / 1000 * pxPerKm, float64(c.b.maxY-p.Y) / 1000 * pxPerKm}
}

// shape paints one shape: its fill, then its stroke.
func (c *canvas) shape(sh *shape) {
	if sh.kind == label {
		p := c.px(sh.pts[0])
		d := font.Drawer{Dst: c.img, Src: image.NewUniform(sh.fill), Face: c.face, Dot: fixed.P(int(math.Round(p.x)), int(math.Round(p.y)))}
		d.DrawString(sh.text)
		return
	}
	var path []vec
	if sh.kind == circle {
		path = c.circle(sh.pts[0], sh.r)
	} else {
		path = make([]vec, len(sh.pts))
		for i, p := range sh.pts {
			path[i] = c.px(p)
		}
	}
	closed := sh.kind != polyline
	if sh.fill.A != 0 && closed {
		c.fill([][]vec{path}, sh.fill)
	}
	if sh.stroke.A != 0 {
		c.fill(strokeRings(path, closed, sh.width*pxPerKm, scaled(sh.dash)), sh.stroke)
	}
}

// circle approximates a circle by a polygon whose sides are about two
// pixels long (at least 16 of them).
func (c *canvas) circle(centre geo.Point, r int64) []vec {
	o := c.px(centre)
	rp := float64(r) / 1000 * pxPerKm
	n := max(16, int(2*math.Pi*rp/2))
	out := make([]vec, n)
	for i := range out {
		a := 2 * math.Pi * float64(i) / float64(n)
		out[i] = vec{o.x + rp*math.Cos(a), o.y + rp*math.Sin(a)}
	}
	return out
}

// fill paints the union of the rings in col, blending over what is there.
// Each ring is turned counter-clockwise first so that overlapping rings add
// up instead of cancelling in the rasteriser's winding count.
func (c *canvas) fill(rings [][]vec, col color.NRGBA) {
	lo, hi := vec{math.Inf(1), math.Inf(1)}, vec{math.Inf(-1), math.Inf(-1)}
	for _, ring := range rings {
		for _, p := range ring {
			lo, hi = vec{min(lo.x, p.x), min(lo.y, p.y)}, vec{max(hi.x, p.x), max(hi.y, p.y)}
		}
	}
	r := image.Rect(int(math.Floor(lo.x)), int(math.Floor(lo.y)), int(math.Ceil(hi.x)), int(math.Ceil(hi.y))).Intersect(c.img.Bounds())
	if r.Empty() {
		return
	}
	c.z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for _, ring := range rings {
		if len(ring) < 3 {
			continue
		}
		step, start := 1, 0
		if signedArea(ring) < 0 {
			step, start = -1, len(ring)-1
		}
		c.z.MoveTo(float32(ring[start].x-ox), float32(ring[start].y-oy))
		for k, i := 1, start+step; k < len(ring); k, i = k+1, i+step {
			c.z.LineTo(float32(ring[i].x-ox), float32(ring[i].y-oy))
		}
		c.z.ClosePath()
	}
	c.z.Draw(c.img, r, image.NewUniform(col), image.Point{})
}

// signedArea is twice the ring's area, positive one way round and negative
// the other.
func signedArea(ring []vec) float64 {
	a := 0.0
	for i, p := range ring {
		q := ring[(i+1)%len(ring)]
		a += p.x*q.y - q.x*p.y
	}
	return a
}

// scaled converts dash lengths from kilometres to pixels.
func scaled(dash []float64) []float64 {
	out := make([]float64, len(dash))
	for i, d := range dash {
		out[i] = d * pxPerKm
	}
	return out
}

// strokeRings outlines a path of the given width as rings to fill: a
// rectangle per segment of each dash and an octagon at each joint, so
// corners have no notches.
func strokeRings(path []vec, closed bool, width float64, dash []float64) [][]vec {
	if closed && len(path) > 0 {
		path = append(path[:len(path):len(path)], path[0])
	}
	half := width / 2
	var rings [][]vec
	for _, piece := range dashes(path, dash) {
		for i := 1; i < len(piece); i++ {
			a, b := piece[i-1], piece[i]
			dx, dy := b.x-a.x, b.y-a.y
			l := math.Hypot(dx, dy)
			if l == 0 {
				continue
			}
			nx, ny := -dy/l*half, dx/l*half
			rings = append(rings, []vec{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}})
		}
		for i := 1; i+1 < len(piece); i++ {
			rings = append(rings, octagon(piece[i], half))
		}
	}
	return rings
}

// octagon is a regular octagon of circumradius r around o.
func octagon(o vec, r float64) []vec {
	out := make([]vec, 8)
	for i := range out {
		a := math.Pi / 4 * float64(i)
		out[i] = vec{o.x + r*math.Cos(a), o.y + r*math.Sin(a)}
	}
	return out
}

// dashes cuts a path into its dashes: pieces of the lengths dash[0],
// dash[2], ... separated by gaps of dash[1], dash[3], ... along the path,
// the pattern repeating. No dash pattern leaves the path whole.
func dashes(path []vec, dash []float64) [][]vec {
	if len(dash) == 0 {
		return [][]vec{path}
	}
	var out [][]vec
	k, left, on := 0, dash[0], true
	var cur []vec
	if len(path) > 0 {
		cur = []vec{path[0]}
	}
	for i := 1; i < len(path); i++ {
		a, b := path[i-1], path[i]
		l := math.Hypot(b.x-a.x, b.y-a.y)
		pos := 0.0 // how far along this segment the pattern has got
		for l-pos > left {
			pos += left
			p := vec{a.x + (b.x-a.x)*pos/l, a.y + (b.y-a.y)*pos/l}
			if on {
				out = append(out, append(cur, p))
				cur = nil
			} else {
				cur = []vec{p}
			}
			on = !on
			k = (k + 1) % len(dash)
			left = dash[k]
		}
		left -= l - pos
		if on {
			cur = append(cur, b)
		}
	}
	if on && len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}
