package ai

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// TestNoReturnToAnEmptiedGarrison: a garrison that was evacuated and then
// emptied by Washington (an event set its troops to 0) gets no return
// order, which the engine would refuse as not a manned US site.
func TestNoReturnToAnEmptiedGarrison(t *testing.T) {
	sc := &sim.Scenario{Sites: []sim.Site{{ID: "a", Owner: sim.USA}, {ID: "b", Owner: sim.USA}}}
	obs := &sim.Observation{Scenario: sc, Sites: []sim.SiteView{
		{Troops: 0, Evacuated: true},
		{Troops: 200, Evacuated: true},
	}}
	out := returnTroops(obs, nil)
	if len(out) != 1 || out[0].Kind != sim.OrderReturn || out[0].Site != 1 {
		t.Fatalf("return orders %+v, want one for the manned site 1 only", out)
	}
}
