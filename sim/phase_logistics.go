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
	kept := st.Shipments[:0]
	for i := range st.Shipments {
		// in place: kept never runs ahead of i, so it overwrites only shipments seen
		if s := &st.Shipments[i]; s.DwellTill >= st.Turn || e.move(s) {
			kept = append(kept, *s)
		}
	}
	st.Shipments = kept
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
	return geo.AlongLegs(e.sc.Corridors[s.Corridor].Path, e.corridorLegs[s.Corridor], s.Dist)
}

// dwellSite returns the depot a shipment waits at, or -1.
func (e *Engine) dwellSite(s *Shipment) int32 {
	if s.DwellTill < e.st.Turn || s.NextStop == 0 {
		return -1
	}
	return e.sc.Corridors[s.Corridor].Stops[s.NextStop-1]
}
