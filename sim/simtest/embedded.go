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
