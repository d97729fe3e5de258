package redraw

import "testing"

// draws feeds the ticks to a new pacer and returns which were drawn.
func draws(ticks []Tick) []bool {
	var p Pacer
	out := make([]bool, len(ticks))
	for i, t := range ticks {
		out[i] = p.Update(t)
	}
	return out
}

func TestPacer(t *testing.T) {
	still := Tick{Width: 1280, Height: 800, Screen: 1}
	moved := still
	moved.Input = true
	resized := still
	resized.Width = 960
	other := still
	other.Screen = 2
	busy := still
	busy.Busy = true
	cases := []struct {
		name  string
		ticks []Tick
		want  []bool
	}{
		// the first frame and one settling frame (Settle = 2), then nothing
		{"still screen", []Tick{still, still, still, still}, []bool{true, true, false, false}},
		{"input", []Tick{still, still, still, moved, still, still, still}, []bool{true, true, false, true, true, false, false}},
		{"resize", []Tick{still, still, still, resized, resized, resized}, []bool{true, true, false, true, true, false}},
		{"new screen", []Tick{still, still, still, other, other, other}, []bool{true, true, false, true, true, false}},
		// busy draws every frame, and Settle frames after it ends
		{"animation", []Tick{still, still, still, busy, busy, busy, still, still, still},
			[]bool{true, true, false, true, true, true, true, false, false}},
	}
	for _, c := range cases {
		got := draws(c.ticks)
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: drawn %v, want %v", c.name, got, c.want)
				break
			}
		}
	}
}
