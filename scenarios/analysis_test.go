package scenarios_test

import (
	"flag"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
)

var update = flag.Bool("update", false, "rewrite the generated figures of docs/analysis.md and docs/model.md")

// counterfactual is one question of docs/analysis.md: shadow-war with some
// overrides, compared with the default.
type counterfactual struct {
	name string
	sets []string // KEY=VALUE, as given to --set
}

// counterfactuals lists the questions, in the order the page answers them.
var counterfactuals = []counterfactual{
	{"as played (default AI)", nil},
	{"the US denies most strikes near Al-Tanf", []string{`actor.usa.policy="force-protection"`, `actor.usa.params={ approval_threshold = 0 }`}},
	{"the deconfliction is public from 2017", []string{"initial.complicity=0.65"}},
	{"Israel ignores halts and denials", []string{"actor.israel.params.defiance=1"}},
	{"Iran never retaliates", []string{"actor.iran.params.threshold=100"}},
	{"the US never answers attacks", []string{"actor.usa.params.respond=0", "actor.usa.params.blame=0"}},
	{"no US troops at Al-Tanf", []string{"site.tanf.troops=0", `zone.tanf-55km.kind="halt"`,
		`event.troops-2000.effects=[{ troops = { site = "rmeilan", set = 600 } }, { troops = { site = "manbij-kobani", set = 500 } }, { troops = { site = "conoco", set = 300 } }, { troops = { site = "al-omar", set = 400 } }]`}},
}

// column is one figure of the table: a per-run value and how to print it.
type column struct {
	head string
	val  func(r *runner.Result) float64
	pct  bool // a share of runs, printed as a percentage without interval
}

func metricCol(head string, m sim.Metric) column {
	scale := float64(m.Spec().Scale)
	return column{head, func(r *runner.Result) float64 { return float64(r.Metrics[m]) / scale }, false}
}

var columns = []column{
	metricCol("Israeli strikes", sim.MetricStrikes),
	metricCol("interdicted %", sim.MetricInterdictedShare),
	metricCol("attacks on US", sim.MetricAttacksOnUS),
	metricCol("US deaths", sim.MetricUSCasualties),
	metricCol("talks %", sim.MetricTalksProgress),
	metricCol("trust", sim.MetricTrust),
	{"US drawn in", func(r *runner.Result) float64 { return b2f(r.Outcome == sim.OutcomeUSDrawnIn) }, true},
	{"regional war", func(r *runner.Result) float64 { return b2f(r.Outcome == sim.OutcomeRegionalWar) }, true},
	{"rupture", func(r *runner.Result) float64 { return b2f(r.Outcome == sim.OutcomeAllianceRupture) }, true},
	{"Israel won", func(r *runner.Result) float64 { return b2f(r.Verdicts[sim.Israel] == sim.VerdictWon) }, true},
	{"US won", func(r *runner.Result) float64 { return b2f(r.Verdicts[sim.USA] == sim.VerdictWon) }, true},
	{"Iran won", func(r *runner.Result) float64 { return b2f(r.Verdicts[sim.Iran] == sim.VerdictWon) }, true},
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// figures plays every counterfactual and renders the table of
// docs/analysis.md: means with their 95% intervals (normal approximation)
// over the same seeds.
func figures(t *testing.T, runs int) string {
	f, ok := scenarios.Lookup("shadow-war")
	if !ok {
		t.Fatal("shadow-war is not embedded")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "`shadow-war`, seeds 1 to %d, engine %s; ± is the 95%% interval of the mean.\n\n", runs, sim.Version)
	b.WriteString("| question | `--set` |")
	for _, c := range columns {
		b.WriteString(" " + c.head + " |")
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(columns)) + "\n")
	for _, cf := range counterfactuals {
		var ovs []scenario.Override
		for _, s := range cf.sets {
			o, err := scenario.ParseOverride(s)
			if err != nil {
				t.Fatal(err)
			}
			ovs = append(ovs, o)
		}
		sc, err := scenario.Load(f.Name, f.Data, ovs)
		if err != nil {
			t.Fatalf("%s: %v", cf.name, err)
		}
		d := runner.NewDriver(sc)
		vals := make([][]float64, len(columns))
		for seed := uint64(1); seed <= uint64(runs); seed++ {
			r, err := d.Run(seed, runner.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range columns {
				vals[i] = append(vals[i], c.val(&r))
			}
		}
		sets := "(none)"
		if len(cf.sets) > 0 {
			sets = "`" + strings.Join(cf.sets, "` `") + "`"
		}
		fmt.Fprintf(&b, "| %s | %s |", cf.name, sets)
		for i, c := range columns {
			m, half := meanCI(vals[i])
			if c.pct {
				fmt.Fprintf(&b, " %.0f%% |", 100*m)
			} else {
				fmt.Fprintf(&b, " %s ± %s |", sig(m), sig(half))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func meanCI(xs []float64) (mean, half float64) {
	for _, x := range xs {
		mean += x
	}
	n := float64(len(xs))
	mean /= n
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, 1.96 * math.Sqrt(ss/(n-1)/n)
}

// sig prints a figure to three significant digits.
func sig(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// TestAnalysisFiguresUpToDate plays the counterfactuals of docs/analysis.md
// and checks that the page shows the figures the engine gives today.
func TestAnalysisFiguresUpToDate(t *testing.T) {
	checkGenerated(t, "../docs/analysis.md", "figures", figures(t, 200))
}
