package sim

// The attack hazard: the chance per turn that Iran's proxies move against an exposed site.

// HazardTerms are the factors of the attack hazard at a site: the engine
// draws from their product, and previews show them.
type HazardTerms struct {
	Base       int64 // micro
	Grievance  int64 // milli
	Complicity int64 // micro (for Israeli sites, the retaliation_israel factor)
	Proximity  int64 // micro
	Deterrence int64 // micro
	Escalation int64 // milli: 1 + the ladder level with the site's owner (cycles feed themselves)
	Hazard     int64 // micro, capped
}

// Hazard computes the attack hazard at a site from the current state.
func (e *Engine) Hazard(site int32) HazardTerms {
	st := &e.st
	return e.hazardWith(site, &st.Grievance, st.Complicity, &st.Deterrence, &st.Escalation)
}

// hazardWith computes the attack hazard at a site under the given terms
// (read, not changed; pointers spare copying them at every site).
func (e *Engine) hazardWith(site int32, grievance *[NumAdversaries]int64, complicity int64, deterrence *[NumAdversaries]int64, escalation *[NumPairs]int64) HazardTerms {
	t := HazardTerms{Base: e.param(ParamRetaliationBase), Proximity: e.proximity(site)}
	if e.Owner(site) == USA {
		t.Grievance, t.Complicity, t.Deterrence = grievance[TowardUSA], complicity, deterrence[TowardUSA]
		t.Escalation = Milli + escalation[USAIran]
	} else {
		t.Grievance, t.Complicity, t.Deterrence = grievance[TowardIsrael], e.param(ParamRetaliationIsrael), deterrence[TowardIsrael]
		t.Escalation = Milli + escalation[IsraelIran]
	}
	h := t.Base * t.Grievance / Milli
	h = scale(h, t.Complicity)
	h = scale(h, t.Proximity)
	h = scale(h, Micro-t.Deterrence)
	h = h * t.Escalation / Milli
	t.Hazard = min(h, e.param(ParamHazardCap))
	return t
}

// Exposed reports whether a site can be attacked by proxies: US sites with
// troops and Israeli positions.
func (e *Engine) Exposed(site int32) bool {
	s, owner := &e.sc.Sites[site], e.Owner(site)
	return (owner == USA && e.st.Sites[site].Troops > 0 && s.Kind != SiteCity) ||
		(owner == Israel && s.Kind == SitePosition)
}

// exposedNow is Exposed for a site of e.exposed (a US site other than a
// city, or an Israeli position: their kinds and owners are known), for the
// loops over them.
func (e *Engine) exposedNow(site int32) bool {
	return e.Owner(site) != USA || e.st.Sites[site].Troops > 0
}
