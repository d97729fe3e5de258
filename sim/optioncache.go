package sim

import "github.com/deconflict/deconflict/sim/geo"

// optionCache keeps Israel's route options to each target (what
// routeOptions gives for it) while nothing they read changes: the route
// assessments (the assess cache's generation), the air-defence level, the
// interception rate and the base success chances. Targets are mostly the
// same from one stop to the next (sites do not move, shipments wait at
// depots), so Observe copies their options instead of weighing every
// route again. It is a table indexed by a hash of target and position; an
// entry holds its own key, so a collision only costs a recomputation. A
// shipment's options depend on its position alone, so all shipments share
// one key: those of a corridor reuse the options of the positions the ones
// before them passed through.
// Everything else an option reads is fixed for the target at that
// position, or changes the assessments too (a site's hardness, like its
// air-defence strength, invalidates the assess cache).
type optionCache struct {
	key     optionKey
	gen     uint32 // entries of another generation are stale
	entries []optionEntry
	options []RouteOption // entry k's options at k*len(Routes), Count of them
}

// optionKey is what a target's options read from the state besides the
// route assessments' generation.
type optionKey struct {
	assessGen  uint32
	airDefence int64
	perKm      int64 // ParamInterceptPerKm
	base       [3]int64
}

// optionEntry is one cached target's options.
type optionEntry struct {
	gen    uint32
	target Target
	pos    geo.Point
	count  int32
}

// init makes an empty table for a scenario with the given number of target
// sites: a power of two, four slots per target site and 256 at least (room
// for the positions shipments pass through while the options hold). New
// makes it at once, so that a run's memory does not grow once it is under
// way.
func (c *optionCache) init(sc *Scenario, targetSites int) {
	n := 256
	for n < 4*targetSites {
		n *= 2
	}
	*c = optionCache{entries: make([]optionEntry, n), options: make([]RouteOption, n*len(sc.Routes))}
}

// syncOptionCache forgets the cached options if anything they read has
// changed since they were computed. Call it after syncAssessCache; it
// reports whether the cache may be used (the assess cache is).
func (e *Engine) syncOptionCache(base [3]int64) bool {
	if !e.assess.valid {
		return false
	}
	c := &e.options
	k := optionKey{assessGen: e.assess.gen, airDefence: e.st.AirDefence, perKm: e.param(ParamInterceptPerKm), base: base}
	if c.gen != 0 && k == c.key {
		return true
	}
	c.key = k
	if c.entries == nil { // a copy's (Clone(nil)); New makes the table at once
		c.init(e.sc, len(e.targetSites))
	}
	c.gen++
	if c.gen == 0 { // wrapped: entries from 2^32 generations ago would look fresh
		clear(c.entries)
		c.gen = 1
	}
	return true
}

// optionsTo returns the options to a target at pos, from the cache filled
// since the last syncOptionCache or worked out now. The slice is the
// cache's: copy it before the next call.
func (e *Engine) optionsTo(t Target, pos geo.Point, base [3]int64) []RouteOption {
	c := &e.options
	key := t
	if t.Kind == TargetShipment {
		// a shipment's options depend on its position alone, and the
		// shipments of a corridor pass through the same positions
		key.ID = -1
	}
	k := slotOf(key.ID<<1|int32(key.Kind), pos, len(c.entries))
	nr := len(e.sc.Routes)
	en, opts := &c.entries[k], c.options[k*nr:(k+1)*nr]
	if en.gen != c.gen || en.target != key || en.pos != pos {
		*en = optionEntry{gen: c.gen, target: key, pos: pos, count: int32(len(e.appendOptions(opts[:0], t, pos, base)))}
	}
	return opts[:en.count]
}

// appendOptions appends to out every route that reaches a target at pos,
// with what it implies this turn.
func (e *Engine) appendOptions(out []RouteOption, t Target, pos geo.Point, base [3]int64) []RouteOption {
	for r := range e.sc.Routes {
		if !e.reaches(int32(r), pos) {
			continue // out of reach: no need to weigh the rest
		}
		as := e.assessAt(int32(r), pos)
		opt := RouteOption{Route: int32(r), Reasons: as.Reasons, Exposure: as.Exposure, Intercept: e.Intercept(as.Exposure)}
		for p := range opt.Success { // SuccessChance, with the route's intercept and the base worked out once
			opt.Success[p] = e.successChance(t, int8(p), PackageIntercept(opt.Intercept, int8(p)), false, base)
		}
		out = append(out, opt)
	}
	return out
}
