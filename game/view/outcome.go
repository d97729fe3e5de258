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
	Text     string
	Met      bool
	Decided  bool
	When     string // "turn 14 (2021-10-14)"
	Final    string // the metric's value at the end, in its unit
	Required bool
}

// ObjectiveRows lists the objectives of a finished run with the turn that
// decided each and where its metric ended, read through final.
func ObjectiveRows(sc *sim.Scenario, states []sim.ObjectiveState, final func(sim.Metric) int64) []ObjectiveRow {
	var out []ObjectiveRow
	for i := range sc.Objectives {
		o := &sc.Objectives[i]
		row := ObjectiveRow{Role: o.Role, Text: o.Text, Required: o.Required, Final: MetricValue(o.Metric, final(o.Metric))}
		if row.Text == "" {
			row.Text = fmt.Sprintf("%s %s %s", o.Metric, o.Op, MetricValue(o.Metric, o.Value))
		}
		if i < len(states) && states[i].Decided {
			row.Decided, row.Met = true, states[i].Met
			row.When = fmt.Sprintf("turn %d (%s)", states[i].Turn+1, DateOfTurn(sc, states[i].Turn))
		}
		out = append(out, row)
	}
	return out
}

// MetricValue renders a stored metric value in its unit ("57.1%" for a
// percentage, a bare number otherwise).
func MetricValue(m sim.Metric, v int64) string {
	spec := m.Spec()
	s := fmt.Sprintf("%d", v)
	if spec.Scale > 1 {
		s = trimZeros(fmt.Sprintf("%.1f", float64(v)/float64(spec.Scale)))
	}
	if spec.Unit == "percent" {
		s += "%"
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
	Required bool
}

// Objectives lists a role's objectives with the current value of each
// metric, read through value.
func Objectives(sc *sim.Scenario, role sim.Actor, value func(sim.Metric) int64) []ObjectiveLine {
	var out []ObjectiveLine
	for _, o := range sc.Objectives {
		if o.Role != role {
			continue
		}
		v := value(o.Metric)
		ln := ObjectiveLine{Text: o.Text, Required: o.Required, Holds: sim.Condition{Metric: o.Metric, Op: o.Op, Value: o.Value}.Holds(v),
			Now: MetricValue(o.Metric, v)}
		if ln.Text == "" {
			ln.Text = fmt.Sprintf("%s %s %s", o.Metric, o.Op, MetricValue(o.Metric, o.Value))
		}
		out = append(out, ln)
	}
	return out
}
