package ai

import (
	"reflect"
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// TestSpecsAreCopies: the policy specs ai hands out (Specs, Lookup, Names)
// are the caller's own: writing into them changes no policy, its defaults
// or what a later call returns.
func TestSpecsAreCopies(t *testing.T) {
	want := Specs()
	for i := range want {
		want[i].Params = append([]sim.ParamSpec(nil), want[i].Params...)
	}
	spoilt := Specs()
	for i := range spoilt {
		spoilt[i].Name = "spoilt"
		for j := range spoilt[i].Params {
			spoilt[i].Params[j] = sim.ParamSpec{Key: "spoilt", Default: -1}
		}
	}
	got := Specs()
	for i := range got {
		if got[i].Name != want[i].Name || !reflect.DeepEqual(got[i].Params, want[i].Params) {
			t.Fatalf("writing into Specs changed policy %d: %+v", i, got[i])
		}
	}

	s, ok := Lookup(sim.USA, "permissive")
	if !ok || len(s.Params) == 0 {
		t.Fatal("no permissive policy with parameters")
	}
	key, def := s.Params[0].Key, s.Params[0].Default
	s.Params[0].Default = def + 1
	if again, _ := Lookup(sim.USA, "permissive"); again.Params[0].Default != def {
		t.Fatalf("writing into Lookup's spec changed %s's default to %v", key, again.Params[0].Default)
	}
	names := Names(sim.Israel)
	first := names[0]
	names[0] = "spoilt"
	if Names(sim.Israel)[0] != first {
		t.Fatal("writing into Names changed the table")
	}
}
