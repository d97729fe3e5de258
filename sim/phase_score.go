package sim

import "math"

// Phase 9, score and end: outcomes, objectives, metrics and verdicts.

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
	// at the end every objective still open is decided; before it, only
	// those that settle early may be, so the others are not looked at
	if over {
		for i := range st.Objectives {
			if !st.Objectives[i].Decided {
				e.judge(i, true)
			}
		}
	} else {
		// those that count a run counter read it in place, in a loop of
		// their own (which goes first makes no difference: judge decides
		// each objective on its own)
		objectives, counts := st.Objectives, &st.Count
		for _, x := range e.earlyCounts {
			if counts[x.metric] >= x.from && !objectives[x.index].Decided {
				e.judge(int(x.index), false)
			}
		}
		for k := range e.early {
			x := &e.early[k]
			if (x.windowed || e.Value(x.metric, x.scope) >= x.from) && !objectives[x.index].Decided {
				e.judge(int(x.index), false)
			}
		}
	}
	// forget what is finished
	st.Missions = keepIf(st.Missions, func(m *Mission) bool { return m.Status != MissionFlown && m.Status != MissionWithdrawn })
	st.Requests = keepIf(st.Requests, func(r *Request) bool {
		return r.Status == RequestOpen || r.Status == RequestDeferred || e.mission(r.Mission) != nil
	})
	st.Attacks = keepIf(st.Attacks, func(a *Attack) bool { return !a.Landed })
	if over {
		st.EndTurn = st.Turn
		e.note(LogOutcome, NoActor, NoActor, -1, int32(st.Outcome), 0)
		return
	}
	st.Turn++
	st.Step = StepEvents
	if e.logging {
		// an evacuation that has run its course ends in the log, as an
		// early return does
		for i := range st.Sites {
			if st.Sites[i].EvacuatedTill == st.Turn-1 {
				e.note(LogReturn, USA, NoActor, int32(i), -1, 0)
			}
		}
	}
}

// earlyObjective is an objective that may be decided before the run ends
// and what score needs to pass it by cheaply, worked out once in New.
type earlyObjective struct {
	index    int32
	windowed bool // judged every turn (it arms and closes on its own turns)
	// Otherwise the objective is monotone, and judge decides it exactly
	// when its value has reached from (at least v: v, met; at most v: v+1,
	// missed), so score calls judge only then.
	from   int64
	metric Metric
	scope  Scope
}

func newEarlyObjective(i int32, o *Objective) earlyObjective {
	x := earlyObjective{index: i, windowed: o.Windowed(), from: o.Value, metric: o.Metric, scope: o.Scope}
	if o.Op == OpAtMost && o.Value < math.MaxInt64 {
		x.from++
	}
	return x
}

// countsRun reports whether x is monotone over a counter of the whole run:
// its value is st.Count[metric].
func (x *earlyObjective) countsRun() bool {
	return !x.windowed && x.scope.Kind == ScopeRun && x.metric < numCounters
}

// settlesEarly reports whether an objective is looked at before the run
// ends: a windowed one (it arms and closes on its own turns), or one whose
// value never goes back, decided once it crosses its threshold. judge
// decides the others only at the end.
func (o *Objective) settlesEarly() bool { return o.Windowed() || o.monotone() }

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
	case MetricEscalationIsraelRussia:
		return st.Escalation[IsraelRussia]
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
			if e.Owner(int32(i)) == USA {
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
