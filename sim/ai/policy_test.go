package ai_test

import (
	"math"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/simtest"
)

// sample runs testland over seeds 1..n with one actor's policy replaced and
// returns a statistic of each run.
func sample(t *testing.T, actor sim.Actor, policy string, n int, stat func(r *runner.Result) float64) []float64 {
	t.Helper()
	sc := simtest.Scenario()
	sc.Actors[actor] = sim.ActorSetup{Present: true, Policy: policy}
	d := runner.NewDriver(sc)
	out := make([]float64, n)
	for i := range out {
		r, err := d.Run(uint64(i+1), runner.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out[i] = stat(&r)
	}
	return out
}

func meanSE(xs []float64) (mean, se float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1) / float64(len(xs)))
}

// TestPoliciesDiffer: the two policies of each actor give measurably
// different results over 100 seeds: the difference of the means is more
// than four standard errors, in the expected direction.
func TestPoliciesDiffer(t *testing.T) {
	const n = 100
	metric := func(ms ...sim.Metric) func(r *runner.Result) float64 {
		return func(r *runner.Result) float64 {
			var v float64
			for _, m := range ms {
				v += float64(r.Metrics[m])
			}
			return v
		}
	}
	deniedShare := func(r *runner.Result) float64 {
		if r.Metrics[sim.MetricRequests] == 0 {
			return 0
		}
		return float64(r.Metrics[sim.MetricDenied]) / float64(r.Metrics[sim.MetricRequests])
	}
	for _, c := range []struct {
		actor      sim.Actor
		more, less string // the policy expected to score higher, and lower
		what       string
		stat       func(r *runner.Result) float64
	}{
		{sim.Israel, "opportunist", "cautious", "strikes", metric(sim.MetricStrikes)},
		{sim.Israel, "opportunist", "cautious", "violations", metric(sim.MetricViolations)},
		{sim.USA, "force-protection", "permissive", "share of requests denied", deniedShare},
		{sim.USA, "permissive", "force-protection", "trust at the end", metric(sim.MetricTrust)},
		{sim.Iran, "tit-for-tat", "restrained", "attacks", metric(sim.MetricAttacksOnUS, sim.MetricAttacksOnIsrael)},
	} {
		hi, seHi := meanSE(sample(t, c.actor, c.more, n, c.stat))
		lo, seLo := meanSE(sample(t, c.actor, c.less, n, c.stat))
		se := math.Sqrt(seHi*seHi + seLo*seLo)
		t.Logf("%s %s: %s %.3f ± %.3f, %s %.3f ± %.3f", c.actor, c.what, c.more, hi, seHi, c.less, lo, seLo)
		if hi-lo <= 4*se || hi <= lo {
			t.Errorf("%s: %s (%.3f) does not exceed %s (%.3f) by four standard errors (%.3f)", c.what, c.more, hi, c.less, lo, 4*se)
		}
	}
}

// TestEveryActorWithAPolicyHasTwo: the design asks for at least two
// distinct policies for Israel, the US and Iran, and a default among them.
func TestEveryActorWithAPolicyHasTwo(t *testing.T) {
	for _, a := range []sim.Actor{sim.Israel, sim.USA, sim.Iran} {
		names := ai.Names(a)
		if len(names) < 2 {
			t.Errorf("%s has policies %v", a, names)
		}
		def, found := ai.Default(a), false
		for _, n := range names {
			found = found || n == def
		}
		if !found {
			t.Errorf("%s's default policy %q is not among %v", a, def, names)
		}
	}
}

// TestNewRejectsUnknownPoliciesAndParams: a scenario naming a policy or a
// parameter that does not exist gets an error, not a silent default.
func TestNewRejectsUnknownPoliciesAndParams(t *testing.T) {
	if _, err := ai.New(sim.Israel, sim.ActorSetup{Present: true, Policy: "reckless"}, 1); err == nil {
		t.Error("an unknown policy was accepted")
	}
	if _, err := ai.New(sim.USA, sim.ActorSetup{Present: true, Policy: "permissive", Params: []sim.PolicyParam{{Key: "nerve", Value: 1}}}, 1); err == nil {
		t.Error("an unknown parameter was accepted")
	}
	if _, err := ai.New(sim.NoActor, sim.ActorSetup{Present: true}, 1); err == nil {
		t.Error("a policy was built for no actor")
	}
}
