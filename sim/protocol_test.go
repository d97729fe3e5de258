package sim_test

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// planStrike advances testland until Israel may plan a strike on a site by
// a route that needs no review, and plans it. It returns the mission.
func planStrike(t *testing.T, e *sim.Engine) sim.Mission {
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
			if tv.Target.Kind != sim.TargetSite {
				continue
			}
			for _, opt := range obs.Options[tv.First : tv.First+tv.Count] {
				if opt.Reasons&(sim.ReasonZone|sim.ReasonStandoff|sim.ReasonOperation|sim.ReasonHalt) == 0 {
					order = sim.Order{Kind: sim.OrderStrike, Decision: d.ID, Target: tv.Target, Route: opt.Route, Package: sim.PackageLarge, Notice: sim.NoticeStandard}
					return true
				}
			}
		}
		return false
	})
	if !found {
		t.Fatal("no strike to plan in the whole run")
	}
	mustApply(t, e, sim.Israel, order)
	st := e.State()
	return st.Missions[len(st.Missions)-1]
}

// flownInHalt plays the turn and reports whether the mission flew, and
// whether it was flagged a violation.
func flownInHalt(t *testing.T, e *sim.Engine, m sim.Mission) (flown, flagged bool) {
	t.Helper()
	e.SetLogging(true)
	var log []sim.Entry
	for range 40 {
		answerDefaults(t, e)
		e.Advance()
		log = append(log, e.TakeLog()...)
		if e.Over() || logged(log, sim.LogStrikeHit, m.ID) || logged(log, sim.LogStrikeMiss, m.ID) {
			break
		}
	}
	flown = logged(log, sim.LogStrikeHit, m.ID) || logged(log, sim.LogStrikeMiss, m.ID)
	return flown, logged(log, sim.LogViolation, m.ID)
}

// TestHaltDeclaredAtPlanning: the US declares a halt over a target right
// after Israel planned a strike on it, at the same stop (the US answers
// after Israel). The strike must not fly inside the halt unflagged.
func TestHaltDeclaredAtPlanning(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		e := sim.New(quiet(), seed)
		m := planStrike(t, e)
		mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderHalt, Site: m.Target.ID, Radius: 20_000, Days: 3})
		if flown, flagged := flownInHalt(t, e, m); flown && !flagged {
			t.Fatalf("seed %d: mission %d flew into a halt declared before it took off, and was not flagged a violation", seed, m.ID)
		}
	}
}

// TestHaltDeclaredDuringDelay: a mission conditioned on a delay waits for
// its turn; a halt declared meanwhile must hold it or flag it.
func TestHaltDeclaredDuringDelay(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		sc := quiet()
		e := sim.New(sc, seed)
		m, req := reviewedStrikeFor(t, e, sim.ReasonZone)
		mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderCondition, Decision: req.ID, Route: -1, Delay: 2})
		e.Advance()
		resp, ok := openDecision(e, sim.DecideResponse)
		if !ok {
			t.Fatal("no response decision after the condition")
		}
		mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderComply, Decision: resp.ID})
		playTurn(t, e)
		// the mission waits two turns; the US now halts strikes around Al-Tanf,
		// which its route crosses
		mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderHalt, Site: sc.SiteIndex("tanf"), Radius: 60_000, Days: 10})
		tanf := sc.Sites[sc.SiteIndex("tanf")].Pos
		if !geo.PathNear(append(append([]geo.Point(nil), sc.Routes[m.Route].Path...), m.TargetPos), tanf, 60_000) {
			t.Fatal("the route does not pass Al-Tanf")
		}
		if flown, flagged := flownInHalt(t, e, m); flown && !flagged {
			t.Fatalf("seed %d: mission %d flew into a halt declared while it waited, and was not flagged a violation", seed, m.ID)
		}
	}
}

// TestConditionReroutesIntoHalt: the US approves a strike on condition that
// it flies another route, and that route crosses a halt in force. Complying
// must not send the mission through the halt unflagged.
func TestConditionReroutesIntoHalt(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		sc := quiet()
		e := sim.New(sc, seed)
		t4 := sc.SiteIndex("t4")
		south, direct := int32(2), int32(1)
		if sc.Routes[south].ID != "south" || sc.Routes[direct].ID != "direct" {
			t.Fatal("testland's routes moved")
		}
		if !advanceUntil(t, e, func() bool {
			_, ok := openDecision(e, sim.DecidePlan)
			return ok && e.Strikable(sim.Target{Kind: sim.TargetSite, ID: t4})
		}) {
			t.Fatal("T4 was never detected")
		}
		plan, _ := openDecision(e, sim.DecidePlan)
		// a halt over the Dumayr air-defence site: the direct route to T4
		// crosses it, the southern route does not
		mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderHalt, Site: sc.SiteIndex("s200-dumayr"), Radius: 20_000, Days: 10})
		target, _ := e.TargetPos(sim.Target{Kind: sim.TargetSite, ID: t4})
		if e.Assess(south, target).InHalt || !e.Assess(direct, target).InHalt {
			t.Fatal("the halt does not separate the two routes")
		}
		mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderStrike, Decision: plan.ID, Target: sim.Target{Kind: sim.TargetSite, ID: t4}, Route: south, Package: sim.PackageLarge})
		m := e.State().Missions[len(e.State().Missions)-1]
		answerDefaults(t, e)
		e.Advance()
		req, ok := openDecision(e, sim.DecideRequest)
		if !ok {
			t.Fatal("the southern route raised no request")
		}
		mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderCondition, Decision: req.ID, Route: direct})
		e.Advance()
		resp, ok := openDecision(e, sim.DecideResponse)
		if !ok {
			t.Fatal("no response decision after the condition")
		}
		mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderComply, Decision: resp.ID})
		if flown, flagged := flownInHalt(t, e, m); flown && !flagged {
			t.Fatalf("seed %d: mission %d was rerouted through a halt in force and flew unflagged", seed, m.ID)
		}
	}
}
