// Package scentest judges a scenario's [[expect]] blocks: it plays many
// seeded runs with AI for every actor, measures each expectation in every
// run, and compares the observed share or mean, with its 95% interval, to
// the bounds the author wrote.
package scentest

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/batch"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
)

// Result is one expectation judged over the runs.
type Result struct {
	Expect scenario.Expect
	Runs   int
	Value  float64 // the observed share (0..1) or mean (in the metric's unit)
	Lo, Hi float64 // its 95% interval
	Failed bool    // the whole interval lies outside the bounds
}

// Run plays runs seeded runs of sc (run i's seed derived from seed and i,
// as batches do) on workers goroutines (all cores when 0) and judges every
// expectation. The results are the same whatever the number of workers.
func Run(sc *sim.Scenario, expects []scenario.Expect, runs int, seed uint64, workers int) ([]Result, error) {
	if runs < 2 {
		return nil, fmt.Errorf("need at least 2 runs, got %d", runs)
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	wantLog := false
	for i := range expects {
		wantLog = wantLog || expects[i].Check == scenario.ExpectEvent
	}
	// values[e][r] is expectation e measured in run r.
	values := make([][]float64, len(expects))
	for i := range values {
		values[i] = make([]float64, runs)
	}
	jobs := make(chan int)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := runner.NewDriver(sc)
			for r := range jobs {
				if errs[w] != nil {
					continue
				}
				res, err := d.Run(sim.DeriveSeed(seed, uint64(r)), runner.Options{Log: wantLog})
				if err != nil {
					errs[w] = fmt.Errorf("run %d: %w", r, err)
					continue
				}
				for e := range expects {
					values[e][r] = Measure(sc, &expects[e], &res)
				}
			}
		}()
	}
	for r := range runs {
		jobs <- r
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	out := make([]Result, len(expects))
	for e := range expects {
		out[e] = Judge(expects[e], values[e])
	}
	return out, nil
}

// Measure is an expectation's value in one run: 1 or 0 for the checks that
// count runs, the metric in its unit for a mean.
func Measure(sc *sim.Scenario, x *scenario.Expect, res *runner.Result) float64 {
	hit := false
	switch x.Check {
	case scenario.ExpectMean:
		return float64(res.Metrics[x.Metric]) / float64(x.Metric.Spec().Scale)
	case scenario.ExpectShare:
		hit = sim.Condition{Metric: x.Metric, Op: x.Op, Value: x.Value}.Holds(res.Metrics[x.Metric])
	case scenario.ExpectVerdict:
		hit = res.Verdicts[x.Role] == x.Verdict
	case scenario.ExpectObjective:
		hit = res.Objectives[x.Objective].Met
	case scenario.ExpectEvent:
		hit = happened(x, res.Log)
	}
	if hit {
		return 1
	}
	return 0
}

// happened reports whether the log holds an entry the event check asks for.
func happened(x *scenario.Expect, log []sim.Entry) bool {
	from, to := int32(math.MinInt32), int32(math.MaxInt32)
	if x.Before >= 0 {
		to = x.Before
	}
	if x.After >= 0 {
		i := 0
		for i < len(log) && (log[i].Kind != sim.LogEvent || log[i].Subject != x.After) {
			i++
		}
		if i == len(log) {
			return false // the scripted event never fired
		}
		from, to = log[i].Day, min(to, log[i].Day+x.Within)
	}
	for i := range log {
		e := &log[i]
		if e.Kind == x.Kind && e.Day >= from && e.Day <= to &&
			(x.Site < 0 || e.Site == x.Site) && (x.Actor == sim.NoActor || e.Actor == x.Actor) {
			return true
		}
	}
	return false
}

// Judge summarises an expectation's per-run values: a share with Wilson's
// 95% interval, or a mean with Student's t 95% interval; it fails only when
// the whole interval lies outside [Min, Max].
func Judge(x scenario.Expect, values []float64) Result {
	n := len(values)
	r := Result{Expect: x, Runs: n}
	var sum float64
	for _, v := range values {
		sum += v
	}
	r.Value = sum / float64(n)
	if x.Check == scenario.ExpectMean {
		var ss float64
		for _, v := range values {
			ss += (v - r.Value) * (v - r.Value)
		}
		r.Lo, r.Hi = batch.ConfidenceInterval(r.Value, math.Sqrt(ss/float64(n-1)), n)
	} else {
		r.Lo, r.Hi = batch.Wilson(r.Value, n)
	}
	r.Failed = r.Hi < x.Min || r.Lo > x.Max
	return r
}
