package sim

import "github.com/deconflict/deconflict/sim/geo"

// Phase 6, execution: missions fly; interception, success, violations, notice to Russia, grievance.

func (e *Engine) execution() {
	st := &e.st
	rng := &st.Rand[streamExecution]
	base := e.strikeBase()
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
			e.note(LogWithdrawn, Israel, NoActor, -1, m.ID, WithdrawnTargetGone)
			continue
		}
		pos, _ := e.TargetPos(m.Target)
		m.Status = MissionFlown
		st.Count[MetricStrikes]++
		tally := e.tally(targetSite(m.Target))
		if tally != nil {
			tally.Strikes++
		}
		if m.Violation || m.InHalt {
			st.Count[MetricViolations]++
			if m.InHalt {
				st.Count[MetricHaltViolations]++
			}
			if m.InHalt || m.Reasons&ReasonOperation != 0 {
				e.addCounterIS(-e.param(ParamCounterISLossPerViolation), CauseQuietBroken, m.ID)
			}
			e.note(LogViolation, Israel, USA, -1, m.ID, 0)
			if rng.Chance(e.param(ParamViolationDiscovery)) {
				st.Count[MetricViolationsDiscovered]++
				e.addTrust(-e.param(ParamViolationTrustCost), CauseViolationFound, -1, m.ID)
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
				e.addEscalation(IsraelRussia, incidentEscalation, CauseRussiaIncident, -1, m.ID)
				e.addAirDefence(e.param(ParamIncidentAirDefence))
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
		intercept := PackageIntercept(e.Intercept(e.flightExposure(m)), m.Package)
		e.batteryLosses(m)
		if rng.Chance(e.aircraftLoss(intercept)) {
			st.Count[MetricAircraftLost]++
			e.note(LogAircraftLost, Israel, Syria, -1, m.ID, 0)
		}
		p := e.successChance(m.Target, m.Package, intercept, leaked, base)
		value := e.TargetValue(m.Target)
		hit := rng.Chance(p)
		if m.InUSZone {
			e.addComplicity(e.param(ParamComplicityPerStrike))
		}
		if !hit {
			e.grieve(value/missGrievanceDivisor, rng)
			e.noteStrike(LogStrikeMiss, m, 0)
			continue
		}
		st.Count[MetricTargetsHit]++
		if tally != nil {
			tally.Hits++
		}
		if rng.Chance(e.param(ParamCollateral)) {
			st.Count[MetricCollateral]++
			value = value * collateralFactor / Milli
			e.note(LogCollateral, Israel, NoActor, targetSite(m.Target), m.ID, 0)
		}
		e.destroy(m.Target, pos)
		e.grieve(value, rng)
		e.addEscalation(IsraelIran, e.param(ParamEscalationPerStrike)*value/Milli, CauseStrike, targetSite(m.Target), m.ID)
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
		owner = e.Owner(m.Target.ID)
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
		return inc * shortNoticeIncident, 0
	case NoticeLong:
		return inc / longNoticeIncident, lk
	}
	return inc, lk / standardNoticeLeak
}

// aircraftLoss returns the chance (micro) that a mission loses an aircraft,
// given its interception chance.
func (e *Engine) aircraftLoss(intercept int64) int64 {
	return scale(intercept, e.param(ParamAircraftLoss))
}

// successChance is the chance (micro) that a strike with this package
// destroys the target, given the package's own interception chance.
func (e *Engine) successChance(t Target, pkg int8, intercept int64, leaked bool, base [3]int64) int64 {
	p := scale(base[pkg], Micro-intercept)
	if t.Kind == TargetSite {
		p = scale(p, Micro-e.hardness(t.ID))
	}
	if leaked {
		p /= leakSuccessDivisor
	}
	return p
}

// strikeBase returns the base success chances (micro) of the three package
// sizes, by size.
func (e *Engine) strikeBase() [3]int64 {
	return [3]int64{e.param(ParamStrikeSmall), e.param(ParamStrikeMedium), e.param(ParamStrikeLarge)}
}

// SuccessChance returns the chance (micro) that a strike with this package
// destroys the target, given its route's exposure and no leak.
func (e *Engine) SuccessChance(t Target, pkg int8, exposure int64) int64 {
	return e.successChance(t, pkg, PackageIntercept(e.Intercept(exposure), pkg), false, e.strikeBase())
}

func (e *Engine) destroy(t Target, pos geo.Point) {
	st := &e.st
	if t.Kind == TargetShipment {
		if s := e.shipment(t.ID); s != nil {
			e.removeShipment(s.ID)
			e.callHezbollah(t.ID)
		}
		return
	}
	st.Sites[t.ID].DisabledTill = st.Turn + e.turnsFromDays(disabledDays) - 1
	st.Sites[t.ID].DetectedTill = -1
	e.touchAssess()
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
	e.addGrievance(TowardIsrael, g)
	if rng.Chance(st.Complicity) {
		e.addGrievance(TowardUSA, scale(g, e.param(ParamAttributionUS)))
	}
}
