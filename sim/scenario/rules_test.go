package scenario_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim/scenario"
)

// head is the [scenario] table most rule cases start with (7 lines).
const head = `[scenario]
id = "t"
name = "T"
description = "Test."
start = 2018-01-01
end = 2018-12-31
turn = "24h"
`

const headLines = 7

// site0 is a valid site for cases that need one to refer to.
const site0 = `[[site]]
id = "tanf"
name = "Al-Tanf"
kind = "garrison"
owner = "usa"
lat = 33.51
lon = 38.62
`

// ruleCase is one broken input and the one error it must give. In want the
// line counts from the first line of text, unless full is set (then text is
// the whole file).
type ruleCase struct {
	name string
	text string
	full bool
	want string
}

// corr is a corridor between two valid sites, with the line for one key
// replaced or, when the file has no such key, added.
func corr(line string) string {
	text := site0 + strings.NewReplacer(`"tanf"`, `"damascus"`, `"garrison"`, `"city"`, `"usa"`, `"syria"`).Replace(site0) +
		"[[corridor]]\nid = \"c\"\nname = \"C\"\nstops = [\"tanf\", \"damascus\"]\nspeed_km = 100\ninterval = 3\nsize = 10\ndwell = 1\n"
	key, _, _ := strings.Cut(line, " ")
	if i := strings.Index(text, "\n"+key+" = "); key != "" && i >= 0 {
		j := strings.Index(text[i+1:], "\n") + i + 1
		return text[:i+1] + line + text[j:]
	}
	return text + line + "\n"
}

var ruleCases = []ruleCase{
	// Top level and [scenario].
	{"unknown table", "[sites]\nx = 1\n", false, "1:1: sites: unknown key (did you mean site?)"},
	{"entity as table", "[site]\nid = \"a\"\n", false, `1:1: site: expected an array of tables, got a table (write [[site]] before each entry)`},
	{"no scenario", "[initial]\ntrust = 50\n", true, "1:1: scenario: missing [scenario] table (every scenario starts with [scenario] and its id, name, dates and turn)"},
	{"scenario id missing", strings.Replace(head, "id = \"t\"\n", "", 1), true, "1:1: scenario.id: missing required key"},
	{"scenario id syntax", strings.Replace(head, `id = "t"`, `id = "Tanf_2021"`, 1), true, `2:6: scenario.id: invalid id "Tanf_2021" (ids are lowercase letters, digits and hyphens, start with a letter and are at most 64 characters)`},
	{"name empty", strings.Replace(head, `name = "T"`, `name = "  "`, 1), true, "3:8: scenario.name: must not be empty"},
	{"name too long", strings.Replace(head, `name = "T"`, `name = "`+strings.Repeat("n", 101)+`"`, 1), true, "3:8: scenario.name: is 101 characters long (at most 100)"},
	{"description two lines", strings.Replace(head, `description = "Test."`, `description = "One.\nTwo."`, 1), true, "4:15: scenario.description: must be one line"},
	{"end before start", strings.Replace(head, "end = 2018-12-31", "end = 2017-12-31", 1), true, "6:7: scenario.end: 2017-12-31 is before start (2018-01-01)"},
	{"date quoted", strings.Replace(head, "start = 2018-01-01", `start = "2018-01-01"`, 1), true, `5:9: scenario.start: expected a date (YYYY-MM-DD), got string "2018-01-01" (write dates without quotes, such as start = 2018-01-01)`},
	{"date-time", strings.Replace(head, "start = 2018-01-01", "start = 2018-01-01T10:00:00", 1), true, "5:9: scenario.start: expected a date (YYYY-MM-DD), got a date and time"},
	{"date out of range", strings.Replace(head, "start = 2018-01-01", "start = 1800-01-01", 1), true, "5:9: scenario.start: 1800-01-01 is out of range (dates must lie in years 1900..2100)"},
	{"span too long", strings.Replace(strings.Replace(head, "end = 2018-12-31", "end = 2099-12-31", 1), "start = 2018-01-01", "start = 1950-01-01", 1), true, "6:7: scenario.end: the scenario spans 54787 days (at most 36525)"},
	{"turn", strings.Replace(head, `turn = "24h"`, `turn = "5h"`, 1), true, `7:8: scenario.turn: invalid turn length "5h" (one of "1h", "2h", "3h", "4h", "6h", "8h", "12h", "24h" or "1d")`},
	{"turn number", strings.Replace(head, `turn = "24h"`, `turn = 24`, 1), true, `7:8: scenario.turn: expected a string, got integer 24`},
	{"default role", head + "default_role = \"isreal\"\n", true, `8:16: scenario.default_role: unknown actor "isreal" (did you mean "israel"?)`},
	{"briefing key", "[scenario.briefing]\nisreal = \"Go.\"\n", false, "2:1: scenario.briefing.isreal: unknown key (did you mean israel?)"},
	{"unknown scenario key", head + "colour = \"red\"\n", true, "8:1: scenario.colour: unknown key (one of id, name, description, start, end, turn, default_role, briefing)"},

	// [initial].
	{"escalation pair", "[initial]\nescalation = { usa-irn = 1 }\n", false, "2:16: initial.escalation.usa-irn: unknown key (did you mean usa-iran?)"},
	{"escalation range", "[initial]\nescalation = { usa-iran = 6 }\n", false, "2:27: initial.escalation.usa-iran: 6 is out of range (must lie in 0..5)"},
	{"trust quoted", "[initial]\ntrust = \"70\"\n", false, `2:9: initial.trust: expected a number, got string "70" (write numbers without quotes)`},
	{"trust table key", "[initial]\ntrust = { israel-us = 70 }\n", false, "2:11: initial.trust.israel-us: unknown key (did you mean israel-usa?)"},
	{"complicity range", "[initial]\ncomplicity = 1.5\n", false, "2:14: initial.complicity: 1.5 is out of range (must lie in 0..1)"},
	{"grievance key", "[initial]\ngrievance = { iran = 1 }\n", false, "2:15: initial.grievance.iran: unknown key (one of israel, usa)"},
	{"arsenal fraction", "[initial]\narsenal = 100.5\n", false, "2:11: initial.arsenal: 100.5 is not a whole number (this is a count)"},
	{"arsenal integral float", "[initial]\narsenal = 100.0\nair_defence = \"high\"\n", false, `3:15: initial.air_defence: expected a number, got string "high"`},
	{"talks_open type", "[initial]\ntalks_open = 1\n", false, "2:14: initial.talks_open: expected true or false, got integer 1"},

	// [params].
	{"param unknown", "[params]\ndetect_shipmnt = 0.1\n", false, "2:1: params.detect_shipmnt: unknown key (did you mean detect_shipment?)"},
	{"param range", "[params]\ndetect_shipment = 1.1\n", false, "2:19: params.detect_shipment: 1.1 is out of range (must lie in 0..1)"},
	{"param count", "[params]\nsorties_per_turn = 2.5\n", false, "2:20: params.sorties_per_turn: 2.5 is not a whole number (this is a count)"},
	{"param nan", "[params]\nhazard_cap = nan\n", false, "2:14: params.hazard_cap: nan is not a finite number"},
	{"param inf", "[params]\nhazard_cap = -inf\n", false, "2:14: params.hazard_cap: -inf is not a finite number"},

	// [[actor]].
	{"actor unknown", "[[actor]]\nid = \"hizbollah\"\n", false, `2:6: actor.hizbollah.id: unknown actor "hizbollah" (did you mean "hezbollah"?)`},
	{"actor duplicate", "[[actor]]\nid = \"russia\"\n[[actor]]\nid = \"russia\"\n", false, `4:6: actor.russia.id: duplicate actor id "russia" (first defined at line 9)`},
	{"actor always present", "[[actor]]\nid = \"israel\"\npresent = false\n", false, `3:11: actor.israel.present: israel always takes part (remove present = false)`},
	{"policy unknown", "[[actor]]\nid = \"usa\"\npolicy = \"force-protektion\"\n", false, `3:10: actor.usa.policy: unknown policy "force-protektion" for usa (did you mean "force-protection"?)`},
	{"policy param unknown", "[[actor]]\nid = \"usa\"\npolicy = \"permissive\"\n[actor.params]\napproval_treshold = 0.3\n", false, "5:1: actor.usa.params.approval_treshold: unknown key (did you mean approval_threshold?)"},
	{"policy param of default", "[[actor]]\nid = \"iran\"\nparams = { talks_restraint = 0.5 }\n", false, "3:12: actor.iran.params.talks_restraint: unknown key (one of claim, drones, lie_low, resupply, threshold)"},
	{"policy param range", "[[actor]]\nid = \"usa\"\n[actor.params]\nrespond = 2\n", false, "4:11: actor.usa.params.respond: 2 is out of range (must lie in 0..1)"},
	{"actor unknown key", "[[actor]]\nid = \"usa\"\npolcy = \"permissive\"\n", false, "3:1: actor.usa.polcy: unknown key (did you mean policy?)"},

	// [[site]].
	{"site missing name", "[[site]]\nid = \"a\"\nkind = \"city\"\nowner = \"syria\"\nlat = 33\nlon = 36\n", false, "1:1: site.a.name: missing required key"},
	{"site kind", strings.Replace(site0, `"garrison"`, `"garison"`, 1), false, `4:8: site.tanf.kind: unknown kind "garison" (did you mean "garrison"?)`},
	{"site kind far", strings.Replace(site0, `"garrison"`, `"castle"`, 1), false, `4:8: site.tanf.kind: unknown kind "castle" (one of "city", "garrison", "airbase", "depot", "air-defence", "militia", "position", "crossing", "oilfield")`},
	{"site owner", strings.Replace(site0, `"usa"`, `"usaa"`, 1), false, `5:9: site.tanf.owner: unknown actor "usaa" (did you mean "usa"?)`},
	{"site lat off map", strings.Replace(site0, "lat = 33.51", "lat = 95", 1), false, "6:7: site.tanf.lat: 95 is off the map (latitude must lie in 28..39)"},
	{"site lon off map", strings.Replace(site0, "lon = 38.62", "lon = -38.62", 1), false, "7:7: site.tanf.lon: -38.62 is off the map (longitude must lie in 32..45)"},
	{"site lat string", strings.Replace(site0, "lat = 33.51", `lat = "33.51"`, 1), false, `6:7: site.tanf.lat: expected a number, got string "33.51" (write numbers without quotes)`},
	{"site lat missing", strings.Replace(site0, "lat = 33.51\n", "", 1), false, "1:1: site.tanf.lat: missing required key"},
	{"site troops negative", site0 + "troops = -5\n", false, "8:10: site.tanf.troops: -5 is out of range (must lie in 0..1000000000)"},
	{"site troops fraction", site0 + "troops = 2.5\n", false, "8:10: site.tanf.troops: 2.5 is not a whole number (this is a count)"},
	{"site troops integral float", site0 + "troops = 200.0\nvalue = -1\n", false, "9:9: site.tanf.value: -1 is out of range (must lie in 0..1000000)"},
	{"site hardness", site0 + "hardness = 1.01\n", false, "8:12: site.tanf.hardness: 1.01 is out of range (must lie in 0..1)"},
	{"site ad strength alone", site0 + "ad_strength = 0.5\n", false, "8:15: site.tanf.ad_strength: air-defence strength without a range (set ad_range_km > 0, or ad_strength = 0)"},
	{"site ad range alone", site0 + "ad_range_km = 50\n", false, "8:15: site.tanf.ad_range_km: air-defence range without a strength (set ad_strength > 0, or ad_range_km = 0)"},
	{"site ad range too far", site0 + "ad_range_km = 1001\nad_strength = 0.5\n", false, "8:15: site.tanf.ad_range_km: 1001 is out of range (must lie in 0..1000)"},
	{"site target type", site0 + "target = \"yes\"\n", false, `8:10: site.tanf.target: expected true or false, got string "yes"`},
	{"site duplicate", site0 + site0, false, `9:6: site.tanf.id: duplicate site id "tanf" (first defined at line 9)`},
	{"site id missing", strings.Replace(site0, "id = \"tanf\"\n", "", 1), false, "1:1: site[0].id: missing required key"},
	{"site id syntax", strings.Replace(site0, `id = "tanf"`, `id = "Al Tanf"`, 1), false, `2:6: site[0].id: invalid id "Al Tanf" (ids are lowercase letters, digits and hyphens, start with a letter and are at most 64 characters)`},
	{"site unknown key", site0 + "troop = 5\n", false, "8:1: site.tanf.troop: unknown key (did you mean troops?)"},
	{"site inline array", "site = [ { id = \"a\", name = \"A\", kind = \"city\", owner = \"syria\", lat = 33, lon = 30 } ]\n" + head, true, "1:82: site.a.lon: 30 is off the map (longitude must lie in 32..45)"},
	{"owner present false", site0 + strings.Replace(strings.Replace(site0, `"tanf"`, `"beirut"`, 1), `"usa"`, `"hezbollah"`, 1) + "[[actor]]\nid = \"hezbollah\"\npresent = false\n", false, `17:11: actor.hezbollah.present: hezbollah owns site "beirut", so it takes part`},

	// [[zone]].
	{"zone kind", site0 + "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"deconflict\"\nowner = \"usa\"\ncenter = \"tanf\"\nradius_km = 55\n", false, `11:8: zone.z.kind: unknown kind "deconflict" (did you mean "deconfliction"?)`},
	{"zone center unknown", site0 + "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\ncenter = \"tnaf\"\nradius_km = 55\n", false, `13:10: zone.z.center: unknown site "tnaf" (did you mean "tanf"?)`},
	{"zone radius zero", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\ncenter = { lat = 33, lon = 38 }\nradius_km = 0\n", false, "7:13: zone.z.radius_km: 0 is out of range (must be > 0 and ≤ 1000)"},
	{"zone radius rounds to zero", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\ncenter = { lat = 33, lon = 38 }\nradius_km = 0.0004\n", false, "7:13: zone.z.radius_km: 0.0004 is out of range (must be > 0 and ≤ 1000; it rounds to 0)"},
	{"route reach rounds to zero", "[[route]]\nid = \"r\"\nname = \"R\"\nreach_km = 0.0004\npath = [[33, 38], [34, 38]]\n", false, "4:12: route.r.reach_km: 0.0004 is out of range (must be > 0 and ≤ 2000; it rounds to 0)"},
	{"corridor speed rounds to zero", corr("speed_km = 0.0004"), false, "19:12: corridor.c.speed_km: 0.0004 is out of range (must be > 0 and ≤ 10000; it rounds to 0)"},
	{"inline table extended by a dotted key", "[initial]\ntrust = { israel-usa = 50 }\ntrust.extra = 1\n", false, "3:1: initial.trust: an inline table cannot be extended by a later key or table header (write all of its keys inside its braces)"},
	{"inline table extended by a header", "[[zone]]\nid = \"z\"\ncenter = { lat = 33, lon = 38 }\n[zone.center.more]\n", false, "4:7: zone[0].center: an inline table cannot be extended by a later key or table header (write all of its keys inside its braces)"},
	{"inline table extended inside another", "[initial]\nescalation = { usa-iran = { a = 1 }, usa-iran.b = 2 }\n", false, "2:38: initial.escalation.usa-iran: an inline table cannot be extended by a later key or table header (write all of its keys inside its braces)"},
	{"quoted key extends an inline table", "[initial]\ntrust = { israel-usa = 50 }\n\"tr\\u0075st\".extra = 1\n", false, "3:1: initial.trust: an inline table cannot be extended by a later key or table header (write all of its keys inside its braces)"},
	{"zone radius negative", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\ncenter = { lat = 33, lon = 38 }\nradius_km = -5\n", false, "7:13: zone.z.radius_km: -5 is out of range (must be > 0 and ≤ 1000)"},
	{"zone radius missing", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\ncenter = { lat = 33, lon = 38 }\n", false, "1:1: zone.z.radius_km: missing required key"},
	{"zone center lon missing", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\ncenter = { lat = 33 }\nradius_km = 5\n", false, "6:1: zone.z.center.lon: missing required key"},
	{"zone no area", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\n", false, "1:1: zone.z.center: missing required key (give center and radius_km, or polygon)"},
	{"zone both forms", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\ncenter = { lat = 33, lon = 38 }\nradius_km = 5\npolygon = [[33, 38], [34, 38], [34, 39]]\n", false, "8:1: zone.z.polygon: an area has either center and radius_km or polygon, not both"},
	{"zone polygon short", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\npolygon = [[33, 38], [34, 38]]\n", false, "6:11: zone.z.polygon: has 2 points; a polygon needs at least 3"},
	{"zone polygon flat", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\npolygon = [[33, 38], [34, 38], [35, 38]]\n", false, "6:11: zone.z.polygon: the polygon has no area (its points lie on one line)"},
	{"zone polygon off map", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\npolygon = [[33, 38], [34, 38], [34, 46]]\n", false, "6:37: zone.z.polygon[2][1]: 46 is off the map (longitude must lie in 32..45)"},
	{"zone polygon pair", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\npolygon = [[33, 38], [34, 38], [34]]\n", false, "6:32: zone.z.polygon[2]: expected a [lat, lon] pair, got an array"},
	{"zone radius with polygon", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\npolygon = [[33, 38], [34, 38], [34, 39]]\nradius_km = 3\n", false, "7:1: zone.z.radius_km: radius_km goes with center, not with polygon"},
	{"zone to before from", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\ncenter = { lat = 33, lon = 38 }\nradius_km = 5\nfrom = 2018-05-01\nto = 2018-04-01\n", false, "9:6: zone.z.to: 2018-04-01 is before from (2018-05-01)"},
	{"zone from after end", "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"halt\"\nowner = \"usa\"\ncenter = { lat = 33, lon = 38 }\nradius_km = 5\nfrom = 2019-05-01\n", false, "8:8: zone.z.from: 2019-05-01 is after the scenario's end (2018-12-31)"},

	// [[route]].
	{"route one point", "[[route]]\nid = \"r\"\nname = \"R\"\npath = [[33, 38]]\nreach_km = 100\n", false, "4:8: route.r.path: has 1 point; a route needs at least 2"},
	{"route no length", "[[route]]\nid = \"r\"\nname = \"R\"\npath = [[33, 38], [33, 38]]\nreach_km = 100\n", false, "4:8: route.r.path: the route has no length (its points all lie in one place)"},
	{"route reach", "[[route]]\nid = \"r\"\nname = \"R\"\npath = [[33, 38], [34, 38]]\nreach_km = 2001\n", false, "5:12: route.r.reach_km: 2001 is out of range (must be > 0 and ≤ 2000)"},
	{"route path missing", "[[route]]\nid = \"r\"\nname = \"R\"\nreach_km = 20\n", false, "1:1: route.r.path: missing required key"},
	{"route point off map", "[[route]]\nid = \"r\"\nname = \"R\"\npath = [[27.9, 38], [34, 38]]\nreach_km = 20\n", false, "4:10: route.r.path[0][0]: 27.9 is off the map (latitude must lie in 28..39)"},

	// [[corridor]].
	{"corridor stops repeat", site0 + "[[corridor]]\nid = \"c\"\nname = \"C\"\nstops = [\"tanf\", \"tanf\"]\nspeed_km = 100\ninterval = 3\nsize = 10\n", false, `11:18: corridor.c.stops[1]: site "tanf" appears twice (a corridor visits each stop once)`},
	{"corridor stop unknown", site0 + "[[corridor]]\nid = \"c\"\nname = \"C\"\nstops = [\"tanf\", \"tamf\"]\nspeed_km = 100\ninterval = 3\nsize = 10\n", false, `11:18: corridor.c.stops[1]: unknown site "tamf" (did you mean "tanf"?)`},
	{"corridor one stop", site0 + "[[corridor]]\nid = \"c\"\nname = \"C\"\nstops = [\"tanf\"]\nspeed_km = 100\ninterval = 3\nsize = 10\n", false, `11:9: corridor.c.stops: has 1 stop; a corridor needs at least 2`},
	{"corridor speed zero", corr("speed_km = 0"), false, "19:12: corridor.c.speed_km: 0 is out of range (must be > 0 and ≤ 10000)"},
	{"corridor interval", corr("interval = 0"), false, "20:12: corridor.c.interval: 0 is out of range (must lie in 1..1000000)"},
	{"corridor size float", corr("size = 10.5"), false, "21:8: corridor.c.size: 10.5 is not a whole number (this is a count)"},
	{"corridor dwell negative", corr("dwell = -1"), false, "22:9: corridor.c.dwell: -1 is out of range (must lie in 0..1000000)"},
	{"corridor stops missing", strings.Replace(corr(""), "stops = [\"tanf\", \"damascus\"]\n", "", 1), false, "15:1: corridor.c.stops: missing required key"},
	{"corridor to before from", corr("from = 2018-03-01\nto = 2018-02-01"), false, "24:6: corridor.c.to: 2018-02-01 is before from (2018-03-01)"},

	// [[event]].
	{"event at and when", "[[event]]\nid = \"e\"\nat = 2018-02-01\nwhen = { metric = \"strikes\", op = \">=\", value = 3 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "4:1: event.e.when: an event fires either at a date or when a condition holds, not both"},
	{"event no trigger", "[[event]]\nid = \"e\"\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "1:1: event.e.at: missing required key (give at = YYYY-MM-DD, when = { metric = …, op = …, value = … } or after = { event = …, days = N })"},
	{"event outside", "[[event]]\nid = \"e\"\nat = 2019-02-01\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "3:6: event.e.at: 2019-02-01 is outside the scenario (2018-01-01..2018-12-31)"},
	{"event metric", "[[event]]\nid = \"e\"\nwhen = { metric = \"strike\", op = \">=\", value = 3 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, `3:19: event.e.when.metric: unknown metric "strike" (did you mean "strikes"?)`},
	{"event op", "[[event]]\nid = \"e\"\nwhen = { metric = \"strikes\", op = \">\", value = 3 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, `3:35: event.e.when.op: unknown operator ">" (">=" or "<=")`},
	{"event count value", "[[event]]\nid = \"e\"\nwhen = { metric = \"strikes\", op = \">=\", value = 3.5 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "3:49: event.e.when.value: 3.5 is not a whole number (this is a count)"},
	{"event no effects", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = []\nlog = \"L\"\n", false, "4:11: event.e.effects: an event needs at least one effect"},
	{"event log missing", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { talks = { add = 1 } } ]\n", false, "1:1: event.e.log: missing required key"},
	{"effect two keys", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { talks = { add = 1 }, trust = { add = 1 } } ]\nlog = \"L\"\n", false, "4:36: event.e.effects[0].trust: an effect has exactly one key (put each change in its own { … })"},
	{"effect unknown", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { talk = { add = 1 } } ]\nlog = \"L\"\n", false, `4:15: event.e.effects[0].talk: unknown effect "talk" (did you mean "talks"?)`},
	{"effect add and set", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { trust = { add = 1, set = 2 } } ]\nlog = \"L\"\n", false, "4:34: event.e.effects[0].trust.set: give add or set, not both"},
	{"effect neither add nor set", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { trust = { } } ]\nlog = \"L\"\n", false, "4:15: event.e.effects[0].trust.add: missing required key (give add = N or set = N)"},
	{"effect inner key", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { trust = { add = 1, sett = 2 } } ]\nlog = \"L\"\n", false, "4:34: event.e.effects[0].trust.sett: unknown key (did you mean set?)"},
	{"effect grievance toward", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { grievance = { toward = \"us\", add = 1 } } ]\nlog = \"L\"\n", false, `4:38: event.e.effects[0].grievance.toward: unknown target "us" (did you mean "usa"?)`},
	{"effect grievance actor", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { grievance = { actor = \"syria\", toward = \"usa\", add = 1 } } ]\nlog = \"L\"\n", false, `4:37: event.e.effects[0].grievance.actor: only Iran's grievance is modelled, not "syria"'s (write actor = "iran" or leave it out)`},
	{"effect set negative", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { talks = { set = -1 } } ]\nlog = \"L\"\n", false, "4:31: event.e.effects[0].talks.set: -1 is out of range (must lie in 0..100)"},
	{"effect complicity add", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { complicity = { add = 2 } } ]\nlog = \"L\"\n", false, "4:36: event.e.effects[0].complicity.add: 2 is out of range (must lie in -1..1)"},
	{"effect pair", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { escalation = { pair = \"iran-usa\", add = 1 } } ]\nlog = \"L\"\n", false, `4:37: event.e.effects[0].escalation.pair: unknown pair "iran-usa" (one of "israel-iran", "israel-russia", "usa-iran")`},
	{"effect troops site", site0 + "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { troops = { site = \"tamf\", add = -50 } } ]\nlog = \"L\"\n", false, `11:33: event.e.effects[0].troops.site: unknown site "tamf" (did you mean "tanf"?)`},
	{"effect troops fraction", site0 + "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { troops = { site = \"tanf\", add = 0.5 } } ]\nlog = \"L\"\n", false, `11:47: event.e.effects[0].troops.add: 0.5 is not a whole number (this is a count)`},
	{"effect talks_open", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { talks_open = \"yes\" } ]\nlog = \"L\"\n", false, `4:28: event.e.effects[0].talks_open: expected true or false, got string "yes"`},
	{"effect halt zone kind", site0 + "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"deconfliction\"\nowner = \"usa\"\ncenter = \"tanf\"\nradius_km = 55\n[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { halt = { zone = \"z\", days = 3 } } ]\nlog = \"L\"\n", false, `18:31: event.e.effects[0].halt.zone: zone "z" is a deconfliction zone, not a halt zone (name a zone of kind halt, or give center and radius_km)`},
	{"effect halt zone unknown", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { halt = { zone = \"z\", days = 3 } } ]\nlog = \"L\"\n", false, `4:31: event.e.effects[0].halt.zone: unknown zone "z"`},
	{"effect halt days", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { halt = { center = { lat = 33, lon = 38 }, radius_km = 50, days = 0 } } ]\nlog = \"L\"\n", false, `4:80: event.e.effects[0].halt.days: 0 is out of range (must lie in 1..3650)`},
	{"effect halt no area", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { halt = { days = 2 } } ]\nlog = \"L\"\n", false, `4:15: event.e.effects[0].halt.zone: missing required key (give zone = <id of a halt zone>, or center and radius_km)`},
	{"effect halt polygon", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { halt = { center = { lat = 33, lon = 38 }, radius_km = 9, polygon = [], days = 2 } } ]\nlog = \"L\"\n", false, "4:72: event.e.effects[0].halt.polygon: unknown key (one of zone, center, radius_km, days)"},
	{"effect param unknown", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { param = { key = \"detect_shipmnt\", set = 0.1 } } ]\nlog = \"L\"\n", false, `4:31: event.e.effects[0].param.key: unknown parameter "detect_shipmnt" (did you mean "detect_shipment"?)`},
	{"effect param range", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { param = { key = \"sorties_per_turn\", set = 2.5 } } ]\nlog = \"L\"\n", false, `4:57: event.e.effects[0].param.set: 2.5 is not a whole number (this is a count)`},
	{"effect corridor unknown", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { corridor = { corridor = \"x\", interval = 2 } } ]\nlog = \"L\"\n", false, `4:39: event.e.effects[0].corridor.corridor: unknown corridor "x"`},

	// Scopes, the richer effects and objectives.
	{"when site metric", site0 + "[[event]]\nid = \"e\"\nwhen = { metric = \"trust\", site = \"tanf\", op = \">=\", value = 1 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "10:28: event.e.when.site: trust is not counted per site (at a site or in a zone: strikes, targets_hit, attacks_on_us, attacks_on_israel, us_casualties, us_injured, us_troops)"},
	{"when site unknown", site0 + "[[event]]\nid = \"e\"\nwhen = { metric = \"us_casualties\", site = \"tamf\", op = \">=\", value = 1 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "10:43: event.e.when.site: unknown site \"tamf\" (did you mean \"tanf\"?)"},
	{"when site and zone", site0 + "[[event]]\nid = \"e\"\nwhen = { metric = \"strikes\", site = \"tanf\", zone = \"z\", op = \">=\", value = 1 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "10:45: event.e.when.zone: give site or zone, not both"},
	{"when zone unknown", "[[event]]\nid = \"e\"\nwhen = { metric = \"strikes\", zone = \"z\", op = \">=\", value = 1 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "3:37: event.e.when.zone: unknown zone \"z\""},
	{"when actor without order", "[[event]]\nid = \"e\"\nwhen = { actor = \"iran\", op = \">=\", value = 1 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "3:1: event.e.when.order: missing required key (actor goes with order = \"…\": the orders of that kind the actor gave)"},
	{"when order of another actor", "[[event]]\nid = \"e\"\nwhen = { actor = \"israel\", order = \"retaliate\", op = \">=\", value = 1 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "3:36: event.e.when.order: israel never gives \"retaliate\" orders: they are iran's"},
	{"when order with metric", "[[event]]\nid = \"e\"\nwhen = { actor = \"iran\", order = \"retaliate\", metric = \"strikes\", op = \">=\", value = 1 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "3:47: event.e.when.metric: an order count takes no metric (count either a metric or an actor's orders)"},
	{"when order unknown", "[[event]]\nid = \"e\"\nwhen = { actor = \"iran\", order = \"retaliates\", op = \">=\", value = 1 }\neffects = [ { talks = { add = 1 } } ]\nlog = \"L\"\n", false, "3:34: event.e.when.order: unknown order \"retaliates\" (did you mean \"retaliate\"?)"},
	{"effect policy unknown", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { policy = { actor = \"iran\", policy = \"restraint\" } } ]\nlog = \"L\"\n", false, "4:51: event.e.effects[0].policy.policy: unknown policy \"restraint\" for iran (did you mean \"restrained\"?)"},
	{"effect policy absent actor", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { policy = { actor = \"turkey\", policy = \"hawk\" } } ]\nlog = \"L\"\n", false, "4:34: event.e.effects[0].policy.actor: turkey plays no policy in this scenario (name an actor that decides: iran, israel, usa)"},
	{"effect policy nothing", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { policy = { actor = \"iran\" } } ]\nlog = \"L\"\n", false, "4:15: event.e.effects[0].policy.policy: missing required key (give policy = \"…\", params = { … } or both)"},
	{"effect policy param", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { policy = { actor = \"iran\", params = { treshold = 0.2 } } } ]\nlog = \"L\"\n", false, "4:53: event.e.effects[0].policy.params.treshold: unknown key (did you mean threshold?)"},
	{"effect ad_strength no cover", site0 + "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { ad_strength = { site = \"tanf\", set = 0.5 } } ]\nlog = \"L\"\n", false, "11:38: event.e.effects[0].ad_strength.site: site \"tanf\" has no air-defence cover (ad_strength changes the cover of a site with ad_range_km > 0)"},
	{"effect hardness range", site0 + "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { hardness = { site = \"tanf\", set = 1.5 } } ]\nlog = \"L\"\n", false, "11:49: event.e.effects[0].hardness.set: 1.5 is out of range (must lie in 0..1)"},
	{"effect detected not a target", site0 + "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { detected = { site = \"tanf\", days = 3 } } ]\nlog = \"L\"\n", false, "11:35: event.e.effects[0].detected.site: site \"tanf\" is not a target (detection lets Israel strike a site with target = true)"},
	{"effect owner site unknown", site0 + "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { owner = { site = \"tamf\", actor = \"israel\" } } ]\nlog = \"L\"\n", false, "11:32: event.e.effects[0].owner.site: unknown site \"tamf\" (did you mean \"tanf\"?)"},
	{"effect owner actor unknown", site0 + "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { owner = { site = \"tanf\", actor = \"isreal\" } } ]\nlog = \"L\"\n", false, "11:48: event.e.effects[0].owner.actor: unknown actor \"isreal\" (did you mean \"israel\"?)"},
	{"effect owner absent actor", site0 + "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { owner = { site = \"tanf\", actor = \"sdf\" } } ]\nlog = \"L\"\n", false, "11:48: event.e.effects[0].owner.actor: sdf does not take part in this scenario (hand the site to one that does (iran, israel, usa), or add an [[actor]] entry with id = \"sdf\")"},
	{"effect owner no actor", site0 + "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { owner = { site = \"tanf\" } } ]\nlog = \"L\"\n", false, "11:15: event.e.effects[0].owner.actor: missing required key"},
	{"effect detected nothing", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { detected = { days = 3 } } ]\nlog = \"L\"\n", false, "4:15: event.e.effects[0].detected.site: missing required key (give site = <a target site> or corridor = <a corridor>)"},
	{"objective days without window", "[[objective]]\nid = \"o\"\nrole = \"usa\"\nmetric = \"strikes\"\nop = \"<=\"\nvalue = 1\ntext = \"At most {value} in {days} days\"\n", false, "7:8: objective.o.text: {days} quotes within_days, which this objective has not (give within_days = N or remove {days})"},
	{"objective window zero", "[[objective]]\nid = \"o\"\nrole = \"usa\"\nmetric = \"strikes\"\nop = \"<=\"\nvalue = 1\nwithin_days = 0\ntext = \"T\"\n", false, "7:15: objective.o.within_days: 0 is out of range (must lie in 1..36525)"},
	{"objective if metric", "[[objective]]\nid = \"o\"\nrole = \"israel\"\nmetric = \"targets_hit\"\nop = \">=\"\nvalue = 20\nif = { metric = \"atacks_on_israel\", op = \">=\", value = 1 }\ntext = \"T\"\n", false, "7:17: objective.o.if.metric: unknown metric \"atacks_on_israel\" (did you mean \"attacks_on_israel\"?)"},
	{"objective site metric", site0 + "[[objective]]\nid = \"o\"\nrole = \"usa\"\nmetric = \"trust\"\nsite = \"tanf\"\nop = \">=\"\nvalue = 1\ntext = \"T\"\n", false, "12:1: objective.o.site: trust is not counted per site (at a site or in a zone: strikes, targets_hit, attacks_on_us, attacks_on_israel, us_casualties, us_injured, us_troops)"},
	// [[objective]].
	{"objective metric", "[[objective]]\nid = \"o\"\nrole = \"usa\"\nmetric = \"us_casualtys\"\nop = \"<=\"\nvalue = 1\ntext = \"T\"\n", false, `4:10: objective.o.metric: unknown metric "us_casualtys" (did you mean "us_casualties"?)`},
	{"objective role", "[[objective]]\nid = \"o\"\nrole = \"spectator\"\nmetric = \"strikes\"\nop = \"<=\"\nvalue = 1\ntext = \"T\"\n", false, `3:8: objective.o.role: unknown actor "spectator" (one of "hezbollah", "iran", "isis", "israel", "russia", "sdf", "syria", "turkey", "usa")`},
	{"objective duplicate", "[[objective]]\nid = \"o\"\nrole = \"usa\"\nmetric = \"strikes\"\nop = \"<=\"\nvalue = 1\ntext = \"T\"\n[[objective]]\nid = \"o\"\nrole = \"usa\"\nmetric = \"strikes\"\nop = \"<=\"\nvalue = 1\ntext = \"T\"\n", false, `9:6: objective.o.id: duplicate objective id "o" for usa (first defined at line 9)`},
	{"objective text missing", "[[objective]]\nid = \"o\"\nrole = \"usa\"\nmetric = \"strikes\"\nop = \"<=\"\nvalue = 1\n", false, "1:1: objective.o.text: missing required key"},
	{"objective level value", "[[objective]]\nid = \"o\"\nrole = \"usa\"\nmetric = \"trust\"\nop = \">=\"\nvalue = true\ntext = \"T\"\n", false, "6:9: objective.o.value: expected a number, got boolean true"},

	// Hints for mistakes authors make.
	{"corridor stop by word", site0 + "[[site]]\nid = \"palmyra-airport\"\nname = \"P\"\nkind = \"airbase\"\nowner = \"syria\"\nlat = 34.56\nlon = 38.32\n" + "[[corridor]]\nid = \"c\"\nname = \"C\"\nstops = [\"tanf\", \"palmyra\"]\nspeed_km = 100\ninterval = 2\nsize = 5\n", false, `18:18: corridor.c.stops[1]: unknown site "palmyra" (did you mean "palmyra-airport"?)`},
	{"route path site id", site0 + "[[route]]\nid = \"r\"\nname = \"R\"\npath = [[31.2, 35.0], \"tanf\"]\nreach_km = 20\n", false, `11:23: route.r.path[1]: expected a [lat, lon] pair, got string "tanf" (a route takes coordinates, not site ids: site "tanf" is at [33.51, 38.62])`},
	{"effect param of a policy", "[[event]]\nid = \"e\"\nat = 2018-02-01\neffects = [ { param = { key = \"defiance\", set = 0.1 } } ]\nlog = \"L\"\n", false, `4:31: event.e.effects[0].param.key: "defiance" is a parameter of israel's opportunist policy, not a model constant (param effects change [params] keys; a policy's parameters are set in its [[actor]] entry and changed by a policy effect)`},

	// Syntax.
	{"syntax bare string", "[[site]]\nid = tanf\n", false, `2:6: syntax error: expected value but found "tanf" instead (strings need quotes, such as name = "Al-Tanf")`},
	{"syntax duplicate key", "[initial]\ntrust = 1\ntrust = 2\n", false, "3:1: syntax error: Key 'initial.trust' has already been defined."},
}

func TestRules(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.name, func(t *testing.T) {
			text, want := tc.text, tc.want
			if !tc.full {
				text = head + text
				want = shiftLine(t, want, headLines)
			}
			sc, err := scenario.Load("t.toml", []byte(text), nil)
			if err == nil {
				t.Fatalf("loaded %q; want error %q", sc.ID, want)
			}
			var list scenario.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, not an ErrorList: %v", err, err)
			}
			if len(list) != 1 || "t.toml:"+want != list[0].Error() {
				t.Errorf("got\n%v\nwant\nt.toml:%s", err, want)
			}
		})
	}
}

// shiftLine adds n to the line of a "line:col: …" expectation.
func shiftLine(t *testing.T, want string, n int) string {
	var line int
	if _, err := fmt.Sscanf(want, "%d:", &line); err != nil {
		t.Fatalf("bad expectation %q", want)
	}
	_, rest, _ := strings.Cut(want, ":")
	return fmt.Sprintf("%d:%s", line+n, rest)
}
