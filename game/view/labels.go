package view

import (
	"sort"

	"github.com/deconflict/deconflict/game/ui"
)

// Label is a name to place beside a point of the map.
type Label struct {
	Text     string
	X, Y     float64 // the point, in screen pixels
	W, H     float64 // the text's size
	Gap      float64 // distance kept from the point (the symbol's radius)
	Priority int     // higher goes first
	Key      int     // the caller's index
}

// Placed is a label given a position: the text's top-left corner and box.
type Placed struct {
	Label
	Box ui.Rect
}

// labelAir is the gap kept around each placed label, in pixels.
const labelAir = 2

// PlaceLabels gives labels positions that do not overlap each other, the
// obstacles (symbols, panels) or the edge of the view, greedily by
// priority: each tries eight spots around its point, right first, and is
// left out when none is free.
func PlaceLabels(labels []Label, obstacles []ui.Rect, viewport ui.Rect) []Placed {
	order := make([]int, len(labels))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return labels[order[a]].Priority > labels[order[b]].Priority })
	taken := append([]ui.Rect(nil), obstacles...)
	var out []Placed
	for _, i := range order {
		l := labels[i]
		for _, box := range candidates(l) {
			// a little air between labels keeps neighbours from reading as one
			if !box.Inside(viewport) || overlapsAny(box.Inset(-labelAir), taken) {
				continue
			}
			taken = append(taken, box)
			out = append(out, Placed{Label: l, Box: box})
			break
		}
	}
	return out
}

// candidates are the eight spots around a label's point, in order of
// preference: right, left, above, below, then the diagonals.
func candidates(l Label) [8]ui.Rect {
	g, w, h := l.Gap, l.W, l.H
	x, y := l.X, l.Y
	return [8]ui.Rect{
		{X: x + g, Y: y - h/2, W: w, H: h},
		{X: x - g - w, Y: y - h/2, W: w, H: h},
		{X: x - w/2, Y: y - g - h, W: w, H: h},
		{X: x - w/2, Y: y + g, W: w, H: h},
		{X: x + g*0.7, Y: y - g*0.7 - h, W: w, H: h},
		{X: x + g*0.7, Y: y + g*0.7, W: w, H: h},
		{X: x - g*0.7 - w, Y: y - g*0.7 - h, W: w, H: h},
		{X: x - g*0.7 - w, Y: y + g*0.7, W: w, H: h},
	}
}

func overlapsAny(r ui.Rect, rs []ui.Rect) bool {
	for _, o := range rs {
		if r.Overlaps(o) {
			return true
		}
	}
	return false
}
