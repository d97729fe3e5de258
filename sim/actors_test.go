package sim_test

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// withISIS returns flatland with the Islamic State taking part and the
// counter-IS campaign at rest.
func withISIS() *sim.Scenario {
	sc := flatland()
	sc.Actors[sim.ISIS].Present = true
	return sc
}

// TestOracleInsurgencyChance: the chance of an opening is insurgency (0.03)
// × the mean of the share of US troops away and the share of the campaign
// still to go. Flatland has 400 troops at Al-Tanf and 100 at the tower.
func TestOracleInsurgencyChance(t *testing.T) {
	for _, c := range []struct {
		name      string
		progress  int64
		evacuated bool
		noTroops  bool
		want      int64
	}{
		{"all present, 20% done", 20_000, false, false, 12_000},      // 0.03 × (0 + 0.8) / 2
		{"Al-Tanf evacuated, 20% done", 20_000, true, false, 22_800}, // 360 of 500 away: 0.03 × (0.72 + 0.8) / 2
		{"no US troops, done", 100_000, false, true, 15_000},         // 0.03 × (1 + 0) / 2
		{"all present, done", 100_000, false, false, 0},              // no slack
	} {
		t.Run(c.name, func(t *testing.T) {
			e := sim.New(withISIS(), 1)
			st := e.State()
			st.CounterIS = c.progress
			if c.evacuated {
				st.Sites[flTanf].EvacuatedTill = 5
			}
			if c.noTroops {
				st.Sites[flTanf].Troops, st.Sites[flTower].Troops = 0, 0
			}
			if got := e.InsurgencyChance(); got != c.want {
				t.Fatalf("chance %d, want %d", got, c.want)
			}
		})
	}
}

// TestOracleRaid: with insurgency at 1 and slack above 0 the Islamic State
// finds an opening in the diplomacy step; a raid takes raid_loss (0.2
// points) from the counter-IS progress, not below 0, and holding changes
// nothing.
func TestOracleRaid(t *testing.T) {
	for _, c := range []struct {
		name       string
		order      sim.OrderKind
		from, want int64
	}{
		{"raid", sim.OrderRaid, 10_000, 9_800}, // 10 − 0.2
		{"raid near the bottom", sim.OrderRaid, 100, 0},
		{"hold", sim.OrderHold, 10_000, 10_000},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := withISIS()
			sc.Params[sim.ParamInsurgency] = sim.Micro
			e := sim.New(sc, 1)
			e.State().CounterIS = c.from
			if !advanceUntil(t, e, func() bool { _, ok := openDecision(e, sim.DecideInsurgency); return ok }) {
				t.Fatal("no insurgency decision")
			}
			d, _ := openDecision(e, sim.DecideInsurgency)
			mustApply(t, e, sim.ISIS, sim.Order{Kind: c.order, Decision: d.ID})
			if got := e.State().CounterIS; got != c.want {
				t.Fatalf("counter-IS %d, want %d", got, c.want)
			}
		})
	}
}

// TestOracleGolanFire: Hezbollah's answer orders a claimed rocket attack
// on the Israeli position, landing next turn; it then raises the
// Israel–Iran ladder by 5 × escalation_per_attack (0.18) = 0.9 and
// Israel's deterrence by deterrence_per_response (0.15).
func TestOracleGolanFire(t *testing.T) {
	e := sim.New(flatland(), 1)
	st := e.State()
	st.Pending = append(st.Pending, sim.Decision{ID: st.NextID, Actor: sim.Hezbollah, Kind: sim.DecideAnswer, Subject: 7})
	st.NextID++
	if err := e.Apply(sim.Iran, sim.Order{Kind: sim.OrderFireGolan, Decision: st.NextID - 1}); err == nil {
		t.Fatal("Iran gave Hezbollah's order")
	}
	mustApply(t, e, sim.Hezbollah, sim.Order{Kind: sim.OrderFireGolan, Decision: st.NextID - 1})
	if len(st.Attacks) != 1 {
		t.Fatalf("%d attacks, want 1", len(st.Attacks))
	}
	if a := st.Attacks[0]; a.Site != flGolan || a.Method != sim.MethodRockets || !a.Claimed || a.Due != 1 {
		t.Fatalf("attack %+v, want claimed rockets on the Golan due on turn 1", a)
	}
	playTurn(t, e)
	playTurn(t, e)
	if st.Escalation[sim.IsraelIran] != 900 || st.Deterrence[sim.TowardIsrael] != 150_000 || st.Count[sim.MetricAttacksOnIsrael] != 1 {
		t.Fatalf("ladder %d, deterrence %d, attacks on Israel %d; want 900, 150000, 1",
			st.Escalation[sim.IsraelIran], st.Deterrence[sim.TowardIsrael], st.Count[sim.MetricAttacksOnIsrael])
	}
}

// withFronts returns flatland with Turkey and the SDF taking part, the SDF
// holding a town (appended last, after the tower in id order), Al-Tanf in
// the border strip (37°N) and the counter-IS campaign advancing at
// counter_is_rate (0.1 points a turn × the share of US troops present).
func withFronts() *sim.Scenario {
	sc := flatland()
	sc.Actors[sim.Turkey].Present, sc.Actors[sim.SDF].Present = true, true
	sc.Sites = append(sc.Sites, sim.Site{ID: "town", Name: "town", Kind: sim.SiteCity, Owner: sim.SDF})
	sc.Sites[flTanf].LatMicro = 37_000_000
	sc.Params[sim.ParamCounterISRate] = sim.DefaultParams()[sim.ParamCounterISRate]
	return sc
}

// answerFront advances an engine to the SDF's review of its fronts (at
// the logistics step of every 7th day: turn 0 is one) and answers it.
func answerFront(t *testing.T, e *sim.Engine, k sim.OrderKind) {
	t.Helper()
	if !advanceUntil(t, e, func() bool { _, ok := openDecision(e, sim.DecideFront); return ok }) {
		t.Fatal("no review of the SDF's fronts")
	}
	if e.Step() != sim.StepLogistics {
		t.Fatalf("the SDF reviews its fronts at the %s step, not at the logistics", e.Step())
	}
	d, _ := openDecision(e, sim.DecideFront)
	mustApply(t, e, sim.SDF, sim.Order{Kind: k, Decision: d.ID})
}

// TestOracleFronts: the SDF reviews its fronts at the start of the turn,
// before Turkey reviews its offensive in the diplomacy step. Turning north
// keeps its forces there for turns(divertDays) = 30 turns and halves the
// counter-IS gain from this turn on (divert_slowdown 0.5); a Turkish
// offensive that opens while they stand there sets the campaign back by
// nothing, against offensive_loss (2 points) when they face south, and
// pins Al-Tanf (in the border strip) to a tenth of its troops.
func TestOracleFronts(t *testing.T) {
	for _, c := range []struct {
		name         string
		sdf          sim.OrderKind
		afterTurn0   int64 // counter-IS after turn 0's gain and the offensive
		afterTurn1   int64 // after turn 1's gain
		divertedTill int32
	}{
		// 80 + 0.1 − 0.05 (turn 0, all present, halved) = 80.05; the offensive costs nothing;
		// turn 1: Al-Tanf pinned, 40 + 100 = 140 of 500 present: 0.1 × 140 / 500 = 0.028, halved: 0.014
		{"turned north", sim.OrderDivert, 80_050, 80_064, 29},
		// 80 + 0.1 − 2 = 78.1; turn 1: 0.028 at full pace
		{"facing south", sim.OrderHold, 78_100, 78_128, -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := sim.New(withFronts(), 1)
			st := e.State()
			st.CounterIS = 80_000
			answerFront(t, e, c.sdf)
			if !advanceUntil(t, e, func() bool { _, ok := openDecision(e, sim.DecideOffensive); return ok }) {
				t.Fatal("no Turkish review on turn 0")
			}
			off, _ := openDecision(e, sim.DecideOffensive)
			mustApply(t, e, sim.Turkey, sim.Order{Kind: sim.OrderOffensive, Decision: off.ID})
			if st.CounterIS != c.afterTurn0 || st.DivertedTill != c.divertedTill || st.OffensiveTill != 29 {
				t.Fatalf("counter-IS %d, forces north till %d, offensive till %d; want %d, %d, 29",
					st.CounterIS, st.DivertedTill, st.OffensiveTill, c.afterTurn0, c.divertedTill)
			}
			playTurn(t, e)
			playTurn(t, e)
			if st.CounterIS != c.afterTurn1 {
				t.Fatalf("counter-IS after turn 1 %d, want %d", st.CounterIS, c.afterTurn1)
			}
		})
	}
}

// TestOracleTerms: terms with Damascus and Moscow hold through turn T +
// turns(termsDays) − 1 = 179 and cost terms_loss (1.5 points); while they
// hold Turkey reviews no offensive, and the SDF cannot seek terms again.
func TestOracleTerms(t *testing.T) {
	e := sim.New(withFronts(), 1)
	st := e.State()
	st.CounterIS = 88_000
	answerFront(t, e, sim.OrderSeekTerms)
	if st.CounterIS != 86_500 || st.TermsTill != 179 { // 88 − 1.5, before turn 0's gain
		t.Fatalf("counter-IS %d, terms till %d; want 86500, 179", st.CounterIS, st.TermsTill)
	}
	sawFront := false
	for e.Turn() < 8 {
		if _, ok := openDecision(e, sim.DecideOffensive); ok {
			t.Fatalf("turn %d: Turkey reviews an offensive while the terms hold", e.Turn())
		}
		if d, ok := openDecision(e, sim.DecideFront); ok && e.Turn() == 7 {
			sawFront = true
			if err := e.Check(sim.SDF, sim.Order{Kind: sim.OrderSeekTerms, Decision: d.ID}); err == nil {
				t.Fatal("the SDF sought terms twice")
			}
		}
		answerDefaults(t, e)
		e.Advance()
	}
	if !sawFront {
		t.Fatal("no review of the SDF's fronts on turn 7")
	}
}

// TestOracleTermsEndAnOffensive: terms sought while an offensive runs end
// it with the turn before, so Al-Tanf counts in full again at once.
func TestOracleTermsEndAnOffensive(t *testing.T) {
	e := sim.New(withFronts(), 1)
	st := e.State()
	st.OffensiveTill = 20 // under way: Turkey does not review
	if !advanceUntil(t, e, func() bool { _, ok := openDecision(e, sim.DecideFront); return ok }) {
		t.Fatal("no review of the SDF's fronts")
	}
	// 400 troops at Al-Tanf, pinned
	if e.Present(flTanf) != 40 { // 400 / 10
		t.Fatalf("Al-Tanf present %d under the offensive, want 40", e.Present(flTanf))
	}
	d, _ := openDecision(e, sim.DecideFront)
	mustApply(t, e, sim.SDF, sim.Order{Kind: sim.OrderSeekTerms, Decision: d.ID})
	if st.OffensiveTill != -1 || e.Present(flTanf) != 400 {
		t.Fatalf("offensive till %d, Al-Tanf present %d; want -1, 400", st.OffensiveTill, e.Present(flTanf))
	}
}

// TestOracleAskShipment: Hezbollah may ask Iran to replace a lost shipment
// while a corridor runs today; Iran's grant sends one of the corridor's
// size (100) from its first stop at once, on top of the corridor's own
// pace (its next dispatch stays due when it was); a decline sends nothing.
func TestOracleAskShipment(t *testing.T) {
	for _, c := range []struct {
		name      string
		answer    sim.OrderKind
		shipments int
	}{
		{"grant", sim.OrderGrant, 1},
		{"decline", sim.OrderDecline, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := sim.New(flatland(), 1)
			st := e.State()
			st.Pending = append(st.Pending, sim.Decision{ID: st.NextID, Actor: sim.Hezbollah, Kind: sim.DecideAnswer, Subject: 7})
			st.NextID++
			ask := sim.Order{Kind: sim.OrderAskShipment, Decision: st.NextID - 1}
			if err := e.Check(sim.Hezbollah, ask); err == nil {
				t.Fatal("Hezbollah asked for a shipment while every corridor is paused")
			}
			st.Corridors[0].Interval, st.Corridors[0].Next = 5, 3
			mustApply(t, e, sim.Hezbollah, ask)
			d, ok := openDecisionAbout(e, sim.DecideSupply, 7)
			if !ok || d.Actor != sim.Iran {
				t.Fatal("Iran was not asked about shipment 7")
			}
			mustApply(t, e, sim.Iran, sim.Order{Kind: c.answer, Decision: d.ID})
			if len(st.Shipments) != c.shipments || st.Count[sim.MetricShipmentsSent] != int64(c.shipments) || st.Corridors[0].Next != 3 {
				t.Fatalf("%d shipments (%d sent), next dispatch %d; want %d, 3", len(st.Shipments), st.Count[sim.MetricShipmentsSent], st.Corridors[0].Next, c.shipments)
			}
			if c.shipments == 1 {
				if s := st.Shipments[0]; s.Size != 100 || s.Dist != 0 || s.NextStop != 1 {
					t.Fatalf("shipment %+v, want 100 units at the border bound for the depot", s)
				}
			}
		})
	}
}
