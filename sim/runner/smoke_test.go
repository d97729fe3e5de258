package runner

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

func site(id string, kind sim.SiteKind, owner sim.Actor, lat, lon float64) sim.Site {
	la, lo := geo.Micro(lat), geo.Micro(lon)
	return sim.Site{ID: id, Name: id, Kind: kind, Owner: owner, LatMicro: la, LonMicro: lo, Pos: geo.Project(la, lo), Value: 1000}
}

func smokeScenario() *sim.Scenario {
	sc := &sim.Scenario{ID: "smoke", Name: "smoke", StartDay: sim.DayNumber(2021, 1, 1), EndDay: sim.DayNumber(2021, 12, 31), TurnHours: 24}
	sc.Turns = sc.EndDay - sc.StartDay + 1
	sc.Params = sim.DefaultParams()
	sc.Initial = sim.Initial{Trust: 70000, Complicity: 100000, AirDefence: 1000, Arsenal: 100000, TalksOpen: true}
	for _, a := range []sim.Actor{sim.Israel, sim.USA, sim.Iran} {
		sc.Actors[a].Present = true
	}
	bukamal := site("bukamal", sim.SiteCrossing, sim.Iran, 34.45, 40.92)
	dez := site("deir-ez-zor", sim.SiteDepot, sim.Iran, 35.34, 40.14)
	dez.Target = true
	golan := site("golan", sim.SitePosition, sim.Israel, 32.99, 35.69)
	golan.Proximity = 500000
	hermel := site("hermel", sim.SiteCrossing, sim.Hezbollah, 34.43, 36.52)
	t4 := site("t4", sim.SiteAirbase, sim.Iran, 34.52, 37.63)
	t4.Target = true
	t4.Value = 2000
	tanf := site("tanf", sim.SiteGarrison, sim.USA, 33.51, 38.62)
	tanf.Troops = 200
	tanf.Proximity = 600000
	omar := site("omar", sim.SiteOilfield, sim.USA, 35.08, 40.53)
	omar.Troops = 300
	omar.Proximity = 900000
	sad := site("s200", sim.SiteAirDefence, sim.Syria, 33.5, 36.3)
	sad.ADRange, sad.ADStrength = 150_000, 800_000
	mil := site("militia", sim.SiteMilitia, sim.Iran, 35.0, 40.4)
	sc.Sites = []sim.Site{bukamal, dez, golan, hermel, mil, omar, sad, t4, tanf}
	sc.Zones = []sim.Zone{{ID: "tanf-55km", Kind: sim.ZoneDeconfliction, Owner: sim.USA, Area: sim.Area{Center: tanf.Pos, Radius: 55000}, From: sc.StartDay, To: sc.EndDay}}
	p := func(lat, lon float64) geo.Point { return geo.Project(geo.Micro(lat), geo.Micro(lon)) }
	sc.Routes = []sim.Route{
		{ID: "direct", Name: "direct", Path: []geo.Point{p(33.0, 35.8), p(33.6, 36.5)}, Reach: 600_000},
		{ID: "south", Name: "south", Path: []geo.Point{p(32.5, 36.0), p(33.3, 38.5)}, Reach: 500_000},
	}
	c := sim.Corridor{ID: "land-bridge", Stops: []int32{0, 1, 7, 3}, Speed: 150_000, Interval: 3, Size: 400, Dwell: 1, From: sc.StartDay, To: sc.EndDay}
	for _, s := range c.Stops {
		c.Path = append(c.Path, sc.Sites[s].Pos)
	}
	for i := range c.Path {
		c.StopAt = append(c.StopAt, geo.PathLength(c.Path[:i+1]))
	}
	c.Length = c.StopAt[len(c.StopAt)-1]
	sc.Corridors = []sim.Corridor{c}
	return sc
}

func TestSmokeRun(t *testing.T) {
	sc := smokeScenario()
	d := NewDriver(sc)
	r1, err := d.Run(7, Options{Record: true, Log: true})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := d.Run(7, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r1.FinalHash != r2.FinalHash {
		t.Fatalf("same seed, different hash: %s vs %s", r1.FinalHash, r2.FinalHash)
	}
	for m := sim.Metric(0); m < sim.NumMetrics; m++ {
		t.Logf("%s = %d", m, r1.Metrics[m])
	}
	t.Logf("outcome %s turns %d orders %d log %d", r1.Outcome, r1.Turns, len(r1.Orders), len(r1.Log))
	rp, err := d.Replay(7, r1.Orders, Options{Record: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rp.FinalHash != r1.FinalHash {
		t.Fatalf("replay hash %s, recorded %s", rp.FinalHash, r1.FinalHash)
	}
}
