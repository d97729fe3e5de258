package sim_test

import (
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestPreviewMatchesApply: for random states and valid orders, every value a
// preview shows is the value the engine holds once the order is applied.
// A line that comes true later (When set: a chance, an expectation) is
// compared where it can be: the chances of a mission with the mission as
// Apply left it; the rest must say when they come true.
func TestPreviewMatchesApply(t *testing.T) {
	compared := 0
	rapid.Check(t, func(t *rapid.T) {
		e := midRun(t)
		src := simtest.Rapid{T: t}
		var obs sim.Observation
		for range 100 {
			if e.Over() {
				break
			}
			if rapid.IntRange(0, 3).Draw(t, "move on") == 0 { // close the stop, go to the next
				for _, d := range e.Pending() {
					if !d.Done {
						if err := e.Apply(d.Actor, sim.DefaultOrder(d)); err != nil {
							t.Fatal(err)
						}
					}
				}
				e.Advance()
				continue
			}
			a, o, ok := simtest.FreeOrder(src, e)
			var open []sim.Actor
			for _, d := range e.Pending() {
				if !d.Done {
					open = append(open, d.Actor)
				}
			}
			if len(open) > 0 && rapid.IntRange(0, 3).Draw(t, "answer") > 0 {
				a = rapid.SampledFrom(open).Draw(t, "actor")
				e.Observe(a, &obs)
				o, ok = simtest.ValidOrder(src, &obs)
			}
			if !ok {
				continue
			}
			pv, err := e.Preview(a, o)
			if err != nil {
				t.Fatalf("preview of a valid %s order: %v", o.Kind, err)
			}
			after := e.Clone(nil)
			if err := after.Apply(a, o); err != nil {
				t.Fatalf("apply of a valid %s order: %v", o.Kind, err)
			}
			for _, l := range pv.Lines {
				compared += checkLine(t, e, after, o, l)
			}
			if rapid.Bool().Draw(t, "apply") {
				if err := e.Apply(a, o); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	if compared == 0 {
		t.Fatal("no preview line was compared with the engine")
	}
}

// checkLine compares one preview line with the quantity read from the
// engine before (e) and after (after) the order, and reports whether it
// compared anything.
func checkLine(t *rapid.T, e, after *sim.Engine, o sim.Order, l sim.PreviewLine) int {
	t.Helper()
	want := func(before, afterV int64) int {
		if l.Before != before || l.After != afterV {
			t.Fatalf("%s order: preview %q %d → %d, engine %d → %d", o.Kind, l.Label, l.Before, l.After, before, afterV)
		}
		return 1
	}
	if l.When != "" {
		m := previewedMission(e, after, o)
		if m == nil || !strings.Contains(l.When, "when it flies") || o.Kind == sim.OrderCondition {
			return 0 // an expectation of what comes later: nothing to read yet
		}
		x := sim.PackageIntercept(after.Intercept(m.Exposure), m.Package)
		switch l.Label {
		case "strike success":
			p := int64(0)
			if m.Status != sim.MissionWithdrawn {
				p = after.SuccessChance(m.Target, m.Package, m.Exposure)
			}
			return want(l.Before, p)
		case "interception":
			return want(0, x)
		case "aircraft lost":
			return want(0, x*after.Param(sim.ParamAircraftLoss)/sim.Micro)
		}
		return 0
	}
	b, a := e.State(), after.State()
	switch l.Label {
	case "Israel–US trust":
		return want(b.Trust, a.Trust)
	case "talks progress":
		return want(b.Talks, a.Talks)
	case "expected deaths if attacked":
		return want(droneToll(e, o.Site), droneToll(after, o.Site))
	case "counter-IS progress a turn":
		return want(counterIS(e), counterIS(after))
	case "counter-IS progress":
		return want(b.CounterIS, a.CounterIS)
	case "counter-IS progress a Turkish offensive would cost":
		return want(offensiveCost(e), offensiveCost(after))
	case "shipments on their way to Hezbollah":
		return want(int64(len(b.Shipments)), int64(len(a.Shipments)))
	case "turns the strike waits":
		var id int32
		for _, d := range e.Pending() {
			if d.ID == o.Decision {
				id = d.Subject
			}
		}
		wait := func(st *sim.State) int64 {
			for _, m := range st.Missions {
				if m.ID == id {
					return int64(max(0, m.FlyTurn-st.Turn))
				}
			}
			return -1
		}
		return want(wait(b), wait(a))
	case "turns before the strike may fly":
		for _, r := range a.Requests {
			if r.Mission == previewedMission(e, after, o).ID {
				return want(0, int64(r.Delay))
			}
		}
	}
	for p := sim.Pair(0); p < sim.NumPairs; p++ {
		if l.Label == p.String()+" ladder" {
			return want(b.Escalation[p], a.Escalation[p])
		}
	}
	sc := e.Scenario()
	for i := range sc.Sites {
		if l.Label == sc.Sites[i].Name+" attack hazard" {
			hb, ha := e.Hazard(int32(i)), after.Hazard(int32(i))
			terms := []sim.Term{
				{Name: "base", Scale: sim.Micro, Before: hb.Base, After: ha.Base},
				{Name: "grievance", Scale: sim.Milli, Before: hb.Grievance, After: ha.Grievance},
				{Name: "complicity", Scale: sim.Micro, Before: hb.Complicity, After: ha.Complicity},
				{Name: "proximity", Scale: sim.Micro, Before: hb.Proximity, After: ha.Proximity},
				{Name: "1 - deterrence", Scale: sim.Micro, Before: sim.Micro - hb.Deterrence, After: sim.Micro - ha.Deterrence},
				{Name: "1 + ladder", Scale: sim.Milli, Before: hb.Escalation, After: ha.Escalation},
			}
			if !reflect.DeepEqual(l.Terms, terms) {
				t.Fatalf("%s order: preview %q terms %+v, engine %+v", o.Kind, l.Label, l.Terms, terms)
			}
			return want(hb.Hazard, ha.Hazard)
		}
	}
	t.Fatalf("%s order: preview line %q is neither a quantity of the state nor says when it comes true", o.Kind, l.Label)
	return 0
}

// previewedMission returns, as Apply left it, the mission an order plans
// or answers for, or nil.
func previewedMission(e, after *sim.Engine, o sim.Order) *sim.Mission {
	st := after.State()
	if o.Kind == sim.OrderStrike {
		return &st.Missions[len(st.Missions)-1]
	}
	var subject int32 = -1
	for _, d := range e.Pending() {
		if d.ID == o.Decision {
			subject = d.Subject
			if d.Kind == sim.DecideRequest {
				for _, r := range st.Requests {
					if r.ID == d.Subject {
						subject = r.Mission
					}
				}
			}
		}
	}
	for i := range st.Missions {
		if st.Missions[i].ID == subject {
			return &st.Missions[i]
		}
	}
	return nil
}

// droneToll is the documented expected toll of a drone attack on a site:
// the troops present (a tenth while evacuated) times the drone lethality,
// halved at a hardened site.
func droneToll(e *sim.Engine, site int32) int64 {
	ss := &e.State().Sites[site]
	present := ss.Troops
	if ss.EvacuatedTill >= e.Turn() {
		present /= 10
	}
	lethality := e.Param(sim.ParamLethalityDrones)
	if ss.Hardened {
		lethality /= 2
	}
	return present * lethality
}

// offensiveCost is the documented setback of a Turkish offensive: nothing
// while the SDF's forces stand in the north or its terms hold, else
// offensive_loss.
func offensiveCost(e *sim.Engine) int64 {
	if st := e.State(); st.DivertedTill >= st.Turn || st.TermsTill >= st.Turn {
		return 0
	}
	return e.Param(sim.ParamOffensiveLoss)
}

// counterIS is the documented counter-IS progress a turn: the rate times
// the share of US troops present at US sites, less divert_slowdown of it
// while the SDF's forces stand in the north.
func counterIS(e *sim.Engine) int64 {
	var troops, present int64
	for i := range e.Scenario().Sites {
		if e.Owner(int32(i)) != sim.USA {
			continue
		}
		ss := &e.State().Sites[i]
		troops += ss.Troops
		if ss.EvacuatedTill >= e.Turn() {
			present += ss.Troops / 10
		} else {
			present += ss.Troops
		}
	}
	if troops == 0 {
		return 0
	}
	gain := e.Param(sim.ParamCounterISRate) * present / troops
	if e.State().DivertedTill >= e.Turn() {
		gain -= gain * e.Param(sim.ParamDivertSlowdown) / sim.Micro
	}
	return gain
}

// TestCloneIsDeep: a clone has the engine's state and hash, shares none of
// its slices, and playing it on changes nothing in the original.
func TestCloneIsDeep(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := midRun(t)
		before, hash, digest := simtest.Clone(e.State()), e.Hash(), e.State().Digest(nil)
		var scratch *sim.Engine
		if rapid.Bool().Draw(t, "reuse") {
			scratch = sim.New(e.Scenario(), 99) // memory from another run to reuse
			for range 3 {
				scratch.Advance()
			}
		}
		c := e.Clone(scratch)
		if c.Hash() != hash || !reflect.DeepEqual(simtest.Clone(c.State()), before) {
			t.Fatal("the clone differs from the engine")
		}
		sv, cv := reflect.ValueOf(e.State()).Elem(), reflect.ValueOf(c.State()).Elem()
		for i := range sv.NumField() {
			if f := sv.Field(i); f.Kind() == reflect.Slice && f.Len() > 0 && f.Pointer() == cv.Field(i).Pointer() {
				t.Fatalf("the clone shares State.%s with the engine", sv.Type().Field(i).Name)
			}
		}
		for range rapid.IntRange(1, 6).Draw(t, "stops") {
			for _, d := range c.Pending() {
				if !d.Done {
					if err := c.Apply(d.Actor, sim.DefaultOrder(d)); err != nil {
						t.Fatal(err)
					}
				}
			}
			if c.Advance() == sim.StopOver {
				break
			}
		}
		unchanged(t, "playing the clone", e, before, hash, digest)
	})
}

// BenchmarkPreview times the preview of a free US order (an evacuation of
// a manned garrison) mid-run in testland: a copy of the engine reused
// from one preview to the next, the order applied to it, the lines read.
func BenchmarkPreview(b *testing.B) {
	p, err := simtest.NewPlayer(simtest.Scenario(), 1)
	if err != nil {
		b.Fatal(err)
	}
	for range 40 {
		if _, err := p.Turn(); err != nil {
			b.Fatal(err)
		}
	}
	e := p.Engine
	o := sim.Order{Kind: sim.OrderEvacuate, Site: -1}
	for i, s := range e.Scenario().Sites {
		if s.Owner == sim.USA && e.State().Sites[i].Troops > 0 {
			o.Site = int32(i)
		}
	}
	if _, err := e.Preview(sim.USA, o); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := e.Preview(sim.USA, o); err != nil {
			b.Fatal(err)
		}
	}
}
