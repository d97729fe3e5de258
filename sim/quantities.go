package sim

// The changing quantities of the model. Each is changed only through its
// function here, which owns its range: the phases, scripted events and
// orders all go through them.

// Adversaries of Iran, indexing grievance (Iran's toward each) and
// deterrence (each one's deterrence of Iran's proxies) in one order.
const (
	TowardIsrael = 0
	TowardUSA    = 1
	// NumAdversaries is the length of the arrays they index.
	NumAdversaries = 2
)

func clamp(v, lo, hi int64) int64 { return max(lo, min(hi, v)) }

// scale multiplies v by a micro fraction.
func scale(v, frac int64) int64 { return v * frac / Micro }

// addGrievance changes Iran's grievance toward an adversary, within 0..100 points.
func (e *Engine) addGrievance(toward int, delta int64) {
	g := &e.st.Grievance[toward]
	*g = clamp(*g+delta, 0, MaxPoints)
}

// addDeterrence changes an adversary's deterrence of Iran's proxies, within 0..1 (micro).
func (e *Engine) addDeterrence(side int, delta int64) {
	d := &e.st.Deterrence[side]
	*d = clamp(*d+delta, 0, Micro)
}

// addComplicity changes the US complicity Iran perceives, within 0..1 (micro).
func (e *Engine) addComplicity(delta int64) {
	e.st.Complicity = clamp(e.st.Complicity+delta, 0, Micro)
}

// addTrust changes Israel–US trust, within 0..100 points.
func (e *Engine) addTrust(delta int64, c Cause, site, subject int32) {
	before := e.st.Trust
	e.st.Trust = clamp(e.st.Trust+delta, 0, MaxPoints)
	e.changed(QuantityTrust, before, e.st.Trust, c, site, subject)
}

// addTalks changes the progress of the nuclear talks, within 0..100 percent.
func (e *Engine) addTalks(delta int64, c Cause, site, subject int32) {
	before := e.st.Talks
	e.st.Talks = clamp(e.st.Talks+delta, 0, MaxPoints)
	e.changed(QuantityTalks, before, e.st.Talks, c, site, subject)
}

// addCounterIS changes the progress of the campaign against IS, within 0..100 percent, and records why it moved.
func (e *Engine) addCounterIS(delta int64, c Cause, subject int32) {
	before := e.st.CounterIS
	e.st.CounterIS = clamp(e.st.CounterIS+delta, 0, MaxPoints)
	e.changed(QuantityCounterIS, before, e.st.CounterIS, c, -1, subject)
}

// addAirDefence changes the Syrian air-defence level, within 0..5.
func (e *Engine) addAirDefence(delta int64) {
	e.st.AirDefence = clamp(e.st.AirDefence+delta, 0, MaxAirDefence)
}

// addEscalation moves a ladder within 0..5, records the highest level it
// reached, logs each whole level it crosses and records why it moved.
func (e *Engine) addEscalation(p Pair, delta int64, c Cause, site, subject int32) {
	st := &e.st
	was := st.Escalation[p]
	before := st.Escalation[p] / Milli
	st.Escalation[p] = clamp(st.Escalation[p]+delta, 0, MaxLevel)
	e.changed(LadderQuantity(p), was, st.Escalation[p], c, site, subject)
	st.MaxEsc[p] = max(st.MaxEsc[p], st.Escalation[p])
	if after := st.Escalation[p] / Milli; after != before {
		actor, other := Israel, Iran
		switch p {
		case IsraelRussia:
			other = Russia
		case USAIran:
			actor = USA
		}
		kind := LogEscalation
		if after < before {
			kind = LogDeescalation
		}
		e.note(kind, actor, other, -1, int32(p), st.Escalation[p])
	}
}
