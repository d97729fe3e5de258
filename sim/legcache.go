package sim

import "github.com/deconflict/deconflict/sim/geo"

// legCache keeps, for each route and target position, what the route's
// path to that position implies whatever the state: the zones it touches
// and the metres it flies inside each air-defence site's cover. Assess
// combines them with the state (zones in force, batteries up and their
// strength) at every call. They
// depend on the scenario alone, so an entry never goes stale while the
// engine runs that scenario, across stops, turns and runs: this is what
// spares Assess the geometry of shipments that move along the same
// corridors run after run. It is a table indexed by a hash of route and
// position; an entry holds its own key, so a collision only costs a
// recomputation.
type legCache struct {
	keys    []legKey
	touches []bool  // entry k's zone i at k*len(Zones)+i (only the zones Assess weighs)
	chords  []int64 // entry k's metres inside the cover of adSites[j] at k*len(adSites)+j
}

// legKey is the route and position an entry describes (route -1: empty).
type legKey struct {
	route int32
	pos   geo.Point
}

// slotOf returns the table slot of a route and position in a table of n
// slots (a power of two).
func slotOf(route int32, pos geo.Point, n int) int {
	h := uint64(pos.X)*0x9e3779b97f4a7c15 ^ uint64(pos.Y)*0xc2b2ae3d27d4eb4f ^ uint64(route)*0x165667b19e3779f9
	return int((h ^ h>>29) & uint64(n-1))
}

// cacheSlots returns the size of a table of answers per route and position:
// a power of two, four slots per site and route at least.
func cacheSlots(sc *Scenario) int {
	size := 64
	for size < 4*len(sc.Sites)*len(sc.Routes) {
		size *= 2
	}
	return size
}

// init makes an empty table for a scenario with na air-defence sites. New
// makes it at once, so that a run's memory does not grow once it is under
// way.
func (c *legCache) init(sc *Scenario, na int) {
	n := cacheSlots(sc)
	c.keys = make([]legKey, n)
	for k := range c.keys {
		c.keys[k].route = -1
	}
	c.touches, c.chords = make([]bool, n*len(sc.Zones)), make([]int64, n*na)
}

// leg returns what the route's path to a target position touches (one
// entry per zone) and the metres it flies inside the cover of each of
// adSites, from the cache or worked out now. The slices are the cache's:
// read them before the next call.
func (e *Engine) leg(route int32, target geo.Point) (touches []bool, chords []int64) {
	c := &e.legs
	sc := e.sc
	nz, na := len(sc.Zones), len(e.adSites)
	if c.keys == nil { // a copy's, emptied by Clone
		c.init(sc, na)
	}
	k := slotOf(route, target, len(c.keys))
	touches, chords = c.touches[k*nz:(k+1)*nz], c.chords[k*na:(k+1)*na]
	if c.keys[k] == (legKey{route, target}) {
		return touches, chords
	}
	c.keys[k] = legKey{route, target}
	r, rc := &sc.Routes[route], &e.routes[route]
	last := r.Path[len(r.Path)-1]
	leg := [2]geo.Point{last, target}
	for i := range sc.Zones {
		z := &sc.Zones[i]
		touches[i] = weighed(z) && (rc.zoneTouch[i] || z.Area.Touches(leg[:]))
	}
	for j, i := range e.adSites {
		chords[j] = rc.adChord[i] + chordLength(last, target, &sc.Sites[i])
	}
	return touches, chords
}

// weighed reports whether Assess weighs a zone when it is in force: halt
// zones count only through the halts that name them, and deconfliction
// and operation zones only when they are the US's.
func weighed(z *Zone) bool {
	switch z.Kind {
	case ZoneHalt:
		return false
	case ZoneDeconfliction, ZoneOperation:
		return z.Owner == USA
	}
	return true
}
