package sim

import (
	"math"
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
	// Engine.assessRev when key was last found current, and the first turn
	// and day on which time alone may change it (a disabled site back up, a
	// halt over, a zone in or out of force): before them, with the same
	// revision, nothing Assess reads can have changed
	rev       uint64
	untilTurn int32
	untilDay  int32
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

// assessKeyNow fills k from the state now, reusing its halts, and returns
// the first turn on which the passing of turns alone changes its disabled
// sites or halts in force, and the first day on which it changes its zones.
func (e *Engine) assessKeyNow(k *assessKey) (untilTurn, untilDay int32) {
	st := &e.st
	zones := e.zonesOn(e.Day())
	until := int32(math.MaxInt32)
	*k = assessKey{zones: zones.bits, standoff: e.param(ParamStandoffKm), halts: k.halts[:0]}
	for j, i := range e.usSites {
		if st.Sites[i].Troops > 0 {
			k.usTroops |= 1 << j
		}
	}
	for j, i := range e.adSites {
		if till := st.Sites[i].DisabledTill; till < st.Turn {
			k.adUp |= 1 << j
		} else {
			until = min(until, till+1)
		}
	}
	for i := range st.Halts {
		if h := &st.Halts[i]; h.Until >= st.Turn {
			k.halts = append(k.halts, h.ID)
			until = min(until, h.Until+1)
		}
	}
	return until, zones.next
}

// touchAssess notes a change to something Assess reads besides the turn
// (troops, disabled sites, halts, parameters): the assess cache looks at
// its key again. Changes to owners and air-defence strength invalidate
// the cache outright.
func (e *Engine) touchAssess() { e.assessRev++ }

// zonesOn returns the zones in force on a day (the scenario's dates alone
// decide it: the last day's answer is kept).
func (e *Engine) zonesOn(day int32) zonesOnDay {
	if z := e.zones; z.known && z.day == day {
		return z
	}
	z := zonesOnDay{day: day, next: math.MaxInt32, known: true}
	for i := range e.sc.Zones {
		zn := &e.sc.Zones[i]
		switch {
		case zn.ActiveOn(day):
			z.bits |= 1 << i
			z.next = min(z.next, zn.To+1)
		case zn.From > day:
			z.next = min(z.next, zn.From)
		}
	}
	e.zones = z
	return z
}

// zonesOnDay is zonesOn's answer for one day.
type zonesOnDay struct {
	day   int32
	bits  uint64 // bit i: zone i in force
	next  int32  // the first later day on which some zone comes into or goes out of force
	known bool
}

// syncAssessCache forgets the cached answers if anything Assess reads has
// changed since they were computed. Call it before assessAt whenever the
// state may have changed.
func (e *Engine) syncAssessCache() {
	c := &e.assess
	if c.valid && c.rev == e.assessRev && e.st.Turn < c.untilTurn && e.Day() < c.untilDay {
		return
	}
	if !e.assessCacheable() {
		c.valid = false
		return
	}
	c.rev = e.assessRev
	c.untilTurn, c.untilDay = e.assessKeyNow(&c.next)
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
