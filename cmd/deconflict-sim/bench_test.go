package main

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/simtest"
)

// The benchmarks live here, in the batch binary's own package, so that they
// time the engine as this binary runs it: go build and go test build it
// with the profile in default.pgo (profile-guided optimisation; make pgo
// takes it afresh from BenchmarkCampaign).

// BenchmarkTurn times one turn with every AI deciding, in a steady state
// (engine and policies reused, no hashing, no log); a run that ends starts
// over with the next seed.
func BenchmarkTurn(b *testing.B) {
	for _, s := range simtest.Benchmarked(b) {
		b.Run(s.Name, func(b *testing.B) {
			p, err := simtest.NewPlayer(s.Scenario, 1)
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
	for _, s := range simtest.Benchmarked(b) {
		b.Run(s.Name, func(b *testing.B) {
			d := runner.NewDriver(s.Scenario)
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
