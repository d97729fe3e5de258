package sim

// Turkey's offensive in the north: once a week, while no offensive is
// under way and the SDF holds places on the map, Turkey weighs an attack on
// the SDF along its border. An offensive pins the US forces in the north
// (their garrisons thin out as if evacuated for offensiveDays, whatever the
// US orders) and sets the
// counter-IS campaign back by offensive_loss: the SDF turns north to fight
// Turkey, and the campaign slows while the US troops stand aside.

// Turkey's timing, in days.
const (
	offensiveReviewDays = 7  // Turkey weighs an offensive once a week
	offensiveDays       = 30 // an offensive pins the northern garrisons this long
)

// northLatMicro is the latitude (micro-degrees) north of which a US site lies
// in the border strip a Turkish offensive reaches (36.5°N).
const northLatMicro = 36_500_000

// callOffensive asks Turkey, on its weekly review, whether to attack, when
// it takes part, no offensive is under way, no terms between the SDF and
// Damascus hold and the SDF holds a place.
func (e *Engine) callOffensive() {
	st := &e.st
	if e.sc.Actors[Turkey].Present && st.OffensiveTill < st.Turn && !e.termsHold() && e.sdfHeld > 0 && st.Turn%e.reviewTurns == 0 {
		e.decide(Turkey, DecideOffensive, -1, 0)
	}
}

// isNorth reports whether a US site lies in the border strip (north of
// northLatMicro, worked out once in New).
func (e *Engine) isNorth(site int32) bool { return e.north[site] }

// northTroops returns the US troops present now in the border strip: what
// Turkey weighs before it attacks.
func (e *Engine) northTroops() int64 {
	var n int64
	for _, i := range e.usSites {
		if e.isNorth(i) {
			n += e.present(i)
		}
	}
	return n
}

// pinned reports whether a Turkish offensive pins the troops at a US site
// now: it lies in the border strip and the offensive is under way.
func (e *Engine) pinned(site int32) bool {
	return e.st.OffensiveTill >= e.st.Turn && e.isNorth(site)
}

// offensive carries out a Turkish offensive: the northern US garrisons are
// pinned (thinned out as by an evacuation) through its last turn,
// offensiveDays on, and the counter-IS campaign loses offensive_loss, unless
// the SDF's forces already stand in the north.
func (e *Engine) offensive() {
	st := &e.st
	till := st.Turn + e.turnsFromDays(offensiveDays) - 1
	st.OffensiveTill = till
	before := st.CounterIS
	e.addCounterIS(-e.offensiveCost(), CauseOffensive, -1)
	e.note(LogOffensive, Turkey, SDF, -1, -1, before-st.CounterIS)
}

// offensiveCost returns the counter-IS progress a Turkish offensive would
// set back now: offensive_loss, or nothing while the SDF's forces stand in
// the north or its terms with Damascus hold (no offensive opens then).
func (e *Engine) offensiveCost() int64 {
	if e.diverted() || e.termsHold() {
		return 0
	}
	return e.param(ParamOffensiveLoss)
}
