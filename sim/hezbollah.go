package sim

// Hezbollah answers from Lebanon: when Israel destroys a shipment bound for
// it, it decides whether to hold or to fire rockets at an Israeli position
// on the Golan. Fire becomes a proxy attack on Israel, which lands the next
// turn through the attack machinery: the Israel–Iran ladder rises, Israel's
// deterrence grows and its answer finds every Iranian target at once.

// callHezbollah asks Hezbollah how to answer the loss of a shipment, when it
// takes part and the scenario has an Israeli position to fire at.
func (e *Engine) callHezbollah(shipment int32) {
	if e.sc.Actors[Hezbollah].Present && e.golanTarget() >= 0 {
		e.decide(Hezbollah, DecideAnswer, shipment, 0)
	}
}

// golanTarget returns the first Israeli position (in site order) with no
// attack on its way, else the first Israeli position, or -1 when there is
// none.
func (e *Engine) golanTarget() int32 {
	first := int32(-1)
	for i := range e.sc.Sites {
		if e.Owner(int32(i)) == Israel && e.sc.Sites[i].Kind == SitePosition {
			if !e.attackPlannedOn(int32(i)) {
				return int32(i)
			}
			if first < 0 {
				first = int32(i)
			}
		}
	}
	return first
}

// fireGolan orders Hezbollah's rocket attack, claimed, on the Golan
// position golanTarget names, in answer to the loss of a shipment.
func (e *Engine) fireGolan(shipment int32) {
	st := &e.st
	site := e.golanTarget()
	id := e.newID()
	st.Attacks = append(st.Attacks, Attack{ID: id, Site: site, Method: MethodRockets, Claimed: true, Due: st.Turn + attackLeadTurns})
	e.note(LogGolanFire, Hezbollah, Israel, site, id, int64(shipment))
}
