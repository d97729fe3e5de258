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
