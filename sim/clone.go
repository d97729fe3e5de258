package sim

import "slices"

// Clone makes dst a copy of the engine at its current stop: the same
// scenario, state and random streams, with its log off. It reuses dst's
// memory (dst may be nil: then it allocates one), so a copy taken again and
// again stays cheap. The copy shares only what never changes during a run
// (the scenario and what New derived from it; the lists that follow the
// sites' owners are copied when owner effects may change them). Previews
// apply an order to a copy and read the quantities they show from it.
func (e *Engine) Clone(dst *Engine) *Engine {
	if dst == nil {
		dst = &Engine{}
	}
	switch {
	case dst.sc != e.sc:
		dst.legs = legCache{}        // its geometry was another scenario's
		dst.options = optionCache{}  // its table was sized for another scenario's routes
		dst.shipPos = shipPosCache{} // its positions were along another scenario's corridors
		if e.lang.owners {           // lists of its own, never another engine's arrays
			dst.adSites, dst.usSites, dst.exposed = nil, nil, nil
		}
	case e.lang.owners && !slices.Equal(dst.adSites, e.adSites):
		dst.legs = legCache{} // its chords were for other air-defence sites
	}
	if e.lang.owners {
		// owner effects change these lists during a run: each engine keeps
		// its own (a copy of the same scenario's always has)
		dst.adSites = append(dst.adSites[:0], e.adSites...)
		dst.usSites = append(dst.usSites[:0], e.usSites...)
		dst.exposed = append(dst.exposed[:0], e.exposed...)
	} else {
		dst.adSites, dst.usSites, dst.exposed = e.adSites, e.usSites, e.exposed
	}
	dst.sc, dst.routes, dst.targetSites = e.sc, e.routes, e.targetSites
	dst.lang = e.lang
	dst.north, dst.dues, dst.early, dst.earlyCounts, dst.corridorLegs = e.north, e.dues, e.early, e.earlyCounts, e.corridorLegs
	dst.frontTurns, dst.reviewTurns, dst.sdfHeld = e.frontTurns, e.reviewTurns, e.sdfHeld
	dst.logging, dst.log, dst.changes = false, dst.log[:0], dst.changes[:0]
	dst.assess.valid = false      // its answers were for another state
	dst.eventsFrom = e.eventsFrom // it follows the state copied
	dst.zones = e.zones           // the scenario's, as dst's now is
	old := dst.st
	dst.st = e.st
	st, src := &dst.st, &e.st
	st.Sites = append(old.Sites[:0], src.Sites...)
	st.Corridors = append(old.Corridors[:0], src.Corridors...)
	st.Shipments = append(old.Shipments[:0], src.Shipments...)
	st.Missions = append(old.Missions[:0], src.Missions...)
	st.Requests = append(old.Requests[:0], src.Requests...)
	st.Halts = append(old.Halts[:0], src.Halts...) // an area's ring is never written: shared
	st.Attacks = append(old.Attacks[:0], src.Attacks...)
	st.Objectives = append(old.Objectives[:0], src.Objectives...)
	st.Fired = append(old.Fired[:0], src.Fired...)
	st.Pending = append(old.Pending[:0], src.Pending...)
	st.Tally = append(old.Tally[:0], src.Tally...)
	st.Orders = append(old.Orders[:0], src.Orders...)
	st.Windows = append(old.Windows[:0], src.Windows...)
	st.Setups = append(old.Setups[:0], src.Setups...)
	st.SiteMods = append(old.SiteMods[:0], src.SiteMods...)
	st.Owners = append(old.Owners[:0], src.Owners...)
	st.Watch = append(old.Watch[:0], src.Watch...)
	st.Fires = append(old.Fires[:0], src.Fires...)
	st.Reverts = append(old.Reverts[:0], src.Reverts...)
	st.EventRand = append(old.EventRand[:0], src.EventRand...)
	dst.owners = e.owners // the scenario's, never written
	if e.lang.owners {
		dst.owners = st.Owners
	}
	return dst
}
