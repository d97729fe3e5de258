package sim

// Scopes: conditions and objectives that count part of a run (one site, the
// sites in a zone, one actor's orders), and objectives that are conditional
// or time-windowed. The state keeps what they need only when the scenario
// has them (see lang), so the runs of other scenarios stay as they were.

// ScopeKind says what part of the run a condition or objective counts.
type ScopeKind uint8

// The scope kinds.
const (
	ScopeRun   ScopeKind = iota // the whole run: the metric as reported
	ScopeSite                   // one site (Index); SiteMetric says which metrics
	ScopeZone                   // the sites inside a zone's area (Index), whatever its dates
	ScopeActor                  // the orders of kind Order one actor (Index) gave
)

// Scope narrows a condition or objective to part of the run.
type Scope struct {
	Kind  ScopeKind
	Index int32 // the site, zone or actor
	Order OrderKind
}

// siteMetrics are the metrics a site or zone scope counts.
var siteMetrics = [...]Metric{MetricStrikes, MetricTargetsHit, MetricAttacksOnUS, MetricAttacksOnIsrael, MetricUSCasualties, MetricUSInjured, MetricUSTroops}

// SiteMetric reports whether a metric can be counted at a site or in a zone.
func SiteMetric(m Metric) bool {
	for _, x := range siteMetrics {
		if x == m {
			return true
		}
	}
	return false
}

// SiteMetricKeys lists the metric keys a site or zone scope counts.
func SiteMetricKeys() []string {
	out := make([]string, len(siteMetrics))
	for i, m := range siteMetrics {
		out[i] = m.String()
	}
	return out
}

// SiteTally counts what happened at one site.
type SiteTally struct {
	Strikes int64 // strike missions flown at it
	Hits    int64 // of them, the ones that destroyed it
	Attacks int64 // attacks that landed on it
	Deaths  int64 // US service members killed there
	Injured int64 // US service members injured there
}

// Window is what a conditional or time-windowed objective needs: whether
// and when it armed, and its metric's value then.
type Window struct {
	Armed bool
	Turn  int32
	Base  int64
}

// lang says which parts of the richer language a scenario uses, and so
// which of the state's optional slices a run keeps.
type lang struct {
	tally, orders, windows, setups, siteMods, owners, watch bool
}

func (sc *Scenario) lang() lang {
	var l lang
	scope := func(s Scope) {
		switch s.Kind {
		case ScopeSite, ScopeZone:
			l.tally = true
		case ScopeActor:
			l.orders = true
		}
	}
	for i := range sc.Events {
		ev := &sc.Events[i]
		if ev.Day < 0 {
			scope(ev.Cond.Scope)
		}
		for _, c := range ev.Timing().Also {
			scope(c.Scope)
		}
		for j := range ev.Effects {
			switch ev.Effects[j].Kind {
			case EffectPolicy:
				l.setups = true
			case EffectHardness, EffectProximity, EffectSiteAD:
				l.siteMods = true
			case EffectOwner:
				l.owners = true
			case EffectDetected:
				l.watch = l.watch || ev.Effects[j].Corridor >= 0
			}
		}
	}
	for i := range sc.Objectives {
		o := &sc.Objectives[i]
		scope(o.Scope)
		if o.If != nil {
			scope(o.If.Scope)
		}
		l.windows = l.windows || o.Windowed()
	}
	return l
}

// Value returns a condition's metric within its scope, in the metric's
// stored scale.
func (e *Engine) Value(m Metric, s Scope) int64 {
	switch s.Kind {
	case ScopeSite:
		return e.siteValue(s.Index, m)
	case ScopeZone:
		var n int64
		area := &e.sc.Zones[s.Index].Area
		for i := range e.sc.Sites {
			if area.Contains(e.sc.Sites[i].Pos) {
				n += e.siteValue(int32(i), m)
			}
		}
		return n
	case ScopeActor:
		if len(e.st.Orders) == 0 {
			return 0
		}
		return e.st.Orders[int(s.Index)*int(NumOrderKinds)+int(s.Order)]
	}
	return e.Metric(m)
}

// Holds reports whether a condition holds now.
func (e *Engine) Holds(c Condition) bool { return c.Holds(e.Value(c.Metric, c.Scope)) }

// siteValue is a site metric at one site.
func (e *Engine) siteValue(site int32, m Metric) int64 {
	if m == MetricUSTroops {
		if e.Owner(site) != USA {
			return 0
		}
		return e.st.Sites[site].Troops
	}
	if len(e.st.Tally) == 0 {
		return 0
	}
	t := &e.st.Tally[site]
	us := e.Owner(site) == USA
	switch m {
	case MetricStrikes:
		return t.Strikes
	case MetricTargetsHit:
		return t.Hits
	case MetricAttacksOnUS:
		return t.Attacks * b2i(us)
	case MetricAttacksOnIsrael:
		return t.Attacks * b2i(!us)
	case MetricUSCasualties:
		return t.Deaths
	case MetricUSInjured:
		return t.Injured
	}
	return 0
}

// tally returns the counts of a site when the scenario keeps them, or nil.
func (e *Engine) tally(site int32) *SiteTally {
	if site < 0 || len(e.st.Tally) == 0 {
		return nil
	}
	return &e.st.Tally[site]
}

// countOrder counts an order given, when the scenario counts orders.
func (e *Engine) countOrder(a Actor, k OrderKind) {
	if len(e.st.Orders) > 0 && a < NumActors {
		e.st.Orders[int(a)*int(NumOrderKinds)+int(k)]++
	}
}

// counted reports whether a metric within a scope is a count that only
// grows (a windowed objective counts it from arming).
func counted(m Metric, s Scope) bool { return s.Kind == ScopeActor || m < numCounters }

// monotone reports whether an objective's value never goes back: a counted
// metric, or a ladder's peak over the whole run.
func (o *Objective) monotone() bool {
	return counted(o.Metric, o.Scope) || o.Scope.Kind == ScopeRun && (o.Metric == MetricMaxEscalationUSIran || o.Metric == MetricMaxEscalationIsraelIran)
}

// judge decides objective i if it can be decided at the end of this turn;
// over says the run is ending. A windowed objective arms on the first turn
// its If holds (at the start when it has none); its window runs from the
// next turn for Within days, and it is decided when the window closes.
func (e *Engine) judge(i int, over bool) {
	o, os := &e.sc.Objectives[i], &e.st.Objectives[i]
	v := e.Value(o.Metric, o.Scope)
	count := counted(o.Metric, o.Scope)
	closes := false
	if o.Windowed() {
		w := &e.st.Windows[i]
		if !w.Armed {
			if !e.Holds(*o.If) {
				if over { // never armed: nothing was asked
					*os = ObjectiveState{Decided: true, Met: true, Turn: e.st.Turn}
				}
				return
			}
			*w = Window{Armed: true, Turn: e.st.Turn, Base: v}
		}
		if count {
			v -= w.Base
		}
		closes = o.Within > 0 && e.st.Turn >= w.Turn+e.turnsFromDays(o.Within)
	}
	monotone := o.monotone()
	holds := Condition{Metric: o.Metric, Op: o.Op, Value: o.Value}.Holds(v)
	switch {
	case over || closes:
		*os = ObjectiveState{Decided: true, Met: holds, Turn: e.st.Turn}
	case monotone && o.Op == OpAtLeast && holds:
		*os = ObjectiveState{Decided: true, Met: true, Turn: e.st.Turn}
	case monotone && o.Op == OpAtMost && !holds:
		*os = ObjectiveState{Decided: true, Met: false, Turn: e.st.Turn}
	}
}

// ObjectiveValue returns the value objective i is judged on now: its
// metric within its scope, counted from arming for a windowed objective
// over a counted metric (0 while it is not armed).
func (e *Engine) ObjectiveValue(i int) int64 {
	o := &e.sc.Objectives[i]
	v := e.Value(o.Metric, o.Scope)
	if !o.Windowed() || !counted(o.Metric, o.Scope) {
		return v
	}
	if w := &e.st.Windows[i]; w.Armed {
		return v - w.Base
	}
	return 0
}

// hardness, proximity and adStrength are a site's attributes in force.
func (e *Engine) hardness(site int32) int64 {
	if len(e.st.SiteMods) == 0 {
		return e.sc.Sites[site].Hardness
	}
	return e.st.SiteMods[site].Hardness
}

func (e *Engine) proximity(site int32) int64 {
	if len(e.st.SiteMods) == 0 {
		return e.sc.Sites[site].Proximity
	}
	return e.st.SiteMods[site].Proximity
}

func (e *Engine) adStrength(site int32) int64 {
	if len(e.st.SiteMods) == 0 {
		return e.sc.Sites[site].ADStrength
	}
	return e.st.SiteMods[site].ADStrength
}
