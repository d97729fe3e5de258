package scenarios_test

import (
	"math"
	"strconv"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
)

// samples holds, per run, every metric and the role's verdict (1 won, 0 not).
type samples [][sim.NumMetrics + 1]float64

func play(t *testing.T, f scenarios.File, ovs []scenario.Override, role sim.Actor, runs int) samples {
	t.Helper()
	sc, err := scenario.Load(f.Name, f.Data, ovs)
	if err != nil {
		t.Fatalf("%s with %v: %v", f.Name, ovs, err)
	}
	d := runner.NewDriver(sc)
	out := make(samples, runs)
	for i := range out {
		res, err := d.Run(uint64(i+1), runner.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for m, v := range res.Metrics {
			out[i][m] = float64(v)
		}
		if res.Verdicts[role] == sim.VerdictWon {
			out[i][sim.NumMetrics] = 1
		}
	}
	return out
}

// differs reports whether some column's means differ by more than the 95%
// interval of their difference (Welch, normal approximation).
func differs(a, b samples) (col int, yes bool) {
	n := float64(len(a))
	for c := range a[0] {
		var ma, mb, va, vb float64
		for i := range a {
			ma += a[i][c]
			mb += b[i][c]
		}
		ma, mb = ma/n, mb/n
		for i := range a {
			va += (a[i][c] - ma) * (a[i][c] - ma)
			vb += (b[i][c] - mb) * (b[i][c] - mb)
		}
		se := math.Sqrt(va/(n-1)/n + vb/(n-1)/n)
		if ma != mb && math.Abs(ma-mb) > 1.96*se {
			return c, true
		}
	}
	return 0, false
}

// TestEveryPolicyParameterMatters plays each policy in every embedded
// scenario with each of its parameters at the two ends of its range, the
// same seeds both times, and checks that the parameter moves some metric or
// the role's win share by more than the 95% interval of the difference in
// at least one scenario. A knob that changes nothing misleads the analyst
// who sweeps it.
func TestEveryPolicyParameterMatters(t *testing.T) {
	const runs = 100
	files := scenarios.Files()
	for _, spec := range ai.Specs() {
		role := spec.Actor.String()
		for _, p := range spec.Params {
			alive := false
			for _, f := range files {
				at := func(v float64) []scenario.Override {
					return []scenario.Override{
						{Key: "actor." + role + ".policy", Value: strconv.Quote(spec.Name)},
						{Key: "actor." + role + ".params", Value: "{}"},
						{Key: "actor." + role + ".params." + p.Key, Value: strconv.FormatFloat(v, 'g', -1, 64)},
					}
				}
				lo, hi := play(t, f, at(p.Min), spec.Actor, runs), play(t, f, at(p.Max), spec.Actor, runs)
				if c, ok := differs(lo, hi); ok {
					name := "verdict"
					if c < int(sim.NumMetrics) {
						name = sim.Metric(c).String()
					}
					t.Logf("%s %s %s: moves %s in %s", role, spec.Name, p.Key, name, f.Name)
					alive = true
					break
				}
			}
			if !alive {
				t.Errorf("%s policy %s: parameter %s changes no metric and no win share in any embedded scenario", role, spec.Name, p.Key)
			}
		}
	}
}
