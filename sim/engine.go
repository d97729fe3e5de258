package sim

import (
	"math"

	"github.com/deconflict/deconflict/sim/geo"
)

// Stop says why Advance returned.
type Stop uint8

// The stops.
const (
	StopDecide  Stop = iota // some actor has open decisions
	StopTurnEnd             // a turn finished
	StopOver                // the run is over
)

// Engine advances one run of a scenario. It is not safe for concurrent use;
// run many engines side by side instead.
type Engine struct {
	sc           *Scenario
	st           State
	log          []Entry
	changes      []Change // changes of displayed quantities and their causes, while logging
	logging      bool
	path         []geo.Point      // scratch for mission paths
	routes       []routeCache     // what each route's fixed waypoints imply, computed once
	adSites      []int32          // sites with hostile air-defence cover (these three follow owner effects: see deriveOwned)
	usSites      []int32          // sites the US owns
	exposed      []int32          // sites proxies may attack while their owners hold them: US sites and Israeli positions
	sdfHeld      int              // sites the SDF holds (it reviews its fronts, and Turkey weighs an offensive, only while it holds one)
	targetSites  []int32          // sites Israel may strike when detected
	north        []bool           // per site: it lies in the border strip a Turkish offensive reaches
	frontTurns   int32            // turns between the SDF's reviews of its fronts (worked out once: a division each turn otherwise)
	reviewTurns  int32            // turns between Turkey's reviews of an offensive (likewise)
	dues         []eventDue       // per event: when the events step must look at it
	early        []earlyObjective // the objectives that may be decided before the run ends (settlesEarly), in order, but those in earlyCounts
	earlyCounts  []earlyObjective // those of them monotone over a run counter (countsRun), in order
	corridorLegs [][]int64        // per corridor: the length of each leg of its path (geo.Legs)
	preview      *Engine          // scratch copy that previews apply orders to
	assess       assessCache      // Assess's answers per route and target position while the state they read holds
	options      optionCache      // Israel's route options per target while what they read holds
	lang         lang             // which parts of the richer language the scenario uses
	legs         legCache         // what each route's path to a target position implies whatever the state
	eventsFrom   int32            // the first day the events step has an event to look at (it follows st.Fired)
	zones        zonesOnDay       // the zones in force on the last day asked (zonesOn)
	assessRev    uint64           // bumped by every change to what Assess reads besides the turn (touchAssess)
	owners       []Actor          // each site's owner now (Owner): st.Owners when owner effects exist, else the scenario's
	shipPos      shipPosCache     // positions along the corridors (ShipmentPos)
}

// routeCache holds what a route's own waypoints (everything but the last leg
// to the target) imply: they never change during a run, so Assess only has
// to look at the last leg.
type routeCache struct {
	adChord   []int64   // per site: metres of the waypoints inside its air-defence cover
	zoneTouch []bool    // per zone: the waypoints touch its area
	end       geo.Point // its last waypoint, where the last leg starts
	reach2    int64     // the square of its reach from there
}

func newRouteCaches(sc *Scenario) []routeCache {
	out := make([]routeCache, len(sc.Routes))
	for r := range sc.Routes {
		path := sc.Routes[r].Path
		rc := routeCache{adChord: make([]int64, len(sc.Sites)), zoneTouch: make([]bool, len(sc.Zones)),
			end: path[len(path)-1], reach2: sc.Routes[r].Reach * sc.Routes[r].Reach}
		for i := range sc.Sites {
			if s := &sc.Sites[i]; s.ADRange > 0 {
				rc.adChord[i] = geo.PathChord(path, s.Pos, s.ADRange)
			}
		}
		for i := range sc.Zones {
			rc.zoneTouch[i] = sc.Zones[i].Area.Touches(path)
		}
		out[r] = rc
	}
	return out
}

// New starts a run of the scenario with the given seed.
func New(sc *Scenario, seed uint64) *Engine {
	e := &Engine{sc: sc, routes: newRouteCaches(sc), lang: sc.lang(), dues: newEventDues(sc)}
	e.frontTurns, e.reviewTurns = e.turnsFromDays(frontReviewDays), e.turnsFromDays(offensiveReviewDays)
	for i := range sc.Sites {
		e.owners = append(e.owners, sc.Sites[i].Owner)
	}
	e.deriveOwned()
	for i := range sc.Sites {
		s := &sc.Sites[i]
		if s.Target {
			e.targetSites = append(e.targetSites, int32(i))
		}
		e.north = append(e.north, s.LatMicro >= northLatMicro)
	}
	for i := range sc.Objectives {
		if o := &sc.Objectives[i]; o.settlesEarly() {
			if x := newEarlyObjective(int32(i), o); x.countsRun() {
				e.earlyCounts = append(e.earlyCounts, x)
			} else {
				e.early = append(e.early, x)
			}
		}
	}
	for i := range sc.Corridors {
		e.corridorLegs = append(e.corridorLegs, geo.Legs(sc.Corridors[i].Path))
	}
	e.legs.init(sc, len(e.adSites))
	e.options.init(sc, len(e.targetSites))
	e.shipPos.entries = make([]shipPosEntry, shipPosSlots)
	e.Reset(seed)
	return e
}

// Reset restarts the run from the scenario's initial state, reusing memory.
func (e *Engine) Reset(seed uint64) {
	sc := e.sc
	st := &e.st
	in := sc.Initial
	e.assess.valid = false // halt ids start over
	e.eventsFrom = math.MinInt32
	*st = State{
		Sites:      st.Sites[:0],
		Corridors:  st.Corridors[:0],
		Shipments:  st.Shipments[:0],
		Missions:   st.Missions[:0],
		Requests:   st.Requests[:0],
		Halts:      st.Halts[:0],
		Attacks:    st.Attacks[:0],
		Objectives: st.Objectives[:0],
		Fired:      st.Fired[:0],
		Fires:      st.Fires[:0],
		Reverts:    st.Reverts[:0],
		EventRand:  st.EventRand[:0],
		Pending:    st.Pending[:0],
		Tally:      st.Tally[:0],
		Orders:     st.Orders[:0],
		Windows:    st.Windows[:0],
		Setups:     st.Setups[:0],
		SiteMods:   st.SiteMods[:0],
		Owners:     st.Owners[:0],
		Watch:      st.Watch[:0],
	}
	st.Escalation = in.Escalation
	st.MaxEsc = in.Escalation
	st.Trust = in.Trust
	st.Complicity = in.Complicity
	st.Grievance = in.Grievance
	st.Talks = in.Talks
	st.TalksOpen = in.TalksOpen
	st.AirDefence = in.AirDefence
	st.CounterIS = in.CounterIS
	st.Arsenal = in.Arsenal
	st.LastMessage = -1
	st.OffensiveTill = -1
	st.DivertedTill = -1
	st.TermsTill = -1
	st.NextID = 1
	st.Params = sc.Params
	for i := range sc.Sites {
		st.Sites = append(st.Sites, SiteState{Troops: sc.Sites[i].Troops, EvacuatedTill: -1, DetectedTill: -1, DisabledTill: -1})
	}
	for i := range sc.Corridors {
		st.Corridors = append(st.Corridors, CorridorState{Interval: sc.Corridors[i].Interval})
	}
	for range sc.Objectives {
		st.Objectives = append(st.Objectives, ObjectiveState{})
	}
	for range sc.Events {
		st.Fired = append(st.Fired, false)
	}
	for i := range st.Rand {
		st.Rand[i] = NewPCG(seed, uint64(i))
	}
	e.resetLang()
	if sc.eventDice() {
		st.EventRand = append(st.EventRand, NewPCG(seed, numStreams))
	}
	e.log = e.log[:0]
	e.changes = e.changes[:0]
}

// Scenario returns the scenario being run.
func (e *Engine) Scenario() *Scenario { return e.sc }

// State gives read access to the state, for hashing, tests and replays.
// Frontends and policies read observations instead.
func (e *Engine) State() *State { return &e.st }

// SetLogging turns the event log on or off (off by default: batch runs skip it).
func (e *Engine) SetLogging(on bool) { e.logging = on }

// TakeLog returns the log entries written since the last call and forgets them.
// The slice is reused by the engine: copy what you keep.
func (e *Engine) TakeLog() []Entry {
	out := e.log
	e.log = e.log[:0]
	return out
}

// Turn returns the current turn (0-based).
func (e *Engine) Turn() int32 { return e.st.Turn }

// Step names the stop the engine is at: at a decision stop, the step that
// raised the decisions (planning, review …); between turns, the next turn's
// first step. Orders are recorded, and replayed, at this stop.
func (e *Engine) Step() Step {
	if len(e.st.Pending) > 0 {
		return e.st.Step - 1 // the step ran and is waiting for its answers
	}
	return e.st.Step
}

// Day returns the calendar day of the current turn.
func (e *Engine) Day() int32 { return e.sc.DayOfTurn(e.st.Turn) }

// Over reports whether the run has ended.
func (e *Engine) Over() bool { return e.st.Outcome != OutcomeRunning }

// Outcome returns how the run ended (OutcomeRunning while it goes on).
func (e *Engine) Outcome() Outcome { return e.st.Outcome }

// Pending returns the open decisions (answered ones are skipped).
func (e *Engine) Pending() []Decision { return e.st.Pending }

// HasOpen reports whether the actor has an unanswered decision.
func (e *Engine) HasOpen(a Actor) bool { return e.Open().Has(a) }

// AnyOpen reports whether any actor has an unanswered decision (drivers
// skip asking each actor when none has).
func (e *Engine) AnyOpen() bool {
	for i := range e.st.Pending {
		if !e.st.Pending[i].Done {
			return true
		}
	}
	return false
}

// Actors is a set of actors, one bit each.
type Actors uint16

// every actor has its bit in Actors
const _ uint = 16 - uint(NumActors)

// Has reports whether a is in the set.
func (s Actors) Has(a Actor) bool { return s&(1<<a) != 0 }

// Open returns the actors with an unanswered decision: one look at the
// open decisions where a driver would otherwise ask HasOpen of each actor.
func (e *Engine) Open() Actors {
	var s Actors
	for i := range e.st.Pending {
		if d := &e.st.Pending[i]; !d.Done {
			s |= 1 << d.Actor
		}
	}
	return s
}

// Advance runs the model until some actor must decide, a turn ends or the
// run is over. With open decisions it returns StopDecide at once.
func (e *Engine) Advance() Stop {
	st := &e.st
	if st.Outcome == OutcomeRunning && e.AnyOpen() {
		return StopDecide
	}
	for {
		// no decision is open here: a step that raised one returned below
		if st.Outcome != OutcomeRunning {
			return StopOver
		}
		st.Pending = st.Pending[:0]
		step := st.Step
		e.runStep(step)
		if step == StepScore {
			if st.Outcome != OutcomeRunning {
				return StopOver
			}
			return StopTurnEnd
		}
		st.Step++
		if len(st.Pending) > 0 { // the step's own decisions: only Apply answers one
			return StopDecide
		}
	}
}

func (e *Engine) runStep(s Step) {
	switch s {
	case StepEvents:
		e.events()
	case StepLogistics:
		e.logistics()
	case StepIntel:
		e.intel()
	case StepPlanning:
		e.planning()
	case StepReview:
		e.review()
	case StepResponse:
		e.response()
	case StepExecution:
		e.execution()
	case StepAttacks:
		e.attacks()
	case StepRetaliation:
		e.retaliation()
	case StepWarning:
		e.warning()
	case StepProtection:
		e.protection()
	case StepDiplomacy:
		e.diplomacy()
	case StepScore:
		e.score()
	}
}

func (e *Engine) note(kind LogKind, actor, other Actor, site, subject int32, value int64) {
	if !e.logging {
		return
	}
	e.log = append(e.log, Entry{Turn: e.st.Turn, Day: e.Day(), Kind: kind, Actor: actor, Other: other, Site: site, Subject: subject, Value: value})
}

func (e *Engine) decide(a Actor, kind DecisionKind, subject int32, reasons Reason) {
	st := &e.st
	st.Pending = append(st.Pending, Decision{ID: st.NextID, Actor: a, Kind: kind, Subject: subject, Reasons: reasons})
	st.NextID++
}

func (e *Engine) newID() int32 {
	id := e.st.NextID
	e.st.NextID++
	return id
}

func (e *Engine) param(p Param) int64 { return e.st.Params[p] }

// Param returns a model constant as it stands now (events may change them).
func (e *Engine) Param(p Param) int64 { return e.st.Params[p] }

// turnsFromDays converts a span of days to turns, at least one.
func (e *Engine) turnsFromDays(days int32) int32 {
	return max(1, int32(int64(days)*24/int64(e.sc.TurnHours)))
}

// resetLang fills the state's optional slices the scenario needs.
func (e *Engine) resetLang() {
	sc, st, l := e.sc, &e.st, e.lang
	if l.tally {
		st.Tally = append(st.Tally, make([]SiteTally, len(sc.Sites))...)
	}
	if l.orders {
		st.Orders = append(st.Orders, make([]int64, int(NumActors)*int(NumOrderKinds))...)
	}
	if l.windows {
		for i := range sc.Objectives {
			// an objective with no If is armed from the start, its window
			// counted from before the first turn
			st.Windows = append(st.Windows, Window{Armed: sc.Objectives[i].If == nil, Turn: -1})
		}
	}
	if l.setups {
		st.Setups = append(st.Setups, make([]int32, NumActors)...)
	}
	if l.siteMods {
		for i := range sc.Sites {
			s := &sc.Sites[i]
			st.SiteMods = append(st.SiteMods, SiteMod{Hardness: s.Hardness, Proximity: s.Proximity, ADStrength: s.ADStrength})
		}
	}
	if l.owners {
		for i := range sc.Sites {
			st.Owners = append(st.Owners, sc.Sites[i].Owner)
		}
		e.owners = st.Owners
		e.ownersChanged() // a run before this one may have handed sites over
	}
	if l.watch {
		for range sc.Corridors {
			st.Watch = append(st.Watch, -1)
		}
	}
}

// Owner returns the actor holding a site now: its scenario owner, or the
// one an owner effect handed it to. Every reader of a site's owner during a
// run goes through it.
func (e *Engine) Owner(site int32) Actor { return e.owners[site] }

// deriveOwned works out the lists of sites that follow from their owners
// (adSites, usSites, exposed), reusing the engine's own slices.
func (e *Engine) deriveOwned() {
	e.adSites, e.usSites, e.exposed, e.sdfHeld = e.adSites[:0], e.usSites[:0], e.exposed[:0], 0
	for i := range e.sc.Sites {
		s, owner := &e.sc.Sites[i], e.Owner(int32(i))
		if owner == SDF {
			e.sdfHeld++
		}
		if e.hostileCover(int32(i)) {
			e.adSites = append(e.adSites, int32(i))
		}
		if owner == USA {
			e.usSites = append(e.usSites, int32(i))
		}
		if (owner == USA && s.Kind != SiteCity) || (owner == Israel && s.Kind == SitePosition) {
			e.exposed = append(e.exposed, int32(i))
		}
	}
}

// hostileCover reports whether a site's air-defence cover is hostile to
// Israel's raids: a site with cover held by Syria, Russia, Iran or Hezbollah.
func (e *Engine) hostileCover(site int32) bool {
	owner := e.Owner(site)
	return e.sc.Sites[site].ADRange > 0 && (owner == Syria || owner == Russia || owner == Iran || owner == Hezbollah)
}

// ownersChanged redoes what follows from the owners after a change: the
// lists, the leg cache when adSites changed (its entries hold one chord per
// site of adSites) and Assess's answers.
func (e *Engine) ownersChanged() {
	stale, j := false, 0
	for i := range e.sc.Sites {
		listed := j < len(e.adSites) && e.adSites[j] == int32(i)
		if listed {
			j++
		}
		stale = stale || listed != e.hostileCover(int32(i))
	}
	e.deriveOwned()
	if stale {
		e.legs.init(e.sc, len(e.adSites))
	}
	e.assess.valid = false
}
