package batch

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/deconflict/deconflict/sim"
)

// Stats collects rows for the summary, point by point. It keeps exactly
// one int64 per metric per row (for exact percentiles) and outcome counts;
// nothing else grows with the number of runs.
type Stats struct {
	points []pointStats
}

type pointStats struct {
	n        int
	outcomes [sim.NumOutcomes]int
	metrics  [sim.NumMetrics][]int64
}

// NewStats prepares the statistics of a batch's shard, sized for the rows
// it will hold so that no slice ever grows past them.
func NewStats(meta Meta, shard Shard) *Stats {
	s := &Stats{points: make([]pointStats, meta.Points)}
	for p := range s.points {
		n := pointShardRows(p, meta.Runs, shard)
		for m := range s.points[p].metrics {
			s.points[p].metrics[m] = make([]int64, 0, n)
		}
	}
	return s
}

// pointShardRows counts a point's rows in a shard: runs i < runs with
// (point·runs + i) mod n = shard index.
func pointShardRows(point, runs int, shard Shard) int {
	if shard.Whole() {
		return runs
	}
	n := int64(shard.Count)
	first := ((int64(shard.Index)-int64(point)*int64(runs))%n + n) % n
	if first >= int64(runs) {
		return 0
	}
	return int((int64(runs) - first + n - 1) / n)
}

// Add counts one row.
func (s *Stats) Add(r *Row) {
	p := &s.points[r.Point]
	p.n++
	p.outcomes[r.Outcome]++
	for m, v := range r.Metrics {
		p.metrics[m] = append(p.metrics[m], v)
	}
}

// samples returns a point's stored values of a metric (in row order until
// Summarise sorts them).
func (s *Stats) samples(point int, m sim.Metric) []int64 { return s.points[point].metrics[m] }

// Summary is what a batch prints and writes with --summary.
type Summary struct {
	Batch      Meta           `json:"batch"`
	Confidence string         `json:"confidence_interval"`
	Percentile string         `json:"percentiles"`
	Points     []PointSummary `json:"points"`
}

// PointSummary summarises one sweep point's rows.
type PointSummary struct {
	Point    int                        `json:"point"`
	Sweep    map[string]json.RawMessage `json:"sweep"`
	Values   []Value                    `json:"-"`
	Runs     int                        `json:"runs"`
	Outcomes map[string]OutcomeCount    `json:"outcomes"`
	Metrics  map[string]MetricSummary   `json:"metrics"`
}

// OutcomeCount is how many runs of a point ended one way, and their share.
type OutcomeCount struct {
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// MetricSummary describes one metric's distribution at one point. Values
// are in the metric's reported unit; percentiles are exact sample values.
type MetricSummary struct {
	Unit   string      `json:"unit"`
	Mean   float64     `json:"mean"`
	StdDev float64     `json:"stddev"`
	CILow  *float64    `json:"ci95_low"` // nil with fewer than two runs
	CIHigh *float64    `json:"ci95_high"`
	Min    json.Number `json:"min"`
	P5     json.Number `json:"p5"`
	P50    json.Number `json:"p50"`
	P95    json.Number `json:"p95"`
	Max    json.Number `json:"max"`
}

// How the summary computes its figures, stated in the summary itself.
const (
	confidenceMethod = "mean ± t(0.975, n-1) · s/√n (Student's t, s the sample standard deviation)"
	percentileMethod = "nearest rank: the value of rank ⌈p·n/100⌉ in sorted order"
)

// Summarise computes the summary. It sorts the stored samples in place.
func (s *Stats) Summarise(meta Meta, grid Grid) Summary {
	sum := Summary{Batch: meta, Confidence: confidenceMethod, Percentile: percentileMethod}
	for p := range s.points {
		ps := &s.points[p]
		out := PointSummary{Point: p, Runs: ps.n, Sweep: map[string]json.RawMessage{},
			Outcomes: map[string]OutcomeCount{}, Metrics: map[string]MetricSummary{}}
		for i, k := range grid.Indices(p) {
			v := grid[i].Values[k]
			out.Values = append(out.Values, v)
			out.Sweep[grid[i].Key] = v.jsonValue()
		}
		for o := sim.Outcome(1); o < sim.NumOutcomes; o++ {
			oc := OutcomeCount{Count: ps.outcomes[o]}
			if ps.n > 0 {
				oc.Share = float64(oc.Count) / float64(ps.n)
			}
			out.Outcomes[o.String()] = oc
		}
		if ps.n > 0 {
			for m, spec := range sim.MetricSpecs() {
				out.Metrics[spec.Key] = describe(ps.metrics[m], spec)
			}
		}
		sum.Points = append(sum.Points, out)
	}
	return sum
}

func (v Value) jsonValue() json.RawMessage {
	if v.Numeric {
		return json.RawMessage(v.Text)
	}
	return appendJSONString(nil, v.Text)
}

// describe summarises samples of a metric; it sorts them.
func describe(samples []int64, spec sim.MetricSpec) MetricSummary {
	slices.Sort(samples)
	n := len(samples)
	scale := float64(spec.Scale)
	var total float64
	for _, v := range samples {
		total += float64(v)
	}
	mean := total / float64(n)
	var sq float64
	for _, v := range samples {
		d := float64(v) - mean
		sq += d * d
	}
	ms := MetricSummary{Unit: spec.Unit, Mean: mean / scale}
	exact := func(v int64) json.Number { return json.Number(FormatScaled(v, spec.Scale)) }
	ms.Min, ms.Max = exact(samples[0]), exact(samples[n-1])
	ms.P5, ms.P50, ms.P95 = exact(Percentile(samples, 5)), exact(Percentile(samples, 50)), exact(Percentile(samples, 95))
	if n >= 2 {
		sd := math.Sqrt(sq/float64(n-1)) / scale
		ms.StdDev = sd
		lo, hi := ConfidenceInterval(ms.Mean, sd, n)
		ms.CILow, ms.CIHigh = &lo, &hi
	}
	return ms
}

// ConfidenceInterval returns the 95% confidence interval of a mean from n
// samples with sample standard deviation sd, by Student's t with n-1
// degrees of freedom (n ≥ 2).
func ConfidenceInterval(mean, sd float64, n int) (lo, hi float64) {
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	half := t * sd / math.Sqrt(float64(n))
	return mean - half, mean + half
}

// Percentile returns the p-th percentile (0 < p ≤ 100) of sorted samples by
// the nearest-rank method: always one of the samples, so exact.
func Percentile(sorted []int64, p int) int64 {
	n := int64(len(sorted))
	rank := (int64(p)*n + 99) / 100
	return sorted[min(max(rank, 1), n)-1]
}

// WriteJSON writes the summary as indented JSON.
func (s Summary) WriteJSON(w io.Writer) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the summary: %w", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// WriteText prints the summary as tables, one per sweep point.
func (s Summary) WriteText(w io.Writer) error {
	b := s.Batch
	head := fmt.Sprintf("%s (scenario %.12s…), seed %d, %d runs per point", b.Scenario, b.ScenarioHash, b.Seed, b.Runs)
	if b.Shard != "" {
		head += ", shard " + b.Shard
	}
	for _, set := range b.Sets {
		head += ", --set " + set
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, "95% CI: Student's t on the mean; percentiles by nearest rank (exact sample values)")
	for _, p := range s.Points {
		fmt.Fprintln(w)
		label := fmt.Sprintf("point %d", p.Point)
		keys := make([]string, 0, len(p.Values))
		for i, v := range p.Values {
			keys = append(keys, strings.SplitN(b.Sweeps[i], "=", 2)[0]+"="+v.Text)
		}
		if len(keys) > 0 {
			label += ": " + strings.Join(keys, " ")
		}
		fmt.Fprintf(w, "%s — %d runs\n", label, p.Runs)
		if p.Runs == 0 {
			continue
		}
		var outs []string
		for o := sim.Outcome(1); o < sim.NumOutcomes; o++ {
			oc := p.Outcomes[o.String()]
			outs = append(outs, fmt.Sprintf("%s %d (%.1f%%)", o, oc.Count, 100*oc.Share))
		}
		fmt.Fprintf(w, "outcomes: %s\n", strings.Join(outs, ", "))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "metric\tunit\tmean\t95% CI\tp5\tp50\tp95")
		for _, spec := range sim.MetricSpecs() {
			m := p.Metrics[spec.Key]
			ci := "-"
			if m.CILow != nil {
				ci = fmt.Sprintf("[%s, %s]", FormatFloat(*m.CILow), FormatFloat(*m.CIHigh))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", spec.Key, spec.Unit, FormatFloat(m.Mean), ci, m.P5, m.P50, m.P95)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// FormatFloat prints a statistic with four significant digits, never in
// exponent form.
func FormatFloat(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	digits := 3 - int(math.Floor(math.Log10(math.Abs(v))))
	return strconv.FormatFloat(v, 'f', min(max(digits, 0), 8), 64)
}
