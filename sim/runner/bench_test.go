package runner_test

import (
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
	"github.com/deconflict/deconflict/sim/simtest"
)

// benchScenarios lists the scenarios the benchmarks run: the hand-built
// testland always, shadow-war when it is embedded.
func benchScenarios(b testing.TB) []struct {
	name string
	sc   *sim.Scenario
} {
	out := []struct {
		name string
		sc   *sim.Scenario
	}{{"testland", simtest.Scenario()}}
	if f, ok := scenarios.Lookup("shadow-war"); ok {
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, struct {
			name string
			sc   *sim.Scenario
		}{"shadow-war", sc})
	}
	return out
}

// BenchmarkTurn times one turn with every AI deciding, in a steady state
// (engine and policies reused, no hashing, no log); a run that ends starts
// over with the next seed.
func BenchmarkTurn(b *testing.B) {
	for _, s := range benchScenarios(b) {
		b.Run(s.name, func(b *testing.B) {
			p, err := simtest.NewPlayer(s.sc, 1)
			if err != nil {
				b.Fatal(err)
			}
			if err := p.Play(0); err != nil { // warm up: grow every buffer once
				b.Fatal(err)
			}
			seed := uint64(2)
			p.Reset(seed)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				stop, err := p.Turn()
				if err != nil {
					b.Fatal(err)
				}
				if stop == sim.StopOver {
					seed++
					p.Reset(seed)
				}
			}
		})
	}
}

// BenchmarkCampaign times whole runs through the driver, as batch runs
// them (no per-turn hashing, no log), and reports turns per second.
func BenchmarkCampaign(b *testing.B) {
	for _, s := range benchScenarios(b) {
		b.Run(s.name, func(b *testing.B) {
			d := runner.NewDriver(s.sc)
			b.ReportAllocs()
			b.ResetTimer()
			var turns int64
			for i := range b.N {
				r, err := d.Run(uint64(i+1), runner.Options{})
				if err != nil {
					b.Fatal(err)
				}
				turns += int64(r.Turns)
			}
			b.ReportMetric(float64(turns)/b.Elapsed().Seconds(), "turns/s")
			b.ReportMetric(float64(turns)/float64(b.N), "turns/run")
		})
	}
}
