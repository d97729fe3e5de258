package sim

// Internal rules the oracle tests check against hand-worked values: each is
// the very function the engine draws from.

// DetectShipment is detectShipment for the shipment with the given id.
func (e *Engine) DetectShipment(id int32) int64 { return e.detectShipment(e.shipment(id)) }

// NoticeRisks is noticeRisks.
func (e *Engine) NoticeRisks(notice int8) (incident, leak int64) { return e.noticeRisks(notice) }

// AircraftLoss is aircraftLoss.
func (e *Engine) AircraftLoss(intercept int64) int64 { return e.aircraftLoss(intercept) }

// SuccessChanceGiven is successChance with the scenario's base chances.
func (e *Engine) SuccessChanceGiven(t Target, pkg int8, intercept int64, leaked bool) int64 {
	return e.successChance(t, pkg, intercept, leaked, e.strikeBase())
}

// AttackCosts is attackCosts.
func (e *Engine) AttackCosts(claimed bool, killed int64) (rise, loss int64) {
	return e.attackCosts(claimed, killed)
}

// Lethality is lethality.
func (e *Engine) Lethality(site int32, method int8) int64 { return e.lethality(site, method) }

// Present is present.
func (e *Engine) Present(site int32) int64 { return e.present(site) }

// CounterISGain is counterISGain.
func (e *Engine) CounterISGain() int64 { return e.counterISGain() }

// Draws is draws.
func Draws(expectMicro int64, rng *PCG) int64 { return draws(expectMicro, rng) }

// InsurgencyChance is insurgencyChanceOf the troops now.
func (e *Engine) InsurgencyChance() int64 { return e.insurgencyChanceOf(e.usTroopsAway()) }

// MaxHazard is maxHazard.
func (e *Engine) MaxHazard(g [NumAdversaries]int64, c int64) int64 { return e.maxHazard(g, c) }

// HazardWith is hazardWith under the given grievance and complicity and the
// deterrence and ladders now.
func (e *Engine) HazardWith(site int32, g [NumAdversaries]int64, c int64) HazardTerms {
	return e.hazardWith(site, &g, c, &e.st.Deterrence, &e.st.Escalation)
}

// ExposedSites is the list of sites proxies may attack while their owners
// hold them (the retaliation step's loop).
func (e *Engine) ExposedSites() []int32 { return e.exposed }

// ExposedNow is exposedNow.
func (e *Engine) ExposedNow(site int32) bool { return e.exposedNow(site) }

// SecretFromIran is the list of counters Iran cannot see.
func SecretFromIran() []Metric { return secretFromIran[:] }
