package sim

// Syria's air defences: the posture Syria takes for a night of Israeli
// raids, the cover it gives and the batteries it risks. Firing brings
// aircraft down; a battery that fires gives itself away and may be struck.

// postureShare returns the share (milli) of Syrian cover that fires under a
// posture.
func postureShare(p int8) int64 {
	switch p {
	case PostureFireSelective:
		return selectiveFire
	case PostureHoldFire:
		return 0
	}
	return Milli
}

// flightExposure returns the exposure a mission meets when it flies now:
// its Syrian part as tonight's posture lets it fire.
func (e *Engine) flightExposure(m *Mission) int64 {
	return m.Exposure - m.SyriaExposure + m.SyriaExposure*postureShare(e.st.Posture)/Milli
}

// callAirDefence sets the posture back to firing at everything and, when
// Syria takes part and a mission may fly this turn through its batteries'
// cover, asks Syria how to meet the raids.
func (e *Engine) callAirDefence() {
	st := &e.st
	st.Posture = PostureFireAll
	if !e.sc.Actors[Syria].Present {
		return
	}
	for i := range st.Missions {
		if m := &st.Missions[i]; e.mayFlyNow(m) && m.SyriaExposure > 0 {
			e.decide(Syria, DecideAirDefence, -1, 0)
			return
		}
	}
}

// mayFlyNow reports whether a mission is cleared, proceeding or awaiting
// Israel's answer, and due this turn.
func (e *Engine) mayFlyNow(m *Mission) bool {
	switch m.Status {
	case MissionCleared, MissionProceeding, MissionAwaiting:
		return m.FlyTurn <= e.st.Turn
	}
	return false
}

// batteryLosses lets Israel strike back at the Syrian batteries that fired
// at a mission: each one whose cover the mission crossed is destroyed with
// the chance battery_loss times the share of the cover that fired, and is
// out of action for disabledDays. A draw is made for every battery crossed,
// whatever the chance.
func (e *Engine) batteryLosses(m *Mission) {
	st := &e.st
	rng := &st.Rand[streamAirDefence]
	chance := e.param(ParamBatteryLoss) * postureShare(st.Posture) / Milli
	_, chords := e.leg(m.Route, m.TargetPos)
	for j, i := range e.adSites {
		if !e.batteryCovers(i, chords[j]) {
			continue
		}
		if rng.Chance(chance) {
			st.Sites[i].DisabledTill = st.Turn + e.turnsFromDays(disabledDays) - 1
			e.touchAssess()
			st.Count[MetricBatteriesLost]++
			e.note(LogBatteryLost, Israel, Syria, i, m.ID, 0)
		}
	}
}

// raidOdds returns, for the missions that may fly this turn, the expected
// Israeli aircraft downed and Syrian batteries lost (both micro) under the
// current posture: what Syria weighs when it picks one.
func (e *Engine) raidOdds() (downed, lost int64) {
	st := &e.st
	chance := e.param(ParamBatteryLoss) * postureShare(st.Posture) / Milli
	for i := range st.Missions {
		m := &st.Missions[i]
		if !e.mayFlyNow(m) {
			continue
		}
		downed += e.aircraftLoss(PackageIntercept(e.Intercept(e.flightExposure(m)), m.Package))
		_, chords := e.leg(m.Route, m.TargetPos)
		for j, i := range e.adSites {
			if e.batteryCovers(i, chords[j]) {
				lost += chance
			}
		}
	}
	return downed, lost
}

// batteryCovers reports whether a site of adSites is a Syrian battery in
// action whose cover a mission's path crosses, given the metres the path
// flies inside it (the leg cache's chord for the site).
func (e *Engine) batteryCovers(site int32, chord int64) bool {
	return chord > 0 && e.Owner(site) == Syria && e.st.Sites[site].DisabledTill < e.st.Turn
}
