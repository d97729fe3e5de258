package sim

// Phase 8, escalation and diplomacy: ladders, grievance, deterrence and complicity decay; talks, trust, counter-IS, the insurgency, Turkey's offensive.

func (e *Engine) diplomacy() {
	sc, st := e.sc, &e.st
	for p := range st.Escalation {
		if st.Escalation[p] > 0 {
			e.addEscalation(Pair(p), -min(st.Escalation[p], e.param(ParamEscalationDecay)), CauseDecay, -1, -1)
		}
	}
	for i := range st.Grievance {
		e.addGrievance(i, -scale(st.Grievance[i], e.param(ParamGrievanceDecay)))
		e.addDeterrence(i, -scale(st.Deterrence[i], e.param(ParamDeterrenceDecay)))
	}
	e.addComplicity(-scale(st.Complicity, e.param(ParamComplicityDecay)))
	if st.TalksOpen {
		switch level := st.Escalation[USAIran]; {
		case level < talksAdvanceBelow:
			e.addTalks(e.param(ParamTalksRate), CauseTalksProgress, -1, -1)
		case level >= talksSlipFrom:
			e.addTalks(-e.param(ParamTalksRate), CauseLadderHigh, -1, -1)
		}
	}
	// trust that fell to nothing this turn stays there for the score to see:
	// the alliance has ruptured, and no drift brings it back
	if target := sc.Initial.Trust; st.Trust > 0 && st.Trust < target {
		e.addTrust(min(target-st.Trust, e.param(ParamTrustRecovery)), CauseRecovery, -1, -1)
	}
	troops, away := e.usTroopsAway() // both read it, and nothing between them moves troops
	e.addCounterIS(e.counterISGainOf(troops, away), CauseCampaign, -1)
	e.callInsurgency(troops, away)
	e.callOffensive()
	// the halts dropped are out of force from the next turn on: the assess
	// cache's key has them end then already
	st.Halts = keepIf(st.Halts, func(h *Halt) bool { return h.Until > st.Turn })
}

// counterISGain is the campaign against IS's progress this turn: it
// advances while US forces are in place and not pinned down, and slows by
// divert_slowdown while the SDF's forces stand in the north.
func (e *Engine) counterISGain() int64 { return e.counterISGainOf(e.usTroopsAway()) }

// counterISGainOf is counterISGain given the US troops and those away
// (usTroopsAway).
func (e *Engine) counterISGainOf(troops, away int64) int64 {
	if troops == 0 {
		return 0
	}
	gain := e.param(ParamCounterISRate) * (troops - away) / troops
	if e.diverted() {
		gain -= scale(gain, e.param(ParamDivertSlowdown))
	}
	return gain
}

// usTroopsAway returns the troops stationed at the US sites and how many of
// them are away from their garrisons now (evacuated, or pinned by a Turkish
// offensive).
func (e *Engine) usTroopsAway() (troops, away int64) {
	turn, offensive := e.st.Turn, e.st.OffensiveTill >= e.st.Turn // present's terms, looked up once
	for _, i := range e.usSites {
		ss := &e.st.Sites[i]
		troops += ss.Troops
		away += ss.Troops - presentAt(ss, turn, offensive && e.north[i])
	}
	return troops, away
}
