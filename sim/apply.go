package sim

import (
	"fmt"
	"slices"
)

// OrderActor returns the actor that gives orders of kind k (NoActor: any).
func OrderActor(k OrderKind) Actor { return orderActor[k] }

// orderActor says which actor may give each kind of order.
var orderActor = [NumOrderKinds]Actor{
	OrderStrike: Israel, OrderEndPlanning: Israel,
	OrderApprove: USA, OrderCondition: USA, OrderDeny: USA, OrderDefer: USA,
	OrderComply: Israel, OrderWithdraw: Israel, OrderProceed: Israel,
	OrderRetaliate: Iran, OrderHold: NoActor, OrderWarn: Israel,
	OrderEvacuate: USA, OrderHarden: USA, OrderRespond: USA,
	OrderHalt: USA, OrderPrivateMessage: USA, OrderReturn: USA, OrderDispatch: Iran,
	OrderFireAll: Syria, OrderFireSelective: Syria, OrderHoldFire: Syria,
	OrderAcknowledge: Russia, OrderProtest: Russia, OrderAskDelay: Russia,
	OrderFireGolan: Hezbollah,
	OrderRaid:      ISIS,
	OrderOffensive: Turkey,
	OrderDivert:    SDF, OrderSeekTerms: SDF,
	OrderAskShipment: Hezbollah,
	OrderGrant:       Iran, OrderDecline: Iran,
}

// canBeFree reports whether an order may be given at any stop without
// answering a decision (evacuate and harden may also answer a warning).
func canBeFree(k OrderKind) bool {
	switch k {
	case OrderEvacuate, OrderHarden, OrderHalt, OrderPrivateMessage, OrderReturn, OrderDispatch:
		return true
	}
	return false
}

// allowedOrders lists, by decision kind, the orders that answer it; the
// engine reads it without copying (checking an order allocates nothing).
var allowedOrders = [...][]OrderKind{
	DecidePlan:           {OrderStrike, OrderEndPlanning},
	DecideRequest:        {OrderApprove, OrderCondition, OrderDeny, OrderDefer},
	DecideResponse:       {OrderComply, OrderWithdraw, OrderProceed},
	DecideAttackResponse: {OrderRespond},
	DecideRetaliation:    {OrderRetaliate, OrderHold},
	DecideWarning:        {OrderWarn, OrderHold},
	DecideProtection:     {OrderEvacuate, OrderHarden, OrderHold},
	DecideAirDefence:     {OrderFireAll, OrderFireSelective, OrderHoldFire},
	DecideNotice:         {OrderAcknowledge, OrderProtest, OrderAskDelay},
	DecideAnswer:         {OrderFireGolan, OrderAskShipment, OrderHold},
	DecideInsurgency:     {OrderRaid, OrderHold},
	DecideOffensive:      {OrderOffensive, OrderHold},
	DecideFront:          {OrderDivert, OrderSeekTerms, OrderHold},
	DecideSupply:         {OrderGrant, OrderDecline},
}

// Allowed lists the orders that answer a decision kind (a copy: the caller
// may keep or change it).
func Allowed(k DecisionKind) []OrderKind { return slices.Clone(allowedFor(k)) }

func allowedFor(k DecisionKind) []OrderKind {
	if int(k) < 0 || int(k) >= len(allowedOrders) {
		return nil
	}
	return allowedOrders[k]
}

func (e *Engine) findDecision(id int32) *Decision {
	for i := range e.st.Pending {
		if e.st.Pending[i].ID == id {
			return &e.st.Pending[i]
		}
	}
	return nil
}

// Apply validates an order from an actor against the state and carries it
// out. An invalid order returns an error wrapping ErrInvalidOrder and leaves
// the state untouched.
func (e *Engine) Apply(a Actor, o Order) error {
	if err := e.Check(a, o); err != nil {
		return err
	}
	e.apply(a, o)
	e.countOrder(a, o.Kind)
	return nil
}

// Check validates an order without carrying it out.
func (e *Engine) Check(a Actor, o Order) error {
	st, sc := &e.st, e.sc
	if st.Outcome != OutcomeRunning {
		return invalid("the run is over")
	}
	if o.Kind >= NumOrderKinds {
		return invalid("unknown order kind %d", o.Kind)
	}
	if want := orderActor[o.Kind]; want != NoActor && want != a {
		return invalid("%s orders are for %s, not %s", o.Kind, want, a)
	}
	var d *Decision
	if o.Decision != 0 {
		d = e.findDecision(o.Decision)
		if d == nil || d.Done {
			return invalid("decision %d is not open", o.Decision)
		}
		if d.Actor != a {
			return invalid("decision %d belongs to %s", o.Decision, d.Actor)
		}
		if !allows(d.Kind, o.Kind) {
			return invalid("%s does not answer a %s decision", o.Kind, d.Kind)
		}
	} else if !canBeFree(o.Kind) {
		return invalid("%s must name the decision it answers", o.Kind)
	}
	switch o.Kind {
	case OrderStrike:
		if o.Route < 0 || int(o.Route) >= len(sc.Routes) {
			return invalid("no route %d", o.Route)
		}
		if o.Package < PackageSmall || o.Package > PackageLarge {
			return invalid("package must be small, medium or large")
		}
		if o.Notice < NoticeShort || o.Notice > NoticeLong {
			return invalid("notice must be short, standard or long")
		}
		if !e.Strikable(o.Target) {
			return invalid("target is not detected or no longer stands")
		}
		if e.targeted(o.Target) {
			return invalid("a mission already goes after that target")
		}
		if e.plannedThisTurn() >= e.param(ParamSortiesPerTurn) {
			return invalid("all %d sorties of this turn are planned", e.param(ParamSortiesPerTurn))
		}
		pos, _ := e.TargetPos(o.Target)
		if !e.reaches(o.Route, pos) {
			return invalid("route %s does not reach the target", sc.Routes[o.Route].ID)
		}
	case OrderCondition:
		r := e.request(d.Subject)
		m := e.mission(r.Mission)
		if o.Route == -1 && o.Delay <= 0 {
			return invalid("a condition needs another route or a delay")
		}
		if o.Delay < 0 || o.Delay > maxConditionDelay {
			return invalid("delay must lie in 0..%d turns", maxConditionDelay)
		}
		if o.Route != -1 {
			if o.Route < 0 || int(o.Route) >= len(sc.Routes) || o.Route == m.Route {
				return invalid("the condition must name another route")
			}
			if !e.reaches(o.Route, m.TargetPos) {
				return invalid("route %s does not reach the target", sc.Routes[o.Route].ID)
			}
		}
	case OrderRetaliate:
		if o.Method != MethodRockets && o.Method != MethodDrones {
			return invalid("method must be rockets or drones")
		}
	case OrderEvacuate, OrderHarden, OrderReturn:
		if d != nil {
			if at := e.attack(d.Subject); at == nil || at.Site != o.Site {
				return invalid("the warning concerns another site")
			}
		}
		if o.Site < 0 || int(o.Site) >= len(sc.Sites) || e.Owner(o.Site) != USA || st.Sites[o.Site].Troops == 0 {
			return invalid("site %d is not a manned US site", o.Site)
		}
		if o.Kind == OrderHarden && st.Sites[o.Site].Hardened {
			return invalid("%s is already hardened", sc.Sites[o.Site].ID)
		}
		if o.Kind == OrderReturn && st.Sites[o.Site].EvacuatedTill < st.Turn {
			return invalid("%s is not evacuated", sc.Sites[o.Site].ID)
		}
	case OrderHalt:
		if o.Site < 0 || int(o.Site) >= len(sc.Sites) {
			return invalid("no site %d to centre the halt on", o.Site)
		}
		if o.Radius < minHaltRadius || o.Radius > maxHaltRadius {
			return invalid("halt radius must lie in %d..%d km", minHaltRadius/metresPerKm, maxHaltRadius/metresPerKm)
		}
		if o.Days < 1 || o.Days > maxHaltDays {
			return invalid("halt must last 1..%d days", maxHaltDays)
		}
	case OrderPrivateMessage:
		if cool := int32(e.param(ParamPrivateMessageCooldown)); st.LastMessage >= 0 && st.Turn-st.LastMessage < cool {
			return invalid("%s", cooldownText(st.Turn, st.LastMessage, cool, sc.Turns))
		}
	case OrderFireGolan:
		if e.golanTarget() < 0 {
			return invalid("no Israeli position on the Golan to fire at")
		}
	case OrderDivert:
		if e.diverted() {
			return invalid("the SDF's forces already stand in the north")
		}
	case OrderSeekTerms:
		if e.termsHold() {
			return invalid("the SDF's terms with Damascus and Moscow already hold")
		}
	case OrderAskShipment, OrderGrant:
		if e.runningCorridor() < 0 {
			return invalid("no corridor of Iran's runs today")
		}
	case OrderDispatch:
		if o.Corridor < 0 || int(o.Corridor) >= len(sc.Corridors) {
			return invalid("no corridor %d", o.Corridor)
		}
		if o.Interval < 0 || o.Interval > maxDispatchInterval {
			return invalid("interval must lie in 0..%d turns", maxDispatchInterval)
		}
	}
	return nil
}

func allows(d DecisionKind, o OrderKind) bool {
	for _, k := range allowedFor(d) {
		if k == o {
			return true
		}
	}
	return false
}

func (e *Engine) apply(a Actor, o Order) {
	st, sc := &e.st, e.sc
	var d *Decision
	if o.Decision != 0 {
		d = e.findDecision(o.Decision)
		if o.Kind != OrderStrike {
			d.Done = true
		}
	}
	switch o.Kind {
	case OrderStrike:
		pos, _ := e.TargetPos(o.Target)
		e.syncAssessCache() // Israel has mostly just weighed this route
		as := e.assessAt(o.Route, pos)
		st.Missions = append(st.Missions, Mission{
			ID: e.newID(), Planned: st.Turn, Target: o.Target, TargetPos: pos, Route: o.Route,
			Package: o.Package, Notice: o.Notice, SkipReview: o.SkipReview, Status: MissionPlanned,
			Reasons: as.Reasons, FlyTurn: st.Turn, Exposure: as.Exposure, SyriaExposure: as.SyriaExposure, InUSZone: as.InUSZone,
			InHalt: as.InHalt, NearRussia: as.NearRussia,
		})
	case OrderApprove:
		r := e.request(d.Subject)
		m := e.mission(r.Mission)
		r.Status = RequestApproved
		st.Count[MetricApproved]++
		e.addTrust(e.param(ParamApprovalTrustGain), CauseApproval, -1, m.ID)
		e.reviewLeak(1)
		m.Status = MissionCleared
		if m.InHalt {
			m.Status = MissionAwaiting
		}
		e.note(LogApproved, USA, Israel, -1, m.ID, 0)
	case OrderCondition:
		r := e.request(d.Subject)
		m := e.mission(r.Mission)
		r.Status, r.AltRoute, r.Delay = RequestConditioned, o.Route, o.Delay
		st.Count[MetricConditioned]++
		e.reviewLeak(1)
		m.Status = MissionAwaiting
		m.Reasons |= ReasonCondition
		e.note(LogConditioned, USA, Israel, -1, m.ID, int64(o.Delay))
	case OrderDeny:
		r := e.request(d.Subject)
		m := e.mission(r.Mission)
		r.Status = RequestDenied
		st.Count[MetricDenied]++
		e.addTrust(-e.param(ParamDenialTrustCost), CauseDenial, -1, m.ID)
		e.reviewLeak(-1)
		m.Status = MissionAwaiting
		m.Reasons |= ReasonDenied
		e.note(LogDenied, USA, Israel, -1, m.ID, 0)
	case OrderDefer:
		r := e.request(d.Subject)
		r.Status = RequestDeferred
		r.Deferrals++
		st.Count[MetricDeferred]++
		e.note(LogDeferred, USA, Israel, -1, r.Mission, 0)
	case OrderComply:
		m := e.mission(d.Subject)
		if m.Reasons&ReasonCondition != 0 && m.Reasons&ReasonDenied == 0 && !m.InHalt {
			r := e.request(m.Request)
			if r.AltRoute >= 0 {
				as := e.Assess(r.AltRoute, m.TargetPos)
				m.Route, m.Exposure, m.SyriaExposure, m.InUSZone, m.NearRussia = r.AltRoute, as.Exposure, as.SyriaExposure, as.InUSZone, as.NearRussia
			}
			m.FlyTurn = st.Turn + r.Delay
			m.Status = MissionCleared
			break
		}
		m.Status = MissionWithdrawn
		st.Count[MetricWithdrawn]++
		e.note(LogWithdrawn, Israel, USA, -1, m.ID, e.withdrawnWhy(m))
	case OrderWithdraw:
		m := e.mission(d.Subject)
		m.Status = MissionWithdrawn
		st.Count[MetricWithdrawn]++
		e.note(LogWithdrawn, Israel, USA, -1, m.ID, e.withdrawnWhy(m))
	case OrderProceed:
		m := e.mission(d.Subject)
		m.Status = MissionProceeding
		if m.Reasons&(ReasonDenied|ReasonCondition) != 0 {
			m.Violation = true
		}
	case OrderRetaliate:
		id := e.newID()
		st.Attacks = append(st.Attacks, Attack{ID: id, Site: d.Subject, Method: o.Method, Claimed: o.Claim, Due: st.Turn + attackLeadTurns})
		e.note(LogAttackOrdered, Iran, e.Owner(d.Subject), d.Subject, id, int64(o.Method))
	case OrderHold:
		// nothing happens; the decision is answered
	case OrderWarn:
		at := e.attack(d.Subject)
		at.Warned = true
		st.Count[MetricWarnings]++
		e.addTrust(e.param(ParamWarningTrustGain), CauseWarning, at.Site, at.ID)
		e.note(LogWarning, Israel, USA, at.Site, at.ID, 0)
	case OrderEvacuate:
		st.Sites[o.Site].EvacuatedTill = st.Turn + int32(e.param(ParamEvacuationTurns))
		st.Count[MetricEvacuations]++
		e.note(LogEvacuation, USA, NoActor, o.Site, -1, e.param(ParamEvacuationTurns)+1) // this turn and the ones after
	case OrderHarden:
		st.Sites[o.Site].Hardened = true
		e.note(LogHardening, USA, NoActor, o.Site, -1, 0)
	case OrderReturn:
		st.Sites[o.Site].EvacuatedTill = -1
		e.note(LogReturn, USA, NoActor, o.Site, -1, 0)
	case OrderRespond:
		e.respond(d.Subject, o.Strike, o.Blame)
	case OrderHalt:
		e.addHalt(Area{Center: sc.Sites[o.Site].Pos, Radius: o.Radius}, o.Days, -1, o.Site)
	case OrderPrivateMessage:
		st.Count[MetricPrivateMessages]++
		eff := e.param(ParamPrivateMessageEffect)
		e.addComplicity(-scale(st.Complicity, eff))
		e.addGrievance(TowardUSA, -scale(st.Grievance[TowardUSA], eff/messageGrievance))
		st.LastMessage = st.Turn
		e.note(LogPrivateMessage, USA, Iran, -1, -1, 0)
	case OrderDispatch:
		st.Corridors[o.Corridor].Interval = int64(o.Interval)
		st.Corridors[o.Corridor].Next = st.Turn
		e.note(LogDispatch, Iran, NoActor, -1, o.Corridor, int64(o.Interval))
	case OrderFireAll, OrderFireSelective, OrderHoldFire:
		st.Posture = int8(o.Kind - OrderFireAll)
		e.note(LogPosture, Syria, Israel, -1, -1, int64(st.Posture))
	case OrderAcknowledge, OrderProtest, OrderAskDelay:
		e.answerNotice(e.mission(d.Subject), o.Kind)
	case OrderFireGolan:
		e.fireGolan(d.Subject)
	case OrderRaid:
		e.raid()
	case OrderOffensive:
		e.offensive()
	case OrderDivert:
		e.divert()
	case OrderSeekTerms:
		e.seekTerms()
	case OrderAskShipment:
		e.askShipment(d.Subject)
	case OrderGrant:
		e.grantShipment()
	case OrderDecline:
		e.note(LogShipmentAnswer, Iran, Hezbollah, -1, d.Subject, 0)
	}
}

// respond carries out the US answer to an attack.
func (e *Engine) respond(attack int32, strike, blame bool) {
	st, sc := &e.st, e.sc
	if strike {
		st.Count[MetricUSResponses]++
		e.addDeterrence(TowardUSA, e.param(ParamDeterrencePerResponse))
		e.addGrievance(TowardUSA, e.param(ParamGrievancePerResponse))
		e.addEscalation(USAIran, e.param(ParamEscalationPerResponse), CauseResponse, -1, attack)
		site := int32(-1)
		for i := range sc.Sites {
			if sc.Sites[i].Kind == SiteMilitia && st.Sites[i].DisabledTill < st.Turn {
				st.Sites[i].DisabledTill = st.Turn + e.turnsFromDays(disabledDays) - 1
				e.touchAssess()
				site = int32(i)
				break
			}
		}
		e.note(LogUSResponse, USA, Iran, site, attack, 0)
	} else {
		// unpunished, the militias grow bolder
		e.addGrievance(TowardUSA, e.param(ParamGrievancePerSilence))
	}
	if blame {
		e.addDeterrence(TowardUSA, e.param(ParamDeterrencePerResponse)/blameDeterrence)
		e.addEscalation(USAIran, e.param(ParamEscalationPerBlame), CauseBlame, -1, attack)
		e.addTalks(-e.param(ParamTalksLossPerBlame), CauseBlame, -1, attack)
		e.note(LogBlame, USA, Iran, -1, attack, 0)
	} else {
		e.note(LogSilence, USA, Iran, -1, attack, 0)
	}
}

// DefaultOrder returns the order that answers a decision when its actor
// leaves it: plan nothing, defer, stand down, hold, do nothing, stay silent.
func DefaultOrder(d Decision) Order {
	o := Order{Decision: d.ID}
	switch d.Kind {
	case DecidePlan:
		o.Kind = OrderEndPlanning
	case DecideRequest:
		o.Kind = OrderDefer
	case DecideResponse:
		o.Kind = OrderWithdraw
	case DecideAttackResponse:
		o.Kind = OrderRespond
	case DecideAirDefence:
		o.Kind = OrderFireAll
	case DecideNotice:
		o.Kind = OrderAcknowledge
	case DecideSupply:
		o.Kind = OrderDecline
	default: // retaliation, warning, protection, Hezbollah's answer, the insurgency, Turkey's offensive, the SDF's front
		o.Kind = OrderHold
	}
	return o
}

// withdrawnWhy says why Israel gives up a mission it answers for: the
// denial, the halt, or the condition it would not accept (the route before
// the delay when the US asked for both).
func (e *Engine) withdrawnWhy(m *Mission) int64 {
	switch {
	case m.Reasons&ReasonDenied != 0:
		return WithdrawnDenied
	case m.InHalt:
		return WithdrawnHalt
	case m.Reasons&ReasonCondition != 0:
		if r := e.request(m.Request); r != nil && r.AltRoute >= 0 {
			return WithdrawnRoute
		}
		return WithdrawnDelay
	}
	return WithdrawnUnsaid
}

// cooldownText says why a private message is refused within its cool-down:
// when Tehran last heard from Washington, and from which turn (counted from
// 1, as players see them) another message carries weight, or that none will
// before the scenario ends.
func cooldownText(turn, last, cool, turns int32) string {
	ago := fmt.Sprintf("%d turns ago", turn-last)
	switch turn - last {
	case 0:
		ago = "this turn"
	case 1:
		ago = "last turn"
	}
	if next := last + cool; next < turns {
		return fmt.Sprintf("Tehran heard from Washington %s; another message carries weight from turn %d", ago, next+1)
	}
	return fmt.Sprintf("Tehran heard from Washington %s; no other message will carry weight before the scenario ends", ago)
}

// reviewLeak lets a US answer to a review reach Tehran, with chance
// review_leak (a draw from the leak stream even at chance 0): an approval or
// a condition (sign 1) adds leak_complicity to the complicity Iran
// perceives, a denial (sign -1) takes it away. What Iran believes follows what
// it learns of the review, not only where the jets flew.
func (e *Engine) reviewLeak(sign int64) {
	if e.st.Rand[streamLeak].Chance(e.param(ParamReviewLeak)) {
		e.addComplicity(sign * e.param(ParamLeakComplicity))
	}
}
