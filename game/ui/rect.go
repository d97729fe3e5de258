// Package ui is the game's small widget layer, free of any graphics library:
// rectangles and layout (rows, columns, padding), hit-testing, keyboard
// focus, scrolling, tooltips and text wrapping. Screens describe their
// widgets every frame; the layer tells them what was hovered, focused and
// activated, and the renderer draws from the same description.
package ui

// Rect is a rectangle in screen pixels.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether the point lies inside the rectangle.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && y >= r.Y && x < r.X+r.W && y < r.Y+r.H
}

// Overlaps reports whether two rectangles share any area (empty ones never do).
func (r Rect) Overlaps(o Rect) bool {
	if r.W <= 0 || r.H <= 0 || o.W <= 0 || o.H <= 0 {
		return false
	}
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// Inside reports whether r lies entirely within o.
func (r Rect) Inside(o Rect) bool {
	return r.X >= o.X && r.Y >= o.Y && r.X+r.W <= o.X+o.W && r.Y+r.H <= o.Y+o.H
}

// Right and Bottom are the far edges.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom is the lower edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Inset shrinks the rectangle by d on every side (never below zero size).
func (r Rect) Inset(d float64) Rect { return r.InsetXY(d, d) }

// InsetXY shrinks the rectangle by dx left and right, dy top and bottom.
func (r Rect) InsetXY(dx, dy float64) Rect {
	return Rect{r.X + dx, r.Y + dy, max(0, r.W-2*dx), max(0, r.H-2*dy)}
}

// CutTop splits off a strip of height h from the top.
func (r Rect) CutTop(h float64) (top, rest Rect) {
	h = min(max(h, 0), r.H)
	return Rect{r.X, r.Y, r.W, h}, Rect{r.X, r.Y + h, r.W, r.H - h}
}

// CutBottom splits off a strip of height h from the bottom.
func (r Rect) CutBottom(h float64) (bottom, rest Rect) {
	h = min(max(h, 0), r.H)
	return Rect{r.X, r.Y + (r.H - h), r.W, h}, Rect{r.X, r.Y, r.W, r.H - h}
}

// CutLeft splits off a strip of width w from the left.
func (r Rect) CutLeft(w float64) (left, rest Rect) {
	w = min(max(w, 0), r.W)
	return Rect{r.X, r.Y, w, r.H}, Rect{r.X + w, r.Y, r.W - w, r.H}
}

// CutRight splits off a strip of width w from the right.
func (r Rect) CutRight(w float64) (right, rest Rect) {
	w = min(max(w, 0), r.W)
	return Rect{r.X + (r.W - w), r.Y, w, r.H}, Rect{r.X, r.Y, r.W - w, r.H}
}

// Rows divides the rectangle into n rows of equal height with gap between.
func (r Rect) Rows(n int, gap float64) []Rect {
	if n <= 0 {
		return nil
	}
	h := (r.H - gap*float64(n-1)) / float64(n)
	out := make([]Rect, n)
	for i := range out {
		out[i] = Rect{r.X, r.Y + float64(i)*(h+gap), r.W, max(0, h)}
	}
	return out
}

// Columns divides the rectangle into columns whose widths are proportional
// to weights, with gap between.
func (r Rect) Columns(gap float64, weights ...float64) []Rect {
	var total float64
	for _, w := range weights {
		total += max(w, 0)
	}
	if total == 0 {
		return nil
	}
	if n := float64(len(weights) - 1); n > 0 && gap*n > r.W {
		gap = r.W / n // too narrow for the gaps: the columns collapse
	}
	free := r.W - gap*float64(len(weights)-1)
	out := make([]Rect, len(weights))
	x := r.X
	for i, w := range weights {
		cw := max(0, free*max(w, 0)/total)
		out[i] = Rect{x, r.Y, cw, r.H}
		x += cw + gap
	}
	return out
}

// Center returns a rectangle of size w×h centred in r.
func (r Rect) Center(w, h float64) Rect {
	return Rect{r.X + (r.W-w)/2, r.Y + (r.H-h)/2, w, h}
}
