package sim

// Phase 1, events: scripted context fires on its day or when its condition holds.

import "math"

func (e *Engine) events() {
	e.revertDue()
	day := e.Day()
	if day < e.eventsFrom {
		return // every event is spent or waits for a later day
	}
	fired, dues := e.st.Fired, e.dues[:len(e.st.Fired)]
	next := int32(math.MaxInt32)
	for i := range fired {
		// a fired event that does not re-arm is spent for good; one not yet
		// fired waits for its first day
		if fired[i] && dues[i].rearms || !fired[i] && day >= dues[i].from {
			e.event(int32(i), day)
		}
		switch {
		case fired[i] && dues[i].rearms, !fired[i] && day >= dues[i].from:
			next = day // looked at again next turn
		case !fired[i]:
			next = min(next, dues[i].from)
		}
	}
	e.eventsFrom = next
}

// eventDue is what the events step needs to know of an event to pass it
// by cheaply, worked out once in New.
type eventDue struct {
	from   int32 // the first day its trigger may hold (math.MinInt32: any day)
	rearms bool  // it may fire again once its condition stops holding (Timing.Repeat)
}

// newEventDues works out the eventDue of each event: a dated event, or
// one on a random day of a window, cannot trigger before its day.
func newEventDues(sc *Scenario) []eventDue {
	out := make([]eventDue, len(sc.Events))
	for i := range sc.Events {
		ev := &sc.Events[i]
		tm := ev.Timing()
		out[i] = eventDue{from: math.MinInt32, rearms: tm.Repeat}
		if tm.After < 0 && ev.Day >= 0 {
			out[i].from = ev.Day
		}
	}
	return out
}

// event fires event i if its time has come on this turn's day, or re-arms
// it once it has fired and its condition no longer holds.
func (e *Engine) event(i int32, day int32) {
	st := &e.st
	ev := &e.sc.Events[i]
	tm := ev.Timing()
	if st.Fired[i] {
		if !e.whenHolds(ev, tm) {
			st.Fired[i] = false // re-armed: it may fire again once the condition holds
		}
		return
	}
	if !e.triggered(ev, tm, day) {
		return
	}
	st.Fired[i] = true
	if tm.Chance < Micro && !st.EventRand[0].Chance(tm.Chance) {
		return // the chance failed: the event is spent
	}
	e.fire(i, ev, tm)
}

func setOrAdd(cur int64, ef *Effect) int64 {
	if ef.Set {
		return ef.Value
	}
	return cur + ef.Value
}

// delta is the change an effect makes to a quantity now at cur: to its
// value when it sets, by its value when it adds.
func delta(cur int64, ef *Effect) int64 {
	if ef.Set {
		return ef.Value - cur
	}
	return ef.Value
}

func (e *Engine) applyEffect(ef *Effect, event int32) {
	st := &e.st
	switch ef.Kind {
	case EffectGrievance:
		e.addGrievance(int(ef.Toward), delta(st.Grievance[ef.Toward], ef))
	case EffectComplicity:
		e.addComplicity(delta(st.Complicity, ef))
	case EffectTrust:
		e.addTrust(delta(st.Trust, ef), CauseEvent, -1, event)
	case EffectEscalation:
		e.addEscalation(ef.Pair, delta(st.Escalation[ef.Pair], ef), CauseEvent, -1, event)
	case EffectTalks:
		e.addTalks(delta(st.Talks, ef), CauseEvent, -1, event)
	case EffectTalksOpen:
		st.TalksOpen = ef.Value != 0
	case EffectAirDefence:
		e.addAirDefence(delta(st.AirDefence, ef))
	case EffectTroops:
		st.Sites[ef.Site].Troops = max(0, setOrAdd(st.Sites[ef.Site].Troops, ef))
		e.touchAssess()
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
	case EffectCounterIS:
		e.addCounterIS(delta(st.CounterIS, ef), CauseEvent, event)
	case EffectStruck:
		ss := &st.Sites[ef.Site]
		ss.DisabledTill = max(ss.DisabledTill, st.Turn+e.turnsFromDays(ef.Days)-1)
		e.touchAssess()
	case EffectParam:
		spec := paramSpecs[ef.Param]
		e.touchAssess()
		st.Params[ef.Param] = clamp(setOrAdd(st.Params[ef.Param], ef), FixedFromFloat(spec.Min, spec.Unit), FixedFromFloat(spec.Max, spec.Unit))
	case EffectPolicy:
		st.Setups[ef.Actor] = int32(ef.Value)
	case EffectHardness, EffectProximity, EffectSiteAD:
		v := e.siteMod(ef)
		*v = clamp(setOrAdd(*v, ef), 0, Micro)
		e.assess.valid = false // air-defence exposures change
	case EffectDetected:
		e.detect(ef)
	case EffectOwner:
		st.Owners[ef.Site] = Actor(ef.Value)
		e.ownersChanged()
	}
}

// siteMod is the site attribute a hardness, proximity or ad_strength
// effect changes.
func (e *Engine) siteMod(ef *Effect) *int64 {
	m := &e.st.SiteMods[ef.Site]
	switch ef.Kind {
	case EffectHardness:
		return &m.Hardness
	case EffectProximity:
		return &m.Proximity
	}
	return &m.ADStrength
}

// detect marks a target site, or every shipment on a corridor now and
// until the days run out, detected: Israel may strike them.
func (e *Engine) detect(ef *Effect) {
	st := &e.st
	till := st.Turn + e.turnsFromDays(ef.Days) - 1
	if ef.Site >= 0 {
		if e.sc.Sites[ef.Site].Target && st.Sites[ef.Site].DisabledTill < st.Turn {
			st.Sites[ef.Site].DetectedTill = max(st.Sites[ef.Site].DetectedTill, till)
		}
		return
	}
	st.Watch[ef.Corridor] = max(st.Watch[ef.Corridor], till)
	e.watch()
}

// watch marks the shipments on watched corridors detected (the logistics
// phase marks those dispatched later while the watch lasts).
func (e *Engine) watch() {
	st := &e.st
	for i := range st.Shipments {
		s := &st.Shipments[i]
		if w := st.Watch[s.Corridor]; w >= st.Turn {
			s.DetectedTill = max(s.DetectedTill, w)
		}
	}
}

// addHalt puts a US halt in force over an area for some days; zone and
// site say what the area came from (-1 for none).
func (e *Engine) addHalt(area Area, days, zone, site int32) {
	st := &e.st
	st.Halts = append(st.Halts, Halt{ID: e.newID(), Area: area, Until: st.Turn + e.turnsFromDays(days) - 1, Zone: zone})
	e.touchAssess()
	st.Count[MetricHalts]++
	e.note(LogHalt, USA, Israel, site, zone, int64(days))
}

// Inject fires scenario event i now, out of its schedule, as an umpire may in
// a served game. An event fires once: an event that already fired is refused.
func (e *Engine) Inject(i int32) error {
	if e.st.Outcome != OutcomeRunning {
		return invalid("the run is over")
	}
	if i < 0 || int(i) >= len(e.sc.Events) {
		return invalid("no event %d", i)
	}
	if e.st.Fired[i] {
		return invalid("event %s has fired already", e.sc.Events[i].ID)
	}
	e.st.Fired[i] = true
	e.eventsFrom = math.MinInt32 // looked at again: it may re-arm
	for j := range e.sc.Events[i].Effects {
		e.applyEffect(&e.sc.Events[i].Effects[j], i)
	}
	e.note(LogEvent, NoActor, NoActor, -1, i, 0)
	return nil
}
