package simtest

import (
	"fmt"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// Auditor checks the deconfliction protocol on a run it watches, from the
// event log and from the orders it applies, with its own record of which
// halts are in force:
//
//   - a mission whose route or target needs US review (a US deconfliction
//     zone, the stand-off distance of US troops, a US operation area) flies
//     only after an approval, or a conditional approval Israel complied
//     with, unless it is flagged as a violation;
//   - a mission never flies inside a halt in force on its turn (a scripted
//     halt or one the US declared before the strike) unless it is flagged
//     as a violation (a halt violation);
//   - a new mission's reasons (zone, stand-off, operation, halt) are the
//     ones the geometry gives.
//
// Feed it every order through Apply and call Sync after every Advance.
type Auditor struct {
	// HaltsAtPlanning checks a flown mission only against the halts in force
	// when it was planned, on the route it was planned on. The engine checks
	// halts only then (TestHaltDeclaredAtPlanning, TestHaltDeclaredDuringDelay
	// and TestConditionReroutesIntoHalt in package sim show the breaches);
	// drop this switch once it checks them again before the mission flies.
	HaltsAtPlanning bool
	// Flown counts the missions audited, so a test can tell it saw some.
	Flown int

	e           *sim.Engine
	seq         int                   // counts Apply and Sync calls, to order halts and plans
	planned     map[int32]int         // seq at which each mission was planned
	firstRoute  map[int32]int32       // the route each mission was planned on
	missions    map[int32]sim.Mission // the latest copy of each mission
	approved    map[int32]bool
	conditioned map[int32]bool
	complied    map[int32]bool
	violation   map[int32]bool
	halts       []shadowHalt
	err         error
}

// shadowHalt is a halt as the auditor knows it: in force for execution on
// turns from..until.
type shadowHalt struct {
	area        sim.Area
	from, until int32
	seq         int // when the auditor learnt of it
}

// NewAuditor starts watching a run that has not advanced yet; it turns the
// engine's log on.
func NewAuditor(e *sim.Engine) *Auditor {
	e.SetLogging(true)
	return &Auditor{e: e, planned: map[int32]int{}, firstRoute: map[int32]int32{}, missions: map[int32]sim.Mission{}, approved: map[int32]bool{}, conditioned: map[int32]bool{},
		complied: map[int32]bool{}, violation: map[int32]bool{}}
}

// Err returns the first breach of the protocol seen, or nil.
func (a *Auditor) Err() error { return a.err }

func (a *Auditor) fail(format string, args ...any) {
	if a.err == nil {
		a.err = fmt.Errorf(format, args...)
	}
}

func (a *Auditor) turnsFromDays(days int32) int32 {
	return max(1, int32(int64(days)*24/int64(a.e.Scenario().TurnHours)))
}

// Apply applies an order, noting what the protocol needs to know.
func (a *Auditor) Apply(actor sim.Actor, o sim.Order) error {
	a.Sync() // learn of halts the last Advance brought
	e, st := a.e, a.e.State()
	subject := int32(-1)
	for i := range st.Pending {
		if st.Pending[i].ID == o.Decision {
			subject = st.Pending[i].Subject
		}
	}
	turn, step := e.Turn(), e.Step()
	before := len(st.Missions)
	if err := e.Apply(actor, o); err != nil {
		return err
	}
	a.seq++
	switch o.Kind {
	case sim.OrderComply:
		for i := range st.Missions {
			if m := &st.Missions[i]; m.ID == subject && m.Status == sim.MissionCleared {
				a.complied[subject] = true
			}
		}
	case sim.OrderHalt:
		from := turn
		if step > sim.StepExecution {
			from++ // this turn's strikes have flown
		}
		a.halts = append(a.halts, shadowHalt{area: sim.Area{Center: e.Scenario().Sites[o.Site].Pos, Radius: o.Radius},
			from: from, until: turn + a.turnsFromDays(o.Days) - 1, seq: a.seq})
	case sim.OrderStrike:
		if len(st.Missions) == before+1 {
			a.checkPlanned(&st.Missions[before])
		}
	}
	a.Sync()
	return nil
}

// Sync reads the log written since the last call and copies the missions.
func (a *Auditor) Sync() {
	a.seq++
	sc := a.e.Scenario()
	for _, en := range a.e.TakeLog() {
		switch en.Kind {
		case sim.LogEvent:
			for _, ef := range sc.Events[en.Subject].Effects {
				if ef.Kind != sim.EffectHalt {
					continue
				}
				area := ef.Area
				if ef.Zone >= 0 {
					area = sc.Zones[ef.Zone].Area
				}
				a.halts = append(a.halts, shadowHalt{area: area, from: en.Turn, until: en.Turn + a.turnsFromDays(ef.Days) - 1, seq: a.seq})
			}
		case sim.LogApproved:
			a.approved[en.Subject] = true
		case sim.LogConditioned:
			a.conditioned[en.Subject] = true
		case sim.LogViolation:
			a.violation[en.Subject] = true
		case sim.LogStrikeHit, sim.LogStrikeMiss:
			if (en.Review == sim.ReviewViolation) != a.violation[en.Subject] {
				a.fail("turn %d: mission %d logged as %s, violation logged %v", en.Turn, en.Subject, en.Review, a.violation[en.Subject])
			}
			a.checkFlown(en.Subject, en.Turn)
		}
	}
	for _, m := range a.e.State().Missions {
		a.missions[m.ID] = m
	}
}

func (a *Auditor) path(m *sim.Mission) []geo.Point {
	r := &a.e.Scenario().Routes[m.Route]
	return append(append([]geo.Point(nil), r.Path...), m.TargetPos)
}

// inHalt reports whether the path crosses a halt in force for the strikes
// of a turn. With a plan (a mission planned at that seq), only halts
// already known then count.
func (a *Auditor) inHalt(path []geo.Point, turn int32, plan *planAt) bool {
	for _, h := range a.halts {
		if h.from <= turn && turn <= h.until && (plan == nil || h.seq < plan.seq) && h.area.Touches(path) {
			return true
		}
	}
	return false
}

// planAt is when a mission was planned.
type planAt struct {
	seq int
}

const reviewReasons = sim.ReasonZone | sim.ReasonStandoff | sim.ReasonOperation

// checkPlanned compares a new mission's reasons with the geometry.
func (a *Auditor) checkPlanned(m *sim.Mission) {
	sc, st := a.e.Scenario(), a.e.State()
	path := a.path(m)
	day := sc.DayOfTurn(st.Turn)
	var want sim.Reason
	for i := range sc.Zones {
		z := &sc.Zones[i]
		if !z.ActiveOn(day) || z.Owner != sim.USA || !z.Area.Touches(path) {
			continue
		}
		switch z.Kind {
		case sim.ZoneDeconfliction:
			want |= sim.ReasonZone
		case sim.ZoneOperation:
			want |= sim.ReasonOperation
		}
	}
	standoff := a.e.Param(sim.ParamStandoffKm)
	for i := range sc.Sites {
		if s := &sc.Sites[i]; a.e.Owner(int32(i)) == sim.USA && st.Sites[i].Troops > 0 && geo.Dist2(m.TargetPos, s.Pos) <= standoff*standoff {
			want |= sim.ReasonStandoff
		}
	}
	if got := m.Reasons & reviewReasons; got != want {
		a.fail("turn %d: mission %d planned with review reasons %v, the geometry gives %v", st.Turn, m.ID, got.Strings(), want.Strings())
	}
	a.planned[m.ID], a.firstRoute[m.ID] = a.seq, m.Route
	if halt := a.inHalt(path, st.Turn, nil); halt != m.InHalt {
		a.fail("turn %d: mission %d planned with in-halt %v, the halts in force give %v", st.Turn, m.ID, m.InHalt, halt)
	}
}

// checkFlown audits a mission that flew on a turn.
func (a *Auditor) checkFlown(id, turn int32) {
	a.Flown++
	m, ok := a.missions[id]
	if !ok {
		a.fail("turn %d: mission %d flew but was never planned", turn, id)
		return
	}
	if a.violation[id] {
		return
	}
	if m.Reasons&reviewReasons != 0 && !a.approved[id] && !(a.conditioned[id] && a.complied[id]) {
		a.fail("turn %d: mission %d flew (reasons %v) without approval and without being flagged a violation", turn, id, m.Reasons.Strings())
	}
	var plan *planAt
	path := a.path(&m)
	if a.HaltsAtPlanning {
		plan = &planAt{seq: a.planned[id]}
		first := m
		first.Route = a.firstRoute[id]
		path = a.path(&first)
	}
	if a.inHalt(path, turn, plan) {
		a.fail("turn %d: mission %d (planned turn %d on route %d, flown on route %d) flew inside a halt in force without being flagged a violation",
			turn, id, m.Planned, a.firstRoute[id], m.Route)
	}
}
