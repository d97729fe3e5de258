package batch

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"pgregory.net/rapid"
)

func TestPercentileNearestRank(t *testing.T) {
	samples := make([]int64, 100)
	for i := range samples {
		samples[i] = int64(100 - i) // unsorted: describe sorts
	}
	ms := describe([][]int64{samples[:3], samples[3:40], samples[40:]}, sim.MetricSpec{Key: "x", Scale: 1})
	if ms.P5 != "5" || ms.P50 != "50" || ms.P95 != "95" || ms.Min != "1" || ms.Max != "100" {
		t.Fatalf("percentiles of 1..100: p5 %s p50 %s p95 %s min %s max %s", ms.P5, ms.P50, ms.P95, ms.Min, ms.Max)
	}
	if ms.Mean != 50.5 {
		t.Fatalf("mean of 1..100 is %v", ms.Mean)
	}
	// At scale 1000 the same ranks print as exact decimals.
	for i := range samples {
		samples[i] = int64(i+1) * 250
	}
	ms = describe([][]int64{samples}, sim.MetricSpec{Key: "x", Scale: sim.Milli})
	if ms.P5 != "1.250" || ms.P50 != "12.500" || ms.P95 != "23.750" {
		t.Fatalf("scaled percentiles: %s %s %s", ms.P5, ms.P50, ms.P95)
	}
	one := describe([][]int64{{7}}, sim.MetricSpec{Key: "x", Scale: 1})
	if one.P5 != "7" || one.P95 != "7" || one.CILow != nil {
		t.Fatalf("one sample: %+v", one)
	}
	if got := Percentile([][]int64{{1, 3}, {2}}, 100); got != 3 {
		t.Fatalf("p100 of 1,2,3 is %d", got)
	}
	// Ranks across blocks, negative values and the int64 extremes: of the
	// 20 values below, sorted -2^63, -5, -5, -1, 0 ×12, 4, 9, 9, 2^63-1,
	// p5 has rank ⌈5·20/100⌉ = 1, p50 rank 10, p95 rank 19.
	blocks := [][]int64{{math.MinInt64, -5, 0, 0, 0, 9}, {-5, -1, 0, 0, 0, 0, 4}, {0, 0, 0, 0, 0, 9, math.MaxInt64}}
	for p, want := range map[int]int64{5: math.MinInt64, 10: -5, 20: -1, 50: 0, 85: 4, 90: 9, 95: 9, 100: math.MaxInt64} {
		if got := Percentile(blocks, p); got != want {
			t.Errorf("p%d = %d, want %d", p, got, want)
		}
	}
}

func TestStudentT(t *testing.T) {
	// Known two-sided 95% critical values of Student's t.
	for _, c := range []struct {
		n    int
		crit float64
	}{{2, 12.706}, {10, 2.262}, {30, 2.045}, {1001, 1.962}} {
		lo, hi := ConfidenceInterval(0, 1, c.n)
		got := hi * math.Sqrt(float64(c.n))
		if math.Abs(got-c.crit) > 0.001 || math.Abs(lo+hi) > 1e-12 {
			t.Errorf("n=%d: t = %.4f, want %.3f", c.n, got, c.crit)
		}
	}
}

// TestConfidenceIntervalCoverage draws many samples from known
// distributions and checks that the 95% interval covers the true mean in
// about 95% of them.
func TestConfidenceIntervalCoverage(t *testing.T) {
	const reps = 2000
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []struct {
		name  string
		n     int
		mean  float64
		scale int64
		draw  func() float64
	}{
		{"normal(10, 3), n=8", 8, 10, sim.Milli, func() float64 { return 10 + 3*rng.NormFloat64() }},
		{"normal(-2, 0.5), n=40", 40, -2, sim.Micro, func() float64 { return -2 + 0.5*rng.NormFloat64() }},
		{"uniform(0, 100), n=20", 20, 50, sim.Milli, func() float64 { return 100 * rng.Float64() }},
		{"bernoulli(0.3), n=200", 200, 0.3, 1, func() float64 {
			if rng.Float64() < 0.3 {
				return 1
			}
			return 0
		}},
	}
	for _, c := range cases {
		covered := 0
		samples := make([]int64, c.n)
		for range reps {
			for i := range samples {
				samples[i] = int64(math.Round(c.draw() * float64(c.scale)))
			}
			ms := describe([][]int64{samples}, sim.MetricSpec{Key: "x", Scale: c.scale})
			if *ms.CILow <= c.mean && c.mean <= *ms.CIHigh {
				covered++
			}
		}
		// Binomial(2000, 0.95) has a standard deviation of 0.49 points.
		if rate := float64(covered) / reps; rate < 0.93 || rate > 0.97 {
			t.Errorf("%s: the 95%% interval covered the mean in %.1f%% of %d samples", c.name, 100*rate, reps)
		}
	}
}

func TestFormatScaledRoundTrip(t *testing.T) {
	cases := []struct {
		v, scale int64
		want     string
	}{
		{41500, 1000, "41.500"}, {-7, 1000, "-0.007"}, {0, 1000, "0.000"}, {5, 1, "5"}, {-5, 1, "-5"},
		{1_000_000, 1_000_000, "1.000000"}, {math.MinInt64, 1000, "-9223372036854775.808"},
	}
	for _, c := range cases {
		if got := FormatScaled(c.v, c.scale); got != c.want {
			t.Errorf("FormatScaled(%d, %d) = %s, want %s", c.v, c.scale, got, c.want)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.Int64().Draw(t, "v")
		scale := rapid.SampledFrom([]int64{1, 10, 1000, 1_000_000}).Draw(t, "scale")
		s := FormatScaled(v, scale)
		back, ok := ParseScaled(s, scale)
		if !ok || back != v {
			t.Fatalf("%d at scale %d wrote %s, read back %d (%v)", v, scale, s, back, ok)
		}
	})
}

func TestSummaryTextAndJSON(t *testing.T) {
	plan := mustPlan(t, Spec{Runs: 6, Seed: 3, Sweeps: []Sweep{mustSweep(t, "initial.trust=40,70")}})
	stats := NewStats(len(plan.Points))
	if _, err := Execute(t.Context(), plan, 0, 2, func(r *Row) error { stats.Add(r); return nil }); err != nil {
		t.Fatal(err)
	}
	sum := stats.Summarise(plan.Meta(), plan.Sweeps)
	var text bytes.Buffer
	if err := sum.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"point 0: initial.trust=40 — 6 runs", "point 1: initial.trust=70 — 6 runs", "outcomes: completed", "strikes", "interdicted_share"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, text.String())
		}
	}
	var js bytes.Buffer
	if err := sum.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Points []struct {
			Sweep    map[string]float64
			Runs     int
			Outcomes map[string]struct{ Count int }
			Metrics  map[string]struct {
				Mean   float64
				CILow  *float64 `json:"ci95_low"`
				CIHigh *float64 `json:"ci95_high"`
				P50    float64
			}
		}
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Points) != 2 || back.Points[1].Sweep["initial.trust"] != 70 || back.Points[0].Runs != 6 {
		t.Fatalf("summary JSON points: %+v", back.Points)
	}
	total := 0
	for _, o := range back.Points[0].Outcomes {
		total += o.Count
	}
	if total != 6 || len(back.Points[0].Metrics) != int(sim.NumMetrics) {
		t.Fatalf("outcomes add to %d, %d metrics", total, len(back.Points[0].Metrics))
	}
	strikes := back.Points[0].Metrics["strikes"]
	if strikes.CILow == nil || *strikes.CILow > strikes.Mean || *strikes.CIHigh < strikes.Mean {
		t.Fatalf("strikes summary: %+v", strikes)
	}
}

// TestWilson checks the interval against values worked out by hand from
// centre = (p + z²/2n)/(1 + z²/n), half = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n),
// z = 1.96.
func TestWilson(t *testing.T) {
	for _, c := range []struct {
		p      float64
		n      int
		lo, hi float64
	}{
		// p = 0.5, n = 100: z²/n = 0.038416, denom 1.038416, centre 0.5,
		// half = 1.96·√(0.0025 + 0.00009604)/1.038416 = 1.96·0.050951/1.038416 = 0.096170.
		{0.5, 100, 0.403830, 0.596170},
		// p = 0, n = 20: denom = 1.192080, centre = 0.096040/1.192080 = 0.080565,
		// half = 1.96·√(0.00240100)/1.192080 = 1.96·0.049000/1.192080 = 0.080565.
		{0, 20, 0, 0.161130},
		// p = 1, n = 20: the mirror image.
		{1, 20, 0.838870, 1},
	} {
		lo, hi := Wilson(c.p, c.n)
		if math.Abs(lo-c.lo) >= 5e-4 || math.Abs(hi-c.hi) >= 5e-4 {
			t.Errorf("Wilson(%v, %d) = [%.6f, %.6f], want [%.6f, %.6f]", c.p, c.n, lo, hi, c.lo, c.hi)
		}
	}
}

// TestVerdictAndObjectiveShares feeds four hand-made rows and reads the
// per-role verdict shares and per-objective met rates back, worked by hand.
func TestVerdictAndObjectiveShares(t *testing.T) {
	meta := Meta{Roles: []string{"usa"}, Objectives: []Objective{{"a", "usa"}, {"b", "usa"}}}
	stats := NewStats(1)
	for _, r := range []struct {
		v   sim.Verdict
		met []bool
	}{
		{sim.VerdictWon, []bool{true, false}},
		{sim.VerdictWon, []bool{true, true}},
		{sim.VerdictLost, []bool{false, false}},
		{sim.VerdictDraw, []bool{true, false}},
	} {
		row := Row{Met: r.met}
		row.Verdicts[sim.USA] = r.v
		stats.Add(&row)
	}
	p := stats.Summarise(meta, nil).Points[0]
	// USA: won 2 of 4, lost 1, drew 1.
	for v, want := range map[string]OutcomeCount{"won": {2, 0.5}, "lost": {1, 0.25}, "draw": {1, 0.25}} {
		if got := p.Verdicts["usa"][v]; got != want {
			t.Errorf("usa %s: %+v, want %+v", v, got, want)
		}
	}
	// a: met in 3 of 4 runs. Wilson with z² = 3.8416, n = 4: denom = 1.9604,
	// centre = (0.75 + 0.4802)/1.9604 = 0.627525, half = 1.96·√(0.046875 +
	// 0.060025)/1.9604 = 1.96·0.326956/1.9604 = 0.326889: [0.300636, 0.954414].
	// b: met once, the mirror image: [0.045586, 0.699364].
	for id, want := range map[string][4]float64{"a": {3, 0.75, 0.300636, 0.954414}, "b": {1, 0.25, 0.045586, 0.699364}} {
		o := p.Objectives[id]
		if o.Role != "usa" || float64(o.Met) != want[0] || o.Rate != want[1] || o.CILow == nil ||
			math.Abs(*o.CILow-want[2]) > 5e-4 || math.Abs(*o.CIHigh-want[3]) > 5e-4 {
			t.Errorf("objective %s: %+v (interval %v, %v), want %v", id, o, *o.CILow, *o.CIHigh, want)
		}
	}
	var text bytes.Buffer
	if err := stats.Summarise(meta, nil).WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"verdicts of usa: won 2 (50.0%), draw 1 (25.0%), lost 1 (25.0%)", "a          usa   3 (75.0%)  [30.1%, 95.4%]"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, text.String())
		}
	}
}
