package sim

// Preview is what an order would change among the risks the deciding actor
// can see, computed from the same terms the engine draws from. It never
// changes the state.
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
}

// Term is one factor of a quantity, before and after the order.
type Term struct {
	Name          string
	Scale         int64
	Before, After int64
}

func chanceLine(label string, before, after int64) PreviewLine {
	return PreviewLine{Label: label, Unit: "%", Scale: Micro, Before: before, After: after}
}

func levelLine(label, unit string, before, after int64) PreviewLine {
	return PreviewLine{Label: label, Unit: unit, Scale: Milli, Before: before, After: after}
}

// hazardLines compares the attack hazard at the actor's exposed sites under
// the current and a hypothetical grievance, complicity and deterrence.
func (e *Engine) hazardLines(owner Actor, grievance [NumAdversaries]int64, complicity int64, deterrence [NumAdversaries]int64, escalation [NumPairs]int64, lines []PreviewLine) []PreviewLine {
	st := &e.st
	for i := range e.sc.Sites {
		if e.sc.Sites[i].Owner != owner || !e.Exposed(int32(i)) {
			continue
		}
		b := e.hazardWith(int32(i), st.Grievance, st.Complicity, st.Deterrence, st.Escalation)
		a := e.hazardWith(int32(i), grievance, complicity, deterrence, escalation)
		lines = append(lines, PreviewLine{
			Label: e.sc.Sites[i].Name + " attack hazard", Unit: "%", Scale: Micro, Before: b.Hazard, After: a.Hazard,
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

// Preview returns what an order would change, or the error Apply would give.
func (e *Engine) Preview(a Actor, o Order) (Preview, error) {
	if err := e.Check(a, o); err != nil {
		return Preview{}, err
	}
	st := &e.st
	var lines []PreviewLine
	switch o.Kind {
	case OrderStrike:
		pos, _ := e.TargetPos(o.Target)
		as := e.Assess(o.Route, pos)
		lines = e.strikeLines(o.Target, o.Package, o.Notice, as, lines)
	case OrderApprove, OrderCondition:
		r := e.request(e.findDecision(o.Decision).Subject)
		m := e.mission(r.Mission)
		inZone, exposure := m.InUSZone, m.Exposure
		if o.Kind == OrderCondition && o.Route >= 0 {
			as := e.Assess(o.Route, m.TargetPos)
			inZone, exposure = as.InUSZone, as.Exposure
			lines = append(lines, chanceLine("strike success", e.SuccessChance(m.Target, m.Package, m.Exposure), e.SuccessChance(m.Target, m.Package, exposure)))
		}
		if o.Kind == OrderCondition && o.Delay > 0 {
			lines = append(lines, PreviewLine{Label: "turns before the strike may fly", Unit: "turns", Scale: 1, After: int64(o.Delay)})
		}
		g, c := e.expectedAfterStrike(m, inZone, exposure)
		lines = e.hazardLines(USA, g, c, st.Deterrence, st.Escalation, lines)
		trust := st.Trust
		if o.Kind == OrderApprove {
			trust = min(MaxPoints, trust+e.param(ParamApprovalTrustGain))
		}
		lines = append(lines, levelLine("Israel–US trust", "points", st.Trust, trust))
	case OrderDeny:
		lines = append(lines, levelLine("Israel–US trust", "points", st.Trust, max(0, st.Trust-e.param(ParamDenialTrustCost))))
		lines = e.hazardLines(USA, st.Grievance, st.Complicity, st.Deterrence, st.Escalation, lines)
	case OrderDefer:
		r := e.request(e.findDecision(o.Decision).Subject)
		lines = append(lines, PreviewLine{Label: "turns left before it expires", Unit: "turns", Scale: 1,
			Before: int64(int32(e.param(ParamRequestExpiry)) - (st.Turn - r.Raised)), After: int64(int32(e.param(ParamRequestExpiry)) - (st.Turn - r.Raised) - 1)})
	case OrderProceed:
		m := e.mission(e.findDecision(o.Decision).Subject)
		p := e.param(ParamViolationDiscovery)
		lines = append(lines, chanceLine("US discovers the violation", 0, p))
		lines = append(lines, levelLine("Israel–US trust if discovered", "points", st.Trust, max(0, st.Trust-e.param(ParamViolationTrustCost))))
		lines = e.strikeLines(m.Target, m.Package, m.Notice, Assessment{Exposure: m.Exposure, NearRussia: m.NearRussia, InUSZone: m.InUSZone}, lines)
	case OrderComply, OrderWithdraw:
		m := e.mission(e.findDecision(o.Decision).Subject)
		after := int64(0)
		if o.Kind == OrderComply && m.Reasons&ReasonCondition != 0 && m.Reasons&ReasonDenied == 0 && !m.InHalt {
			r := e.request(m.Request)
			exposure := m.Exposure
			if r.AltRoute >= 0 {
				exposure = e.Assess(r.AltRoute, m.TargetPos).Exposure
			}
			after = e.SuccessChance(m.Target, m.Package, exposure)
		}
		lines = append(lines, chanceLine("strike success", e.SuccessChance(m.Target, m.Package, m.Exposure), after))
	case OrderRetaliate:
		site := e.findDecision(o.Decision).Subject
		deaths := e.present(site) * e.lethality(site, o.Method) // micro deaths
		lines = append(lines, PreviewLine{Label: "expected deaths at " + e.sc.Sites[site].Name, Unit: "people", Scale: Micro, After: deaths})
		pair := IsraelIran
		rise := e.param(ParamEscalationPerAttack) + perMicro(deaths, e.param(ParamEscalationPerDeath))
		if e.sc.Sites[site].Owner == USA {
			pair = USAIran
			loss := e.param(ParamTalksLossPerAttack) + perMicro(deaths, e.param(ParamTalksLossPerDeath))
			if o.Claim {
				rise = rise * claimedEscalation / Milli
				loss *= claimedTalksLoss
			}
			lines = append(lines, levelLine("talks progress", "%", st.Talks, max(0, st.Talks-loss)))
		} else {
			rise = israelAttackEscalation * e.param(ParamEscalationPerAttack) // as the engine answers an attack on Israel
		}
		lines = append(lines, levelLine(pair.String()+" ladder", "level", st.Escalation[pair], min(MaxLevel, st.Escalation[pair]+rise)))
	case OrderWarn:
		lines = append(lines, levelLine("Israel–US trust", "points", st.Trust, min(MaxPoints, st.Trust+e.param(ParamWarningTrustGain))))
	case OrderEvacuate, OrderHarden:
		lethality := e.lethality(o.Site, MethodDrones)
		present, after := e.present(o.Site), e.present(o.Site)
		afterLethality := lethality
		if o.Kind == OrderEvacuate {
			after = evacuated(st.Sites[o.Site].Troops)
		} else {
			afterLethality /= hardenedLethality
		}
		lines = append(lines, PreviewLine{Label: "expected deaths if attacked", Unit: "people", Scale: Micro,
			Before: present * lethality, After: after * afterLethality})
		if o.Kind == OrderEvacuate {
			before, afterGain := e.counterISGain(-1), e.counterISGain(o.Site)
			lines = append(lines, PreviewLine{Label: "counter-IS progress a turn", Unit: "%", Scale: Milli, Before: before, After: afterGain})
		}
	case OrderRespond:
		rise := int64(0)
		d := st.Deterrence
		talks := st.Talks
		g := st.Grievance
		if o.Strike {
			rise += e.param(ParamEscalationPerResponse)
			d[TowardUSA] = min(Micro, d[TowardUSA]+e.param(ParamDeterrencePerResponse))
			g[TowardUSA] = min(MaxPoints, g[TowardUSA]+e.param(ParamGrievancePerResponse))
		}
		if o.Blame {
			rise += e.param(ParamEscalationPerBlame)
			d[TowardUSA] = min(Micro, d[TowardUSA]+e.param(ParamDeterrencePerResponse)/blameDeterrence)
			talks = max(0, talks-e.param(ParamTalksLossPerBlame))
		}
		lines = append(lines, levelLine("US–Iran ladder", "level", st.Escalation[USAIran], min(MaxLevel, st.Escalation[USAIran]+rise)))
		lines = append(lines, levelLine("talks progress", "%", st.Talks, talks))
		esc := st.Escalation
		esc[USAIran] = min(MaxLevel, esc[USAIran]+rise)
		lines = e.hazardLines(USA, g, st.Complicity, d, esc, lines)
	case OrderPrivateMessage:
		c, g := st.Complicity, st.Grievance
		eff := e.param(ParamPrivateMessageEffect)
		c -= scale(c, eff)
		g[TowardUSA] -= scale(g[TowardUSA], eff/messageGrievance)
		lines = e.hazardLines(USA, g, c, st.Deterrence, st.Escalation, lines)
	}
	return Preview{Lines: lines}, nil
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

func (e *Engine) strikeLines(t Target, pkg, notice int8, as Assessment, lines []PreviewLine) []PreviewLine {
	intercept := e.Intercept(as.Exposure)
	lines = append(lines,
		chanceLine("strike success", 0, e.SuccessChance(t, pkg, as.Exposure)),
		chanceLine("interception", 0, intercept),
		chanceLine("aircraft lost", 0, e.aircraftLoss(intercept)))
	if as.NearRussia {
		inc, leak := e.noticeRisks(notice)
		lines = append(lines, chanceLine("incident with Russia", 0, inc), chanceLine("leak to the target", 0, leak))
	}
	if as.InUSZone {
		c := e.st.Complicity
		lines = append(lines, PreviewLine{Label: "perceived US complicity", Unit: "%", Scale: Micro, Before: c,
			After: min(Micro, c+e.param(ParamComplicityPerStrike))})
	}
	return lines
}

// perMicro returns x·p/1e6 for x in micro units without overflowing.
func perMicro(x, p int64) int64 { return x/Micro*p + x%Micro*p/Micro }
