package sim

import "github.com/deconflict/deconflict/sim/geo"

// Phase 4, planning: Israel plans missions; the geometry of a route (zones, halts, air-defence exposure).

func (e *Engine) planning() {
	if e.param(ParamSortiesPerTurn) <= 0 {
		return
	}
	st := &e.st
	for i := range st.Shipments {
		if st.Shipments[i].DetectedTill >= st.Turn {
			e.decide(Israel, DecidePlan, -1, 0)
			return
		}
	}
	for _, i := range e.targetSites { // the only sites Strikable may allow
		if e.siteStrikable(i) {
			e.decide(Israel, DecidePlan, -1, 0)
			return
		}
	}
}

// Assessment is what the geometry of a mission implies.
type Assessment struct {
	Reasons    Reason
	InUSZone   bool
	InHalt     bool
	NearRussia bool
	Exposure   int64 // metres inside air-defence cover, weighted by strength
	// SyriaExposure is the part of Exposure inside Syrian batteries' cover.
	SyriaExposure int64
	Reach         bool // the route reaches the target
}

// Assess checks a route to a target position against zones, halts, US
// forces and air defences as they stand this turn.
func (e *Engine) Assess(route int32, target geo.Point) Assessment {
	sc, st := e.sc, &e.st
	r := &sc.Routes[route]
	touches, chords := e.leg(route, target)
	var a Assessment
	a.Reach = e.reaches(route, target)
	day := e.Day()
	for i := range sc.Zones {
		z := &sc.Zones[i]
		if !touches[i] || !z.ActiveOn(day) {
			continue
		}
		switch z.Kind {
		case ZoneDeconfliction:
			a.Reasons |= ReasonZone
			a.InUSZone = true
		case ZoneOperation:
			a.Reasons |= ReasonOperation
		case ZoneRussia:
			a.Reasons |= ReasonRussia
			a.NearRussia = true
		}
	}
	if len(st.Halts) > 0 {
		e.path = append(append(e.path[:0], r.Path...), target)
		for i := range st.Halts {
			if st.Halts[i].Until >= st.Turn && st.Halts[i].Area.Touches(e.path) {
				a.Reasons |= ReasonHalt
				a.InHalt = true
			}
		}
	}
	standoff := e.param(ParamStandoffKm)
	for _, i := range e.usSites {
		if st.Sites[i].Troops > 0 && geo.InCircle(target, sc.Sites[i].Pos, standoff) {
			a.Reasons |= ReasonStandoff
		}
	}
	for j, i := range e.adSites {
		if st.Sites[i].DisabledTill < st.Turn {
			exposure := chords[j] * e.adStrength(i) / Micro
			a.Exposure += exposure
			if e.Owner(i) == Syria {
				a.SyriaExposure += exposure
			}
		}
	}
	return a
}

// reaches reports whether a route reaches a target position: the last leg
// from its end is within its reach.
func (e *Engine) reaches(route int32, target geo.Point) bool {
	rc := &e.routes[route]
	return geo.Dist2(rc.end, target) <= rc.reach2
}

// chordLength returns the metres of the leg from a to b inside a site's
// air-defence cover.
func chordLength(a, b geo.Point, s *Site) int64 { return geo.ChordLength(a, b, s.Pos, s.ADRange) }

// Intercept returns the chance (micro) that air defences intercept a
// mission with the given exposure.
func (e *Engine) Intercept(exposure int64) int64 {
	// metres × (micro per km) / (metres per km) = micro, then × level
	p := exposure * e.param(ParamInterceptPerKm) / metresPerKm * e.st.AirDefence / Milli
	return min(p, interceptCap)
}

// PackageAircraft is the number of aircraft in a package of the given size
// (PackageSmall, PackageMedium or PackageLarge): 2, 4 or 8.
func PackageAircraft(pkg int8) int64 { return 2 << pkg }

// PackageIntercept returns the interception chance (micro) of a package on
// a route whose interception chance is intercept: the route's chance ×
// aircraft / referencePackage, at most interceptCap. More aircraft are seen
// sooner and give the defences more to shoot at, so the eight-jet package
// that hits hardest is also the one most often intercepted.
func PackageIntercept(intercept int64, pkg int8) int64 {
	return min(intercept*PackageAircraft(pkg)/referencePackage, interceptCap)
}

func (e *Engine) plannedThisTurn() int64 {
	n := int64(0)
	for i := range e.st.Missions {
		if e.st.Missions[i].Planned == e.st.Turn {
			n++
		}
	}
	return n
}

// targetAlive reports whether a planned target still stands: a site not yet
// disabled, or a shipment still on its way.
func (e *Engine) targetAlive(t Target) bool {
	if t.Kind == TargetSite {
		return e.st.Sites[t.ID].DisabledTill < e.st.Turn
	}
	return e.shipment(t.ID) != nil
}

func (e *Engine) targeted(t Target) bool {
	for i := range e.st.Missions {
		m := &e.st.Missions[i]
		if m.Target == t && m.Status != MissionWithdrawn && m.Status != MissionFlown {
			return true
		}
	}
	return false
}

func (e *Engine) request(id int32) *Request {
	for i := range e.st.Requests {
		if e.st.Requests[i].ID == id {
			return &e.st.Requests[i]
		}
	}
	return nil
}

func (e *Engine) mission(id int32) *Mission {
	for i := range e.st.Missions {
		if e.st.Missions[i].ID == id {
			return &e.st.Missions[i]
		}
	}
	return nil
}

func (e *Engine) attack(id int32) *Attack {
	for i := range e.st.Attacks {
		if e.st.Attacks[i].ID == id {
			return &e.st.Attacks[i]
		}
	}
	return nil
}
