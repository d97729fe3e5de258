package batch

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"
)

// summarised runs a plan and returns its summary and statistics.
func summarised(t *testing.T, spec Spec) (Summary, *Stats, Grid) {
	t.Helper()
	plan := mustPlan(t, spec)
	stats := NewStats(len(plan.Points))
	if _, err := Execute(t.Context(), plan, 0, 2, func(r *Row) error { stats.Add(r); return nil }); err != nil {
		t.Fatal(err)
	}
	return stats.Summarise(plan.Meta(), plan.Sweeps), stats, plan.Sweeps
}

func TestPlotHistogramsPNG(t *testing.T) {
	sum, stats, grid := summarised(t, Spec{Runs: 20, Seed: 1})
	var buf bytes.Buffer
	if err := Plot(&buf, "png", KeyMetrics(), sum, stats, grid); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 700 {
		t.Fatalf("a %v image is too small for nine panels", b)
	}
}

func TestPlotSweepSVG(t *testing.T) {
	sum, stats, grid := summarised(t, Spec{Runs: 4, Seed: 1, Sweeps: []Sweep{
		mustSweep(t, "params.retaliation_base=0.05:0.15:0.05"), mustSweep(t, "initial.trust=30,80"), mustSweep(t, "initial.complicity=0.1,0.9")}})
	var buf bytes.Buffer
	if err := Plot(&buf, "svg", KeyMetrics(), sum, stats, grid); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	for _, want := range []string{"<svg", "strikes (missions)", "params.retaliation_base", "initial.trust=80", "initial.complicity=0.1"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the sweep plot lacks %q", want)
		}
	}
}

// TestPlotMetrics draws the metrics asked for, in their order, and no
// others.
func TestPlotMetrics(t *testing.T) {
	sum, stats, grid := summarised(t, Spec{Runs: 4, Seed: 1})
	metrics, err := ParseMetrics("trust, us_casualties")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Plot(&buf, "svg", metrics, sum, stats, grid); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	trust, casualties := strings.Index(svg, ">trust ("), strings.Index(svg, ">us_casualties (")
	if trust < 0 || casualties < 0 || strings.Contains(svg, ">strikes (") {
		t.Errorf("the plot's panels: trust at %d, us_casualties at %d, strikes drawn: %v", trust, casualties, strings.Contains(svg, ">strikes ("))
	}
	for list, want := range map[string]string{
		"trust,nope":  `unknown metric "nope"`,
		"trust,trust": `metric "trust" is listed twice`,
		"trust,":      "an empty metric key",
	} {
		if _, err := ParseMetrics(list); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseMetrics(%q) = %v, want %q", list, err, want)
		}
	}
}

func TestTickLabels(t *testing.T) {
	for v, want := range map[float64]string{2.5: "2.5", 2.55: "2.55", -0.0000000001: "0", 30: "30", 0.125: "0.125"} {
		if got := tickLabel(v); got != want {
			t.Errorf("tickLabel(%v) = %q, want %q", v, got, want)
		}
	}
	var got []float64
	for _, tk := range (integerTicks{}).Ticks(10.5, 33.5) {
		got = append(got, tk.Value)
	}
	if len(got) == 0 || len(got) > 6 || got[0] < 10.5 || got[len(got)-1] > 33.5 {
		t.Fatalf("integer ticks over 10.5..33.5: %v", got)
	}
}

func TestProgressLine(t *testing.T) {
	now := time.Unix(1000, 0)
	clock := func() time.Time { return now }
	var buf bytes.Buffer
	p := NewProgress(&buf, clock, 20, 220)
	now = now.Add(2 * time.Second)
	p.Update(120) // 100 runs in 2 s, 100 left
	line := buf.String()
	for _, want := range []string{"120/220", " 55%", "50.0 runs/s", "ETA 2s"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
	buf.Reset()
	p.Update(121) // within a tenth of a second: no redraw
	if buf.Len() != 0 {
		t.Errorf("redrawn too soon: %q", buf.String())
	}
	p.Finish(220)
	if !strings.Contains(buf.String(), "done in 2s") || !strings.HasSuffix(buf.String(), "\n") {
		t.Errorf("last line %q", buf.String())
	}
}
