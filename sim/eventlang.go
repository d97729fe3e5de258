package sim

// The richer event language: events that fire a number of days after
// another, on a random day of a window, by chance, again and again, or
// whose changes revert after some days. The events phase (phase_events.go)
// asks triggered whether an event's time has come and fire to carry it out.

// Fire records the turn an anchor event (one another event's After names)
// first fired.
type Fire struct {
	Event int32
	Turn  int32
}

// Revert is a change to undo on a turn: an effect of Kind on Target (the
// grievance target, pair, site, corridor, parameter or actor), adding Value, or
// setting it when Set.
type Revert struct {
	Turn   int32
	Kind   EffectKind
	Target int32
	Set    bool
	Value  int64
}

// eventDice reports whether any event needs random numbers (a chance or a
// random date), and so whether runs keep a stream for them.
func (sc *Scenario) eventDice() bool {
	for i := range sc.Events {
		if tm := sc.Events[i].Timing(); tm.Chance < Micro || tm.Until >= 0 {
			return true
		}
	}
	return false
}

// triggered reports whether an event's trigger holds this turn, whose
// calendar day is day.
func (e *Engine) triggered(ev *Event, tm *Timing, day int32) bool {
	st := &e.st
	switch {
	case tm.After >= 0:
		for _, f := range st.Fires {
			if f.Event == tm.After {
				return day >= e.sc.DayOfTurn(f.Turn)+tm.AfterDays
			}
		}
		return false
	case ev.Day >= 0 && tm.Until >= 0:
		if day < ev.Day {
			return false
		}
		// Each turn of the window is equally likely: fire with probability
		// one in the turns left, including this one.
		left := (tm.Until-e.sc.StartDay+1)*24/e.sc.TurnHours - st.Turn
		return left <= 1 || st.EventRand[0].Below(uint32(left)) == 0
	case ev.Day >= 0:
		return day >= ev.Day
	}
	return e.whenHolds(ev, tm)
}

// whenHolds reports whether a when event's conditions hold: all of them, or
// with Any one of them.
func (e *Engine) whenHolds(ev *Event, tm *Timing) bool {
	holds := e.Holds(ev.Cond)
	for _, c := range tm.Also {
		if tm.Any {
			holds = holds || e.Holds(c)
		} else {
			holds = holds && e.Holds(c)
		}
	}
	return holds
}

// fire makes an event's changes, keeps what is needed to undo them when
// the event reverts, and notes the turn when another event counts from it.
func (e *Engine) fire(i int32, ev *Event, tm *Timing) {
	st := &e.st
	for j := range ev.Effects {
		ef := &ev.Effects[j]
		old, revertible := e.effectLevel(ef)
		e.applyEffect(ef, i)
		if tm.RevertDays <= 0 || !revertible {
			continue
		}
		r := Revert{Turn: st.Turn + e.turnsFromDays(tm.RevertDays), Kind: ef.Kind, Target: effectTarget(ef)}
		if ef.Kind == EffectTalksOpen || ef.Kind == EffectCorridor || ef.Kind == EffectPolicy || ef.Kind == EffectOwner {
			r.Set, r.Value = true, old
		} else {
			now, _ := e.effectLevel(ef)
			r.Value = old - now
		}
		st.Reverts = append(st.Reverts, r)
	}
	if tm.Anchor && !e.firedBefore(i) {
		st.Fires = append(st.Fires, Fire{Event: i, Turn: st.Turn})
	}
	e.note(LogEvent, NoActor, NoActor, -1, i, 0)
}

func (e *Engine) firedBefore(i int32) bool {
	for _, f := range e.st.Fires {
		if f.Event == i {
			return true
		}
	}
	return false
}

// revertDue undoes the changes whose time has come, oldest first, within
// the same bounds as any change.
func (e *Engine) revertDue() {
	st := &e.st
	kept := st.Reverts[:0]
	for _, r := range st.Reverts {
		if r.Turn > st.Turn {
			kept = append(kept, r)
			continue
		}
		ef := Effect{Kind: r.Kind, Set: r.Set, Value: r.Value, Zone: -1, Site: -1, Corridor: -1, Toward: -1}
		switch r.Kind {
		case EffectGrievance:
			ef.Toward = r.Target
		case EffectEscalation:
			ef.Pair = Pair(r.Target)
		case EffectTroops, EffectHardness, EffectProximity, EffectSiteAD, EffectOwner:
			ef.Site = r.Target
		case EffectPolicy:
			ef.Actor = Actor(r.Target)
		case EffectCorridor:
			ef.Corridor = r.Target
		case EffectParam:
			ef.Param = Param(r.Target)
		}
		e.applyEffect(&ef, -1) // an event's change running out
	}
	st.Reverts = kept
}

// effectTarget is the grievance target, pair, site, corridor, parameter or actor
// an effect changes (0 for the kinds that change one value).
func effectTarget(ef *Effect) int32 {
	switch ef.Kind {
	case EffectGrievance:
		return ef.Toward
	case EffectEscalation:
		return int32(ef.Pair)
	case EffectTroops, EffectHardness, EffectProximity, EffectSiteAD, EffectOwner:
		return ef.Site
	case EffectCorridor:
		return ef.Corridor
	case EffectParam:
		return int32(ef.Param)
	case EffectPolicy:
		return int32(ef.Actor)
	}
	return 0
}

// effectLevel is the value an effect changes, before or after it; ok is
// false for the kinds that cannot revert (halts, strikes and detections last
// their days).
func (e *Engine) effectLevel(ef *Effect) (v int64, ok bool) {
	st := &e.st
	switch ef.Kind {
	case EffectGrievance:
		return st.Grievance[ef.Toward], true
	case EffectComplicity:
		return st.Complicity, true
	case EffectTrust:
		return st.Trust, true
	case EffectEscalation:
		return st.Escalation[ef.Pair], true
	case EffectTalks:
		return st.Talks, true
	case EffectTalksOpen:
		return b2i(st.TalksOpen), true
	case EffectAirDefence:
		return st.AirDefence, true
	case EffectTroops:
		return st.Sites[ef.Site].Troops, true
	case EffectCorridor:
		return st.Corridors[ef.Corridor].Interval, true
	case EffectCounterIS:
		return st.CounterIS, true
	case EffectParam:
		return st.Params[ef.Param], true
	case EffectPolicy:
		return int64(st.Setups[ef.Actor]), true
	case EffectHardness, EffectProximity, EffectSiteAD:
		return *e.siteMod(ef), true
	case EffectOwner:
		return int64(st.Owners[ef.Site]), true
	}
	return 0, false
}
