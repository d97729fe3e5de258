package sim

// Phase 5, deconfliction: requests to the US, their expiry, and Israel's answer to conditions and halts.

func (e *Engine) review() {
	st := &e.st
	for i := range st.Missions {
		m := &st.Missions[i]
		switch m.Status {
		case MissionPlanned:
			e.recheckHalts(m)
			if m.NearRussia && e.sc.Actors[Russia].Present {
				e.decide(Russia, DecideNotice, m.ID, ReasonRussia)
			}
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
			if e.turnsLeft(r) <= 0 {
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

// turnsLeft returns how many more turns a deferred request may come back
// before it expires: request_expiry turns after it was raised.
func (e *Engine) turnsLeft(r *Request) int64 {
	return e.param(ParamRequestExpiry) - int64(e.st.Turn-r.Raised)
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
	e.callAirDefence()
}

// recheckHalts marks a mission whose path now crosses a halt in force that
// it did not know of, and reports whether it did.
func (e *Engine) recheckHalts(m *Mission) bool {
	if m.InHalt || !e.haltInForce() {
		return false // with no halt in force, no path crosses one
	}
	e.syncAssessCache()
	if !e.assessAt(m.Route, m.TargetPos).InHalt {
		return false
	}
	m.InHalt = true
	m.Reasons |= ReasonHalt
	return true
}

// haltInForce reports whether some halt is in force this turn.
func (e *Engine) haltInForce() bool {
	for i := range e.st.Halts {
		if e.st.Halts[i].Until >= e.st.Turn {
			return true
		}
	}
	return false
}
