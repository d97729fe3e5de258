package scenario

import (
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// ExpectCheck is what an [[expect]] block measures over many runs.
type ExpectCheck uint8

// The checks an [[expect]] block can make, by the ids files write.
const (
	ExpectMean      ExpectCheck = iota // the mean of a metric at the end of a run
	ExpectShare                        // the share of runs whose metric compares true with a value
	ExpectEvent                        // the share of runs in which a kind of event happens
	ExpectVerdict                      // the share of runs in which a role gets a verdict
	ExpectObjective                    // the share of runs in which an objective is met
	NumExpectChecks
)

var expectCheckIDs = [NumExpectChecks]string{"mean", "share", "event", "verdict", "objective"}

// String returns the check's id.
func (c ExpectCheck) String() string { return expectCheckIDs[c] }

func expectCheckList() []string { return expectCheckIDs[:] }

func verdictIDs() []string { return []string{"won", "draw", "lost"} }

// Expect is one [[expect]] block: something the author means the scenario
// to do, stated over many seeded runs and judged by deconflict-sim test. It
// is not part of the simulation, so it leaves the scenario hash alone.
type Expect struct {
	ID    string
	Text  string
	Check ExpectCheck
	// Mean and share: the metric, and for share the comparison each run's
	// final value must pass (Value in the metric's stored scale).
	Metric sim.Metric
	Op     sim.Op
	Value  int64
	// Event: the kind of log entry, and optionally where, by whom, by which
	// day and how soon after a scripted event it must happen.
	Kind   sim.LogKind
	Site   int32     // a site index, or -1 for any
	Actor  sim.Actor // sim.NoActor for any
	Before int32     // last day it may happen (inclusive), or -1
	After  int32     // index of the scripted event it must follow, or -1
	Within int32     // days after that event's first firing it may happen, with After
	// Verdict and objective: the role, and the verdict or objective index.
	Role      sim.Actor
	Verdict   sim.Verdict
	Objective int32
	// Min and Max bound the share (0..1) or the mean (in the metric's unit).
	Min, Max float64
}

var expectSpec = &tableSpec{name: "expect", doc: "what the scenario is meant to do over many runs, checked by deconflict-sim test", fields: []field{
	idField("unique among the expectations"),
	{key: "text", kind: kText, required: true, maxLen: maxLineLen, doc: "what it means, as the test report prints it"},
	{key: "check", kind: kString, required: true, enum: expectCheckList, doc: "mean: a metric's mean · share: the share of runs whose metric passes op and value · event: the share of runs in which an event kind happens · verdict: the share of runs in which role gets verdict · objective: the share of runs in which role meets objective"},
	{key: "metric", kind: kString, enum: metricKeys, doc: "mean and share: a metric key"},
	{key: "op", kind: kString, enum: opIDs, doc: "share: how each run's final metric compares with value"},
	{key: "value", kind: kNumber, q: qty{unit: sim.UnitLevel, min: -1e9, max: 1e9}, doc: "share: the threshold, in the metric's unit"},
	{key: "kind", kind: kString, enum: sim.LogKindIDs, doc: "event: a kind of event-log entry"},
	{key: "site", kind: kID, doc: "event: at this site only"},
	{key: "actor", kind: kString, enum: sim.ActorIDs, doc: "event: by this actor only"},
	{key: "before", kind: kDate, doc: "event: on or before this day"},
	{key: "after", kind: kID, doc: "event: within within_days of the first firing of this scripted event"},
	{key: "within_days", kind: kNumber, q: qty{unit: sim.UnitCount, min: 0, max: maxSpanDays}, unit: "days", doc: "event, with after: how many days after it"},
	{key: "role", kind: kString, enum: sim.ActorIDs, doc: "verdict and objective: the role"},
	{key: "verdict", kind: kString, enum: verdictIDs, doc: "verdict: the verdict"},
	{key: "objective", kind: kID, doc: "objective: the id of one of role's objectives"},
	{key: "min", kind: kNumber, q: qty{unit: sim.UnitLevel, min: -1e9, max: 1e9}, doc: "the least share (0..1) or mean it should have; default: no lower bound"},
	{key: "max", kind: kNumber, q: qty{unit: sim.UnitLevel, min: -1e9, max: 1e9}, doc: "the greatest share (0..1) or mean it should have; default: no upper bound"},
}}

// keysOf lists the keys each check takes besides id, text, check, min, max.
var expectKeysOf = [NumExpectChecks][]string{
	ExpectMean:      {"metric"},
	ExpectShare:     {"metric", "op", "value"},
	ExpectEvent:     {"kind", "site", "actor", "before", "after", "within_days"},
	ExpectVerdict:   {"role", "verdict"},
	ExpectObjective: {"role", "objective"},
}

// LoadWithExpectations loads a scenario as Load does and also returns its
// [[expect]] blocks, in file order.
func LoadWithExpectations(filename string, data []byte, overrides []Override) (*sim.Scenario, []Expect, error) {
	return load(filename, data, overrides)
}

func (b *build) expects(root *table) {
	es := b.entries(root, "expect")
	b.unique(es, "expect")
	for _, e := range es {
		t := e.t
		t.keys(expectSpec.keyNames()...)
		x := Expect{ID: e.id, Site: -1, Actor: sim.NoActor, Before: -1, After: -1, Objective: -1}
		x.Text = t.text("text", true, maxLineLen, false)
		s, at, ok := t.str("check", true)
		if !ok {
			continue
		}
		i := slices.Index(expectCheckIDs[:], s)
		if i < 0 {
			b.c.errorf(at, "unknown check %q", s).hint = b.c.unknownHint(s, expectCheckIDs[:], true)
			continue
		}
		x.Check = ExpectCheck(i)
		for _, k := range expectSpec.keyNames() {
			if _, given := t.m[k]; given && !slices.Contains([]string{"id", "text", "check", "min", "max"}, k) && !slices.Contains(expectKeysOf[x.Check], k) {
				p := b.c.errorf(t.at.key(k), "check %q takes no %s", s, k)
				p.onKey, p.hint = true, "it takes "+strings.Join(expectKeysOf[x.Check], ", ")
			}
		}
		share := b.expectCheck(t, &x)
		b.bounds(t, &x, share)
		b.c.expects = append(b.c.expects, x)
	}
}

// expectCheck reads the keys of x's check and reports whether its bounds
// are on a share.
func (b *build) expectCheck(t *table, x *Expect) bool {
	switch x.Check {
	case ExpectMean, ExpectShare:
		m, ok := b.metric(t)
		x.Metric = m
		if x.Check == ExpectMean {
			return false
		}
		x.Op = b.op(t)
		if ok {
			x.Value, _, _ = t.num("value", metricQty(m), true)
		}
	case ExpectEvent:
		if s, at, ok := t.str("kind", true); ok {
			if k := slices.Index(sim.LogKindIDs(), s); k >= 0 {
				x.Kind = sim.LogKind(k)
			} else {
				b.c.errorf(at, "unknown event kind %q", s).hint = b.c.unknownHint(s, sim.LogKindIDs(), true)
			}
		}
		if v, at, ok := t.get("site"); ok {
			x.Site, _ = b.siteRef(at, v)
		}
		if _, ok := t.m["actor"]; ok {
			x.Actor = b.actorRef(t, "actor")
		}
		if d, at, ok := t.date("before", false); ok {
			x.Before = d
			if b.datesOK && (d < b.sc.StartDay || d > b.sc.EndDay) {
				b.c.errorf(at, "%s is outside the scenario (%s..%s)", sim.FormatDay(d), sim.FormatDay(b.sc.StartDay), sim.FormatDay(b.sc.EndDay))
			}
		}
		_, hasWithin := t.m["within_days"]
		if s, at, ok := t.str("after", false); ok {
			i := slices.IndexFunc(b.sc.Events, func(ev sim.Event) bool { return ev.ID == s })
			if i < 0 {
				ids := make([]string, len(b.sc.Events))
				for j := range b.sc.Events {
					ids[j] = b.sc.Events[j].ID
				}
				b.c.errorf(at, "unknown event %q", s).hint = b.c.unknownHint(s, ids, true)
			}
			x.After = int32(i)
			days, _, _ := t.num("within_days", expectSpec.q("within_days"), true)
			x.Within = int32(days)
		} else if hasWithin {
			p := b.c.errorf(t.at.key("within_days"), "within_days goes with after")
			p.onKey, p.hint = true, `name the scripted event, such as after = "vow"`
		}
	case ExpectVerdict, ExpectObjective:
		x.Role = b.actorRef(t, "role")
		if x.Check == ExpectVerdict {
			if s, at, ok := t.str("verdict", true); ok {
				switch s {
				case "won":
					x.Verdict = sim.VerdictWon
				case "draw":
					x.Verdict = sim.VerdictDraw
				case "lost":
					x.Verdict = sim.VerdictLost
				default:
					b.c.errorf(at, "unknown verdict %q", s).hint = b.c.unknownHint(s, verdictIDs(), true)
				}
			}
			break
		}
		if s, at, ok := t.str("objective", true); ok && x.Role < sim.NumActors {
			x.Objective = int32(slices.IndexFunc(b.sc.Objectives, func(o sim.Objective) bool { return o.Role == x.Role && o.ID == s }))
			if x.Objective < 0 {
				var ids []string
				for _, o := range b.sc.Objectives {
					if o.Role == x.Role {
						ids = append(ids, o.ID)
					}
				}
				b.c.errorf(at, "%s has no objective %q", x.Role, s).hint = b.c.unknownHint(s, ids, true)
			}
		}
	}
	return true
}

// bounds reads min and max: at least one, min not above max, and within
// 0..1 for a share.
func (b *build) bounds(t *table, x *Expect, share bool) {
	q := expectSpec.q("min")
	if share {
		q = qty{unit: sim.UnitLevel, min: 0, max: 1}
	}
	x.Min, x.Max = -1e9, 1e9
	if share {
		x.Min, x.Max = 0, 1
	}
	lo, loAt, hasMin := t.num("min", q, false)
	hi, _, hasMax := t.num("max", q, false)
	_, givenMin := t.m["min"]
	_, givenMax := t.m["max"]
	if hasMin {
		x.Min = float64(lo) / float64(sim.Milli)
	}
	if hasMax {
		x.Max = float64(hi) / float64(sim.Milli)
	}
	switch {
	case !givenMin && !givenMax:
		b.c.errorf(t.at.key("min"), "missing required key").hint = "give min, max or both"
	case hasMin && hasMax && x.Min > x.Max:
		b.c.errorf(loAt, "min %s is above max %s", fmtFloat(x.Min), fmtFloat(x.Max))
	}
}
