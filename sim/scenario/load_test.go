package scenario_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/geo"
	"github.com/deconflict/deconflict/sim/scenario"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustLoad(t testing.TB, name string, data []byte, overrides ...scenario.Override) *sim.Scenario {
	t.Helper()
	sc, err := scenario.Load(name, data, overrides)
	if err != nil {
		t.Fatalf("load %s:\n%v", name, err)
	}
	return sc
}

func TestLoadLevant(t *testing.T) {
	sc := mustLoad(t, "levant.toml", readFile(t, "testdata/levant.toml"))
	if sc.ID != "levant-test" || sc.TurnHours != 24 || sc.StartDay != sim.DayNumber(2018, 1, 1) || sc.EndDay != sim.DayNumber(2021, 12, 31) {
		t.Errorf("scenario header: %q %d %d %d", sc.ID, sc.TurnHours, sc.StartDay, sc.EndDay)
	}
	if want := sc.EndDay - sc.StartDay + 1; sc.Turns != want {
		t.Errorf("turns = %d, want %d", sc.Turns, want)
	}
	if !strings.HasPrefix(sc.Briefing[sim.USA], "You command US forces") || !strings.Contains(sc.Briefing[sim.USA], "\nKeep") {
		t.Errorf("usa briefing = %q", sc.Briefing[sim.USA])
	}
	in := sc.Initial
	if in.Escalation != [sim.NumPairs]int64{1500, 0, 500} || in.Trust != 72_000 || in.Complicity != 100_000 ||
		in.Grievance != [2]int64{2000, 500} || in.AirDefence != 1200 || in.Arsenal != 130_000 || in.CounterIS != 40_000 {
		t.Errorf("initial = %+v", in)
	}
	if sc.Params[sim.ParamSortiesPerTurn] != 3 || sc.Params[sim.ParamStandoffKm] != 25_000 ||
		sc.Params[sim.ParamInterceptPerKm] != 600 || sc.Params[sim.ParamHazardCap] != sim.DefaultParams()[sim.ParamHazardCap] {
		t.Errorf("params not as written or defaulted")
	}
	if n := len(sc.Sites); n != 41 {
		t.Errorf("%d sites, want 41", n)
	}
	for i := 1; i < len(sc.Sites); i++ {
		if sc.Sites[i-1].ID >= sc.Sites[i].ID {
			t.Fatalf("sites not sorted: %q before %q", sc.Sites[i-1].ID, sc.Sites[i].ID)
		}
	}
	tanf := sc.Sites[sc.SiteIndex("tanf")]
	want := sim.Site{ID: "tanf", Name: "Al-Tanf garrison", Kind: sim.SiteGarrison, Owner: sim.USA,
		LatMicro: 33_510_000, LonMicro: 38_620_000, Pos: geo.Project(33_510_000, 38_620_000),
		Troops: 200, Value: 3000, Hardness: 300_000, Proximity: 600_000}
	if tanf != want {
		t.Errorf("tanf = %+v\nwant %+v", tanf, want)
	}
	if s := sc.Sites[sc.SiteIndex("hmeimim")]; s.ADRange != 400_000 || s.ADStrength != 400_000 || s.Owner != sim.Russia {
		t.Errorf("hmeimim = %+v", s)
	}
	a := sc.Actors
	if !a[sim.Israel].Present || !a[sim.Russia].Present || !a[sim.SDF].Present || a[sim.ISIS].Present || a[sim.Syria].Present != true || a[sim.Turkey].Present != true {
		t.Errorf("presence wrong: %+v", a)
	}
	if a[sim.USA].Policy != "force-protection" || a[sim.Iran].Policy != "restrained" || a[sim.Israel].Policy != "opportunist" {
		t.Errorf("policies: %q %q %q", a[sim.USA].Policy, a[sim.Iran].Policy, a[sim.Israel].Policy)
	}
	spec, _ := ai.Lookup(sim.USA, "force-protection")
	var wantParams []sim.PolicyParam
	for _, p := range spec.Params {
		v := map[string]int64{"approval_threshold": 350_000, "respond": 700_000}[p.Key]
		if v == 0 {
			v = sim.FixedFromFloat(p.Default, p.Unit)
		}
		wantParams = append(wantParams, sim.PolicyParam{Key: p.Key, Value: v})
	}
	slices.SortFunc(wantParams, func(x, y sim.PolicyParam) int { return strings.Compare(x.Key, y.Key) })
	if got := a[sim.USA].Params; !reflect.DeepEqual(got, wantParams) {
		t.Errorf("usa params = %v, want %v", got, wantParams)
	}
	if a[sim.SDF].Policy != "frontline" {
		t.Errorf("sdf plays %q, not its default policy frontline", a[sim.SDF].Policy)
	}
	zones := map[string]sim.Zone{}
	for _, z := range sc.Zones {
		zones[z.ID] = z
	}
	if z := zones["tanf-55km"]; z.Area.Center != tanf.Pos || z.Area.Radius != 55_000 || z.From != sc.StartDay || z.To != sc.EndDay {
		t.Errorf("tanf zone = %+v", z)
	}
	if z := zones["east-euphrates"]; len(z.Area.Ring) != 4 || z.Area.Ring[0] != geo.Project(35_900_000, 39_600_000) || z.To != sim.DayNumber(2020, 12, 31) {
		t.Errorf("polygon zone = %+v", z)
	}
	var corridor sim.Corridor
	for _, k := range sc.Corridors {
		if k.ID == "iraq-lebanon" {
			corridor = k
		}
	}
	if len(corridor.Stops) != 8 || sc.Sites[corridor.Stops[0]].ID != "qaim" || sc.Sites[corridor.Stops[7]].ID != "baalbek" ||
		corridor.StopAt[0] != 0 || corridor.Length != corridor.StopAt[7] || corridor.Length != geo.PathLength(corridor.Path) ||
		corridor.Speed != 180_000 || corridor.Interval != 4 || corridor.Size != 120 || corridor.Dwell != 1 {
		t.Errorf("corridor = %+v", corridor)
	}
	events := map[string]sim.Event{}
	for _, e := range sc.Events {
		events[e.ID] = e
	}
	if e := events["corridor-surge"]; e.Day != -1 || e.Cond != (sim.Condition{Metric: sim.MetricShipmentsDestroyed, Op: sim.OpAtLeast, Value: 10}) ||
		e.Effects[0].Kind != sim.EffectCorridor || sc.Corridors[e.Effects[0].Corridor].ID != "iraq-lebanon" || e.Effects[0].Value != 2 || !e.Effects[0].Set {
		t.Errorf("surge event = %+v", e)
	}
	if e := events["trust-crisis"]; e.Cond.Value != 40_500 || e.Cond.Op != sim.OpAtMost {
		t.Errorf("trust event = %+v", e)
	}
	if e := events["drawdown"]; e.Day != sim.DayNumber(2019, 10, 14) || !reflect.DeepEqual(e.Effects[0], sim.Effect{Kind: sim.EffectTroops, Toward: -1, Site: sc.SiteIndex("tanf"), Zone: -1, Corridor: -1, Set: true, Value: 150}) {
		t.Errorf("drawdown = %+v", e)
	}
	if e := events["damascus-pause"].Effects[0]; e.Kind != sim.EffectHalt || sc.Zones[e.Zone].ID != "damascus-halt" || e.Days != 10 {
		t.Errorf("halt by zone = %+v", e)
	}
	if e := events["us-halt"].Effects[0]; e.Zone != -1 || e.Area.Center != tanf.Pos || e.Area.Radius != 150_000 || e.Days != 14 {
		t.Errorf("halt by area = %+v", e)
	}
	if e := events["soleimani"].Effects[0]; e.Toward != sim.TowardUSA || e.Value != 3000 || e.Set {
		t.Errorf("grievance effect = %+v", e)
	}
	var objectives []string
	for _, o := range sc.Objectives {
		objectives = append(objectives, o.Role.String()+"/"+o.ID)
	}
	if got := strings.Join(objectives, " "); got != "iran/deliver israel/interdict israel/trust usa/casualties usa/no-war usa/talks" {
		t.Errorf("objectives in order %s", got)
	}
}

// TestBrokenFile checks that one load reports every problem of a file,
// sorted by position.
func TestBrokenFile(t *testing.T) {
	_, err := scenario.Load("broken.toml", readFile(t, "testdata/broken.toml"), nil)
	want := `broken.toml:2:1: scenario.description: missing required key
broken.toml:3:6: scenario.id: invalid id "Broken Example" (ids are lowercase letters, digits and hyphens, start with a letter and are at most 64 characters)
broken.toml:6:7: scenario.end: 2017-06-01 is before start (2018-01-01)
broken.toml:7:8: scenario.turn: invalid turn length "5h" (one of "1h", "2h", "3h", "4h", "6h", "8h", "12h", "24h" or "1d")
broken.toml:11:9: initial.trust: expected a number, got string "70" (write numbers without quotes)
broken.toml:12:14: initial.complicity: 1.5 is out of range (must lie in 0..1)
broken.toml:15:1: params.detect_shipmnt: unknown key (did you mean detect_shipment?)
broken.toml:19:10: actor.usa.policy: unknown policy "force-protektion" for usa (did you mean "force-protection"?)
broken.toml:24:8: site.tanf.kind: unknown kind "garison" (did you mean "garrison"?)
broken.toml:26:7: site.tanf.lat: 95 is off the map (latitude must lie in 28..39)
broken.toml:30:6: site.tanf.id: duplicate site id "tanf" (first defined at line 22)
broken.toml:42:11: zone.z.polygon: has 2 points; a polygon needs at least 3
broken.toml:47:18: corridor.c.stops[1]: unknown site "nowhere" (one of "tanf")
broken.toml:49:12: corridor.c.interval: 0 is out of range (must lie in 1..1000000)
broken.toml:55:15: event.e.effects[0].talk: unknown effect "talk" (did you mean "talks"?)`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	var list scenario.ErrorList
	if !errors.As(err, &list) || len(list) != strings.Count(want, "\n")+1 {
		t.Fatalf("not an ErrorList of every problem: %T", err)
	}
	if list[3].Pos != (scenario.Position{File: "broken.toml", Line: 7, Col: 8}) || list[3].Path != "scenario.turn" || list[3].Hint == "" {
		t.Errorf("fields of %#v", list[3])
	}
}

func TestErrorList(t *testing.T) {
	var empty scenario.ErrorList
	if empty.Err() != nil || empty.Error() != "no errors" {
		t.Errorf("empty list: %v %q", empty.Err(), empty.Error())
	}
	list := scenario.ErrorList{
		{Pos: scenario.Position{File: "b.toml", Line: 2, Col: 1}, Msg: "third"},
		{Pos: scenario.Position{File: "a.toml", Line: 9, Col: 5}, Path: "site.x", Msg: "second", Hint: "a hint"},
		{Pos: scenario.Position{File: "a.toml", Line: 9, Col: 1}, Msg: "first"},
		{Pos: scenario.Position{File: "a.toml"}, Msg: "whole file"},
	}
	list.Sort()
	want := "a.toml: whole file\na.toml:9:1: first\na.toml:9:5: site.x: second (a hint)\nb.toml:2:1: third"
	if err := list.Err(); err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// TestEmbeddedScenarios loads every shipped scenario and checks that its
// canonical form loads back to the same scenario.
func TestEmbeddedScenarios(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.toml")
	files = append(files, "testdata/levant.toml")
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			sc := mustLoad(t, filepath.Base(name), readFile(t, name))
			checkRoundTrip(t, sc)
		})
	}
}

// TestEveryEffectKind loads one effect of every kind the engine knows and
// checks that each survives the canonical round trip.
func TestEveryEffectKind(t *testing.T) {
	effects := map[string]string{
		"grievance":   `{ grievance = { toward = "israel", set = 12.5 } }`,
		"complicity":  `{ complicity = { add = -0.125 } }`,
		"trust":       `{ trust = { set = 40 } }`,
		"escalation":  `{ escalation = { pair = "israel-russia", add = -1 } }`,
		"talks":       `{ talks = { add = 2.5 } }`,
		"talks_open":  `{ talks_open = false }`,
		"air_defence": `{ air_defence = { set = 3 } }`,
		"troops":      `{ troops = { site = "tanf", add = -20 } }`,
		"halt":        `{ halt = { center = { lat = 33.1, lon = 38.2 }, radius_km = 80, days = 3 } }`,
		"corridor":    `{ corridor = { corridor = "c", interval = 0 } }`,
		"counter_is":  `{ counter_is = { add = -1.5 } }`,
		"param":       `{ param = { key = "detect_shipment", set = 0.25 } }`,
		"struck":      `{ struck = { site = "tanf", days = 30 } }`,
		"policy":      `{ policy = { actor = "iran", policy = "restrained", params = { threshold = 0.25 } } }`,
		"hardness":    `{ hardness = { site = "battery", set = 0.5 } }`,
		"proximity":   `{ proximity = { site = "tanf", add = 0.25 } }`,
		"ad_strength": `{ ad_strength = { site = "battery", add = -0.125 } }`,
		"detected":    `{ detected = { corridor = "c", days = 4 } }`,
		"owner":       `{ owner = { site = "tanf", actor = "israel" } }`,
	}
	var list []string
	for _, k := range sim.EffectKindIDs() {
		e, ok := effects[k]
		if !ok {
			t.Fatalf("no test effect of kind %q", k)
		}
		list = append(list, e)
	}
	battery := "[[site]]\nid = \"battery\"\nname = \"B\"\nkind = \"air-defence\"\nowner = \"syria\"\nlat = 33.5\nlon = 36.3\nad_range_km = 30\nad_strength = 0.5\ntarget = true\n"
	text := corr("") + battery + "[[event]]\nid = \"e\"\nat = 2018-05-01\nlog = \"L\"\neffects = [" + strings.Join(list, ", ") + "]\n"
	sc := mustLoad(t, "t.toml", []byte(head+text))
	for i, e := range sc.Events[0].Effects {
		if e.Kind != sim.EffectKind(i) {
			t.Errorf("effect %d is of kind %v", i, e.Kind)
		}
	}
	if e := sc.Events[0].Effects[sim.EffectParam]; e.Param != sim.ParamDetectShipment || !e.Set || e.Value != 250_000 {
		t.Errorf("param effect = %+v", e)
	}
	if e := sc.Events[0].Effects[sim.EffectStruck]; e.Site < 0 || sc.Sites[e.Site].ID != "tanf" || e.Days != 30 {
		t.Errorf("struck effect = %+v", e)
	}
	// The policy effect switches Iran to its first later setup: restrained,
	// with threshold 0.25 (250 milli) and the policy's other defaults
	// (lie_low 0.3, resupply 2.5, talks_restraint 0.5).
	if e := sc.Events[0].Effects[sim.EffectPolicy]; e.Actor != sim.Iran || !e.Set || e.Value != 1 {
		t.Errorf("policy effect = %+v", e)
	}
	want := []sim.PolicyParam{{Key: "lie_low", Value: 300_000}, {Key: "resupply", Value: 2500}, {Key: "talks_restraint", Value: 500_000}, {Key: "threshold", Value: 250}}
	if later := sc.Actors[sim.Iran].Later; len(later) != 1 || later[0].Policy != "restrained" || !slices.Equal(later[0].Params, want) {
		t.Errorf("Iran's later setups = %+v", later)
	}
	// ad_strength add -0.125 is -125000 micro; detected names corridor 0.
	if e := sc.Events[0].Effects[sim.EffectSiteAD]; e.Set || e.Value != -125_000 || sc.Sites[e.Site].ID != "battery" {
		t.Errorf("ad_strength effect = %+v", e)
	}
	if e := sc.Events[0].Effects[sim.EffectDetected]; e.Corridor != 0 || e.Site != -1 || e.Days != 4 {
		t.Errorf("detected effect = %+v", e)
	}
	// owner sets the site's owner to the actor named
	if e := sc.Events[0].Effects[sim.EffectOwner]; !e.Set || e.Value != int64(sim.Israel) || sc.Sites[e.Site].ID != "tanf" {
		t.Errorf("owner effect = %+v", e)
	}
	checkRoundTrip(t, sc)
}
