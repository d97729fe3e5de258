package view

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/deconflict/deconflict/sim"
)

// PendingItem is one thing in force or waiting that ends on a known turn.
type PendingItem struct {
	Text string
	Site int32 // the place to show on the map, or -1
	Ends int32 // the last turn it lasts (0-based), for the order of the list
}

// Pending lists what the observer has in force or waiting, soonest ending
// first: deferred requests with the turn they expire, halts with their last
// turn, evacuations with theirs. Turns are counted from 1, as players see
// them.
func Pending(obs *sim.Observation) []PendingItem {
	sc := obs.Scenario
	var out []PendingItem
	expiry := int32(obs.Params[sim.ParamRequestExpiry])
	for _, r := range obs.Requests {
		if r.Status != sim.RequestDeferred {
			continue
		}
		what := fmt.Sprintf("request %d", r.ID)
		site := int32(-1)
		if m := findMission(obs, r.Mission); m != nil {
			what = "the strike on " + TargetName(obs, m.Target)
			if m.Target.Kind == sim.TargetSite {
				site = m.Target.ID
			}
		}
		// the review of turn Raised+expiry lets it expire unanswered
		last := r.Raised + expiry
		out = append(out, PendingItem{Site: site, Ends: last,
			Text: fmt.Sprintf("Deferred: %s comes back each turn and expires on turn %d unless answered.", what, last+1)})
	}
	for _, h := range obs.Halts {
		if h.Until < obs.Turn {
			continue
		}
		out = append(out, PendingItem{Site: -1, Ends: h.Until,
			Text: fmt.Sprintf("Halt: no Israeli strikes within %d km, centred %s, through turn %d.", h.Area.Radius/1000, NearPlace(sc, h.Area.Center), h.Until+1)})
	}
	for i, v := range obs.Sites {
		if !v.Evacuated || v.EvacuatedTill < 0 {
			continue
		}
		out = append(out, PendingItem{Site: int32(i), Ends: v.EvacuatedTill,
			Text: fmt.Sprintf("Evacuated: %s holds %d of its %d troops through turn %d.", ShortName(sc.Sites[i].Name), v.Present, v.Troops, v.EvacuatedTill+1)})
	}
	slices.SortStableFunc(out, func(a, b PendingItem) int { return cmp.Compare(a.Ends, b.Ends) })
	return out
}
