package sim

import (
	"fmt"
	"slices"

	"github.com/deconflict/deconflict/sim/geo"
)

// Policy decides for one actor: given what the actor observes (including its
// pending decisions) it appends orders. AI policies implement it; they must
// read nothing but the observation.
type Policy interface {
	Decide(obs *Observation, out []Order) []Order
}

// Observation is what one actor knows at a stop: its own state, what it has
// detected and what is public. Frontends and AI policies read nothing else.
// The scenario (map, sites, routes, corridors) is public knowledge.
type Observation struct {
	Actor       Actor
	Scenario    *Scenario
	Turn        int32
	Turns       int32
	Day         int32
	Step        Step
	Outcome     Outcome
	Escalation  [NumPairs]int64
	Talks       int64
	TalksOpen   bool
	Trust       int64                 // -1 when the actor cannot know it
	Complicity  int64                 // exact for Iran, an estimate (to 0.05) for others
	Grievance   [NumAdversaries]int64 // exact for Iran, an estimate (to 0.1) for others
	AirDefence  int64
	Arsenal     int64
	North       int64                 // US troops present in the northern border strip (Turkey and the SDF see them)
	Offensive   int32                 // turns a Turkish offensive in the north still runs, this one included; 0 when none (public)
	Diverted    int32                 // turns the SDF's forces still stand in the north, this one included; 0 when on the IS front (public)
	Terms       int32                 // turns the SDF's terms with Damascus and Moscow still hold, this one included; 0 when none (public)
	CounterIS   int64                 // progress of the campaign against the Islamic State (public: milli-percent)
	Deterrence  [NumAdversaries]int64 // Israel's and the US's (TowardIsrael, TowardUSA)
	Params      Params                // the model constants in force (public: they are the rules)
	Counters    [numCounters]int64    // secret counters are zero for actors who cannot know them
	SortiesLeft int64
	Decisions   []Decision
	Sites       []SiteView
	Targets     []TargetView
	Options     []RouteOption // Israel: every route that reaches each target (TargetView.First and Count index it)
	Reviews     []ReviewView  // US: what each open request implies
	Missions    []Mission
	Requests    []Request
	Halts       []Halt
	Attacks     []Attack
	Shipments   []ShipmentView
	Corridors   []CorridorState // Iran, Hezbollah and spectators: each corridor's dispatch rate now
	// Owners holds each site's owner now when owner effects may change
	// them (empty otherwise: the scenario's owners hold); read it through Owner.
	Owners []Actor
	// Setup is the actor's setup in force: 0 the scenario's, k > 0 its
	// ActorSetup.Later[k-1], which a policy effect switched it to.
	Setup int32
}

// SiteView is a site as the observer sees it.
type SiteView struct {
	Troops        int64 // stationed there, -1 when unknown
	Present       int64 // there now (an evacuation leaves a few)
	Hardened      bool
	Evacuated     bool
	EvacuatedTill int32 // the evacuation's last turn, or -1
	Disabled      bool
	Detected      bool  // Israel has a fix on it
	Hazard        int64 // attack hazard (micro) the observer can estimate, or -1
}

// TargetView is a target Israel may strike this turn.
type TargetView struct {
	Target Target
	Pos    geo.Point
	Value  int64 // milli
	Till   int32 // last turn it stays strikable
	// Options[First:First+Count] are the routes that reach it
	First, Count int32
}

// RouteOption is one route to a target and what it implies this turn.
type RouteOption struct {
	Route     int32
	Reasons   Reason // why it would need review, halt or notice
	Exposure  int64
	Intercept int64    // micro, for 4 aircraft (see PackageIntercept for the others)
	Success   [3]int64 // micro, by package size
}

// ReviewView is an open request as the US sees it: the hazard at its sites
// now and if it approves, and the best alternative route (or -1).
type ReviewView struct {
	Decision       int32
	Request        int32
	Mission        int32
	HazardNow      int64 // the largest hazard at a US site, micro
	HazardApproved int64
	AltRoute       int32 // a route that reaches the target outside US zones, or -1
	HazardAlt      int64
}

// ShipmentView is a shipment with its position.
type ShipmentView struct {
	Shipment
	Pos geo.Point
}

// Owner returns the actor holding a site now (who holds a site is public).
func (o *Observation) Owner(site int32) Actor {
	if len(o.Owners) == 0 {
		return o.Scenario.Sites[site].Owner
	}
	return o.Owners[site]
}

// Metric returns a metric as far as the observation shows it: a counter
// (0 when secret from the observer), a ladder, the talks, trust, complicity,
// grievance (the observer's estimates), counter-IS progress, the arsenal and
// its growth since the start. What it cannot show reads 0: a ladder's peak
// (an observer keeps it over the observations it gets), the share of
// weapons interdicted, US troops and shipments in transit.
func (o *Observation) Metric(m Metric) int64 {
	switch m {
	case MetricEscalationUSIran:
		return o.Escalation[USAIran]
	case MetricEscalationIsraelIran:
		return o.Escalation[IsraelIran]
	case MetricEscalationIsraelRussia:
		return o.Escalation[IsraelRussia]
	case MetricTalksProgress:
		return o.Talks
	case MetricTrust:
		return o.Trust
	case MetricComplicity:
		return o.Complicity
	case MetricGrievanceUS:
		return o.Grievance[TowardUSA]
	case MetricGrievanceIsrael:
		return o.Grievance[TowardIsrael]
	case MetricCounterIS:
		return o.CounterIS
	case MetricArsenal:
		return o.Arsenal
	case MetricArsenalGrowth:
		return o.Arsenal - o.Scenario.Initial.Arsenal
	}
	return o.Counter(m)
}

// Counter returns a counter metric from the observation.
func (o *Observation) Counter(m Metric) int64 {
	if m < numCounters {
		return o.Counters[m]
	}
	return 0
}

// secretFromIran lists counters about the secret review that Iran cannot see.
var secretFromIran = [...]Metric{MetricRequests, MetricApproved, MetricConditioned, MetricDenied, MetricDeferred,
	MetricExpired, MetricWithdrawn, MetricViolations, MetricViolationsDiscovered, MetricWarnings, MetricHaltViolations}

func roundTo(v, step int64) int64 { return (v + step/2) / step * step }

// Part names a part of an observation that costs to fill, so that a
// driver may leave it out for a policy that never reads it.
type Part uint16

// The parts. Without a part its slice is empty and its array all zero.
const (
	PartSites     Part = 1 << iota // Sites: every site as the actor sees it
	PartOptions                    // Options: Israel's routes to every target (without it each target has none)
	PartParams                     // Params: the model constants in force
	PartCounters                   // Counters: the run's counters
	PartShipments                  // Shipments
	PartRequests                   // Requests
	PartHalts                      // Halts
	PartAttacks                    // Attacks
	PartOwners                     // Owners (without it Owner gives the scenario's owners)
	PartHazards                    // Sites[i].Hazard, with PartSites or PartOwnSites (without it -1 at every site, as where the actor cannot estimate it)
	PartOwnSites                   // Sites, without PartSites: the sites the actor owns as PartSites shows them, the others zero
	AllParts      = PartSites | PartOptions | PartParams | PartCounters | PartShipments | PartRequests | PartHalts | PartAttacks | PartOwners | PartHazards
)

// Partial is implemented by policies that read only some parts of an
// observation (Parts says which). Drivers observe for them with
// ObserveParts and leave the other parts empty: a policy that reads a part
// it did not ask for fails at its first index rather than read stale views.
type Partial interface {
	Parts() Part
}

// Picker is implemented by policies that read the route options of only
// some targets (Israel's planners weigh a target's routes once they have
// chosen to strike it, and most targets found they pass over). A driver
// observes for them without PartOptions, calls Pick, fills in the options
// of the targets picked with Engine.FillOptions, then calls Decide. Pick
// may change the policy as Decide would (its draws come first); Decide
// must also work without Pick, on an observation with every option.
type Picker interface {
	Partial
	// Pick returns, for each of obs.Targets, whether Decide will read its
	// options (nil: all of them). The slice is the policy's own.
	Pick(obs *Observation) []bool
}

// Observe fills obs with what actor a knows now, reusing obs's slices.
func (e *Engine) Observe(a Actor, obs *Observation) { e.ObserveParts(a, obs, AllParts) }

// ObserveParts is Observe with only the given costly parts filled in; the
// others are left empty. Everything else is as Observe gives it.
func (e *Engine) ObserveParts(a Actor, obs *Observation, parts Part) {
	sc, st := e.sc, &e.st
	// every field set in place, the slices emptied for reuse: a literal
	// assigned whole would be built aside and copied in (TestObserveLeavesNothingStale
	// checks that no field keeps a value from the last observation)
	obs.Actor, obs.Scenario, obs.Turn, obs.Turns, obs.Day, obs.Step, obs.Outcome = a, sc, st.Turn, sc.Turns, e.Day(), e.Step(), st.Outcome
	obs.Escalation, obs.Talks, obs.TalksOpen, obs.Trust = st.Escalation, st.Talks, st.TalksOpen, st.Trust
	obs.Complicity, obs.Grievance, obs.AirDefence, obs.Arsenal = st.Complicity, st.Grievance, st.AirDefence, st.Arsenal
	obs.North, obs.CounterIS, obs.Deterrence, obs.SortiesLeft = 0, st.CounterIS, st.Deterrence, 0
	obs.Setup = 0
	if parts&PartParams != 0 {
		obs.Params = st.Params
	} else {
		obs.Params = Params{}
	}
	if parts&PartCounters != 0 {
		obs.Counters = st.Count
	} else {
		obs.Counters = [numCounters]int64{}
	}
	obs.Decisions, obs.Sites, obs.Targets, obs.Options = obs.Decisions[:0], obs.Sites[:0], obs.Targets[:0], obs.Options[:0]
	obs.Reviews, obs.Missions, obs.Requests, obs.Halts = obs.Reviews[:0], obs.Missions[:0], obs.Requests[:0], obs.Halts[:0]
	obs.Attacks, obs.Shipments, obs.Corridors = obs.Attacks[:0], obs.Shipments[:0], obs.Corridors[:0]
	obs.Owners = obs.Owners[:0]
	if parts&PartOwners != 0 {
		obs.Owners = append(obs.Owners, st.Owners...)
	}
	obs.Offensive, obs.Diverted, obs.Terms = max(0, st.OffensiveTill-st.Turn+1), max(0, st.DivertedTill-st.Turn+1), max(0, st.TermsTill-st.Turn+1)
	if len(st.Setups) > 0 && a < NumActors {
		obs.Setup = st.Setups[a]
	}
	if a != Iran {
		obs.Complicity = roundTo(st.Complicity, complicityEstimate)
		obs.Grievance[TowardIsrael] = roundTo(st.Grievance[TowardIsrael], grievanceEstimate)
		obs.Grievance[TowardUSA] = roundTo(st.Grievance[TowardUSA], grievanceEstimate)
	} else {
		obs.Trust = -1
		if parts&PartCounters != 0 {
			for _, m := range secretFromIran {
				obs.Counters[m] = 0
			}
		}
	}
	for i := range st.Pending {
		if d := st.Pending[i]; d.Actor == a && !d.Done {
			obs.Decisions = append(obs.Decisions, d)
		}
	}
	if a == Israel {
		obs.SortiesLeft = max(0, e.param(ParamSortiesPerTurn)-e.plannedThisTurn())
	}
	switch {
	case parts&PartSites != 0:
		e.observeSites(a, obs, parts&PartHazards != 0)
	case parts&PartOwnSites != 0:
		e.observeOwnSites(a, obs, parts&PartHazards != 0)
	}
	if a == Iran || a == Hezbollah || a == NoActor {
		obs.Corridors = append(obs.Corridors, st.Corridors...)
	}
	switch a {
	case Israel, NoActor:
		turn := st.Turn
		for _, i := range e.targetSites {
			if ss := &st.Sites[i]; ss.DetectedTill >= turn && ss.DisabledTill < turn { // siteStrikable, the turn looked up once
				s := &sc.Sites[i]
				obs.Targets = append(obs.Targets, TargetView{Target: Target{TargetSite, i}, Pos: s.Pos, Value: s.Value, Till: ss.DetectedTill})
			}
		}
		for i := range st.Shipments {
			s := &st.Shipments[i]
			if s.DetectedTill >= st.Turn || a == NoActor {
				t := Target{TargetShipment, s.ID}
				pos := e.ShipmentPos(s)
				if s.DetectedTill >= st.Turn {
					obs.Targets = append(obs.Targets, TargetView{Target: t, Pos: pos, Value: e.shipmentValue(s), Till: s.DetectedTill})
				}
				if parts&PartShipments != 0 {
					obs.Shipments = append(obs.Shipments, ShipmentView{*s, pos})
				}
			}
		}
		if a == Israel && parts&PartOptions != 0 {
			e.routeOptions(obs, nil)
		}
		obs.Missions = append(obs.Missions, st.Missions...)
		if parts&PartRequests != 0 {
			obs.Requests = append(obs.Requests, st.Requests...)
		}
		if parts&PartHalts != 0 {
			obs.Halts = append(obs.Halts, st.Halts...)
		}
		if parts&PartAttacks != 0 {
			for i := range st.Attacks {
				if at := st.Attacks[i]; at.Detected || at.Landed || a == NoActor {
					obs.Attacks = append(obs.Attacks, at)
				}
			}
		}
	case USA:
		for i := range st.Requests {
			r := st.Requests[i]
			if parts&PartRequests != 0 {
				obs.Requests = append(obs.Requests, r)
			}
			if m := e.mission(r.Mission); m != nil {
				obs.Missions = append(obs.Missions, *m)
			}
		}
		e.reviews(obs)
		if parts&PartHalts != 0 {
			obs.Halts = append(obs.Halts, st.Halts...)
		}
		if parts&PartAttacks != 0 {
			for i := range st.Attacks {
				if at := st.Attacks[i]; at.Warned || at.Landed {
					obs.Attacks = append(obs.Attacks, at)
				}
			}
		}
	case Syria:
		// its radars see the raids that will cross its batteries' cover
		for i := range st.Missions {
			if m := &st.Missions[i]; e.mayFlyNow(m) && m.SyriaExposure > 0 {
				obs.Missions = append(obs.Missions, *m)
			}
		}
	case Russia:
		// the hotline: the missions Israel has notified
		for i := range st.Missions {
			if m := &st.Missions[i]; m.NearRussia && m.Status != MissionFlown && m.Status != MissionWithdrawn {
				obs.Missions = append(obs.Missions, *m)
			}
		}
	case Hezbollah:
		// the shipments coming to it, and the attacks it ordered
		if parts&PartShipments != 0 {
			e.observeShipments(obs)
		}
		if parts&PartAttacks != 0 {
			for i := range st.Attacks {
				if at := st.Attacks[i]; e.Owner(at.Site) == Israel {
					obs.Attacks = append(obs.Attacks, at)
				}
			}
		}
	case Turkey, SDF:
		// Turkey watches the US forces along its border; the SDF fights beside them
		obs.North = e.northTroops()
	case Iran:
		if parts&PartShipments != 0 {
			e.observeShipments(obs)
		}
		if parts&PartAttacks != 0 {
			obs.Attacks = append(obs.Attacks, st.Attacks...)
		}
	}
}

// observeShipments appends every shipment on its way to obs.Shipments.
func (e *Engine) observeShipments(obs *Observation) {
	for i := range e.st.Shipments {
		s := &e.st.Shipments[i]
		obs.Shipments = append(obs.Shipments, ShipmentView{*s, e.ShipmentPos(s)})
	}
}

// observeSites fills obs.Sites with every site as actor a sees it, with the
// hazards it can estimate when hazards is set.
func (e *Engine) observeSites(a Actor, obs *Observation, hazards bool) {
	sc, st := e.sc, &e.st
	obs.Sites = slices.Grow(obs.Sites, len(sc.Sites))[:len(sc.Sites)]
	e.siteViews(obs.Sites)
	if a != USA && a != NoActor { // what the US does at its bases stays inside
		for _, i := range e.usSites {
			v := &obs.Sites[i]
			v.Hardened, v.Evacuated, v.EvacuatedTill, v.Present = false, false, -1, st.Sites[i].Troops
		}
	}
	if a == Israel {
		for _, i := range e.targetSites {
			obs.Sites[i].Detected = e.siteStrikable(i)
		}
	}
	if hazards {
		for _, i := range e.exposed {
			if owner := e.Owner(i); (owner == a || a == Iran || a == NoActor) && e.exposedNow(i) {
				obs.Sites[i].Hazard = e.Hazard(i).Hazard
			}
		}
	}
	if a == ISIS {
		// it sees the US forces arrayed against it: which garrisons are thinned out
		for _, i := range e.usSites {
			v := &obs.Sites[i]
			v.Present, v.Evacuated = e.present(i), st.Sites[i].EvacuatedTill >= st.Turn
		}
	}
}

// observeOwnSites fills obs.Sites with the sites actor a owns as
// observeSites shows them, and zero views for the others (a policy that
// reads only its own sites spares the work of the others: the US looks at
// a quarter of shadow-war's sites). For its own sites no view is hidden
// from an actor; only Israel's detections and the hazards remain to add.
func (e *Engine) observeOwnSites(a Actor, obs *Observation, hazards bool) {
	st, n := &e.st, len(e.sc.Sites)
	obs.Sites = slices.Grow(obs.Sites, n)[:n]
	clear(obs.Sites)
	offensive := st.OffensiveTill >= st.Turn
	for i := range n {
		if e.Owner(int32(i)) != a {
			continue
		}
		ss, v := &st.Sites[i], &obs.Sites[i]
		v.Troops, v.Present, v.Hardened = ss.Troops, presentAt(ss, st.Turn, offensive && e.north[i]), ss.Hardened
		v.Evacuated, v.EvacuatedTill = ss.EvacuatedTill >= st.Turn, -1
		v.Disabled, v.Hazard = ss.DisabledTill >= st.Turn, -1
		if v.Evacuated {
			v.EvacuatedTill = ss.EvacuatedTill
		}
		if a == Israel && e.sc.Sites[i].Target {
			v.Detected = e.siteStrikable(int32(i))
		}
		if hazards && e.Exposed(int32(i)) {
			v.Hazard = e.Hazard(int32(i)).Hazard
		}
	}
}

// siteViews fills views (one per site) with every site as the US sees it,
// nothing detected and no hazard known. It is Observe's loop over all
// sites, kept apart so that its few variables stay in registers.
func (e *Engine) siteViews(views []SiteView) {
	turn, offensive := e.st.Turn, e.st.OffensiveTill >= e.st.Turn
	sites, north := e.st.Sites[:len(views)], e.north[:len(views)]
	for i := range views {
		ss, v := &sites[i], &views[i]
		// field by field: a whole SiteView built aside and copied in stalls on the copy
		v.Troops, v.Present, v.Hardened = ss.Troops, presentAt(ss, turn, offensive && north[i]), ss.Hardened
		v.Evacuated, v.EvacuatedTill = ss.EvacuatedTill >= turn, -1
		v.Disabled, v.Detected, v.Hazard = ss.DisabledTill >= turn, false, -1
		if v.Evacuated {
			v.EvacuatedTill = ss.EvacuatedTill
		}
	}
}

// FillOptions fills in the route options of the targets of an Israeli
// observation made without PartOptions: those marked in want (one per
// obs.Targets), or all when want is nil. The others keep none. It is what
// a driver does for a Picker between Pick and Decide; for any other
// observation it does nothing.
func (e *Engine) FillOptions(obs *Observation, want []bool) {
	if obs.Actor != Israel || len(obs.Options) > 0 {
		return
	}
	if want != nil && len(want) != len(obs.Targets) {
		panic(fmt.Sprintf("sim: FillOptions with %d marks for %d targets", len(want), len(obs.Targets)))
	}
	e.routeOptions(obs, want)
}

// routeOptions fills obs.Options with the routes to each of obs.Targets
// marked in want (all when nil), from the option cache when it may be
// used.
func (e *Engine) routeOptions(obs *Observation, want []bool) {
	if len(obs.Targets) == 0 || want != nil && !slices.Contains(want, true) {
		return // no route to weigh: the caches need not be brought up to date
	}
	e.syncAssessCache()
	base := e.strikeBase()
	cached := e.syncOptionCache(base)
	for i := range obs.Targets {
		t := &obs.Targets[i]
		t.First, t.Count = int32(len(obs.Options)), 0
		if want != nil && !want[i] {
			continue
		}
		if cached {
			obs.Options = append(obs.Options, e.optionsTo(t.Target, t.Pos, base)...)
		} else {
			obs.Options = e.appendOptions(obs.Options, t.Target, t.Pos, base)
		}
		t.Count = int32(len(obs.Options)) - t.First
	}
}

// maxHazard returns the largest hazard at an exposed US site under the
// given terms (0 when none is exposed). The US sites share every term but
// proximity, and the hazard never falls as proximity grows (each term
// multiplies a non-negative amount and rounds down), so the largest is the
// hazard at the exposed site with the highest proximity: one site to work
// out, not all (TestMaxHazardIsTheLargest checks it against them all).
func (e *Engine) maxHazard(g [NumAdversaries]int64, c int64) int64 {
	return e.hazardAt(e.nearestExposed(), g, c)
}

// nearestExposed returns the exposed US site with the highest proximity
// (the first of them), or -1 when none is exposed: where maxHazard works
// the hazard out.
func (e *Engine) nearestExposed() int32 {
	best := int32(-1)
	for _, i := range e.usSites {
		if e.Exposed(i) && (best < 0 || e.proximity(i) > e.proximity(best)) {
			best = i
		}
	}
	return best
}

// hazardAt is maxHazard with the site from nearestExposed (0 at -1).
func (e *Engine) hazardAt(site int32, g [NumAdversaries]int64, c int64) int64 {
	if site < 0 {
		return 0
	}
	return max(0, e.hazardWith(site, &g, c, &e.st.Deterrence, &e.st.Escalation).Hazard)
}

func (e *Engine) reviews(obs *Observation) {
	st := &e.st
	now, site := int64(-1), int32(-1) // the largest hazard now and where, once worked out
	for _, d := range obs.Decisions {
		if d.Kind != DecideRequest {
			continue
		}
		if now < 0 {
			e.syncAssessCache()
			site = e.nearestExposed() // whatever the grievance and complicity: the same for every hazard below
			now = e.hazardAt(site, st.Grievance, st.Complicity)
		}
		r := e.request(d.Subject)
		m := e.mission(r.Mission)
		g, c := e.expectedAfterStrike(m, m.InUSZone, m.Exposure)
		v := ReviewView{Decision: d.ID, Request: r.ID, Mission: m.ID, HazardNow: now,
			HazardApproved: e.hazardAt(site, g, c), AltRoute: -1}
		for rt := range e.sc.Routes {
			if int32(rt) == m.Route {
				continue
			}
			as := e.assessAt(int32(rt), m.TargetPos)
			if as.Reach && !as.InUSZone {
				g, c := e.expectedAfterStrike(m, false, as.Exposure)
				v.AltRoute, v.HazardAlt = int32(rt), e.hazardAt(site, g, c)
				break
			}
		}
		obs.Reviews = append(obs.Reviews, v)
	}
}
