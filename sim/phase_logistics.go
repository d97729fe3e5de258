package sim

import "github.com/deconflict/deconflict/sim/geo"

// Phase 2, logistics: the SDF reviews its fronts (seeing the day's events,
// and answering before Turkey reviews its offensive in phase 8); Iranian
// corridors dispatch shipments, which move, dwell at depots and deliver.

func (e *Engine) logistics() {
	e.callFront()
	sc, st := e.sc, &e.st
	day := e.Day()
	rng := &st.Rand[streamLogistics]
	for i := range st.Corridors {
		c, cs := &sc.Corridors[i], &st.Corridors[i]
		if cs.Interval <= 0 || st.Turn < cs.Next || day < c.From || day > c.To {
			continue
		}
		if rng.Chance(dispatchSlip) {
			cs.Next = st.Turn + 1
			continue
		}
		cs.Next = st.Turn + int32(cs.Interval)
		e.dispatch(int32(i))
	}
	st.Shipments = keepIf(st.Shipments, func(s *Shipment) bool { return s.DwellTill >= st.Turn || e.move(s) })
}

// keepIf keeps the elements of s that keep reports true for (it may change
// them), in order, in place, and returns the shortened slice. Only those
// after the first one dropped move: a turn where nothing ends copies
// nothing.
func keepIf[T any](s []T, keep func(*T) bool) []T {
	n := 0
	for i := range s {
		if keep(&s[i]) {
			if n != i {
				s[n] = s[i]
			}
			n++
		}
	}
	return s[:n]
}

// move advances a shipment one turn; it reports false once delivered.
func (e *Engine) move(s *Shipment) bool {
	c := &e.sc.Corridors[s.Corridor]
	st := &e.st
	s.Dist += c.Speed
	for int(s.NextStop) < len(c.Stops) && s.Dist >= c.StopAt[s.NextStop] {
		if int(s.NextStop) == len(c.Stops)-1 {
			st.Arsenal += s.Size
			st.Count[MetricShipmentsDelivered]++
			st.Count[MetricWeaponsDelivered] += s.Size
			e.note(LogShipmentDelivered, Iran, Hezbollah, c.Stops[s.NextStop], s.ID, s.Size)
			return false
		}
		stop := c.Stops[s.NextStop]
		s.NextStop++
		if e.sc.Sites[stop].Kind == SiteDepot && c.Dwell > 0 {
			s.Dist = c.StopAt[s.NextStop-1]
			dwell := c.Dwell
			if st.Sites[stop].DisabledTill >= st.Turn {
				dwell *= damagedDepotDwell
			}
			s.DwellTill = st.Turn + int32(dwell)
			break
		}
	}
	return true
}

// ShipmentPos returns where a shipment is.
func (e *Engine) ShipmentPos(s *Shipment) geo.Point {
	c := &e.shipPos
	if c.entries == nil { // a copy's (Clone(nil)); New makes the table at once
		c.entries = make([]shipPosEntry, shipPosSlots)
	}
	en := &c.entries[slotOf(s.Corridor, geo.Point{X: s.Dist}, shipPosSlots)]
	if !en.known || en.corridor != s.Corridor || en.dist != s.Dist {
		*en = shipPosEntry{corridor: s.Corridor, dist: s.Dist, known: true,
			pos: geo.AlongLegs(e.sc.Corridors[s.Corridor].Path, e.corridorLegs[s.Corridor], s.Dist)}
	}
	return en.pos
}

// shipPosCache keeps ShipmentPos's answers: the shipments of a corridor
// pass through the same distances along it, and each position costs two
// divisions. It is a table indexed by a hash of corridor and distance; an
// entry holds its own key, so a collision only costs a recomputation. The
// answers depend on the scenario alone.
type shipPosCache struct {
	entries []shipPosEntry
}

// shipPosEntry is one position along a corridor.
type shipPosEntry struct {
	corridor int32
	known    bool
	dist     int64
	pos      geo.Point
}

// shipPosSlots is the size of the table: room for the distances the
// shipments of a few corridors pass through.
const shipPosSlots = 256

// dwellSite returns the depot a shipment waits at, or -1.
func (e *Engine) dwellSite(s *Shipment) int32 {
	if s.DwellTill < e.st.Turn || s.NextStop == 0 {
		return -1
	}
	return e.sc.Corridors[s.Corridor].Stops[s.NextStop-1]
}
