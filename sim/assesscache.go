package sim

import (
	"slices"

	"github.com/deconflict/deconflict/sim/geo"
)

// assessCache keeps Assess's answers for each route and target position
// while nothing Assess reads from the state changes: Israel weighs every
// route to every detected target at each stop, and between stops the
// answers mostly stay the same (sites do not move, shipments wait at
// depots). It is a table indexed by a hash of route and position; an entry
// holds its own key, so a collision only costs a recomputation.
type assessCache struct {
	key     assessKey
	next    assessKey // scratch for the key now
	valid   bool      // key describes the entries of generation gen
	gen     uint32    // entries of another generation are stale
	entries []assessEntry
	// the turn and Engine.assessRev when key was last found current: until
	// either moves, nothing Assess reads can have changed
	turn int32
	rev  uint64
}

// assessEntry is one cached answer.
type assessEntry struct {
	gen   uint32
	route int32
	pos   geo.Point
	val   Assessment
}

// assessKey is what Assess reads from the state, besides the scenario: the
// zones in force, the halts in force, the US sites holding troops, the air
// defences not disabled and the standoff distance.
type assessKey struct {
	zones, usTroops, adUp uint64 // bit i: zone i active, usSites[i] manned, adSites[i] up
	standoff              int64
	halts                 []int32 // ids of the halts in force, in state order
}

// assessCacheable reports whether the key's bit sets can describe the scenario.
func (e *Engine) assessCacheable() bool {
	return len(e.sc.Zones) <= 64 && len(e.usSites) <= 64 && len(e.adSites) <= 64
}

// assessKeyNow fills k from the state now, reusing its halts.
func (e *Engine) assessKeyNow(k *assessKey) {
	st := &e.st
	*k = assessKey{zones: e.zonesOn(e.Day()), standoff: e.param(ParamStandoffKm), halts: k.halts[:0]}
	for j, i := range e.usSites {
		if st.Sites[i].Troops > 0 {
			k.usTroops |= 1 << j
		}
	}
	for j, i := range e.adSites {
		if st.Sites[i].DisabledTill < st.Turn {
			k.adUp |= 1 << j
		}
	}
	for i := range st.Halts {
		if st.Halts[i].Until >= st.Turn {
			k.halts = append(k.halts, st.Halts[i].ID)
		}
	}
}

// touchAssess notes a change to something Assess reads besides the turn
// (troops, disabled sites, halts, parameters): the assess cache looks at
// its key again. Changes to owners and air-defence strength invalidate
// the cache outright.
func (e *Engine) touchAssess() { e.assessRev++ }

// zonesOn returns the zones in force on a day, one bit each (the
// scenario's dates alone decide it: the last day's answer is kept).
func (e *Engine) zonesOn(day int32) uint64 {
	if z := &e.zones; z.known && z.day == day {
		return z.bits
	}
	var bits uint64
	for i := range e.sc.Zones {
		if e.sc.Zones[i].ActiveOn(day) {
			bits |= 1 << i
		}
	}
	e.zones = zonesOnDay{day: day, bits: bits, known: true}
	return bits
}

// zonesOnDay is zonesOn's answer for one day.
type zonesOnDay struct {
	day   int32
	bits  uint64
	known bool
}

// syncAssessCache forgets the cached answers if anything Assess reads has
// changed since they were computed. Call it before assessAt whenever the
// state may have changed.
func (e *Engine) syncAssessCache() {
	c := &e.assess
	if c.valid && c.turn == e.st.Turn && c.rev == e.assessRev {
		return
	}
	if !e.assessCacheable() {
		c.valid = false
		return
	}
	c.turn, c.rev = e.st.Turn, e.assessRev
	e.assessKeyNow(&c.next)
	n := &c.next
	if c.valid && n.zones == c.key.zones && n.usTroops == c.key.usTroops && n.adUp == c.key.adUp &&
		n.standoff == c.key.standoff && slices.Equal(n.halts, c.key.halts) {
		return
	}
	c.key, c.next = c.next, c.key
	if c.entries == nil {
		c.entries = make([]assessEntry, cacheSlots(e.sc))
	}
	c.gen++
	if c.gen == 0 { // wrapped: entries from 2^32 generations ago would look fresh
		clear(c.entries)
		c.gen = 1
	}
	c.valid = true
}

// assessAt is Assess of a route to a target position, answered from the
// cache filled since the last syncAssessCache.
func (e *Engine) assessAt(route int32, pos geo.Point) Assessment {
	c := &e.assess
	if !c.valid {
		return e.Assess(route, pos)
	}
	en := &c.entries[slotOf(route, pos, len(c.entries))]
	if en.gen != c.gen || en.route != route || en.pos != pos {
		*en = assessEntry{gen: c.gen, route: route, pos: pos, val: e.Assess(route, pos)}
	}
	return en.val
}
