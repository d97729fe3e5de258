package view

import (
	"fmt"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// Percent formats a micro fraction as a percentage, with one decimal below
// 10%; a chance too small to show as 0.1% reads "<0.1%", never "0.0%".
func Percent(micro int64) string {
	p := float64(micro) / sim.Micro * 100
	if p > 0 && p < 0.05 {
		return "<0.1%"
	}
	if p < 10 && p != 0 {
		return fmt.Sprintf("%.1f%%", p)
	}
	return fmt.Sprintf("%.0f%%", p)
}

// scaled renders a value of a preview line in its unit.
func scaled(v int64, unit string, scale int64) string {
	if scale == 0 {
		scale = 1
	}
	switch unit {
	case "%":
		if scale == sim.Micro {
			return Percent(v)
		}
		if v != 0 && v > -scale && v < scale {
			return fixed(v, scale, 3) + "%" // under a point (a turn's counter-IS gain): every digit counts
		}
		return fixed(v, scale, 1) + "%" // milli-percent, as MetricValue
	case "turns", "shipments":
		return fmt.Sprintf("%d", v/scale)
	case "people":
		return fixed(v, scale, 2)
	}
	return fixed(v, scale, 1)
}

// term renders one factor of a quantity in its scale.
func term(v, scale int64) string {
	switch scale {
	case sim.Micro:
		return trimZeros(fmt.Sprintf("%.3f", float64(v)/sim.Micro))
	case sim.Milli:
		return trimZeros(fmt.Sprintf("%.2f", float64(v)/sim.Milli))
	}
	return fmt.Sprintf("%d", v)
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// PreviewLine renders one preview line with its terms as an equation, a
// factor a line: "Al-Tanf attack hazard 4.1% → 6.3%", "= grievance 1.4",
// "× complicity 0.35 → 0.4", …; a line that comes true later says when
// ("strike success when it flies 63%").
// Terms that the order does not change are listed once; changed ones show
// before → after.
func PreviewLine(l sim.PreviewLine) string {
	var b strings.Builder
	b.WriteString(previewLabel(l.Label))
	b.WriteString(" ")
	if l.When != "" {
		b.WriteString(l.When)
		b.WriteString(" ")
	}
	before, after := scaled(l.Before, l.Unit, l.Scale), scaled(l.After, l.Unit, l.Scale)
	switch {
	case l.Before == 0 && (l.Unit == "%" || l.Unit == "people"):
		b.WriteString(after) // a chance or a toll the order creates
		if before == after {
			return b.String()
		}
	case before == after:
		b.WriteString(after)
		b.WriteString(" (unchanged)")
		return b.String() // the terms matter only where the order moves them
	default:
		b.WriteString(before)
		b.WriteString(" → ")
		b.WriteString(after)
	}
	// the terms as an equation, one factor a line, so each reads on its own
	for i, t := range l.Terms {
		if i == 0 {
			b.WriteString("\n= ")
		} else {
			b.WriteString("\n× ")
		}
		b.WriteString(t.Name)
		b.WriteString(" ")
		b.WriteString(term(t.Before, t.Scale))
		if t.After != t.Before {
			b.WriteString(" → ")
			b.WriteString(term(t.After, t.Scale))
		}
	}
	return b.String()
}

// PreviewLines renders a whole preview. Only the line that moves most
// keeps its terms (the largest change in its scale, the higher value on a
// tie: the garrison most at risk); the others are listed short, so a
// preview of four garrisons' hazards stays readable.
func PreviewLines(p sim.Preview) []string {
	best, bestChange := -1, 0.0
	for i, l := range p.Lines {
		if len(l.Terms) == 0 || scaled(l.Before, l.Unit, l.Scale) == scaled(l.After, l.Unit, l.Scale) {
			continue // a change too small to show explains nothing
		}
		change := float64(abs(l.After-l.Before)) / float64(max(1, l.Scale))
		if best < 0 || change > bestChange || change == bestChange && l.After > p.Lines[best].After {
			best, bestChange = i, change
		}
	}
	out := make([]string, 0, len(p.Lines))
	for i, l := range p.Lines {
		if i != best {
			l.Terms = nil
		}
		out = append(out, PreviewLine(l))
	}
	return out
}

// previewLabel words the engine's labels for people: a ladder named by its
// pair id ("usa-iran ladder") gets the name the top bar uses.
func previewLabel(label string) string {
	for p := sim.Pair(0); p < sim.NumPairs; p++ {
		if id := p.String(); strings.HasPrefix(label, id+" ") {
			return PairName(p) + label[len(id):]
		}
	}
	return label
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// DateOfTurn renders the date (and hour, for turns shorter than a day) a
// turn starts.
func DateOfTurn(sc *sim.Scenario, turn int32) string {
	d := sim.FormatDay(sc.DayOfTurn(turn))
	if sc.TurnHours%24 != 0 {
		d += fmt.Sprintf(" %02d:00", sc.HourOfTurn(turn))
	}
	return d
}

// ReasonText says in words why a mission needs a decision.
func ReasonText(r sim.Reason) string {
	words := [...]struct {
		r    sim.Reason
		text string
	}{
		{sim.ReasonZone, "crosses a US deconfliction zone"},
		{sim.ReasonStandoff, "targets a spot near US troops"},
		{sim.ReasonOperation, "enters an active US operation area"},
		{sim.ReasonDenied, "was denied by the US"},
		{sim.ReasonCondition, "was approved on condition"},
		{sim.ReasonHalt, "falls inside a halt the US called"},
		{sim.ReasonRussia, "passes Russian forces (notice needed)"},
	}
	var parts []string
	for _, w := range words {
		if r&w.r != 0 {
			parts = append(parts, w.text)
		}
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// PairName is a ladder's short name.
func PairName(p sim.Pair) string {
	switch p {
	case sim.IsraelIran:
		return "IL–Iran"
	case sim.IsraelRussia:
		return "IL–Russia"
	case sim.USAIran:
		return "US–Iran"
	}
	return p.String()
}
