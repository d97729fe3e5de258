package ai

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// tempoObs is an observation on a daily scenario that started with Syrian
// air defences at level 1, in which Iran has sent sent weapon units west
// (all of them delivered) and Hezbollah holds arsenal.
func tempoObs(turn int32, sent, arsenal, airDefence int64) *sim.Observation {
	sc := &sim.Scenario{TurnHours: 24}
	sc.Initial.AirDefence = 1000
	obs := &sim.Observation{Scenario: sc, Turn: turn, Arsenal: arsenal, AirDefence: airDefence}
	obs.Counters[sim.MetricWeaponsDelivered] = sent
	return obs
}

// TestTempoFollowsWeaponsSentOverAYear: with alarm 1,200 the chance is the
// weapons sent since the oldest of twelve 30-day marks / 1,200.
func TestTempoFollowsWeaponsSentOverAYear(t *testing.T) {
	tp := tempo{alarm: 1200, nextMark: -1}
	// turn 0: nothing sent yet, 0 / 1,200 = 0
	if got := tp.chance(tempoObs(0, 0, 100000, 1000)); got != 0 {
		t.Errorf("turn 0: chance %d, want 0", got)
	}
	// +50 a month; on turn 330 (month 11) the twelfth mark is taken and the
	// oldest is turn 0's: 550 * 1,000,000 / 1,200 = 458,333 (rounded down)
	for m := int32(1); m <= 11; m++ {
		got := tp.chance(tempoObs(30*m, 50*int64(m), 100000, 1000))
		if m == 11 && got != 458333 {
			t.Errorf("turn 330: chance %d, want 458333", got)
		}
	}
	// turn 360 (month 12): 600 sent against turn 30's 50: 550 again
	if got := tp.chance(tempoObs(360, 600, 100000, 1000)); got != 458333 {
		t.Errorf("turn 360: chance %d, want 458333", got)
	}
	// turn 390: 1,650 against turn 60's 100, 1,550 beyond the alarm:
	// every target (1,000,000)
	if got := tp.chance(tempoObs(390, 1650, 100000, 1000)); got != 1000000 {
		t.Errorf("turn 390: chance %d, want 1000000", got)
	}
}

// TestTempoHeldBackByAirDefences: ad_restraint 1.2 per level above the
// start holds it back until the arsenal has grown by tolerance 5,000 since
// the air defences last rose.
func TestTempoHeldBackByAirDefences(t *testing.T) {
	tp := tempo{adRestraint: 1200000, tolerance: 5000, nextMark: -1}
	for _, c := range []struct {
		arsenal, airDefence, want int64
		why                       string
	}{
		{100000, 1000, 1000000, "at the start level: no hold"},
		{100000, 1500, 400000, "rose 0.5 at arsenal 100,000: hold 1.2 * 0.5 = 0.6, 1 - 0.6 = 0.4"},
		{104999, 1500, 400000, "grown 4,999 since the rise, under 5,000: still 0.4"},
		{105000, 1500, 1000000, "grown 5,000 since the rise: no hold"},
		{105000, 2000, 0, "rose again to 1 above at arsenal 105,000: hold min(1, 1.2 * 1) = 1"},
		{109000, 2000, 0, "grown 4,000 since the second rise: still held back"},
		{110000, 2000, 1000000, "grown 5,000 since the second rise: no hold"},
		{110000, 900, 1000000, "below the start: no hold"},
	} {
		if got := tp.chance(tempoObs(0, 0, c.arsenal, c.airDefence)); got != c.want {
			t.Errorf("arsenal %d, air defence %d: chance %d, want %d (%s)", c.arsenal, c.airDefence, got, c.want, c.why)
		}
	}
}

// TestTempoDecidesOncePerFix: a target passed over stays passed over while
// its fix holds, and is weighed afresh once a new fix is taken, whether it
// is a site (kept by its index) or a shipment (kept on a list).
func TestTempoDecidesOncePerFix(t *testing.T) {
	for _, target := range []sim.Target{{Kind: sim.TargetSite, ID: 3}, {Kind: sim.TargetShipment, ID: 40}} {
		var tp tempo
		tp.forget(10, 5)
		rng := sim.NewPCG(1, 1)
		v := &sim.TargetView{Target: target, Till: 12}
		other := &sim.TargetView{Target: sim.Target{Kind: target.Kind, ID: 4}, Till: 12}
		if tp.flies(v, 0, 10, &rng) {
			t.Fatalf("%v: at tempo 0 a target is struck", target)
		}
		// at tempo 1 the decision taken on turn 10 holds through turn 12,
		// and another target is weighed on its own
		if tp.flies(v, sim.Micro, 12, &rng) {
			t.Errorf("%v: turn 12: the target passed over on turn 10 is struck within the same fix", target)
		}
		if !tp.flies(other, sim.Micro, 12, &rng) {
			t.Errorf("%v: turn 12: another target at tempo 1 is passed over", target)
		}
		tp.forget(13, 5)
		v.Till = 15
		if !tp.flies(v, sim.Micro, 13, &rng) {
			t.Errorf("%v: turn 13: a new fix at tempo 1 is passed over", target)
		}
	}
}
