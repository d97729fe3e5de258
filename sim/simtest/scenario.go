// Package simtest holds helpers for the tests of the engine and of the tools
// built on it: a small hand-built scenario that needs no TOML loader, rapid
// generators of valid scenarios and of orders (valid and invalid), state
// invariants, a checker of the deconfliction protocol and a player that
// drives an engine with AI policies.
//
// It is imported only by tests and benchmarks.
package simtest

import (
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// pt projects a latitude and longitude in degrees.
func pt(lat, lon float64) geo.Point { return geo.Project(geo.Micro(lat), geo.Micro(lon)) }

// newSite returns a site at a position, worth one ordinary target.
func newSite(id string, kind sim.SiteKind, owner sim.Actor, lat, lon float64) sim.Site {
	la, lo := geo.Micro(lat), geo.Micro(lon)
	return sim.Site{ID: id, Name: id, Kind: kind, Owner: owner, LatMicro: la, LonMicro: lo, Pos: geo.Project(la, lo), Value: sim.Milli}
}

// newCorridor returns a corridor through the given sites (indices into
// sites), with its path and stop distances filled in.
func newCorridor(id string, sites []sim.Site, stops []int32, speed, interval, size, dwell int64, from, to int32) sim.Corridor {
	c := sim.Corridor{ID: id, Name: id, Stops: stops, Speed: speed, Interval: interval, Size: size, Dwell: dwell, From: from, To: to}
	for _, s := range stops {
		c.Path = append(c.Path, sites[s].Pos)
	}
	for i := range c.Path {
		c.StopAt = append(c.StopAt, geo.PathLength(c.Path[:i+1]))
	}
	c.Length = c.StopAt[len(c.StopAt)-1]
	return c
}

// Scenario returns a fresh copy of "testland": half a year of the shadow war
// on real coordinates, small enough to read, with every kind of zone (a
// circle and a polygon), three strike routes (direct through Syrian air
// defence, coastal past Russian forces, southern through the Al-Tanf zone),
// two corridors, dated and conditional events of most kinds, and objectives
// for Israel, the US and Iran. Israel and Iran play their default AI
// policies, the US force-protection (so requests are denied as well as
// approved); retaliation is likelier and the hazard cap lower than by
// default, so that a few attacks and conditional answers happen in half a
// year. Each call builds a new value, so a test may change it.
func Scenario() *sim.Scenario {
	day := sim.DayNumber
	sc := &sim.Scenario{
		ID: "testland", Name: "Testland", Description: "A small hand-built scenario for the engine's tests.",
		StartDay: day(2021, 1, 1), EndDay: day(2021, 6, 30), TurnHours: 24,
	}
	sc.Turns = (sc.EndDay - sc.StartDay + 1) * 24 / sc.TurnHours
	sc.Params = sim.DefaultParams()
	sc.Params[sim.ParamRetaliationBase] = 50_000
	sc.Params[sim.ParamHazardCap] = 100_000
	sc.Initial = sim.Initial{
		Escalation: [sim.NumPairs]int64{sim.IsraelIran: 1000, sim.IsraelRussia: 500, sim.USAIran: 500},
		Trust:      70 * sim.Milli, Complicity: 300_000, Grievance: [sim.NumAdversaries]int64{sim.TowardIsrael: 1500, sim.TowardUSA: 1200},
		AirDefence: sim.Milli, Arsenal: 100_000, CounterIS: 20 * sim.Milli,
	}
	for _, a := range []sim.Actor{sim.Israel, sim.USA, sim.Iran, sim.Hezbollah, sim.Syria, sim.Russia} {
		sc.Actors[a].Present = true
	}
	sc.Actors[sim.USA].Policy = "force-protection"

	omar := newSite("al-omar", sim.SiteOilfield, sim.USA, 35.08, 40.53)
	omar.Troops, omar.Proximity, omar.Hardness = 300, 900_000, 200_000
	bukamal := newSite("bukamal", sim.SiteCrossing, sim.Iran, 34.45, 40.92)
	conoco := newSite("conoco", sim.SiteOilfield, sim.USA, 35.34, 40.31)
	conoco.Proximity = 800_000
	damascus := newSite("damascus", sim.SiteCity, sim.Syria, 33.51, 36.29)
	dez := newSite("deir-ez-zor", sim.SiteDepot, sim.Iran, 35.34, 40.14)
	dez.Target, dez.Hardness = true, 200_000
	golan := newSite("golan", sim.SitePosition, sim.Israel, 32.99, 35.69)
	golan.Proximity = 500_000
	hermel := newSite("hermel", sim.SiteCrossing, sim.Hezbollah, 34.43, 36.52)
	hmeimim := newSite("hmeimim", sim.SiteAirbase, sim.Russia, 35.40, 35.95)
	hmeimim.ADRange, hmeimim.ADStrength = 120_000, 300_000
	imamAli := newSite("imam-ali", sim.SiteMilitia, sim.Iran, 34.41, 40.95)
	imamAli.Target, imamAli.Value = true, 1500
	qaim := newSite("qaim", sim.SiteCrossing, sim.Iran, 34.37, 41.09)
	s200 := newSite("s200-dumayr", sim.SiteAirDefence, sim.Syria, 33.60, 36.70)
	s200.ADRange, s200.ADStrength = 150_000, 800_000
	t4 := newSite("t4", sim.SiteAirbase, sim.Iran, 34.52, 37.63)
	t4.Target, t4.Value, t4.Hardness = true, 2000, 300_000
	tanf := newSite("tanf", sim.SiteGarrison, sim.USA, 33.51, 38.62)
	tanf.Troops, tanf.Proximity, tanf.Hardness = 200, 500_000, 300_000
	sc.Sites = []sim.Site{omar, bukamal, conoco, damascus, dez, golan, hermel, hmeimim, imamAli, qaim, s200, t4, tanf}
	site := sc.SiteIndex

	sc.Zones = []sim.Zone{
		{ID: "dez-operations", Name: "Operations east of Deir ez-Zor", Kind: sim.ZoneOperation, Owner: sim.USA,
			Area: sim.Area{Ring: []geo.Point{pt(35.42, 40.22), pt(35.10, 40.58), pt(34.55, 41.04), pt(34.36, 41.00),
				pt(34.40, 40.85), pt(34.95, 40.36), pt(35.26, 40.06)}},
			From: day(2021, 2, 1), To: day(2021, 3, 31)},
		{ID: "halt-east", Name: "Halt around Al-Bukamal", Kind: sim.ZoneHalt, Owner: sim.USA,
			Area: sim.Area{Center: bukamal.Pos, Radius: 60_000}, From: day(2021, 4, 10), To: day(2021, 4, 20)},
		{ID: "hmeimim-russia", Name: "Russian forces at Hmeimim", Kind: sim.ZoneRussia, Owner: sim.Russia,
			Area: sim.Area{Center: hmeimim.Pos, Radius: 80_000}, From: sc.StartDay, To: sc.EndDay},
		{ID: "tanf-55km", Name: "Al-Tanf deconfliction zone", Kind: sim.ZoneDeconfliction, Owner: sim.USA,
			Area: sim.Area{Center: tanf.Pos, Radius: 55_000}, From: sc.StartDay, To: sc.EndDay},
	}

	golanPt := pt(32.99, 35.69)
	sc.Routes = []sim.Route{
		{ID: "coast", Name: "Coastal route", Path: []geo.Point{golanPt, pt(33.30, 35.05), pt(34.30, 35.50), pt(35.20, 35.80)}, Reach: 450_000},
		{ID: "direct", Name: "Direct route", Path: []geo.Point{golanPt, pt(33.35, 36.10), pt(33.70, 36.80)}, Reach: 600_000},
		{ID: "south", Name: "Southern route past Al-Tanf", Path: []geo.Point{golanPt, pt(32.50, 36.10), pt(32.30, 37.00), pt(33.10, 38.45), pt(33.60, 38.80)}, Reach: 450_000},
	}

	sc.Corridors = []sim.Corridor{
		newCorridor("desert-road", sc.Sites, []int32{site("qaim"), site("t4"), site("damascus"), site("hermel")},
			120_000, 5, 200, 1, day(2021, 3, 1), sc.EndDay),
		newCorridor("land-bridge", sc.Sites, []int32{site("qaim"), site("bukamal"), site("deir-ez-zor"), site("t4"), site("hermel")},
			150_000, 3, 400, 1, sc.StartDay, sc.EndDay),
	}

	sc.Events = []sim.Event{
		{ID: "air-defence-upgrade", Day: -1, Cond: sim.Condition{Metric: sim.MetricStrikes, Op: sim.OpAtLeast, Value: 15},
			Effects: []sim.Effect{{Kind: sim.EffectAirDefence, Value: sim.Milli, Zone: -1}}, Log: "Syria fields more missile batteries."},
		{ID: "attack-reprisal", Day: -1, Cond: sim.Condition{Metric: sim.MetricAttacksOnUS, Op: sim.OpAtLeast, Value: 1},
			Effects: []sim.Effect{{Kind: sim.EffectEscalation, Pair: sim.USAIran, Value: 200, Zone: -1}}, Log: "Washington vows a response."},
		{ID: "conoco-manned", Day: day(2021, 2, 1),
			Effects: []sim.Effect{{Kind: sim.EffectTroops, Site: site("conoco"), Set: true, Value: 150, Zone: -1}}, Log: "US troops return to Conoco."},
		{ID: "halt-request", Day: day(2021, 5, 10),
			Effects: []sim.Effect{{Kind: sim.EffectHalt, Zone: -1, Area: sim.Area{Center: t4.Pos, Radius: 80_000}, Days: 7}}, Log: "The US asks for a pause around T4."},
		{ID: "land-bridge-surge", Day: day(2021, 5, 1),
			Effects: []sim.Effect{{Kind: sim.EffectCorridor, Corridor: 1, Set: true, Value: 2, Zone: -1}}, Log: "Iran speeds up its convoys."},
		{ID: "leak", Day: day(2021, 6, 1),
			Effects: []sim.Effect{{Kind: sim.EffectComplicity, Value: 150_000, Zone: -1}, {Kind: sim.EffectTrust, Value: -5 * sim.Milli, Zone: -1}},
			Log:     "A newspaper reveals the review of Israeli strikes."},
		{ID: "talks-open", Day: day(2021, 4, 6),
			Effects: []sim.Effect{{Kind: sim.EffectTalksOpen, Set: true, Value: 1, Zone: -1}}, Log: "Nuclear talks open in Vienna."},
		{ID: "vow", Day: day(2021, 1, 20),
			Effects: []sim.Effect{{Kind: sim.EffectGrievance, Toward: sim.TowardUSA, Value: 400, Zone: -1}}, Log: "Militias vow revenge on US forces."},
	}

	sc.Objectives = []sim.Objective{
		{ID: "arsenal", Role: sim.Israel, Metric: sim.MetricArsenalGrowth, Op: sim.OpAtMost, Value: 10_000, Text: "keep the arsenal's growth down"},
		{ID: "interdiction", Role: sim.Israel, Metric: sim.MetricInterdictedShare, Op: sim.OpAtLeast, Value: 20 * sim.Milli, Text: "interdict a fifth"},
		{ID: "trust", Role: sim.Israel, Metric: sim.MetricTrust, Op: sim.OpAtLeast, Value: 50 * sim.Milli, Text: "keep Washington's trust"},
		{ID: "counter-is", Role: sim.USA, Metric: sim.MetricCounterIS, Op: sim.OpAtLeast, Value: 30 * sim.Milli, Text: "advance against IS"},
		{ID: "deaths", Role: sim.USA, Metric: sim.MetricUSCasualties, Op: sim.OpAtMost, Value: 2, Text: "few US deaths"},
		{ID: "no-war", Role: sim.USA, Metric: sim.MetricMaxEscalationUSIran, Op: sim.OpAtMost, Value: 4000, Required: true, Text: "no war with Iran"},
		{ID: "talks", Role: sim.USA, Metric: sim.MetricTalksProgress, Op: sim.OpAtLeast, Value: 5 * sim.Milli, Text: "keep the talks alive"},
		{ID: "deliveries", Role: sim.Iran, Metric: sim.MetricWeaponsDelivered, Op: sim.OpAtLeast, Value: 5000, Text: "arm Hezbollah"},
		{ID: "punish", Role: sim.Iran, Metric: sim.MetricAttacksOnUS, Op: sim.OpAtLeast, Value: 1, Text: "make the US pay"},
	}
	return sc
}
