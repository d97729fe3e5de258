package sim_test

import (
	"reflect"
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// TestTablesAreCopies: every table sim hands out is the caller's own: a
// caller that writes into the slice it got changes nothing that a later
// call (or anyone else) sees.
func TestTablesAreCopies(t *testing.T) {
	tables := []struct {
		name  string
		get   func() any
		spoil func(any)
	}{
		{"ActorIDs", func() any { return sim.ActorIDs() }, spoilStrings},
		{"PairIDs", func() any { return sim.PairIDs() }, spoilStrings},
		{"SiteKindIDs", func() any { return sim.SiteKindIDs() }, spoilStrings},
		{"ZoneKindIDs", func() any { return sim.ZoneKindIDs() }, spoilStrings},
		{"EffectKindIDs", func() any { return sim.EffectKindIDs() }, spoilStrings},
		{"LogKindIDs", func() any { return sim.LogKindIDs() }, spoilStrings},
		{"OutcomeIDs", func() any { return sim.OutcomeIDs() }, spoilStrings},
		{"ParamSpecs", func() any { return sim.ParamSpecs() }, func(v any) {
			for i := range v.([]sim.ParamSpec) {
				v.([]sim.ParamSpec)[i] = sim.ParamSpec{Key: "spoilt", Default: -1}
			}
		}},
		{"MetricSpecs", func() any { return sim.MetricSpecs() }, func(v any) {
			for i := range v.([]sim.MetricSpec) {
				v.([]sim.MetricSpec)[i] = sim.MetricSpec{Key: "spoilt", Scale: -1}
			}
		}},
		{"Allowed", func() any { return sim.Allowed(sim.DecideRequest) }, func(v any) {
			for i := range v.([]sim.OrderKind) {
				v.([]sim.OrderKind)[i] = sim.OrderHold
			}
		}},
		{"Reason.Strings", func() any { return sim.Reason(0x7f).Strings() }, spoilStrings},
	}
	for _, tb := range tables {
		before := tb.get()
		want := reflect.ValueOf(before)
		saved := reflect.MakeSlice(want.Type(), want.Len(), want.Len())
		reflect.Copy(saved, want)
		if want.Len() == 0 {
			t.Fatalf("%s: empty table", tb.name)
		}
		tb.spoil(before)
		if got := tb.get(); !reflect.DeepEqual(got, saved.Interface()) {
			t.Errorf("%s: writing into the returned slice changed the table: now %v", tb.name, got)
		}
	}
	// the specs behind Metric.Spec and Param.Spec are the same tables
	ms := sim.MetricSpecs()
	ms[0].Key = "spoilt"
	if sim.Metric(0).Spec().Key == "spoilt" {
		t.Error("writing into MetricSpecs changed Metric.Spec")
	}
	ps := sim.ParamSpecs()
	ps[0].Key = "spoilt"
	if sim.Param(0).Spec().Key == "spoilt" {
		t.Error("writing into ParamSpecs changed Param.Spec")
	}
}

func spoilStrings(v any) {
	for i := range v.([]string) {
		v.([]string)[i] = "spoilt"
	}
}
