// Package batch runs Monte Carlo batches of Deconflict: many seeded runs of
// one scenario, optionally over a grid of parameter values (sweeps), spread
// over worker goroutines, one machine's shard at a time. It writes one row
// per run as CSV or JSON Lines in a fixed order, resumes interrupted files,
// merges shards into exactly the file one machine writes, and summarises and
// plots the results.
//
// It is the runner side of the simulator: goroutines and files live here,
// while every run itself stays a pure, single-threaded engine run whose seed
// depends on the base seed and the run index alone.
package batch

import (
	"fmt"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// FormatID names the layout of batch files and their sidecars; it changes
// whenever a column does.
const FormatID = "deconflict-batch/3"

// MaxSeed is the bound of seeds: they stay below 2^53 so that JSON, R and
// JavaScript read them exactly.
const MaxSeed = 1<<53 - 1

// Variant is one scenario a batch runs, with the hash of its canonical form.
// Runs share it read-only.
type Variant struct {
	Scenario *sim.Scenario
	Hash     string
}

// Builder makes the scenario for a list of KEY=VALUE overrides (the batch's
// --set ones, then a sweep point's), or says why it cannot. The CLI loads
// TOML; tests build scenarios in code.
type Builder func(overrides []string) (Variant, error)

// Shard is the share of a batch one machine runs: rows whose index is
// Index modulo Count. The zero value (and 0/1) is the whole batch.
type Shard struct {
	Index, Count int
}

// Whole reports whether the shard is the whole batch.
func (s Shard) Whole() bool { return s.Count <= 1 }

// String writes the shard as i/n, or "" for the whole batch.
func (s Shard) String() string {
	if s.Whole() {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// ParseShard reads i/n (0-based, 0 ≤ i < n).
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	var sh Shard
	if ok {
		_, err1 := fmt.Sscanf(is, "%d", &sh.Index)
		_, err2 := fmt.Sscanf(ns, "%d", &sh.Count)
		ok = err1 == nil && err2 == nil && fmt.Sprintf("%d/%d", sh.Index, sh.Count) == strings.TrimSpace(s)
	}
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want i/n, such as 0/4", s)
	}
	return sh, sh.check()
}

func (s Shard) check() error {
	if s.Count < 1 || s.Index < 0 || s.Index >= s.Count {
		return fmt.Errorf("shard %d/%d: want 0 ≤ i < n", s.Index, s.Count)
	}
	return nil
}

// Spec is what a batch is asked to do.
type Spec struct {
	Scenario string   // scenario id or file name, for error messages
	Sets     []string // --set KEY=VALUE overrides, applied to every run
	Sweeps   []Sweep
	Runs     int // runs per sweep point
	Seed     uint64
	Shard    Shard
}

// Point is one sweep grid point: its values, its overrides and its scenario.
type Point struct {
	Index     int
	Values    []Value  // one per sweep, in flag order
	Overrides []string // the --set overrides, then KEY=VALUE per sweep
	Variant
}

// Plan is a checked batch: every grid point's scenario built and hashed.
type Plan struct {
	Spec
	Base   Variant // the scenario after the --set overrides only
	Points []Point
	layout layout
}

// NewPlan checks a spec and builds every grid point's scenario, so a bad
// key or value is reported before any run starts.
func NewPlan(spec Spec, build Builder) (*Plan, error) {
	if spec.Runs < 1 {
		return nil, fmt.Errorf("--runs must be at least 1 (got %d)", spec.Runs)
	}
	if spec.Seed > MaxSeed {
		return nil, fmt.Errorf("--seed %d: seeds are below 2^53", spec.Seed)
	}
	if spec.Shard.Count == 0 {
		spec.Shard = Shard{0, 1}
	}
	if err := spec.Shard.check(); err != nil {
		return nil, err
	}
	for _, s := range spec.Sets {
		if strings.ContainsAny(s, "\n\r") {
			return nil, fmt.Errorf("--set %q: line breaks are not allowed in batch overrides", s)
		}
	}
	grid := Grid(spec.Sweeps)
	if err := grid.checkSize(); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, s := range spec.Sweeps {
		if seen[s.Key] {
			return nil, fmt.Errorf("--sweep %s is given twice", s.Key)
		}
		seen[s.Key] = true
	}
	total := int64(grid.Points()) * int64(spec.Runs)
	if total > 1<<40 {
		return nil, fmt.Errorf("%d rows is too many", total)
	}
	base, err := build(spec.Sets)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", spec.Scenario, err)
	}
	p := &Plan{Spec: spec, Base: base}
	p.layout = newLayout(spec.Sweeps, Roles(base.Scenario), Objectives(base.Scenario))
	for i := range grid.Points() {
		pt := Point{Index: i, Overrides: append([]string(nil), spec.Sets...)}
		for s, k := range grid.Indices(i) {
			v := spec.Sweeps[s].Values[k]
			pt.Values = append(pt.Values, v)
			pt.Overrides = append(pt.Overrides, spec.Sweeps[s].Key+"="+v.Text)
		}
		if len(spec.Sweeps) == 0 {
			pt.Variant = base
		} else if pt.Variant, err = build(pt.Overrides); err != nil {
			return nil, fmt.Errorf("sweep point %d (%s): %w", i, strings.Join(pt.Overrides[len(spec.Sets):], " "), err)
		}
		p.Points = append(p.Points, pt)
	}
	return p, nil
}

// Rows returns the number of rows of the whole batch (all shards).
func (p *Plan) Rows() int64 { return int64(len(p.Points)) * int64(p.Runs) }

// ShardRows returns the number of rows this plan's shard writes.
func (p *Plan) ShardRows() int64 { return shardRows(p.Rows(), p.Shard) }

// shardRows counts the row indices r < total with r mod n = i.
func shardRows(total int64, s Shard) int64 {
	if s.Whole() {
		return total
	}
	n, i := int64(s.Count), int64(s.Index)
	if total <= i {
		return 0
	}
	return (total - i + n - 1) / n
}

// RowIndex maps the shard's j-th row to its global row index.
func (p *Plan) RowIndex(j int64) int64 {
	if p.Shard.Whole() {
		return j
	}
	return int64(p.Shard.Index) + j*int64(p.Shard.Count)
}

// Seed returns the seed of a run: it depends on the base seed and the run
// index alone, so every sweep point sees the same dice.
func (p *Plan) Seed(run int) uint64 { return sim.DeriveSeed(p.Spec.Seed, uint64(run)) }

// Meta returns the batch's identity, written beside its file.
func (p *Plan) Meta() Meta {
	m := Meta{
		Format:        FormatID,
		Scenario:      p.Base.Scenario.ID,
		ScenarioHash:  p.Base.Hash,
		Seed:          p.Spec.Seed,
		Runs:          p.Runs,
		Sets:          append([]string{}, p.Sets...),
		Sweeps:        []string{},
		Points:        len(p.Points),
		Rows:          p.Rows(),
		Shard:         p.Shard.String(),
		EngineVersion: sim.Version,
		Roles:         []string{},
		Objectives:    Objectives(p.Base.Scenario),
	}
	for _, a := range Roles(p.Base.Scenario) {
		m.Roles = append(m.Roles, a.String())
	}
	for _, s := range p.Sweeps {
		m.Sweeps = append(m.Sweeps, s.Spec)
	}
	return m
}
