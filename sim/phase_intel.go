package sim

import "github.com/deconflict/deconflict/sim/geo"

// Phase 3, intelligence: Israel detects shipments and target sites.

func (e *Engine) intel() {
	st := &e.st
	rng := &st.Rand[streamIntel]
	window := int32(e.param(ParamDetectWindow))
	for i := range st.Shipments {
		s := &st.Shipments[i]
		if s.DetectedTill >= st.Turn {
			rng.Uint32()
			continue
		}
		if rng.Chance(e.detectShipment(s)) {
			s.DetectedTill = st.Turn + window - 1
			e.note(LogDetection, Israel, Iran, -1, s.ID, int64(TargetShipment))
		}
	}
	till := st.Turn + window - 1
	rng.State = detectSites(st.Sites, e.targetSites, st.Turn, till, e.param(ParamDetectSite), rng.State, rng.Inc)
	if e.logging {
		// a site found before this turn has an earlier till
		for _, i := range e.targetSites {
			if st.Sites[i].DetectedTill == till {
				e.note(LogDetection, Israel, e.Owner(i), i, -1, int64(TargetSite))
			}
		}
	}
}

// detectSites draws, for each of the target sites not disabled and not
// found yet, whether Israel finds it this turn (with the chance given),
// from the intelligence stream's state and increment, and returns the
// stream's state after. A site found stays strikable through till. It is
// the intelligence step's loop over the sites, kept apart and with no call
// in it so that its variables stay out of memory.
func detectSites(sites []SiteState, targets []int32, turn, till int32, chance int64, state, inc uint64) uint64 {
	for _, i := range targets {
		ss := &sites[i]
		var roll int64
		state, roll = rollIfFrom(state, inc, max(ss.DisabledTill, ss.DetectedTill) < turn)
		if roll < chance {
			ss.DetectedTill = till
		}
	}
	return state
}

// detectShipment returns the chance (micro) that Israel detects a shipment
// this turn: detect_shipment, doubled while it unloads at a depot.
func (e *Engine) detectShipment(s *Shipment) int64 {
	p := e.param(ParamDetectShipment)
	if e.dwellSite(s) >= 0 {
		p *= dwellDetection
	}
	return p
}

// Strikable reports whether Israel may strike the target now.
func (e *Engine) Strikable(t Target) bool {
	st := &e.st
	switch t.Kind {
	case TargetSite:
		return t.ID >= 0 && int(t.ID) < len(st.Sites) && e.sc.Sites[t.ID].Target && e.siteStrikable(t.ID)
	case TargetShipment:
		s := e.shipment(t.ID)
		return s != nil && s.DetectedTill >= st.Turn
	}
	return false
}

// siteStrikable is Strikable for a site known to be a target (one of
// targetSites): detected and not disabled.
func (e *Engine) siteStrikable(site int32) bool {
	ss := &e.st.Sites[site]
	return ss.DetectedTill >= e.st.Turn && ss.DisabledTill < e.st.Turn
}

// shipment returns the shipment with an id, or nil. The shipments are kept
// sorted by id: a binary search, written out (slices.BinarySearchFunc
// calls its comparison through a pointer, which cost 2% of a run).
func (e *Engine) shipment(id int32) *Shipment {
	sh := e.st.Shipments
	lo, hi := 0, len(sh)
	for lo < hi {
		if h := int(uint(lo+hi) >> 1); sh[h].ID < id {
			lo = h + 1
		} else {
			hi = h
		}
	}
	if lo < len(sh) && sh[lo].ID == id {
		return &sh[lo]
	}
	return nil
}

// TargetPos returns a target's position.
func (e *Engine) TargetPos(t Target) (geo.Point, bool) {
	if t.Kind == TargetSite {
		if t.ID < 0 || int(t.ID) >= len(e.sc.Sites) {
			return geo.Point{}, false
		}
		return e.sc.Sites[t.ID].Pos, true
	}
	s := e.shipment(t.ID)
	if s == nil {
		return geo.Point{}, false
	}
	return e.ShipmentPos(s), true
}

// TargetValue returns a target's worth in milli.
func (e *Engine) TargetValue(t Target) int64 {
	if t.Kind == TargetSite {
		return e.sc.Sites[t.ID].Value
	}
	if s := e.shipment(t.ID); s != nil {
		return e.shipmentValue(s)
	}
	return 0
}

// shipmentValue is a shipment's value as a target (milli): its size against
// its corridor's usual size.
func (e *Engine) shipmentValue(s *Shipment) int64 {
	return Milli * s.Size / max(1, e.sc.Corridors[s.Corridor].Size)
}
