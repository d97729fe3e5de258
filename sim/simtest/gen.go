package simtest

import (
	"fmt"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/geo"
)

// turnLengths are the turn lengths a scenario may use, in hours.
var turnLengths = []int32{1, 2, 3, 4, 6, 8, 12, 24}

// ScenarioGen generates small valid scenarios built directly as values (no
// TOML): random sites, zones (circles and polygons), routes, corridors,
// events with every kind of effect, objectives, model constants and AI
// policies, each within the ranges the scenario format allows. Runs are kept
// short (at most a few hundred turns) so that properties stay fast.
func ScenarioGen() *rapid.Generator[*sim.Scenario] {
	return rapid.Custom(genScenario)
}

func int64In(t *rapid.T, label string, lo, hi int64) int64 {
	return rapid.Int64Range(lo, hi).Draw(t, label)
}

func int32In(t *rapid.T, label string, lo, hi int32) int32 {
	return rapid.Int32Range(lo, hi).Draw(t, label)
}

// genPoint draws a position in and around Syria.
func genPoint(t *rapid.T, label string) (lat, lon int64) {
	return int64In(t, label+".lat", 29_000_000, 38_000_000), int64In(t, label+".lon", 33_000_000, 43_000_000)
}

func genScenario(t *rapid.T) *sim.Scenario {
	start := sim.DayNumber(2017, 1, 1) + int32In(t, "start", 0, 2000)
	hours := rapid.SampledFrom(turnLengths).Draw(t, "turn_hours")
	days := int32In(t, "days", 1, max(1, 240*hours/24))
	sc := &sim.Scenario{ID: "generated", Name: "generated", StartDay: start, EndDay: start + days - 1, TurnHours: hours}
	sc.Turns = days * 24 / hours
	sc.Params = genParams(t)
	sc.Initial = sim.Initial{
		Trust:      int64In(t, "trust", 0, 100*sim.Milli),
		Complicity: int64In(t, "complicity", 0, sim.Micro),
		Grievance:  [sim.NumAdversaries]int64{sim.TowardIsrael: int64In(t, "grievance.israel", 0, 10*sim.Milli), sim.TowardUSA: int64In(t, "grievance.usa", 0, 10*sim.Milli)},
		Talks:      int64In(t, "talks", 0, 100*sim.Milli),
		TalksOpen:  rapid.Bool().Draw(t, "talks_open"),
		AirDefence: int64In(t, "air_defence", 0, 5*sim.Milli),
		Arsenal:    int64In(t, "arsenal", 0, 1_000_000),
		CounterIS:  int64In(t, "counter_is", 0, 100*sim.Milli),
	}
	for p := range sc.Initial.Escalation {
		sc.Initial.Escalation[p] = int64In(t, "escalation", 0, 4*sim.Milli)
	}
	for _, a := range []sim.Actor{sim.Israel, sim.USA, sim.Iran} {
		sc.Actors[a] = genActor(t, a)
	}
	sc.Sites = genSites(t)
	sc.Zones = genZones(t, sc)
	sc.Routes = genRoutes(t)
	sc.Corridors = genCorridors(t, sc)
	sc.Events = genEvents(t, sc)
	sc.Objectives = genObjectives(t)
	return sc
}

// genParams perturbs some model constants within their documented ranges,
// starting from defaults made livelier (more detections, more retaliation)
// so that short runs still strike, review and retaliate.
func genParams(t *rapid.T) sim.Params {
	p := sim.DefaultParams()
	p[sim.ParamDetectShipment] = 300_000
	p[sim.ParamDetectSite] = 200_000
	p[sim.ParamRetaliationBase] = 200_000
	specs := sim.ParamSpecs()
	n := rapid.IntRange(0, 12).Draw(t, "tuned")
	for range n {
		i := rapid.IntRange(0, len(specs)-1).Draw(t, "param")
		s := specs[i]
		lo, hi := sim.FixedFromFloat(s.Min, s.Unit), sim.FixedFromFloat(s.Max, s.Unit)
		p[i] = int64In(t, s.Key, lo, hi)
	}
	return p
}

func genActor(t *rapid.T, a sim.Actor) sim.ActorSetup {
	names := ai.Names(a)
	setup := sim.ActorSetup{Present: true, Policy: rapid.SampledFrom(names).Draw(t, a.String()+".policy")}
	spec, _ := ai.Lookup(a, setup.Policy)
	for _, ps := range spec.Params { // sorted by key
		if rapid.Bool().Draw(t, "tune") {
			lo, hi := sim.FixedFromFloat(ps.Min, ps.Unit), sim.FixedFromFloat(ps.Max, ps.Unit)
			setup.Params = append(setup.Params, sim.PolicyParam{Key: ps.Key, Value: int64In(t, ps.Key, lo, hi)})
		}
	}
	return setup
}

var owners = []sim.Actor{sim.Hezbollah, sim.Iran, sim.Israel, sim.Russia, sim.Syria, sim.USA}

func genSites(t *rapid.T) []sim.Site {
	n := rapid.IntRange(2, 12).Draw(t, "sites")
	sites := make([]sim.Site, n)
	for i := range sites {
		s := &sites[i]
		s.ID = fmt.Sprintf("s%02d", i)
		s.Name = s.ID
		s.Kind = sim.SiteKind(rapid.IntRange(0, int(sim.NumSiteKinds)-1).Draw(t, "kind"))
		s.Owner = rapid.SampledFrom(owners).Draw(t, "owner")
		s.LatMicro, s.LonMicro = genPoint(t, "site")
		s.Pos = geo.Project(s.LatMicro, s.LonMicro)
		if s.Owner == sim.USA {
			s.Troops = rapid.SampledFrom([]int64{0, 1, 9, 200, 2000, 1_000_000}).Draw(t, "troops")
		}
		s.Value = int64In(t, "value", 0, 5*sim.Milli)
		s.Hardness = int64In(t, "hardness", 0, sim.Micro)
		s.Proximity = int64In(t, "proximity", 0, sim.Micro)
		if rapid.IntRange(0, 3).Draw(t, "ad") == 0 {
			s.ADRange = int64In(t, "ad_range", 1, 300_000)
			s.ADStrength = int64In(t, "ad_strength", 1, sim.Micro)
		}
		s.Target = rapid.Bool().Draw(t, "target")
	}
	return sites
}

func genArea(t *rapid.T, sc *sim.Scenario) sim.Area {
	lat, lon := genPoint(t, "center")
	c := geo.Project(lat, lon)
	if rapid.Bool().Draw(t, "polygon") {
		n := rapid.IntRange(3, 7).Draw(t, "ring")
		ring := make([]geo.Point, n)
		for i := range ring {
			ring[i] = geo.Point{X: c.X + int64In(t, "dx", -200_000, 200_000), Y: c.Y + int64In(t, "dy", -200_000, 200_000)}
		}
		return sim.Area{Ring: ring}
	}
	if rapid.Bool().Draw(t, "at_site") {
		c = sc.Sites[rapid.IntRange(0, len(sc.Sites)-1).Draw(t, "site")].Pos
	}
	return sim.Area{Center: c, Radius: int64In(t, "radius", 1, 300_000)}
}

func genWindow(t *rapid.T, sc *sim.Scenario) (from, to int32) {
	from = sc.StartDay + int32In(t, "from", -5, sc.EndDay-sc.StartDay)
	to = from + int32In(t, "length", 0, sc.EndDay-sc.StartDay+5)
	return from, to
}

func genZones(t *rapid.T, sc *sim.Scenario) []sim.Zone {
	zones := make([]sim.Zone, rapid.IntRange(0, 6).Draw(t, "zones"))
	for i := range zones {
		z := &zones[i]
		z.ID = fmt.Sprintf("z%02d", i)
		z.Name = z.ID
		z.Kind = sim.ZoneKind(rapid.IntRange(0, int(sim.NumZoneKinds)-1).Draw(t, "zone_kind"))
		z.Owner = sim.USA
		if z.Kind == sim.ZoneRussia {
			z.Owner = sim.Russia
		}
		z.Area = genArea(t, sc)
		z.From, z.To = genWindow(t, sc)
	}
	return zones
}

func genRoutes(t *rapid.T) []sim.Route {
	routes := make([]sim.Route, rapid.IntRange(1, 4).Draw(t, "routes"))
	for i := range routes {
		r := &routes[i]
		r.ID = fmt.Sprintf("r%02d", i)
		r.Name = r.ID
		for range rapid.IntRange(1, 5).Draw(t, "waypoints") {
			r.Path = append(r.Path, geo.Project(genPoint(t, "waypoint")))
		}
		r.Reach = int64In(t, "reach", 1, 1_000_000)
	}
	return routes
}

func genCorridors(t *rapid.T, sc *sim.Scenario) []sim.Corridor {
	n := rapid.IntRange(0, 3).Draw(t, "corridors")
	out := make([]sim.Corridor, 0, n)
	for i := range n {
		k := rapid.IntRange(2, min(5, len(sc.Sites))).Draw(t, "stops")
		idx := make([]int32, len(sc.Sites))
		for j := range idx {
			idx[j] = int32(j)
		}
		perm := rapid.Permutation(idx).Draw(t, "order")
		from, to := genWindow(t, sc)
		out = append(out, newCorridor(fmt.Sprintf("c%02d", i), sc.Sites, perm[:k],
			int64In(t, "speed", 1, 600_000), int64In(t, "interval", 1, 10), int64In(t, "size", 0, 1000),
			int64In(t, "dwell", 0, 4), from, to))
	}
	return out
}

func genEvents(t *rapid.T, sc *sim.Scenario) []sim.Event {
	events := make([]sim.Event, rapid.IntRange(0, 8).Draw(t, "events"))
	for i := range events {
		ev := &events[i]
		ev.ID = fmt.Sprintf("e%02d", i)
		ev.Log = ev.ID
		ev.Day = -1
		if rapid.Bool().Draw(t, "dated") {
			ev.Day = sc.StartDay + int32In(t, "day", -3, sc.EndDay-sc.StartDay+3)
		} else {
			ev.Cond = sim.Condition{
				Metric: sim.Metric(rapid.IntRange(0, int(sim.NumMetrics)-1).Draw(t, "metric")),
				Op:     sim.Op(rapid.IntRange(0, 1).Draw(t, "op")),
				Value:  int64In(t, "threshold", 0, 10_000),
			}
		}
		for range rapid.IntRange(1, 3).Draw(t, "effects") {
			ev.Effects = append(ev.Effects, genEffect(t, sc))
		}
	}
	return events
}

// genEffect draws one effect with the add/set limits of the scenario format.
func genEffect(t *rapid.T, sc *sim.Scenario) sim.Effect {
	k := sim.EffectKind(rapid.IntRange(0, int(sim.NumEffectKinds)-1).Draw(t, "effect"))
	if k == sim.EffectCorridor && len(sc.Corridors) == 0 {
		k = sim.EffectCounterIS
	}
	ef := sim.Effect{Kind: k, Zone: -1, Set: rapid.Bool().Draw(t, "set")}
	value := func(limit int64) {
		if ef.Set {
			ef.Value = int64In(t, "value", 0, limit)
		} else {
			ef.Value = int64In(t, "value", -limit, limit)
		}
	}
	switch k {
	case sim.EffectGrievance:
		ef.Toward = int32In(t, "toward", 0, 1)
		value(100 * sim.Milli)
	case sim.EffectComplicity:
		value(sim.Micro)
	case sim.EffectTrust, sim.EffectTalks, sim.EffectCounterIS:
		value(100 * sim.Milli)
	case sim.EffectEscalation:
		ef.Pair = sim.Pair(rapid.IntRange(0, int(sim.NumPairs)-1).Draw(t, "pair"))
		value(5 * sim.Milli)
	case sim.EffectAirDefence:
		value(5 * sim.Milli)
	case sim.EffectTalksOpen:
		ef.Set, ef.Value = true, int64In(t, "open", 0, 1)
	case sim.EffectTroops:
		ef.Site = int32In(t, "site", 0, int32(len(sc.Sites))-1)
		value(1_000_000)
	case sim.EffectHalt:
		ef.Set = false
		ef.Days = int32In(t, "days", 1, 40)
		var halts []int32
		for i := range sc.Zones {
			if sc.Zones[i].Kind == sim.ZoneHalt {
				halts = append(halts, int32(i))
			}
		}
		if len(halts) > 0 && rapid.Bool().Draw(t, "halt_zone") {
			ef.Zone = rapid.SampledFrom(halts).Draw(t, "zone")
		} else {
			ef.Area = genArea(t, sc)
		}
	case sim.EffectCorridor:
		ef.Corridor = int32In(t, "corridor", 0, int32(len(sc.Corridors))-1)
		ef.Set, ef.Value = true, int64In(t, "interval", 0, 12)
	case sim.EffectOwner:
		ef.Site = int32In(t, "site", 0, int32(len(sc.Sites))-1)
		var present []sim.Actor
		for a := range sim.NumActors {
			if sc.Actors[a].Present {
				present = append(present, a)
			}
		}
		ef.Set, ef.Value = true, int64(rapid.SampledFrom(present).Draw(t, "owner"))
	case sim.EffectParam:
		ef.Param = sim.Param(rapid.IntRange(0, int(sim.NumParams)-1).Draw(t, "param"))
		spec := ef.Param.Spec()
		lo, hi := sim.FixedFromFloat(spec.Min, spec.Unit), sim.FixedFromFloat(spec.Max, spec.Unit)
		// the format allows adds up to the width of the range; positive ones
		// are left out until the engine clamps constants at their maximum
		// (TestParamEffectsStayInRange in package sim shows the breach)
		if ef.Set {
			ef.Value = int64In(t, "value", lo, hi)
		} else {
			ef.Value = int64In(t, "value", lo-hi, 0)
		}
	}
	return ef
}

func genObjectives(t *rapid.T) []sim.Objective {
	objs := make([]sim.Objective, rapid.IntRange(0, 6).Draw(t, "objectives"))
	for i := range objs {
		o := &objs[i]
		o.ID = fmt.Sprintf("o%02d", i)
		o.Role = rapid.SampledFrom([]sim.Actor{sim.Israel, sim.USA, sim.Iran}).Draw(t, "role")
		o.Metric = sim.Metric(rapid.IntRange(0, int(sim.NumMetrics)-1).Draw(t, "metric"))
		o.Op = sim.Op(rapid.IntRange(0, 1).Draw(t, "op"))
		o.Value = int64In(t, "value", 0, 100_000)
		o.Required = rapid.Bool().Draw(t, "required")
		o.Text = o.ID
	}
	return objs
}
