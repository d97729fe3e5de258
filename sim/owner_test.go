package sim_test

import (
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/simtest"
)

// ownerEvent is an event handing a site to an actor on a day, handing it
// back after revert days (0: never).
func ownerEvent(id string, day, site int32, to sim.Actor, revert int32) sim.Event {
	tm := timing()
	tm.RevertDays = revert
	return sim.Event{ID: id, Day: day, More: tm,
		Effects: []sim.Effect{{Kind: sim.EffectOwner, Site: site, Set: true, Value: int64(to), Zone: -1, Corridor: -1}}}
}

// TestOwnerHandover: Al-Tanf, a US garrison of 200, handed to Syria on the
// second day for two days. Testland's US troops are al-Omar's 300 and
// Al-Tanf's 200: 500 before, 300 while Syria holds Al-Tanf, 500 again once
// it is handed back (one-day turns: fired at the events of turn 1, reverted
// at those of turn 1 + 2 = 3). While Syria holds it, it is no US site: no
// US troops there, not exposed to proxy attacks, no hazard the US sees.
func TestOwnerHandover(t *testing.T) {
	sc := quiet()
	tanf := sc.SiteIndex("tanf")
	sc.Events = []sim.Event{ownerEvent("handover", sc.StartDay+1, tanf, sim.Syria, 2)}
	e := sim.New(sc, 1)
	if n := len(e.State().Owners); n != len(sc.Sites) {
		t.Fatalf("%d owners kept, want one per site (%d)", n, len(sc.Sites))
	}
	atTanf := sim.Scope{Kind: sim.ScopeSite, Index: tanf}
	var obs sim.Observation
	for turn, want := range []struct {
		owner         sim.Actor
		troops, there int64
		exposed       bool
	}{ // by the turn just played
		{sim.USA, 500, 200, true},  // turn 0
		{sim.Syria, 300, 0, false}, // turn 1: handed over
		{sim.Syria, 300, 0, false}, // turn 2
		{sim.USA, 500, 200, true},  // turn 3: handed back
		{sim.USA, 500, 200, true},  // turn 4
	} {
		if playTurn(t, e) == sim.StopOver {
			t.Fatalf("the run ended at turn %d", turn)
		}
		e.Observe(sim.USA, &obs)
		if got := e.Owner(tanf); got != want.owner || obs.Owner(tanf) != want.owner {
			t.Errorf("turn %d: owner %s, observed %s, want %s", turn, got, obs.Owner(tanf), want.owner)
		}
		if got := e.Metric(sim.MetricUSTroops); got != want.troops {
			t.Errorf("turn %d: %d US troops, want %d", turn, got, want.troops)
		}
		if got := e.Value(sim.MetricUSTroops, atTanf); got != want.there {
			t.Errorf("turn %d: %d US troops at Al-Tanf, want %d", turn, got, want.there)
		}
		if got := e.Exposed(tanf); got != want.exposed {
			t.Errorf("turn %d: exposed %t, want %t", turn, got, want.exposed)
		}
		if known := obs.Sites[tanf].Hazard >= 0; known != want.exposed {
			t.Errorf("turn %d: the US sees a hazard at Al-Tanf: %t, want %t", turn, known, want.exposed)
		}
		if e.State().Sites[tanf].Troops != 200 {
			t.Errorf("turn %d: %d troops stationed, want 200 (they stay)", turn, e.State().Sites[tanf].Troops)
		}
	}
}

// TestOwnerCover: a Syrian S-200 battery handed to Israel stops giving
// cover: a raid on T4 by the direct route flies inside its cover, and while
// Israel holds it the raid's exposure is that of the same theatre with no
// S-200 cover at all; handed back, the exposure is what it was.
func TestOwnerCover(t *testing.T) {
	sc := quiet()
	s200, t4 := sc.SiteIndex("s200-dumayr"), sc.SiteIndex("t4")
	direct := int32(-1)
	for r := range sc.Routes {
		if sc.Routes[r].ID == "direct" {
			direct = int32(r)
		}
	}
	bare := quiet()
	bare.Sites[s200].ADRange, bare.Sites[s200].ADStrength = 0, 0
	pos := sc.Sites[t4].Pos
	without := sim.New(bare, 1).Assess(direct, pos).Exposure

	sc.Events = []sim.Event{ownerEvent("handover", sc.StartDay+1, s200, sim.Israel, 2)}
	e := sim.New(sc, 1)
	with := e.Assess(direct, pos).Exposure
	if with <= without {
		t.Fatalf("exposure %d with the S-200's cover, %d without: the route does not cross it", with, without)
	}
	// the turn just played: handed over at turn 1, back at turn 3
	for turn, want := range []int64{with, without, without, with} {
		if playTurn(t, e) == sim.StopOver {
			t.Fatalf("the run ended at turn %d", turn)
		}
		if got := e.Assess(direct, pos).Exposure; got != want {
			t.Errorf("turn %d: exposure %d, want %d", turn, got, want)
		}
	}
}

// TestOwnerAttackLandsOnNobody: an attack Iran ordered on Al-Tanf, due on
// turn 2, lands after the US has handed the site to Syria (turn 1): it
// hits neither the US nor Israel. Without the handover the same attack is
// one attack on the US.
func TestOwnerAttackLandsOnNobody(t *testing.T) {
	for _, c := range []struct {
		name   string
		handed bool
		onUS   int64
	}{
		{"handed over", true, 0},
		{"kept", false, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := quiet()
			tanf := sc.SiteIndex("tanf")
			sc.Events = []sim.Event{ownerEvent("handover", sc.StartDay+1, tanf, sim.Syria, 0)}
			if !c.handed {
				sc.Events[0].Effects[0].Value = int64(sim.USA) // handed to its owner: nothing changes
			}
			e := sim.New(sc, 1)
			st := e.State()
			st.Attacks = append(st.Attacks, sim.Attack{ID: 9999, Site: tanf, Due: 2})
			waiting := func() bool {
				for _, a := range st.Attacks {
					if a.ID == 9999 {
						return true
					}
				}
				return false
			}
			playTurn(t, e)
			playTurn(t, e)
			if !waiting() {
				t.Fatal("the attack is gone before turn 2")
			}
			playTurn(t, e)
			if waiting() {
				t.Fatal("the attack has not landed on turn 2") // landed attacks are cleared at the turn's end
			}
			if us, il := st.Count[sim.MetricAttacksOnUS], st.Count[sim.MetricAttacksOnIsrael]; us != c.onUS || il != 0 {
				t.Errorf("%d attacks on the US, %d on Israel; want %d and 0", us, il, c.onUS)
			}
		})
	}
}

// TestCloneAfterOwnerChange: a copy of an engine taken after sites have
// changed hands plays on exactly as the run it was copied from, whatever
// memory the copy reuses: every turn's hash and the final observations are
// those of the whole run replayed from the start.
func TestCloneAfterOwnerChange(t *testing.T) {
	base := simtest.Scenario()
	actors := []sim.Actor{sim.Israel, sim.USA, sim.Iran, sim.Hezbollah, sim.Syria, sim.Russia}
	// any site, the two with air-defence cover and Al-Tanf more often
	var sites []int32
	for i := range base.Sites {
		sites = append(sites, int32(i))
	}
	for range 4 {
		sites = append(sites, base.SiteIndex("s200-dumayr"), base.SiteIndex("hmeimim"), base.SiteIndex("tanf"))
	}
	rapid.Check(t, func(t *rapid.T) {
		sc := *base
		sc.Events = append([]sim.Event(nil), base.Events...)
		for i := range rapid.IntRange(1, 3).Draw(t, "handovers") {
			site := rapid.SampledFrom(sites).Draw(t, "site")
			to := rapid.SampledFrom(actors).Draw(t, "to")
			day := sc.StartDay + int32(rapid.IntRange(0, 30).Draw(t, "day"))
			revert := int32(rapid.IntRange(0, 20).Draw(t, "revert"))
			sc.Events = append(sc.Events, ownerEvent("zz-owner-"+string(rune('a'+i)), day, site, to, revert))
		}
		seed := rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed")
		turns := int32(rapid.IntRange(2, 60).Draw(t, "turns"))
		at := int32(rapid.IntRange(1, int(turns)-1).Draw(t, "clone_at"))

		// the whole run, with the AI, recorded
		whole, err := simtest.NewPlayer(&sc, seed)
		if err != nil {
			t.Fatal(err)
		}
		whole.Record = true
		hashes := map[int32]sim.Hash{}
		whole.TurnEnded = func(turn int32) error { hashes[turn] = whole.Engine.Hash(); return nil }
		if err := whole.Play(turns); err != nil {
			t.Fatal(err)
		}

		// the same orders replayed up to the copy, then the copy plays on
		replay := func(e *sim.Engine, script []sim.Recorded) *runner.Loop {
			l := &runner.Loop{Engine: e, Script: script}
			for a := range l.Seats {
				l.Seats[a] = runner.SeatScript
			}
			return l
		}
		first := replay(sim.New(&sc, seed), whole.Orders)
		if err := first.Play(at); err != nil {
			t.Fatal(err)
		}
		var scratch *sim.Engine
		switch rapid.IntRange(0, 2).Draw(t, "scratch") {
		case 1: // memory of another scenario's run
			scratch = sim.New(quiet(), 99)
			playTurn(t, scratch)
		case 2: // memory of another run of this scenario, its owners elsewhere, its caches warm
			other, err := simtest.NewPlayer(&sc, seed+1)
			if err != nil {
				t.Fatal(err)
			}
			if err := other.Play(int32(rapid.IntRange(0, 40).Draw(t, "scratch_turns"))); err != nil {
				t.Fatal(err)
			}
			scratch = other.Engine
		}
		copied := replay(first.Engine.Clone(scratch), first.Unplayed())
		copied.TurnEnded = func(turn int32) error {
			if h := copied.Engine.Hash(); h != hashes[turn] {
				t.Fatalf("turn %d: the copy's hash %s, the whole run's %s", turn, h, hashes[turn])
			}
			return nil
		}
		if err := copied.Play(turns); err != nil {
			t.Fatal(err)
		}
		if copied.Engine.Turn() != whole.Engine.Turn() {
			t.Fatalf("the copy stopped at turn %d, the whole run at %d", copied.Engine.Turn(), whole.Engine.Turn())
		}
		for r := range sc.Routes {
			for i := range sc.Sites {
				pos := sc.Sites[i].Pos
				if want, got := whole.Engine.Assess(int32(r), pos), copied.Engine.Assess(int32(r), pos); want != got {
					t.Fatalf("route %s to %s: the copy assesses %+v, the whole run %+v", sc.Routes[r].ID, sc.Sites[i].ID, got, want)
				}
			}
		}
		for _, a := range actors {
			var want, got sim.Observation
			whole.Engine.Observe(a, &want)
			copied.Engine.Observe(a, &got)
			if !reflect.DeepEqual(want, got) {
				t.Fatalf("%s observes something else in the copy", a)
			}
		}
	})
}
