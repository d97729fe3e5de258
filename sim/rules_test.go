package sim_test

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// reviewedStrike advances a run until Israel may strike a target by a
// route that needs US review, plans that strike and advances to the US
// review. It returns the mission and the open request decision.
func reviewedStrike(t *testing.T, e *sim.Engine) (sim.Mission, sim.Decision) {
	t.Helper()
	return reviewedStrikeFor(t, e, sim.ReasonZone|sim.ReasonStandoff|sim.ReasonOperation)
}

// reviewedStrikeFor is reviewedStrike for a route with any of the reasons
// in need.
func reviewedStrikeFor(t *testing.T, e *sim.Engine, need sim.Reason) (sim.Mission, sim.Decision) {
	t.Helper()
	var obs sim.Observation
	var order sim.Order
	found := advanceUntil(t, e, func() bool {
		d, ok := openDecision(e, sim.DecidePlan)
		if !ok {
			return false
		}
		e.Observe(sim.Israel, &obs)
		for _, tv := range obs.Targets {
			for _, opt := range obs.Options[tv.First : tv.First+tv.Count] {
				if opt.Reasons&need != 0 && opt.Reasons&sim.ReasonHalt == 0 {
					order = sim.Order{Kind: sim.OrderStrike, Decision: d.ID, Target: tv.Target, Route: opt.Route, Package: sim.PackageLarge}
					return true
				}
			}
		}
		return false
	})
	if !found {
		t.Fatal("no strike that needs review in the whole run")
	}
	mustApply(t, e, sim.Israel, order)
	m := e.State().Missions[len(e.State().Missions)-1]
	answerDefaults(t, e)
	if e.Advance() != sim.StopDecide {
		t.Fatal("the strike raised no decision")
	}
	req, ok := openDecision(e, sim.DecideRequest)
	if !ok {
		t.Fatal("the strike raised no request")
	}
	return m, req
}

// TestReviewAnswersMoveTrust: an approval raises Israel–US trust by
// approval_trust_gain and a denial lowers it by denial_trust_cost, both
// clamped to 0..100.
func TestReviewAnswersMoveTrust(t *testing.T) {
	sc := quiet()
	gain, cost := sc.Params[sim.ParamApprovalTrustGain], sc.Params[sim.ParamDenialTrustCost]
	for _, c := range []struct {
		name        string
		answer      sim.OrderKind
		trust, want int64
	}{
		{"approval", sim.OrderApprove, 50_000, 50_000 + gain},
		{"approval at the top", sim.OrderApprove, 100_000 - gain/2, 100_000},
		{"denial", sim.OrderDeny, 50_000, 50_000 - cost},
		{"denial at the bottom", sim.OrderDeny, cost / 2, 0},
		{"deferral", sim.OrderDefer, 50_000, 50_000},
		{"condition", sim.OrderCondition, 50_000, 50_000},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := sim.New(sc, 2)
			_, req := reviewedStrike(t, e)
			e.State().Trust = c.trust
			mustApply(t, e, sim.USA, sim.Order{Kind: c.answer, Decision: req.ID, Route: -1, Delay: 1})
			if got := e.State().Trust; got != c.want {
				t.Fatalf("trust %d after the %s, want %d", got, c.answer, c.want)
			}
		})
	}
}

// TestDiscoveredViolationCostsTrust: a strike flown after a denial is a
// violation; when the US discovers it, trust falls by violation_trust_cost.
func TestDiscoveredViolationCostsTrust(t *testing.T) {
	for _, c := range []struct {
		name      string
		discovery int64
	}{{"always discovered", sim.Micro}, {"never discovered", 0}} {
		t.Run(c.name, func(t *testing.T) {
			sc := quiet()
			sc.Params[sim.ParamViolationDiscovery] = c.discovery
			sc.Params[sim.ParamTrustRecovery] = 0
			sc.Params[sim.ParamWarningTrustGain] = 0
			e := sim.New(sc, 5)
			e.SetLogging(true)
			m, req := reviewedStrike(t, e)
			mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderDeny, Decision: req.ID})
			e.Advance()
			resp, ok := openDecision(e, sim.DecideResponse)
			if !ok {
				t.Fatal("no response decision after the denial")
			}
			mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderProceed, Decision: resp.ID})
			before := e.State().Trust
			e.TakeLog()
			var log []sim.Entry
			for {
				answerDefaults(t, e)
				stop := e.Advance()
				log = append(log, e.TakeLog()...)
				if stop != sim.StopDecide {
					break
				}
			}
			if !logged(log, sim.LogViolation, m.ID) {
				t.Fatal("the strike after a denial was not logged as a violation")
			}
			found := 0
			for _, en := range log {
				if en.Kind == sim.LogViolationFound {
					found++
				}
			}
			if want := int64(c.discovery / sim.Micro); int64(found) != want || !logged(log, sim.LogViolationFound, m.ID) != (want == 0) {
				t.Fatalf("%d violations discovered, want %d", found, want)
			}
			if got, want := e.State().Trust, max(0, before-int64(found)*sc.Params[sim.ParamViolationTrustCost]); got != want {
				t.Fatalf("trust %d after %d discovered violations, want %d (from %d)", got, found, want, before)
			}
		})
	}
}

// TestHazardTerms: the attack hazard at a site is base × grievance ×
// complicity × proximity × (1 − deterrence) × (1 + the owner's ladder with
// Iran), multiplied in that order in fixed point, capped at hazard_cap;
// Israeli positions use retaliation_israel in place of complicity.
func TestHazardTerms(t *testing.T) {
	sc := quiet()
	base, israelFactor, hazardCap := sc.Params[sim.ParamRetaliationBase], sc.Params[sim.ParamRetaliationIsrael], sc.Params[sim.ParamHazardCap]
	tanf, golan := sc.SiteIndex("tanf"), sc.SiteIndex("golan")
	for _, c := range []struct {
		name                                     string
		site                                     int32
		grievance, complicity, deterrence, level int64
		cap                                      bool
	}{
		{name: "US site", site: tanf, grievance: 2000, complicity: 500_000, deterrence: 200_000, level: 1500},
		{name: "US site, calm ladder", site: tanf, grievance: 2000, complicity: 500_000, deterrence: 200_000},
		{name: "US site, no complicity", site: tanf, grievance: 2000, level: 3000},
		{name: "US site, full deterrence", site: tanf, grievance: 9000, complicity: sim.Micro, deterrence: sim.Micro, level: 2000},
		{name: "US site, capped", site: tanf, grievance: 100_000, complicity: sim.Micro, level: 4000, cap: true},
		{name: "Israeli position", site: golan, grievance: 3000, complicity: 900_000, deterrence: 100_000, level: 2500},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := sim.New(sc, 1)
			st := e.State()
			pair := sim.USAIran
			if c.site == golan {
				pair = sim.IsraelIran
			}
			st.Escalation = [sim.NumPairs]int64{}
			st.Escalation[pair] = c.level
			st.Complicity = c.complicity
			st.Grievance = [2]int64{c.grievance, c.grievance}
			st.Deterrence = [2]int64{c.deterrence, c.deterrence}
			h := e.Hazard(c.site)
			wantComplicity := c.complicity
			if c.site == golan {
				wantComplicity = israelFactor
			}
			proximity := sc.Sites[c.site].Proximity
			if h.Base != base || h.Grievance != c.grievance || h.Complicity != wantComplicity ||
				h.Proximity != proximity || h.Deterrence != c.deterrence || h.Escalation != sim.Milli+c.level {
				t.Fatalf("terms %+v", h)
			}
			want := base * c.grievance / sim.Milli
			want = want * wantComplicity / sim.Micro
			want = want * proximity / sim.Micro
			want = want * (sim.Micro - c.deterrence) / sim.Micro
			want = want * (sim.Milli + c.level) / sim.Milli
			if c.cap != (want > hazardCap) {
				t.Fatalf("the row expects capped=%v, the product is %d against a cap of %d", c.cap, want, hazardCap)
			}
			if want = min(want, hazardCap); h.Hazard != want {
				t.Fatalf("hazard %d, want %d (terms %+v)", h.Hazard, want, h)
			}
		})
	}
}

// retaliationScenario makes every exposed site a target of Iran each turn,
// with rockets that kill every troop present and wound none.
func retaliationScenario() *sim.Scenario {
	sc := quiet()
	sc.Params[sim.ParamRetaliationBase] = sim.Micro
	sc.Params[sim.ParamHazardCap] = sim.Micro
	sc.Params[sim.ParamLethalityRockets] = sim.Micro
	sc.Params[sim.ParamInjuryRate] = 0
	sc.Initial.Grievance = [2]int64{100 * sim.Milli, 100 * sim.Milli}
	sc.Initial.Complicity = sim.Micro
	return sc
}

// TestEvacuationLeavesATenth: an attack on an evacuated garrison finds a
// tenth of its troops there.
func TestEvacuationLeavesATenth(t *testing.T) {
	for _, c := range []struct {
		name     string
		evacuate bool
		want     int64
	}{{"manned", false, 200}, {"evacuated", true, 20}} {
		t.Run(c.name, func(t *testing.T) {
			sc := retaliationScenario()
			tanf := sc.SiteIndex("tanf")
			if sc.Sites[tanf].Troops != 200 {
				t.Fatal("testland's Al-Tanf no longer holds 200 troops")
			}
			e := sim.New(sc, 3)
			if c.evacuate {
				mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderEvacuate, Site: tanf})
				var obs sim.Observation
				e.Observe(sim.USA, &obs)
				if !obs.Sites[tanf].Evacuated {
					t.Fatal("the US does not see its garrison evacuated")
				}
			}
			var attack sim.Decision
			if !advanceUntil(t, e, func() bool {
				var ok bool
				attack, ok = openDecisionAbout(e, sim.DecideRetaliation, tanf)
				return ok
			}) {
				t.Fatal("Iran never had a chance to strike Al-Tanf")
			}
			mustApply(t, e, sim.Iran, sim.Order{Kind: sim.OrderRetaliate, Decision: attack.ID, Method: sim.MethodRockets})
			before := e.State().Count[sim.MetricUSCasualties]
			if !advanceUntil(t, e, func() bool { return e.State().Count[sim.MetricAttacksOnUS] > 0 }) {
				t.Fatal("the attack never landed")
			}
			if got := e.State().Count[sim.MetricUSCasualties] - before; got != c.want {
				t.Fatalf("%d killed at Al-Tanf, want %d", got, c.want)
			}
		})
	}
}

// TestLaddersClampAtFive: an escalation ladder never leaves 0..5, however
// hard an event pushes: the highest level reached is exactly 5, and a ladder
// pushed below 0 stays at 0.
func TestLaddersClampAtFive(t *testing.T) {
	for _, c := range []struct {
		name string
		pair sim.Pair
		push int64
	}{
		{"US–Iran up", sim.USAIran, 5 * sim.Milli},
		{"Israel–Iran up", sim.IsraelIran, 5 * sim.Milli},
		{"Israel–Russia down", sim.IsraelRussia, -5 * sim.Milli},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := quiet()
			sc.Initial.Escalation[c.pair] = 4 * sim.Milli
			sc.Events = []sim.Event{{ID: "push", Day: sc.StartDay,
				Effects: []sim.Effect{{Kind: sim.EffectEscalation, Pair: c.pair, Value: c.push, Zone: -1}}}}
			e := sim.New(sc, 1)
			playTurn(t, e)
			st := e.State()
			if c.push > 0 && st.MaxEsc[c.pair] != sim.MaxLevel {
				t.Fatalf("%s pushed by %d from 4 reached %d, want exactly %d", c.pair, c.push, st.MaxEsc[c.pair], sim.MaxLevel)
			}
			if c.push < 0 && st.Escalation[c.pair] != 0 {
				t.Fatalf("%s pushed by %d from 4 is at %d, want 0", c.pair, c.push, st.Escalation[c.pair])
			}
		})
	}
}

// TestLadderAtFiveEndsTheRun: a ladder that reaches 5 ends the run at the
// end of that turn: US–Iran with us-drawn-in, Israel–Iran with regional-war.
func TestLadderAtFiveEndsTheRun(t *testing.T) {
	for _, c := range []struct {
		pair sim.Pair
		want sim.Outcome
	}{{sim.USAIran, sim.OutcomeUSDrawnIn}, {sim.IsraelIran, sim.OutcomeRegionalWar}} {
		sc := quiet()
		sc.Events = []sim.Event{{ID: "war", Day: sc.StartDay,
			Effects: []sim.Effect{{Kind: sim.EffectEscalation, Pair: c.pair, Set: true, Value: sim.MaxLevel, Zone: -1}}}}
		e := sim.New(sc, 1)
		playTurn(t, e)
		if e.Outcome() != c.want {
			t.Errorf("%s set to 5 on the first day: outcome %s after turn 0 (ladder now %d), want %s",
				c.pair, e.Outcome(), e.State().Escalation[c.pair], c.want)
		}
	}
}

// TestTalksMoveWithTheLadder: open talks advance by talks_rate a turn while
// the US–Iran ladder is below 2, stand still from 2 to below 3, and fall
// back from 3; closed talks do not move.
func TestTalksMoveWithTheLadder(t *testing.T) {
	sc := quiet()
	sc.Params[sim.ParamEscalationDecay] = 0
	rate := sc.Params[sim.ParamTalksRate]
	for _, c := range []struct {
		level int64
		open  bool
		delta int64
	}{
		{0, true, rate}, {1999, true, rate}, {2000, true, 0}, {2999, true, 0},
		{3000, true, -rate}, {4500, true, -rate}, {0, false, 0}, {3500, false, 0},
	} {
		e := sim.New(sc, 4)
		st := e.State()
		st.Escalation[sim.USAIran], st.MaxEsc[sim.USAIran] = c.level, c.level
		st.TalksOpen, st.Talks = c.open, 50*sim.Milli
		playTurn(t, e)
		if got := e.State().Talks - 50*sim.Milli; got != c.delta {
			t.Errorf("ladder %d, talks open %v: talks moved by %d, want %d", c.level, c.open, got, c.delta)
		}
	}
}

// TestParamEffectsStayInRange: an event may change a model constant within
// the range the format allows (add up to the width of its range); the
// constant in force must stay within its documented range, or shares above
// one drive fractions below zero.
func TestParamEffectsStayInRange(t *testing.T) {
	sc := quiet()
	sc.Events = []sim.Event{{ID: "doctrine", Day: sc.StartDay, Effects: []sim.Effect{
		{Kind: sim.EffectParam, Param: sim.ParamPrivateMessageEffect, Value: sim.Micro, Zone: -1},
		{Kind: sim.EffectParam, Param: sim.ParamGrievanceDecay, Value: sim.Micro, Zone: -1},
	}}}
	e := sim.New(sc, 1)
	playTurn(t, e)
	for p := sim.Param(0); p < sim.NumParams; p++ {
		spec := p.Spec()
		if v := e.Param(p); v < sim.FixedFromFloat(spec.Min, spec.Unit) || v > sim.FixedFromFloat(spec.Max, spec.Unit) {
			t.Errorf("%s = %d, outside its range %g..%g", spec.Key, v, spec.Min, spec.Max)
		}
	}
	mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderPrivateMessage})
	if c := e.State().Complicity; c < 0 {
		t.Errorf("complicity %d after a private message", c)
	}
	if g := e.State().Grievance; g[0] < 0 || g[1] < 0 {
		t.Errorf("grievance %v after a turn of decay", g)
	}
}

// TestRetaliationPreviewOfAHugeGarrison: the preview of an attack on the
// largest garrison a scenario may hold (a billion troops) with the harshest
// valid constants still shows talks falling, not rising.
func TestRetaliationPreviewOfAHugeGarrison(t *testing.T) {
	sc := retaliationScenario()
	tanf := sc.SiteIndex("tanf")
	sc.Sites[tanf].Troops = 1_000_000_000
	sc.Params[sim.ParamTalksLossPerDeath] = 50 * sim.Milli
	sc.Initial.Talks = 50 * sim.Milli
	e := sim.New(sc, 1)
	var d sim.Decision
	if !advanceUntil(t, e, func() bool {
		var ok bool
		d, ok = openDecisionAbout(e, sim.DecideRetaliation, tanf)
		return ok
	}) {
		t.Fatal("no retaliation decision at Al-Tanf")
	}
	pv, err := e.Preview(sim.Iran, sim.Order{Kind: sim.OrderRetaliate, Decision: d.ID, Method: sim.MethodRockets})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, l := range pv.Lines {
		if (l.Label == "talks progress" || l.Label == "usa-iran ladder") && l.After < 0 {
			t.Fatalf("%s %d → %d after an attack that kills a billion", l.Label, l.Before, l.After)
		}
		switch l.Label {
		case "talks progress":
			seen++
			if l.After > l.Before {
				t.Fatalf("talks progress %d → %d after an attack that kills a billion", l.Before, l.After)
			}
		case "usa-iran ladder":
			seen++
			if l.After < l.Before {
				t.Fatalf("US–Iran ladder %d → %d after an attack that kills a billion", l.Before, l.After)
			}
		}
	}
	if seen != 2 {
		t.Fatalf("the preview has no talks or ladder line: %+v", pv.Lines)
	}
}

// TestEvacuationShowsItsEnd: an evacuated garrison reads the tenth that
// stays and the turn the evacuation ends; the log says how long it lasts
// and when the troops come back. evacuation_turns is 5 by default: ordered
// on turn 0, the garrison is thinned out on turns 0..5 (6 turns) and back at
// the start of turn 6.
func TestEvacuationShowsItsEnd(t *testing.T) {
	sc := retaliationScenario()
	tanf := sc.SiteIndex("tanf")
	e := sim.New(sc, 3)
	e.SetLogging(true)
	mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderEvacuate, Site: tanf})
	var obs sim.Observation
	e.Observe(sim.USA, &obs)
	if v := obs.Sites[tanf]; v.Troops != 200 || v.Present != 20 || v.EvacuatedTill != 5 {
		t.Fatalf("the US sees Al-Tanf with %d troops, %d present, evacuated till turn %d; want 200, 20 (a tenth), 5", v.Troops, v.Present, v.EvacuatedTill)
	}
	e.Observe(sim.Iran, &obs)
	if v := obs.Sites[tanf]; v.Present != 200 || v.Evacuated || v.EvacuatedTill != -1 {
		t.Fatalf("Iran sees the evacuation: %+v", v)
	}
	var log []sim.Entry
	for e.Turn() < 8 && !e.Over() {
		playTurn(t, e)
		log = append(log, e.TakeLog()...)
	}
	var evac, back []sim.Entry
	for _, en := range log {
		switch {
		case en.Kind == sim.LogEvacuation && en.Site == tanf:
			evac = append(evac, en)
		case en.Kind == sim.LogReturn && en.Site == tanf:
			back = append(back, en)
		}
	}
	if len(evac) != 1 || evac[0].Value != 6 {
		t.Fatalf("evacuation entries %+v, want one lasting 6 turns", evac)
	}
	if len(back) != 1 || back[0].Turn != 6 {
		t.Fatalf("return entries %+v, want one at turn 6", back)
	}
}

// TestWithdrawalSaysWhy: Israel withdrawing a mission rather than accept a
// condition records which condition it would not accept.
func TestWithdrawalSaysWhy(t *testing.T) {
	e := sim.New(quiet(), 2)
	e.SetLogging(true)
	_, req := reviewedStrike(t, e)
	mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderCondition, Decision: req.ID, Route: -1, Delay: 2})
	var c sim.Decision
	if !advanceUntil(t, e, func() bool {
		var ok bool
		c, ok = openDecision(e, sim.DecideResponse)
		return ok
	}) {
		t.Fatal("Israel never answered the condition")
	}
	mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderWithdraw, Decision: c.ID})
	for _, en := range e.TakeLog() {
		if en.Kind == sim.LogWithdrawn {
			if en.Value != sim.WithdrawnDelay {
				t.Fatalf("withdrawn after a 2-turn delay was asked: reason %d, want %d (delay)", en.Value, sim.WithdrawnDelay)
			}
			return
		}
	}
	t.Fatal("the withdrawal left no log entry")
}

// TestAttackPreviewShowsTheDeathBranch: when the expected toll rounds to no
// one, an attack's preview also shows the talks and the ladder if one person
// is killed: talks fall by talks_loss_per_attack + 1 × talks_loss_per_death,
// the ladder rises by escalation_per_attack + 1 × escalation_per_death
// (unclaimed).
func TestAttackPreviewShowsTheDeathBranch(t *testing.T) {
	sc := retaliationScenario()
	sc.Params[sim.ParamLethalityRockets] = 100 // 200 troops × 100 micro = 0.02 expected deaths: rounds to no one
	tanf := sc.SiteIndex("tanf")
	e := sim.New(sc, 3)
	var d sim.Decision
	if !advanceUntil(t, e, func() bool {
		var ok bool
		d, ok = openDecisionAbout(e, sim.DecideRetaliation, tanf)
		return ok
	}) {
		t.Fatal("Iran never had a chance to strike Al-Tanf")
	}
	p, err := e.Preview(sim.Iran, sim.Order{Kind: sim.OrderRetaliate, Decision: d.ID, Method: sim.MethodRockets})
	if err != nil {
		t.Fatal(err)
	}
	st := e.State()
	par := sc.Params
	wantTalks := max(0, st.Talks-(par[sim.ParamTalksLossPerAttack]+par[sim.ParamTalksLossPerDeath]))
	wantLadder := min(sim.MaxLevel, st.Escalation[sim.USAIran]+par[sim.ParamEscalationPerAttack]+par[sim.ParamEscalationPerDeath])
	found := 0
	for _, l := range p.Lines {
		switch l.Label {
		case "talks progress if one is killed":
			found++
			if l.After != wantTalks {
				t.Errorf("talks if one is killed: %d, want %d", l.After, wantTalks)
			}
		case sim.USAIran.String() + " ladder if one is killed":
			found++
			if l.After != wantLadder {
				t.Errorf("ladder if one is killed: %d, want %d", l.After, wantLadder)
			}
		}
	}
	if found != 2 {
		t.Errorf("the preview has %d of the 2 death-branch lines: %+v", found, p.Lines)
	}
}
