package view

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/game/keymap"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
	"github.com/deconflict/deconflict/sim/scenario"
	"pgregory.net/rapid"
)

func TestPlacedLabelsNeverOverlap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vp := ui.Rect{X: 0, Y: 0, W: 800, H: 600}
		n := rapid.IntRange(0, 60).Draw(t, "n")
		var labels []Label
		for i := range n {
			labels = append(labels, Label{
				Text: "x", Key: i,
				X: rapid.Float64Range(-50, 850).Draw(t, "x"), Y: rapid.Float64Range(-50, 650).Draw(t, "y"),
				W: rapid.Float64Range(10, 200).Draw(t, "w"), H: rapid.Float64Range(8, 30).Draw(t, "h"),
				Gap: rapid.Float64Range(0, 12).Draw(t, "gap"), Priority: rapid.IntRange(0, 5).Draw(t, "p"),
			})
		}
		obstacles := []ui.Rect{{X: 600, Y: 0, W: 200, H: 600}}
		placed := PlaceLabels(labels, obstacles, vp)
		for i, a := range placed {
			if !a.Box.Inside(vp) {
				t.Fatalf("label %d at %+v leaves the view", a.Key, a.Box)
			}
			if a.Box.Overlaps(obstacles[0]) {
				t.Fatalf("label %d at %+v covers an obstacle", a.Key, a.Box)
			}
			for _, b := range placed[i+1:] {
				if a.Box.Overlaps(b.Box) {
					t.Fatalf("labels %d %+v and %d %+v overlap", a.Key, a.Box, b.Key, b.Box)
				}
			}
		}
	})
}

func TestLabelPriorityWins(t *testing.T) {
	labels := []Label{
		{Text: "minor", X: 100, Y: 100, W: 50, H: 10, Gap: 4, Priority: 1, Key: 0},
		{Text: "capital", X: 100, Y: 100, W: 50, H: 10, Gap: 4, Priority: 9, Key: 1},
	}
	placed := PlaceLabels(labels, nil, ui.Rect{W: 400, H: 400})
	if len(placed) != 2 || placed[0].Key != 1 || placed[0].Box.X != 104 {
		t.Errorf("placed %+v: the capital should take the preferred spot (right of the point)", placed)
	}
	crowded := PlaceLabels(labels, nil, ui.Rect{X: 90, Y: 90, W: 70, H: 20})
	if len(crowded) != 1 || crowded[0].Key != 1 {
		t.Errorf("with room for one label, placed %+v", crowded)
	}
}

func TestAffiliation(t *testing.T) {
	cases := []struct {
		role, owner sim.Actor
		want        Affiliation
	}{
		{sim.USA, sim.USA, Friend}, {sim.USA, sim.Israel, Friend}, {sim.USA, sim.Iran, Hostile},
		{sim.USA, sim.Russia, Neutral}, {sim.Iran, sim.Hezbollah, Friend}, {sim.Iran, sim.USA, Hostile},
		{sim.Iran, sim.ISIS, Hostile}, {sim.Israel, sim.Syria, Hostile}, {sim.NoActor, sim.Iran, Hostile},
		{sim.NoActor, sim.USA, Friend}, {sim.USA, sim.NoActor, Unknown}, {sim.Russia, sim.USA, Neutral},
	}
	for _, c := range cases {
		if got := AffiliationOf(c.role, c.owner); got != c.want {
			t.Errorf("AffiliationOf(%s, %s) = %d, want %d", c.role, c.owner, got, c.want)
		}
	}
	if s := SiteSymbol(sim.USA, sim.Syria, &sim.Site{Kind: sim.SiteAirDefence, Owner: sim.Syria}); s.Glyph != GlyphAirDefence || s.Frame != Hostile {
		t.Errorf("Syrian air defence seen by the US: %+v", s)
	}
}

func TestPreviewLineShowsTerms(t *testing.T) {
	l := sim.PreviewLine{Label: "Al-Tanf garrison attack hazard", Unit: "%", Scale: sim.Micro, Before: 41_000, After: 63_000,
		Terms: []sim.Term{{Name: "grievance", Scale: sim.Milli, Before: 1400, After: 1400}, {Name: "complicity", Scale: sim.Micro, Before: 350_000, After: 400_000}}}
	want := "Al-Tanf garrison attack hazard 4.1% → 6.3%\n= grievance 1.4\n× complicity 0.35 → 0.4"
	if got := PreviewLine(l); got != want {
		t.Errorf("PreviewLine = %q, want %q", got, want)
	}
	same := sim.PreviewLine{Label: "Israel–US trust", Unit: "points", Scale: sim.Milli, Before: 72_000, After: 72_000}
	if got := PreviewLine(same); got != "Israel–US trust 72.0 (unchanged)" {
		t.Errorf("PreviewLine = %q", got)
	}
}

func TestLogCategoriesAndVisibility(t *testing.T) {
	for k := sim.LogKind(0); k < sim.NumLogKinds; k++ {
		if !All.Matches(k) {
			t.Errorf("%s not in all", k)
		}
	}
	if !Strikes.Matches(sim.LogStrikeHit) || Strikes.Matches(sim.LogAttack) || !Retaliation.Matches(sim.LogAttack) || !Diplomacy.Matches(sim.LogEscalation) {
		t.Error("filters put entries in the wrong place")
	}
	secret := sim.Entry{Kind: sim.LogApproved, Actor: sim.USA, Other: sim.Israel, Site: -1}
	if secret.SeenBy(sim.Iran) || !secret.SeenBy(sim.USA) || !secret.SeenBy(sim.NoActor) {
		t.Error("the secret review leaks to Iran or hides from the US")
	}
	if ParseCategory("retaliation") != Retaliation || ParseCategory("nonsense") != All {
		t.Error("ParseCategory")
	}
}

func loadScenario(t *testing.T, id string) (*sim.Scenario, []byte) {
	t.Helper()
	f, ok := scenarios.Lookup(id)
	if !ok {
		t.Fatalf("no scenario %s", id)
	}
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sc, f.Data
}

// TestCardsOfferEveryOrder plays games as each deciding role and checks
// that every card offers every order kind its decision allows, that its
// default answer is among them, and that enabled choices apply.
func TestCardsOfferEveryOrder(t *testing.T) {
	seen := map[sim.DecisionKind]bool{}
	for _, game := range []struct {
		scenario string
		roles    []sim.Actor
		turns    int32 // turns to play (0: to the end)
	}{
		{"tanf-2021", []sim.Actor{sim.USA, sim.Israel, sim.Iran}, 0},
		{"shadow-war", []sim.Actor{sim.Syria, sim.Russia, sim.Hezbollah, sim.ISIS, sim.Turkey, sim.SDF, sim.Iran}, 150},
	} {
		sc, _ := loadScenario(t, game.scenario)
		playCards(t, sc, game.roles, game.turns, seen)
	}
	for k := sim.DecisionKind(0); k < sim.NumDecisionKinds; k++ {
		if !seen[k] && k != sim.DecideWarning && k != sim.DecideProtection && k != sim.DecideAttackResponse && k != sim.DecideResponse {
			t.Errorf("no %s decision came up in the test games", k)
		}
	}
}

// playCards plays seeds 1–6 of a scenario as each role, answering every
// card with its last enabled choice, and checks every card on the way.
func playCards(t *testing.T, sc *sim.Scenario, roles []sim.Actor, turns int32, seen map[sim.DecisionKind]bool) {
	t.Helper()
	for _, role := range roles {
		for seed := uint64(1); seed <= 6; seed++ {
			s, err := session.New(sc, seed, role, session.Live)
			if err != nil {
				t.Fatal(err)
			}
			for !s.Over() && (turns == 0 || s.Observation().Turn < turns) {
				ev, err := s.Step()
				if err != nil {
					t.Fatal(err)
				}
				if ev != session.Waited {
					continue
				}
				cards := BuildCards(s.Observation(), s, CardOptions{Package: sim.PackageMedium, Notice: sim.NoticeStandard}, s.Log())
				if len(cards) != len(s.Observation().Decisions) {
					t.Fatalf("%d cards for %d decisions", len(cards), len(s.Observation().Decisions))
				}
				for _, c := range cards {
					seen[c.Decision.Kind] = true
					checkCard(t, c)
				}
				// answer with the last enabled choice of each card
				for _, c := range cards {
					for i := len(c.Choices) - 1; i >= 0; i-- {
						if c.Choices[i].Disabled == "" && c.Choices[i].Order.Kind != sim.OrderStrike {
							if err := s.Apply(c.Choices[i].Order); err != nil {
								t.Fatalf("%s: enabled choice %q failed: %v", c.Title, c.Choices[i].Label, err)
							}
							break
						}
					}
				}
				if err := s.AnswerRest(); err != nil {
					t.Fatal(err)
				}
			}
		}
	}

}

func checkCard(t *testing.T, c Card) {
	t.Helper()
	if c.Title == "" || c.Reason == "" {
		t.Errorf("card for %s has no title or reason", c.Decision.Kind)
	}
	kinds := map[sim.OrderKind]bool{}
	hasDefault := false
	for _, ch := range c.Choices {
		kinds[ch.Order.Kind] = true
		hasDefault = hasDefault || ch.Default
		if ch.Order.Decision != c.Decision.ID {
			t.Errorf("%s: choice %q answers decision %d", c.Title, ch.Label, ch.Order.Decision)
		}
		if ch.Disabled == "" && ch.Order.Kind != sim.OrderEndPlanning && ch.Order.Kind != sim.OrderDefer &&
			ch.Order.Kind != sim.OrderWarn && ch.Order.Kind != sim.OrderComply && ch.Order.Kind != sim.OrderWithdraw && len(ch.Preview) == 0 {
			t.Errorf("%s: choice %q has no preview", c.Title, ch.Label)
		}
	}
	for _, k := range sim.Allowed(c.Decision.Kind) {
		if !kinds[k] && !(k == sim.OrderStrike && c.Decision.Kind == sim.DecidePlan) {
			t.Errorf("%s: no choice for %s", c.Title, k)
		}
	}
	if !hasDefault {
		t.Errorf("%s: the default answer is not among the choices", c.Title)
	}
}

func TestTopBarAndFreeOrders(t *testing.T) {
	sc, _ := loadScenario(t, "tanf-2021")
	if sc.DefaultRole != sim.USA {
		t.Errorf("tanf-2021 default role %s", sc.DefaultRole)
	}
	s, err := session.New(sc, 1, sim.USA, session.Live)
	if err != nil {
		t.Fatal(err)
	}
	tb := BuildTopBar(s.Observation())
	if !strings.HasPrefix(tb.Date, "2021-10-01") || tb.Turn != "turn 1/31" || tb.Trust == "" || len(tb.Ladders) != 2 {
		t.Errorf("top bar %+v", tb)
	}
	found := false
	for _, h := range tb.Hazards {
		found = found || strings.Contains(h.Name, "Tanf")
	}
	if !found {
		t.Errorf("no Tanf hazard in %+v", tb.Hazards)
	}
	for i := 1; i < len(tb.Hazards); i++ {
		if tb.Hazards[i].Micro > tb.Hazards[i-1].Micro {
			t.Errorf("hazards not from the highest down: %+v", tb.Hazards)
		}
	}
	free := FreeOrders(s.Observation(), s, -1)
	kinds := map[sim.OrderKind]bool{}
	for _, c := range free {
		kinds[c.Order.Kind] = true
	}
	if !kinds[sim.OrderPrivateMessage] || !kinds[sim.OrderHarden] || !kinds[sim.OrderEvacuate] {
		t.Errorf("US free orders: %v", kinds)
	}
	if iranBar := BuildTopBar(observe(t, sc, sim.Iran)); iranBar.Trust != "" {
		t.Errorf("Iran sees the trust gauge: %q", iranBar.Trust)
	}
	roles := Roles(sc)
	// the deciders in actor order, then the spectator
	want := []sim.Actor{sim.Hezbollah, sim.Iran, sim.Israel, sim.Syria, sim.USA, sim.NoActor}
	if fmt.Sprint(roles) != fmt.Sprint(want) {
		t.Errorf("roles %v, want %v", roles, want)
	}
}

func observe(t *testing.T, sc *sim.Scenario, role sim.Actor) *sim.Observation {
	s, err := session.New(sc, 1, role, session.Live)
	if err != nil {
		t.Fatal(err)
	}
	return s.Observation()
}

func TestNames(t *testing.T) {
	cases := map[string][2]string{
		"Al-Omar oil field (Green Village)":        {"Al-Omar oil field", "Al-Omar"},
		"Al-Tanf garrison":                         {"Al-Tanf garrison", "Al-Tanf"},
		"Damascus air defences (S-200 and others)": {"Damascus air defences", "Damascus air defences"},
		"T4 (Tiyas) airbase":                       {"T4 airbase", "T4"},
		"Damascus":                                 {"Damascus", "Damascus"},
	}
	for in, want := range cases {
		if got := MapName(in); got != want[0] {
			t.Errorf("MapName(%q) = %q, want %q", in, got, want[0])
		}
		if got := ShortName(in); got != want[1] {
			t.Errorf("ShortName(%q) = %q, want %q", in, got, want[1])
		}
	}
}

func TestLogLinesNameMissions(t *testing.T) {
	sc, _ := loadScenario(t, "tanf-2021")
	t4 := sc.SiteIndex("t4")
	m := sim.Mission{ID: 54, Target: sim.Target{Kind: sim.TargetSite, ID: t4}, TargetPos: sc.Sites[t4].Pos}
	seen := func(id int32) (sim.Mission, bool) { return m, id == 54 }
	log := []sim.Entry{
		{Turn: 3, Kind: sim.LogDenied, Actor: sim.USA, Other: sim.Israel, Site: -1, Subject: 54},
		{Turn: 3, Kind: sim.LogApproved, Actor: sim.USA, Other: sim.Israel, Site: -1, Subject: 55},
	}
	lines := Lines(sc, sim.USA, log, All, seen)
	if len(lines) != 2 || !strings.Contains(lines[0].Text, "the strike on T4") || !lines[0].HasPos || lines[0].Pos != sc.Sites[t4].Pos {
		t.Errorf("line for a seen mission: %+v", lines[0])
	}
	if strings.Contains(lines[1].Text, "mission") || !strings.Contains(lines[1].Text, "approved a strike") || lines[1].HasPos {
		t.Errorf("line for an unseen mission: %+v", lines[1])
	}
	if got := Lines(sc, sim.Iran, log, All, seen); len(got) != 0 {
		t.Errorf("Iran sees the review: %+v", got)
	}
	hit := []sim.Entry{{Turn: 4, Kind: sim.LogStrikeHit, Actor: sim.Israel, Other: sim.Iran, Site: t4, Subject: 54, Value: 1000, Review: sim.ReviewApproved}}
	us := Lines(sc, sim.USA, hit, Strikes, seen)
	ir := Lines(sc, sim.Iran, hit, Strikes, nil)
	if len(us) != 1 || !strings.Contains(us[0].Text, "approved") || strings.Count(us[0].Text, "T4") != 1 {
		t.Errorf("the US reads %+v", us)
	}
	if len(ir) != 1 || strings.Contains(ir[0].Text, "approved") || strings.Contains(ir[0].Text, "mission") {
		t.Errorf("Iran reads %+v", ir)
	}
	convoy := sim.Mission{ID: 56, Target: sim.Target{Kind: sim.TargetShipment, ID: 7}}
	miss := []sim.Entry{{Turn: 5, Kind: sim.LogStrikeMiss, Actor: sim.Israel, Other: sim.Iran, Site: -1, Subject: 56}}
	got := Lines(sc, sim.Israel, miss, All, func(int32) (sim.Mission, bool) { return convoy, true })
	if len(got) != 1 || strings.Count(got[0].Text, "weapons") != 1 {
		t.Errorf("a failed strike on a convoy reads %+v", got)
	}
}

func TestPreviewWording(t *testing.T) {
	created := sim.PreviewLine{Label: "interception", Unit: "%", Scale: sim.Micro, Before: 0, After: 0}
	if got := PreviewLine(created); got != "interception 0%" {
		t.Errorf("a chance the order creates reads %q", got)
	}
	toll := sim.PreviewLine{Label: "expected deaths at Al-Tanf garrison", Unit: "people", Scale: sim.Micro, After: 80_000}
	if got := PreviewLine(toll); got != "expected deaths at Al-Tanf garrison 0.08" {
		t.Errorf("a toll the order creates reads %q", got)
	}
	ladder := sim.PreviewLine{Label: sim.USAIran.String() + " ladder", Unit: "level", Scale: sim.Milli, Before: 1800, After: 2000}
	if got := PreviewLine(ladder); got != "US–Iran ladder 1.8 → 2.0" {
		t.Errorf("ladder line reads %q", got)
	}
	landed := sim.PreviewLine{Label: sim.USAIran.String() + " ladder", Unit: "level", Scale: sim.Milli, Before: 1800, After: 2000, When: "when the attack lands"}
	if got := PreviewLine(landed); got != "US–Iran ladder when the attack lands 1.8 → 2.0" {
		t.Errorf("a line that comes true later reads %q", got)
	}
	if Percent(300) != "<0.1%" || Percent(0) != "0%" || Percent(35_000) != "3.5%" {
		t.Errorf("Percent: %q %q %q", Percent(300), Percent(0), Percent(35_000))
	}
	if got := MetricValue(sim.MetricInterdictedShare, 57_100); got != "57.1%" {
		t.Errorf("interdicted share reads %q", got)
	}
	if got := MetricValue(sim.MetricAttacksOnUS, 3); got != "3" {
		t.Errorf("attacks read %q", got)
	}
}

// One value reads the same on every screen, rounded half up on the stored
// integer (a float would turn 1.45 into 1.4499… and round it down).
func TestMetricValueRounding(t *testing.T) {
	cases := []struct {
		m    sim.Metric
		v    int64
		want string
	}{
		{sim.MetricEscalationUSIran, 1450, "1.5"},    // 1.450 → 1.5 (half up)
		{sim.MetricEscalationUSIran, 1449, "1.4"},    // 1.449 → 1.4
		{sim.MetricMaxEscalationUSIran, 2850, "2.9"}, // 2.850 → 2.9
		{sim.MetricTrust, 74_500, "74.5"},            // 74.500 → 74.5
		{sim.MetricTrust, 72_000, "72.0"},            // 72.000 → 72.0, as previews show it
		{sim.MetricTalksProgress, 21_549, "21.5%"},   // 21.549 → 21.5
		{sim.MetricTalksProgress, 21_550, "21.6%"},   // 21.550 → 21.6
		{sim.MetricTalksProgress, 0, "0.0%"},
	}
	for _, c := range cases {
		if got := MetricValue(c.m, c.v); got != c.want {
			t.Errorf("MetricValue(%s, %d) = %q, want %q", c.m, c.v, got, c.want)
		}
	}
	// the top bar reads the same function
	tb := BuildTopBar(&sim.Observation{Scenario: &sim.Scenario{Sites: nil}, Escalation: [sim.NumPairs]int64{sim.USAIran: 1450}, Talks: 21_550, Trust: 74_500, Turns: 31})
	if tb.Ladders[0].Value != "1.5" || tb.Talks != "talks 21.6% (paused)" || tb.Trust != "trust 74.5" {
		t.Errorf("top bar reads %q, %q, %q", tb.Ladders[0].Value, tb.Talks, tb.Trust)
	}
}

// Next to its threshold a value gets the decimals that show which side of
// it the value lies on.
func TestObjectiveValueShowsTheSide(t *testing.T) {
	trust := &sim.Objective{Metric: sim.MetricTrust, Op: sim.OpAtLeast, Value: 62_000}
	talks := &sim.Objective{Metric: sim.MetricTalksProgress, Op: sim.OpAtLeast, Value: 20_000}
	cases := []struct {
		o    *sim.Objective
		v    int64
		want string
	}{
		{trust, 61_960, "61.96"}, // 62.0 would hide the miss; 61.96 ≠ 62.00
		{trust, 61_999, "61.999"},
		{trust, 62_000, "62.0"}, // exactly met
		{trust, 66_240, "66.2"}, // far from 62: one decimal
		{talks, 19_960, "19.96%"},
		{talks, 17_500, "17.5%"},
	}
	for _, c := range cases {
		if got := ObjectiveValue(c.o, c.v); got != c.want {
			t.Errorf("ObjectiveValue(%s, %d) = %q, want %q", c.o.Metric, c.v, got, c.want)
		}
	}
}

// A ladder's highest level "peaked"; other metrics "ended"; once decided an
// objective says met or missed, not how it stands now.
func TestObjectiveWords(t *testing.T) {
	sc := &sim.Scenario{StartDay: 18_901, TurnHours: 24, Turns: 31, Objectives: []sim.Objective{
		{Role: sim.USA, Metric: sim.MetricMaxEscalationUSIran, Op: sim.OpAtMost, Value: 2500, Text: "ladder"},
		{Role: sim.USA, Metric: sim.MetricTalksProgress, Op: sim.OpAtLeast, Value: 20_000, Text: "talks"},
	}}
	val := map[sim.Metric]int64{sim.MetricMaxEscalationUSIran: 1700, sim.MetricTalksProgress: 17_500}
	rows := ObjectiveRows(sc, []sim.ObjectiveState{{Decided: true, Met: true, Turn: 30}, {Decided: true, Turn: 30}}, func(i int) int64 { return val[sc.Objectives[i].Metric] })
	if rows[0].Final != "peaked at 1.7" || rows[1].Final != "ended at 17.5%" {
		t.Errorf("end rows read %q, %q", rows[0].Final, rows[1].Final)
	}
	live := Objectives(sc, sim.USA, func(i int) int64 { return val[sc.Objectives[i].Metric] }, nil)
	if live[0].Mark() != "on track" || live[1].Mark() != "not yet" {
		t.Errorf("undecided objectives read %q, %q", live[0].Mark(), live[1].Mark())
	}
	over := Objectives(sc, sim.USA, func(i int) int64 { return val[sc.Objectives[i].Metric] }, []sim.ObjectiveState{{Decided: true, Met: true}, {Decided: true}})
	if over[0].Mark() != "met" || !over[0].Good() || over[1].Mark() != "missed" || over[1].Good() {
		t.Errorf("decided objectives read %q (%v), %q (%v)", over[0].Mark(), over[0].Good(), over[1].Mark(), over[1].Good())
	}
}

// The terms explain the hazard that moves most, not a tiny one that moves
// a lot relative to itself (nor one whose change rounds away).
func TestPreviewTermsGoToTheBiggestChange(t *testing.T) {
	terms := []sim.Term{{Name: "grievance", Scale: sim.Milli, Before: 600, After: 650}}
	p := sim.Preview{Lines: []sim.PreviewLine{
		{Label: "Rmeilan attack hazard", Unit: "%", Scale: sim.Micro, Before: 5_000, After: 6_000, Terms: terms},
		{Label: "Al-Tanf attack hazard", Unit: "%", Scale: sim.Micro, Before: 37_000, After: 40_000, Terms: terms},
		{Label: "Conoco attack hazard", Unit: "%", Scale: sim.Micro, Before: 3_000, After: 3_010, Terms: terms},
	}}
	lines := PreviewLines(p)
	if strings.Contains(lines[0], "grievance") || !strings.Contains(lines[1], "grievance") || strings.Contains(lines[2], "grievance") {
		t.Errorf("terms on the wrong line: %q", lines)
	}
}

func TestVerdictReason(t *testing.T) {
	rows := []ObjectiveRow{
		{Role: sim.USA, Text: "Lose no one.", Decided: true, Met: false, Required: true},
		{Role: sim.USA, Text: "Keep the ladder low.", Decided: true, Met: true},
		{Role: sim.Iran, Text: "Deliver.", Decided: true, Met: true},
		{Role: sim.Iran, Text: "Strike.", Decided: true, Met: false},
	}
	if got := VerdictReason(rows, sim.USA, sim.VerdictLost); !strings.Contains(got, "Lose no one.") {
		t.Errorf("lost on a required objective: %q", got)
	}
	if got := VerdictReason(rows, sim.Iran, sim.VerdictDraw); !strings.HasPrefix(got, "1 of 2 objectives met") {
		t.Errorf("draw: %q", got)
	}
	if got := VerdictReason(rows[1:3], sim.Iran, sim.VerdictWon); got != "Every objective met (1 of 1)." {
		t.Errorf("won: %q", got)
	}
}

func TestNearPlace(t *testing.T) {
	sc, _ := loadScenario(t, "tanf-2021")
	tanf := sc.Sites[sc.SiteIndex("tanf")].Pos
	if got := NearPlace(sc, tanf); got != "at Al-Tanf garrison" {
		t.Errorf("at the garrison: %q", got)
	}
	off := tanf
	off.Y += 20_000
	if got := NearPlace(sc, off); !strings.HasSuffix(got, "from Al-Tanf garrison") || !strings.HasPrefix(got, "20 km") {
		t.Errorf("20 km off the garrison: %q", got)
	}
}

// A second private message within the cool-down is refused, and the button
// says until when instead of inviting the player to try.
func TestPrivateMessageTooSoon(t *testing.T) {
	sc, _ := loadScenario(t, "tanf-2021")
	s, err := session.New(sc, 1, sim.USA, session.Live)
	if err != nil {
		t.Fatal(err)
	}
	message := func() Choice {
		for _, c := range FreeOrders(s.Observation(), s, -1) {
			if c.Order.Kind == sim.OrderPrivateMessage {
				return c
			}
		}
		t.Fatal("no private message among the free orders")
		return Choice{}
	}
	if c := message(); c.Disabled != "" {
		t.Fatalf("the first message is refused: %+v", c)
	}
	if err := s.Apply(message().Order); err != nil {
		t.Fatal(err)
	}
	if c := message(); !strings.Contains(c.Disabled, "carries weight from turn") {
		t.Errorf("a second message right away is not refused with the wait: %+v", c)
	}
}

// Once every target has a strike planned, the plan card lists them and
// asks only to end planning.
func TestPlanCardAfterPlanning(t *testing.T) {
	sc, _ := loadScenario(t, "bukamal-2018")
	opt := CardOptions{Package: sim.PackageMedium, Notice: sim.NoticeStandard}
	for seed := uint64(1); seed <= 5; seed++ {
		s, err := session.New(sc, seed, sim.Israel, session.Live)
		if err != nil {
			t.Fatal(err)
		}
		for !s.Over() {
			if ev, err := s.Step(); err != nil {
				t.Fatal(err)
			} else if ev != session.Waited {
				continue
			}
			for {
				cards := BuildCards(s.Observation(), s, opt, s.Log())
				if len(cards) == 0 || cards[0].Decision.Kind != sim.DecidePlan {
					break
				}
				c := cards[0]
				planned := false
				for _, ch := range c.Choices {
					if ch.Order.Kind == sim.OrderStrike && ch.Disabled == "" {
						if err := s.Apply(ch.Order); err != nil {
							t.Fatal(err)
						}
						planned = true
						break
					}
				}
				if planned {
					continue
				}
				if !strings.HasPrefix(c.Reason, "No more strikes") || !strings.Contains(strings.Join(c.Facts, " "), "Planned: ") {
					t.Errorf("plan card with nothing left to plan: %q %q", c.Reason, c.Facts)
				}
				if strings.Contains(c.Title, "left") {
					t.Errorf("plan card with nothing left to plan counts sorties: %q", c.Title)
				}
				return
			}
			if err := s.AnswerRest(); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Fatal("no plan card ran out of strikes in the test games")
}

func TestGroupTitles(t *testing.T) {
	sc, _ := loadScenario(t, "green-village-2022")
	s, err := session.New(sc, 1, sim.Iran, session.Live)
	if err != nil {
		t.Fatal(err)
	}
	free := FreeOrders(s.Observation(), s, -1)
	if len(free) == 0 || GroupTitle(free, 0) == "" {
		t.Fatalf("Iran's dispatch buttons have no corridor heading: %+v", free)
	}
	for i := 1; i < len(free); i++ {
		if free[i].Group == free[i-1].Group && GroupTitle(free, i) != "" {
			t.Errorf("a heading inside group %q", free[i].Group)
		}
	}
	us, _ := loadScenario(t, "tanf-2021")
	u, err := session.New(us, 1, sim.USA, session.Live)
	if err != nil {
		t.Fatal(err)
	}
	usFree := FreeOrders(u.Observation(), u, -1)
	for i, c := range usFree {
		if title := GroupTitle(usFree, i); title != "" {
			t.Errorf("US button %q gets heading %q although it names its site", c.Label, title)
		}
	}
}

func TestDefaultAnswers(t *testing.T) {
	cards := []Card{
		{Title: "Israeli strike on T4", Choices: []Choice{{Label: "Approve"}, {Label: "Defer", Default: true}}},
		{Title: "Attack on Al-Tanf", Choices: []Choice{{Label: "Stay silent", Default: true}, {Label: "Strike militias"}}},
	}
	got := strings.Join(DefaultAnswers(cards), "|")
	if got != "Israeli strike on T4: Defer|Attack on Al-Tanf: Stay silent" {
		t.Errorf("DefaultAnswers = %q", got)
	}
}

// Enter presses a focused filter or package button, but never a focused
// order: after a stray Tab it still does what the footer says; the footer
// names the keys as bound.
func TestPlayEnter(t *testing.T) {
	cases := []struct {
		focus, label string
		spectating   bool
		want         EnterAction
		hint         string
	}{
		{"", "", false, EnterNext, "Enter: next decision"},
		{"choice-7-0", "Approve", false, EnterNext, "Enter: next decision"},
		{"free-2", "Evacuate Al-Omar", false, EnterNext, "Enter: next decision"},
		{"filter-strikes", "strikes", false, EnterPress, "Enter: strikes"},
		{"log-4", "", false, EnterPress, "Enter: press the highlighted button"},
		{"", "", true, EnterNext, "Enter: next event"},
	}
	for _, c := range cases {
		got, hint := PlayEnter(c.focus, c.label, c.spectating, keymap.Default())
		if got != c.want || hint != c.hint {
			t.Errorf("PlayEnter(%q) = %v, %q; want %v, %q", c.focus, got, hint, c.want, c.hint)
		}
		if h := PlayHints(hint, c.spectating, keymap.Default()); !strings.Contains(h, hint) {
			t.Errorf("the footer %q does not say %q", h, hint)
		}
	}
	if h := PlayHints("Enter: next decision", false, keymap.Default()); h != "Space: end turn   Enter: next decision   1–9: choose   F1: help   Esc: menu   wheel: zoom   drag: pan" {
		t.Errorf("default footer %q", h)
	}
	// rebound: the footer says the new keys, not the old ones
	keys := keymap.Default()
	for _, b := range []struct {
		a keymap.Action
		k keymap.Key
	}{{keymap.NextDecision, "N"}, {keymap.EndTurn, "E"}, {keymap.Help, "H"}, {keymap.Answer1, "Q"}, {keymap.Speed0, "P"}} {
		if err := keys.Bind(b.a, b.k); err != nil {
			t.Fatal(err)
		}
	}
	_, hint := PlayEnter("", "", false, keys)
	if h := PlayHints(hint, false, keys); h != "E: end turn   N: next decision   Q 2 3 4 5 6 7 8 9: choose   H: help   Esc: menu   wheel: zoom   drag: pan" {
		t.Errorf("rebound footer %q", h)
	}
	_, hint = PlayEnter("", "", true, keys)
	if h := PlayHints(hint, true, keys); h != "E: play/pause   P 1 2 3 4 5: speed   N: next event   H: help   Esc: menu   wheel: zoom   drag: pan" {
		t.Errorf("rebound spectator footer %q", h)
	}
}

// The pending list names what is in force with the turn it ends, soonest
// first. On turn index 0 of tanf-2021 (daily turns): an evacuation lasts
// evacuation_turns = 5 more turns, through index 5 = turn 6; a 3-day halt
// covers indices 0..2, through turn 3.
func TestPending(t *testing.T) {
	sc, _ := loadScenario(t, "tanf-2021")
	s, err := session.New(sc, 1, sim.USA, session.Live)
	if err != nil {
		t.Fatal(err)
	}
	tanf := sc.SiteIndex("tanf")
	if err := s.Apply(sim.Order{Kind: sim.OrderEvacuate, Site: tanf}); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(sim.Order{Kind: sim.OrderHalt, Site: tanf, Radius: 50_000, Days: 3}); err != nil {
		t.Fatal(err)
	}
	got := Pending(s.Observation())
	want := []string{
		"Halt: no Israeli strikes within 50 km, centred at Al-Tanf garrison, through turn 3.",
		"Evacuated: Al-Tanf holds 20 of its 200 troops through turn 6.",
	}
	if len(got) != len(want) {
		t.Fatalf("pending: %+v", got)
	}
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("pending %d reads %q, want %q", i, got[i].Text, want[i])
		}
	}
	if got[1].Site != tanf {
		t.Errorf("the evacuation points at site %d, want %d", got[1].Site, tanf)
	}
}

// The turn summary words the engine's changes: net move, causes by size.
func TestTurnSummary(t *testing.T) {
	sc := &sim.Scenario{Sites: []sim.Site{{Name: "Conoco gas field"}}}
	changes := []sim.Change{
		{Turn: 4, Quantity: sim.QuantityTalks, Before: 22_000, After: 21_000, Cause: sim.CauseAttack, Site: 0, Subject: 3},
		{Turn: 4, Quantity: sim.QuantityTalks, Before: 21_000, After: 19_000, Cause: sim.CauseBlame, Site: -1, Subject: 3},
		{Turn: 4, Quantity: sim.QuantityTalks, Before: 19_000, After: 18_500, Cause: sim.CauseLadderHigh, Site: -1, Subject: -1},
		{Turn: 4, Quantity: sim.QuantityTrust, Before: 70_000, After: 70_500, Cause: sim.CauseRecovery, Site: -1, Subject: -1},
		{Turn: 5, Quantity: sim.QuantityTalks, Before: 18_500, After: 18_000, Cause: sim.CauseLadderHigh, Site: -1, Subject: -1},
	}
	got := TurnSummary(sc, sim.USA, changes, 4)
	want := []string{
		// 22.0 → 18.5: blame −2.0, attack −1.0, ladder −0.5 (largest first)
		"Talks 22.0% → 18.5%: you blamed Iran in public (−2.0), the attack on Conoco (−1.0), the US–Iran ladder stood at 3 or above (−0.5)",
		"Trust 70.0 → 70.5: trust recovering with time (+0.5)",
	}
	if len(got) != len(want) {
		t.Fatalf("summary: %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
	// Iran cannot see trust; the US acted, not "you"
	if got := TurnSummary(sc, sim.Iran, changes, 4); len(got) != 1 || !strings.Contains(got[0], "the US blamed Iran") {
		t.Errorf("Iran's summary: %q", got)
	}
	if got := TurnSummary(sc, sim.USA, changes, 6); len(got) != 0 {
		t.Errorf("a quiet turn has a summary: %q", got)
	}
}

// The end screen names what moved an objective most: the biggest moves,
// moments with their turn and date, drifts summed over the run.
func TestDrivers(t *testing.T) {
	sc := &sim.Scenario{StartDay: 18_901, TurnHours: 24, Turns: 31, Sites: []sim.Site{{Name: "Conoco gas field"}}}
	changes := []sim.Change{
		{Turn: 2, Quantity: sim.QuantityTalks, Before: 20_000, After: 20_500, Cause: sim.CauseTalksProgress, Site: -1},
		{Turn: 3, Quantity: sim.QuantityTalks, Before: 20_500, After: 21_000, Cause: sim.CauseTalksProgress, Site: -1},
		{Turn: 9, Quantity: sim.QuantityTalks, Before: 21_000, After: 18_000, Cause: sim.CauseBlame, Site: -1},
		{Turn: 9, Quantity: sim.QuantityTalks, Before: 18_000, After: 17_500, Cause: sim.CauseAttack, Site: 0},
		{Turn: 9, Quantity: sim.QuantityTrust, Before: 70_000, After: 60_000, Cause: sim.CauseDenial, Site: -1},
	}
	got := Drivers(sc, sim.USA, sim.MetricTalksProgress, changes, 2)
	// blame −3.0 at index 9 (turn 10, day 18_901+9 = 2021-10-10), then the
	// progress of turns 3 and 4 summed: +1.0 over 2 turns; the attack (−0.5) is third
	want := []string{
		"turn 10 (2021-10-10): you blamed Iran in public (−3.0)",
		"over 2 turns: the US–Iran ladder stayed below 2 (+1.0)",
	}
	if len(got) != len(want) || got[0].Text != want[0] || got[1].Text != want[1] || got[0].Turn != 9 || got[1].Turn != -1 {
		t.Errorf("drivers:\n got %+v\nwant %q (turns 9, -1)", got, want)
	}
	if got := Drivers(sc, sim.USA, sim.MetricArsenal, changes, 3); len(got) != 0 {
		t.Errorf("a metric without a record of causes has drivers: %q", got)
	}
	// a ladder's peak is made by its rises, not by its easing afterwards
	q := sim.LadderQuantity(sim.USAIran)
	ladder := []sim.Change{
		{Turn: 4, Quantity: q, Before: 1000, After: 1300, Cause: sim.CauseResponse, Site: -1},
		{Turn: 5, Quantity: q, Before: 1300, After: 900, Cause: sim.CauseDecay, Site: -1},
	}
	if got := Drivers(sc, sim.USA, sim.MetricMaxEscalationUSIran, ladder, 3); len(got) != 1 || got[0].Text != "turn 5 (2021-10-05): you struck militia facilities (+0.3)" {
		t.Errorf("peak drivers: %+v", got)
	}
}

// The guide pages through its five topics and ends after the last, or at
// once when skipped.
func TestGuide(t *testing.T) {
	var g Guide
	titles := []string{}
	for !g.Done() && len(titles) < 10 {
		p, n, total := g.Page()
		if n != len(titles)+1 || total != 5 {
			t.Fatalf("page %d of %d after %d pages", n, total, len(titles))
		}
		titles = append(titles, p.Title)
		g.Next()
	}
	if strings.Join(titles, ", ") != "The map, A request, The hazard, Your answers, How you win" {
		t.Errorf("pages: %q", titles)
	}
	// the pages write the keys as bound: the defaults, or the player's
	var k Guide
	for range 3 {
		k.Next()
	}
	pg, _, _ := k.Page()
	if got := pg.WithKeys(keymap.Default()).Text; !strings.Contains(got, "Ctrl+Z takes an answer back") || strings.Contains(got, "{") {
		t.Errorf("default keys: %q", got)
	}
	keys := keymap.Default()
	if err := keys.Bind(keymap.Undo, "U"); err != nil {
		t.Fatal(err)
	}
	if got := pg.WithKeys(keys).Text; !strings.Contains(got, "U takes an answer back") || strings.Contains(got, "Ctrl+Z") {
		t.Errorf("undo on U: %q", got)
	}
	var h Guide
	h.Back() // at the first page: stays
	if _, n, _ := h.Page(); n != 1 {
		t.Errorf("Back from the first page went to %d", n)
	}
	h.Next()
	h.Skip()
	if !h.Done() {
		t.Error("a skipped guide is not done")
	}
}

// The ladders are summed up like the talks: a US strike on militias and the
// decay of the same turn, 1.5 + 0.3 − 0.1 = 1.7.
func TestTurnSummaryLadder(t *testing.T) {
	sc := &sim.Scenario{}
	q := sim.LadderQuantity(sim.USAIran)
	changes := []sim.Change{
		{Turn: 2, Quantity: q, Before: 1500, After: 1800, Cause: sim.CauseResponse, Site: -1, Subject: 4},
		{Turn: 2, Quantity: q, Before: 1800, After: 1700, Cause: sim.CauseDecay, Site: -1, Subject: -1},
	}
	got := TurnSummary(sc, sim.USA, changes, 2)
	want := "US–Iran ladder 1.5 → 1.7: you struck militia facilities (+0.3), easing with time (−0.1)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// A move too small to show at one decimal is no news: 2.500 → 2.495 reads
// "2.5 → 2.5" and is left out; within a visible move, a cause under 0.05 is
// left out too.
func TestTurnSummaryLeavesOutTinyMoves(t *testing.T) {
	sc := &sim.Scenario{}
	q := sim.LadderQuantity(sim.IsraelIran)
	tiny := []sim.Change{{Turn: 1, Quantity: q, Before: 2500, After: 2495, Cause: sim.CauseDecay, Site: -1, Subject: -1}}
	if got := TurnSummary(sc, sim.USA, tiny, 1); len(got) != 0 {
		t.Errorf("a 0.005 move is summed up: %q", got)
	}
	mixed := []sim.Change{
		{Turn: 1, Quantity: q, Before: 2500, After: 2800, Cause: sim.CauseStrike, Site: -1, Subject: 3},
		{Turn: 1, Quantity: q, Before: 2800, After: 2795, Cause: sim.CauseDecay, Site: -1, Subject: -1},
	}
	want := "IL–Iran ladder 2.5 → 2.8: the Israeli strike on a weapons convoy (+0.3)"
	if got := TurnSummary(sc, sim.USA, mixed, 1); len(got) != 1 || got[0] != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// The log carries each turn's summary after the turn's last line, under
// "all" and "diplomacy" only, worded for the role.
func TestLogWithSummaries(t *testing.T) {
	sc := &sim.Scenario{StartDay: 18_901, TurnHours: 24, Turns: 31, Sites: []sim.Site{{Name: "Conoco gas field"}}}
	lines := []LogLine{{Index: 0, Turn: 3, Text: "a"}, {Index: 1, Turn: 4, Text: "b"}, {Index: 2, Turn: 4, Text: "c"}, {Index: 3, Turn: 6, Text: "d"}}
	changes := []sim.Change{
		{Turn: 4, Quantity: sim.QuantityTalks, Before: 22_000, After: 20_000, Cause: sim.CauseBlame, Site: -1, Subject: 3},
		{Turn: 4, Quantity: sim.QuantityTrust, Before: 70_000, After: 70_500, Cause: sim.CauseRecovery, Site: -1, Subject: -1},
		{Turn: 6, Quantity: sim.QuantityTalks, Before: 20_000, After: 19_500, Cause: sim.CauseLadderHigh, Site: -1, Subject: -1},
	}
	got := WithSummaries(sc, sim.USA, lines, changes, All)
	// turn index 4 is turn 5, day 18_901+4 = 2021-10-05; index 6 is turn 7
	want := []string{"a", "b", "c",
		"Turn 5: Talks 22.0% → 20.0%: you blamed Iran in public (−2.0)",
		"Turn 5: Trust 70.0 → 70.5: trust recovering with time (+0.5)",
		"d",
		"Turn 7: Talks 20.0% → 19.5%: the US–Iran ladder stood at 3 or above (−0.5)",
	}
	if len(got) != len(want) {
		t.Fatalf("lines %+v", got)
	}
	for i, w := range want {
		if got[i].Text != w {
			t.Errorf("line %d: %q, want %q", i, got[i].Text, w)
		}
	}
	if s := got[3]; !s.Summary || s.Index != -1 || s.Turn != 4 || s.Date != "2021-10-05" || s.HasPos {
		t.Errorf("summary line %+v", s)
	}
	// Iran does not see trust, and the US is named, not "you"
	iran := WithSummaries(sc, sim.Iran, lines, changes, Diplomacy)
	if len(iran) != 6 || iran[3].Text != "Turn 5: Talks 22.0% → 20.0%: the US blamed Iran in public (−2.0)" {
		t.Errorf("Iran's log %+v", iran)
	}
	if s := WithSummaries(sc, sim.USA, lines, changes, Strikes); len(s) != len(lines) {
		t.Errorf("the strikes filter shows summaries: %+v", s)
	}
}

// A move made only of causes under 0.05 that crosses a rounding step
// (0.96 → 0.94 reads 1.0 → 0.9) still says why, without a number.
func TestTurnSummarySmallCausesStillNamed(t *testing.T) {
	q := sim.LadderQuantity(sim.IsraelIran)
	small := []sim.Change{{Turn: 1, Quantity: q, Before: 960, After: 940, Cause: sim.CauseDecay, Site: -1, Subject: -1}}
	want := "IL–Iran ladder 1.0 → 0.9: easing with time"
	if got := TurnSummary(&sim.Scenario{}, sim.USA, small, 1); len(got) != 1 || got[0] != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// A response's death branch reads as a sentence: the quantity, the
// branch, then the values (talks 49.5 → 38.0, ladder 0.18 → 1.31).
func TestPreviewLineDeathBranch(t *testing.T) {
	got := PreviewLines(sim.Preview{Lines: []sim.PreviewLine{
		{Label: "talks progress", Unit: "%", Scale: sim.Milli, Before: 49_500, After: 38_000, When: "if the next attack kills one"},
		{Label: sim.USAIran.String() + " ladder", Unit: "level", Scale: sim.Milli, Before: 180, After: 1310, When: "if the next attack kills one"},
	}})
	want := []string{"talks progress if the next attack kills one 49.5% → 38.0%", "US–Iran ladder if the next attack kills one 0.2 → 1.3"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// A halt zone binds only while a halt holds it: with no halt, or after its
// halt lapsed, it is neither in force (so not drawn hatched) nor listed as
// crossed, whatever its dates; a deconfliction zone follows its dates.
func TestHaltZoneLapses(t *testing.T) {
	centre := geo.Point{X: 0, Y: 0}
	sc := &sim.Scenario{
		Zones: []sim.Zone{
			{Name: "Halt zone", Kind: sim.ZoneHalt, Area: sim.Area{Center: centre, Radius: 50_000}, From: 0, To: 1000},
			{Name: "US zone", Kind: sim.ZoneDeconfliction, Owner: sim.USA, Area: sim.Area{Center: centre, Radius: 50_000}, From: 100, To: 200},
		},
		Routes: []sim.Route{{Path: []geo.Point{{X: -200_000, Y: 0}}, Reach: 400_000}},
	}
	target := geo.Point{X: 100_000, Y: 0} // the leg from the route's end passes the centre
	cases := []struct {
		name      string
		day, turn int32
		halts     []sim.Halt
		want      []string
	}{
		{"no halt, US zone out of its dates", 50, 3, nil, nil},
		{"no halt, US zone in its dates", 150, 3, nil, []string{"US zone"}},
		{"halt through turn 3, on turn 3", 150, 3, []sim.Halt{{Zone: 0, Until: 3}}, []string{"Halt zone", "US zone"}},
		{"halt through turn 3, on turn 4 (lapsed)", 150, 4, []sim.Halt{{Zone: 0, Until: 3}}, []string{"US zone"}},
		{"a halt of another area", 50, 3, []sim.Halt{{Zone: -1, Until: 9}}, nil},
	}
	for _, c := range cases {
		obs := &sim.Observation{Scenario: sc, Day: c.day, Turn: c.turn, Halts: c.halts}
		got := ZonesCrossed(obs, 0, target)
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: crossed %q, want %q", c.name, got, c.want)
		}
		if inForce := ZoneInForce(obs, 0); inForce != slices.Contains(c.want, "Halt zone") {
			t.Errorf("%s: halt zone in force %v", c.name, inForce)
		}
	}
}

// TestViewsReadTheOwnerNow: once Al-Tanf is handed to Syria (an owner
// effect on the first day of tanf-2021), the US views treat it as Syria's:
// its symbol takes Syria's frame and colour, the top bar shows no hazard
// there and the free orders offer no evacuation or hardening of it.
func TestViewsReadTheOwnerNow(t *testing.T) {
	base, _ := loadScenario(t, "tanf-2021")
	sc := *base
	tanf := sc.SiteIndex("tanf")
	sc.Events = append(slices.Clone(base.Events), sim.Event{ID: "zz-handover", Day: sc.StartDay,
		More:    &sim.Timing{Until: -1, After: -1, Chance: sim.Micro},
		Effects: []sim.Effect{{Kind: sim.EffectOwner, Site: tanf, Set: true, Value: int64(sim.Syria), Zone: -1, Corridor: -1}}})
	s := firstTurnPlayed(t, &sc)
	obs := s.Observation()
	if obs.Owner(tanf) != sim.Syria {
		t.Fatalf("Al-Tanf observed as %s's, want syria's", obs.Owner(tanf))
	}
	if sym := SiteSymbol(sim.USA, obs.Owner(tanf), &sc.Sites[tanf]); sym.Owner != sim.Syria || sym.Frame != AffiliationOf(sim.USA, sim.Syria) {
		t.Errorf("Al-Tanf's symbol %+v, want Syria's", sym)
	}
	for _, h := range BuildTopBar(obs).Hazards {
		if h.Site == tanf {
			t.Errorf("the top bar shows a hazard at Al-Tanf: %+v", h)
		}
	}
	for _, c := range FreeOrders(obs, s, -1) {
		if (c.Order.Kind == sim.OrderEvacuate || c.Order.Kind == sim.OrderHarden) && c.Order.Site == tanf {
			t.Errorf("a free order for Al-Tanf: %q", c.Label)
		}
	}
	// the same scenario without the handover offers them
	s0 := firstTurnPlayed(t, base)
	offered := false
	for _, c := range FreeOrders(s0.Observation(), s0, -1) {
		offered = offered || c.Order.Kind == sim.OrderEvacuate && c.Order.Site == tanf
	}
	if !offered {
		t.Error("without the handover, no evacuation of Al-Tanf is offered")
	}
}

// firstTurnPlayed starts a US session of the scenario and plays its first
// turn, the US answering with the defaults.
func firstTurnPlayed(t *testing.T, sc *sim.Scenario) *session.Session {
	t.Helper()
	s, err := session.New(sc, 1, sim.USA, session.Live)
	if err != nil {
		t.Fatal(err)
	}
	for s.Turn() == 0 {
		if s.Waiting() {
			if err := s.AnswerRest(); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return s
}
