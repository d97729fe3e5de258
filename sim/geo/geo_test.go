package geo_test

import (
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim/geo"
)

func pt(lat, lon float64) geo.Point { return geo.Project(geo.Micro(lat), geo.Micro(lon)) }

// haversine is the great-circle distance in metres on the sphere whose
// degree is geo.MetresPerDegree long.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	r := geo.MetresPerDegree / rad
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// TestKnownDistances: projected distances between real places agree with
// the great circle within 1%, and with the published figures.
func TestKnownDistances(t *testing.T) {
	for _, c := range []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		km, tolerance          float64 // the published figure and how far it may be
	}{
		{"Damascus–Al-Tanf", 33.51, 36.29, 33.51, 38.62, 217, 0.01},
		{"Al-Tanf–Rukban", 33.51, 38.62, 33.31, 38.67, 22, 0.04}, // "≈22 km"; 22.7 km with the rounded coordinates
		{"Al-Tanf–T4", 33.51, 38.62, 34.52, 37.63, 145, 0.02},
		{"Al-Tanf–Palmyra", 33.51, 38.62, 34.56, 38.27, 121, 0.02},
		{"Al-Tanf–Al-Bukamal", 33.51, 38.62, 34.45, 40.92, 237, 0.02},
	} {
		got := float64(geo.Dist(pt(c.lat1, c.lon1), pt(c.lat2, c.lon2)))
		gc := haversine(c.lat1, c.lon1, c.lat2, c.lon2)
		if math.Abs(got-gc) > 0.01*gc {
			t.Errorf("%s: projected %.0f m, great circle %.0f m (more than 1%% apart)", c.name, got, gc)
		}
		if math.Abs(got-c.km*1000) > c.tolerance*c.km*1000 {
			t.Errorf("%s: %.1f km, published ≈%.0f km", c.name, got/1000, c.km)
		}
	}
	if !geo.InCircle(pt(33.31, 38.67), pt(33.51, 38.62), 55_000) {
		t.Error("Rukban lies outside Al-Tanf's 55 km zone")
	}
	if geo.InCircle(pt(34.52, 37.63), pt(33.51, 38.62), 55_000) {
		t.Error("T4 lies inside Al-Tanf's 55 km zone")
	}
}

// TestProjection: the origin maps to (0, 0), north is +Y and east +X, and
// Unproject inverts Project to within a metre's worth of micro-degrees.
func TestProjection(t *testing.T) {
	if p := geo.Project(geo.OriginLatMicro, geo.OriginLonMicro); p != (geo.Point{}) {
		t.Fatalf("origin projects to %+v", p)
	}
	if p := pt(35.5, 38); p.X != 0 || p.Y != geo.MetresPerDegree {
		t.Fatalf("one degree north projects to %+v", p)
	}
	if p := pt(34.5, 39); p.Y != 0 || p.X <= 0 || p.X >= geo.MetresPerDegree {
		t.Fatalf("one degree east projects to %+v", p)
	}
	rapid.Check(t, func(t *rapid.T) {
		lat := rapid.Int64Range(29_000_000, 40_000_000).Draw(t, "lat")
		lon := rapid.Int64Range(30_000_000, 48_000_000).Draw(t, "lon")
		la, lo := geo.Unproject(geo.Project(lat, lon))
		if d := max(abs(la-lat), abs(lo-lon)); d > 30 {
			t.Fatalf("(%d, %d) comes back as (%d, %d)", lat, lon, la, lo)
		}
	})
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// TestMicro rounds half away from zero.
func TestMicro(t *testing.T) {
	for _, c := range []struct {
		deg  float64
		want int64
	}{{33.51, 33_510_000}, {-0.0000005, -1}, {0.0000004, 0}, {38.62, 38_620_000}, {-179.999999, -179_999_999}} {
		if got := geo.Micro(c.deg); got != c.want {
			t.Errorf("Micro(%v) = %d, want %d", c.deg, got, c.want)
		}
	}
}

// TestISqrt is exact: r² ≤ v < (r+1)².
func TestISqrt(t *testing.T) {
	for _, v := range []int64{0, 1, 2, 3, 4, 15, 16, 17, 1 << 62, math.MaxInt64, -5} {
		checkISqrt(t, v)
	}
	rapid.Check(t, func(t *rapid.T) { checkISqrt(t, rapid.Int64Range(0, math.MaxInt64).Draw(t, "v")) })
}

func checkISqrt(t interface{ Fatalf(string, ...any) }, v int64) {
	r := geo.ISqrt(v)
	if v <= 0 {
		if r != 0 {
			t.Fatalf("ISqrt(%d) = %d", v, r)
		}
		return
	}
	hi, lo := mul(uint64(r), uint64(r))
	hi2, lo2 := mul(uint64(r+1), uint64(r+1))
	if hi > 0 || lo > uint64(v) || hi2 == 0 && lo2 <= uint64(v) {
		t.Fatalf("ISqrt(%d) = %d", v, r)
	}
}

func mul(a, b uint64) (hi, lo uint64) {
	const mask = 1<<32 - 1
	a1, a0, b1, b0 := a>>32, a&mask, b>>32, b&mask
	mid := a1*b0 + (a0*b0)>>32
	mid2 := a0*b1 + mid&mask
	return a1*b1 + mid>>32 + mid2>>32, a * b
}

// segDist is the float distance from p to segment ab.
func segDist(a, b, p geo.Point) float64 {
	ax, ay, bx, by, px, py := float64(a.X), float64(a.Y), float64(b.X), float64(b.Y), float64(p.X), float64(p.Y)
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = max(0, min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
	}
	return math.Hypot(px-ax-t*dx, py-ay-t*dy)
}

func genPoint(t *rapid.T, label string) geo.Point {
	return geo.Point{X: rapid.Int64Range(-1_000_000, 1_000_000).Draw(t, label+".x"), Y: rapid.Int64Range(-1_000_000, 1_000_000).Draw(t, label+".y")}
}

// TestSegmentNear agrees with the float distance away from the boundary.
func TestSegmentNear(t *testing.T) {
	o := geo.Point{}
	for _, c := range []struct {
		a, b, p geo.Point
		r       int64
		want    bool
	}{
		{o, geo.Point{X: 100}, geo.Point{X: 50, Y: 10}, 10, true},                            // exactly r from the middle
		{o, geo.Point{X: 100}, geo.Point{X: 50, Y: 11}, 10, false},                           // just beyond
		{o, geo.Point{X: 100}, geo.Point{X: 110, Y: 0}, 10, true},                            // beyond the end, at r
		{o, geo.Point{X: 100}, geo.Point{X: -8, Y: 6}, 10, true},                             // before the start, at r
		{o, geo.Point{X: 100}, geo.Point{X: -8, Y: 7}, 10, false},                            // before the start, beyond r
		{o, o, geo.Point{X: 3, Y: 4}, 5, true},                                               // a point segment
		{o, o, geo.Point{X: 3, Y: 4}, 4, false},                                              // a point segment, too far
		{geo.Point{X: -500_000, Y: -500_000}, geo.Point{X: 500_000, Y: 500_000}, o, 0, true}, // through the centre
	} {
		if got := geo.SegmentNear(c.a, c.b, c.p, c.r); got != c.want {
			t.Errorf("SegmentNear(%v, %v, %v, %d) = %v", c.a, c.b, c.p, c.r, got)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b, p := genPoint(t, "a"), genPoint(t, "b"), genPoint(t, "p")
		r := rapid.Int64Range(0, 600_000).Draw(t, "r")
		d := segDist(a, b, p)
		if math.Abs(d-float64(r)) < 1 {
			t.Skip("on the boundary")
		}
		if got := geo.SegmentNear(a, b, p, r); got != (d <= float64(r)) {
			t.Fatalf("SegmentNear(%v, %v, %v, %d) = %v, distance %.2f", a, b, p, r, got, d)
		}
		if geo.PathNear([]geo.Point{a, b}, p, r) != geo.SegmentNear(a, b, p, r) {
			t.Fatal("PathNear of one segment differs from SegmentNear")
		}
	})
}

// TestChordLength agrees with the float chord within 2 m.
func TestChordLength(t *testing.T) {
	o := geo.Point{}
	for _, c := range []struct {
		a, b, c geo.Point
		r, want int64
	}{
		{geo.Point{X: -200}, geo.Point{X: 200}, o, 100, 200},               // straight through
		{geo.Point{X: -50}, geo.Point{X: 50}, o, 100, 100},                 // wholly inside
		{geo.Point{X: -200, Y: 100}, geo.Point{X: 200, Y: 100}, o, 100, 0}, // tangent
		{geo.Point{X: -200, Y: 60}, geo.Point{X: 200, Y: 60}, o, 100, 160}, // 2·√(100²−60²)
		{geo.Point{X: 0}, geo.Point{X: 300}, o, 100, 100},                  // starts at the centre
		{geo.Point{X: 150}, geo.Point{X: 300}, o, 100, 0},                  // beyond the circle
		{o, o, o, 100, 0}, // a point
	} {
		if got := geo.ChordLength(c.a, c.b, c.c, c.r); got != c.want {
			t.Errorf("ChordLength(%v, %v, %v, %d) = %d, want %d", c.a, c.b, c.c, c.r, got, c.want)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b, c := genPoint(t, "a"), genPoint(t, "b"), genPoint(t, "c")
		r := rapid.Int64Range(1, 600_000).Draw(t, "r")
		got := float64(geo.ChordLength(a, b, c, r))
		want, tolerance := floatChord(a, b, c, float64(r))
		if math.Abs(got-want) > tolerance {
			t.Fatalf("ChordLength(%v, %v, %v, %d) = %.0f, want %.2f ± %.2f", a, b, c, r, got, want, tolerance)
		}
	})
}

// floatChord is the chord in floating point, with the error the integer
// version may make: a few metres of rounding, plus the foot of the
// perpendicular divided by a segment length rounded down (at most
// (foot + r) / length metres, which only matters for legs of a few metres).
func floatChord(a, b, c geo.Point, r float64) (chord, tolerance float64) {
	ax, ay := float64(a.X-c.X), float64(a.Y-c.Y)
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	l := math.Hypot(dx, dy)
	if l == 0 {
		return 0, 0
	}
	ux, uy := dx/l, dy/l
	foot := -(ax*ux + ay*uy)          // distance along the segment to the foot of the perpendicular
	d2 := (ax*ax + ay*ay) - foot*foot // squared distance from the centre to the line
	tolerance = 3 + (math.Abs(foot)+r)/l
	if d2 >= r*r {
		return 0, tolerance
	}
	half := math.Sqrt(r*r - d2)
	return max(0, min(foot+half, l)-max(foot-half, 0)), tolerance
}

var square = []geo.Point{{X: 0, Y: 0}, {X: 100, Y: 0}, {X: 100, Y: 100}, {X: 0, Y: 100}}

// an L shape: the square with its top-right quarter cut away
var ell = []geo.Point{{X: 0, Y: 0}, {X: 100, Y: 0}, {X: 100, Y: 50}, {X: 50, Y: 50}, {X: 50, Y: 100}, {X: 0, Y: 100}}

// TestInPolygon covers inside, outside, edges, vertices, a concave ring and
// rays through vertices.
func TestInPolygon(t *testing.T) {
	for _, c := range []struct {
		name string
		ring []geo.Point
		p    geo.Point
		want bool
	}{
		{"inside", square, geo.Point{X: 50, Y: 50}, true},
		{"outside", square, geo.Point{X: 150, Y: 50}, false},
		{"on an edge", square, geo.Point{X: 100, Y: 40}, true},
		{"on the bottom edge", square, geo.Point{X: 40, Y: 0}, true},
		{"on a vertex", square, geo.Point{X: 100, Y: 100}, true},
		{"level with a vertex, outside", square, geo.Point{X: -10, Y: 100}, false},
		{"level with the bottom, outside", square, geo.Point{X: 150, Y: 0}, false},
		{"just outside", square, geo.Point{X: 101, Y: 50}, false},
		{"concave notch", ell, geo.Point{X: 75, Y: 75}, false},
		{"concave arm", ell, geo.Point{X: 75, Y: 25}, true},
		{"ray through the notch vertex", ell, geo.Point{X: 25, Y: 50}, true},
		{"inner corner", ell, geo.Point{X: 50, Y: 50}, true},
		{"a ring of two points", []geo.Point{{X: 0}, {X: 10}}, geo.Point{X: 5, Y: 1}, false},
	} {
		if got := geo.InPolygon(c.ring, c.p); got != c.want {
			t.Errorf("%s: InPolygon(%v) = %v", c.name, c.p, got)
		}
	}
}

// TestInPolygonMatchesRectangle: for axis-aligned rectangles in either
// winding, InPolygon is the plain coordinate test.
func TestInPolygonMatchesRectangle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x0, y0 := rapid.Int64Range(-1000, 1000).Draw(t, "x0"), rapid.Int64Range(-1000, 1000).Draw(t, "y0")
		w, h := rapid.Int64Range(1, 1000).Draw(t, "w"), rapid.Int64Range(1, 1000).Draw(t, "h")
		ring := []geo.Point{{X: x0, Y: y0}, {X: x0 + w, Y: y0}, {X: x0 + w, Y: y0 + h}, {X: x0, Y: y0 + h}}
		if rapid.Bool().Draw(t, "clockwise") {
			ring[1], ring[3] = ring[3], ring[1]
		}
		p := geo.Point{X: rapid.Int64Range(-1200, 2200).Draw(t, "px"), Y: rapid.Int64Range(-1200, 2200).Draw(t, "py")}
		want := x0 <= p.X && p.X <= x0+w && y0 <= p.Y && p.Y <= y0+h
		if got := geo.InPolygon(ring, p); got != want {
			t.Fatalf("InPolygon(%v, %v) = %v", ring, p, got)
		}
	})
}

// TestPathInPolygon: a path touches a ring if a point lies inside or a leg
// crosses or touches an edge.
func TestPathInPolygon(t *testing.T) {
	for _, c := range []struct {
		name string
		path []geo.Point
		want bool
	}{
		{"a leg straight through", []geo.Point{{X: -50, Y: 50}, {X: 150, Y: 50}}, true},
		{"around the outside", []geo.Point{{X: -50, Y: -50}, {X: 150, Y: -50}, {X: 150, Y: 150}}, false},
		{"grazing a corner", []geo.Point{{X: -50, Y: 150}, {X: 150, Y: -50}}, true},
		{"touching a vertex", []geo.Point{{X: 100, Y: 100}, {X: 200, Y: 200}}, true},
		{"a waypoint inside", []geo.Point{{X: 50, Y: 50}}, true},
		{"a waypoint outside", []geo.Point{{X: 250, Y: 50}}, false},
		{"along an edge's line, beyond it", []geo.Point{{X: 150, Y: 0}, {X: 300, Y: 0}}, false},
		{"through the notch of a concave ring", []geo.Point{{X: 60, Y: 200}, {X: 90, Y: 60}}, false},
	} {
		ring := square
		if c.name == "through the notch of a concave ring" {
			ring = ell
		}
		if got := geo.PathInPolygon(c.path, ring); got != c.want {
			t.Errorf("%s: PathInPolygon = %v", c.name, got)
		}
	}
}

// TestSegmentsCross covers proper crossings, shared endpoints, collinear
// overlaps and parallel misses.
func TestSegmentsCross(t *testing.T) {
	p := func(x, y int64) geo.Point { return geo.Point{X: x, Y: y} }
	for _, c := range []struct {
		a, b, c, d geo.Point
		want       bool
	}{
		{p(0, 0), p(10, 10), p(0, 10), p(10, 0), true},
		{p(0, 0), p(10, 0), p(10, 0), p(20, 5), true},
		{p(0, 0), p(10, 0), p(5, 0), p(20, 0), true},
		{p(0, 0), p(10, 0), p(11, 0), p(20, 0), false},
		{p(0, 0), p(10, 0), p(0, 1), p(10, 1), false},
		{p(0, 0), p(10, 10), p(5, 6), p(10, 20), false},
	} {
		if got := geo.SegmentsCross(c.a, c.b, c.c, c.d); got != c.want {
			t.Errorf("SegmentsCross(%v, %v, %v, %v) = %v", c.a, c.b, c.c, c.d, got)
		}
		if got := geo.SegmentsCross(c.c, c.d, c.a, c.b); got != c.want {
			t.Errorf("SegmentsCross is not symmetric for %v %v %v %v", c.a, c.b, c.c, c.d)
		}
	}
}

// TestAlongAndPathLength: Along walks the polyline and stops at its end.
func TestAlongAndPathLength(t *testing.T) {
	path := []geo.Point{{X: 0, Y: 0}, {X: 300, Y: 400}, {X: 300, Y: 0}}
	if l := geo.PathLength(path); l != 900 {
		t.Fatalf("PathLength = %d, want 900", l)
	}
	for _, c := range []struct {
		d    int64
		want geo.Point
	}{{0, path[0]}, {250, geo.Point{X: 150, Y: 200}}, {500, path[1]}, {700, geo.Point{X: 300, Y: 200}}, {900, path[2]}, {5000, path[2]}} {
		if got := geo.Along(path, c.d); got != c.want {
			t.Errorf("Along(%d) = %v, want %v", c.d, got, c.want)
		}
	}
	if got := geo.Along(nil, 5); got != (geo.Point{}) {
		t.Errorf("Along of an empty path = %v", got)
	}
	if got := geo.PathChord(path, geo.Point{X: 300, Y: 200}, 100); got != 200 {
		t.Errorf("PathChord = %d, want 200", got)
	}
}

// TestAlongLegsIsAlong: with the leg lengths worked out beforehand (Legs),
// AlongLegs finds the very point Along finds, at any distance along any
// polyline, and Legs adds up to PathLength.
func TestAlongLegsIsAlong(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		coord := rapid.Int64Range(-2_000_000, 2_000_000)
		path := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) geo.Point {
			return geo.Point{X: coord.Draw(t, "x"), Y: coord.Draw(t, "y")}
		}), 0, 8).Draw(t, "path")
		legs := geo.Legs(path)
		var sum int64
		for _, l := range legs {
			sum += l
		}
		if sum != geo.PathLength(path) {
			t.Fatalf("legs add up to %d, PathLength is %d", sum, geo.PathLength(path))
		}
		d := rapid.Int64Range(-1000, geo.PathLength(path)+1000).Draw(t, "dist")
		if got, want := geo.AlongLegs(path, legs, d), geo.Along(path, d); got != want {
			t.Fatalf("AlongLegs(%d) = %v, Along = %v", d, got, want)
		}
	})
}
