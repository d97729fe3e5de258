package sim

// Preview is what an order would change among the risks the deciding actor
// can see. It is read from a copy of the engine that the order was applied
// to (see Clone), through the functions the engine itself uses, so it shows
// what Apply would do. It never changes the state.
type Preview struct {
	Lines []PreviewLine
}

// PreviewLine is one quantity before and after the order, with the terms
// that make it up.
type PreviewLine struct {
	Label         string
	Unit          string // "%", "level", "points", "troops"
	Scale         int64  // the displayed value is Before/Scale (×100 for "%")
	Before, After int64
	Terms         []Term
	// When is empty for a line whose After is the quantity as it stands
	// once the order is applied. Otherwise After is a chance, or an
	// expectation, of what comes later, and When says when ("when it
	// flies", "when the attack lands").
	When string
}

// Term is one factor of a quantity, before and after the order.
type Term struct {
	Name          string
	Scale         int64
	Before, After int64
}

// When a line's After comes true.
const (
	whenFlown  = "when it flies"
	whenLanded = "when the attack lands"
	// whenNextKills is a branch: an attack on a US site that kills one
	whenNextKills = "if the next attack kills one"
)

// chanceLine shows the chance of something that happens when the mission flies.
func chanceLine(label string, before, after int64) PreviewLine {
	return PreviewLine{Label: label, Unit: "%", Scale: Micro, Before: before, After: after, When: whenFlown}
}

func levelLine(label, unit string, before, after int64) PreviewLine {
	return PreviewLine{Label: label, Unit: unit, Scale: Milli, Before: before, After: after}
}

// later marks a line as an expectation of what comes true when said.
func later(when string, l PreviewLine) PreviewLine {
	l.When = when
	return l
}

// Preview returns what an order would change, or the error Apply would give.
func (e *Engine) Preview(a Actor, o Order) (Preview, error) {
	if err := e.Check(a, o); err != nil {
		return Preview{}, err
	}
	p := e.Clone(e.preview) // p: the engine after the order
	e.preview = p
	p.apply(a, o)
	st := &e.st
	var lines []PreviewLine
	switch o.Kind {
	case OrderStrike:
		lines = p.strikeLines(&p.st.Missions[len(p.st.Missions)-1], lines)
	case OrderApprove, OrderCondition:
		m := e.mission(e.request(e.findDecision(o.Decision).Subject).Mission)
		exposure, inZone := m.Exposure, m.InUSZone
		if o.Kind == OrderCondition && o.Route >= 0 {
			as := p.Assess(o.Route, m.TargetPos)
			exposure, inZone = as.Exposure, as.InUSZone
			lines = append(lines, later("on the route asked for, when it flies",
				chanceLine("strike success", e.SuccessChance(m.Target, m.Package, m.Exposure), p.SuccessChance(m.Target, m.Package, exposure))))
		}
		if o.Kind == OrderCondition && o.Delay > 0 {
			lines = append(lines, PreviewLine{Label: "turns before the strike may fly", Unit: "turns", Scale: 1, After: int64(p.request(m.Request).Delay)})
		}
		trust := levelLine("Israel–US trust", "points", st.Trust, p.st.Trust)
		p.st.Grievance, p.st.Complicity = p.expectedAfterStrike(m, inZone, exposure)
		lines = e.hazardLines(p, USA, "once the strike flies", lines)
		lines = append(lines, trust)
	case OrderDeny:
		lines = append(lines, levelLine("Israel–US trust", "points", st.Trust, p.st.Trust))
		lines = e.hazardLines(p, USA, "", lines)
	case OrderDefer:
		id := e.findDecision(o.Decision).Subject
		before := e.turnsLeft(e.request(id))
		p.st.Turn++ // the request comes back at the next turn's review
		lines = append(lines, later("when it comes back next turn", PreviewLine{Label: "turns left before it expires", Unit: "turns", Scale: 1,
			Before: before, After: p.turnsLeft(p.request(id))}))
	case OrderProceed:
		m := p.mission(e.findDecision(o.Decision).Subject)
		lines = append(lines, chanceLine("US discovers the violation", 0, p.param(ParamViolationDiscovery)))
		trust := p.st.Trust
		p.addTrust(-p.param(ParamViolationTrustCost), CauseViolationFound, -1, m.ID)
		lines = append(lines, later(whenFlown, levelLine("Israel–US trust if discovered", "points", trust, p.st.Trust)))
		lines = p.strikeLines(m, lines)
	case OrderComply, OrderWithdraw:
		id := e.findDecision(o.Decision).Subject
		m, pm := e.mission(id), p.mission(id)
		after := int64(0)
		if pm.Status != MissionWithdrawn {
			after = p.SuccessChance(pm.Target, pm.Package, pm.Exposure)
		}
		lines = append(lines, chanceLine("strike success", e.SuccessChance(m.Target, m.Package, m.Exposure), after))
	case OrderRetaliate:
		site := e.findDecision(o.Decision).Subject
		deaths := e.present(site) * e.lethality(site, o.Method) // micro deaths
		lines = append(lines, later(whenLanded, PreviewLine{Label: "expected deaths at " + e.sc.Sites[site].Name, Unit: "people", Scale: Micro, After: deaths}))
		pair := IsraelIran
		if e.Owner(site) == USA {
			pair = USAIran
			expected := (deaths + Micro/2) / Micro
			rise, loss := p.attackCosts(o.Claim, expected) // at the expected toll, rounded
			p.addEscalation(pair, rise, CauseAttack, site, -1)
			p.addTalks(-loss, CauseAttack, site, -1)
			lines = append(lines, later(whenLanded, levelLine("talks progress", "%", st.Talks, p.st.Talks)))
			if expected < 1 {
				// the branch that decides most, which the average hides: someone is killed
				lines = e.deathBranch(e.Clone(nil), o.Claim, site, whenLanded, " if one is killed", lines)
			}
		} else {
			p.addEscalation(pair, israelAttackEscalation*p.param(ParamEscalationPerAttack), CauseAttackOnIsrael, site, -1) // as the engine answers an attack on Israel
		}
		lines = append(lines, later(whenLanded, levelLine(pair.String()+" ladder", "level", st.Escalation[pair], p.st.Escalation[pair])))
	case OrderWarn:
		lines = append(lines, levelLine("Israel–US trust", "points", st.Trust, p.st.Trust))
	case OrderEvacuate, OrderHarden:
		lines = append(lines, PreviewLine{Label: "expected deaths if attacked", Unit: "people", Scale: Micro,
			Before: e.present(o.Site) * e.lethality(o.Site, MethodDrones), After: p.present(o.Site) * p.lethality(o.Site, MethodDrones)})
		if o.Kind == OrderEvacuate {
			lines = append(lines, PreviewLine{Label: "counter-IS progress a turn", Unit: "%", Scale: Milli, Before: e.counterISGain(), After: p.counterISGain()})
		}
	case OrderRespond:
		lines = append(lines, levelLine(USAIran.String()+" ladder", "level", st.Escalation[USAIran], p.st.Escalation[USAIran]))
		lines = append(lines, levelLine("talks progress", "%", st.Talks, p.st.Talks))
		lines = e.hazardLines(p, USA, "", lines)
		// what the response leaves the talks and the ladder at should the next
		// attack on a US site kill one: rare, but it decides the talks
		lines = e.deathBranch(p.Clone(nil), false, -1, whenNextKills, "", lines)
	case OrderPrivateMessage:
		lines = e.hazardLines(p, USA, "", lines)
	case OrderAcknowledge, OrderProtest, OrderAskDelay:
		id := e.findDecision(o.Decision).Subject
		m, pm := e.mission(id), p.mission(id)
		incB, leakB := e.noticeRisks(m.Notice)
		incA, leakA := p.noticeRisks(pm.Notice)
		lines = append(lines,
			levelLine(IsraelRussia.String()+" ladder", "level", st.Escalation[IsraelRussia], p.st.Escalation[IsraelRussia]),
			chanceLine("incident with Russian forces", incB, incA),
			chanceLine("the strike leaks to its target", leakB, leakA),
			PreviewLine{Label: "turns the strike waits", Unit: "turns", Scale: 1,
				Before: int64(max(0, m.FlyTurn-st.Turn)), After: int64(max(0, pm.FlyTurn-st.Turn))})
	case OrderFireGolan:
		site := e.golanTarget()
		p.addEscalation(IsraelIran, israelAttackEscalation*p.param(ParamEscalationPerAttack), CauseAttackOnIsrael, site, -1) // as the engine answers an attack on Israel
		lines = append(lines, later(whenLanded, levelLine(IsraelIran.String()+" ladder", "level", st.Escalation[IsraelIran], p.st.Escalation[IsraelIran])))
	case OrderRaid, OrderOffensive:
		lines = append(lines, levelLine("counter-IS progress", "%", st.CounterIS, p.st.CounterIS))
	case OrderDivert, OrderSeekTerms:
		if o.Kind == OrderSeekTerms {
			lines = append(lines, levelLine("counter-IS progress", "%", st.CounterIS, p.st.CounterIS))
		}
		lines = append(lines, PreviewLine{Label: "counter-IS progress a turn", Unit: "%", Scale: Milli, Before: e.counterISGain(), After: p.counterISGain()},
			levelLine("counter-IS progress a Turkish offensive would cost", "%", e.offensiveCost(), p.offensiveCost()))
	case OrderAskShipment, OrderGrant:
		when := "if Iran grants it"
		if o.Kind == OrderGrant {
			when = ""
		} else {
			p.grantShipment()
		}
		lines = append(lines, later(when, PreviewLine{Label: "shipments on their way to Hezbollah", Unit: "shipments", Scale: 1,
			Before: int64(len(st.Shipments)), After: int64(len(p.st.Shipments))}))
	case OrderFireAll, OrderFireSelective, OrderHoldFire:
		downB, lostB := e.raidOdds()
		downA, lostA := p.raidOdds()
		lines = append(lines,
			later("tonight", PreviewLine{Label: "Israeli aircraft expected down", Unit: "aircraft", Scale: Micro, Before: downB, After: downA}),
			later("tonight", PreviewLine{Label: "Syrian batteries expected lost", Unit: "batteries", Scale: Micro, Before: lostB, After: lostA}))
	}
	return Preview{Lines: lines}, nil
}

// deathBranch adds the branch an expectation hides: the talks and the
// US–Iran ladder once an attack on a US site kills one, applied to q (a copy
// to spend) as the engine answers such an attack (attackCosts), against
// their values now. suffix ends each line's label (" if one is killed").
func (e *Engine) deathBranch(q *Engine, claimed bool, site int32, when, suffix string, lines []PreviewLine) []PreviewLine {
	rise, loss := q.attackCosts(claimed, 1)
	q.addEscalation(USAIran, rise, CauseAttack, site, -1)
	q.addTalks(-loss, CauseAttack, site, -1)
	return append(lines, later(when, levelLine("talks progress"+suffix, "%", e.st.Talks, q.st.Talks)),
		later(when, levelLine(USAIran.String()+" ladder"+suffix, "level", e.st.Escalation[USAIran], q.st.Escalation[USAIran])))
}

// hazardLines compares the attack hazard at the owner's exposed sites here
// and in after (the engine after the order); when says when the after
// values come true ("": right after the order).
func (e *Engine) hazardLines(after *Engine, owner Actor, when string, lines []PreviewLine) []PreviewLine {
	for _, i := range e.exposed {
		if e.Owner(i) != owner || !e.Exposed(i) {
			continue
		}
		b, a := e.Hazard(i), after.Hazard(i)
		lines = append(lines, PreviewLine{
			Label: e.sc.Sites[i].Name + " attack hazard", Unit: "%", Scale: Micro, Before: b.Hazard, After: a.Hazard, When: when,
			Terms: []Term{
				{"base", Micro, b.Base, a.Base},
				{"grievance", Milli, b.Grievance, a.Grievance},
				{"complicity", Micro, b.Complicity, a.Complicity},
				{"proximity", Micro, b.Proximity, a.Proximity},
				{"1 - deterrence", Micro, Micro - b.Deterrence, Micro - a.Deterrence},
				{"1 + ladder", Milli, b.Escalation, a.Escalation},
			},
		})
	}
	return lines
}

// expectedAfterStrike returns Iran's grievance and perceived complicity as
// expected after the mission flies: complicity rises if the route crosses a
// US zone, grievance by the expected damage and the expected US share.
func (e *Engine) expectedAfterStrike(m *Mission, inZone bool, exposure int64) ([NumAdversaries]int64, int64) {
	st := &e.st
	c := st.Complicity
	if inZone {
		c = min(Micro, c+e.param(ParamComplicityPerStrike))
	}
	p := e.SuccessChance(m.Target, m.Package, exposure)
	value := e.TargetValue(m.Target)
	g := st.Grievance
	gain := e.param(ParamGrievancePerStrike) * value / Milli
	gain = scale(gain, p) + scale(gain/missGrievanceDivisor, Micro-p)
	g[TowardIsrael] = min(MaxPoints, g[TowardIsrael]+gain)
	g[TowardUSA] = min(MaxPoints, g[TowardUSA]+scale(scale(gain, e.param(ParamAttributionUS)), c))
	return g, c
}

// strikeLines shows the chances of a planned mission as it stands in this
// engine (a copy: it may change it), and the complicity Iran will perceive
// once it flies.
func (e *Engine) strikeLines(m *Mission, lines []PreviewLine) []PreviewLine {
	intercept := PackageIntercept(e.Intercept(m.Exposure), m.Package)
	lines = append(lines,
		chanceLine("strike success", 0, e.SuccessChance(m.Target, m.Package, m.Exposure)),
		chanceLine("interception", 0, intercept),
		chanceLine("aircraft lost", 0, e.aircraftLoss(intercept)))
	if m.NearRussia {
		inc, leak := e.noticeRisks(m.Notice)
		lines = append(lines, chanceLine("incident with Russia", 0, inc), chanceLine("leak to the target", 0, leak))
	}
	if m.InUSZone {
		c := e.st.Complicity
		e.addComplicity(e.param(ParamComplicityPerStrike))
		lines = append(lines, later(whenFlown, PreviewLine{Label: "perceived US complicity", Unit: "%", Scale: Micro, Before: c, After: e.st.Complicity}))
	}
	return lines
}
