package narrate

import (
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
)

func testScenario() *sim.Scenario {
	return &sim.Scenario{
		ID:        "test",
		Sites:     []sim.Site{{ID: "t4", Name: "T4 (Tiyas) airbase"}, {ID: "tanf", Name: "Al-Tanf garrison"}},
		Corridors: []sim.Corridor{{ID: "land-bridge", Name: "the land bridge"}},
		Events:    []sim.Event{{ID: "s300", Log: "Russia delivers S-300 batteries to Syria."}, {ID: "quiet"}},
	}
}

func TestEveryKindHasDocAndSentence(t *testing.T) {
	sc := testScenario()
	for k := sim.LogKind(0); k < sim.NumLogKinds; k++ {
		if KindDoc(k) == "" {
			t.Errorf("%s: no documentation", k)
		}
		for _, site := range []int32{-1, 0, 1, 99} {
			e := sim.Entry{Kind: k, Actor: sim.USA, Other: sim.Iran, Site: site, Subject: 0, Value: 2000}
			s := Describe(sc, e)
			if s == "" || !strings.HasSuffix(s, ".") || strings.Contains(s, "%!") {
				t.Errorf("%s, site %d: bad sentence %q", k, site, s)
			}
		}
	}
}

func TestDescribeUsesScenarioNames(t *testing.T) {
	sc := testScenario()
	cases := []struct {
		e    sim.Entry
		want string
	}{
		{sim.Entry{Kind: sim.LogStrikeHit, Actor: sim.Israel, Other: sim.Iran, Site: 0, Subject: 40}, "Israeli strike mission 40 destroyed its target at T4 (Tiyas) airbase."},
		{sim.Entry{Kind: sim.LogStrikeHit, Actor: sim.Israel, Other: sim.Iran, Site: -1, Subject: 41}, "Israeli strike mission 41 destroyed a weapons shipment on its way to Hezbollah."},
		{sim.Entry{Kind: sim.LogEvent, Site: -1, Subject: 0}, "Russia delivers S-300 batteries to Syria."},
		{sim.Entry{Kind: sim.LogEvent, Site: -1, Subject: 1}, "Scripted event quiet took effect."},
		{sim.Entry{Kind: sim.LogAttack, Actor: sim.Iran, Other: sim.USA, Site: 1, Value: 2}, "A proxy attack hit Al-Tanf garrison and killed 2 people."},
		{sim.Entry{Kind: sim.LogAttack, Actor: sim.Iran, Other: sim.USA, Site: 1}, "A proxy attack hit Al-Tanf garrison; no one was killed."},
		{sim.Entry{Kind: sim.LogAttackOrdered, Actor: sim.Iran, Site: 1, Value: sim.MethodDrones}, "Iran ordered a proxy drone attack on Al-Tanf garrison."},
		{sim.Entry{Kind: sim.LogDispatch, Actor: sim.Iran, Site: -1, Subject: 0}, "Iran paused shipments on the land bridge."},
		{sim.Entry{Kind: sim.LogDispatch, Actor: sim.Iran, Site: -1, Subject: 0, Value: 1}, "Iran set shipments on the land bridge to leave every turn."},
		{sim.Entry{Kind: sim.LogRequest, Site: -1, Subject: 7, Value: int64(sim.ReasonZone | sim.ReasonStandoff)}, "Israel asked the US to review strike mission 7 (it passes a US deconfliction zone; the target is near US troops)."},
		{sim.Entry{Kind: sim.LogEscalation, Site: -1, Subject: int32(sim.USAIran), Value: 3000}, "The US–Iran escalation ladder rose to level 3 of 5."},
		{sim.Entry{Kind: sim.LogDeescalation, Site: -1, Subject: int32(sim.USAIran), Value: 990}, "The US–Iran escalation ladder eased below level 1 of 5."},
		{sim.Entry{Kind: sim.LogHalt, Actor: sim.USA, Site: -1, Value: 1}, "The US called a halt to Israeli strikes over an area for 1 day."},
		{sim.Entry{Kind: sim.LogOutcome, Site: -1, Subject: int32(sim.OutcomeUSDrawnIn)}, "The run ended: the United States was drawn into open conflict with Iran."},
		{sim.Entry{Kind: sim.LogWarning, Site: 7}, "Israel warned the US of a coming attack on site 7."},
		{sim.Entry{Kind: sim.LogWithdrawn, Site: -1, Subject: 9, Value: sim.WithdrawnRoute}, "Israel withdrew strike mission 9 rather than fly the other route the US asked for."},
		{sim.Entry{Kind: sim.LogWithdrawn, Site: -1, Subject: 9, Value: sim.WithdrawnDelay}, "Israel withdrew strike mission 9 rather than wait as the US asked."},
		{sim.Entry{Kind: sim.LogWithdrawn, Site: -1, Subject: 9, Value: sim.WithdrawnTargetGone}, "Israel withdrew strike mission 9: its target was already gone."},
		{sim.Entry{Kind: sim.LogEvacuation, Site: 1, Value: 6}, "The US evacuated most of its troops from Al-Tanf garrison for 6 turns."},
	}
	for _, c := range cases {
		if got := Describe(sc, c.e); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.e.Kind, got, c.want)
		}
	}
}
