package simtest

import (
	"fmt"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// Invariants checks what must hold of a state at every stop: every value
// within its range, one state entry per scenario entity, shipments
// conserved (sent = delivered + destroyed + in transit) and kept in id
// order, and every id below the next one to be issued.
func Invariants(sc *sim.Scenario, st *sim.State) error {
	ranges := []struct {
		name      string
		v, lo, hi int64
	}{
		{"trust", st.Trust, 0, 100 * sim.Milli},
		{"complicity", st.Complicity, 0, sim.Micro},
		{"grievance toward Israel", st.Grievance[sim.TowardIsrael], 0, 100 * sim.Milli},
		{"grievance toward the US", st.Grievance[sim.TowardUSA], 0, 100 * sim.Milli},
		{"deterrence of the US", st.Deterrence[sim.TowardUSA], 0, sim.Micro},
		{"deterrence of Israel", st.Deterrence[sim.TowardIsrael], 0, sim.Micro},
		{"talks", st.Talks, 0, 100 * sim.Milli},
		{"counter-IS progress", st.CounterIS, 0, 100 * sim.Milli},
		{"air defence", st.AirDefence, 0, 5 * sim.Milli},
		{"arsenal", st.Arsenal, 0, 1 << 62},
	}
	for p := range st.Escalation {
		ranges = append(ranges, struct {
			name      string
			v, lo, hi int64
		}{sim.Pair(p).String() + " escalation", st.Escalation[p], 0, sim.MaxLevel})
	}
	for _, r := range ranges {
		if r.v < r.lo || r.v > r.hi {
			return fmt.Errorf("turn %d: %s = %d, outside %d..%d", st.Turn, r.name, r.v, r.lo, r.hi)
		}
	}
	for p := range st.Escalation {
		if st.MaxEsc[p] < st.Escalation[p] {
			return fmt.Errorf("turn %d: %s highest escalation %d below the current %d", st.Turn, sim.Pair(p), st.MaxEsc[p], st.Escalation[p])
		}
	}
	for i, c := range st.Count {
		if c < 0 {
			return fmt.Errorf("turn %d: counter %s = %d", st.Turn, sim.Metric(i), c)
		}
	}
	if len(st.Sites) != len(sc.Sites) || len(st.Corridors) != len(sc.Corridors) ||
		len(st.Objectives) != len(sc.Objectives) || len(st.Fired) != len(sc.Events) {
		return fmt.Errorf("turn %d: state entities (%d sites, %d corridors, %d objectives, %d events) do not match the scenario's (%d, %d, %d, %d)",
			st.Turn, len(st.Sites), len(st.Corridors), len(st.Objectives), len(st.Fired),
			len(sc.Sites), len(sc.Corridors), len(sc.Objectives), len(sc.Events))
	}
	for i := range st.Sites {
		if st.Sites[i].Troops < 0 {
			return fmt.Errorf("turn %d: site %s has %d troops", st.Turn, sc.Sites[i].ID, st.Sites[i].Troops)
		}
	}
	inTransit := int64(len(st.Shipments))
	sent := st.Count[sim.MetricShipmentsSent]
	if done := st.Count[sim.MetricShipmentsDelivered] + st.Count[sim.MetricShipmentsDestroyed]; sent != done+inTransit {
		return fmt.Errorf("turn %d: %d shipments sent, but %d delivered + %d destroyed + %d in transit",
			st.Turn, sent, st.Count[sim.MetricShipmentsDelivered], st.Count[sim.MetricShipmentsDestroyed], inTransit)
	}
	for i := range st.Shipments {
		s := &st.Shipments[i]
		if i > 0 && st.Shipments[i-1].ID >= s.ID {
			return fmt.Errorf("turn %d: shipments out of id order (%d before %d)", st.Turn, st.Shipments[i-1].ID, s.ID)
		}
		if s.Corridor < 0 || int(s.Corridor) >= len(sc.Corridors) || s.Size < 0 || s.Dist < 0 {
			return fmt.Errorf("turn %d: shipment %d is broken: %+v", st.Turn, s.ID, *s)
		}
	}
	return checkIDs(st)
}

func checkIDs(st *sim.State) error {
	check := func(kind string, id int32) error {
		if id <= 0 || id >= st.NextID {
			return fmt.Errorf("turn %d: %s id %d outside 1..%d", st.Turn, kind, id, st.NextID-1)
		}
		return nil
	}
	var err error
	for i := range st.Shipments {
		err = firstErr(err, check("shipment", st.Shipments[i].ID))
	}
	for i := range st.Missions {
		err = firstErr(err, check("mission", st.Missions[i].ID))
	}
	for i := range st.Requests {
		err = firstErr(err, check("request", st.Requests[i].ID))
	}
	for i := range st.Attacks {
		err = firstErr(err, check("attack", st.Attacks[i].ID))
	}
	for i := range st.Pending {
		err = firstErr(err, check("decision", st.Pending[i].ID))
	}
	return err
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// Progress checks what may only grow between two states of one run: the
// turn, every counter, the highest escalation of each ladder, fired events
// and decided objectives (which never change their verdict).
func Progress(prev, cur *sim.State) error {
	if cur.Turn < prev.Turn {
		return fmt.Errorf("turn went back from %d to %d", prev.Turn, cur.Turn)
	}
	for i := range cur.Count {
		if cur.Count[i] < prev.Count[i] {
			return fmt.Errorf("turn %d: counter %s fell from %d to %d", cur.Turn, sim.Metric(i), prev.Count[i], cur.Count[i])
		}
	}
	for p := range cur.MaxEsc {
		if cur.MaxEsc[p] < prev.MaxEsc[p] {
			return fmt.Errorf("turn %d: %s highest escalation fell from %d to %d", cur.Turn, sim.Pair(p), prev.MaxEsc[p], cur.MaxEsc[p])
		}
	}
	for i := range cur.Fired {
		if prev.Fired[i] && !cur.Fired[i] {
			return fmt.Errorf("turn %d: event %d un-fired", cur.Turn, i)
		}
	}
	for i := range cur.Objectives {
		if p := prev.Objectives[i]; p.Decided && cur.Objectives[i] != p {
			return fmt.Errorf("turn %d: objective %d was decided %+v, now %+v", cur.Turn, i, p, cur.Objectives[i])
		}
	}
	return nil
}

// Clone deep-copies a state.
func Clone(st *sim.State) sim.State {
	c := *st
	c.Sites = append([]sim.SiteState(nil), st.Sites...)
	c.Corridors = append([]sim.CorridorState(nil), st.Corridors...)
	c.Shipments = append([]sim.Shipment(nil), st.Shipments...)
	c.Missions = append([]sim.Mission(nil), st.Missions...)
	c.Requests = append([]sim.Request(nil), st.Requests...)
	c.Halts = append([]sim.Halt(nil), st.Halts...)
	for i := range c.Halts {
		c.Halts[i].Area.Ring = append([]geo.Point(nil), st.Halts[i].Area.Ring...)
	}
	c.Attacks = append([]sim.Attack(nil), st.Attacks...)
	c.Objectives = append([]sim.ObjectiveState(nil), st.Objectives...)
	c.Fired = append([]bool(nil), st.Fired...)
	c.Pending = append([]sim.Decision(nil), st.Pending...)
	return c
}
