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

// The colour-blind palette keeps every pair of owners, every pair of
// hazard levels, each hazard level and the owners it is shown with, and
// each hazard level and the backgrounds it is drawn on at least 20 ΔE
// (CIE76, after the Machado simulation) apart with normal vision,
// deuteranopia and protanopia; the default palette does not (Islamic State's grey and
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
	// hazard colours next to the owners they are shown with (the badge
	// beside the role's colour in the top bar, the ring round the site's
	// symbol), and on the land and the panels they are drawn on
	for v := Normal; v < NumVisions; v++ {
		for l := HazardLow; l < NumHazardLevels; l++ {
			for _, a := range HazardOwners() {
				if d := Distance(p.Hazard[l], p.Owners[a], v); d < need {
					t.Errorf("vision %d: %s and %s's colour are %.1f apart", v, l, a, d)
				}
			}
			for name, bg := range map[string]color.RGBA{"Syria's land": Syria(), "land": Land(), "panels": Panel(), "sea": Sea()} {
				if d := Distance(p.Hazard[l], bg, v); d < need {
					t.Errorf("vision %d: %s on %s is %.1f apart", v, l, name, d)
				}
			}
		}
	}
	def := DefaultPalette()
	if d, i, j := minDistance(def.Owners[:], Deuteranopia); d >= need || sim.Actor(i) != sim.ISIS || sim.Actor(j) != sim.Turkey {
		t.Errorf("default owners under deuteranopia: closest %s and %s at %.1f; the check would not catch a bad palette", sim.Actor(i), sim.Actor(j), d)
	}
	// Okabe–Ito's sky blue, the first choice for the low level, falls
	// within 20 ΔE of Israel's colour under protanopia: the check sees it
	if d := Distance(color.RGBA{0x56, 0xb4, 0xe9, 0xff}, p.Owners[sim.Israel], Protanopia); d >= need {
		t.Errorf("sky blue and Israel under protanopia: %.1f apart; the hazard check would not catch it", d)
	}
}

// LevelOf puts a hazard in its level at the stated thresholds: 1% and 5%.
func TestHazardLevel(t *testing.T) {
	for _, c := range []struct {
		micro int64
		want  HazardLevel
	}{{0, HazardLow}, {9_999, HazardLow}, {10_000, HazardRaised}, {49_999, HazardRaised}, {50_000, HazardHigh}, {1_000_000, HazardHigh}} {
		if got := LevelOf(c.micro); got != c.want {
			t.Errorf("LevelOf(%d) = %s, want %s", c.micro, got, c.want)
		}
	}
}
