package scenario

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// Severity says how sure a lint finding is to be a mistake.
type Severity uint8

const (
	// Warning is a finding that is almost always a mistake of meaning.
	Warning Severity = iota
	// Severe is a finding that is always a mistake: the scenario cannot
	// mean what it says (an objective no run can meet, a role the game
	// refuses).
	Severe
)

// String names the severity as reports print it.
func (s Severity) String() string {
	if s == Severe {
		return "error"
	}
	return "warning"
}

// The lint checks, each with a stable code that reports and editors key on.
const (
	CodeObjectiveNever  = "objective-never"   // an objective no run can meet
	CodeObjectiveAlways = "objective-always"  // an objective every run meets
	CodeAbsentActor     = "absent-actor"      // an objective, default_role or briefing for an actor not in the scenario
	CodeWhenFirstTurn   = "when-first-turn"   // a when condition already true on the first turn
	CodeWhenNever       = "when-never"        // a when condition no run can meet: the event never fires
	CodeOutsideDates    = "outside-dates"     // a zone or corridor never in force within the dates
	CodeUnreachable     = "unreachable"       // a target no route reaches
	CodeIdleRoute       = "idle-route"        // a route that reaches no target and no corridor
	CodeEventConflict   = "event-conflict"    // events of one day that set one value to different values
	CodeChainNever      = "chain-never"       // an event after one that never fires, or too late for the dates
	CodeEmpty           = "empty"             // a scenario with nothing to play
	CodeNoObjectives    = "no-objectives"     // a scenario where every role draws
	CodeNothingToStrike = "nothing-to-strike" // no target sites and no corridors
	CodeWindowLate      = "window-late"       // an objective's window that cannot close before the end
	CodeObjectiveText   = "objective-text"    // an objective text that writes its threshold out instead of {value}
	CodePerTurn         = "per-turn"          // turns other than 24 hours with every per-turn parameter at its 24-hour default
	CodeOwnerUnchanged  = "owner-unchanged"   // an owner effect handing a site to the actor that always holds it
)

// Codes lists every lint code with what it finds, for docs and --help.
func Codes() [][2]string {
	return [][2]string{
		{CodeObjectiveNever, "an objective no run can meet, given the metric's range or its value on the first turn (error)"},
		{CodeObjectiveAlways, "an objective every run meets, given the metric's range or its value on the first turn"},
		{CodeAbsentActor, "an objective or default_role for an actor not in the scenario (error: the game refuses the file), or a briefing nobody reads"},
		{CodeWhenFirstTurn, "an event's when condition that already holds on the first turn: it fires at once"},
		{CodeWhenNever, "an event's when condition no run can meet: the event never fires (error)"},
		{CodeOutsideDates, "a zone or corridor whose from..to lies outside the scenario's dates: it never takes effect"},
		{CodeUnreachable, "a target site no route reaches, with how many km short the nearest route falls"},
		{CodeIdleRoute, "a route whose reach holds no target site and no corridor"},
		{CodeEventConflict, "two events on one day that set the same value to different values"},
		{CodeChainNever, "an event after another that never fires, or whose earliest day lies past the end (error)"},
		{CodeEmpty, "a scenario with no sites (error)"},
		{CodeNoObjectives, "a scenario without objectives: every role draws"},
		{CodeNothingToStrike, "a scenario with neither target sites nor corridors: Israel has nothing to strike"},
		{CodeWindowLate, "an objective whose within_days outlasts the scenario: it can only be judged at the end"},
		{CodeObjectiveText, "an objective text that writes its threshold out instead of quoting it with {value}, so the two can drift apart"},
		{CodePerTurn, "turns other than 24 hours while every [params] key counted per turn keeps its default, which is set for 24-hour turns"},
		{CodeOwnerUnchanged, "an owner effect that hands a site to its owner in the scenario while no other event hands it elsewhere: it changes nothing"},
	}
}

// Finding is one mistake of meaning found by Lint: where, which check, how
// sure, the key path it concerns, what is wrong and a hint toward the fix.
type Finding struct {
	Pos      Position
	Code     string
	Severity Severity
	Path     string
	Msg      string
	Hint     string
}

// String renders the finding as `file:line:col: CODE: key.path: message (hint)`.
func (f *Finding) String() string {
	var b strings.Builder
	b.WriteString(f.Pos.String())
	b.WriteString(": ")
	b.WriteString(f.Code)
	b.WriteString(": ")
	if f.Path != "" {
		b.WriteString(f.Path)
		b.WriteString(": ")
	}
	b.WriteString(f.Msg)
	if f.Hint != "" {
		b.WriteString(" (")
		b.WriteString(f.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Lint loads a scenario and looks for mistakes of meaning, the ones a file
// that passes every rule of the format can still hold: objectives no run can
// meet or every run meets, roles the game refuses, events that fire at once
// or never, zones and corridors outside the dates, targets out of reach.
// A file that does not load gives its load error; a file that loads gives
// the findings sorted by position (none for a clean file).
func Lint(filename string, data []byte) ([]Finding, error) {
	sc, err := Load(filename, data, nil)
	if err != nil {
		return nil, err
	}
	src := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	tree, perr := decode(filename, src)
	if perr != nil { // Load parsed the same bytes
		return nil, ErrorList{perr}
	}
	l := &linter{sc: sc, tree: tree, eng: sim.New(sc, 0)}
	l.objectives()
	l.roles()
	l.events()
	l.chains()
	l.windows()
	l.reach()
	l.empty()
	l.perTurn()
	l.owners()
	return l.resolve(filename, src), nil
}

// linter collects findings about one loaded scenario.
type linter struct {
	sc    *sim.Scenario
	tree  map[string]any
	eng   *sim.Engine // at its first turn, for the metrics' starting values
	found []lintFinding
}

type lintFinding struct {
	at    ref
	onKey bool
	f     Finding
}

func (l *linter) add(at ref, sev Severity, code, hint, format string, args ...any) {
	l.found = append(l.found, lintFinding{at: at, f: Finding{Code: code, Severity: sev, Msg: fmt.Sprintf(format, args...), Hint: hint}})
}

// entry finds the entry of an array of tables whose keys match, and names
// it by id as load errors do.
func (l *linter) entry(kind string, match map[string]string) ref {
	arr, _ := l.tree[kind].([]any)
	for i, e := range arr {
		m, _ := e.(map[string]any)
		ok := true
		for k, v := range match {
			if s, _ := m[k].(string); s != v {
				ok = false
			}
		}
		if ok {
			return ref{path: elemPath(childPath("", kind), i), name: kind + "." + match["id"]}
		}
	}
	return ref{path: childPath("", kind), name: kind}
}

func topRef(k string) ref { return ref{path: childPath("", k), name: k} }

// resolve finds where each finding is written and sorts them.
func (l *linter) resolve(file string, src []byte) []Finding {
	want := make(map[string]bool)
	for _, f := range l.found {
		for p := f.at.path; p != ""; p = parentPath(p) {
			want[p] = true
		}
	}
	s := newScanner(file, src, want)
	s.run()
	c := &checker{file: file}
	out := make([]Finding, 0, len(l.found))
	for _, f := range l.found {
		f.f.Pos = c.position(s.found, f.at.path, f.onKey)
		f.f.Path = f.at.name
		out = append(out, f.f)
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Col - b.Pos.Col
	})
	return out
}

// metricRange is the least and greatest value a metric can take, in its
// stored scale; ok is false when the model bounds it on neither side.
func metricRange(m sim.Metric) (lo, hi int64, ok bool) {
	const inf = math.MaxInt64
	switch m {
	case sim.MetricMaxEscalationUSIran, sim.MetricMaxEscalationIsraelIran, sim.MetricEscalationUSIran, sim.MetricEscalationIsraelIran, sim.MetricEscalationIsraelRussia:
		return 0, 5 * sim.Milli, true
	case sim.MetricTalksProgress, sim.MetricTrust, sim.MetricGrievanceUS, sim.MetricGrievanceIsrael, sim.MetricCounterIS, sim.MetricInterdictedShare:
		return 0, 100 * sim.Milli, true
	case sim.MetricComplicity:
		return 0, sim.Micro, true
	case sim.MetricArsenalGrowth:
		return -inf, inf, false
	}
	if m.Spec().Scale == 1 { // counts
		return 0, inf, true
	}
	return -inf, inf, false
}

// monotone reports whether a metric never falls during a run, so that its
// value on the first turn bounds it from below.
func monotone(m sim.Metric) bool {
	return m < sim.MetricMaxEscalationUSIran || m == sim.MetricMaxEscalationUSIran || m == sim.MetricMaxEscalationIsraelIran
}

// fmtMetric renders a metric value in the unit files use.
func fmtMetric(m sim.Metric, v int64) string {
	return fmtFloat(float64(v) / float64(m.Spec().Scale))
}

// judge says whether a comparison with a metric can never hold or always
// holds, and why.
func (l *linter) judge(m sim.Metric, op sim.Op, v int64) (never, always bool, why string) {
	lo, hi, bounded := metricRange(m)
	start := l.eng.Metric(m)
	rng := func() string {
		if hi == math.MaxInt64 {
			return fmt.Sprintf("%s is never below %s", m, fmtMetric(m, lo))
		}
		return fmt.Sprintf("%s lies in %s..%s", m, fmtMetric(m, lo), fmtMetric(m, hi))
	}
	switch {
	case !bounded:
	case op == sim.OpAtLeast && hi != math.MaxInt64 && v > hi, op == sim.OpAtMost && v < lo:
		return true, false, rng()
	case op == sim.OpAtLeast && v <= lo, op == sim.OpAtMost && hi != math.MaxInt64 && v >= hi:
		return false, true, rng()
	}
	if monotone(m) {
		switch {
		case op == sim.OpAtLeast && start >= v:
			return false, true, fmt.Sprintf("%s starts at %s and never falls", m, fmtMetric(m, start))
		case op == sim.OpAtMost && start > v:
			return true, false, fmt.Sprintf("%s starts at %s and never falls", m, fmtMetric(m, start))
		}
	}
	return false, false, ""
}

func opText(op sim.Op) string {
	if op == sim.OpAtMost {
		return "<="
	}
	return ">="
}

func (l *linter) objectives() {
	sc := l.sc
	for _, o := range sc.Objectives {
		at := l.entry("objective", map[string]string{"id": o.ID, "role": o.Role.String()})
		if days := sc.EndDay - sc.StartDay + 1; o.Within > days {
			l.add(at.key("within_days"), Warning, CodeWindowLate, fmt.Sprintf("the scenario runs %d days; a shorter window is decided within the run", days),
				"%s objective %q has a %d-day window: it closes after the end", o.Role, o.ID, o.Within)
		}
		l.quotes(at, o)
		if l.emptyZone(o.Scope) {
			why := fmt.Sprintf("zone %q holds no site, so %s there stays 0", sc.Zones[o.Scope.Index].ID, o.Metric)
			switch holds := (sim.Condition{Op: o.Op, Value: o.Value}).Holds(0); {
			case holds:
				l.add(at.key("zone"), Warning, CodeObjectiveAlways, why, "%s objective %q is met in every run", o.Role, o.ID)
			case o.If == nil: // with an if, it is still met in the runs where it never arms
				l.add(at.key("zone"), Severe, CodeObjectiveNever, why, "%s objective %q can never be met", o.Role, o.ID)
			}
			continue
		}
		if o.Scope.Kind == sim.ScopeActor {
			continue // an order count lies in 0.. and starts at 0: nothing more to judge
		}
		never, always, why := l.judge(o.Metric, o.Op, o.Value)
		cmp := fmt.Sprintf("%s %s %s", o.Metric, opText(o.Op), fmtMetric(o.Metric, o.Value))
		switch {
		case never:
			l.add(at.key("value"), Severe, CodeObjectiveNever, why, "%s objective %q can never be met: %s", o.Role, o.ID, cmp)
		case always:
			l.add(at.key("value"), Warning, CodeObjectiveAlways, why, "%s objective %q is met in every run: %s", o.Role, o.ID, cmp)
		}
	}
}

func (l *linter) roles() {
	sc := l.sc
	present := func(a sim.Actor) bool { return a < sim.NumActors && sc.Actors[a].Present }
	hint := func(a sim.Actor) string {
		return fmt.Sprintf(`add [[actor]] id = %q, or give %s a site`, a.String(), a)
	}
	for _, o := range sc.Objectives {
		if !present(o.Role) {
			at := l.entry("objective", map[string]string{"id": o.ID, "role": o.Role.String()})
			l.add(at.key("role"), Severe, CodeAbsentActor, hint(o.Role), "objective %q is for %s, which is not in the scenario", o.ID, o.Role)
		}
	}
	if !present(sc.DefaultRole) {
		l.add(topRef("scenario").key("default_role"), Severe, CodeAbsentActor, hint(sc.DefaultRole), "the default role %s is not in the scenario", sc.DefaultRole)
	}
	for i, text := range sc.Briefing {
		if a := sim.Actor(i); text != "" && !present(a) {
			l.add(topRef("scenario").key("briefing").key(a.String()), Warning, CodeAbsentActor, hint(a), "a briefing for %s, which is not in the scenario", a)
		}
	}
}

func (l *linter) events() {
	sc := l.sc
	type target struct {
		kind  sim.EffectKind
		which int64 // the pair, site, corridor, parameter or grievance target
	}
	type setAt struct {
		value int64
		event string
	}
	sets := map[int32]map[target]setAt{}
	for _, ev := range sc.Events {
		at := l.entry("event", map[string]string{"id": ev.ID})
		tm := ev.Timing()
		if ev.Day < 0 && tm.After < 0 {
			for _, c := range append([]sim.Condition{ev.Cond}, tm.Also...) {
				if l.emptyZone(c.Scope) && !c.Holds(0) {
					l.add(at.key("when"), Severe, CodeWhenNever, fmt.Sprintf("zone %q holds no site, so %s there stays 0", sc.Zones[c.Scope.Index].ID, c.Metric),
						"event %q never fires: %s in zone %q %s %s never holds", ev.ID, c.Metric, sc.Zones[c.Scope.Index].ID, opText(c.Op), fmtMetric(c.Metric, c.Value))
				}
			}
		}
		if tm.After >= 0 || tm.Until >= 0 || tm.Chance < sim.Micro || len(tm.Also) > 0 {
			continue // its day is not fixed: neither judged from the first turn nor compared with others
		}
		if ev.Day < 0 {
			c := ev.Cond
			never, always, why := l.judge(c.Metric, c.Op, c.Value)
			holds := l.eng.Holds(c)
			cmp := fmt.Sprintf("%s %s %s", c.Metric, opText(c.Op), fmtMetric(c.Metric, c.Value))
			switch {
			case never:
				l.add(at.key("when"), Severe, CodeWhenNever, why, "event %q never fires: %s never holds", ev.ID, cmp)
			case always || holds:
				l.add(at.key("when"), Warning, CodeWhenFirstTurn, fmt.Sprintf("%s is %s on the first turn; use at = %s to fire on the first day",
					c.Metric, fmtMetric(c.Metric, l.eng.Metric(c.Metric)), sim.FormatDay(sc.StartDay)),
					"event %q fires on the first turn: %s already holds", ev.ID, cmp)
			}
			continue
		}
		for _, ef := range ev.Effects {
			if !ef.Set {
				continue
			}
			t := target{kind: ef.Kind}
			switch ef.Kind {
			case sim.EffectEscalation:
				t.which = int64(ef.Pair)
			case sim.EffectTroops, sim.EffectHardness, sim.EffectProximity, sim.EffectSiteAD, sim.EffectOwner:
				t.which = int64(ef.Site)
			case sim.EffectCorridor:
				t.which = int64(ef.Corridor)
			case sim.EffectParam:
				t.which = int64(ef.Param)
			case sim.EffectGrievance:
				t.which = int64(ef.Toward)
			case sim.EffectHalt:
				continue
			}
			if sets[ev.Day] == nil {
				sets[ev.Day] = map[target]setAt{}
			}
			if prev, ok := sets[ev.Day][t]; ok && prev.value != ef.Value {
				l.add(at.key("effects"), Warning, CodeEventConflict, "the later event in id order wins; merge them or move one",
					"events %q and %q both set %s on %s, to different values", prev.event, ev.ID, sim.EffectKindIDs()[ef.Kind], sim.FormatDay(ev.Day))
				continue
			}
			sets[ev.Day][t] = setAt{ef.Value, ev.ID}
		}
	}
}

// owners finds owner effects that can change nothing: they hand a site to
// its owner in the scenario, and no event hands it to anyone else.
func (l *linter) owners() {
	sc := l.sc
	elsewhere := map[int32]bool{} // sites some event hands to another actor
	for _, ev := range sc.Events {
		for _, ef := range ev.Effects {
			if ef.Kind == sim.EffectOwner && sim.Actor(ef.Value) != sc.Sites[ef.Site].Owner {
				elsewhere[ef.Site] = true
			}
		}
	}
	for _, ev := range sc.Events {
		for j, ef := range ev.Effects {
			if ef.Kind != sim.EffectOwner || elsewhere[ef.Site] {
				continue
			}
			at := l.entry("event", map[string]string{"id": ev.ID}).key("effects").index(j)
			l.add(at, Warning, CodeOwnerUnchanged, "hand it to another actor, or remove the effect",
				"event %q hands site %q to %s, which holds it throughout", ev.ID, sc.Sites[ef.Site].ID, sim.Actor(ef.Value))
		}
	}
}

// chains follows after = { event, days } links: an event after one that
// never fires never fires either, and one whose earliest possible day lies
// past the end never takes effect.
func (l *linter) chains() {
	sc := l.sc
	// earliest[i] is the first day event i can fire, or -1 when it never can.
	earliest := make([]int32, len(sc.Events))
	var settle func(i int32, depth int) int32
	settle = func(i int32, depth int) int32 {
		ev := &sc.Events[i]
		tm := ev.Timing()
		switch {
		case depth > len(sc.Events): // a cycle, which the loader refuses
			return -1
		case tm.After >= 0:
			d := settle(tm.After, depth+1)
			if d < 0 {
				return -1
			}
			return d + tm.AfterDays
		case ev.Day >= 0:
			return ev.Day
		}
		if never, _, _ := l.judge(ev.Cond.Metric, ev.Cond.Op, ev.Cond.Value); never && len(tm.Also) == 0 {
			return -1
		}
		return sc.StartDay
	}
	for i := range sc.Events {
		earliest[i] = settle(int32(i), 0)
	}
	for i := range sc.Events {
		ev := &sc.Events[i]
		tm := ev.Timing()
		if tm.After < 0 {
			continue
		}
		at := l.entry("event", map[string]string{"id": ev.ID}).key("after")
		first := &sc.Events[tm.After]
		switch {
		case earliest[tm.After] < 0:
			l.add(at, Severe, CodeChainNever, fmt.Sprintf("%q never fires", first.ID), "event %q never fires: it waits for %q", ev.ID, first.ID)
		case earliest[i] > sc.EndDay:
			l.add(at, Severe, CodeChainNever, fmt.Sprintf("%q fires on %s at the earliest; the scenario ends on %s", first.ID, sim.FormatDay(earliest[tm.After]), sim.FormatDay(sc.EndDay)),
				"event %q never fires: %d days after %q is past the end", ev.ID, tm.AfterDays, first.ID)
		}
	}
}

func (l *linter) windows() {
	sc := l.sc
	outside := func(from, to int32) bool { return to < sc.StartDay || from > sc.EndDay }
	dates := fmt.Sprintf("the scenario runs %s..%s", sim.FormatDay(sc.StartDay), sim.FormatDay(sc.EndDay))
	for _, z := range sc.Zones {
		if z.Kind != sim.ZoneHalt && outside(z.From, z.To) {
			at := l.entry("zone", map[string]string{"id": z.ID})
			l.add(at.key("from"), Warning, CodeOutsideDates, dates, "zone %q is never in force: %s..%s", z.ID, sim.FormatDay(z.From), sim.FormatDay(z.To))
		}
	}
	for _, k := range sc.Corridors {
		at := l.entry("corridor", map[string]string{"id": k.ID})
		if outside(k.From, k.To) {
			l.add(at.key("from"), Warning, CodeOutsideDates, dates, "corridor %q never dispatches: %s..%s", k.ID, sim.FormatDay(k.From), sim.FormatDay(k.To))
		}
	}
}

// reach checks that every target site lies within some route's reach and
// that every route reaches a target site or a corridor.
func (l *linter) reach() {
	sc := l.sc
	targets := 0
	for _, s := range sc.Sites {
		if !s.Target {
			continue
		}
		targets++
		if len(sc.Routes) == 0 {
			continue
		}
		short := int64(math.MaxInt64)
		for _, r := range sc.Routes {
			d := geo.Dist(r.Path[len(r.Path)-1], s.Pos) - r.Reach
			short = min(short, d)
		}
		if short > 0 {
			at := l.entry("site", map[string]string{"id": s.ID})
			l.add(at.key("target"), Warning, CodeUnreachable, "lengthen a route's reach_km or add a waypoint near it",
				"target %q lies beyond every route's reach: the nearest falls %s km short", s.ID, fmtFloat(math.Ceil(float64(short)/1000)))
		}
	}
	if len(sc.Routes) == 0 && (targets > 0 || len(sc.Corridors) > 0) {
		l.add(topRef("scenario"), Warning, CodeUnreachable, "add a [[route]]", "there are targets but no route: Israel can strike nothing")
	}
	for _, r := range sc.Routes {
		end := r.Path[len(r.Path)-1]
		useful := false
		for _, s := range sc.Sites {
			useful = useful || (s.Target && geo.Dist2(end, s.Pos) <= r.Reach*r.Reach)
		}
		for _, k := range sc.Corridors {
			useful = useful || geo.PathNear(k.Path, end, r.Reach)
		}
		if !useful {
			at := l.entry("route", map[string]string{"id": r.ID})
			l.add(at.key("reach_km"), Warning, CodeIdleRoute, "move its last waypoint or lengthen reach_km",
				"route %q reaches no target site and no corridor", r.ID)
		}
	}
}

func (l *linter) empty() {
	sc := l.sc
	if len(sc.Sites) == 0 {
		l.add(topRef("scenario"), Severe, CodeEmpty, "add [[site]] entries: garrisons, depots, crossings", "the scenario has no sites")
		return
	}
	if len(sc.Objectives) == 0 {
		l.add(topRef("scenario"), Warning, CodeNoObjectives, "add [[objective]] entries for israel, usa and iran", "the scenario has no objectives: every role draws")
	}
	targets := false
	for _, s := range sc.Sites {
		targets = targets || s.Target
	}
	if !targets && len(sc.Corridors) == 0 {
		l.add(topRef("scenario"), Warning, CodeNothingToStrike, "mark sites target = true or add a [[corridor]]", "no site is a target and no corridor runs: Israel has nothing to strike")
	}
}

// quotes flags an objective text that writes its threshold out as a number
// instead of {value}.
func (l *linter) quotes(at ref, o sim.Objective) {
	raw := ""
	if list, ok := l.tree["objective"].([]any); ok {
		for _, x := range list {
			if m, ok := x.(map[string]any); ok && m["id"] == o.ID && m["role"] == o.Role.String() {
				raw, _ = m["text"].(string)
			}
		}
	}
	n := fixed(o.Value, scopeScale(o.Metric, o.Scope))
	if o.Value == 0 || strings.Contains(raw, "{value}") || !regexp.MustCompile(`(^|[^0-9.])`+regexp.QuoteMeta(n)+`($|[^0-9.])`).MatchString(raw) {
		return
	}
	l.add(at.key("text"), Warning, CodeObjectiveText, fmt.Sprintf("write {value} where the text says %s: it follows value and --set", n),
		"%s objective %q writes its threshold %s out", o.Role, o.ID, n)
}

// perTurnParams lists the model constants counted per turn or in turns,
// whose defaults are set for 24-hour turns.
func perTurnParams() []sim.ParamSpec {
	var out []sim.ParamSpec
	for _, p := range sim.ParamSpecs() {
		if strings.Contains(p.Doc, "turn") {
			out = append(out, p)
		}
	}
	return out
}

// perTurn flags a scenario whose turns are not 24 hours long that sets none
// of the parameters counted per turn: their defaults are for 24-hour turns,
// so with 12-hour turns, say, each acts twice a day.
func (l *linter) perTurn() {
	if l.sc.TurnHours == 24 {
		return
	}
	params, _ := l.tree["params"].(map[string]any)
	var keys []string
	for _, p := range perTurnParams() {
		if _, set := params[p.Key]; set {
			return
		}
		keys = append(keys, p.Key)
	}
	l.add(topRef("scenario").key("turn"), Warning, CodePerTurn, "scale them in [params] for the turn length (docs/scenarios.md lists every per-turn quantity): "+strings.Join(keys, ", "),
		"turns of %d hours, but every parameter counted per turn keeps its default for 24-hour turns", l.sc.TurnHours)
}

// emptyZone reports whether a scope is a zone whose area holds no site:
// whatever it counts stays 0.
func (l *linter) emptyZone(s sim.Scope) bool {
	if s.Kind != sim.ScopeZone {
		return false
	}
	area := &l.sc.Zones[s.Index].Area
	for i := range l.sc.Sites {
		if area.Contains(l.sc.Sites[i].Pos) {
			return false
		}
	}
	return true
}
