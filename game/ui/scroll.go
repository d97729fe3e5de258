package ui

// Scroll is the vertical scroll position of a list taller than its view.
type Scroll struct {
	Offset  float64 // pixels scrolled from the top
	Content float64 // height of everything in the list
	View    float64 // height of the visible part
}

// Max is the largest offset.
func (s *Scroll) Max() float64 { return max(0, s.Content-s.View) }

// Clamp keeps the offset within 0..Max.
func (s *Scroll) Clamp() { s.Offset = min(max(s.Offset, 0), s.Max()) }

// Wheel scrolls by notches of step pixels; a positive notch scrolls up.
func (s *Scroll) Wheel(notches, step float64) {
	s.Offset -= notches * step
	s.Clamp()
}

// Show scrolls the least needed to bring the span top..bottom (content
// coordinates) into view.
func (s *Scroll) Show(top, bottom float64) {
	if bottom-s.Offset > s.View {
		s.Offset = bottom - s.View
	}
	if top < s.Offset {
		s.Offset = top
	}
	s.Clamp()
}

// ToBottom scrolls to the end of the list.
func (s *Scroll) ToBottom() { s.Offset = s.Max() }

// Below reports whether some of the list lies below the view (the screen
// says so, so nothing is clipped without a sign).
func (s *Scroll) Below() bool { return s.Offset < s.Max()-0.5 }

// AtBottom reports whether the end of the list is in view.
func (s *Scroll) AtBottom() bool { return s.Offset >= s.Max()-0.5 }

// Thumb returns the position and length of the scroll bar's thumb along a
// track of the given length, or ok false when everything fits.
func (s *Scroll) Thumb(track float64) (pos, length float64, ok bool) {
	if s.Content <= s.View || s.Content <= 0 {
		return 0, 0, false
	}
	length = max(track*s.View/s.Content, min(track, 16))
	pos = (track - length) * s.Offset / s.Max()
	return pos, length, true
}
