package batch

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim/scenario"
)

// embeddedBuilder loads an embedded scenario with overrides.
func embeddedBuilder(b *testing.B, id string) Builder {
	f, ok := scenarios.Lookup(id)
	if !ok {
		b.Skipf("no embedded scenario %s", id)
	}
	return func(sets []string) (Variant, error) {
		var ovs []scenario.Override
		for _, s := range sets {
			o, err := scenario.ParseOverride(s)
			if err != nil {
				return Variant{}, err
			}
			ovs = append(ovs, o)
		}
		sc, err := scenario.Load(f.Name, f.Data, ovs)
		if err != nil {
			return Variant{}, err
		}
		return Variant{Scenario: sc, Hash: scenario.Hash(sc)}, nil
	}
}

// BenchmarkBatch measures batch throughput, one operation per run, for
// the hand-built test scenario and the embedded tanf-2021 and shadow-war,
// with one and two workers (compare the two for the parallel speed-up).
func BenchmarkBatch(b *testing.B) {
	sources := []struct {
		name  string
		build func(*testing.B) Builder
	}{
		{"testland", func(*testing.B) Builder { return testBuilder }},
		{"tanf-2021", func(b *testing.B) Builder { return embeddedBuilder(b, "tanf-2021") }},
		{"shadow-war", func(b *testing.B) Builder { return embeddedBuilder(b, "shadow-war") }},
	}
	for _, src := range sources {
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", src.name, workers), func(b *testing.B) {
				build := src.build(b)
				plan, err := NewPlan(Spec{Runs: b.N, Seed: 1}, build)
				if err != nil {
					b.Fatal(err)
				}
				var turns int64
				b.ResetTimer()
				start := time.Now()
				_, err = Execute(context.Background(), plan, 0, workers, func(r *Row) error {
					turns += int64(r.Turns)
					return nil
				})
				elapsed := time.Since(start).Seconds()
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(b.N)/elapsed, "runs/s")
				b.ReportMetric(float64(turns)/elapsed, "turns/s")
			})
		}
	}
}
