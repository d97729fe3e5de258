package scenario

import (
	"fmt"
	"math"

	"github.com/deconflict/deconflict/sim"
)

// The format's tables, key by key: the one description of the format that
// the loader's key checks and ranges, the JSON Schema (Schema) and the key
// tables of docs/scenarios.md are all taken from.

// kind is the type of value a key holds.
type kind uint8

const (
	kString        kind = iota // a string, possibly one of enum
	kID                        // an id
	kText                      // a one-line text of at most maxLen characters
	kLong                      // a text that may span lines
	kDate                      // a TOML local date
	kNumber                    // a number within q (whole when q counts)
	kBool                      // true or false
	kTable                     // a table of the keys of sub
	kEntries                   // an array of tables of the keys of sub
	kPoints                    // an array of [lat, lon] pairs
	kSiteIDs                   // an array of site ids
	kCoord                     // a latitude (q.min/q.max give the map box)
	kSiteOrPoint               // a site id or { lat, lon }
	kNumberOrTable             // a number within q, or a table of sub's keys
	kEffects                   // an array of effects
	kWhen                      // a condition table
	kAnyNumber                 // a number whose range depends on another key
)

// field is one key of a table.
type field struct {
	key      string
	kind     kind
	required bool
	q        qty             // kNumber, kNumberOrTable, kCoord
	unit     string          // the unit in words, for docs and hovers
	maxLen   int             // kText, kLong
	enum     func() []string // allowed strings (kString) or keys (kTable with no sub)
	sub      *tableSpec      // kTable, kEntries, kNumberOrTable
	def      any             // default as written in a file (float64, bool, string), or nil
	doc      string
}

// tableSpec is one table of the format.
type tableSpec struct {
	name   string // as written in headers: "scenario", "site", "actor.params"
	doc    string
	fields []field
	// open is the value every key takes when the table's keys are not fixed
	// by fields (such as [scenario.briefing], keyed by actor id).
	open *field
}

// keyNames lists the table's keys in canonical order.
func (t *tableSpec) keyNames() []string {
	out := make([]string, len(t.fields))
	for i := range t.fields {
		out[i] = t.fields[i].key
	}
	return out
}

// field returns the field of key k; the format's tables are fixed, so a
// missing key is a programming error that the tests of this package catch.
func (t *tableSpec) field(k string) *field {
	for i := range t.fields {
		if t.fields[i].key == k {
			return &t.fields[i]
		}
	}
	panic(fmt.Sprintf("scenario: table %s has no key %q", t.name, k))
}

// q returns the range of the number key k.
func (t *tableSpec) q(k string) qty { return t.field(k).q }

// Ranges shared by several keys.
var (
	qLatitude  = qty{unit: sim.UnitLevel, min: 28, max: 39}
	qLongitude = qty{unit: sim.UnitLevel, min: 32, max: 45}
	qRadius    = qty{unit: sim.UnitKm, min: 0, max: 1000, open: true}
	qTurns     = qty{unit: sim.UnitCount, min: 1, max: maxTurns}
	qHaltDays  = qty{unit: sim.UnitCount, min: 1, max: 3650}
)

func idField(doc string) field {
	return field{key: "id", kind: kID, required: true, doc: doc}
}

func nameField() field {
	return field{key: "name", kind: kText, required: true, maxLen: maxNameLen, doc: "display name"}
}

func actorField(key, doc string) field {
	return field{key: key, kind: kString, required: true, enum: sim.ActorIDs, doc: doc}
}

func windowFields(what string) []field {
	return []field{
		{key: "from", kind: kDate, doc: "first day " + what + "; default: the scenario's start"},
		{key: "to", kind: kDate, doc: "last day " + what + ", not before from; default: the scenario's end"},
	}
}

func latLonFields() []field {
	return []field{
		{key: "lat", kind: kCoord, required: true, q: qLatitude, unit: "degrees north", doc: "latitude, on the map (28..39)"},
		{key: "lon", kind: kCoord, required: true, q: qLongitude, unit: "degrees east", doc: "longitude, on the map (32..45)"},
	}
}

var (
	pointSpec = &tableSpec{name: "point", doc: "a position", fields: latLonFields()}

	briefingSpec = &tableSpec{name: "scenario.briefing",
		doc:  "the text shown to the player of each role before the game, keyed by actor id",
		open: &field{kind: kLong, maxLen: maxBriefLen, doc: "briefing for this role; may span lines"}}

	scenarioSpec = &tableSpec{name: "scenario", doc: "what the scenario is and how long it runs", fields: []field{
		idField("an id; the shipped scenarios use their file name"),
		nameField(),
		{key: "description", kind: kText, required: true, maxLen: maxDescLen, doc: "one line; deconflict-sim list shows it"},
		{key: "start", kind: kDate, required: true, doc: "the first day played"},
		{key: "end", kind: kDate, required: true, doc: fmt.Sprintf("the last day played (inclusive); not before start, at most %d days after it", maxSpanDays)},
		{key: "turn", kind: kString, required: true, enum: turnIDs, doc: `the length of a turn ("1d" is "24h")`},
		{key: "default_role", kind: kString, enum: sim.ActorIDs, def: "usa", doc: "the actor id the game offers first"},
		{key: "briefing", kind: kTable, sub: briefingSpec, doc: "one text per actor id, shown to that role's player before the game"},
	}}

	ladderSpec = &tableSpec{name: "initial.escalation", doc: "escalation ladders",
		open: &field{kind: kNumber, q: qLevel5, unit: "level", def: 0.0, doc: "ladder level, 0 calm … 5 open conflict"}}
	trustSpec = &tableSpec{name: "initial.trust", doc: "Israel–US trust", fields: []field{
		{key: "israel-usa", kind: kNumber, q: qPercent, unit: "level", doc: "Israel–US trust"},
	}}
	grievanceSpec = &tableSpec{name: "initial.grievance", doc: "Iran's grievance toward each", fields: []field{
		{key: "israel", kind: kNumber, q: qPercent, unit: "level", def: 0.0, doc: "Iran's grievance toward Israel"},
		{key: "usa", kind: kNumber, q: qPercent, unit: "level", def: 0.0, doc: "Iran's grievance toward the US"},
	}}

	initialSpec = &tableSpec{name: "initial", doc: "the state on the first day; every key is optional", fields: []field{
		{key: "escalation", kind: kTable, sub: ladderSpec, enum: sim.PairIDs, doc: "escalation ladders, keyed by pair; 0 for each left out"},
		{key: "trust", kind: kNumberOrTable, q: qPercent, unit: "level", sub: trustSpec, def: float64(defaultTrust), doc: "Israel–US trust, or { israel-usa = N }"},
		{key: "complicity", kind: kNumber, q: qFraction, unit: "fraction", def: defaultComplicity, doc: "how far Iran holds the US complicit in Israel's strikes"},
		{key: "grievance", kind: kTable, sub: grievanceSpec, doc: "Iran's grievance toward each; 0 for each left out"},
		{key: "talks", kind: kNumber, q: qPercent, unit: "level (percent)", def: 0.0, doc: "progress of the nuclear talks"},
		{key: "talks_open", kind: kBool, def: false, doc: "whether talks are under way"},
		{key: "air_defence", kind: kNumber, q: qLevel5, unit: "level", def: float64(defaultAirDefence), doc: "the level of Syrian air defences"},
		{key: "arsenal", kind: kNumber, q: qCount, unit: "count", def: float64(defaultArsenal), doc: "Hezbollah's weapon units"},
		{key: "counter_is", kind: kNumber, q: qPercent, unit: "level (percent)", def: 0.0, doc: "progress of the campaign against the Islamic State"},
	}}

	actorSpec = &tableSpec{name: "actor", doc: "an actor's AI policy, its tuning, and whether a minor actor takes part", fields: []field{
		{key: "id", kind: kString, required: true, enum: sim.ActorIDs, doc: "the actor, at most one entry each"},
		{key: "policy", kind: kString, doc: "one of the actor's policies (below); default: the actor's default policy"},
		{key: "present", kind: kBool, def: true, doc: "Israel, the US and Iran always take part (present = false is an error for them); another actor takes part when it has an entry without present = false or owns a site, and one that owns a site cannot be marked absent"},
		{key: "params", kind: kTable, doc: "the policy's parameters (below), as [actor.params] after the entry or an inline table; one left out keeps its default"},
	}}

	siteSpec = &tableSpec{name: "site", doc: "a fixed place: a city, a garrison, an airbase, a depot, an air-defence battery…", fields: append(append([]field{
		idField("unique among the entries of its kind; other entries and --set name it by it"),
		nameField(),
		{key: "kind", kind: kString, required: true, enum: sim.SiteKindIDs, doc: "what the site is"},
		actorField("owner", "who holds it; owning a site brings a minor actor into the scenario"),
	}, latLonFields()...), []field{
		{key: "troops", kind: kNumber, q: qCount, unit: "count", def: 0.0, doc: "troops present at the start (US garrisons)"},
		{key: "value", kind: kNumber, q: qty{unit: sim.UnitLevel, min: 0, max: 1e6}, unit: "level", def: 1.0, doc: "worth as a target (1 is an ordinary target)"},
		{key: "hardness", kind: kNumber, q: qFraction, unit: "fraction", def: 0.0, doc: "share of strikes the site shrugs off"},
		{key: "proximity", kind: kNumber, q: qFraction, unit: "fraction", def: 0.0, doc: "how close proxy forces are: a term of the attack hazard at the site"},
		{key: "ad_range_km", kind: kNumber, q: qty{unit: sim.UnitKm, min: 0, max: 1000}, unit: "km", def: 0.0, doc: "reach of the site's air-defence cover; zero or positive with ad_strength"},
		{key: "ad_strength", kind: kNumber, q: qFraction, unit: "fraction", def: 0.0, doc: "strength of that cover; zero or positive with ad_range_km"},
		{key: "target", kind: kBool, def: false, doc: "Israel may strike it once detected"},
	}...)}

	zoneSpec = &tableSpec{name: "zone", doc: "an area with a purpose, in force for a window of days; a circle (center and radius_km) or a polygon", fields: append([]field{
		idField("unique among the entries of its kind; other entries and --set name it by it"),
		nameField(),
		{key: "kind", kind: kString, required: true, enum: sim.ZoneKindIDs, doc: "deconfliction: a US zone, strikes through it need US review · operation: a US operation area, strikes into it need review · halt: an area a US halt can name; in force only while a halt effect holds it, so its from/to do not apply · russia: Russian presence, strikes through it notify Russia"},
		actorField("owner", "who holds the zone"),
		{key: "center", kind: kSiteOrPoint, sub: pointSpec, doc: "with radius_km: a site id (the circle follows that site) or { lat = …, lon = … }"},
		{key: "radius_km", kind: kNumber, q: qRadius, unit: "km", doc: "with center: the circle's radius"},
		{key: "polygon", kind: kPoints, unit: "degrees", doc: fmt.Sprintf("instead of a circle: 3 to %d [lat, lon] points on the map, not all on one line; the ring closes by itself", maxPoints)},
	}, windowFields("in force")...)}

	routeSpec = &tableSpec{name: "route", doc: "a named Israeli strike route: waypoints from Israel toward a target area", fields: []field{
		idField("unique among the entries of its kind; other entries and --set name it by it"),
		nameField(),
		{key: "description", kind: kText, maxLen: maxDescLen, doc: "shown when choosing a route"},
		{key: "path", kind: kPoints, required: true, unit: "degrees", doc: fmt.Sprintf("2 to %d [lat, lon] points on the map, not all in one place", maxPoints)},
		{key: "reach_km", kind: kNumber, required: true, q: qty{unit: sim.UnitKm, min: 0, max: 2000, open: true}, unit: "km", doc: "how far from the last waypoint a target it serves may lie"},
	}}

	corridorSpec = &tableSpec{name: "corridor", doc: "an Iranian supply line: shipments leave the first stop every interval turns and are delivered at the last", fields: append([]field{
		idField("unique among the entries of its kind; other entries and --set name it by it"),
		nameField(),
		{key: "stops", kind: kSiteIDs, required: true, doc: fmt.Sprintf("2 to %d site ids, in travel order, each at most once", maxPoints)},
		{key: "speed_km", kind: kNumber, required: true, q: qty{unit: sim.UnitKm, min: 0, max: 10_000, open: true}, unit: "km per turn", doc: "distance a shipment travels each turn"},
		{key: "interval", kind: kNumber, required: true, q: qTurns, unit: "turns", doc: "turns between dispatches"},
		{key: "size", kind: kNumber, required: true, q: qPositive, unit: "count", doc: "weapon units per shipment"},
		{key: "dwell", kind: kNumber, q: qty{unit: sim.UnitCount, min: 0, max: maxTurns}, unit: "turns", def: 1.0, doc: "turns a shipment waits at each depot on the way"},
	}, windowFields("shipments leave")...)}

	whenSpec = &tableSpec{name: "event.when", doc: "a condition on a metric, over the run, at a site or in a zone, or on an actor's orders", fields: append([]field{
		{key: "metric", kind: kString, enum: metricKeys, doc: "a metric key; required unless actor and order are given"},
		{key: "op", kind: kString, required: true, enum: opIDs, doc: "how the metric compares with value"},
		{key: "value", kind: kNumber, required: true, q: qty{unit: sim.UnitLevel, min: -1e9, max: 1e9}, doc: "in the metric's unit; whole for counted metrics and orders"},
	}, scopeFields()...)}

	eventSpec = &tableSpec{name: "event", doc: "scripted context: fires once, on a date or when a condition first holds, and makes its changes", fields: []field{
		idField("unique among the entries of its kind; other entries and --set name it by it"),
		{key: "at", kind: kDate, doc: "one of at and when: the day it fires, within the scenario's dates"},
		{key: "when", kind: kWhen, sub: whenSpec, doc: "one of at, when and after: fires on the first turn the metric compares true with the value; or all = [ … ] or any = [ … ] of several such conditions"},
		{key: "after", kind: kTable, sub: afterSpec, doc: "one of at, when and after: fires days after another event first fires"},
		{key: "until", kind: kDate, doc: "with at: fires on a random day from at to until (each turn equally likely)"},
		{key: "chance", kind: kNumber, q: qty{unit: sim.UnitFraction, min: 0, max: 1, open: true}, unit: "fraction", def: 1.0, doc: "the chance it fires when its trigger holds; if not, it is spent (unless repeat)"},
		{key: "repeat", kind: kBool, def: false, doc: "with when: re-arms once the condition stops holding, so it can fire again"},
		{key: "revert_days", kind: kNumber, q: qty{unit: sim.UnitCount, min: 1, max: 3650}, unit: "days", doc: "undo the changes this many days after firing (halts and strikes keep their own days)"},
		{key: "effects", kind: kEffects, required: true, doc: fmt.Sprintf("1 to %d effects, applied in order", maxEffects)},
		{key: "log", kind: kText, required: true, maxLen: maxLineLen, doc: "the line the event log shows when it fires"},
	}}

	objectiveSpec = &tableSpec{name: "objective", doc: "a role's goal, judged at the end of the run, or when its window closes", fields: append(append([]field{
		idField("id, unique among the objectives of its role"),
		actorField("role", "the actor id whose objective it is"),
		{key: "metric", kind: kString, enum: metricKeys, doc: "a metric key; required unless actor and order are given"},
		{key: "op", kind: kString, required: true, enum: opIDs, doc: "how the metric compares with value"},
		{key: "value", kind: kNumber, required: true, q: qty{unit: sim.UnitLevel, min: -1e9, max: 1e9}, doc: "the threshold, in the metric's unit; whole for counted metrics and orders"},
	}, scopeFields()...), []field{
		{key: "if", kind: kTable, sub: whenSpec, doc: "a condition (as an event's when, one only) that arms the objective on the first turn it holds; never armed, the objective is met (nothing was asked); armed, a counted metric counts from then"},
		{key: "within_days", kind: kNumber, q: qty{unit: sim.UnitCount, min: 1, max: maxSpanDays}, unit: "days", doc: "the objective is decided this many days after it arms (the start, without if), met or not; a counted metric counts within the window"},
		{key: "required", kind: kBool, def: false, doc: "missing a required objective loses the game outright"},
		{key: "text", kind: kText, required: true, maxLen: maxLineLen, doc: "shown on the end screen; {value} in it is replaced by the threshold and {days} by within_days, so the text cannot drift from them"},
	}...)}

	paramsSpec = &tableSpec{name: "params", doc: "the model's constants; any key left out keeps its default"}

	rootSpec = &tableSpec{name: "", doc: "a Deconflict scenario", fields: []field{
		{key: "scenario", kind: kTable, required: true, sub: scenarioSpec, doc: scenarioSpec.doc},
		{key: "initial", kind: kTable, sub: initialSpec, doc: initialSpec.doc},
		{key: "params", kind: kTable, sub: paramsSpec, doc: paramsSpec.doc},
		{key: "actor", kind: kEntries, sub: actorSpec, doc: actorSpec.doc},
		{key: "site", kind: kEntries, sub: siteSpec, doc: siteSpec.doc},
		{key: "zone", kind: kEntries, sub: zoneSpec, doc: zoneSpec.doc},
		{key: "route", kind: kEntries, sub: routeSpec, doc: routeSpec.doc},
		{key: "corridor", kind: kEntries, sub: corridorSpec, doc: corridorSpec.doc},
		{key: "event", kind: kEntries, sub: eventSpec, doc: eventSpec.doc},
		{key: "objective", kind: kEntries, sub: objectiveSpec, doc: objectiveSpec.doc},
		{key: "expect", kind: kEntries, sub: expectSpec, doc: expectSpec.doc},
	}}
)

// turnIDs lists the accepted turn lengths.
func turnIDs() []string {
	return []string{"1h", "2h", "3h", "4h", "6h", "8h", "12h", "24h", "1d"}
}

// opIDs lists the comparison operators.
func opIDs() []string { return []string{">=", "<="} }

// effectSpec is the form of one effect kind: the keys of its table, or for
// a kind that takes a plain value, that value.
type effectSpec struct {
	doc   string
	value *field     // a kind written as a plain value, such as talks_open = true
	table *tableSpec // a kind written as a table
	// addSet is the range of set (and, widened to ± its width, of add) for
	// the kinds that take add or set; unit says it in words.
	addSet *qty
	unit   string
}

// addSetFields are the add and set keys of a kind that changes a value q.
func addSetFields(q qty, unit string) []field {
	width := q.max - q.min
	return []field{
		{key: "add", kind: kNumber, q: qty{unit: q.unit, min: -width, max: width}, unit: unit, doc: "a change (may be negative); give add or set"},
		{key: "set", kind: kNumber, q: q, unit: unit, doc: "a new value; give add or set"},
	}
}

func effectTable(name string, q *qty, unit string, fields ...field) *tableSpec {
	if q != nil {
		fields = append(fields, addSetFields(*q, unit)...)
	}
	return &tableSpec{name: "effect." + name, fields: fields}
}

// effectForms is the form of every effect kind, indexed by sim.EffectKind.
var effectForms = effectSpecs()

// effectSpecs describes every effect kind, indexed by sim.EffectKind.
func effectSpecs() [sim.NumEffectKinds]effectSpec {
	qParamAny := qty{unit: sim.UnitLevel, min: 0, max: math.MaxFloat64}
	mk := func(name, doc, unit string, q qty, extra ...field) effectSpec {
		return effectSpec{doc: doc, table: effectTable(name, &q, unit, extra...), addSet: &q, unit: unit}
	}
	return [sim.NumEffectKinds]effectSpec{
		sim.EffectGrievance: mk("grievance", "Iran's grievance toward Israel or the US", "level", qPercent,
			field{key: "toward", kind: kString, required: true, enum: func() []string { return groundKeys }, doc: "whose grievance: toward israel or usa"},
			field{key: "actor", kind: kString, enum: func() []string { return []string{"iran"} }, doc: "may be left out; only Iran's grievance is modelled"}),
		sim.EffectComplicity: mk("complicity", "US complicity as Iran perceives it", "fraction", qFraction),
		sim.EffectTrust:      mk("trust", "Israel–US trust", "level (points)", qPercent),
		sim.EffectEscalation: mk("escalation", "an escalation ladder", "level", qLevel5,
			field{key: "pair", kind: kString, required: true, enum: sim.PairIDs, doc: "which ladder"}),
		sim.EffectTalks:      mk("talks", "progress of the nuclear talks", "level (percent)", qPercent),
		sim.EffectTalksOpen:  {doc: "whether talks are under way", value: &field{kind: kBool, doc: "true opens the talks, false closes them"}},
		sim.EffectAirDefence: mk("air_defence", "the level of Syrian air defences", "level", qLevel5),
		sim.EffectTroops: mk("troops", "troops at a site", "count", qCount,
			field{key: "site", kind: kID, required: true, doc: "a site id"}),
		sim.EffectCounterIS: mk("counter_is", "progress of the campaign against the Islamic State", "level (percent)", qPercent),
		sim.EffectParam: {doc: "a model constant", unit: "the parameter's unit", addSet: &qParamAny,
			table: effectTable("param", nil, "",
				field{key: "key", kind: kString, required: true, enum: paramKeys, doc: "a [params] key"},
				field{key: "add", kind: kAnyNumber, doc: "a change, at most the width of the parameter's range either way; give add or set"},
				field{key: "set", kind: kAnyNumber, doc: "a new value within the parameter's range; give add or set"})},
		sim.EffectHalt: {doc: "a US halt on strikes in an area for some days", table: effectTable("halt", nil, "",
			field{key: "zone", kind: kID, doc: "the id of a halt zone; or give center and radius_km"},
			field{key: "center", kind: kSiteOrPoint, sub: pointSpec, doc: "a site id or { lat, lon }, with radius_km"},
			field{key: "radius_km", kind: kNumber, q: qRadius, unit: "km", doc: "with center"},
			field{key: "days", kind: kNumber, required: true, q: qHaltDays, unit: "days", doc: "how long the halt holds"})},
		sim.EffectStruck: {doc: "a site struck before the run opens: out of action for some days", table: effectTable("struck", nil, "",
			field{key: "site", kind: kID, required: true, doc: "a site id"},
			field{key: "days", kind: kNumber, required: true, q: qHaltDays, unit: "days", doc: "how long it stays out of action"})},
		sim.EffectPolicy: {doc: "an actor's AI policy, or its parameters, from now on (revert_days switches it back)", table: effectTable("policy", nil, "",
			field{key: "actor", kind: kString, required: true, enum: sim.ActorIDs, doc: "an actor that plays a policy"},
			field{key: "policy", kind: kString, doc: "one of the actor's policies; default: its policy in the scenario. Give policy, params or both"},
			field{key: "params", kind: kTable, doc: "the policy's parameters; the rest keep the actor's [[actor]] values when the policy stays the same, else their defaults"})},
		sim.EffectHardness: mk("hardness", "a site's hardness: the share of strikes it shrugs off", "fraction", qFraction,
			field{key: "site", kind: kID, required: true, doc: "a site id"}),
		sim.EffectProximity: mk("proximity", "a site's proximity: how close proxy forces are (a term of the attack hazard)", "fraction", qFraction,
			field{key: "site", kind: kID, required: true, doc: "a site id"}),
		sim.EffectSiteAD: mk("ad_strength", "the strength of a site's air-defence cover", "fraction", qFraction,
			field{key: "site", kind: kID, required: true, doc: "a site with ad_range_km > 0"}),
		sim.EffectOwner: {doc: "a site changes hands: who holds it from now on (revert_days hands it back)", table: effectTable("owner", nil, "",
			field{key: "site", kind: kID, required: true, doc: "a site id"},
			field{key: "actor", kind: kString, required: true, enum: sim.ActorIDs, doc: "the new owner, an actor that takes part in the scenario"})},
		sim.EffectDetected: {doc: "a target site detected, or every shipment on a corridor detected while the days last (those dispatched later too): Israel may strike them", table: effectTable("detected", nil, "",
			field{key: "site", kind: kID, doc: "a target site; or give corridor"},
			field{key: "corridor", kind: kID, doc: "a corridor id; or give site"},
			field{key: "days", kind: kNumber, required: true, q: qHaltDays, unit: "days", doc: "how long the detection holds"})},
		sim.EffectCorridor: {doc: "a corridor's dispatch interval", table: effectTable("corridor", nil, "",
			field{key: "corridor", kind: kID, required: true, doc: "a corridor id"},
			field{key: "interval", kind: kNumber, required: true, q: qty{unit: sim.UnitCount, min: 0, max: maxTurns}, unit: "turns", doc: "turns between dispatches; 0 pauses them"})},
	}
}
