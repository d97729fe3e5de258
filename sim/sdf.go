package sim

// The SDF's fronts: it holds the northeast and fights the ground war against
// the Islamic State, with the US beside it. Once a week, while it holds
// places on the map, it reviews its fronts: keep its forces on the IS front,
// turn them north to the Turkish border (the campaign against IS slows by
// divert_slowdown for a month, and a Turkish offensive that opens while
// they stand there no longer sets it back: they are already turned north),
// or seek terms with Damascus and Moscow (regime and Russian troops move
// into the border strip: a Turkish offensive under way ends and none opens
// while the terms hold, and the campaign loses terms_loss as the SDF cedes
// ground).

// The SDF's timing, in days.
const (
	frontReviewDays = 7   // the SDF reviews its fronts once a week
	divertDays      = 30  // forces turned north stay there this long
	termsDays       = 180 // terms with Damascus and Moscow hold this long
)

// callFront asks the SDF, on its weekly review, where its forces go, when
// it takes part and holds a place on the map.
func (e *Engine) callFront() {
	st := &e.st
	if e.sc.Actors[SDF].Present && e.sdfHeld > 0 && st.Turn%e.frontTurns == 0 {
		e.decide(SDF, DecideFront, -1, 0)
	}
}

// diverted reports whether the SDF's forces stand in the north now.
func (e *Engine) diverted() bool { return e.st.DivertedTill >= e.st.Turn }

// termsHold reports whether the SDF's terms with Damascus and Moscow hold now.
func (e *Engine) termsHold() bool { return e.st.TermsTill >= e.st.Turn }

// divert turns the SDF's forces north through turn T + turns(divertDays) − 1.
func (e *Engine) divert() {
	st := &e.st
	st.DivertedTill = st.Turn + e.turnsFromDays(divertDays) - 1
	e.note(LogDivert, SDF, Turkey, -1, -1, divertDays)
}

// seekTerms brings regime and Russian troops into the border strip through
// turn T + turns(termsDays) − 1: a Turkish offensive under way ends now and
// the campaign against IS loses terms_loss.
func (e *Engine) seekTerms() {
	st := &e.st
	st.TermsTill = st.Turn + e.turnsFromDays(termsDays) - 1
	st.OffensiveTill = min(st.OffensiveTill, st.Turn-1)
	before := st.CounterIS
	e.addCounterIS(-e.param(ParamTermsLoss), CauseTerms, -1)
	e.note(LogTerms, SDF, Syria, -1, -1, before-st.CounterIS)
}
