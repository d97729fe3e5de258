package sim

import (
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim/geo"
)

// Scenario is a compiled, validated scenario: every entity sorted by id,
// every reference resolved to an index, every number in its integer form.
// The engine never changes it; many runs may share one.
type Scenario struct {
	ID          string
	Name        string
	Description string
	StartDay    int32 // days since 1970-01-01
	EndDay      int32 // last simulated day, inclusive
	TurnHours   int32
	Turns       int32
	Briefing    [NumActors]string // per-role briefing shown before a game
	DefaultRole Actor             // the role the scenario is made for (the game suggests it)
	Initial     Initial
	Params      Params
	Actors      [NumActors]ActorSetup
	Sites       []Site
	Zones       []Zone
	Routes      []Route
	Corridors   []Corridor
	Events      []Event
	Objectives  []Objective
}

// Initial is the state a scenario starts from.
type Initial struct {
	Escalation [NumPairs]int64       // milli-levels
	Trust      int64                 // milli-points, 0..100_000
	Complicity int64                 // micro
	Grievance  [NumAdversaries]int64 // Iran's grievance toward Israel and the US (TowardIsrael, TowardUSA), milli
	Talks      int64                 // milli-percent
	TalksOpen  bool                  // talks under way at the start
	AirDefence int64                 // Syrian air-defence level, milli
	Arsenal    int64                 // Hezbollah's weapon units
	CounterIS  int64                 // milli-percent
}

// ActorSetup says whether an actor takes part and which AI policy plays it.
type ActorSetup struct {
	Present bool
	Policy  string
	Params  []PolicyParam // sorted by key
	// Later lists the setups policy effects switch the actor to, in the
	// order the scenario's events name them (only Policy and Params are
	// set): while the state's setup index of the actor is k > 0, Later[k-1]
	// plays it (see State.Setups).
	Later []ActorSetup
}

// PolicyParam is one tuned parameter of an AI policy, in micro units.
type PolicyParam struct {
	Key   string
	Value int64
}

// SiteKind is what a site is.
type SiteKind uint8

// The site kinds.
const (
	SiteCity SiteKind = iota
	SiteGarrison
	SiteAirbase
	SiteDepot
	SiteAirDefence
	SiteMilitia
	SitePosition
	SiteCrossing
	SiteOilfield
	NumSiteKinds
)

var siteKindIDs = [NumSiteKinds]string{"city", "garrison", "airbase", "depot", "air-defence", "militia", "position", "crossing", "oilfield"}

// String returns the kind's id as written in scenario files.
func (k SiteKind) String() string { return siteKindIDs[k] }

// ParseSiteKind maps a kind id to its SiteKind.
func ParseSiteKind(id string) (SiteKind, bool) {
	for i, s := range siteKindIDs {
		if s == id {
			return SiteKind(i), true
		}
	}
	return 0, false
}

// SiteKindIDs lists the site kinds (a copy).
func SiteKindIDs() []string { return append([]string(nil), siteKindIDs[:]...) }

// Site is a fixed place: a city, garrison, airbase, depot, air defence …
type Site struct {
	ID         string
	Name       string
	Kind       SiteKind
	Owner      Actor
	LatMicro   int64
	LonMicro   int64
	Pos        geo.Point
	Troops     int64 // starting troops (US garrisons)
	Value      int64 // worth as a target, milli (1000 = one ordinary target)
	Hardness   int64 // micro: share of strikes the site shrugs off
	Proximity  int64 // micro: how close proxy forces are (hazard term)
	ADRange    int64 // metres of air-defence cover (0 = none)
	ADStrength int64 // micro: strength of that cover
	Target     bool  // Israel may strike it when detected
}

// ZoneKind is what a zone does.
type ZoneKind uint8

// The zone kinds.
const (
	ZoneDeconfliction ZoneKind = iota // a US zone: strikes through it need review
	ZoneOperation                     // a US operation area: strikes into it need review
	ZoneHalt                          // an area a halt may name; in force only while a halt effect or order holds it
	ZoneRussia                        // Russian presence: strikes through it notify Russia
	NumZoneKinds
)

var zoneKindIDs = [NumZoneKinds]string{"deconfliction", "operation", "halt", "russia"}

// String returns the kind's id as written in scenario files.
func (k ZoneKind) String() string { return zoneKindIDs[k] }

// ParseZoneKind maps a kind id to its ZoneKind.
func ParseZoneKind(id string) (ZoneKind, bool) {
	for i, s := range zoneKindIDs {
		if s == id {
			return ZoneKind(i), true
		}
	}
	return 0, false
}

// ZoneKindIDs lists the zone kinds (a copy).
func ZoneKindIDs() []string { return append([]string(nil), zoneKindIDs[:]...) }

// Area is a circle (Ring empty) or a polygon.
type Area struct {
	Center geo.Point
	Radius int64 // metres
	Ring   []geo.Point
}

// Contains reports whether p lies in the area.
func (a *Area) Contains(p geo.Point) bool {
	if len(a.Ring) > 0 {
		return geo.InPolygon(a.Ring, p)
	}
	return geo.InCircle(p, a.Center, a.Radius)
}

// Touches reports whether any part of the path lies in the area.
func (a *Area) Touches(path []geo.Point) bool {
	if len(a.Ring) > 0 {
		return geo.PathInPolygon(path, a.Ring)
	}
	return geo.PathNear(path, a.Center, a.Radius)
}

// Zone is an area with a purpose and an active window of days.
type Zone struct {
	ID    string
	Name  string
	Kind  ZoneKind
	Owner Actor
	Area  Area
	From  int32 // first active day (inclusive)
	To    int32 // last active day (inclusive)
}

// ActiveOn reports whether the zone is in force on the given day.
func (z *Zone) ActiveOn(day int32) bool { return z.From <= day && day <= z.To }

// Route is a named Israeli strike route: waypoints from Israel toward a
// target area, with the trade-off its geometry implies.
type Route struct {
	ID          string
	Name        string
	Description string
	Path        []geo.Point
	Reach       int64 // metres from the last waypoint to a target it serves
}

// Corridor is an Iranian supply line: shipments leave its first stop and are
// delivered at its last; they dwell at depots on the way.
type Corridor struct {
	ID       string
	Name     string
	Stops    []int32     // site indices, in travel order
	Path     []geo.Point // stop positions
	StopAt   []int64     // distance of each stop along the path, metres
	Length   int64       // metres
	Speed    int64       // metres per turn
	Interval int64       // turns between dispatches
	Size     int64       // weapon units per shipment
	Dwell    int64       // turns a shipment waits at each depot
	From     int32       // first day shipments leave
	To       int32       // last day shipments leave
}

// Event is scripted context: it fires once on a day or when a condition holds.
type Event struct {
	ID   string
	Day  int32 // fire on this day; -1 when Cond or After decides
	Cond Condition
	// More, for the richer triggers and changes that revert; nil for a plain
	// at or when event.
	More    *Timing
	Effects []Effect
	Log     string
}

// Timing holds an event's richer triggers and how long its changes last.
type Timing struct {
	Until      int32 // with Day: fire on a random turn from Day to Until; -1 for none
	After      int32 // fire AfterDays days after this event first fired; -1 for none
	AfterDays  int32
	Chance     int64 // chance (micro) it fires when its trigger holds; once spent, never again unless Repeat
	Repeat     bool  // with Cond: re-arm once the condition stops holding
	RevertDays int32 // undo the changes this many days after firing; 0 keeps them
	Anchor     bool  // another event's After names it, so the turn it first fires is kept
	// Also holds more conditions on a when event: all of them must hold
	// with Cond, or with Any one of Cond and them.
	Also []Condition
	Any  bool
}

// plainTiming is the timing of an event without More.
var plainTiming = Timing{Until: -1, After: -1, Chance: Micro}

// Timing returns the event's timing, the plain one when it has no More.
func (ev *Event) Timing() *Timing {
	if ev.More == nil {
		return &plainTiming
	}
	return ev.More
}

// Op compares a metric with a threshold.
type Op uint8

// The comparison operators.
const (
	OpAtLeast Op = iota // >=
	OpAtMost            // <=
)

// String returns the operator as written in scenario files.
func (o Op) String() string {
	if o == OpAtMost {
		return "<="
	}
	return ">="
}

// Condition tests a metric against a threshold (stored in the metric's
// scale), over the whole run or within a Scope.
type Condition struct {
	Metric Metric
	Op     Op
	Value  int64
	Scope  Scope
}

// Holds reports whether the condition is true for the given metric value.
func (c Condition) Holds(v int64) bool {
	if c.Op == OpAtMost {
		return v <= c.Value
	}
	return v >= c.Value
}

// EffectKind is what an event does.
type EffectKind uint8

// The effect kinds.
const (
	EffectGrievance EffectKind = iota
	EffectComplicity
	EffectTrust
	EffectEscalation
	EffectTalks
	EffectTalksOpen
	EffectAirDefence
	EffectTroops
	EffectHalt
	EffectCorridor
	EffectCounterIS
	EffectParam
	EffectStruck    // a site struck before the run, out of action for Days
	EffectPolicy    // Actor's policy and parameters: Value is the setup index (0 the scenario's, k its Later[k-1])
	EffectHardness  // a site's hardness, micro
	EffectProximity // a site's proximity, micro
	EffectSiteAD    // the strength of a site's air-defence cover, micro
	EffectDetected  // a target site, or every shipment on a corridor, detected for Days
	EffectOwner     // a site's owner: Value is the new owner (an Actor)
	NumEffectKinds
)

var effectKindIDs = [NumEffectKinds]string{"grievance", "complicity", "trust", "escalation", "talks", "talks_open", "air_defence", "troops", "halt", "corridor", "counter_is", "param", "struck", "policy", "hardness", "proximity", "ad_strength", "detected", "owner"}

// String returns the effect's key as written in scenario files.
func (k EffectKind) String() string { return effectKindIDs[k] }

// EffectKindIDs lists the effect keys (a copy).
func EffectKindIDs() []string { return append([]string(nil), effectKindIDs[:]...) }

// Effect is one change an event makes. Which fields matter depends on Kind:
// Toward for grievance, Pair for escalation, Site for troops, Zone (or Area)
// and Days for a halt, Corridor for corridor changes, Param for a model
// constant, Actor for a policy, Site for a site's hardness, proximity or
// air defence, Site or Corridor for detected, Site for owner (Value the
// new owner). Set replaces the value,
// otherwise Value is added.
type Effect struct {
	Kind     EffectKind
	Toward   int32 // TowardIsrael or TowardUSA
	Pair     Pair
	Site     int32
	Zone     int32 // -1 when Area is given
	Area     Area
	Corridor int32
	Param    Param
	Actor    Actor // for policy
	Set      bool
	Value    int64 // in the effect's scale (see docs/scenarios.md)
	Days     int32
}

// Objective is a role's goal: a metric compared with a threshold at the end,
// or decided early once it can no longer change (monotone counters). If and
// Within make it conditional and time-windowed (see State.Windows).
type Objective struct {
	ID       string
	Role     Actor
	Metric   Metric
	Op       Op
	Value    int64 // in the metric's stored scale
	Scope    Scope // the part of the run the metric counts
	Required bool  // missing it loses the game outright
	Text     string
	// If, when set, arms the objective on the first turn it holds; an
	// objective never armed is met (nothing was asked).
	If *Condition
	// Within, when positive, is the window in days from arming (the start
	// when If is nil) in which the objective must be met; counted metrics
	// then count from arming.
	Within int32
}

// Windowed reports whether the objective is conditional or time-windowed.
func (o *Objective) Windowed() bool { return o.If != nil || o.Within > 0 }

// DayOfTurn returns the calendar day (days since 1970-01-01) of a turn.
func (s *Scenario) DayOfTurn(turn int32) int32 {
	return s.StartDay + int32(int64(turn)*int64(s.TurnHours)/24)
}

// HourOfTurn returns the hour of day at which a turn starts.
func (s *Scenario) HourOfTurn(turn int32) int32 {
	return int32(int64(turn) * int64(s.TurnHours) % 24)
}

// SiteIndex finds a site by id (sites are sorted by id), or returns -1.
func (s *Scenario) SiteIndex(id string) int32 {
	i, ok := slices.BinarySearchFunc(s.Sites, id, func(x Site, id string) int { return strings.Compare(x.ID, id) })
	if !ok {
		return -1
	}
	return int32(i)
}
