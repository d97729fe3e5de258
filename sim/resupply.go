package sim

// Hezbollah asks Iran for shipments: when Israel destroys a shipment bound
// for it, Hezbollah may ask Iran to replace it rather than fire or absorb
// the loss. Iran then decides: grant, and a shipment leaves at once on the
// first corridor that runs today (on top of the corridor's own pace), or
// decline.

// runningCorridor returns the first corridor (in corridor order) that runs
// today, or -1.
func (e *Engine) runningCorridor() int32 { return firstRunning(e.sc, e.st.Corridors, e.Day()) }

// RunningCorridor returns the first corridor (in corridor order) that runs
// on the observation's day, or -1: whether Hezbollah may ask for a shipment
// and Iran grant one. Iran and Hezbollah see the corridors.
func (o *Observation) RunningCorridor() int32 { return firstRunning(o.Scenario, o.Corridors, o.Day) }

// firstRunning returns the first corridor (in corridor order) whose
// dispatch is not paused and whose dates hold day, or -1 when none does.
func firstRunning(sc *Scenario, cs []CorridorState, day int32) int32 {
	for i := range cs {
		c := &sc.Corridors[i]
		if cs[i].Interval > 0 && day >= c.From && day <= c.To {
			return int32(i)
		}
	}
	return -1
}

// askShipment passes Hezbollah's request to Iran, as a decision whose
// subject is the shipment lost.
func (e *Engine) askShipment(shipment int32) {
	e.decide(Iran, DecideSupply, shipment, 0)
	e.note(LogShipmentAsked, Hezbollah, Iran, -1, shipment, 0)
}

// grantShipment sends a shipment at once on the first corridor running
// today.
func (e *Engine) grantShipment() {
	c := e.runningCorridor()
	id := e.dispatch(c)
	e.note(LogShipmentAnswer, Iran, Hezbollah, e.sc.Corridors[c].Stops[0], id, 1)
}

// dispatch starts a shipment on corridor c (detected at once while a
// detected effect watches the corridor) and returns its id.
func (e *Engine) dispatch(c int32) int32 {
	st := &e.st
	cor := &e.sc.Corridors[c]
	id := e.newID()
	detected := int32(-1)
	if len(st.Watch) > 0 && st.Watch[c] >= st.Turn {
		detected = st.Watch[c] // a detected effect watches the corridor
	}
	st.Shipments = append(st.Shipments, Shipment{ID: id, Corridor: c, NextStop: 1, Size: cor.Size, DwellTill: -1, DetectedTill: detected})
	st.Count[MetricShipmentsSent]++
	e.note(LogShipmentSent, Iran, Hezbollah, cor.Stops[0], id, cor.Size)
	return id
}
