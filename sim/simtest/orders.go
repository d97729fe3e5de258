package simtest

import (
	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
)

// Source draws the integers the order generators need: rapid draws in
// property tests (so failures shrink), a PCG stream in drivers that must
// repeat themselves exactly (determinism and replay tests).
type Source interface {
	// Range returns an integer in [lo, hi].
	Range(label string, lo, hi int64) int64
}

// Rapid draws from a rapid test.
type Rapid struct{ T *rapid.T }

// Range implements Source.
func (r Rapid) Range(label string, lo, hi int64) int64 {
	return rapid.Int64Range(lo, hi).Draw(r.T, label)
}

// Dice draws from a PCG stream.
type Dice struct{ R sim.PCG }

// NewDice seeds a stream.
func NewDice(seed uint64) *Dice { return &Dice{R: sim.NewPCG(seed, 7)} }

// Range implements Source.
func (d *Dice) Range(_ string, lo, hi int64) int64 {
	n := uint64(hi - lo + 1)
	if n > 1<<32-1 {
		return lo + int64(uint64(d.R.Uint32())<<32|uint64(d.R.Uint32()))%int64(n)
	}
	return lo + int64(d.R.Below(uint32(n)))
}

func flip(s Source, label string) bool { return s.Range(label, 0, 1) == 1 }

func pick[E any](s Source, label string, xs []E) E { return xs[s.Range(label, 0, int64(len(xs))-1)] }

// players are the actors who give orders, weighted toward those who decide.
var players = []sim.Actor{sim.Israel, sim.Israel, sim.USA, sim.USA, sim.Iran, sim.Iran, sim.Syria, sim.Hezbollah, sim.Russia, sim.NoActor}

// RandomOrder draws an order with a random kind and random fields, most of
// them out of range or not matching any open decision: the engine must
// reject it cleanly or, when it happens to be valid, carry it out.
func RandomOrder(s Source, e *sim.Engine) (sim.Actor, sim.Order) {
	sc, st := e.Scenario(), e.State()
	a := pick(s, "actor", players)
	o := sim.Order{Kind: sim.OrderKind(s.Range("kind", 0, int64(sim.NumOrderKinds)))}
	switch s.Range("decision_from", 0, 3) {
	case 0, 1:
		if len(st.Pending) > 0 {
			d := pick(s, "decision", st.Pending)
			o.Decision = d.ID
			if flip(s, "owner") {
				a = d.Actor
			}
		}
	case 2:
		o.Decision = int32(s.Range("decision_id", -3, int64(st.NextID)+3))
	}
	o.Target = sim.Target{Kind: sim.TargetKind(s.Range("target_kind", 0, 2)), ID: int32(s.Range("target", -2, int64(len(sc.Sites))+2))}
	if o.Target.Kind == sim.TargetShipment && len(st.Shipments) > 0 && flip(s, "real_shipment") {
		o.Target.ID = pick(s, "shipment", st.Shipments).ID
	}
	o.Route = int32(s.Range("route", -2, int64(len(sc.Routes))+1))
	o.Package = int8(s.Range("package", -1, 3))
	o.Notice = int8(s.Range("notice", -1, 3))
	o.SkipReview = flip(s, "skip_review")
	o.Site = int32(s.Range("site", -2, int64(len(sc.Sites))+1))
	o.Method = int8(s.Range("method", -1, 2))
	o.Claim, o.Strike, o.Blame = flip(s, "claim"), flip(s, "strike"), flip(s, "blame")
	o.Delay = int32(s.Range("delay", -2, 32))
	o.Radius = pick(s, "radius", []int64{-1, 0, 9_999, 10_000, 55_000, 500_000, 500_001})
	o.Days = int32(s.Range("days", -1, 31))
	o.Corridor = int32(s.Range("corridor", -1, int64(len(sc.Corridors))+1))
	o.Interval = int32(s.Range("interval", -1, 366))
	return a, o
}

// ValidOrder builds an order that answers one of the open decisions in obs
// (the observation of the deciding actor) and that the engine must accept.
// It reports false when obs holds no open decision.
func ValidOrder(s Source, obs *sim.Observation) (sim.Order, bool) {
	if len(obs.Decisions) == 0 {
		return sim.Order{}, false
	}
	d := pick(s, "decision", obs.Decisions)
	o := sim.Order{Decision: d.ID, Route: -1}
	switch d.Kind {
	case sim.DecidePlan:
		o.Kind = sim.OrderEndPlanning
		if obs.SortiesLeft > 0 && s.Range("strike", 0, 3) > 0 {
			strikeOrder(s, obs, &o)
		}
	case sim.DecideRequest:
		o.Kind = pick(s, "answer", []sim.OrderKind{sim.OrderApprove, sim.OrderCondition, sim.OrderDeny, sim.OrderDefer})
		if o.Kind == sim.OrderCondition {
			o.Delay = int32(s.Range("delay", 1, 30))
			for _, v := range obs.Reviews {
				if v.Decision == d.ID && v.AltRoute >= 0 && flip(s, "reroute") {
					o.Route, o.Delay = v.AltRoute, int32(s.Range("delay", 0, 30))
				}
			}
		}
	case sim.DecideResponse:
		o.Kind = pick(s, "answer", []sim.OrderKind{sim.OrderComply, sim.OrderWithdraw, sim.OrderProceed})
	case sim.DecideAttackResponse:
		o.Kind, o.Strike, o.Blame = sim.OrderRespond, flip(s, "strike"), flip(s, "blame")
	case sim.DecideRetaliation:
		o.Kind = pick(s, "answer", []sim.OrderKind{sim.OrderRetaliate, sim.OrderHold})
		o.Method, o.Claim = int8(s.Range("method", 0, 1)), flip(s, "claim")
	case sim.DecideWarning:
		o.Kind = pick(s, "answer", []sim.OrderKind{sim.OrderWarn, sim.OrderHold})
	case sim.DecideAirDefence, sim.DecideNotice, sim.DecideAnswer, sim.DecideInsurgency, sim.DecideOffensive, sim.DecideFront, sim.DecideSupply:
		o.Kind = pick(s, "answer", sim.Allowed(d.Kind))
		switch {
		case (o.Kind == sim.OrderAskShipment || o.Kind == sim.OrderGrant) && obs.RunningCorridor() < 0,
			o.Kind == sim.OrderDivert && obs.Diverted > 0, o.Kind == sim.OrderSeekTerms && obs.Terms > 0:
			o = sim.DefaultOrder(d) // not open to it now
		}
	case sim.DecideProtection:
		o.Kind = sim.OrderHold
		site := attackSite(obs, d.Subject)
		if site >= 0 && obs.Sites[site].Troops > 0 {
			o.Site = site
			o.Kind = pick(s, "answer", []sim.OrderKind{sim.OrderEvacuate, sim.OrderHarden, sim.OrderHold})
			if o.Kind == sim.OrderHarden && obs.Sites[site].Hardened {
				o.Kind = sim.OrderEvacuate
			}
		}
	}
	return o, true
}

// strikeOrder turns o into a strike on a detected, untargeted target by a
// route that reaches it, when there is one.
func strikeOrder(s Source, obs *sim.Observation, o *sim.Order) {
	var open []int
	for i := range obs.Targets {
		if obs.Targets[i].Count > 0 && !targeted(obs, obs.Targets[i].Target) {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return
	}
	t := &obs.Targets[pick(s, "target", open)]
	opt := obs.Options[t.First+int32(s.Range("option", 0, int64(t.Count)-1))]
	o.Kind, o.Target, o.Route = sim.OrderStrike, t.Target, opt.Route
	o.Package, o.Notice = int8(s.Range("package", 0, 2)), int8(s.Range("notice", 0, 2))
	o.SkipReview = s.Range("skip_review", 0, 5) == 0
}

func targeted(obs *sim.Observation, t sim.Target) bool {
	for i := range obs.Missions {
		if m := &obs.Missions[i]; m.Target == t && m.Status != sim.MissionFlown && m.Status != sim.MissionWithdrawn {
			return true
		}
	}
	return false
}

func attackSite(obs *sim.Observation, id int32) int32 {
	for i := range obs.Attacks {
		if obs.Attacks[i].ID == id {
			return obs.Attacks[i].Site
		}
	}
	return -1
}

// FreeOrder builds a valid free order (one that answers no decision) for
// the US or Iran from the engine's state, or reports false when the drawn
// kind has no valid form now.
func FreeOrder(s Source, e *sim.Engine) (sim.Actor, sim.Order, bool) {
	sc, st := e.Scenario(), e.State()
	switch s.Range("free", 0, 4) {
	case 0:
		if len(sc.Sites) == 0 {
			return 0, sim.Order{}, false
		}
		return sim.USA, sim.Order{Kind: sim.OrderHalt, Site: int32(s.Range("site", 0, int64(len(sc.Sites))-1)),
			Radius: s.Range("radius", 10_000, 500_000), Days: int32(s.Range("days", 1, 30))}, true
	case 1:
		if st.LastMessage >= 0 && st.Turn-st.LastMessage < int32(e.Param(sim.ParamPrivateMessageCooldown)) {
			return 0, sim.Order{}, false // Tehran would not hear it yet
		}
		return sim.USA, sim.Order{Kind: sim.OrderPrivateMessage}, true
	case 2:
		if len(sc.Corridors) == 0 {
			return 0, sim.Order{}, false
		}
		return sim.Iran, sim.Order{Kind: sim.OrderDispatch, Corridor: int32(s.Range("corridor", 0, int64(len(sc.Corridors))-1)),
			Interval: int32(s.Range("interval", 0, 365))}, true
	}
	var manned []int32
	for i := range sc.Sites {
		if e.Owner(int32(i)) == sim.USA && st.Sites[i].Troops > 0 {
			manned = append(manned, int32(i))
		}
	}
	if len(manned) == 0 {
		return 0, sim.Order{}, false
	}
	site := pick(s, "site", manned)
	ss := &st.Sites[site]
	switch {
	case ss.EvacuatedTill >= st.Turn && flip(s, "return"):
		return sim.USA, sim.Order{Kind: sim.OrderReturn, Site: site}, true
	case !ss.Hardened && flip(s, "harden"):
		return sim.USA, sim.Order{Kind: sim.OrderHarden, Site: site}, true
	}
	return sim.USA, sim.Order{Kind: sim.OrderEvacuate, Site: site}, true
}
