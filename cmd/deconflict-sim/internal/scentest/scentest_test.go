package scentest

import (
	"math"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

func near(a, b float64) bool { return math.Abs(a-b) < 5e-4 }

// TestJudge checks that an expectation fails only when its whole interval
// lies outside the bounds.
func TestJudge(t *testing.T) {
	share := func(k, n int) []float64 {
		v := make([]float64, n)
		for i := range k {
			v[i] = 1
		}
		return v
	}
	x := scenario.Expect{Check: scenario.ExpectEvent, Min: 0.6, Max: 1}
	// 50 of 100: [0.404, 0.596] lies wholly below 0.6.
	if r := Judge(x, share(50, 100)); !r.Failed || r.Value != 0.5 {
		t.Errorf("50/100 against ≥ 0.6: %+v", r)
	}
	// 11 of 20: p = 0.55 is below 0.6, but its interval (denom 1.19208,
	// centre 0.64604/1.19208 = 0.54195, half 1.96·0.12156/1.19208 = 0.19987:
	// [0.342, 0.742]) holds 0.6, so it does not fail.
	if r := Judge(x, share(11, 20)); r.Failed {
		t.Errorf("11/20 against ≥ 0.6: %+v", r)
	}
	// A mean: values 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.303, half = 4.303/√3 = 2.484.
	m := scenario.Expect{Check: scenario.ExpectMean, Min: -1e9, Max: 1}
	r := Judge(m, []float64{1, 2, 3})
	if !near(r.Lo, -0.484) || !near(r.Hi, 4.484) || r.Failed {
		t.Errorf("mean of 1, 2, 3 against ≤ 1: %+v", r)
	}
	// 5, 5, 5: sd 0, the interval is the point 5, above 1: failed.
	if r := Judge(m, []float64{5, 5, 5}); !r.Failed {
		t.Errorf("mean of 5, 5, 5 against ≤ 1: %+v", r)
	}
}

// TestHappened checks the filters of an event check on a hand-made log.
func TestHappened(t *testing.T) {
	log := []sim.Entry{
		{Day: 10, Kind: sim.LogAttack, Actor: sim.Hezbollah, Site: 2},
		{Day: 12, Kind: sim.LogEvent, Subject: 0},
		{Day: 20, Kind: sim.LogAttack, Actor: sim.Iran, Site: 3},
	}
	any := scenario.Expect{Kind: sim.LogAttack, Site: -1, Actor: sim.NoActor, Before: -1, After: -1}
	for _, c := range []struct {
		name string
		edit func(*scenario.Expect)
		want bool
	}{
		{"any attack", func(*scenario.Expect) {}, true},
		{"a strike", func(x *scenario.Expect) { x.Kind = sim.LogStrikeHit }, false},
		{"at site 3", func(x *scenario.Expect) { x.Site = 3 }, true},
		{"at site 4", func(x *scenario.Expect) { x.Site = 4 }, false},
		{"by Iran before day 19", func(x *scenario.Expect) { x.Actor, x.Before = sim.Iran, 19 }, false},
		{"by Iran by day 20", func(x *scenario.Expect) { x.Actor, x.Before = sim.Iran, 20 }, true},
		{"within 7 days of event 0", func(x *scenario.Expect) { x.After, x.Within = 0, 7 }, false},
		{"within 8 days of event 0", func(x *scenario.Expect) { x.After, x.Within = 0, 8 }, true},
		{"after an event that never fired", func(x *scenario.Expect) { x.After, x.Within = 1, 100 }, false},
	} {
		x := any
		c.edit(&x)
		if got := happened(&x, log); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
