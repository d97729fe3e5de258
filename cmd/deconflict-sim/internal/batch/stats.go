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
// one int64 per metric per row done (for exact percentiles) and counts of
// outcomes, verdicts and objectives met; nothing else grows with the number
// of runs, and nothing at all with the number planned.
type Stats struct {
	points []pointStats
}

type pointStats struct {
	n        int
	outcomes [sim.NumOutcomes]int
	verdicts [sim.NumActors][numVerdicts]int
	met      []int // runs that met each objective
	metrics  [sim.NumMetrics]samples
}

// numVerdicts counts the verdicts: draw, won, lost.
const numVerdicts = 3

// NewStats prepares the statistics of a batch of points sweep points.
func NewStats(points int) *Stats {
	return &Stats{points: make([]pointStats, points)}
}

// Add counts one row.
func (s *Stats) Add(r *Row) {
	p := &s.points[r.Point]
	p.n++
	p.outcomes[r.Outcome]++
	for a, v := range r.Verdicts {
		p.verdicts[a][v]++
	}
	if len(p.met) < len(r.Met) {
		p.met = append(p.met, make([]int, len(r.Met)-len(p.met))...)
	}
	for i, met := range r.Met {
		if met {
			p.met[i]++
		}
	}
	for m, v := range r.Metrics {
		p.metrics[m].add(v)
	}
}

// samples returns a point's stored values of a metric, in blocks (in row
// order until Summarise sorts each block).
func (s *Stats) samples(point int, m sim.Metric) [][]int64 { return s.points[point].metrics[m].blocks }

// Sample blocks start at minBlock values and double up to maxBlock (64 KiB).
const minBlock, maxBlock = 8, 8192

// samples is one metric's values at one point, kept in blocks that are
// filled and never copied or joined: unlike a slice grown by append (which
// copies into one twice the size), the store stays at 8 bytes per value,
// plus at most one partly filled block, at every size, and the summary
// needs no copy of it.
type samples struct {
	blocks [][]int64
	n      int
}

func (s *samples) add(v int64) {
	last := len(s.blocks) - 1
	if last < 0 || len(s.blocks[last]) == cap(s.blocks[last]) {
		s.blocks = append(s.blocks, make([]int64, 0, min(maxBlock, max(minBlock, s.n))))
		last++
	}
	s.blocks[last] = append(s.blocks[last], v)
	s.n++
}

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
	// Verdicts gives, per role, how many runs it won, drew and lost.
	Verdicts map[string]map[string]OutcomeCount `json:"verdicts"`
	// Objectives gives, per objective id, how often it was met.
	Objectives map[string]ObjectiveRate `json:"objectives"`
	Metrics    map[string]MetricSummary `json:"metrics"`
}

// ObjectiveRate is how many runs of a point met an objective, their share
// and the share's 95% Wilson interval (nil without runs).
type ObjectiveRate struct {
	Role   string   `json:"role"`
	Met    int      `json:"met"`
	Rate   float64  `json:"rate"`
	CILow  *float64 `json:"ci95_low"`
	CIHigh *float64 `json:"ci95_high"`
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
			Outcomes: map[string]OutcomeCount{}, Verdicts: map[string]map[string]OutcomeCount{},
			Objectives: map[string]ObjectiveRate{}, Metrics: map[string]MetricSummary{}}
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
		for _, role := range meta.Roles {
			a, _ := sim.ParseActor(role) // the roles of a Meta are checked when it is read
			vs := map[string]OutcomeCount{}
			for v := range sim.Verdict(numVerdicts) {
				vc := OutcomeCount{Count: ps.verdicts[a][v]}
				if ps.n > 0 {
					vc.Share = float64(vc.Count) / float64(ps.n)
				}
				vs[v.String()] = vc
			}
			out.Verdicts[role] = vs
		}
		for i, o := range meta.Objectives {
			or := ObjectiveRate{Role: o.Role}
			if i < len(ps.met) {
				or.Met = ps.met[i]
			}
			if ps.n > 0 {
				or.Rate = float64(or.Met) / float64(ps.n)
				lo, hi := Wilson(or.Rate, ps.n)
				or.CILow, or.CIHigh = &lo, &hi
			}
			out.Objectives[o.ID] = or
		}
		if ps.n > 0 {
			for m, spec := range sim.MetricSpecs() {
				out.Metrics[spec.Key] = describe(ps.metrics[m].blocks, spec)
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

// describe summarises samples of a metric, given in blocks; it sorts each
// block.
func describe(blocks [][]int64, spec sim.MetricSpec) MetricSummary {
	n := 0
	var total float64
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for _, b := range blocks {
		slices.Sort(b)
		n += len(b)
		lo, hi = min(lo, b[0]), max(hi, b[len(b)-1])
		for _, v := range b {
			total += float64(v)
		}
	}
	mean := total / float64(n)
	var sq float64
	for _, b := range blocks {
		for _, v := range b {
			d := float64(v) - mean
			sq += d * d
		}
	}
	scale := float64(spec.Scale)
	ms := MetricSummary{Unit: spec.Unit, Mean: mean / scale}
	exact := func(v int64) json.Number { return json.Number(FormatScaled(v, spec.Scale)) }
	ms.Min, ms.Max = exact(lo), exact(hi)
	ms.P5, ms.P50, ms.P95 = exact(Percentile(blocks, 5)), exact(Percentile(blocks, 50)), exact(Percentile(blocks, 95))
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

// Wilson returns the 95% Wilson score interval of a share p observed in n
// runs: unlike p ± 1.96·√(p(1−p)/n) it stays within 0..1 and does not
// collapse to a point when p is 0 or 1.
func Wilson(p float64, n int) (lo, hi float64) {
	const z = 1.959963984540054
	nf := float64(n)
	denom := 1 + z*z/nf
	centre := (p + z*z/(2*nf)) / denom
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / denom
	return max(0, centre-half), min(1, centre+half)
}

// Percentile returns the p-th percentile (0 < p ≤ 100) of the values in
// sorted blocks (at least one value) by the nearest-rank method: always one
// of the values, so exact.
func Percentile(sorted [][]int64, p int) int64 {
	var n int64
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for _, b := range sorted {
		if len(b) > 0 {
			n += int64(len(b))
			lo, hi = min(lo, b[0]), max(hi, b[len(b)-1])
		}
	}
	rank := min(max((int64(p)*n+99)/100, 1), n)
	// The value of that rank is the least v with at least rank values ≤ v:
	// bisect on v, counting in each block by binary search, so the blocks
	// need not be merged.
	for lo < hi {
		mid := lo + int64((uint64(hi)-uint64(lo))/2)
		var atMost int64
		for _, b := range sorted {
			i, _ := slices.BinarySearch(b, mid+1)
			atMost += int64(i)
		}
		if atMost >= rank {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
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
			outs = append(outs, o.String()+" "+percent(oc))
		}
		fmt.Fprintf(w, "outcomes: %s\n", strings.Join(outs, ", "))
		for _, role := range b.Roles {
			vs := p.Verdicts[role]
			fmt.Fprintf(w, "verdicts of %s: won %s, draw %s, lost %s\n", role, percent(vs["won"]), percent(vs["draw"]), percent(vs["lost"]))
		}
		if len(b.Objectives) > 0 {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "objective\trole\tmet\t95% CI")
			for _, ob := range b.Objectives {
				o := p.Objectives[ob.ID]
				fmt.Fprintf(tw, "%s\t%s\t%d (%.1f%%)\t[%.1f%%, %.1f%%]\n", ob.ID, o.Role, o.Met, 100*o.Rate, 100**o.CILow, 100**o.CIHigh)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
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

// percent writes a count with its share, such as "12 (30.0%)".
func percent(c OutcomeCount) string { return fmt.Sprintf("%d (%.1f%%)", c.Count, 100*c.Share) }

// FormatFloat prints a statistic with four significant digits, never in
// exponent form.
func FormatFloat(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	digits := 3 - int(math.Floor(math.Log10(math.Abs(v))))
	return strconv.FormatFloat(v, 'f', min(max(digits, 0), 8), 64)
}
