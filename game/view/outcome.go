package view

import (
	"fmt"

	"github.com/deconflict/deconflict/sim"
)

// OutcomeTitle and OutcomeText explain how a run ended in plain language.
func OutcomeTitle(o sim.Outcome) string {
	switch o {
	case sim.OutcomeCompleted:
		return "The period ended without open war"
	case sim.OutcomeUSDrawnIn:
		return "The United States was drawn into the war"
	case sim.OutcomeRegionalWar:
		return "Regional war"
	case sim.OutcomeAllianceRupture:
		return "The alliance ruptured"
	}
	return "The run goes on"
}

// OutcomeText explains an outcome in a sentence or two.
func OutcomeText(o sim.Outcome) string {
	switch o {
	case sim.OutcomeCompleted:
		return "The scenario reached its last day. The shadow war went on below the threshold of open conflict; the objectives below decide who came out ahead."
	case sim.OutcomeUSDrawnIn:
		return "The US–Iran escalation ladder reached 5: attacks and answers spiralled until Washington was fighting Iran's proxies openly. Everyone who wanted to keep the war in the shadows lost."
	case sim.OutcomeRegionalWar:
		return "The Israel–Iran ladder reached 5: the strikes and the retaliation stopped being a shadow war and became an open regional one."
	case sim.OutcomeAllianceRupture:
		return "Israel–US trust fell to zero: denials, violations and broken warnings ended the quiet cooperation over Syria's skies."
	}
	return ""
}

// VerdictText names a verdict for people.
func VerdictText(v sim.Verdict) string {
	switch v {
	case sim.VerdictWon:
		return "won"
	case sim.VerdictLost:
		return "lost"
	}
	return "draw"
}

// ObjectiveRow is one objective on the end screen.
type ObjectiveRow struct {
	Role     sim.Actor
	Metric   sim.Metric
	Text     string
	Met      bool
	Decided  bool
	When     string // "turn 14 (2021-10-14)"
	Final    string // "ended at 21.5%", or "peaked at 1.7" for a ladder's highest level
	Required bool
}

// ObjectiveRows lists the objectives of a finished run with the turn that
// decided each and where its value ended, read through final (by objective
// index: a scoped or windowed objective counts part of the run).
func ObjectiveRows(sc *sim.Scenario, states []sim.ObjectiveState, final func(i int) int64) []ObjectiveRow {
	var out []ObjectiveRow
	for i := range sc.Objectives {
		o := &sc.Objectives[i]
		word := "ended at "
		if Peak(o.Metric) {
			word = "peaked at "
		}
		row := ObjectiveRow{Role: o.Role, Metric: o.Metric, Text: objectiveText(o), Required: o.Required, Final: word + ObjectiveValue(o, final(i))}
		if i < len(states) && states[i].Decided {
			row.Decided, row.Met = true, states[i].Met
			row.When = fmt.Sprintf("turn %d (%s)", states[i].Turn+1, DateOfTurn(sc, states[i].Turn))
		}
		out = append(out, row)
	}
	return out
}

// objectiveText is an objective's own text, or its condition in words.
func objectiveText(o *sim.Objective) string {
	if o.Text != "" {
		return o.Text
	}
	return fmt.Sprintf("%s %s %s", o.Metric, o.Op, MetricValue(o.Metric, o.Value))
}

// Peak reports whether a metric is the highest value a quantity reached,
// so its final value is a peak ("never above" objectives).
func Peak(m sim.Metric) bool {
	return m == sim.MetricMaxEscalationUSIran || m == sim.MetricMaxEscalationIsraelIran
}

// MetricValue renders a stored metric value in its unit, the one way every
// screen shows it (top bar, objectives, charts, end screen): a scaled
// metric with one decimal, rounded half up on the stored integer (1.45 is
// 1.5 everywhere), as previews show it ("57.1%", "72.0", "3").
func MetricValue(m sim.Metric, v int64) string {
	return metricDigits(m, v, 1)
}

// ObjectiveValue renders a metric's value for an objective: as MetricValue,
// with more decimals where one would round the value onto the threshold it
// misses or meets only barely (trust 61.96 against 62 reads "61.96", not "62").
func ObjectiveValue(o *sim.Objective, v int64) string {
	digits := 1
	for ; digits < 3 && v != o.Value && metricDigits(o.Metric, v, digits) == metricDigits(o.Metric, o.Value, digits); digits++ {
	}
	return metricDigits(o.Metric, v, digits)
}

// metricDigits renders v with the given number of decimals (for scaled
// metrics), rounding half away from zero on the integer.
func metricDigits(m sim.Metric, v int64, digits int) string {
	spec := m.Spec()
	s := fmt.Sprintf("%d", v)
	if spec.Scale > 1 {
		s = fixed(v, spec.Scale, digits)
	}
	if spec.Unit == "percent" {
		s += "%"
	}
	return s
}

// fixed renders v/scale with the given decimals, rounding half away from
// zero in integers (floats would round 1.45 down: it is 1.4499… in binary).
func fixed(v, scale int64, digits int) string {
	unit := int64(1)
	for range digits {
		unit *= 10
	}
	neg := v < 0
	if neg {
		v = -v
	}
	// v/scale*unit, rounded: (v*unit + scale/2) / scale
	r := (v*unit + scale/2) / scale
	s := fmt.Sprintf("%d.%0*d", r/unit, digits, r%unit)
	if neg && r != 0 {
		s = "-" + s
	}
	return s
}

// VerdictReason explains a role's verdict from its objectives, by the
// engine's rule: all met wins; a required one missed, or more than half
// missed, loses; anything between is a draw.
func VerdictReason(rows []ObjectiveRow, role sim.Actor, v sim.Verdict) string {
	n, met, missed := 0, 0, 0
	required := ""
	for _, r := range rows {
		if r.Role != role {
			continue
		}
		n++
		switch {
		case r.Decided && r.Met:
			met++
		case r.Decided:
			missed++
			if r.Required && required == "" {
				required = r.Text
			}
		}
	}
	switch {
	case n == 0:
		return "This side had no objectives."
	case v == sim.VerdictWon:
		return fmt.Sprintf("Every objective met (%d of %d).", met, n)
	case v == sim.VerdictLost && required != "":
		return "A required objective was missed: " + required
	case v == sim.VerdictLost:
		return fmt.Sprintf("%d of %d objectives missed: more than half loses.", missed, n)
	}
	return fmt.Sprintf("%d of %d objectives met: all of them win, more than half missed loses.", met, n)
}

// ObjectiveLine is one of the player's objectives during play, with where
// its metric stands now.
type ObjectiveLine struct {
	Text     string
	Now      string // the metric's value now, in its unit
	Holds    bool   // the condition holds at the moment
	Decided  bool   // the engine has settled it (met or missed for good)
	Met      bool   // when decided: met
	Required bool
}

// Mark is the word shown before an objective during play: "met" or
// "missed" once the engine has decided it (always, once the run is over),
// else "on track" or "not yet" by whether it holds now.
func (l ObjectiveLine) Mark() string {
	switch {
	case l.Decided && l.Met:
		return "met"
	case l.Decided:
		return "missed"
	case l.Holds:
		return "on track"
	}
	return "not yet"
}

// Good reports whether the mark is good news.
func (l ObjectiveLine) Good() bool { return l.Decided && l.Met || !l.Decided && l.Holds }

// Objectives lists a role's objectives with the current value of each,
// read through value (by objective index), and the engine's decisions so
// far (states, in the scenario's objective order).
func Objectives(sc *sim.Scenario, role sim.Actor, value func(i int) int64, states []sim.ObjectiveState) []ObjectiveLine {
	var out []ObjectiveLine
	for i := range sc.Objectives {
		o := &sc.Objectives[i]
		if o.Role != role {
			continue
		}
		v := value(i)
		ln := ObjectiveLine{Text: objectiveText(o), Required: o.Required, Holds: sim.Condition{Metric: o.Metric, Op: o.Op, Value: o.Value}.Holds(v),
			Now: ObjectiveValue(o, v)}
		if i < len(states) && states[i].Decided {
			ln.Decided, ln.Met = true, states[i].Met
		}
		out = append(out, ln)
	}
	return out
}
