package scenario_test

import (
	"reflect"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
	"github.com/deconflict/deconflict/sim/scenario"
)

func TestParseOverride(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want scenario.Override
		bad  bool
	}{
		{in: "site.tanf.troops=100", want: scenario.Override{Key: "site.tanf.troops", Value: "100"}},
		{in: "scenario.name=A = B", want: scenario.Override{Key: "scenario.name", Value: "A = B"}},
		{in: " initial.trust = 50", want: scenario.Override{Key: "initial.trust", Value: " 50"}},
		{in: "site.tanf.troops", bad: true},
		{in: "=5", bad: true},
		{in: "site..troops=5", bad: true},
		{in: "site.tanf.troops=", bad: true},
	} {
		got, err := scenario.ParseOverride(tc.in)
		if (err != nil) != tc.bad || got != tc.want {
			t.Errorf("ParseOverride(%q) = %+v, %v", tc.in, got, err)
		}
	}
}

// find returns the entity with the given id.
func find[T any](items []T, id string) *T {
	for i := range items {
		if reflect.ValueOf(items[i]).FieldByName("ID").String() == id {
			return &items[i]
		}
	}
	return new(T)
}

// param returns the value of an actor's policy parameter, or -1.
func param(sc *sim.Scenario, a sim.Actor, key string) int64 {
	for _, p := range sc.Actors[a].Params {
		if p.Key == key {
			return p.Value
		}
	}
	return -1
}

func set(key, value string) scenario.Override { return scenario.Override{Key: key, Value: value} }

// TestOverrides applies each override of the format's examples and checks
// that it changes the compiled scenario and its hash, and that the canonical
// text carries it.
func TestOverrides(t *testing.T) {
	data := readFile(t, "testdata/levant.toml")
	base := mustLoad(t, "levant.toml", data)
	baseHash := scenario.Hash(base)
	tanf := base.SiteIndex("tanf")
	for _, tc := range []struct {
		set   scenario.Override
		check func(sc *sim.Scenario) bool
	}{
		{set("scenario.end", "2022-01-31"), func(sc *sim.Scenario) bool {
			return sc.EndDay == sim.DayNumber(2022, 1, 31) && sc.Turns == base.Turns+31
		}},
		{set("scenario.turn", "12h"), func(sc *sim.Scenario) bool { return sc.TurnHours == 12 && sc.Turns == 2*base.Turns }},
		{set("scenario.name", `"A new name"`), func(sc *sim.Scenario) bool { return sc.Name == "A new name" }},
		{set("scenario.name", "Bare words"), func(sc *sim.Scenario) bool { return sc.Name == "Bare words" }},
		{set("initial.trust", "50"), func(sc *sim.Scenario) bool { return sc.Initial.Trust == 50_000 }},
		{set("initial.escalation.usa-iran", "2"), func(sc *sim.Scenario) bool { return sc.Initial.Escalation[sim.USAIran] == 2000 }},
		{set("initial.escalation.israel-russia", "0.5"), func(sc *sim.Scenario) bool { return sc.Initial.Escalation[sim.IsraelRussia] == 500 }},
		{set("params.detect_shipment", "0.2"), func(sc *sim.Scenario) bool { return sc.Params[sim.ParamDetectShipment] == 200_000 }},
		{set("actor.usa.policy", "permissive"), func(sc *sim.Scenario) bool { return sc.Actors[sim.USA].Policy == "permissive" }},
		{set("actor.usa.params.approval_threshold", "0.3"), func(sc *sim.Scenario) bool {
			return param(sc, sim.USA, "approval_threshold") == 300_000
		}},
		{set("actor.isis.present", "true"), func(sc *sim.Scenario) bool { return sc.Actors[sim.ISIS].Present }},
		{set("site.tanf.troops", "100"), func(sc *sim.Scenario) bool { return sc.Sites[tanf].Troops == 100 }},
		{set("site.tanf.hardness", "0.75"), func(sc *sim.Scenario) bool { return sc.Sites[tanf].Hardness == 750_000 }},
		{set("site.tanf.lat", "33.6"), func(sc *sim.Scenario) bool {
			return sc.Sites[tanf].Pos == geo.Project(33_600_000, 38_620_000) && find(sc.Zones, "tanf-55km").Area.Center == sc.Sites[tanf].Pos
		}},
		{set("zone.tanf-55km.radius_km", "40"), func(sc *sim.Scenario) bool { return find(sc.Zones, "tanf-55km").Area.Radius == 40_000 }},
		{set("zone.tanf-55km.center", "{ lat = 33.6, lon = 38.7 }"), func(sc *sim.Scenario) bool {
			return find(sc.Zones, "tanf-55km").Area.Center == geo.Project(33_600_000, 38_700_000)
		}},
		{set("zone.damascus-halt.to", "2019-06-30"), func(sc *sim.Scenario) bool { return find(sc.Zones, "damascus-halt").To == sim.DayNumber(2019, 6, 30) }},
		{set("corridor.iraq-lebanon.interval", "5"), func(sc *sim.Scenario) bool { return find(sc.Corridors, "iraq-lebanon").Interval == 5 }},
		{set("corridor.iraq-lebanon.stops", `["qaim", "baalbek"]`), func(sc *sim.Scenario) bool { return len(find(sc.Corridors, "iraq-lebanon").Stops) == 2 }},
		{set("route.south.reach_km", "310"), func(sc *sim.Scenario) bool { return find(sc.Routes, "south").Reach == 310_000 }},
		{set("event.s300-delivery.at", "2018-11-02"), func(sc *sim.Scenario) bool { return find(sc.Events, "s300-delivery").Day == sim.DayNumber(2018, 11, 2) }},
		{set("event.trust-crisis.when.value", "30"), func(sc *sim.Scenario) bool { return find(sc.Events, "trust-crisis").Cond.Value == 30_000 }},
		{set("objective.no-war.value", "4"), func(sc *sim.Scenario) bool { return find(sc.Objectives, "no-war").Value == 4000 }},
	} {
		t.Run(tc.set.Key+"="+tc.set.Value, func(t *testing.T) {
			sc := mustLoad(t, "levant.toml", data, tc.set)
			if !tc.check(sc) {
				t.Errorf("override had no effect")
			}
			if scenario.Hash(sc) == baseHash {
				t.Errorf("override did not change the hash")
			}
			checkRoundTrip(t, sc)
		})
	}
}

func TestOverrideCreatesActor(t *testing.T) {
	sc := mustLoad(t, "t.toml", []byte(head+site0), set("actor.usa.params.respond", "0.9"), set("actor.israel.policy", "cautious"))
	if got := param(sc, sim.USA, "respond"); got != 900_000 {
		t.Errorf("usa respond = %d", got)
	}
	if sc.Actors[sim.Israel].Policy != "cautious" {
		t.Errorf("israel policy = %q", sc.Actors[sim.Israel].Policy)
	}
}

func TestOverrideErrors(t *testing.T) {
	data := readFile(t, "testdata/levant.toml")
	for _, tc := range []struct {
		set  scenario.Override
		want string
	}{
		{set("actor.usa.params.approval_treshold", "0.3"), "--set:1:1: actor.usa.params.approval_treshold: unknown key (did you mean approval_threshold?)"},
		{set("site.tanff.troops", "3"), `--set:1:1: site.tanff.troops: no site has id "tanff" (did you mean "tanf"?)`},
		{set("sites.tanf.troops", "3"), `--set:1:1: sites.tanf.troops: unknown section "sites" (did you mean site?)`},
		{set("site.tanf", "3"), `--set:1:1: site.tanf: invalid key (name an entry and a key, such as site.<id>.<key>)`},
		{set("site.tanf.troops", "-5"), "--set:1:1: site.tanf.troops: -5 is out of range (must lie in 0..1000000000)"},
		{set("site.tanf.troops", "99999999999999999999"), "--set:1:1: site.tanf.troops: 99999999999999999999 is out of range (far outside the range of any key)"},
		{set("params.detect_shipment", "1e999"), "--set:1:1: params.detect_shipment: 1e999 is out of range (far outside the range of any key)"},
		{set("zone.tanf-55km.radius_km", "0.0004"), "--set:1:1: zone.tanf-55km.radius_km: 0.0004 is out of range (must be > 0 and ≤ 1000; it rounds to 0)"},
		{set("site.tanf.troops", "many"), `--set:1:1: site.tanf.troops: expected a number, got string "many"`},
		{set("site.tanf.troop", "5"), `--set:1:1: site.tanf.troop: unknown key (did you mean troops?)`},
		{set("scenario.end", "2018-02-30"), `--set:1:1: scenario.end: 2018-02-30 is not a valid date`},
		{set("scenario.end", `"2018-02-03"`), `--set:1:1: scenario.end: expected a date (YYYY-MM-DD), got string "2018-02-03" (write dates without quotes, such as start = 2018-02-03)`},
		{set("initial.trust.israel-usa", "50"), `--set:1:1: initial.trust.israel-usa: initial.trust is integer 72, not a table`},
		{set("actor.usaa.policy", "permissive"), `--set:1:1: actor.usaa.policy: unknown actor "usaa" (did you mean "usa"?)`},
		{set("actor.russia.present", "false"), `--set:1:1: actor.russia.present: russia owns site "hmeimim", so it takes part`},
		{set("zone.tanf-55km.center", "{ lat = 95, lon = 38.7 }"), `--set:1:1: zone.tanf-55km.center.lat: 95 is off the map (latitude must lie in 28..39)`},
		{set("scenario.name", "[unclosed"), `--set:1:1: scenario.name: invalid value [unclosed (values use TOML syntax: 5, 0.3, true, 2018-01-01, "a string")`},
		{set("scenario.name", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"), `--set:1:1: scenario.name: invalid value: nesting is deeper than 32 levels`},
		{scenario.Override{Key: "site.tanf.troops", Value: "x", Arg: 4}, `--set:4:1: site.tanf.troops: expected a number, got string "x"`},
	} {
		t.Run(tc.set.Key+"="+tc.set.Value, func(t *testing.T) {
			_, err := scenario.Load("levant.toml", data, []scenario.Override{tc.set})
			if err == nil || err.Error() != tc.want {
				t.Errorf("got\n%v\nwant\n%s", err, tc.want)
			}
		})
	}
}

// TestOverrideErrorsNumbered checks that every bad override is reported,
// by argument number, before the file's own problems.
func TestOverrideErrorsNumbered(t *testing.T) {
	text := head + site0 + "troops = -1\n"
	_, err := scenario.Load("t.toml", []byte(text), []scenario.Override{
		set("site.tanf.name", `"Renamed"`), set("site.tanf.kind", "castle"), set("nowhere.x", "1"),
	})
	want := `--set:2:1: site.tanf.kind: unknown kind "castle" (one of "city", "garrison", "airbase", "depot", "air-defence", "militia", "position", "crossing", "oilfield")
--set:3:1: nowhere.x: unknown section "nowhere" (one of scenario, initial, params, actor, site, zone, route, corridor, event, objective, expect)
t.toml:15:10: site.tanf.troops: -1 is out of range (must lie in 0..1000000000)`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}
