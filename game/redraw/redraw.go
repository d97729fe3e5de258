// Package redraw decides which frames the game draws. A still screen is
// drawn once and then left alone (Ebiten keeps the last frame when the
// screen is not cleared every frame), so the game costs next to nothing
// while the player reads; anything that may change the picture (input, a
// resize, a new screen, an animation or a timer the screen waits on) draws
// again. It has no graphics dependency.
package redraw

// Settle is how many frames are drawn from the last change on. Screens lay
// some things out while drawing (the panel's height, a tooltip's place), so
// the frame after a change can differ from the first one drawn.
const Settle = 2

// Tick is what one update tells about whether the picture may change.
type Tick struct {
	Input  bool    // the player moved the pointer, held or pressed a button or key, scrolled or typed
	Width  float64 // the screen's size
	Height float64
	Screen uint64 // which screen is shown: a switch always redraws
	Busy   bool   // the screen animates or waits for a timer (a tooltip's delay, a message to expire)
}

// Pacer remembers the last tick and how many settling frames are left.
// The zero Pacer draws the first frame.
type Pacer struct {
	last    Tick
	started bool
	left    int
}

// Update takes one tick and reports whether the frame after it must be
// drawn.
func (p *Pacer) Update(t Tick) bool {
	changed := !p.started || t.Input || t.Busy ||
		t.Width != p.last.Width || t.Height != p.last.Height || t.Screen != p.last.Screen
	p.started, p.last = true, t
	if changed {
		p.left = Settle
	}
	if p.left == 0 {
		return false
	}
	p.left--
	return true
}
