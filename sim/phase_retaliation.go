package sim

// Phase 7, attribution and retaliation: attacks land, the attack hazard, warnings and protection.

func (e *Engine) attacks() {
	sc, st := e.sc, &e.st
	rng := &st.Rand[streamRetaliation]
	for i := range st.Attacks {
		a := &st.Attacks[i]
		if a.Landed || a.Due > st.Turn {
			continue
		}
		a.Landed = true
		owner := e.Owner(a.Site)
		if owner != USA && owner != Israel {
			continue // the site changed hands before the attack came: neither side is there to hit
		}
		killed, injured := e.casualties(a, rng)
		if t := e.tally(a.Site); t != nil {
			t.Attacks++
			if owner == USA {
				t.Deaths += killed
				t.Injured += injured
			}
		}
		spent := e.param(ParamGrievanceSpent)
		if owner == USA {
			st.Count[MetricAttacksOnUS]++
			st.Count[MetricUSCasualties] += killed
			st.Count[MetricUSInjured] += injured
			e.addGrievance(TowardUSA, -scale(st.Grievance[TowardUSA], spent))
			rise, loss := e.attackCosts(a.Claimed, killed)
			e.addEscalation(USAIran, rise, CauseAttack, a.Site, a.ID)
			e.addTalks(-loss, CauseAttack, a.Site, a.ID)
			e.note(LogAttack, Iran, USA, a.Site, a.ID, killed)
			e.decide(USA, DecideAttackResponse, a.ID, 0)
			continue
		}
		st.Count[MetricAttacksOnIsrael]++
		e.addGrievance(TowardIsrael, -scale(st.Grievance[TowardIsrael], spent))
		e.addEscalation(IsraelIran, israelAttackEscalation*e.param(ParamEscalationPerAttack), CauseAttackOnIsrael, a.Site, a.ID)
		e.note(LogAttack, Iran, owner, a.Site, a.ID, killed)
		// Israel answers an attack on its soil in force: the answer deters, and
		// it finds every Iranian target at once
		e.addDeterrence(TowardIsrael, e.param(ParamDeterrencePerResponse))
		for j := range sc.Sites {
			if sc.Sites[j].Target && st.Sites[j].DisabledTill < st.Turn {
				st.Sites[j].DetectedTill = st.Turn + int32(e.param(ParamDetectWindow))
			}
		}
	}
}

// attackCosts returns the US–Iran ladder rise and the talks lost for an
// attack on US forces: a claimed attack costs half as much again on the
// ladder and twice as much at the table, since Washington cannot look away.
func (e *Engine) attackCosts(claimed bool, killed int64) (rise, loss int64) {
	rise = e.param(ParamEscalationPerAttack) + killed*e.param(ParamEscalationPerDeath)
	loss = e.param(ParamTalksLossPerAttack) + killed*e.param(ParamTalksLossPerDeath)
	if claimed {
		rise = rise * claimedEscalation / Milli
		loss *= claimedTalksLoss
	}
	return rise, loss
}

// casualties draws the dead and injured of an attack.
func (e *Engine) casualties(a *Attack, rng *PCG) (killed, injured int64) {
	present := e.present(a.Site)
	return draws(present*e.lethality(a.Site, a.Method), rng), draws(present*e.param(ParamInjuryRate), rng)
}

// lethality returns the chance (micro) that an attack by the method kills
// each troop present at the site: halved at a hardened site.
func (e *Engine) lethality(site int32, method int8) int64 {
	l := e.param(ParamLethalityRockets)
	if method == MethodDrones {
		l = e.param(ParamLethalityDrones)
	}
	if e.st.Sites[site].Hardened {
		l /= hardenedLethality
	}
	return l
}

// present returns the troops at a site now (an evacuation, or a Turkish
// offensive pinning the site, leaves a tenth).
func (e *Engine) present(site int32) int64 {
	return presentAt(&e.st.Sites[site], e.st.Turn, e.pinned(site))
}

// presentAt returns the troops present on a turn at a site in state ss,
// pinned or not by a Turkish offensive: present without the lookups, for
// loops over every site.
func presentAt(ss *SiteState, turn int32, pinned bool) int64 {
	if ss.EvacuatedTill >= turn || pinned {
		return evacuated(ss.Troops)
	}
	return ss.Troops
}

// evacuated returns the troops an evacuation leaves at a site of the given strength.
func evacuated(troops int64) int64 { return troops / evacuationKeeps }

// draws turns an expectation (micro) into a whole number: the integer part
// plus one more with the chance of the fraction.
func draws(expectMicro int64, rng *PCG) int64 {
	n := expectMicro / Micro
	if rng.Chance(expectMicro % Micro) {
		n++
	}
	return n
}

func (e *Engine) retaliation() {
	st := &e.st
	rng := &st.Rand[streamRetaliation]
	limit := e.param(ParamHazardCap) // the most a hazard can be
	for _, i := range e.exposed {
		if !e.exposedNow(i) {
			continue
		}
		// rng.Chance(hazard), with the hazard worked out only when the roll
		// falls under its cap: a roll at or over the cap fails whatever it is
		if roll := rng.Roll(); roll >= limit || roll >= e.Hazard(i).Hazard || e.attackPlannedOn(i) {
			continue
		}
		e.decide(Iran, DecideRetaliation, i, 0)
	}
}

func (e *Engine) attackPlannedOn(site int32) bool {
	for i := range e.st.Attacks {
		if a := &e.st.Attacks[i]; a.Site == site && !a.Landed {
			return true
		}
	}
	return false
}

func (e *Engine) warning() {
	st := &e.st
	rng := &st.Rand[streamWarning]
	for i := range st.Attacks {
		a := &st.Attacks[i]
		if a.Landed || a.Detected || e.Owner(a.Site) != USA {
			continue
		}
		if rng.Chance(e.param(ParamDetectAttack)) {
			a.Detected = true
			e.decide(Israel, DecideWarning, a.ID, 0)
		}
	}
}

func (e *Engine) protection() {
	st := &e.st
	for i := range st.Attacks {
		a := &st.Attacks[i]
		if a.Warned && !a.Landed && a.Due == st.Turn+1 {
			e.decide(USA, DecideProtection, a.ID, 0)
		}
	}
}
