package ai

import (
	"slices"
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// TestPickMarksWhatPlanReads: at a planning stop Israel's planner marks the
// targets it would strike (value at least min_value, no mission after them
// already: here the second of three is worth too little and the third is
// targeted), and Decide then plans from those marks without weighing again;
// at a stop with no plan it marks none; where another decision comes before
// the plan it asks for every target's options (nil) and weighs in Decide.
func TestPickMarksWhatPlanReads(t *testing.T) {
	obs := tempoObs(10, 0, 100000, 1000)
	obs.SortiesLeft = 2
	obs.Targets = []sim.TargetView{
		{Target: sim.Target{Kind: sim.TargetSite, ID: 0}, Value: 1000, Till: 11, Count: 1},
		{Target: sim.Target{Kind: sim.TargetSite, ID: 1}, Value: 100, Till: 11, First: 1, Count: 1},
		{Target: sim.Target{Kind: sim.TargetSite, ID: 2}, Value: 1000, Till: 11, First: 2, Count: 1},
	}
	obs.Options = []sim.RouteOption{{Route: 0, Success: [3]int64{900000, 900000, 900000}},
		{Route: 0, Success: [3]int64{900000, 900000, 900000}}, {Route: 0, Success: [3]int64{900000, 900000, 900000}}}
	obs.Missions = []sim.Mission{{ID: 5, Target: sim.Target{Kind: sim.TargetSite, ID: 2}, Status: sim.MissionPlanned}}
	newPlanner := func() *israel {
		return &israel{minValue: 500, maxRisk: sim.Micro, deniedTill: -1, russiaWary: aboveTheLadder, tempo: tempo{nextMark: -1}}
	}

	plan := sim.Decision{ID: 7, Actor: sim.Israel, Kind: sim.DecidePlan}
	obs.Decisions = []sim.Decision{plan}
	pol := newPlanner()
	if got := pol.Pick(obs); !slices.Equal(got, []bool{true, false, false}) {
		t.Fatalf("planning stop: Pick = %v, want [true false false]", got)
	}
	out := pol.Decide(obs, nil)
	want := []sim.Order{
		{Kind: sim.OrderStrike, Decision: 7, Target: sim.Target{Kind: sim.TargetSite, ID: 0}, Route: 0, Package: sim.PackageMedium, Notice: sim.NoticeStandard},
		{Kind: sim.OrderEndPlanning, Decision: 7},
	}
	if !slices.Equal(out, want) {
		t.Fatalf("planning stop: Decide = %+v, want %+v", out, want)
	}
	if pol.picked {
		t.Fatal("Decide left Pick's marks standing for the next stop")
	}

	warning := sim.Decision{ID: 8, Actor: sim.Israel, Kind: sim.DecideWarning, Subject: 1}
	obs.Decisions = []sim.Decision{warning}
	if got := newPlanner().Pick(obs); !slices.Equal(got, []bool{false, false, false}) {
		t.Fatalf("no plan: Pick = %v, want none marked", got)
	}
	obs.Decisions = []sim.Decision{warning, plan}
	pol = newPlanner()
	if got := pol.Pick(obs); got != nil {
		t.Fatalf("a plan after another decision: Pick = %v, want nil (every option)", got)
	}
	if pol.picked {
		t.Fatal("Pick weighed targets behind another decision's draws")
	}
}
