package sim

// The Islamic State's insurgency: each turn it may find an opening, the
// likelier the less pressure it is under (US troops away from their
// garrisons, a counter-IS campaign far from done, progress lost to strikes
// that broke a halt). It then decides whether to raid, which sets the
// campaign back: the reason the US asks Israel for halts around its
// operations.

// callInsurgency draws whether the Islamic State finds an opening this
// turn and, if so, asks it whether to raid, given the US troops and those
// away (usTroopsAway). A draw is made every turn it takes part, whatever
// the chance.
func (e *Engine) callInsurgency(troops, away int64) {
	if !e.sc.Actors[ISIS].Present {
		return
	}
	if e.st.Rand[streamInsurgency].Chance(e.insurgencyChanceOf(troops, away)) {
		e.decide(ISIS, DecideInsurgency, -1, 0)
	}
}

// insurgencyChanceOf returns the chance (micro) of an opening this turn,
// given the US troops and those away (usTroopsAway):
// insurgency times the slack, the mean of the share of US troops away from
// their garrisons and the share of the counter-IS campaign still to go.
func (e *Engine) insurgencyChanceOf(troops, away int64) int64 {
	st := &e.st
	awayShare := int64(Micro) // no US troops: no pressure from them
	if troops > 0 {
		awayShare = away * Micro / troops
	}
	togo := (MaxPoints - st.CounterIS) * Micro / MaxPoints
	return scale(e.param(ParamInsurgency), (awayShare+togo)/2)
}

// raid carries out an Islamic State raid: the counter-IS campaign loses
// raid_loss of its progress.
func (e *Engine) raid() {
	before := e.st.CounterIS
	e.addCounterIS(-e.param(ParamRaidLoss), CauseRaid, -1)
	e.note(LogRaid, ISIS, USA, -1, -1, before-e.st.CounterIS)
}
