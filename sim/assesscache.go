package sim

import (
	"slices"

	"github.com/deconflict/deconflict/sim/geo"
)

// assessCache keeps Assess's answers for each route and target site while
// nothing Assess reads from the state changes: Israel weighs every route to
// every detected site at each stop, and between turns the answers mostly
// stay the same.
type assessCache struct {
	key    assessKey
	next   assessKey // scratch for the key now
	valid  bool      // key describes the answers in vals
	filled []bool    // per site×route: vals holds the answer
	vals   []Assessment
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
	day := e.Day()
	*k = assessKey{standoff: e.param(ParamStandoffKm), halts: k.halts[:0]}
	for i := range e.sc.Zones {
		if e.sc.Zones[i].ActiveOn(day) {
			k.zones |= 1 << i
		}
	}
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

// syncAssessCache forgets the cached answers if anything Assess reads has
// changed since they were computed. Call it before assessTarget whenever the
// state may have changed.
func (e *Engine) syncAssessCache() {
	c := &e.assess
	if !e.assessCacheable() {
		c.valid = false
		return
	}
	e.assessKeyNow(&c.next)
	n := &c.next
	if c.valid && n.zones == c.key.zones && n.usTroops == c.key.usTroops && n.adUp == c.key.adUp &&
		n.standoff == c.key.standoff && slices.Equal(n.halts, c.key.halts) {
		return
	}
	c.key, c.next = c.next, c.key
	if size := len(e.sc.Sites) * len(e.sc.Routes); len(c.filled) != size {
		c.filled, c.vals = make([]bool, size), make([]Assessment, size)
	} else {
		clear(c.filled)
	}
	c.valid = true
}

// assessTarget is Assess of a route to a target at pos; for a site it is
// answered from the cache filled since the last syncAssessCache.
func (e *Engine) assessTarget(route int32, t Target, pos geo.Point) Assessment {
	c := &e.assess
	if !c.valid || t.Kind != TargetSite {
		return e.Assess(route, pos)
	}
	i := int(t.ID)*len(e.sc.Routes) + int(route)
	if !c.filled[i] {
		c.vals[i], c.filled[i] = e.Assess(route, pos), true
	}
	return c.vals[i]
}
