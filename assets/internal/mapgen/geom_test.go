package main

import (
	"slices"
	"testing"
)

var box = rect{min: point{X: 0, Y: 0}, max: point{X: 100, Y: 100}}

func TestSimplify(t *testing.T) {
	wiggle := path{{X: 0, Y: 0}, {X: 10, Y: 1}, {X: 20, Y: -1}, {X: 30, Y: 2}, {X: 40, Y: 0}}
	tests := []struct {
		name string
		in   path
		tol  int64
		want path
	}{
		{"two points stay", path{{X: 0, Y: 0}, {X: 5, Y: 5}}, 10, path{{X: 0, Y: 0}, {X: 5, Y: 5}}},
		{"collinear points go", path{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 2, Y: 2}, {X: 3, Y: 3}}, 0, path{{X: 0, Y: 0}, {X: 3, Y: 3}}},
		{"wiggles within tolerance go", wiggle, 2, path{{X: 0, Y: 0}, {X: 40, Y: 0}}},
		{"wiggles beyond tolerance stay", wiggle, 1, wiggle},
		{"bends stay, a point on the chord goes", path{{X: 0, Y: 0}, {X: 10, Y: 1}, {X: 20, Y: 30}, {X: 30, Y: 59}, {X: 40, Y: 60}}, 3, path{{X: 0, Y: 0}, {X: 10, Y: 1}, {X: 30, Y: 59}, {X: 40, Y: 60}}},
		{
			"closed ring measures from its end point",
			path{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}, {X: 0, Y: 10}, {X: 0, Y: 0}}, 1,
			path{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}, {X: 0, Y: 10}, {X: 0, Y: 0}},
		},
	}
	for _, tt := range tests {
		if got := simplify(tt.in, tt.tol); !slices.Equal(got, tt.want) {
			t.Errorf("%s: simplify = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSimplifyIsNested(t *testing.T) {
	var p path
	for i := range 200 {
		p = append(p, point{X: int32(i * 100), Y: int32((i * i * 7919) % 1000)})
	}
	coarse, fine := simplify(p, 300), simplify(p, 50)
	if len(coarse) >= len(fine) {
		t.Fatalf("coarse has %d points, fine %d", len(coarse), len(fine))
	}
	for _, q := range coarse {
		if !slices.Contains(fine, q) {
			t.Errorf("coarse point %v missing from fine", q)
		}
	}
}

func TestClipRing(t *testing.T) {
	tests := []struct {
		name     string
		in       path
		want     path   // nil: check only the area
		wantArea uint64 // 0: check only the points
	}{
		{"inside unchanged", path{{X: 10, Y: 10}, {X: 20, Y: 10}, {X: 20, Y: 20}}, path{{X: 10, Y: 10}, {X: 20, Y: 10}, {X: 20, Y: 20}}, 50},
		{"closing point dropped", path{{X: 10, Y: 10}, {X: 20, Y: 10}, {X: 20, Y: 20}, {X: 10, Y: 10}}, path{{X: 10, Y: 10}, {X: 20, Y: 10}, {X: 20, Y: 20}}, 50},
		{"outside vanishes", path{{X: 200, Y: 200}, {X: 300, Y: 200}, {X: 300, Y: 300}}, nil, 0},
		{
			"overhanging square cut at the right edge",
			path{{X: 50, Y: 50}, {X: 150, Y: 50}, {X: 150, Y: 80}, {X: 50, Y: 80}},
			path{{X: 50, Y: 50}, {X: 100, Y: 50}, {X: 100, Y: 80}, {X: 50, Y: 80}}, 1500,
		},
		{
			"enclosing ring becomes the box",
			path{{X: -10, Y: -10}, {X: 110, Y: -10}, {X: 110, Y: 110}, {X: -10, Y: 110}},
			nil, 10000,
		},
		{
			"diagonal crossing rounds to the grid",
			path{{X: 90, Y: 0}, {X: 110, Y: 3}, {X: 90, Y: 3}},
			path{{X: 90, Y: 0}, {X: 100, Y: 2}, {X: 100, Y: 3}, {X: 90, Y: 3}}, 0,
		},
	}
	for _, tt := range tests {
		got := clipRing(tt.in, box)
		if tt.want != nil && !slices.Equal(got, tt.want) {
			t.Errorf("%s: clipRing = %v, want %v", tt.name, got, tt.want)
		}
		if tt.wantArea != 0 && area2(got) != tt.wantArea*2 {
			t.Errorf("%s: area of %v = %d/2, want %d", tt.name, got, area2(got), tt.wantArea)
		}
		if tt.want == nil && tt.wantArea == 0 && got != nil {
			t.Errorf("%s: clipRing = %v, want nothing", tt.name, got)
		}
		for _, q := range got {
			if q.X < box.min.X || q.X > box.max.X || q.Y < box.min.Y || q.Y > box.max.Y {
				t.Errorf("%s: point %v outside the box", tt.name, q)
			}
		}
	}
}

func TestClipLine(t *testing.T) {
	tests := []struct {
		name string
		in   path
		want []path
	}{
		{"inside", path{{X: 10, Y: 10}, {X: 20, Y: 20}, {X: 30, Y: 10}}, []path{{{X: 10, Y: 10}, {X: 20, Y: 20}, {X: 30, Y: 10}}}},
		{"outside", path{{X: -10, Y: -10}, {X: -20, Y: 50}}, nil},
		{"crossing", path{{X: -50, Y: 50}, {X: 150, Y: 50}}, []path{{{X: 0, Y: 50}, {X: 100, Y: 50}}}},
		{
			"leaving and re-entering splits",
			path{{X: 50, Y: 50}, {X: 150, Y: 50}, {X: 150, Y: 60}, {X: 50, Y: 60}},
			[]path{{{X: 50, Y: 50}, {X: 100, Y: 50}}, {{X: 100, Y: 60}, {X: 50, Y: 60}}},
		},
		{"touching a corner only", path{{X: -10, Y: 10}, {X: 10, Y: -10}}, nil},
		{"corner to corner", path{{X: -10, Y: -10}, {X: 110, Y: 110}}, []path{{{X: 0, Y: 0}, {X: 100, Y: 100}}}},
	}
	for _, tt := range tests {
		if got := clipLine(tt.in, box); !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: clipLine = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestChainLines(t *testing.T) {
	a := path{{X: 0, Y: 0}, {X: 1, Y: 0}}
	b := path{{X: 2, Y: 0}, {X: 1, Y: 0}} // reversed relative to a
	c := path{{X: 2, Y: 0}, {X: 3, Y: 0}}
	// d, e and f meet at one confluence and stay apart.
	d := path{{X: 10, Y: 0}, {X: 11, Y: 0}}
	e := path{{X: 11, Y: 0}, {X: 12, Y: 0}}
	f := path{{X: 11, Y: 1}, {X: 11, Y: 0}}
	got := chainLines([]path{b, d, a, e, c, f})
	want := []path{
		{{X: 3, Y: 0}, {X: 2, Y: 0}, {X: 1, Y: 0}, {X: 0, Y: 0}},
		d, e, f,
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("chainLines = %v, want %v", got, want)
	}
}

func TestInsideRings(t *testing.T) {
	outer := path{{X: 0, Y: 0}, {X: 100, Y: 0}, {X: 100, Y: 100}, {X: 0, Y: 100}}
	hole := path{{X: 40, Y: 40}, {X: 60, Y: 40}, {X: 60, Y: 60}, {X: 40, Y: 60}}
	for _, tt := range []struct {
		p    point
		want bool
	}{
		{point{X: 10, Y: 10}, true},
		{point{X: 50, Y: 50}, false},
		{point{X: 150, Y: 50}, false},
	} {
		if got := insideRings(tt.p, []path{outer, hole}); got != tt.want {
			t.Errorf("insideRings(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestDivRound(t *testing.T) {
	for _, tt := range []struct{ n, d, want int64 }{
		{7, 2, 4}, {-7, 2, -4}, {7, -2, -4}, {6, 3, 2}, {1, 3, 0}, {-1, 3, 0}, {2, 3, 1},
	} {
		if got := divRound(tt.n, tt.d); got != tt.want {
			t.Errorf("divRound(%d, %d) = %d, want %d", tt.n, tt.d, got, tt.want)
		}
	}
}
