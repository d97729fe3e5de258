package sim_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestScopeValues: a site scope reads the site's tally, a zone scope sums
// the sites inside the zone's area, an actor scope counts its orders.
func TestScopeValues(t *testing.T) {
	sc := quiet()
	tanf, golan := sc.SiteIndex("tanf"), sc.SiteIndex("golan")
	zone := int32(-1)
	for i := range sc.Zones {
		if sc.Zones[i].ID == "tanf-55km" {
			zone = int32(i)
		}
	}
	atTanf := sim.Scope{Kind: sim.ScopeSite, Index: tanf}
	sc.Objectives = []sim.Objective{{ID: "o", Role: sim.USA, Metric: sim.MetricUSCasualties, Op: sim.OpAtMost, Scope: atTanf}}
	e := sim.New(sc, 1)
	st := e.State()
	if len(st.Tally) != len(sc.Sites) {
		t.Fatalf("tally of %d sites, want %d", len(st.Tally), len(sc.Sites))
	}
	st.Tally[tanf] = sim.SiteTally{Strikes: 1, Hits: 1, Attacks: 3, Deaths: 2, Injured: 5}
	st.Tally[golan] = sim.SiteTally{Attacks: 4}
	for _, c := range []struct {
		m    sim.Metric
		s    sim.Scope
		want int64
	}{
		{sim.MetricUSCasualties, atTanf, 2},
		{sim.MetricUSInjured, atTanf, 5},
		{sim.MetricAttacksOnUS, atTanf, 3},     // Al-Tanf is a US site
		{sim.MetricAttacksOnIsrael, atTanf, 0}, // … so none of its attacks are on Israel
		{sim.MetricAttacksOnIsrael, sim.Scope{Kind: sim.ScopeSite, Index: golan}, 4},
		{sim.MetricUSTroops, atTanf, sc.Sites[tanf].Troops},
		// the zone is a 55 km circle around Al-Tanf: its tally, not the Golan's
		{sim.MetricAttacksOnUS, sim.Scope{Kind: sim.ScopeZone, Index: zone}, 3},
		{sim.MetricAttacksOnIsrael, sim.Scope{Kind: sim.ScopeZone, Index: zone}, 0},
		// no actor scope in the scenario: orders are not counted
		{0, sim.Scope{Kind: sim.ScopeActor, Index: int32(sim.Iran), Order: sim.OrderRetaliate}, 0},
	} {
		if got := e.Value(c.m, c.s); got != c.want {
			t.Errorf("%s in %+v = %d, want %d", c.m, c.s, got, c.want)
		}
	}
}

// TestOrdersCounted: with an actor scope in the scenario, every order
// given is counted under its actor and kind, so the counts add up to the
// orders each actor gave.
func TestOrdersCounted(t *testing.T) {
	sc := simtest.Scenario()
	sc.Events = append(sc.Events, sim.Event{ID: "zz-iran-fires", Day: -1,
		Cond:    sim.Condition{Op: sim.OpAtLeast, Value: 1, Scope: sim.Scope{Kind: sim.ScopeActor, Index: int32(sim.Iran), Order: sim.OrderRetaliate}},
		Effects: []sim.Effect{{Kind: sim.EffectTrust, Value: -1000, Zone: -1, Site: -1, Corridor: -1}}})
	p, err := simtest.NewPlayer(sc, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Play(120); err != nil {
		t.Fatal(err)
	}
	st := p.Engine.State()
	given := p.Given
	if given[sim.Iran] == 0 {
		t.Fatal("Iran gave no orders in 120 turns")
	}
	for a := range sim.NumActors {
		var n int64
		for k := range sim.NumOrderKinds {
			n += st.Orders[int(a)*int(sim.NumOrderKinds)+int(k)]
		}
		if n != given[a] {
			t.Errorf("%s: %d orders counted, %d given", a, n, given[a])
		}
	}
}

// TestWindowedObjective: "if the Golan is fired on, hit 2 targets within 3
// days", with one-day turns. The attack is counted before turn 2, so the
// objective arms at the end of turn 2 with the 5 hits made so far; its
// window closes at the end of turn 2 + 3 = 5.
func TestWindowedObjective(t *testing.T) {
	fired := sim.Condition{Metric: sim.MetricAttacksOnIsrael, Op: sim.OpAtLeast, Value: 1}
	for _, c := range []struct {
		name     string
		hits     map[int32]int64 // targets_hit set before these turns
		attacked bool
		met      bool
		turn     int32
	}{
		// 6 - 5 = 1 hit in the window: missed when it closes, at turn 5
		{"missed", map[int32]int64{3: 6}, true, false, 5},
		// 7 - 5 = 2 hits by turn 4: met at once, at turn 4
		{"met early", map[int32]int64{3: 6, 4: 7}, true, true, 4},
		// never armed: met at the end (turn 9 of 10)
		{"never armed", map[int32]int64{3: 6}, false, true, 9},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := quiet()
			sc.Turns = 10
			sc.EndDay = sc.StartDay + 9
			sc.Objectives = []sim.Objective{{ID: "answer", Role: sim.Israel, Metric: sim.MetricTargetsHit, Op: sim.OpAtLeast, Value: 2, If: &fired, Within: 3}}
			e := sim.New(sc, 1)
			st := e.State()
			for turn := int32(0); !e.Over(); turn++ {
				if turn == 2 {
					st.Count[sim.MetricTargetsHit] = 5
					if c.attacked {
						st.Count[sim.MetricAttacksOnIsrael]++
					}
				}
				if h, ok := c.hits[turn]; ok {
					st.Count[sim.MetricTargetsHit] = h
				}
				playTurn(t, e)
			}
			if os := st.Objectives[0]; !os.Decided || os.Met != c.met || os.Turn != c.turn {
				t.Errorf("objective %+v, want met %t at turn %d", os, c.met, c.turn)
			}
		})
	}
}

// TestPolicyEffectReverts: a policy effect puts the actor's first later
// setup in force, and revert_days brings the scenario's back.
func TestPolicyEffectReverts(t *testing.T) {
	sc := quiet()
	sc.Actors[sim.Iran].Later = []sim.ActorSetup{{Policy: "restrained"}}
	tm := timing()
	tm.RevertDays = 2
	sc.Events = []sim.Event{{ID: "p", Day: sc.StartDay + 1, More: tm,
		Effects: []sim.Effect{{Kind: sim.EffectPolicy, Actor: sim.Iran, Set: true, Value: 1, Zone: -1, Site: -1, Corridor: -1}}}}
	e := sim.New(sc, 1)
	var obs sim.Observation
	// fired at the events of turn 1, reverted at those of turn 1 + 2 = 3
	for turn, want := range []int32{0, 1, 1, 0} {
		playTurn(t, e)
		if e.Observe(sim.Iran, &obs); obs.Setup != want {
			t.Errorf("after turn %d: setup %d, want %d", turn, obs.Setup, want)
		}
	}
}

// TestSiteEffects: hardness, proximity and ad_strength change the site's
// figures within 0..1; the hazard reads the new proximity.
func TestSiteEffects(t *testing.T) {
	sc := quiet()
	tanf, s200 := sc.SiteIndex("tanf"), sc.SiteIndex("s200-dumayr")
	mk := func(k sim.EffectKind, site int32, set bool, v int64) sim.Effect {
		return sim.Effect{Kind: k, Site: site, Set: set, Value: v, Zone: -1, Corridor: -1}
	}
	sc.Events = []sim.Event{{ID: "e", Day: sc.StartDay, Effects: []sim.Effect{
		mk(sim.EffectProximity, tanf, true, 900_000),
		mk(sim.EffectHardness, tanf, false, 2*sim.Micro), // clamped at 1
		mk(sim.EffectSiteAD, s200, false, -125_000),
	}}}
	e := sim.New(sc, 1)
	playTurn(t, e)
	m := e.State().SiteMods
	if m[tanf].Proximity != 900_000 || m[tanf].Hardness != sim.Micro {
		t.Errorf("tanf: %+v, want proximity 900000 and hardness 1000000", m[tanf])
	}
	// the battery's strength less 0.125
	if want := sc.Sites[s200].ADStrength - 125_000; m[s200].ADStrength != want {
		t.Errorf("s200 strength %d, want %d", m[s200].ADStrength, want)
	}
	if got := e.Hazard(tanf).Proximity; got != 900_000 {
		t.Errorf("hazard proximity %d, want 900000", got)
	}
}

// TestDetectedCorridor: shipments on a watched corridor are detected
// through the last turn of the watch, those dispatched later too.
func TestDetectedCorridor(t *testing.T) {
	sc := quiet()
	sc.Corridors[0].From, sc.Corridors[0].Interval = sc.StartDay, 1 // a shipment every turn from the start
	sc.Events = []sim.Event{{ID: "e", Day: sc.StartDay, Effects: []sim.Effect{{Kind: sim.EffectDetected, Corridor: 0, Site: -1, Zone: -1, Days: 4}}}}
	e := sim.New(sc, 1)
	for range 3 {
		playTurn(t, e)
	}
	st := e.State()
	// 4 days from turn 0: watched through turn 3.
	if st.Watch[0] != 3 {
		t.Fatalf("watch till %d, want 3", st.Watch[0])
	}
	n := 0
	for _, s := range st.Shipments {
		if s.Corridor == 0 {
			n++
			if s.DetectedTill < 3 {
				t.Errorf("shipment %d detected till %d, want 3 or later", s.ID, s.DetectedTill)
			}
		}
	}
	if n == 0 {
		t.Fatal("no shipment on corridor 0 after three turns")
	}
}

// TestZoneSumsItsSites: for any tallies, a zone counts exactly the sum of
// the sites inside its area, and a site's attacks are on the US or on
// Israel, never both.
func TestZoneSumsItsSites(t *testing.T) {
	sc := quiet()
	sc.Objectives = []sim.Objective{{ID: "o", Role: sim.USA, Metric: sim.MetricStrikes, Op: sim.OpAtMost, Scope: sim.Scope{Kind: sim.ScopeZone}}}
	e := sim.New(sc, 1)
	rapid.Check(t, func(t *rapid.T) {
		st := e.State()
		for i := range st.Tally {
			st.Tally[i] = sim.SiteTally{Strikes: rapid.Int64Range(0, 50).Draw(t, "strikes"), Attacks: rapid.Int64Range(0, 50).Draw(t, "attacks")}
		}
		for z := range sc.Zones {
			var want int64
			for i := range sc.Sites {
				if sc.Zones[z].Area.Contains(sc.Sites[i].Pos) {
					want += st.Tally[i].Strikes
				}
			}
			if got := e.Value(sim.MetricStrikes, sim.Scope{Kind: sim.ScopeZone, Index: int32(z)}); got != want {
				t.Fatalf("zone %s: %d strikes, sites inside %d", sc.Zones[z].ID, got, want)
			}
		}
		for i := range sc.Sites {
			s := sim.Scope{Kind: sim.ScopeSite, Index: int32(i)}
			if us, il := e.Value(sim.MetricAttacksOnUS, s), e.Value(sim.MetricAttacksOnIsrael, s); us+il != st.Tally[i].Attacks || us*il != 0 {
				t.Fatalf("site %s: %d on the US and %d on Israel of %d attacks", sc.Sites[i].ID, us, il, st.Tally[i].Attacks)
			}
		}
	})
}
