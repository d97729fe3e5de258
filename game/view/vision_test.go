package view

import (
	"image/color"
	"math"
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// The simulation follows Machado et al. (2009): pure red (linear 1, 0, 0)
// seen with deuteranopia is the first column of its matrix, 0.367322,
// 0.280085 and −0.011820 clamped to 0; white stays white (each row sums to 1).
func TestSimulate(t *testing.T) {
	red := Simulate(color.RGBA{0xff, 0, 0, 0xff}, Deuteranopia)
	want := [3]float64{0.367322, 0.280085, 0}
	for i := range want {
		if math.Abs(red[i]-want[i]) > 1e-9 {
			t.Errorf("red under deuteranopia: %v, want %v", red, want)
		}
	}
	for v := Normal; v < NumVisions; v++ {
		w := Simulate(color.RGBA{0xff, 0xff, 0xff, 0xff}, v)
		for i := range w {
			if math.Abs(w[i]-1) > 1e-5 {
				t.Errorf("white under vision %d: %v", v, w)
			}
		}
	}
	// black to white is ΔE 100 (L* 0 to 100, a* and b* 0 at the D65 white)
	if d := Distance(color.RGBA{0, 0, 0, 0xff}, color.RGBA{0xff, 0xff, 0xff, 0xff}, Normal); math.Abs(d-100) > 0.05 {
		t.Errorf("black to white: ΔE %.3f, want 100", d)
	}
}

// minDistance is the closest pair of colours as the vision sees them.
func minDistance(cs []color.RGBA, v Vision) (float64, int, int) {
	best, bi, bj := math.Inf(1), -1, -1
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			if d := Distance(cs[i], cs[j], v); d < best {
				best, bi, bj = d, i, j
			}
		}
	}
	return best, bi, bj
}

// The colour-blind palette keeps every pair of owners and every pair of
// hazard levels at least 20 ΔE apart with normal vision, deuteranopia and
// protanopia; the default palette does not (Islamic State's grey and
// Turkey's pink fall to about 6 under deuteranopia), which is why the
// option exists.
func TestColourBlindPalette(t *testing.T) {
	const need = 20.0
	p := ColourBlindPalette()
	for v := Normal; v < NumVisions; v++ {
		if d, i, j := minDistance(p.Owners[:], v); d < need {
			t.Errorf("vision %d: owners %s and %s are %.1f apart", v, sim.Actor(i), sim.Actor(j), d)
		}
		if d, i, j := minDistance(p.Hazard[:], v); d < need {
			t.Errorf("vision %d: hazard levels %d and %d are %.1f apart", v, i, j, d)
		}
	}
	def := DefaultPalette()
	if d, i, j := minDistance(def.Owners[:], Deuteranopia); d >= need || sim.Actor(i) != sim.ISIS || sim.Actor(j) != sim.Turkey {
		t.Errorf("default owners under deuteranopia: closest %s and %s at %.1f; the check would not catch a bad palette", sim.Actor(i), sim.Actor(j), d)
	}
}
