package runner_test

import (
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/simtest"
)

// fullView hides whether a policy reads only part of its observations, so
// the loop observes everything for it.
type fullView struct{ p sim.Policy }

func (f fullView) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	return f.p.Decide(obs, out)
}

// poisoned shows a policy the parts it leaves out of its observations
// unlike any the engine gives: site views with every site disabled,
// evacuated, hardened, detected, with unknown troops and the highest
// hazard (or, with the site views, that hazard alone; with its own sites'
// views, the others so); every model constant and counter at a huge value; a shipment, a
// request, a halt and an attack about every site and target, pending and
// unseen; every site owned by nobody; and, for the targets a Picker did
// not pick, one perfect route each. A policy that read them would decide
// otherwise.
type poisoned struct {
	p      sim.Policy
	parts  sim.Part
	sites  []sim.SiteView
	picked []bool
}

// poisonLists fills the lists of obs that the policy left out.
func (w *poisoned) poisonLists(obs *sim.Observation) {
	n := int32(len(obs.Scenario.Sites))
	if w.parts&sim.PartShipments == 0 {
		for i := range obs.Scenario.Corridors {
			obs.Shipments = append(obs.Shipments, sim.ShipmentView{Shipment: sim.Shipment{ID: int32(i), Corridor: int32(i), Size: 1 << 40, DetectedTill: 1 << 30}})
		}
	}
	if w.parts&sim.PartRequests == 0 {
		for _, m := range obs.Missions {
			obs.Requests = append(obs.Requests, sim.Request{ID: m.ID, Mission: m.ID, Reasons: sim.ReasonHalt | sim.ReasonZone, Status: sim.RequestDenied})
		}
	}
	if w.parts&sim.PartHalts == 0 {
		obs.Halts = append(obs.Halts, sim.Halt{ID: 1, Area: sim.Area{Radius: 1 << 30}, Until: 1 << 30, Zone: -1})
	}
	if w.parts&sim.PartAttacks == 0 {
		for i := range n {
			obs.Attacks = append(obs.Attacks, sim.Attack{ID: i, Site: i, Due: obs.Turn, Detected: true, Warned: true})
		}
	}
	if w.parts&sim.PartOwners == 0 {
		for range n {
			obs.Owners = append(obs.Owners, sim.NoActor)
		}
	}
}

func (w *poisoned) Parts() sim.Part { return w.parts }

// pickingPoisoned is a poisoned Picker.
type pickingPoisoned struct{ *poisoned }

func (w pickingPoisoned) Pick(obs *sim.Observation) []bool {
	if len(obs.Options) != 0 {
		panic("the loop observed the route options of a Picker")
	}
	w.picked = w.p.(sim.Picker).Pick(obs)
	return w.picked
}

func (w *poisoned) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	for part, n := range map[sim.Part]int{sim.PartShipments: len(obs.Shipments), sim.PartRequests: len(obs.Requests),
		sim.PartHalts: len(obs.Halts), sim.PartAttacks: len(obs.Attacks), sim.PartOwners: len(obs.Owners)} {
		if w.parts&part == 0 && n != 0 {
			panic(fmt.Sprintf("the loop observed part %d of a policy that leaves it out", part))
		}
	}
	if w.parts&sim.PartParams == 0 {
		if obs.Params != (sim.Params{}) {
			panic("the loop observed the model constants of a policy that leaves them out")
		}
		for i := range obs.Params {
			obs.Params[i] = 1 << 50
		}
	}
	if w.parts&sim.PartCounters == 0 {
		if obs.Counters != ([len(obs.Counters)]int64{}) {
			panic("the loop observed the counters of a policy that leaves them out")
		}
		for i := range obs.Counters {
			obs.Counters[i] = 1 << 50
		}
	}
	if w.picked != nil {
		for i := range obs.Targets {
			if t := &obs.Targets[i]; !w.picked[i] {
				t.First, t.Count = int32(len(obs.Options)), 1
				obs.Options = append(obs.Options, sim.RouteOption{Success: [3]int64{sim.Micro, sim.Micro, sim.Micro}})
			}
		}
		w.picked = nil
	}
	if w.parts&(sim.PartSites|sim.PartOwnSites) != 0 && w.parts&sim.PartHazards == 0 {
		for i := range obs.Sites {
			if w.parts&sim.PartSites == 0 && obs.Owner(int32(i)) != obs.Actor {
				continue // another actor's site: a zero view, poisoned below
			}
			if obs.Sites[i].Hazard != -1 {
				panic("the loop observed the hazards of a policy that leaves them out")
			}
			obs.Sites[i].Hazard = sim.Micro
		}
	}
	if w.parts&sim.PartSites == 0 && w.parts&sim.PartOwnSites != 0 {
		for i := range obs.Sites {
			if obs.Owner(int32(i)) == obs.Actor {
				continue
			}
			if obs.Sites[i] != (sim.SiteView{}) {
				panic("the loop observed a site of another actor for a policy that sees only its own")
			}
			obs.Sites[i] = sim.SiteView{Troops: -1, Present: 1 << 40, Hardened: true, Evacuated: true,
				EvacuatedTill: 1 << 30, Disabled: true, Detected: true, Hazard: sim.Micro}
		}
	}
	if w.parts&(sim.PartSites|sim.PartOwnSites) == 0 {
		if len(obs.Sites) != 0 {
			panic("the loop observed the sites of a policy that leaves them out")
		}
		w.sites = w.sites[:0]
		for range obs.Scenario.Sites {
			w.sites = append(w.sites, sim.SiteView{Troops: -1, Present: 1 << 40, Hardened: true, Evacuated: true,
				EvacuatedTill: 1 << 30, Disabled: true, Detected: true, Hazard: sim.Micro})
		}
		obs.Sites = w.sites
	}
	w.poisonLists(obs) // last: the site views above read the true owners
	return w.p.Decide(obs, out)
}

// poison wraps the policies that leave parts out (sim.Partial, sim.Picker).
func poison(p sim.Policy) sim.Policy {
	pp, ok := p.(sim.Partial)
	if !ok {
		return p
	}
	w := &poisoned{p: p, parts: pp.Parts()}
	if _, ok := p.(sim.Picker); ok {
		return pickingPoisoned{w}
	}
	return w
}

// playRecorded plays a run with the scenario's AI, every policy wrapped by
// wrap, and returns every order given and the state hash after each turn.
func playRecorded(t *rapid.T, sc *sim.Scenario, seed uint64, turns int32, wrap func(sim.Policy) sim.Policy) ([]sim.Recorded, []sim.Hash) {
	p, err := simtest.NewPlayer(sc, seed)
	if err != nil {
		t.Fatal(err)
	}
	for a, pol := range p.Policies {
		if pol != nil {
			p.Policies[a] = wrap(pol)
		}
	}
	var hashes []sim.Hash
	p.TurnEnded = func(int32) error {
		hashes = append(hashes, p.Engine.Hash())
		return nil
	}
	p.Reset(seed)
	p.Record = true
	if err := p.Play(turns); err != nil {
		t.Fatal(err)
	}
	return p.Orders, hashes
}

// TestPartialObservationsChangeNothing: the policies that leave parts of
// their observations out (sim.Partial) give the same orders, and the runs
// the same hashes turn by turn, when they are shown poisoned parts in their
// place as when they are shown everything. A policy that came to read a
// part it leaves out would decide otherwise.
func TestPartialObservationsChangeNothing(t *testing.T) {
	scenarios := simtest.Benchmarked(t)
	rapid.Check(t, func(t *rapid.T) {
		var sc *sim.Scenario
		switch rapid.IntRange(0, 2).Draw(t, "scenario") {
		case 0:
			sc = simtest.ScenarioGen().Draw(t, "generated")
		default:
			// an embedded scenario, each actor playing a policy drawn from all
			// of its own (with their default parameters)
			c := *rapid.SampledFrom(scenarios).Draw(t, "embedded").Scenario
			for a := sim.Actor(0); a < sim.NumActors; a++ {
				if names := ai.Names(a); len(names) > 0 && c.Actors[a].Present {
					c.Actors[a] = sim.ActorSetup{Present: true, Policy: rapid.SampledFrom(names).Draw(t, a.String())}
				}
			}
			sc = &c
		}
		seed := rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed")
		turns := rapid.Int32Range(1, 400).Draw(t, "turns")
		partial, partialHashes := playRecorded(t, sc, seed, turns, poison)
		full, fullHashes := playRecorded(t, sc, seed, turns, func(p sim.Policy) sim.Policy { return fullView{p} })
		for i := range min(len(partial), len(full)) {
			if partial[i] != full[i] {
				t.Fatalf("order %d differs: %+v with partial observations, %+v with full ones", i, partial[i], full[i])
			}
		}
		if len(partial) != len(full) {
			t.Fatalf("%d orders given with partial observations, %d with full ones", len(partial), len(full))
		}
		if !slices.Equal(partialHashes, fullHashes) {
			t.Fatal("the runs' hashes differ")
		}
	})
}
