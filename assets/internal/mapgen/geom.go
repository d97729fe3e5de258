package main

import (
	"math"
	"math/bits"

	"github.com/deconflict/deconflict/assets/internal/mapfmt"
)

// All geometry here is integer arithmetic on coordinate units so the generated
// file is identical on every platform.

type point = mapfmt.Point
type path = mapfmt.Path

// rect is an axis-aligned box, edges included.
type rect struct{ min, max point }

// intersects reports whether two boxes share at least one point.
func (r rect) intersects(o rect) bool {
	return r.min.X <= o.max.X && o.min.X <= r.max.X && r.min.Y <= o.max.Y && o.min.Y <= r.max.Y
}

// bounds returns the bounding box of p, which must not be empty.
func bounds(p path) rect {
	b := rect{p[0], p[0]}
	for _, q := range p[1:] {
		b.min.X, b.min.Y = min(b.min.X, q.X), min(b.min.Y, q.Y)
		b.max.X, b.max.Y = max(b.max.X, q.X), max(b.max.Y, q.Y)
	}
	return b
}

// simplify applies Douglas–Peucker with tolerance tol (in units), always
// keeping both end points so that arcs shared by neighbouring countries stay
// joined. Points kept at a tolerance are a superset of those kept at any
// larger one. A closed input (first == last) measures distance from the end
// point instead of from a degenerate segment.
func simplify(p path, tol int64) path {
	if len(p) <= 2 {
		return p
	}
	keep := make([]bool, len(p))
	keep[0], keep[len(p)-1] = true, true
	tol2 := uint64(tol * tol)
	type span struct{ i, j int }
	stack := []span{{0, len(p) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.j-s.i < 2 {
			continue
		}
		a, b := p[s.i], p[s.j]
		dx, dy := int64(b.X)-int64(a.X), int64(b.Y)-int64(a.Y)
		best, far := uint64(0), -1
		for k := s.i + 1; k < s.j; k++ {
			ex, ey := int64(p[k].X)-int64(a.X), int64(p[k].Y)-int64(a.Y)
			var d uint64
			if dx == 0 && dy == 0 {
				d = uint64(ex*ex + ey*ey)
			} else {
				d = uint64(abs(dx*ey - dy*ex)) // distance × segment length
			}
			if d > best {
				best, far = d, k
			}
		}
		if far < 0 {
			continue
		}
		var exceeds bool
		if dx == 0 && dy == 0 {
			exceeds = best > tol2
		} else {
			// (distance × length)² > tol² × length², in 128 bits.
			h1, l1 := bits.Mul64(best, best)
			h2, l2 := bits.Mul64(tol2, uint64(dx*dx+dy*dy))
			exceeds = h1 > h2 || (h1 == h2 && l1 > l2)
		}
		if exceeds {
			keep[far] = true
			stack = append(stack, span{far, s.j}, span{s.i, far})
		}
	}
	out := make(path, 0, len(p))
	for k, q := range p {
		if keep[k] {
			out = append(out, q)
		}
	}
	return out
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// divRound divides rounding half away from zero.
func divRound(n, d int64) int64 {
	if d < 0 {
		n, d = -n, -d
	}
	if n >= 0 {
		return (n + d/2) / d
	}
	return -((-n + d/2) / d)
}

// edge is one side of the clip rectangle, as a half-plane.
type edge int

const (
	left edge = iota
	right
	bottom
	top
)

func (e edge) inside(p point, r rect) bool {
	switch e {
	case left:
		return p.X >= r.min.X
	case right:
		return p.X <= r.max.X
	case bottom:
		return p.Y >= r.min.Y
	default:
		return p.Y <= r.max.Y
	}
}

// cross returns where segment a→b crosses the edge's line; a and b must be
// on opposite sides of it.
func (e edge) cross(a, b point, r rect) point {
	ax, ay, bx, by := int64(a.X), int64(a.Y), int64(b.X), int64(b.Y)
	switch e {
	case left, right:
		x := int64(r.min.X)
		if e == right {
			x = int64(r.max.X)
		}
		return point{X: int32(x), Y: int32(ay + divRound((by-ay)*(x-ax), bx-ax))}
	default:
		y := int64(r.min.Y)
		if e == top {
			y = int64(r.max.Y)
		}
		return point{X: int32(ax + divRound((bx-ax)*(y-ay), by-ay)), Y: int32(y)}
	}
}

// clipRing clips a ring (closed or not) to r with Sutherland–Hodgman. Parts of
// a concave ring that leave and re-enter r are joined along r's border by
// zero-area slivers, which even-odd filling and point-in-polygon tests ignore.
// The result is cleaned as by cleanRing.
func clipRing(ring path, r rect) path {
	out := ring
	if len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	for e := left; e <= top && len(out) > 0; e++ {
		in := out
		out = make(path, 0, len(in)+4)
		prev := in[len(in)-1]
		for _, cur := range in {
			switch ci, pi := e.inside(cur, r), e.inside(prev, r); {
			case ci && pi:
				out = append(out, cur)
			case ci:
				out = append(out, e.cross(prev, cur, r), cur)
			case pi:
				out = append(out, e.cross(prev, cur, r))
			}
			prev = cur
		}
	}
	return cleanRing(out)
}

// cleanRing drops repeated consecutive points and a closing point equal to
// the first, returning nil when fewer than three points remain.
func cleanRing(ring path) path {
	out := make(path, 0, len(ring))
	for _, q := range ring {
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	if len(out) < mapfmt.MinRing {
		return nil
	}
	return out
}

// area2 returns twice the absolute area of a ring in square units.
func area2(ring path) uint64 {
	if len(ring) < 3 {
		return 0
	}
	o := ring[0]
	var s int64
	for i := range ring {
		a, b := ring[i], ring[(i+1)%len(ring)]
		ax, ay := int64(a.X)-int64(o.X), int64(a.Y)-int64(o.Y)
		bx, by := int64(b.X)-int64(o.X), int64(b.Y)-int64(o.Y)
		s += ax*by - bx*ay
	}
	return uint64(abs(s))
}

// outcode classifies a point against r, Cohen–Sutherland style.
func outcode(p point, r rect) int {
	c := 0
	for e := left; e <= top; e++ {
		if !e.inside(p, r) {
			c |= 1 << e
		}
	}
	return c
}

// clipSegment clips a→b to r, reporting false when nothing remains.
func clipSegment(a, b point, r rect) (point, point, bool) {
	ca, cb := outcode(a, r), outcode(b, r)
	// Each pass puts one end on an edge line; four passes per end suffice
	// even with rounding.
	for range 8 {
		switch {
		case ca|cb == 0:
			return a, b, true
		case ca&cb != 0:
			return a, b, false
		}
		e, moveA := edge(0), ca != 0
		c := cb
		if moveA {
			c = ca
		}
		for c&(1<<e) == 0 {
			e++
		}
		if moveA {
			a = e.cross(b, a, r)
			ca = outcode(a, r)
		} else {
			b = e.cross(a, b, r)
			cb = outcode(b, r)
		}
	}
	return a, b, false
}

// clipLine clips a polyline to r segment by segment, returning the pieces
// inside, each with at least two distinct points.
func clipLine(line path, r rect) []path {
	var out []path
	var cur path
	flush := func() {
		if len(cur) >= mapfmt.MinLine {
			out = append(out, cur)
		}
		cur = nil
	}
	for i := 1; i < len(line); i++ {
		a, b, ok := clipSegment(line[i-1], line[i], r)
		if !ok || a == b {
			flush()
			continue
		}
		if len(cur) == 0 || cur[len(cur)-1] != a {
			flush()
			cur = path{a}
		}
		cur = append(cur, b)
	}
	flush()
	return out
}

// distKm returns the approximate distance in kilometres from p to the
// polyline q, using an equirectangular projection centred on p. It is only
// used to attach names, where tens of metres do not matter.
func distKm(p point, q path) float64 {
	const kmPerUnit = math.Pi / 180 * 6371.0 / mapfmt.PerDegree
	k := math.Cos(float64(p.Y) / mapfmt.PerDegree * math.Pi / 180)
	proj := func(a point) (float64, float64) {
		return float64(a.X-p.X) * k * kmPerUnit, float64(a.Y-p.Y) * kmPerUnit
	}
	best := math.Inf(1)
	for i := range max(len(q)-1, 1) {
		ax, ay := proj(q[i])
		bx, by := proj(q[min(i+1, len(q)-1)])
		dx, dy := bx-ax, by-ay
		t := 0.0
		if l := dx*dx + dy*dy; l > 0 {
			t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l))
		}
		best = math.Min(best, math.Hypot(ax+t*dx, ay+t*dy))
	}
	return best
}

// insideRings reports whether p lies inside rings by the even-odd rule.
func insideRings(p point, rings []path) bool {
	in := false
	for _, ring := range rings {
		j := len(ring) - 1
		for i := range ring {
			a, b := ring[i], ring[j]
			if (a.Y > p.Y) != (b.Y > p.Y) {
				// x of the edge at p.Y, compared without division.
				lhs := (int64(p.X) - int64(a.X)) * (int64(b.Y) - int64(a.Y))
				rhs := (int64(b.X) - int64(a.X)) * (int64(p.Y) - int64(a.Y))
				if (b.Y > a.Y) == (lhs < rhs) {
					in = !in
				}
			}
			j = i
		}
	}
	return in
}
