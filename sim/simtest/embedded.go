package simtest

import (
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// Embedded loads an embedded scenario by id, failing the test when there is
// no such scenario or it does not load: the tests of many packages play the
// shipped scenarios.
func Embedded(t testing.TB, id string) *sim.Scenario {
	t.Helper()
	f, ok := scenarios.Lookup(id)
	if !ok {
		t.Fatalf("no embedded scenario %s", id)
	}
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Named is a scenario with a short name for subtests and benchmarks.
type Named struct {
	Name     string
	Scenario *sim.Scenario
}

// Benchmarked returns the scenarios the benchmarks and the whole-run tests
// play: the hand-built testland, small and quick, and the embedded
// shadow-war, the campaign whose speed the benchmarks report.
func Benchmarked(t testing.TB) []Named {
	t.Helper()
	return []Named{{"testland", Scenario()}, {"shadow-war", Embedded(t, "shadow-war")}}
}
