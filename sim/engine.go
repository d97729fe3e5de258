package sim

import (
	"cmp"
	"slices"

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
	sc          *Scenario
	st          State
	log         []Entry
	logging     bool
	path        []geo.Point  // scratch for mission paths
	routes      []routeCache // what each route's fixed waypoints imply, computed once
	adSites     []int32      // sites with hostile air-defence cover
	usSites     []int32      // sites the US owns
	exposed     []int32      // sites proxies may ever attack: US sites and Israeli positions
	targetSites []int32      // sites Israel may strike when detected
}

// routeCache holds what a route's own waypoints (everything but the last leg
// to the target) imply: they never change during a run, so Assess only has
// to look at the last leg.
type routeCache struct {
	adChord   []int64 // per site: metres of the waypoints inside its air-defence cover
	zoneTouch []bool  // per zone: the waypoints touch its area
}

func newRouteCaches(sc *Scenario) []routeCache {
	out := make([]routeCache, len(sc.Routes))
	for r := range sc.Routes {
		path := sc.Routes[r].Path
		rc := routeCache{adChord: make([]int64, len(sc.Sites)), zoneTouch: make([]bool, len(sc.Zones))}
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
	e := &Engine{sc: sc, routes: newRouteCaches(sc)}
	for i := range sc.Sites {
		s := &sc.Sites[i]
		if s.ADRange > 0 && (s.Owner == Syria || s.Owner == Russia || s.Owner == Iran || s.Owner == Hezbollah) {
			e.adSites = append(e.adSites, int32(i))
		}
		if s.Owner == USA {
			e.usSites = append(e.usSites, int32(i))
		}
		if (s.Owner == USA && s.Kind != SiteCity) || (s.Owner == Israel && s.Kind == SitePosition) {
			e.exposed = append(e.exposed, int32(i))
		}
		if s.Target {
			e.targetSites = append(e.targetSites, int32(i))
		}
	}
	e.Reset(seed)
	return e
}

// Reset restarts the run from the scenario's initial state, reusing memory.
func (e *Engine) Reset(seed uint64) {
	sc := e.sc
	st := &e.st
	in := sc.Initial
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
		Pending:    st.Pending[:0],
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
	e.log = e.log[:0]
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
func (e *Engine) HasOpen(a Actor) bool {
	for i := range e.st.Pending {
		if d := &e.st.Pending[i]; !d.Done && d.Actor == a {
			return true
		}
	}
	return false
}

func (e *Engine) anyOpen() bool {
	for i := range e.st.Pending {
		if !e.st.Pending[i].Done {
			return true
		}
	}
	return false
}

// Advance runs the model until some actor must decide, a turn ends or the
// run is over. With open decisions it returns StopDecide at once.
func (e *Engine) Advance() Stop {
	st := &e.st
	for {
		if st.Outcome != OutcomeRunning {
			return StopOver
		}
		if e.anyOpen() {
			return StopDecide
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
		if e.anyOpen() {
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

func clamp(v, lo, hi int64) int64 { return max(lo, min(hi, v)) }

// scale multiplies v by a micro fraction.
func scale(v, frac int64) int64 { return v * frac / Micro }

func (e *Engine) addEscalation(p Pair, delta int64) {
	st := &e.st
	before := st.Escalation[p] / Milli
	st.Escalation[p] = clamp(st.Escalation[p]+delta, 0, MaxLevel)
	st.MaxEsc[p] = max(st.MaxEsc[p], st.Escalation[p])
	if after := st.Escalation[p] / Milli; after != before {
		actor, other := Israel, Iran
		switch p {
		case IsraelRussia:
			other = Russia
		case USAIran:
			actor = USA
		}
		kind := LogEscalation
		if after < before {
			kind = LogDeescalation
		}
		e.note(kind, actor, other, -1, int32(p), st.Escalation[p])
	}
}

func (e *Engine) param(p Param) int64 { return e.st.Params[p] }

// Param returns a model constant as it stands now (events may change them).
func (e *Engine) Param(p Param) int64 { return e.st.Params[p] }

// turnsFromDays converts a span of days to turns, at least one.
func (e *Engine) turnsFromDays(days int32) int32 {
	return max(1, int32(int64(days)*24/int64(e.sc.TurnHours)))
}

// ---- phase 1: events ----

func (e *Engine) events() {
	sc, st := e.sc, &e.st
	day := e.Day()
	for i := range sc.Events {
		if st.Fired[i] {
			continue
		}
		ev := &sc.Events[i]
		if ev.Day >= 0 {
			if day < ev.Day {
				continue
			}
		} else if !ev.Cond.Holds(e.Metric(ev.Cond.Metric)) {
			continue
		}
		st.Fired[i] = true
		for j := range ev.Effects {
			e.applyEffect(&ev.Effects[j])
		}
		e.note(LogEvent, NoActor, NoActor, -1, int32(i), 0)
	}
}

func setOrAdd(cur int64, ef *Effect) int64 {
	if ef.Set {
		return ef.Value
	}
	return cur + ef.Value
}

func (e *Engine) applyEffect(ef *Effect) {
	st := &e.st
	switch ef.Kind {
	case EffectGrievance:
		st.Grievance[ef.Toward] = clamp(setOrAdd(st.Grievance[ef.Toward], ef), 0, 100*Milli)
	case EffectComplicity:
		st.Complicity = clamp(setOrAdd(st.Complicity, ef), 0, Micro)
	case EffectTrust:
		st.Trust = clamp(setOrAdd(st.Trust, ef), 0, 100*Milli)
	case EffectEscalation:
		if ef.Set {
			e.addEscalation(ef.Pair, ef.Value-st.Escalation[ef.Pair])
		} else {
			e.addEscalation(ef.Pair, ef.Value)
		}
	case EffectTalks:
		st.Talks = clamp(setOrAdd(st.Talks, ef), 0, 100*Milli)
	case EffectTalksOpen:
		st.TalksOpen = ef.Value != 0
	case EffectAirDefence:
		st.AirDefence = clamp(setOrAdd(st.AirDefence, ef), 0, 5*Milli)
	case EffectTroops:
		st.Sites[ef.Site].Troops = max(0, setOrAdd(st.Sites[ef.Site].Troops, ef))
	case EffectHalt:
		area := ef.Area
		if ef.Zone >= 0 {
			area = e.sc.Zones[ef.Zone].Area
		}
		e.addHalt(area, ef.Days, ef.Zone, -1)
	case EffectCorridor:
		c := &st.Corridors[ef.Corridor]
		c.Interval = max(0, ef.Value)
		c.Next = st.Turn
	case EffectArsenal:
		st.Arsenal = max(0, setOrAdd(st.Arsenal, ef))
	case EffectCounterIS:
		st.CounterIS = clamp(setOrAdd(st.CounterIS, ef), 0, 100*Milli)
	case EffectParam:
		spec := paramSpecs[ef.Param]
		st.Params[ef.Param] = clamp(setOrAdd(st.Params[ef.Param], ef), FixedFromFloat(spec.Min, spec.Unit), FixedFromFloat(spec.Max, spec.Unit))
	}
}

// addHalt puts a US halt in force over an area for some days; zone and
// site say what the area came from (-1 for none).
func (e *Engine) addHalt(area Area, days, zone, site int32) {
	st := &e.st
	st.Halts = append(st.Halts, Halt{ID: e.newID(), Area: area, Until: st.Turn + e.turnsFromDays(days) - 1, Zone: zone})
	st.Count[MetricHalts]++
	e.note(LogHalt, USA, Israel, site, zone, int64(days))
}

// ---- phase 2: logistics ----

func (e *Engine) logistics() {
	sc, st := e.sc, &e.st
	day := e.Day()
	rng := &st.Rand[streamLogistics]
	for i := range st.Corridors {
		c, cs := &sc.Corridors[i], &st.Corridors[i]
		if cs.Interval <= 0 || st.Turn < cs.Next || day < c.From || day > c.To {
			continue
		}
		// a dispatch slips a turn one time in five
		if rng.Chance(Micro / 5) {
			cs.Next = st.Turn + 1
			continue
		}
		cs.Next = st.Turn + int32(cs.Interval)
		id := e.newID()
		st.Shipments = append(st.Shipments, Shipment{ID: id, Corridor: int32(i), NextStop: 1, Size: c.Size, DwellTill: -1, DetectedTill: -1})
		st.Count[MetricShipmentsSent]++
		e.note(LogShipmentSent, Iran, Hezbollah, c.Stops[0], id, c.Size)
	}
	kept := st.Shipments[:0]
	for _, s := range st.Shipments {
		if s.DwellTill >= st.Turn || e.move(&s) {
			kept = append(kept, s)
		}
	}
	st.Shipments = kept
}

// move advances a shipment one turn; it reports false once delivered.
func (e *Engine) move(s *Shipment) bool {
	c := &e.sc.Corridors[s.Corridor]
	st := &e.st
	s.Dist += c.Speed
	for int(s.NextStop) < len(c.Stops) && s.Dist >= c.StopAt[s.NextStop] {
		if int(s.NextStop) == len(c.Stops)-1 {
			st.Arsenal += s.Size
			st.Count[MetricShipmentsDelivered]++
			st.Count[MetricWeaponsDelivered] += s.Size
			e.note(LogShipmentDelivered, Iran, Hezbollah, c.Stops[s.NextStop], s.ID, s.Size)
			return false
		}
		stop := c.Stops[s.NextStop]
		s.NextStop++
		if e.sc.Sites[stop].Kind == SiteDepot && c.Dwell > 0 {
			s.Dist = c.StopAt[s.NextStop-1]
			dwell := c.Dwell
			if st.Sites[stop].DisabledTill >= st.Turn {
				dwell *= 2 // a damaged depot slows the transfer
			}
			s.DwellTill = st.Turn + int32(dwell)
			break
		}
	}
	return true
}

// ShipmentPos returns where a shipment is.
func (e *Engine) ShipmentPos(s *Shipment) geo.Point {
	return geo.Along(e.sc.Corridors[s.Corridor].Path, s.Dist)
}

// dwellSite returns the depot a shipment waits at, or -1.
func (e *Engine) dwellSite(s *Shipment) int32 {
	if s.DwellTill < e.st.Turn || s.NextStop == 0 {
		return -1
	}
	return e.sc.Corridors[s.Corridor].Stops[s.NextStop-1]
}

// ---- phase 3: intelligence ----

func (e *Engine) intel() {
	sc, st := e.sc, &e.st
	rng := &st.Rand[streamIntel]
	window := int32(e.param(ParamDetectWindow))
	for i := range st.Shipments {
		s := &st.Shipments[i]
		if s.DetectedTill >= st.Turn {
			rng.Uint32()
			continue
		}
		p := e.param(ParamDetectShipment)
		if e.dwellSite(s) >= 0 {
			p *= 2 // a convoy unloading at a depot is easier to see
		}
		if rng.Chance(p) {
			s.DetectedTill = st.Turn + window - 1
			e.note(LogDetection, Israel, Iran, -1, s.ID, int64(TargetShipment))
		}
	}
	for i := range sc.Sites {
		ss := &st.Sites[i]
		if !sc.Sites[i].Target || ss.DisabledTill >= st.Turn || ss.DetectedTill >= st.Turn {
			continue
		}
		if rng.Chance(e.param(ParamDetectSite)) {
			ss.DetectedTill = st.Turn + window - 1
			e.note(LogDetection, Israel, sc.Sites[i].Owner, int32(i), -1, int64(TargetSite))
		}
	}
}

// Strikable reports whether Israel may strike the target now.
func (e *Engine) Strikable(t Target) bool {
	st := &e.st
	switch t.Kind {
	case TargetSite:
		if t.ID < 0 || int(t.ID) >= len(st.Sites) || !e.sc.Sites[t.ID].Target {
			return false
		}
		ss := &st.Sites[t.ID]
		return ss.DetectedTill >= st.Turn && ss.DisabledTill < st.Turn
	case TargetShipment:
		s := e.shipment(t.ID)
		return s != nil && s.DetectedTill >= st.Turn
	}
	return false
}

func (e *Engine) shipment(id int32) *Shipment {
	sh := e.st.Shipments // kept sorted by id
	i, ok := slices.BinarySearchFunc(sh, id, func(s Shipment, id int32) int { return cmp.Compare(s.ID, id) })
	if !ok {
		return nil
	}
	return &sh[i]
}

// TargetPos returns a target's position.
func (e *Engine) TargetPos(t Target) (geo.Point, bool) {
	if t.Kind == TargetSite {
		if t.ID < 0 || int(t.ID) >= len(e.sc.Sites) {
			return geo.Point{}, false
		}
		return e.sc.Sites[t.ID].Pos, true
	}
	s := e.shipment(t.ID)
	if s == nil {
		return geo.Point{}, false
	}
	return e.ShipmentPos(s), true
}

// TargetValue returns a target's worth in milli.
func (e *Engine) TargetValue(t Target) int64 {
	if t.Kind == TargetSite {
		return e.sc.Sites[t.ID].Value
	}
	if s := e.shipment(t.ID); s != nil {
		return Milli * s.Size / max(1, e.sc.Corridors[s.Corridor].Size)
	}
	return 0
}

// ---- phase 4: planning ----

func (e *Engine) planning() {
	if e.param(ParamSortiesPerTurn) <= 0 {
		return
	}
	st := &e.st
	for i := range st.Shipments {
		if st.Shipments[i].DetectedTill >= st.Turn {
			e.decide(Israel, DecidePlan, -1, 0)
			return
		}
	}
	for i := range st.Sites {
		if e.Strikable(Target{TargetSite, int32(i)}) {
			e.decide(Israel, DecidePlan, -1, 0)
			return
		}
	}
}

// Assessment is what the geometry of a mission implies.
type Assessment struct {
	Reasons    Reason
	InUSZone   bool
	InHalt     bool
	NearRussia bool
	Exposure   int64 // metres inside air-defence cover, weighted by strength
	Reach      bool  // the route reaches the target
}

// Assess checks a route to a target position against zones, halts, US
// forces and air defences as they stand this turn.
func (e *Engine) Assess(route int32, target geo.Point) Assessment {
	sc, st := e.sc, &e.st
	r := &sc.Routes[route]
	rc := &e.routes[route]
	last := r.Path[len(r.Path)-1]
	leg := [2]geo.Point{last, target}
	var a Assessment
	a.Reach = geo.Dist2(last, target) <= r.Reach*r.Reach
	day := e.Day()
	for i := range sc.Zones {
		z := &sc.Zones[i]
		if !z.ActiveOn(day) || z.Kind == ZoneHalt {
			continue
		}
		if (z.Kind == ZoneDeconfliction || z.Kind == ZoneOperation) && z.Owner != USA {
			continue
		}
		if !rc.zoneTouch[i] && !z.Area.Touches(leg[:]) {
			continue
		}
		switch z.Kind {
		case ZoneDeconfliction:
			a.Reasons |= ReasonZone
			a.InUSZone = true
		case ZoneOperation:
			a.Reasons |= ReasonOperation
		case ZoneRussia:
			a.Reasons |= ReasonRussia
			a.NearRussia = true
		}
	}
	if len(st.Halts) > 0 {
		e.path = append(append(e.path[:0], r.Path...), target)
		for i := range st.Halts {
			if st.Halts[i].Until >= st.Turn && st.Halts[i].Area.Touches(e.path) {
				a.Reasons |= ReasonHalt
				a.InHalt = true
			}
		}
	}
	standoff := e.param(ParamStandoffKm)
	for _, i := range e.usSites {
		if st.Sites[i].Troops > 0 && geo.InCircle(target, sc.Sites[i].Pos, standoff) {
			a.Reasons |= ReasonStandoff
		}
	}
	for _, i := range e.adSites {
		if s := &sc.Sites[i]; st.Sites[i].DisabledTill < st.Turn {
			chord := rc.adChord[i] + geo.ChordLength(last, target, s.Pos, s.ADRange)
			a.Exposure += chord * s.ADStrength / Micro
		}
	}
	return a
}

// Intercept returns the chance (micro) that air defences intercept a
// mission with the given exposure.
func (e *Engine) Intercept(exposure int64) int64 {
	p := exposure / 1000 * e.param(ParamInterceptPerKm) / Milli * e.st.AirDefence / Milli
	return min(p, 9*Micro/10)
}

func (e *Engine) plannedThisTurn() int64 {
	n := int64(0)
	for i := range e.st.Missions {
		if e.st.Missions[i].Planned == e.st.Turn {
			n++
		}
	}
	return n
}

// targetAlive reports whether a planned target still stands: a site not yet
// disabled, or a shipment still on its way.
func (e *Engine) targetAlive(t Target) bool {
	if t.Kind == TargetSite {
		return e.st.Sites[t.ID].DisabledTill < e.st.Turn
	}
	return e.shipment(t.ID) != nil
}

func (e *Engine) targeted(t Target) bool {
	for i := range e.st.Missions {
		m := &e.st.Missions[i]
		if m.Target == t && m.Status != MissionWithdrawn && m.Status != MissionFlown {
			return true
		}
	}
	return false
}

func (e *Engine) request(id int32) *Request {
	for i := range e.st.Requests {
		if e.st.Requests[i].ID == id {
			return &e.st.Requests[i]
		}
	}
	return nil
}

func (e *Engine) mission(id int32) *Mission {
	for i := range e.st.Missions {
		if e.st.Missions[i].ID == id {
			return &e.st.Missions[i]
		}
	}
	return nil
}

func (e *Engine) attack(id int32) *Attack {
	for i := range e.st.Attacks {
		if e.st.Attacks[i].ID == id {
			return &e.st.Attacks[i]
		}
	}
	return nil
}

// ---- phase 5: deconfliction ----

func (e *Engine) review() {
	st := &e.st
	expiry := int32(e.param(ParamRequestExpiry))
	for i := range st.Missions {
		m := &st.Missions[i]
		switch m.Status {
		case MissionPlanned:
			e.recheckHalts(m)
			needs := m.Reasons&(ReasonZone|ReasonStandoff|ReasonOperation) != 0
			switch {
			case needs && !m.SkipReview:
				id := e.newID()
				st.Requests = append(st.Requests, Request{ID: id, Mission: m.ID, Reasons: m.Reasons & (ReasonZone | ReasonStandoff | ReasonOperation), Raised: st.Turn, AltRoute: -1})
				m.Request = id
				m.Status = MissionRequested
				st.Count[MetricRequests]++
				e.note(LogRequest, Israel, USA, -1, m.ID, int64(m.Reasons))
				e.decide(USA, DecideRequest, id, m.Reasons)
			case needs:
				m.Violation = true
				m.Status = MissionProceeding
			case m.InHalt:
				m.Status = MissionAwaiting
			default:
				m.Status = MissionCleared
			}
		case MissionRequested:
			r := e.request(m.Request)
			if r.Status != RequestDeferred {
				continue
			}
			if st.Turn-r.Raised >= expiry {
				r.Status = RequestExpired
				m.Status = MissionWithdrawn
				st.Count[MetricExpired]++
				st.Count[MetricWithdrawn]++
				e.note(LogExpired, USA, Israel, -1, m.ID, 0)
				continue
			}
			r.Status = RequestOpen
			e.decide(USA, DecideRequest, r.ID, r.Reasons)
		}
	}
}

func (e *Engine) response() {
	st := &e.st
	for i := range st.Missions {
		m := &st.Missions[i]
		if m.Status == MissionCleared && m.FlyTurn <= st.Turn && e.recheckHalts(m) {
			m.Status = MissionAwaiting // a halt came into force since it was cleared
		}
		if m.Status == MissionAwaiting {
			e.decide(Israel, DecideResponse, m.ID, m.Reasons)
		}
	}
}

// recheckHalts marks a mission whose path now crosses a halt in force that
// it did not know of, and reports whether it did.
func (e *Engine) recheckHalts(m *Mission) bool {
	if m.InHalt || !e.Assess(m.Route, m.TargetPos).InHalt {
		return false
	}
	m.InHalt = true
	m.Reasons |= ReasonHalt
	return true
}

// ---- phase 6: execution ----

func (e *Engine) execution() {
	st := &e.st
	rng := &st.Rand[streamExecution]
	base := [3]int64{e.param(ParamStrikeSmall), e.param(ParamStrikeMedium), e.param(ParamStrikeLarge)}
	for i := range st.Missions {
		m := &st.Missions[i]
		if (m.Status != MissionCleared && m.Status != MissionProceeding) || m.FlyTurn > st.Turn {
			continue
		}
		if m.Status == MissionCleared && e.recheckHalts(m) {
			m.Status = MissionAwaiting // Israel answers in the next response step
			continue
		}
		if !e.targetAlive(m.Target) {
			m.Status = MissionWithdrawn // the target is gone
			st.Count[MetricWithdrawn]++
			e.note(LogWithdrawn, Israel, NoActor, -1, m.ID, 0)
			continue
		}
		pos, _ := e.TargetPos(m.Target)
		m.Status = MissionFlown
		st.Count[MetricStrikes]++
		if m.Violation || m.InHalt {
			st.Count[MetricViolations]++
			if m.InHalt {
				st.Count[MetricHaltViolations]++
			}
			if m.InHalt || m.Reasons&ReasonOperation != 0 {
				st.CounterIS = max(0, st.CounterIS-e.param(ParamCounterISLossPerViolation))
			}
			e.note(LogViolation, Israel, USA, -1, m.ID, 0)
			if rng.Chance(e.param(ParamViolationDiscovery)) {
				st.Count[MetricViolationsDiscovered]++
				st.Trust = max(0, st.Trust-e.param(ParamViolationTrustCost))
				e.note(LogViolationFound, USA, Israel, -1, m.ID, 0)
			}
		} else {
			rng.Uint32()
		}
		leaked := false
		if m.NearRussia {
			incident, leak := e.noticeRisks(m.Notice)
			if rng.Chance(incident) {
				st.Count[MetricRussiaIncidents]++
				e.addEscalation(IsraelRussia, Milli)
				st.AirDefence = min(5*Milli, st.AirDefence+e.param(ParamIncidentAirDefence))
				e.note(LogRussiaIncident, Israel, Russia, -1, m.ID, 0)
			}
			if rng.Chance(leak) {
				leaked = true
				st.Count[MetricLeaks]++
				e.note(LogLeak, Russia, Israel, -1, m.ID, 0)
			}
		} else {
			rng.Uint32()
			rng.Uint32()
		}
		intercept := e.Intercept(m.Exposure)
		if rng.Chance(scale(intercept, e.param(ParamAircraftLoss))) {
			st.Count[MetricAircraftLost]++
			e.note(LogAircraftLost, Israel, Syria, -1, m.ID, 0)
		}
		p := e.successChance(m.Target, m.Package, intercept, leaked, base)
		value := e.TargetValue(m.Target)
		hit := rng.Chance(p)
		if m.InUSZone {
			st.Complicity = min(Micro, st.Complicity+e.param(ParamComplicityPerStrike))
		}
		if !hit {
			e.grieve(value/4, rng)
			e.noteStrike(LogStrikeMiss, m, 0)
			continue
		}
		st.Count[MetricTargetsHit]++
		if rng.Chance(e.param(ParamCollateral)) {
			st.Count[MetricCollateral]++
			value += value / 2
			e.note(LogCollateral, Israel, NoActor, targetSite(m.Target), m.ID, 0)
		}
		e.destroy(m.Target, pos)
		e.grieve(value, rng)
		e.addEscalation(IsraelIran, e.param(ParamEscalationPerStrike)*value/Milli)
		e.noteStrike(LogStrikeHit, m, value)
	}
}

// noteStrike logs a flown strike with how it stood with the US review.
func (e *Engine) noteStrike(kind LogKind, m *Mission, value int64) {
	if !e.logging {
		return
	}
	review := ReviewNone
	switch {
	case m.Violation || m.InHalt:
		review = ReviewViolation
	case m.Request != 0 && e.request(m.Request).Status == RequestConditioned:
		review = ReviewConditioned
	case m.Request != 0:
		review = ReviewApproved
	}
	owner := Iran
	if m.Target.Kind == TargetSite {
		owner = e.sc.Sites[m.Target.ID].Owner
	}
	e.log = append(e.log, Entry{Turn: e.st.Turn, Day: e.Day(), Kind: kind, Actor: Israel, Other: owner,
		Site: targetSite(m.Target), Subject: m.ID, Value: value, Review: review})
}

func targetSite(t Target) int32 {
	if t.Kind == TargetSite {
		return t.ID
	}
	return -1
}

// noticeRisks returns the incident and leak chances of a notice length.
func (e *Engine) noticeRisks(notice int8) (incident, leak int64) {
	inc, lk := e.param(ParamRussiaIncident), e.param(ParamRussiaLeak)
	switch notice {
	case NoticeShort:
		return inc * 4, 0
	case NoticeLong:
		return inc / 4, lk
	}
	return inc, lk / 4
}

func (e *Engine) successChance(t Target, pkg int8, intercept int64, leaked bool, base [3]int64) int64 {
	p := scale(base[pkg], Micro-intercept)
	if t.Kind == TargetSite {
		p = scale(p, Micro-e.sc.Sites[t.ID].Hardness)
	}
	if leaked {
		p /= 2
	}
	return p
}

// SuccessChance returns the chance (micro) that a strike with this package
// destroys the target, given its exposure and no leak.
func (e *Engine) SuccessChance(t Target, pkg int8, exposure int64) int64 {
	base := [3]int64{e.param(ParamStrikeSmall), e.param(ParamStrikeMedium), e.param(ParamStrikeLarge)}
	return e.successChance(t, pkg, e.Intercept(exposure), false, base)
}

func (e *Engine) destroy(t Target, pos geo.Point) {
	st := &e.st
	if t.Kind == TargetShipment {
		if s := e.shipment(t.ID); s != nil {
			e.removeShipment(s.ID)
		}
		return
	}
	st.Sites[t.ID].DisabledTill = st.Turn + e.turnsFromDays(30) - 1
	st.Sites[t.ID].DetectedTill = -1
	// shipments unloading at a struck depot burn with it
	for i := 0; i < len(st.Shipments); {
		if e.dwellSite(&st.Shipments[i]) == t.ID {
			e.removeShipment(st.Shipments[i].ID)
			continue
		}
		i++
	}
}

func (e *Engine) removeShipment(id int32) {
	st := &e.st
	for i := range st.Shipments {
		if st.Shipments[i].ID == id {
			st.Count[MetricShipmentsDestroyed]++
			st.Count[MetricWeaponsDestroyed] += st.Shipments[i].Size
			st.Shipments = append(st.Shipments[:i], st.Shipments[i+1:]...)
			return
		}
	}
}

// grieve adds Iran's grievance for a strike of the given value, part of it
// aimed at the US according to its perceived complicity.
func (e *Engine) grieve(value int64, rng *PCG) {
	st := &e.st
	g := e.param(ParamGrievancePerStrike) * value / Milli
	st.Grievance[TowardIsrael] = min(100*Milli, st.Grievance[TowardIsrael]+g)
	if rng.Chance(st.Complicity) {
		st.Grievance[TowardUSA] = min(100*Milli, st.Grievance[TowardUSA]+scale(g, e.param(ParamAttributionUS)))
	}
}

// ---- phase 7: attribution and retaliation ----

func (e *Engine) attacks() {
	sc, st := e.sc, &e.st
	rng := &st.Rand[streamRetaliation]
	for i := range st.Attacks {
		a := &st.Attacks[i]
		if a.Landed || a.Due > st.Turn {
			continue
		}
		a.Landed = true
		site := &sc.Sites[a.Site]
		killed, injured := e.casualties(a, rng)
		spent := e.param(ParamGrievanceSpent)
		if site.Owner == USA {
			st.Count[MetricAttacksOnUS]++
			st.Count[MetricUSCasualties] += killed
			st.Count[MetricUSInjured] += injured
			st.Grievance[TowardUSA] -= scale(st.Grievance[TowardUSA], spent)
			rise, loss := e.attackCosts(a.Claimed, killed)
			e.addEscalation(USAIran, rise)
			st.Talks = max(0, st.Talks-loss)
			e.note(LogAttack, Iran, USA, a.Site, a.ID, killed)
			e.decide(USA, DecideAttackResponse, a.ID, 0)
			continue
		}
		st.Count[MetricAttacksOnIsrael]++
		st.Grievance[TowardIsrael] -= scale(st.Grievance[TowardIsrael], spent)
		e.addEscalation(IsraelIran, 2*e.param(ParamEscalationPerAttack))
		e.note(LogAttack, Iran, site.Owner, a.Site, a.ID, killed)
		// Israel answers an attack on its soil in force: the answer deters, and
		// it finds every Iranian target at once
		st.Deterrence[1] = min(Micro, st.Deterrence[1]+e.param(ParamDeterrencePerResponse))
		for j := range sc.Sites {
			if sc.Sites[j].Target && st.Sites[j].DisabledTill < st.Turn {
				st.Sites[j].DetectedTill = st.Turn + int32(e.param(ParamDetectWindow))
			}
		}
	}
}

// attackCosts returns the US–Iran ladder rise and the talks lost for an
// attack on US forces: a claimed attack costs half as much again on the
// ladder and twice as much at the table, since Washington cannot look away.
func (e *Engine) attackCosts(claimed bool, killed int64) (rise, loss int64) {
	rise = e.param(ParamEscalationPerAttack) + killed*e.param(ParamEscalationPerDeath)
	loss = e.param(ParamTalksLossPerAttack) + killed*e.param(ParamTalksLossPerDeath)
	if claimed {
		rise += rise / 2
		loss *= 2
	}
	return rise, loss
}

// casualties draws the dead and injured of an attack.
func (e *Engine) casualties(a *Attack, rng *PCG) (killed, injured int64) {
	st := &e.st
	present := e.present(a.Site)
	lethality := e.param(ParamLethalityRockets)
	if a.Method == MethodDrones {
		lethality = e.param(ParamLethalityDrones)
	}
	if st.Sites[a.Site].Hardened {
		lethality /= 2
	}
	return draws(present*lethality, rng), draws(present*e.param(ParamInjuryRate), rng)
}

// present returns the troops at a site now (an evacuation leaves a tenth).
func (e *Engine) present(site int32) int64 {
	ss := &e.st.Sites[site]
	if ss.EvacuatedTill >= e.st.Turn {
		return ss.Troops / 10
	}
	return ss.Troops
}

// draws turns an expectation (micro) into a whole number: the integer part
// plus one more with the chance of the fraction.
func draws(expectMicro int64, rng *PCG) int64 {
	n := expectMicro / Micro
	if rng.Chance(expectMicro % Micro) {
		n++
	}
	return n
}

// HazardTerms are the factors of the attack hazard at a site: the engine
// draws from their product, and previews show them.
type HazardTerms struct {
	Base       int64 // micro
	Grievance  int64 // milli
	Complicity int64 // micro (for Israeli sites, the retaliation_israel factor)
	Proximity  int64 // micro
	Deterrence int64 // micro
	Escalation int64 // milli: 1 + the ladder level with the site's owner (cycles feed themselves)
	Hazard     int64 // micro, capped
}

// Hazard computes the attack hazard at a site from the current state.
func (e *Engine) Hazard(site int32) HazardTerms {
	st := &e.st
	return e.hazardWith(site, st.Grievance, st.Complicity, st.Deterrence, st.Escalation)
}

func (e *Engine) hazardWith(site int32, grievance [2]int64, complicity int64, deterrence [2]int64, escalation [NumPairs]int64) HazardTerms {
	s := &e.sc.Sites[site]
	t := HazardTerms{Base: e.param(ParamRetaliationBase), Proximity: s.Proximity}
	if s.Owner == USA {
		t.Grievance, t.Complicity, t.Deterrence = grievance[TowardUSA], complicity, deterrence[0]
		t.Escalation = Milli + escalation[USAIran]
	} else {
		t.Grievance, t.Complicity, t.Deterrence = grievance[TowardIsrael], e.param(ParamRetaliationIsrael), deterrence[1]
		t.Escalation = Milli + escalation[IsraelIran]
	}
	h := t.Base * t.Grievance / Milli
	h = scale(h, t.Complicity)
	h = scale(h, t.Proximity)
	h = scale(h, Micro-t.Deterrence)
	h = h * t.Escalation / Milli
	t.Hazard = min(h, e.param(ParamHazardCap))
	return t
}

// Exposed reports whether a site can be attacked by proxies: US sites with
// troops and Israeli positions.
func (e *Engine) Exposed(site int32) bool {
	s := &e.sc.Sites[site]
	return (s.Owner == USA && e.st.Sites[site].Troops > 0 && s.Kind != SiteCity) ||
		(s.Owner == Israel && s.Kind == SitePosition)
}

func (e *Engine) retaliation() {
	st := &e.st
	rng := &st.Rand[streamRetaliation]
	for _, i := range e.exposed {
		if !e.Exposed(i) {
			continue
		}
		h := e.Hazard(i).Hazard
		if !rng.Chance(h) || e.attackPlannedOn(i) {
			continue
		}
		e.decide(Iran, DecideRetaliation, i, 0)
	}
}

func (e *Engine) attackPlannedOn(site int32) bool {
	for i := range e.st.Attacks {
		if a := &e.st.Attacks[i]; a.Site == site && !a.Landed {
			return true
		}
	}
	return false
}

func (e *Engine) warning() {
	st := &e.st
	rng := &st.Rand[streamWarning]
	for i := range st.Attacks {
		a := &st.Attacks[i]
		if a.Landed || a.Detected || e.sc.Sites[a.Site].Owner != USA {
			continue
		}
		if rng.Chance(e.param(ParamDetectAttack)) {
			a.Detected = true
			e.decide(Israel, DecideWarning, a.ID, 0)
		}
	}
}

func (e *Engine) protection() {
	st := &e.st
	for i := range st.Attacks {
		a := &st.Attacks[i]
		if a.Warned && !a.Landed && a.Due == st.Turn+1 {
			e.decide(USA, DecideProtection, a.ID, 0)
		}
	}
}

// ---- phase 8: escalation and diplomacy ----

func (e *Engine) diplomacy() {
	sc, st := e.sc, &e.st
	for p := range st.Escalation {
		if st.Escalation[p] > 0 {
			e.addEscalation(Pair(p), -min(st.Escalation[p], e.param(ParamEscalationDecay)))
		}
	}
	for i := range st.Grievance {
		st.Grievance[i] -= scale(st.Grievance[i], e.param(ParamGrievanceDecay))
		st.Deterrence[i] -= scale(st.Deterrence[i], e.param(ParamDeterrenceDecay))
	}
	st.Complicity -= scale(st.Complicity, e.param(ParamComplicityDecay))
	if st.TalksOpen {
		switch level := st.Escalation[USAIran]; {
		case level < 2*Milli:
			st.Talks = min(100*Milli, st.Talks+e.param(ParamTalksRate))
		case level >= 3*Milli:
			st.Talks = max(0, st.Talks-e.param(ParamTalksRate))
		}
	}
	if target := sc.Initial.Trust; st.Trust < target {
		st.Trust = min(target, st.Trust+e.param(ParamTrustRecovery))
	}
	st.CounterIS = min(100*Milli, st.CounterIS+e.counterISGain(-1))
	kept := st.Halts[:0]
	for _, h := range st.Halts {
		if h.Until > st.Turn {
			kept = append(kept, h)
		}
	}
	st.Halts = kept
}

// counterISGain is the campaign against IS's progress this turn: it
// advances while US forces are in place and not pinned down. evacuating,
// if not -1, is a site counted as evacuated (for previews).
func (e *Engine) counterISGain(evacuating int32) int64 {
	st := &e.st
	var troops, away int64
	for _, i := range e.usSites {
		troops += st.Sites[i].Troops
		present := e.present(i)
		if i == evacuating {
			present = st.Sites[i].Troops / 10
		}
		away += st.Sites[i].Troops - present
	}
	if troops == 0 {
		return 0
	}
	return e.param(ParamCounterISRate) * (troops - away) / troops
}

// ---- phase 9: score and end ----

func (e *Engine) score() {
	sc, st := e.sc, &e.st
	// a ladder that touched the top during the turn counts, even if it eased since
	switch {
	case st.MaxEsc[USAIran] >= MaxLevel:
		st.Outcome = OutcomeUSDrawnIn
	case st.MaxEsc[IsraelIran] >= MaxLevel:
		st.Outcome = OutcomeRegionalWar
	case st.Trust <= 0:
		st.Outcome = OutcomeAllianceRupture
	case st.Turn >= sc.Turns-1:
		st.Outcome = OutcomeCompleted
	}
	over := st.Outcome != OutcomeRunning
	for i := range sc.Objectives {
		o, os := &sc.Objectives[i], &st.Objectives[i]
		if os.Decided {
			continue
		}
		v := e.Metric(o.Metric)
		holds := Condition{o.Metric, o.Op, o.Value}.Holds(v)
		monotone := o.Metric < numCounters || o.Metric == MetricMaxEscalationUSIran || o.Metric == MetricMaxEscalationIsraelIran
		switch {
		case over:
			*os = ObjectiveState{Decided: true, Met: holds, Turn: st.Turn}
		case monotone && o.Op == OpAtLeast && holds:
			*os = ObjectiveState{Decided: true, Met: true, Turn: st.Turn}
		case monotone && o.Op == OpAtMost && !holds:
			*os = ObjectiveState{Decided: true, Met: false, Turn: st.Turn}
		}
	}
	// forget what is finished
	missions := st.Missions[:0]
	for _, m := range st.Missions {
		if m.Status != MissionFlown && m.Status != MissionWithdrawn {
			missions = append(missions, m)
		}
	}
	st.Missions = missions
	requests := st.Requests[:0]
	for _, r := range st.Requests {
		if r.Status == RequestOpen || r.Status == RequestDeferred || e.mission(r.Mission) != nil {
			requests = append(requests, r)
		}
	}
	st.Requests = requests
	attacks := st.Attacks[:0]
	for _, a := range st.Attacks {
		if !a.Landed {
			attacks = append(attacks, a)
		}
	}
	st.Attacks = attacks
	if over {
		st.EndTurn = st.Turn
		e.note(LogOutcome, NoActor, NoActor, -1, int32(st.Outcome), 0)
		return
	}
	st.Turn++
	st.Step = StepEvents
}

// Metric returns a metric's current value in its stored scale.
func (e *Engine) Metric(m Metric) int64 {
	st := &e.st
	if m < numCounters {
		return st.Count[m]
	}
	switch m {
	case MetricMaxEscalationUSIran:
		return st.MaxEsc[USAIran]
	case MetricMaxEscalationIsraelIran:
		return st.MaxEsc[IsraelIran]
	case MetricEscalationUSIran:
		return st.Escalation[USAIran]
	case MetricEscalationIsraelIran:
		return st.Escalation[IsraelIran]
	case MetricTalksProgress:
		return st.Talks
	case MetricTrust:
		return st.Trust
	case MetricComplicity:
		return st.Complicity
	case MetricGrievanceUS:
		return st.Grievance[TowardUSA]
	case MetricGrievanceIsrael:
		return st.Grievance[TowardIsrael]
	case MetricCounterIS:
		return st.CounterIS
	case MetricArsenal:
		return st.Arsenal
	case MetricArsenalGrowth:
		return st.Arsenal - e.sc.Initial.Arsenal
	case MetricInterdictedShare:
		sent := st.Count[MetricWeaponsDelivered] + st.Count[MetricWeaponsDestroyed]
		for i := range st.Shipments {
			sent += st.Shipments[i].Size
		}
		if sent == 0 {
			return 0
		}
		return st.Count[MetricWeaponsDestroyed] * 100 * Milli / sent
	case MetricUSTroops:
		var n int64
		for i := range e.sc.Sites {
			if e.sc.Sites[i].Owner == USA {
				n += st.Sites[i].Troops
			}
		}
		return n
	case MetricInTransit:
		return int64(len(st.Shipments))
	}
	return 0
}

// Verdict returns a role's verdict from its objectives: won when all are
// met, lost when a required one or most of them are missed, else a draw.
// While the run goes on, undecided objectives count as neither.
func (e *Engine) Verdict(role Actor) Verdict {
	var n, met, missed int
	for i := range e.sc.Objectives {
		if e.sc.Objectives[i].Role != role {
			continue
		}
		n++
		os := &e.st.Objectives[i]
		if !os.Decided {
			continue
		}
		if os.Met {
			met++
		} else {
			missed++
			if e.sc.Objectives[i].Required {
				return VerdictLost
			}
		}
	}
	switch {
	case n == 0:
		return VerdictDraw
	case met == n:
		return VerdictWon
	case missed*2 > n:
		return VerdictLost
	}
	return VerdictDraw
}
