package scenarios_test

import (
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// TestEmbeddedScenariosLoad loads every embedded file with the real loader.
func TestEmbeddedScenariosLoad(t *testing.T) {
	for _, f := range scenarios.Files() {
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			t.Errorf("%s:\n%v", f.Name, err)
			continue
		}
		if want := strings.TrimSuffix(f.Name, ".toml"); sc.ID != want {
			t.Errorf("%s: id %q, want %q", f.Name, sc.ID, want)
		}
		for _, a := range []sim.Actor{sim.Israel, sim.USA, sim.Iran} {
			if !sc.Actors[a].Present {
				t.Errorf("%s: %s not present", f.Name, a)
			}
		}
		if sc.Turns < 10 {
			t.Errorf("%s: only %d turns", f.Name, sc.Turns)
		}
	}
}
