package sim_test

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// timing returns a plain event's timing to edit.
func timing() *sim.Timing { return &sim.Timing{Until: -1, After: -1, Chance: sim.Micro} }

// firedOn plays turns of a one-day-turn scenario and returns the days the
// event with index i fired on.
func firedOn(t *testing.T, sc *sim.Scenario, seed uint64, turns int, i int32) []int32 {
	t.Helper()
	e := sim.New(sc, seed)
	e.SetLogging(true)
	var days []int32
	for range turns {
		playTurn(t, e)
		for _, en := range e.TakeLog() {
			if en.Kind == sim.LogEvent && en.Subject == i {
				days = append(days, en.Day-sc.StartDay)
			}
		}
	}
	return days
}

func detectSite(v int64) sim.Effect {
	return sim.Effect{Kind: sim.EffectParam, Param: sim.ParamDetectSite, Set: true, Value: v, Zone: -1}
}

// TestEventAfter: an event after another fires its days after the first
// firing of the other, and never when the other never fires.
func TestEventAfter(t *testing.T) {
	sc := quiet()
	anchor, follow, orphan := timing(), timing(), timing()
	anchor.Anchor = true
	follow.After, follow.AfterDays = 0, 3
	orphan.After, orphan.AfterDays = 2, 0
	sc.Events = []sim.Event{
		{ID: "a", Day: sc.StartDay + 2, More: anchor, Effects: []sim.Effect{detectSite(100_000)}},
		{ID: "b", Day: -1, More: follow, Effects: []sim.Effect{detectSite(200_000)}},
		{ID: "c", Day: sc.StartDay + 100, Effects: []sim.Effect{detectSite(300_000)}},
		{ID: "d", Day: -1, More: orphan, Effects: []sim.Effect{detectSite(400_000)}},
	}
	sc.Events[2].More = &sim.Timing{Until: -1, After: -1, Chance: sim.Micro, Anchor: true}
	// a fires on day 2, so b on day 2 + 3 = 5; c (day 100) is past the 10
	// turns played, so d never fires.
	if got := firedOn(t, sc, 1, 10, 1); len(got) != 1 || got[0] != 5 {
		t.Errorf("b fired on days %v, want [5]", got)
	}
	if got := firedOn(t, sc, 1, 10, 3); len(got) != 0 {
		t.Errorf("d fired on days %v, want never", got)
	}
}

// TestEventRevert: a set reverts to the value before it after its days.
func TestEventRevert(t *testing.T) {
	sc := quiet()
	tm := timing()
	tm.RevertDays = 2
	sc.Events = []sim.Event{{ID: "r", Day: sc.StartDay + 1, More: tm, Effects: []sim.Effect{detectSite(500_000)}}}
	def := sc.Params[sim.ParamDetectSite]
	e := sim.New(sc, 1)
	// Set on turn 1 (day 1), kept on turns 1 and 2, undone on turn 3.
	want := []int64{def, 500_000, 500_000, def, def}
	for turn, w := range want {
		playTurn(t, e)
		if got := e.Param(sim.ParamDetectSite); got != w {
			t.Errorf("after turn %d detect_site = %d, want %d", turn, got, w)
		}
	}
}

// TestEventChance: a 50% event fires in about half the seeds, and always
// the same way for a seed.
func TestEventChance(t *testing.T) {
	sc := quiet()
	tm := timing()
	tm.Chance = sim.Micro / 2
	sc.Events = []sim.Event{{ID: "coin", Day: sc.StartDay, More: tm, Effects: []sim.Effect{detectSite(1)}}}
	fired := 0
	for seed := uint64(1); seed <= 200; seed++ {
		got := firedOn(t, sc, seed, 3, 0)
		if len(got) > 1 || (len(got) == 1 && got[0] != 0) {
			t.Fatalf("seed %d: fired on days %v, want day 0 or never", seed, got)
		}
		if again := firedOn(t, sc, seed, 3, 0); len(again) != len(got) {
			t.Fatalf("seed %d: fired %d then %d times", seed, len(got), len(again))
		}
		fired += len(got)
	}
	// Binomial(200, 0.5): mean 100, sd 7.07; 70..130 is over four sd.
	if fired < 70 || fired > 130 {
		t.Errorf("fired in %d of 200 seeds, want about 100", fired)
	}
}

// TestEventUntil: an event with a window fires once, on a day inside it,
// and every day of the window comes up across seeds.
func TestEventUntil(t *testing.T) {
	sc := quiet()
	tm := timing()
	tm.Until = sc.StartDay + 19
	sc.Events = []sim.Event{{ID: "w", Day: sc.StartDay + 10, More: tm, Effects: []sim.Effect{detectSite(1)}}}
	seen := map[int32]int{}
	for seed := uint64(1); seed <= 200; seed++ {
		got := firedOn(t, sc, seed, 25, 0)
		if len(got) != 1 || got[0] < 10 || got[0] > 19 {
			t.Fatalf("seed %d: fired on days %v, want once in 10..19", seed, got)
		}
		seen[got[0]]++
	}
	// 200 seeds over 10 days: 20 a day expected.
	if len(seen) != 10 {
		t.Errorf("days hit: %v, want all of 10..19", seen)
	}
}

// TestEventRepeat: a repeating event re-arms when its condition stops
// holding and fires again when it holds again.
func TestEventRepeat(t *testing.T) {
	sc := quiet()
	var troops int64
	for i := range sc.Sites {
		if sc.Sites[i].Owner == sim.USA {
			troops += sc.Sites[i].Troops
		}
	}
	tm := timing()
	tm.Repeat, tm.RevertDays = true, 2
	tanf := int32(-1)
	for i := range sc.Sites {
		if sc.Sites[i].ID == "tanf" {
			tanf = int32(i)
		}
	}
	sc.Events = []sim.Event{{ID: "surge", Day: -1, More: tm,
		Cond:    sim.Condition{Metric: sim.MetricUSTroops, Op: sim.OpAtMost, Value: troops},
		Effects: []sim.Effect{{Kind: sim.EffectTroops, Site: tanf, Value: 1000, Zone: -1}}}}
	// Day 0 the condition holds: +1000. Day 1 it does not: re-armed. Day 2
	// the surge reverts first, the condition holds again: it fires again.
	if got := firedOn(t, sc, 1, 7, 0); len(got) != 4 || got[0] != 0 || got[1] != 2 || got[2] != 4 || got[3] != 6 {
		t.Errorf("surge fired on days %v, want [0 2 4 6]", got)
	}
}

// TestStruckSite: a site struck before the run is out of action for its days.
func TestStruckSite(t *testing.T) {
	sc := quiet()
	sc.Events = []sim.Event{{ID: "t4", Day: sc.StartDay, Effects: []sim.Effect{{Kind: sim.EffectStruck, Site: 0, Days: 30, Zone: -1}}}}
	e := sim.New(sc, 1)
	playTurn(t, e)
	// 30 one-day turns from turn 0: out of action through turn 29.
	if got := e.State().Sites[0].DisabledTill; got != 29 {
		t.Errorf("disabled till turn %d, want 29", got)
	}
}

// TestEventAllAny: a when of several conditions fires when all hold, or
// with Any when one does.
func TestEventAllAny(t *testing.T) {
	sc := quiet()
	// At the start no attack has happened and trust is at its initial level.
	attacked := sim.Condition{Metric: sim.MetricAttacksOnUS, Op: sim.OpAtLeast, Value: 1}
	trusting := sim.Condition{Metric: sim.MetricTrust, Op: sim.OpAtLeast, Value: 0}
	for _, c := range []struct {
		name  string
		any   bool
		fires bool
	}{{"all", false, false}, {"any", true, true}} {
		tm := timing()
		tm.Also, tm.Any = []sim.Condition{trusting}, c.any
		sc.Events = []sim.Event{{ID: "w", Day: -1, Cond: attacked, More: tm, Effects: []sim.Effect{detectSite(1)}}}
		// attacks_on_us >= 1 is false on day 0, trust >= 0 true: all of
		// them do not hold, one of them does.
		e := sim.New(sc, 1)
		e.SetLogging(true)
		playTurn(t, e)
		if got := logged(e.TakeLog(), sim.LogEvent, 0); got != c.fires {
			t.Errorf("%s: fired on day 0 = %v, want %v", c.name, got, c.fires)
		}
	}
}
