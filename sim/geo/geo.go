// Package geo holds the engine's integer geometry: positions in metres on a
// fixed projection, and the distance, circle and polygon tests the model needs.
//
// Coordinates enter as micro-degrees and leave as int64 metres, so every test
// is exact integer arithmetic and gives the same answer on every architecture.
package geo

import (
	"math"
	"math/bits"
)

// Point is a projected position in metres east (X) and north (Y) of the
// projection origin (34.5°N, 38°E, the middle of Syria).
type Point struct{ X, Y int64 }

const (
	// MetresPerDegree is the length of one degree of latitude (mean sphere).
	MetresPerDegree = 111195
	// OriginLonMicro and OriginLatMicro place the projection origin.
	OriginLonMicro = 38_000_000
	OriginLatMicro = 34_500_000
	// MaxLatMicro is the highest latitude the cosine table covers (60°);
	// higher latitudes use the table's last entry.
	MaxLatMicro = 60_000_000
)

// cosQuarterDegree[i] is cos(i/4 degrees) × 1e6, for 0° to 60°: a fixed table
// so that no platform's math.Cos reaches the state.
var cosQuarterDegree = [...]int64{
	1000000, 999990, 999962, 999914, 999848, 999762, 999657, 999534, 999391, 999229,
	999048, 998848, 998630, 998392, 998135, 997859, 997564, 997250, 996917, 996566,
	996195, 995805, 995396, 994969, 994522, 994056, 993572, 993068, 992546, 992005,
	991445, 990866, 990268, 989651, 989016, 988362, 987688, 986996, 986286, 985556,
	984808, 984041, 983255, 982450, 981627, 980785, 979925, 979045, 978148, 977231,
	976296, 975342, 974370, 973379, 972370, 971342, 970296, 969231, 968148, 967046,
	965926, 964787, 963630, 962455, 961262, 960050, 958820, 957571, 956305, 955020,
	953717, 952396, 951057, 949699, 948324, 946930, 945519, 944089, 942641, 941176,
	939693, 938191, 936672, 935135, 933580, 932008, 930418, 928810, 927184, 925541,
	923880, 922201, 920505, 918791, 917060, 915311, 913545, 911762, 909961, 908143,
	906308, 904455, 902585, 900698, 898794, 896873, 894934, 892979, 891007, 889017,
	887011, 884988, 882948, 880891, 878817, 876727, 874620, 872496, 870356, 868199,
	866025, 863836, 861629, 859406, 857167, 854912, 852640, 850352, 848048, 845728,
	843391, 841039, 838671, 836286, 833886, 831470, 829038, 826590, 824126, 821647,
	819152, 816642, 814116, 811574, 809017, 806445, 803857, 801254, 798636, 796002,
	793353, 790690, 788011, 785317, 782608, 779884, 777146, 774393, 771625, 768842,
	766044, 763232, 760406, 757565, 754710, 751840, 748956, 746057, 743145, 740218,
	737277, 734323, 731354, 728371, 725374, 722364, 719340, 716302, 713250, 710185,
	707107, 704015, 700909, 697790, 694658, 691513, 688355, 685183, 681998, 678801,
	675590, 672367, 669131, 665882, 662620, 659346, 656059, 652760, 649448, 646124,
	642788, 639439, 636078, 632705, 629320, 625923, 622515, 619094, 615661, 612217,
	608761, 605294, 601815, 598325, 594823, 591310, 587785, 584250, 580703, 577145,
	573576, 569997, 566406, 562805, 559193, 555570, 551937, 548293, 544639, 540974,
	537300, 533615, 529919, 526214, 522499, 518773, 515038, 511293, 507538, 503774,
	500000,
}

// Micro converts decimal degrees to micro-degrees, rounding half away from
// zero. It is the one place a float enters; the explicit conversion rounds
// the product before the addition, so no platform may fuse them.
func Micro(deg float64) int64 {
	v := float64(deg * 1e6)
	if v < 0 {
		return -int64(-v + 0.5)
	}
	return int64(v + 0.5)
}

// cosMicro returns cos(lat) × 1e6 by linear interpolation in the fixed table.
func cosMicro(latMicro int64) int64 {
	if latMicro < 0 {
		latMicro = -latMicro
	}
	if latMicro >= MaxLatMicro {
		return cosQuarterDegree[len(cosQuarterDegree)-1]
	}
	const step = 250_000 // a quarter degree in micro-degrees
	i := latMicro / step
	frac := latMicro % step
	a, b := cosQuarterDegree[i], cosQuarterDegree[i+1]
	return a + (b-a)*frac/step
}

// Project maps a latitude and longitude in micro-degrees to metres on a
// sinusoidal projection centred on Syria (true distances along parallels and
// meridians; small shear at the edges of the Levant).
func Project(latMicro, lonMicro int64) Point {
	y := (latMicro - OriginLatMicro) * MetresPerDegree / 1_000_000
	x := (lonMicro - OriginLonMicro) * MetresPerDegree / 1000 * cosMicro(latMicro) / 1_000_000_000
	return Point{X: x, Y: y}
}

// Unproject is the inverse of Project, in micro-degrees.
func Unproject(p Point) (latMicro, lonMicro int64) {
	latMicro = p.Y*1_000_000/MetresPerDegree + OriginLatMicro
	c := cosMicro(latMicro)
	if c == 0 {
		return latMicro, OriginLonMicro
	}
	lonMicro = p.X*1_000_000_000/c*1000/MetresPerDegree + OriginLonMicro
	return latMicro, lonMicro
}

// Dist2 is the squared distance in square metres.
func Dist2(a, b Point) int64 {
	dx, dy := a.X-b.X, a.Y-b.Y
	return dx*dx + dy*dy
}

// Dist is the distance in metres, rounded down.
func Dist(a, b Point) int64 { return ISqrt(Dist2(a, b)) }

// InCircle reports whether p lies within r metres of c.
func InCircle(p, c Point, r int64) bool { return Dist2(p, c) <= r*r }

// ISqrt is the integer square root of a non-negative value (0 for
// negatives): the largest x with x·x ≤ v. IEEE square root is correctly
// rounded everywhere, and the integer correction makes the result exact, so
// it is the same on every platform.
func ISqrt(v int64) int64 {
	if v <= 0 {
		return 0
	}
	const limit = 3037000499 // the largest x whose square fits in an int64
	x := min(int64(math.Sqrt(float64(v))), limit)
	for x*x > v {
		x--
	}
	for x < limit && (x+1)*(x+1) <= v {
		x++
	}
	return x
}

func cross(o, a, b Point) int64 { return (a.X-o.X)*(b.Y-o.Y) - (a.Y-o.Y)*(b.X-o.X) }

func dot(o, a, b Point) int64 { return (a.X-o.X)*(b.X-o.X) + (a.Y-o.Y)*(b.Y-o.Y) }

func abs(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// lessEq128 reports a·b ≤ c·d for non-negative values, in 128-bit arithmetic.
func lessEq128(a, b, c, d uint64) bool {
	h1, l1 := bits.Mul64(a, b)
	h2, l2 := bits.Mul64(c, d)
	return h1 < h2 || (h1 == h2 && l1 <= l2)
}

// SegmentNear reports whether any point of segment ab lies within r metres of p.
func SegmentNear(a, b, p Point, r int64) bool {
	ab2 := Dist2(a, b)
	t := dot(a, b, p)
	if ab2 == 0 || t <= 0 {
		return InCircle(a, p, r)
	}
	if t >= ab2 {
		return InCircle(b, p, r)
	}
	c := abs(cross(a, b, p))
	return lessEq128(c, c, uint64(r*r), uint64(ab2))
}

// ChordLength is the length in metres of the part of segment ab that lies
// inside the circle of radius r around c.
func ChordLength(a, b, c Point, r int64) int64 {
	// cheap rejections first: the segment's box misses the circle's, or the
	// line passes farther than r from the centre
	if max(a.X, b.X) < c.X-r || min(a.X, b.X) > c.X+r || max(a.Y, b.Y) < c.Y-r || min(a.Y, b.Y) > c.Y+r {
		return 0
	}
	ab2 := Dist2(a, b)
	if ab2 == 0 {
		return 0
	}
	cr := abs(cross(a, b, c))
	if !lessEq128(cr, cr, uint64(r*r), uint64(ab2)) {
		return 0
	}
	hi, lo := bits.Mul64(cr, cr)
	d2, _ := bits.Div64(hi, lo, uint64(ab2))
	ab := ISqrt(ab2)
	if d2 >= uint64(r*r) {
		return 0
	}
	half := ISqrt(r*r - int64(d2))
	foot := dot(a, b, c) / ab
	from, to := max(foot-half, 0), min(foot+half, ab)
	if to <= from {
		return 0
	}
	return to - from
}

// PathNear reports whether any part of the polyline lies within r of p.
func PathNear(path []Point, p Point, r int64) bool {
	if len(path) == 1 {
		return InCircle(path[0], p, r)
	}
	for i := 1; i < len(path); i++ {
		if SegmentNear(path[i-1], path[i], p, r) {
			return true
		}
	}
	return false
}

// PathChord is the length of the polyline inside the circle of radius r around c.
func PathChord(path []Point, c Point, r int64) int64 {
	var total int64
	for i := 1; i < len(path); i++ {
		total += ChordLength(path[i-1], path[i], c, r)
	}
	return total
}

// PathLength is the length of the polyline in metres.
func PathLength(path []Point) int64 {
	var total int64
	for i := 1; i < len(path); i++ {
		total += Dist(path[i-1], path[i])
	}
	return total
}

// Along returns the point dist metres along the polyline (clamped to its ends).
func Along(path []Point, dist int64) Point { return along(path, nil, dist) }

// AlongLegs is Along for a polyline whose leg lengths are known (Legs): it
// spares a square root for every leg it walks.
func AlongLegs(path []Point, legs []int64, dist int64) Point { return along(path, legs, dist) }

// Legs returns the length of each leg of the polyline: Dist from each
// point to the next.
func Legs(path []Point) []int64 {
	var out []int64
	for i := 1; i < len(path); i++ {
		out = append(out, Dist(path[i-1], path[i]))
	}
	return out
}

// along is Along, reading each leg's length from legs unless it is nil.
func along(path []Point, legs []int64, dist int64) Point {
	if len(path) == 0 {
		return Point{}
	}
	for i := 1; i < len(path); i++ {
		var seg int64
		if legs != nil {
			seg = legs[i-1]
		} else {
			seg = Dist(path[i-1], path[i])
		}
		if dist <= seg {
			if seg == 0 {
				return path[i]
			}
			a, b := path[i-1], path[i]
			return Point{a.X + (b.X-a.X)*dist/seg, a.Y + (b.Y-a.Y)*dist/seg}
		}
		dist -= seg
	}
	return path[len(path)-1]
}

// InPolygon reports whether p lies inside the ring (even-odd rule; points on
// an edge count as inside).
func InPolygon(ring []Point, p Point) bool {
	inside := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[j], ring[i]
		if onSegment(a, b, p) {
			return true
		}
		if (a.Y > p.Y) != (b.Y > p.Y) {
			// compare p.X with the edge's x at p.Y without dividing
			lhs := (p.X - a.X) * (b.Y - a.Y)
			rhs := (b.X - a.X) * (p.Y - a.Y)
			if (b.Y > a.Y) == (lhs < rhs) {
				inside = !inside
			}
		}
	}
	return inside
}

func onSegment(a, b, p Point) bool {
	return cross(a, b, p) == 0 && min(a.X, b.X) <= p.X && p.X <= max(a.X, b.X) &&
		min(a.Y, b.Y) <= p.Y && p.Y <= max(a.Y, b.Y)
}

func sign(v int64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// SegmentsCross reports whether segments ab and cd share a point.
func SegmentsCross(a, b, c, d Point) bool {
	d1, d2 := sign(cross(c, d, a)), sign(cross(c, d, b))
	d3, d4 := sign(cross(a, b, c)), sign(cross(a, b, d))
	if d1*d2 < 0 && d3*d4 < 0 {
		return true
	}
	return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b)) ||
		(d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d))
}

// PathInPolygon reports whether any part of the polyline lies inside the ring.
func PathInPolygon(path, ring []Point) bool {
	for _, p := range path {
		if InPolygon(ring, p) {
			return true
		}
	}
	for i := 1; i < len(path); i++ {
		for j, k := 0, len(ring)-1; j < len(ring); k, j = j, j+1 {
			if SegmentsCross(path[i-1], path[i], ring[k], ring[j]) {
				return true
			}
		}
	}
	return false
}
