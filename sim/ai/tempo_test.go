package ai

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// tempoObs is an observation on a daily scenario that started with Syrian
// air defences at level 1.
func tempoObs(turn int32, arsenal, airDefence int64) *sim.Observation {
	sc := &sim.Scenario{TurnHours: 24}
	sc.Initial.AirDefence = 1000
	return &sim.Observation{Scenario: sc, Turn: turn, Arsenal: arsenal, AirDefence: airDefence}
}

// TestTempoFollowsArsenalGrowthOverAYear: with alarm_growth 1,200 the chance
// is growth / 1,200, the growth measured from the oldest of twelve 30-day
// marks.
func TestTempoFollowsArsenalGrowthOverAYear(t *testing.T) {
	tp := tempo{alarmGrowth: 1200, nextMark: -1}
	// turn 0: no growth yet, 0 / 1,200 = 0
	if got := tp.chance(tempoObs(0, 100000, 1000)); got != 0 {
		t.Errorf("turn 0: chance %d, want 0", got)
	}
	// +50 a month; on turn 330 (month 11) the twelfth mark is taken and the
	// oldest is turn 0's: 550 * 1,000,000 / 1,200 = 458,333 (rounded down)
	for m := int32(1); m <= 11; m++ {
		got := tp.chance(tempoObs(30*m, 100000+50*int64(m), 1000))
		if m == 11 && got != 458333 {
			t.Errorf("turn 330: chance %d, want 458333", got)
		}
	}
	// turn 360 (month 12): 100,600 against turn 30's 100,050: 550 again
	if got := tp.chance(tempoObs(360, 100600, 1000)); got != 458333 {
		t.Errorf("turn 360: chance %d, want 458333", got)
	}
	// turn 390: 101,650 against turn 60's 100,100, 1,550 beyond the alarm:
	// every turn (1,000,000)
	if got := tp.chance(tempoObs(390, 101650, 1000)); got != 1000000 {
		t.Errorf("turn 390: chance %d, want 1000000", got)
	}
}

// TestTempoHeldBackByAirDefences: ad_restraint 2 per level above the start,
// worn down in proportion to the arsenal's growth since the start over
// tolerance 22,000.
func TestTempoHeldBackByAirDefences(t *testing.T) {
	tp := tempo{adRestraint: 2 * sim.Micro, tolerance: 22000, nextMark: -1}
	for _, c := range []struct {
		arsenal, airDefence, want int64
		why                       string
	}{
		{100000, 1500, 0, "0.5 above: hold min(1, 2 * 0.5) = 1, no growth: 1 - 1 = 0"},
		{111000, 1500, 500000, "growth 11,000: hold 1 * (22,000 - 11,000) / 22,000 = 0.5"},
		{133000, 1500, 1000000, "growth 33,000 beyond tolerance: hold 0"},
		{100000, 1250, 500000, "0.25 above, no growth: hold 2 * 0.25 = 0.5"},
		{105500, 1250, 625000, "0.25 above, growth 5,500: hold 0.5 * 16,500 / 22,000 = 0.375"},
		{100000, 900, 1000000, "below the start: no hold"},
	} {
		if got := tp.chance(tempoObs(0, c.arsenal, c.airDefence)); got != c.want {
			t.Errorf("arsenal %d, air defence %d: chance %d, want %d (%s)", c.arsenal, c.airDefence, got, c.want, c.why)
		}
	}
}
