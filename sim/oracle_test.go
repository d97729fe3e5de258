package sim_test

// The rules suite: every formula and rule of docs/model.md ("The rules,
// exactly") checked against values worked out by hand from the documented
// formula and units. Expected values are literals, with the arithmetic in a
// comment; none is computed by the code under test. The scenario is
// flatland, a plane whose distances are easy to work out by hand.

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

const km = 1000 // metres

// Site indices of flatland (sites are sorted by id).
const (
	flBorder  int32 = iota // Iranian crossing at (600, 0) km, the corridor's first stop
	flDepot                // Iranian depot at (300, 0) km, a target of value 2
	flGolan                // Israeli position at (-100, 100) km, proximity 0.5
	flHermel               // Hezbollah crossing at (300, -300) km, the corridor's last stop
	flMilitia              // Iranian militia site at (300, 300) km
	flSAM                  // Syrian air defence at (100, 0) km: 50 km of cover at full strength; a target
	flTanf                 // US garrison at (0, 300) km, 400 troops, proximity 0.5
	flTower                // US garrison at (-300, 300) km, 100 troops, proximity 0.5
)

// Routes of flatland.
const (
	flDirect int32 = iota // (-100, 0) → (0, 0) km, reach 400 km: its last leg to the depot runs
	// along the x axis straight through the SAM's circle, a chord of 2·50 = 100 km
	flSouth // (-100, -200) → (300, -200) km, reach 250 km: far from the SAM
)

// flatland returns a 100-day scenario on a plane, with every mechanism at
// rest unless a test wakes it: no detection, no attack hazard, no decay, no
// recovery, no collateral, no discovery, no notice risks, trust 50, the
// Syrian air-defence level 2, all ladders at 0 and no scripted events.
func flatland() *sim.Scenario {
	start := sim.DayNumber(2020, 1, 1)
	sc := &sim.Scenario{ID: "flatland", Name: "Flatland", StartDay: start, EndDay: start + 99, TurnHours: 24, Turns: 100}
	sc.Params = sim.DefaultParams()
	for _, p := range []sim.Param{sim.ParamDetectShipment, sim.ParamDetectSite, sim.ParamDetectAttack, sim.ParamRetaliationBase,
		sim.ParamGrievanceDecay, sim.ParamDeterrenceDecay, sim.ParamComplicityDecay, sim.ParamEscalationDecay,
		sim.ParamTrustRecovery, sim.ParamCounterISRate, sim.ParamCollateral, sim.ParamViolationDiscovery,
		sim.ParamRussiaIncident, sim.ParamRussiaLeak} {
		sc.Params[p] = 0
	}
	sc.Initial = sim.Initial{Trust: 50 * sim.Milli, AirDefence: 2 * sim.Milli}
	for _, a := range []sim.Actor{sim.Israel, sim.USA, sim.Iran, sim.Hezbollah, sim.Syria, sim.Russia} {
		sc.Actors[a].Present = true
	}
	site := func(id string, kind sim.SiteKind, owner sim.Actor, x, y int64) sim.Site {
		return sim.Site{ID: id, Name: id, Kind: kind, Owner: owner, Pos: geo.Point{X: x * km, Y: y * km}, Value: sim.Milli}
	}
	border := site("border", sim.SiteCrossing, sim.Iran, 600, 0)
	depot := site("depot", sim.SiteDepot, sim.Iran, 300, 0)
	depot.Target, depot.Value = true, 2*sim.Milli
	golan := site("golan", sim.SitePosition, sim.Israel, -100, 100)
	golan.Proximity = 500_000
	hermel := site("hermel", sim.SiteCrossing, sim.Hezbollah, 300, -300)
	militia := site("militia", sim.SiteMilitia, sim.Iran, 300, 300)
	sam := site("sam", sim.SiteAirDefence, sim.Syria, 100, 0)
	sam.ADRange, sam.ADStrength, sam.Target = 50*km, sim.Micro, true
	tanf := site("tanf", sim.SiteGarrison, sim.USA, 0, 300)
	tanf.Troops, tanf.Proximity = 400, 500_000
	tower := site("tower", sim.SiteGarrison, sim.USA, -300, 300)
	tower.Troops, tower.Proximity = 100, 500_000
	sc.Sites = []sim.Site{border, depot, golan, hermel, militia, sam, tanf, tower}
	p := func(x, y int64) geo.Point { return geo.Point{X: x * km, Y: y * km} }
	sc.Routes = []sim.Route{
		{ID: "direct", Name: "direct", Path: []geo.Point{p(-100, 0), p(0, 0)}, Reach: 400 * km},
		{ID: "south", Name: "south", Path: []geo.Point{p(-100, -200), p(300, -200)}, Reach: 250 * km},
	}
	// border → depot (300 km) → hermel (300 km): 100 km a turn, 2 turns at
	// the depot, paused (interval 0) unless a test sets it going
	sc.Corridors = []sim.Corridor{{ID: "road", Name: "road", Stops: []int32{flBorder, flDepot, flHermel},
		Path: []geo.Point{border.Pos, depot.Pos, hermel.Pos}, StopAt: []int64{0, 300 * km, 600 * km}, Length: 600 * km,
		Speed: 100 * km, Size: 100, Dwell: 2, From: start, To: start + 99}}
	return sc
}

// zoneAt returns a zone of a kind: a circle of 10 km around (200, -200) km,
// which the southern route crosses.
func zoneAt(kind sim.ZoneKind, owner sim.Actor, sc *sim.Scenario) sim.Zone {
	return sim.Zone{ID: "zone", Name: "zone", Kind: kind, Owner: owner,
		Area: sim.Area{Center: geo.Point{X: 200 * km, Y: -200 * km}, Radius: 10 * km}, From: sc.StartDay, To: sc.EndDay}
}

// orderStrike marks a site detected, advances a fresh engine to Israel's
// planning decision and orders a strike on it with an 8-aircraft package;
// it returns the mission's id. The planning decision is left open (the
// default answer ends planning).
func orderStrike(t *testing.T, e *sim.Engine, site, route int32, notice int8) int32 {
	t.Helper()
	e.State().Sites[site].DetectedTill = 1 << 30
	if e.Advance() != sim.StopDecide {
		t.Fatal("no planning decision with a detected target")
	}
	d, ok := openDecision(e, sim.DecidePlan)
	if !ok {
		t.Fatal("no planning decision with a detected target")
	}
	mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderStrike, Decision: d.ID, Target: sim.Target{Kind: sim.TargetSite, ID: site},
		Route: route, Package: sim.PackageLarge, Notice: notice})
	return e.State().Missions[len(e.State().Missions)-1].ID
}

// reviewRequest orders a strike on flatland's depot by the southern route
// (into the US zone the test has put there), lets the step run and returns
// the mission's id and the US review request it raises.
func reviewRequest(t *testing.T, e *sim.Engine) (mission int32, d sim.Decision) {
	t.Helper()
	mission = orderStrike(t, e, flDepot, flSouth, sim.NoticeStandard)
	answerDefaults(t, e)
	e.Advance()
	d, ok := openDecision(e, sim.DecideRequest)
	if !ok {
		t.Fatal("no review request")
	}
	return mission, d
}

// TestOracleInterception: exposure is the length (metres) of the route's
// path inside each standing air-defence circle, times the cover's strength;
// interception = exposure (km) × intercept_per_km × air-defence level,
// capped at 90%; an aircraft is lost with interception × aircraft_loss.
func TestOracleInterception(t *testing.T) {
	for _, c := range []struct {
		name                   string
		route, target          int32
		strength, level, perKm int64
		disabled               bool
		exposure, intercept    int64
		loss                   int64
	}{
		// chord 2·50 km = 100 km × strength 1 = 100,000 m; 100 km × 0.0008/km × 2 = 0.16; loss 0.16 × 0.04 = 0.0064
		{"100 km of full cover at level 2", flDirect, flDepot, sim.Micro, 2000, 800, false, 100_000, 160_000, 6_400},
		// 100 km × strength 0.5 = 50,000 m; 50 × 0.0008 × 2 = 0.08; 0.08 × 0.04 = 0.0032
		{"half-strength cover", flDirect, flDepot, 500_000, 2000, 800, false, 50_000, 80_000, 3_200},
		// 100 × 0.0008 × 1 = 0.08
		{"level 1", flDirect, flDepot, sim.Micro, 1000, 800, false, 100_000, 80_000, 3_200},
		// 100 × 0.0008 × 0.5 = 0.04; 0.04 × 0.04 = 0.0016
		{"level 0.5", flDirect, flDepot, sim.Micro, 500, 800, false, 100_000, 40_000, 1_600},
		// the SAM itself: from the circle's edge at x = 50 km to its centre at 100 km = 50 km; 50 × 0.0008 × 2 = 0.08
		{"target inside the cover", flDirect, flSAM, sim.Micro, 2000, 800, false, 50_000, 80_000, 3_200},
		// 100 × 0.005 × 2 = 1.0, capped at 0.9; 0.9 × 0.04 = 0.036
		{"capped at 90%", flDirect, flDepot, sim.Micro, 2000, 5000, false, 100_000, 900_000, 36_000},
		// the southern route passes 200 km from the SAM: no cover
		{"around the cover", flSouth, flDepot, sim.Micro, 2000, 800, false, 0, 0, 0},
		// a struck air-defence site gives no cover while out of action
		{"struck air defence", flDirect, flDepot, sim.Micro, 2000, 800, true, 0, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Sites[flSAM].ADStrength = c.strength
			sc.Initial.AirDefence = c.level
			sc.Params[sim.ParamInterceptPerKm] = c.perKm
			e := sim.New(sc, 1)
			if c.disabled {
				e.State().Sites[flSAM].DisabledTill = 0
			}
			a := e.Assess(c.route, sc.Sites[c.target].Pos)
			if !a.Reach {
				t.Fatal("the route does not reach the target")
			}
			if a.Exposure != c.exposure {
				t.Fatalf("exposure %d m, want %d", a.Exposure, c.exposure)
			}
			if got := e.Intercept(a.Exposure); got != c.intercept {
				t.Fatalf("interception %d ppm, want %d", got, c.intercept)
			}
			if got := e.AircraftLoss(c.intercept); got != c.loss {
				t.Fatalf("aircraft loss %d ppm, want %d", got, c.loss)
			}
		})
	}
}

// TestOracleStrikeSuccess: success = base chance of the package × (1 −
// interception) × (1 − hardness, sites only), halved if the notice leaked.
func TestOracleStrikeSuccess(t *testing.T) {
	for _, c := range []struct {
		name      string
		pkg       int8
		intercept int64
		hardness  int64
		leaked    bool
		want      int64
	}{
		{"2 aircraft", sim.PackageSmall, 0, 0, false, 550_000},  // strike_small 0.55
		{"4 aircraft", sim.PackageMedium, 0, 0, false, 750_000}, // strike_medium 0.75
		{"8 aircraft", sim.PackageLarge, 0, 0, false, 900_000},  // strike_large 0.9
		// 0.9 × (1 − 0.16) = 0.756
		{"16% interception", sim.PackageLarge, 160_000, 0, false, 756_000},
		// 0.756 × (1 − 0.3) = 0.5292
		{"hardness 0.3", sim.PackageLarge, 160_000, 300_000, false, 529_200},
		// 0.5292 / 2 = 0.2646
		{"leaked", sim.PackageLarge, 160_000, 300_000, true, 264_600},
		// 0.55 × (1 − 0.9) = 0.055
		{"capped interception", sim.PackageSmall, 900_000, 0, false, 55_000},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Sites[flDepot].Hardness = c.hardness
			e := sim.New(sc, 1)
			depot := sim.Target{Kind: sim.TargetSite, ID: flDepot}
			if got := e.SuccessChanceGiven(depot, c.pkg, c.intercept, c.leaked); got != c.want {
				t.Fatalf("success %d ppm, want %d", got, c.want)
			}
		})
	}
	// through the engine's own geometry: 100 km of full cover at level 2 is
	// 16% interception for 4 aircraft (above), 16% × 8 / 4 = 32% for 8, so
	// 8 aircraft succeed with 0.9 × (1 − 0.32) = 0.612
	e := sim.New(flatland(), 1)
	if got := e.SuccessChance(sim.Target{Kind: sim.TargetSite, ID: flDepot}, sim.PackageLarge, 100_000); got != 612_000 {
		t.Fatalf("success over 100 km of cover %d ppm, want 612000", got)
	}
}

// TestOraclePackageIntercept: a package of n aircraft is intercepted with
// the route's chance × n / 4, at most 0.9.
func TestOraclePackageIntercept(t *testing.T) {
	for _, c := range []struct {
		route int64
		pkg   int8
		want  int64
	}{
		{160_000, sim.PackageSmall, 80_000},   // 0.16 × 2 / 4 = 0.08
		{160_000, sim.PackageMedium, 160_000}, // 0.16 × 4 / 4 = 0.16
		{160_000, sim.PackageLarge, 320_000},  // 0.16 × 8 / 4 = 0.32
		{500_000, sim.PackageLarge, 900_000},  // 0.5 × 8 / 4 = 1.0, capped at 0.9
		{900_000, sim.PackageSmall, 450_000},  // 0.9 × 2 / 4 = 0.45
		{0, sim.PackageLarge, 0},              // no cover, no interception
	} {
		if got := sim.PackageIntercept(c.route, c.pkg); got != c.want {
			t.Errorf("route %d ppm, package %d: %d ppm, want %d", c.route, c.pkg, got, c.want)
		}
	}
}

// TestNoPackageAlwaysBest: against the same depot and the same defences
// (flatland's SAM at level 2, 0.0008 per km, aircraft_loss 0.04), each
// package size hits most often over some length of cover, and the smallest
// always loses the fewest aircraft: no size is best in every situation.
func TestNoPackageAlwaysBest(t *testing.T) {
	e := sim.New(flatland(), 1)
	depot := sim.Target{Kind: sim.TargetSite, ID: flDepot}
	for _, c := range []struct {
		name     string
		exposure int64    // metres
		success  [3]int64 // small, medium, large
		loss     [3]int64
		best     int8
	}{
		// route 25 × 0.0008 × 2 = 0.04: packages 0.02, 0.04, 0.08;
		// success 0.55 × 0.98 = 0.539, 0.75 × 0.96 = 0.72, 0.9 × 0.92 = 0.828;
		// loss × 0.04: 0.0008, 0.0016, 0.0032
		{"25 km of cover", 25_000, [3]int64{539_000, 720_000, 828_000}, [3]int64{800, 1_600, 3_200}, sim.PackageLarge},
		// route 0.16: packages 0.08, 0.16, 0.32; success 0.55 × 0.92 = 0.506,
		// 0.75 × 0.84 = 0.63, 0.9 × 0.68 = 0.612; loss 0.0032, 0.0064, 0.0128
		{"100 km of cover", 100_000, [3]int64{506_000, 630_000, 612_000}, [3]int64{3_200, 6_400, 12_800}, sim.PackageMedium},
		// route 400 × 0.0008 × 2 = 0.64: packages 0.32, 0.64, 0.9 (capped);
		// success 0.55 × 0.68 = 0.374, 0.75 × 0.36 = 0.27, 0.9 × 0.1 = 0.09;
		// loss 0.0128, 0.0256, 0.036
		{"400 km of cover", 400_000, [3]int64{374_000, 270_000, 90_000}, [3]int64{12_800, 25_600, 36_000}, sim.PackageSmall},
	} {
		t.Run(c.name, func(t *testing.T) {
			best := int8(-1)
			for pkg := int8(sim.PackageSmall); pkg <= sim.PackageLarge; pkg++ {
				s := e.SuccessChance(depot, pkg, c.exposure)
				l := e.AircraftLoss(sim.PackageIntercept(e.Intercept(c.exposure), pkg))
				if s != c.success[pkg] || l != c.loss[pkg] {
					t.Errorf("package %d: success %d, loss %d ppm; want %d, %d", pkg, s, l, c.success[pkg], c.loss[pkg])
				}
				if best < 0 || s > e.SuccessChance(depot, best, c.exposure) {
					best = pkg
				}
			}
			if best != c.best {
				t.Errorf("best package for success %d, want %d", best, c.best)
			}
			if c.loss[sim.PackageSmall] >= c.loss[c.best] && c.best != sim.PackageSmall {
				t.Errorf("the small package does not lose fewer aircraft than the one that hits most")
			}
		})
	}
}

// addShipment puts a shipment of the given size on flatland's corridor.
func addShipment(e *sim.Engine, dist, size int64, nextStop, dwellTill int32) int32 {
	st := e.State()
	id := st.NextID
	st.NextID++
	st.Shipments = append(st.Shipments, sim.Shipment{ID: id, Corridor: 0, Dist: dist, NextStop: nextStop, Size: size, DwellTill: dwellTill, DetectedTill: -1})
	return id
}

// TestOracleShipments: a shipment is worth size / the corridor's shipment
// size; hardness never applies to it; detection is detect_shipment a turn,
// ×2 while it unloads at a depot; it dwells `dwell` turns at a depot, ×2 at a
// depot out of action.
func TestOracleShipments(t *testing.T) {
	sc := flatland()
	sc.Params[sim.ParamDetectShipment] = 80_000
	sc.Sites[flDepot].Hardness = 300_000
	e := sim.New(sc, 1)
	moving := addShipment(e, 100*km, 50, 1, -1)
	dwelling := addShipment(e, 300*km, 100, 2, 1)
	for _, c := range []struct {
		name      string
		got, want int64
	}{
		{"value of a half shipment", e.TargetValue(sim.Target{Kind: sim.TargetShipment, ID: moving}), 500},                                      // 1 × 50 / 100 = 0.5
		{"value of a full shipment", e.TargetValue(sim.Target{Kind: sim.TargetShipment, ID: dwelling}), 1000},                                   // 1 × 100 / 100
		{"success, no hardness", e.SuccessChanceGiven(sim.Target{Kind: sim.TargetShipment, ID: dwelling}, sim.PackageLarge, 0, false), 900_000}, // 0.9 × 1
		{"detection on the road", e.DetectShipment(moving), 80_000},                                                                             // 0.08
		{"detection at a depot", e.DetectShipment(dwelling), 160_000},                                                                           // 0.08 × 2
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}

	for _, c := range []struct {
		name     string
		disabled bool
		want     int32
	}{
		{"depot standing", false, 2}, // arrives on turn 0, dwells 2 turns: till turn 0 + 2
		{"depot struck", true, 4},    // 0 + 2 × 2
	} {
		t.Run(c.name, func(t *testing.T) {
			e := sim.New(flatland(), 1)
			if c.disabled {
				e.State().Sites[flDepot].DisabledTill = 10
			}
			// 250 km along, 100 km a turn: reaches the depot at 300 km on turn 0
			addShipment(e, 250*km, 100, 1, -1)
			playTurn(t, e)
			s := e.State().Shipments[0]
			if s.Dist != 300*km || s.NextStop != 2 || s.DwellTill != c.want {
				t.Fatalf("shipment at %d m, next stop %d, dwelling till %d; want 300000, 2, %d", s.Dist, s.NextStop, s.DwellTill, c.want)
			}
		})
	}
}

// TestOracleDetectionWindow: a target detected on turn T may be struck on
// turns T … T + detect_window − 1; a site out of action is not looked for.
func TestOracleDetectionWindow(t *testing.T) {
	sc := flatland()
	sc.Params[sim.ParamDetectSite] = sim.Micro
	sc.Params[sim.ParamDetectWindow] = 3
	e := sim.New(sc, 1)
	e.State().Sites[flSAM].DisabledTill = 5
	playTurn(t, e)
	st := e.State()
	if got := st.Sites[flDepot].DetectedTill; got != 2 { // 0 + 3 − 1
		t.Fatalf("depot detected till turn %d, want 2", got)
	}
	if got := st.Sites[flSAM].DetectedTill; got != -1 {
		t.Fatalf("a site out of action detected till turn %d, want -1 (not looked for)", got)
	}
}

// flyStrike plays turn 0 of a fresh engine in which Israel strikes a site
// by a route with the given notice; every other decision takes its default.
func flyStrike(t *testing.T, sc *sim.Scenario, site, route int32, notice int8, setup func(*sim.State)) *sim.Engine {
	t.Helper()
	e := sim.New(sc, 1)
	if setup != nil {
		setup(e.State())
	}
	orderStrike(t, e, site, route, notice)
	playTurn(t, e)
	if e.State().Count[sim.MetricStrikes] != 1 {
		t.Fatalf("%d strikes flown, want 1", e.State().Count[sim.MetricStrikes])
	}
	return e
}

// TestOracleStrikeConsequences: a hit adds grievance_per_strike × value to
// Iran's grievance toward Israel (value × 1.5 with collateral casualties, a
// miss value / 4) and, with a chance equal to the perceived complicity,
// attribution_us × that to its grievance toward the US; a hit raises the
// Israel–Iran ladder by escalation_per_strike × value.
func TestOracleStrikeConsequences(t *testing.T) {
	for _, c := range []struct {
		name                            string
		hit, collateral, complicit      bool
		toIsrael, toUSA, ladder, hitNum int64
	}{
		// 0.12 × 2 = 0.24; ladder 0.015 × 2 = 0.03
		{"hit", true, false, false, 240, 0, 30, 1},
		// value 2 × 1.5 = 3: 0.12 × 3 = 0.36; ladder 0.015 × 3 = 0.045
		{"hit with collateral", true, true, false, 360, 0, 45, 1},
		// toward the US 0.5 × 0.24 = 0.12
		{"hit, complicity 1", true, false, true, 240, 120, 30, 1},
		// value 2 / 4 = 0.5: 0.12 × 0.5 = 0.06; no ladder move
		{"miss", false, false, false, 60, 0, 0, 0},
		// toward the US 0.5 × 0.06 = 0.03
		{"miss, complicity 1", false, false, true, 60, 30, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			if !c.hit {
				sc.Params[sim.ParamStrikeLarge] = 0
			} else {
				sc.Params[sim.ParamStrikeLarge] = sim.Micro
			}
			if c.collateral {
				sc.Params[sim.ParamCollateral] = sim.Micro
			}
			if c.complicit {
				sc.Initial.Complicity = sim.Micro
			}
			e := flyStrike(t, sc, flDepot, flSouth, sim.NoticeStandard, nil)
			st := e.State()
			if st.Grievance[sim.TowardIsrael] != c.toIsrael || st.Grievance[sim.TowardUSA] != c.toUSA {
				t.Errorf("grievance toward Israel %d, toward the US %d; want %d, %d", st.Grievance[sim.TowardIsrael], st.Grievance[sim.TowardUSA], c.toIsrael, c.toUSA)
			}
			if st.Escalation[sim.IsraelIran] != c.ladder {
				t.Errorf("Israel–Iran ladder %d, want %d", st.Escalation[sim.IsraelIran], c.ladder)
			}
			if st.Count[sim.MetricTargetsHit] != c.hitNum {
				t.Errorf("%d targets hit, want %d", st.Count[sim.MetricTargetsHit], c.hitNum)
			}
		})
	}
}

// TestOracleStruckSiteOutOfAction: any struck site is out of action for 30
// days (turns = 30 × 24 / turn hours) from the turn of the strike, cannot be
// struck or detected meanwhile, and a struck air-defence site gives no
// cover; shipments unloading at a struck depot burn with it.
func TestOracleStruckSiteOutOfAction(t *testing.T) {
	for _, c := range []struct {
		name  string
		site  int32
		hours int32
		till  int32
	}{
		{"depot, day turns", flDepot, 24, 29},       // 0 + 30 − 1
		{"depot, 6-hour turns", flDepot, 6, 119},    // 0 + 30 × 24 / 6 − 1 = 0 + 120 − 1
		{"air defence, day turns", flSAM, 24, 29},   // 0 + 30 − 1
		{"air defence, 8-hour turns", flSAM, 8, 89}, // 0 + 30 × 24 / 8 − 1 = 0 + 90 − 1
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.TurnHours = c.hours
			sc.Turns = 100 * 24 / c.hours
			sc.Params[sim.ParamStrikeLarge] = sim.Micro
			sc.Params[sim.ParamInterceptPerKm] = 0
			e := flyStrike(t, sc, c.site, flDirect, sim.NoticeStandard, func(st *sim.State) {
				if c.site == flDepot {
					// 100 weapons unloading at the depot till turn 1
					st.NextID = 100
					st.Shipments = append(st.Shipments, sim.Shipment{ID: 99, Corridor: 0, Dist: 300 * km, NextStop: 2, Size: 100, DwellTill: 1, DetectedTill: -1})
				}
			})
			st := e.State()
			if st.Sites[c.site].DisabledTill != c.till {
				t.Fatalf("out of action till turn %d, want %d", st.Sites[c.site].DisabledTill, c.till)
			}
			if e.Strikable(sim.Target{Kind: sim.TargetSite, ID: c.site}) {
				t.Fatal("a site out of action is strikable")
			}
			if c.site == flDepot && (st.Count[sim.MetricShipmentsDestroyed] != 1 || st.Count[sim.MetricWeaponsDestroyed] != 100 || len(st.Shipments) != 0) {
				t.Fatalf("%d shipments and %d weapons destroyed, %d left; want 1, 100, 0", st.Count[sim.MetricShipmentsDestroyed], st.Count[sim.MetricWeaponsDestroyed], len(st.Shipments))
			}
			if c.site == flSAM {
				if a := e.Assess(flDirect, sc.Sites[flDepot].Pos); a.Exposure != 0 {
					t.Fatalf("exposure %d m past a struck air-defence site, want 0", a.Exposure)
				}
			}
			// back in action on the turn after the last
			for e.Turn() <= c.till {
				playTurn(t, e)
			}
			st.Sites[c.site].DetectedTill = e.Turn()
			if !e.Strikable(sim.Target{Kind: sim.TargetSite, ID: c.site}) {
				t.Fatalf("turn %d: the site is still out of action", e.Turn())
			}
			if a := e.Assess(flDirect, sc.Sites[flDepot].Pos); c.site == flSAM && a.Exposure != 100_000 { // 2 × 50 km again
				t.Fatalf("turn %d: exposure %d m, want 100000", e.Turn(), a.Exposure)
			}
		})
	}
}

// TestOracleComplicityAndApproval: a strike flown through a US zone needs
// review; approval adds approval_trust_gain to trust, and the strike adds
// complicity_per_strike to the perceived complicity, hit or miss.
func TestOracleComplicityAndApproval(t *testing.T) {
	for _, c := range []struct {
		name                      string
		complicity, trust         int64
		wantComplicity, wantTrust int64
	}{
		{"from 0.5", 500_000, 50_000, 504_000, 50_050},      // 0.5 + 0.004; 50 + 0.05
		{"at the top", 998_000, 99_980, sim.Micro, 100_000}, // 0.998 + 0.004 → 1; 99.98 + 0.05 → 100
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Zones = []sim.Zone{zoneAt(sim.ZoneDeconfliction, sim.USA, sc)}
			sc.Params[sim.ParamStrikeLarge] = 0 // a miss: complicity rises all the same
			e := sim.New(sc, 1)
			e.State().Complicity, e.State().Trust = c.complicity, c.trust
			orderStrike(t, e, flDepot, flSouth, sim.NoticeStandard)
			answerDefaults(t, e)
			if e.Advance() != sim.StopDecide {
				t.Fatal("no review request")
			}
			d, ok := openDecision(e, sim.DecideRequest)
			if !ok {
				t.Fatal("no review request")
			}
			mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderApprove, Decision: d.ID})
			if got := e.State().Trust; got != c.wantTrust {
				t.Fatalf("trust %d after approval, want %d", got, c.wantTrust)
			}
			playTurn(t, e)
			if got := e.State().Complicity; got != c.wantComplicity {
				t.Fatalf("complicity %d, want %d", got, c.wantComplicity)
			}
		})
	}
}

// TestOracleReviewLeak: with review_leak 1 every US answer to a review
// reaches Tehran: an approval or a condition adds leak_complicity (0.02 by
// default) to the perceived complicity at once, a denial takes it away, both
// within 0..1; with review_leak 0 nothing leaks.
func TestOracleReviewLeak(t *testing.T) {
	for _, c := range []struct {
		name             string
		leak             int64
		kind             sim.OrderKind
		complicity, want int64
	}{
		{"approval leaks", sim.Micro, sim.OrderApprove, 500_000, 520_000}, // 0.5 + 0.02
		{"condition leaks", sim.Micro, sim.OrderCondition, 500_000, 520_000},
		{"denial leaks", sim.Micro, sim.OrderDeny, 500_000, 480_000},       // 0.5 − 0.02
		{"denial at the bottom", sim.Micro, sim.OrderDeny, 10_000, 0},      // 0.01 − 0.02 → 0
		{"approval at the top", sim.Micro, sim.OrderApprove, 990_000, 1e6}, // 0.99 + 0.02 → 1
		{"nothing leaks", 0, sim.OrderApprove, 500_000, 500_000},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Zones = []sim.Zone{zoneAt(sim.ZoneDeconfliction, sim.USA, sc)}
			sc.Params[sim.ParamReviewLeak] = c.leak
			e := sim.New(sc, 1)
			e.State().Complicity = c.complicity
			_, d := reviewRequest(t, e)
			o := sim.Order{Kind: c.kind, Decision: d.ID, Route: -1}
			if c.kind == sim.OrderCondition {
				o.Delay = 1
			}
			mustApply(t, e, sim.USA, o)
			if got := e.State().Complicity; got != c.want {
				t.Fatalf("complicity %d, want %d", got, c.want)
			}
		})
	}
}

// TestOracleRussiaNotice: through a Russian zone, short notice gives an
// incident chance of russia_incident × 4 and no leak; standard notice
// russia_incident and russia_leak / 4; long notice russia_incident / 4 and
// russia_leak. An incident raises the Israel–Russia ladder one level and
// the Syrian air defence by incident_air_defence (at most 5).
func TestOracleRussiaNotice(t *testing.T) {
	e := sim.New(flatlandWithNoticeRisks(), 1)
	for _, c := range []struct {
		notice         int8
		incident, leak int64
	}{
		{sim.NoticeShort, 40_000, 0},         // 0.01 × 4; never
		{sim.NoticeStandard, 10_000, 20_000}, // 0.01; 0.08 / 4
		{sim.NoticeLong, 2_500, 80_000},      // 0.01 / 4; 0.08
	} {
		if inc, leak := e.NoticeRisks(c.notice); inc != c.incident || leak != c.leak {
			t.Errorf("notice %d: incident %d, leak %d ppm; want %d, %d", c.notice, inc, leak, c.incident, c.leak)
		}
	}
	for _, c := range []struct {
		name                   string
		notice                 int8
		incident, airDefence   int64
		incidents, leaks       int64
		ladder, wantAirDefence int64
	}{
		// russia_incident 0.25 × 4 = 1: an incident for sure; ladder 0.5 + 1 = 1.5; air defence 2 + 0.5 = 2.5
		{"short notice", sim.NoticeShort, 250_000, 2000, 1, 0, 1500, 2500},
		// 4.8 + 0.5 = 5.3, capped at 5
		{"short notice, air defence near the top", sim.NoticeShort, 250_000, 4800, 1, 0, 1500, 5000},
		// russia_leak 1: a leak for sure; russia_incident 3 ppm / 4 = 0 (integer ppm): never an incident
		{"long notice", sim.NoticeLong, 3, 2000, 0, 1, 500, 2000},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Zones = []sim.Zone{zoneAt(sim.ZoneRussia, sim.Russia, sc)}
			sc.Params[sim.ParamRussiaIncident] = c.incident
			sc.Params[sim.ParamRussiaLeak] = sim.Micro
			sc.Initial.Escalation[sim.IsraelRussia] = 500
			sc.Initial.AirDefence = c.airDefence
			st := flyStrike(t, sc, flDepot, flSouth, c.notice, nil).State()
			if st.Count[sim.MetricRussiaIncidents] != c.incidents || st.Count[sim.MetricLeaks] != c.leaks {
				t.Fatalf("%d incidents, %d leaks; want %d, %d", st.Count[sim.MetricRussiaIncidents], st.Count[sim.MetricLeaks], c.incidents, c.leaks)
			}
			if st.Escalation[sim.IsraelRussia] != c.ladder || st.AirDefence != c.wantAirDefence {
				t.Fatalf("Israel–Russia ladder %d, air defence %d; want %d, %d", st.Escalation[sim.IsraelRussia], st.AirDefence, c.ladder, c.wantAirDefence)
			}
		})
	}
}

// flatlandWithNoticeRisks is flatland with the default notice risks.
func flatlandWithNoticeRisks() *sim.Scenario {
	sc := flatland()
	sc.Params[sim.ParamRussiaIncident] = 10_000
	sc.Params[sim.ParamRussiaLeak] = 80_000
	return sc
}

// TestOracleHalts: a halt of d days lasts d × 24 / turn hours turns (at
// least one), counting the turn it starts; a strike whose path touches it
// waits for Israel's answer, and flying it anyway is a halt violation that
// costs counter_is_loss_per_violation, and violation_trust_cost when the US
// discovers it (with chance violation_discovery).
func TestOracleHalts(t *testing.T) {
	for _, c := range []struct {
		hours, days, until int32
	}{
		{24, 7, 6}, // 0 + 7 − 1
		{6, 7, 27}, // 0 + 7 × 24 / 6 − 1 = 0 + 28 − 1
		{48, 1, 0}, // 1 × 24 / 48 = 0, at least 1: 0 + 1 − 1
	} {
		sc := flatland()
		sc.TurnHours = c.hours
		e := sim.New(sc, 1)
		mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderHalt, Site: flDepot, Radius: 50 * km, Days: c.days})
		if h := e.State().Halts; len(h) != 1 || h[0].Until != c.until {
			t.Errorf("%d-day halt with %d-hour turns: %+v, want in force till turn %d", c.days, c.hours, h, c.until)
		}
	}
	for _, c := range []struct {
		name                         string
		discovery                    int64
		discovered, trust, counterIS int64
	}{
		{"discovered", sim.Micro, 1, 42_000, 8_000}, // trust 50 − 8; counter-IS 10 − 2
		{"unseen", 0, 0, 50_000, 8_000},             // trust 50; counter-IS 10 − 2
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Params[sim.ParamViolationDiscovery] = c.discovery
			sc.Initial.CounterIS = 10 * sim.Milli
			e := sim.New(sc, 1)
			mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderHalt, Site: flDepot, Radius: 50 * km, Days: 7})
			orderStrike(t, e, flDepot, flSouth, sim.NoticeStandard)
			answerDefaults(t, e)
			if e.Advance() != sim.StopDecide {
				t.Fatal("no decision for a strike into a halt")
			}
			d, ok := openDecision(e, sim.DecideResponse)
			if !ok || d.Reasons&sim.ReasonHalt == 0 {
				t.Fatalf("no response decision about the halt: %+v", e.Pending())
			}
			mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderProceed, Decision: d.ID})
			playTurn(t, e)
			st := e.State()
			if st.Count[sim.MetricViolations] != 1 || st.Count[sim.MetricHaltViolations] != 1 || st.Count[sim.MetricViolationsDiscovered] != c.discovered {
				t.Fatalf("violations %d, halt violations %d, discovered %d; want 1, 1, %d",
					st.Count[sim.MetricViolations], st.Count[sim.MetricHaltViolations], st.Count[sim.MetricViolationsDiscovered], c.discovered)
			}
			if st.Trust != c.trust || st.CounterIS != c.counterIS {
				t.Fatalf("trust %d, counter-IS %d; want %d, %d", st.Trust, st.CounterIS, c.trust, c.counterIS)
			}
		})
	}
}

// landAttack plays turn 0 of a fresh engine in which an attack Iran ordered
// lands at a site; setup may change the state first.
func landAttack(t *testing.T, sc *sim.Scenario, site int32, method int8, claimed bool, setup func(*sim.State)) *sim.Engine {
	t.Helper()
	e := sim.New(sc, 1)
	st := e.State()
	st.Attacks = append(st.Attacks, sim.Attack{ID: 900, Site: site, Method: method, Claimed: claimed, Due: 0})
	st.NextID = 901
	if setup != nil {
		setup(st)
	}
	playTurn(t, e)
	return e
}

// TestOracleAttackOnUS: each troop present is killed with the method's
// lethality (halved at a hardened site) and injured with injury_rate, the
// expectation drawn as its whole part plus one with the chance of the rest;
// an evacuated site keeps a tenth of its troops. The attack discharges
// grievance_spent of the grievance toward the US, raises the US–Iran ladder
// by escalation_per_attack + deaths × escalation_per_death (× 1.5 if
// claimed) and costs talks_loss_per_attack + deaths × talks_loss_per_death
// (× 2 if claimed).
func TestOracleAttackOnUS(t *testing.T) {
	for _, c := range []struct {
		name                        string
		method                      int8
		claimed, hardened, evacuate bool
		killed, injured             int64
		ladder, talks               int64
	}{
		// 400 × 0.005 = 2 killed, 400 × 0.025 = 10 injured; ladder 0.18 + 2 × 0.6 = 1.38; talks 50 − (0.5 + 2 × 8) = 33.5
		{"rockets", sim.MethodRockets, false, false, false, 2, 10, 1380, 33_500},
		// ladder 1.38 × 1.5 = 2.07; talks 50 − 16.5 × 2 = 17
		{"rockets, claimed", sim.MethodRockets, true, false, false, 2, 10, 2070, 17_000},
		// 400 × 0.005 / 2 = 1 killed; ladder 0.18 + 0.6 = 0.78; talks 50 − 8.5 = 41.5
		{"rockets, hardened", sim.MethodRockets, false, true, false, 1, 10, 780, 41_500},
		// 400 × 0.025 / 2 = 5 killed; ladder 0.18 + 5 × 0.6 = 3.18; talks 50 − (0.5 + 5 × 8) = 9.5
		{"drones, hardened", sim.MethodDrones, false, true, false, 5, 10, 3180, 9_500},
		// 400 / 10 = 40 present: 40 × 0.025 = 1 killed, 40 × 0.025 = 1 injured
		{"drones, evacuated", sim.MethodDrones, false, false, true, 1, 1, 780, 41_500},
		// 400 × 0.025 = 10 killed; ladder 0.18 + 6 = 6.18, capped at 5; talks 50 − 80.5 < 0: 0
		{"drones", sim.MethodDrones, false, false, false, 10, 10, 5000, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Params[sim.ParamLethalityRockets] = 5_000
			sc.Params[sim.ParamLethalityDrones] = 25_000
			sc.Params[sim.ParamInjuryRate] = 25_000
			sc.Initial.Talks = 50 * sim.Milli
			sc.Initial.Grievance[sim.TowardUSA] = 2000
			e := landAttack(t, sc, flTanf, c.method, c.claimed, func(st *sim.State) {
				st.Sites[flTanf].Hardened = c.hardened
				if c.evacuate {
					st.Sites[flTanf].EvacuatedTill = 5
				}
			})
			st := e.State()
			if st.Count[sim.MetricAttacksOnUS] != 1 || st.Count[sim.MetricUSCasualties] != c.killed || st.Count[sim.MetricUSInjured] != c.injured {
				t.Fatalf("%d attacks, %d killed, %d injured; want 1, %d, %d", st.Count[sim.MetricAttacksOnUS], st.Count[sim.MetricUSCasualties], st.Count[sim.MetricUSInjured], c.killed, c.injured)
			}
			if st.Escalation[sim.USAIran] != c.ladder || st.Talks != c.talks {
				t.Fatalf("US–Iran ladder %d, talks %d; want %d, %d", st.Escalation[sim.USAIran], st.Talks, c.ladder, c.talks)
			}
			if got := st.Grievance[sim.TowardUSA]; got != 1000 { // 2 − 0.5 × 2
				t.Fatalf("grievance toward the US %d after the attack, want 1000", got)
			}
		})
	}
}

// TestOracleAttackOnIsrael: an attack on an Israeli position discharges
// grievance_spent of the grievance toward Israel, raises the Israel–Iran
// ladder by 2 × escalation_per_attack, adds deterrence_per_response to
// Israel's deterrence, and every standing target becomes strikable for the
// next detect_window turns.
func TestOracleAttackOnIsrael(t *testing.T) {
	sc := flatland()
	sc.Initial.Grievance[sim.TowardIsrael] = 2000
	e := landAttack(t, sc, flGolan, sim.MethodRockets, false, func(st *sim.State) { st.Sites[flSAM].DisabledTill = 10 })
	st := e.State()
	for _, c := range []struct {
		name      string
		got, want int64
	}{
		{"attacks on Israel", st.Count[sim.MetricAttacksOnIsrael], 1},
		{"grievance toward Israel", st.Grievance[sim.TowardIsrael], 1000},  // 2 − 0.5 × 2
		{"Israel–Iran ladder", st.Escalation[sim.IsraelIran], 900},         // 5 × 0.18
		{"Israel's deterrence", st.Deterrence[sim.TowardIsrael], 150_000},  // 0 + 0.15
		{"US deterrence", st.Deterrence[sim.TowardUSA], 0},                 // unchanged
		{"depot strikable till", int64(st.Sites[flDepot].DetectedTill), 3}, // landed on turn 0: turns 1 … 0 + 3
		{"struck SAM not found", int64(st.Sites[flSAM].DetectedTill), -1},  // out of action
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
}

// TestOracleUSResponse: a US strike in answer adds deterrence_per_response
// to US deterrence, grievance_per_response to the grievance toward the US,
// escalation_per_response to the US–Iran ladder and puts the first standing
// militia site out of action for 30 days; a public blame adds half of
// deterrence_per_response, escalation_per_blame, and costs talks_loss_per_blame;
// an attack left without a strike (silence or a blame alone) adds
// grievance_per_silence (0.3 here) to the grievance toward the US.
func TestOracleUSResponse(t *testing.T) {
	for _, c := range []struct {
		name                                 string
		strike, blame                        bool
		deterrence, grievance, ladder, talks int64
		militiaTill                          int32
	}{
		// the attack alone (no deaths): ladder 0.18, talks 50 − 0.5 = 49.5, grievance 2 − 1 = 1,
		// + 0.3 unanswered = 1.3
		{"silence", false, false, 0, 1300, 180, 49_500, -1},
		// + 0.15 deterrence; grievance 1 + 0.5; ladder 0.18 + 0.2; militia out till 0 + 30 − 1
		{"strike", true, false, 150_000, 1500, 380, 49_500, 29},
		// + 0.15 / 2 deterrence; ladder 0.18 + 0.15; talks 49.5 − 3; grievance 1 + 0.3 (no strike)
		{"blame", false, true, 75_000, 1300, 330, 46_500, -1},
		// 0.15 + 0.075; ladder 0.18 + 0.2 + 0.15 = 0.53
		{"strike and blame", true, true, 225_000, 1500, 530, 46_500, 29},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Params[sim.ParamLethalityRockets] = 0
			sc.Params[sim.ParamInjuryRate] = 0
			sc.Params[sim.ParamGrievancePerSilence] = 300
			sc.Initial.Talks = 50 * sim.Milli
			sc.Initial.Grievance[sim.TowardUSA] = 2000
			e := sim.New(sc, 1)
			st := e.State()
			st.Attacks = append(st.Attacks, sim.Attack{ID: 900, Site: flTanf, Due: 0})
			st.NextID = 901
			if !advanceUntil(t, e, func() bool { _, ok := openDecision(e, sim.DecideAttackResponse); return ok }) {
				t.Fatal("no attack-response decision")
			}
			d, _ := openDecision(e, sim.DecideAttackResponse)
			mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderRespond, Decision: d.ID, Strike: c.strike, Blame: c.blame})
			playTurn(t, e)
			if st.Deterrence[sim.TowardUSA] != c.deterrence || st.Grievance[sim.TowardUSA] != c.grievance ||
				st.Escalation[sim.USAIran] != c.ladder || st.Talks != c.talks || st.Sites[flMilitia].DisabledTill != c.militiaTill {
				t.Fatalf("deterrence %d, grievance %d, ladder %d, talks %d, militia out till %d; want %d, %d, %d, %d, %d",
					st.Deterrence[sim.TowardUSA], st.Grievance[sim.TowardUSA], st.Escalation[sim.USAIran], st.Talks, st.Sites[flMilitia].DisabledTill,
					c.deterrence, c.grievance, c.ladder, c.talks, c.militiaTill)
			}
		})
	}
}

// TestOracleHazard: the attack hazard at a site is base × grievance ×
// complicity (retaliation_israel at Israeli positions) × proximity × (1 −
// deterrence) × (1 + ladder level with the site's owner), each product
// truncated to whole ppm in that order, capped at hazard_cap; a US site
// without troops is not exposed.
func TestOracleHazard(t *testing.T) {
	for _, c := range []struct {
		name                                    string
		site                                    int32
		base, grievance, complicity, deterrence int64
		ladder, want                            int64
	}{
		// 0.01 × 2 × 0.5 × 0.5 × (1 − 0.2) × (1 + 1.5) = 0.01
		{"US site", flTanf, 10_000, 2000, 500_000, 200_000, 1500, 10_000},
		// 0.5 × 10 × 1 × 0.5 × 1 × (1 + 1) = 5, capped at 0.2
		{"capped", flTanf, 500_000, 10_000, sim.Micro, 0, 1000, 200_000},
		// 0.01 × 3 × 0.03 (not the complicity 0.9) × 0.5 × (1 − 0.1) × (1 + 2) = 0.001215
		{"Israeli position", flGolan, 10_000, 3000, 900_000, 100_000, 2000, 1_215},
		// 10,000 × 0.333 = 3,330; × 0.5 = 1,665; × 0.5 = 832.5, truncated to 832
		{"truncation", flTanf, 10_000, 333, 500_000, 0, 0, 832},
		// full deterrence: 0
		{"full deterrence", flTanf, 10_000, 2000, 500_000, sim.Micro, 1500, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Params[sim.ParamRetaliationBase] = c.base
			sc.Params[sim.ParamHazardCap] = 200_000
			sc.Params[sim.ParamRetaliationIsrael] = 30_000
			e := sim.New(sc, 1)
			st := e.State()
			st.Grievance = [sim.NumAdversaries]int64{c.grievance, c.grievance}
			st.Deterrence = [sim.NumAdversaries]int64{c.deterrence, c.deterrence}
			st.Complicity = c.complicity
			st.Escalation[sim.USAIran], st.Escalation[sim.IsraelIran] = c.ladder, c.ladder
			if !e.Exposed(c.site) {
				t.Fatal("the site is not exposed")
			}
			if got := e.Hazard(c.site).Hazard; got != c.want {
				t.Fatalf("hazard %d ppm, want %d", got, c.want)
			}
		})
	}
	e := sim.New(flatland(), 1)
	e.State().Sites[flTanf].Troops = 0
	if e.Exposed(flTanf) {
		t.Fatal("a US site without troops is exposed")
	}
}

// TestOracleDraws: an expectation of n.f people is n, plus one with chance f.
func TestOracleDraws(t *testing.T) {
	rng := sim.NewPCG(1, 0)
	for _, c := range []struct{ expect, want int64 }{{0, 0}, {2_000_000, 2}, {7_000_000, 7}} {
		if got := sim.Draws(c.expect, &rng); got != c.want {
			t.Errorf("draws(%d) = %d, want %d", c.expect, got, c.want)
		}
	}
	// 2.5 people, 10,000 times: always 2 or 3, 3 about half the time (σ = √(10,000 × 0.25) = 50)
	threes := 0
	for range 10_000 {
		switch sim.Draws(2_500_000, &rng) {
		case 3:
			threes++
		case 2:
		default:
			t.Fatal("2.5 people drawn as neither 2 nor 3")
		}
	}
	if threes < 4_800 || threes > 5_200 {
		t.Fatalf("2.5 drawn as 3 in %d of 10,000 draws, want 5,000 ± 200", threes)
	}
}

// TestOracleTrustAnswers: a denial costs denial_trust_cost, a warning of a
// coming attack gains warning_trust_gain, both within 0..100.
func TestOracleTrustAnswers(t *testing.T) {
	for _, c := range []struct {
		name        string
		trust, want int64
	}{
		{"denial", 50_000, 48_500},         // 50 − 1.5
		{"denial at the bottom", 1_000, 0}, // 1 − 1.5 → 0
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Zones = []sim.Zone{zoneAt(sim.ZoneDeconfliction, sim.USA, sc)}
			e := sim.New(sc, 1)
			e.State().Trust = c.trust
			_, d := reviewRequest(t, e)
			mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderDeny, Decision: d.ID})
			if got := e.State().Trust; got != c.want {
				t.Fatalf("trust %d, want %d", got, c.want)
			}
		})
	}
	for _, c := range []struct {
		name        string
		trust, want int64
	}{
		{"warning", 50_000, 54_000},             // 50 + 4
		{"warning at the top", 98_000, 100_000}, // 98 + 4 → 100
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Params[sim.ParamDetectAttack] = sim.Micro
			e := sim.New(sc, 1)
			st := e.State()
			st.Trust = c.trust
			st.Attacks = append(st.Attacks, sim.Attack{ID: 900, Site: flTanf, Due: 1})
			st.NextID = 901
			if !advanceUntil(t, e, func() bool { _, ok := openDecision(e, sim.DecideWarning); return ok }) {
				t.Fatal("no warning decision")
			}
			d, _ := openDecision(e, sim.DecideWarning)
			mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderWarn, Decision: d.ID})
			if got := st.Trust; got != c.want {
				t.Fatalf("trust %d, want %d", got, c.want)
			}
		})
	}
}

// TestOracleRequestExpiry: a request raised on turn R and deferred on every
// turn expires on the review step of turn R + request_expiry.
func TestOracleRequestExpiry(t *testing.T) {
	sc := flatland()
	sc.Zones = []sim.Zone{zoneAt(sim.ZoneDeconfliction, sim.USA, sc)}
	sc.Params[sim.ParamRequestExpiry] = 3
	e := sim.New(sc, 1)
	orderStrike(t, e, flDepot, flSouth, sim.NoticeStandard)
	want := []int64{0, 0, 0, 1} // expired after turns 0, 1, 2, 3: raised on 0, expires on 0 + 3
	for turn, w := range want {
		playTurn(t, e) // the default answer defers
		if got := e.State().Count[sim.MetricExpired]; got != w {
			t.Fatalf("after turn %d: %d expired, want %d", turn, got, w)
		}
	}
	if got := e.State().Count[sim.MetricDeferred]; got != 3 {
		t.Fatalf("%d deferrals, want 3 (turns 0, 1, 2)", got)
	}
}

// diplomacyTurn plays turn 0 of flatland with the decays and recoveries at
// their defaults, from the state setup leaves.
func diplomacyTurn(t *testing.T, change func(*sim.Scenario), setup func(*sim.State)) *sim.State {
	t.Helper()
	sc := flatland()
	d := sim.DefaultParams()
	for _, p := range []sim.Param{sim.ParamGrievanceDecay, sim.ParamDeterrenceDecay, sim.ParamComplicityDecay,
		sim.ParamEscalationDecay, sim.ParamTrustRecovery, sim.ParamCounterISRate} {
		sc.Params[p] = d[p]
	}
	if change != nil {
		change(sc)
	}
	e := sim.New(sc, 1)
	setup(e.State())
	playTurn(t, e)
	return e.State()
}

// TestOracleDecay: each turn grievance loses grievance_decay of itself,
// deterrence deterrence_decay, complicity complicity_decay (each truncated
// to whole units), and each ladder falls by escalation_decay, not below 0.
func TestOracleDecay(t *testing.T) {
	st := diplomacyTurn(t, nil, func(st *sim.State) {
		st.Grievance = [sim.NumAdversaries]int64{2000, 1999}
		st.Deterrence = [sim.NumAdversaries]int64{500_000, 100_000}
		st.Complicity = 500_000
		st.Escalation = [sim.NumPairs]int64{1500, 5, 0}
		st.MaxEsc = st.Escalation
	})
	for _, c := range []struct {
		name      string
		got, want int64
	}{
		{"grievance toward Israel", st.Grievance[sim.TowardIsrael], 1960}, // 2 − 2 × 0.02 = 1.96
		{"grievance toward the US", st.Grievance[sim.TowardUSA], 1960},    // 1999 − ⌊1999 × 0.02 = 39.98⌋ = 1999 − 39
		{"Israel's deterrence", st.Deterrence[sim.TowardIsrael], 495_000}, // 0.5 − 0.5 × 0.01
		{"US deterrence", st.Deterrence[sim.TowardUSA], 99_000},           // 0.1 − 0.1 × 0.01
		{"complicity", st.Complicity, 499_000},                            // 0.5 − 0.5 × 0.002
		{"Israel–Iran ladder", st.Escalation[sim.IsraelIran], 1490},       // 1.5 − 0.01
		{"Israel–Russia ladder", st.Escalation[sim.IsraelRussia], 0},      // 0.005 − 0.01 → 0
		{"US–Iran ladder", st.Escalation[sim.USAIran], 0},                 // stays 0
		{"highest Israel–Iran level", st.MaxEsc[sim.IsraelIran], 1500},    // reached at the start of the turn
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
}

// TestOracleTrustRecovery: trust between 0 and its starting level (50 in
// flatland) regains trust_recovery a turn, never past the start; above the
// start, or at 0, it stays.
func TestOracleTrustRecovery(t *testing.T) {
	for _, c := range []struct{ trust, want int64 }{
		{40_000, 40_020}, // 40 + 0.02
		{49_990, 50_000}, // 49.99 + 0.02 → the start, 50
		{60_000, 60_000}, // above the start: no drift down
		{0, 0},           // at 0 the alliance has ruptured: no drift brings it back
	} {
		st := diplomacyTurn(t, nil, func(st *sim.State) { st.Trust = c.trust })
		if st.Trust != c.want {
			t.Errorf("trust %d after a turn from %d, want %d", st.Trust, c.trust, c.want)
		}
	}
}

// TestOracleTalks: open talks gain talks_rate a turn while the US–Iran
// ladder, after its decay this turn, is below 2, hold from 2 to below 3,
// lose talks_rate from 3; within 0..100; closed talks do not move.
func TestOracleTalks(t *testing.T) {
	for _, c := range []struct {
		name                string
		open                bool
		talks, ladder, want int64
	}{
		{"calm", true, 50_000, 1000, 50_150},           // 1 − 0.01 < 2: 50 + 0.15
		{"decays below 2", true, 50_000, 2005, 50_150}, // 2.005 − 0.01 = 1.995 < 2: 50 + 0.15
		{"at 2", true, 50_000, 2010, 50_000},           // 2.01 − 0.01 = 2: hold
		{"just below 3", true, 50_000, 3009, 50_000},   // 2.999: hold
		{"at 3", true, 50_000, 3010, 49_850},           // 3: 50 − 0.15
		{"near the top", true, 99_900, 0, 100_000},     // 99.9 + 0.15 → 100
		{"near the bottom", true, 100, 4000, 0},        // 0.1 − 0.15 → 0
		{"closed", false, 50_000, 0, 50_000},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := diplomacyTurn(t, nil, func(st *sim.State) {
				st.TalksOpen, st.Talks = c.open, c.talks
				st.Escalation[sim.USAIran], st.MaxEsc[sim.USAIran] = c.ladder, c.ladder
			})
			if st.Talks != c.want {
				t.Fatalf("talks %d, want %d", st.Talks, c.want)
			}
		})
	}
}

// TestOracleCounterIS: counter-IS progress gains counter_is_rate × the share
// of US troops present (not evacuated) a turn, within 0..100.
func TestOracleCounterIS(t *testing.T) {
	for _, c := range []struct {
		name       string
		evacuated  []int32
		troops     bool
		from, want int64
	}{
		{"all present", nil, true, 10_000, 10_100},                         // 10 + 0.1 × 500 / 500
		{"Al-Tanf evacuated", []int32{flTanf}, true, 10_000, 10_028},       // 40 + 100 = 140 of 500: 0.1 × 140 / 500 = 0.028
		{"both evacuated", []int32{flTanf, flTower}, true, 10_000, 10_010}, // 40 + 10 = 50 of 500: 0.01
		{"no US troops", nil, false, 10_000, 10_000},                       // nothing to advance
		{"near the top", nil, true, 99_950, 100_000},                       // 99.95 + 0.1 → 100
	} {
		t.Run(c.name, func(t *testing.T) {
			st := diplomacyTurn(t, nil, func(st *sim.State) {
				st.CounterIS = c.from
				for _, s := range c.evacuated {
					st.Sites[s].EvacuatedTill = 5
				}
				if !c.troops {
					st.Sites[flTanf].Troops, st.Sites[flTower].Troops = 0, 0
				}
			})
			if st.CounterIS != c.want {
				t.Fatalf("counter-IS %d, want %d", st.CounterIS, c.want)
			}
		})
	}
}

// TestOraclePrivateMessage: a private message removes private_message_effect
// of the perceived complicity and half that share of the grievance toward the US.
func TestOraclePrivateMessage(t *testing.T) {
	e := sim.New(flatland(), 1)
	st := e.State()
	st.Complicity, st.Grievance[sim.TowardUSA] = 500_000, 2000
	mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderPrivateMessage})
	if st.Complicity != 350_000 || st.Grievance[sim.TowardUSA] != 1700 { // 0.5 − 0.5 × 0.3; 2 − 2 × 0.15
		t.Fatalf("complicity %d, grievance toward the US %d; want 350000, 1700", st.Complicity, st.Grievance[sim.TowardUSA])
	}
}

// TestOracleOutcomes: at the end of each turn the run ends with the first
// of: us-drawn-in (the US–Iran ladder reached 5 during the turn),
// regional-war (Israel–Iran reached 5), alliance-rupture (trust at 0),
// completed (the last turn was played).
func TestOracleOutcomes(t *testing.T) {
	for _, c := range []struct {
		name                      string
		usIran, israelIran, trust int64
		turns                     int32
		want                      sim.Outcome
	}{
		{"both ladders at 5", 5000, 5000, 0, 100, sim.OutcomeUSDrawnIn},
		{"Israel–Iran at 5, trust 0", 0, 5000, 0, 100, sim.OutcomeRegionalWar},
		{"trust 0 on the last turn", 0, 0, 0, 1, sim.OutcomeAllianceRupture},
		{"last turn", 0, 0, 50_000, 1, sim.OutcomeCompleted},
		{"nothing", 4999, 4999, 50_000, 100, sim.OutcomeRunning},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Turns = c.turns
			e := sim.New(sc, 1)
			st := e.State()
			st.MaxEsc[sim.USAIran], st.MaxEsc[sim.IsraelIran], st.Trust = c.usIran, c.israelIran, c.trust
			playTurn(t, e)
			if e.Outcome() != c.want {
				t.Fatalf("outcome %s, want %s", e.Outcome(), c.want)
			}
		})
	}
	// a ladder that touched 5 and eased within the turn still counts
	sc := flatland()
	sc.Params[sim.ParamEscalationDecay] = 10
	e := sim.New(sc, 1)
	e.State().Escalation[sim.USAIran], e.State().MaxEsc[sim.USAIran] = 5000, 5000
	playTurn(t, e)
	if e.State().Escalation[sim.USAIran] != 4990 || e.Outcome() != sim.OutcomeUSDrawnIn { // 5 − 0.01 = 4.99
		t.Fatalf("ladder %d, outcome %s; want 4990, us-drawn-in", e.State().Escalation[sim.USAIran], e.Outcome())
	}
}

// TestOracleVerdicts: a role won if it met every objective, lost if it
// missed a required one or more than half of them, else drew; undecided
// objectives count as neither.
func TestOracleVerdicts(t *testing.T) {
	const met, missed, open = 1, 2, 0
	for _, c := range []struct {
		name     string
		states   []int
		required int // index of the required objective, or -1
		want     sim.Verdict
	}{
		{"all met", []int{met, met, met}, -1, sim.VerdictWon},
		{"one of three missed", []int{met, met, missed}, -1, sim.VerdictDraw},        // 1 × 2 > 3? no
		{"two of three missed", []int{met, missed, missed}, -1, sim.VerdictLost},     // 2 × 2 > 3
		{"two of four missed", []int{met, met, missed, missed}, -1, sim.VerdictDraw}, // 2 × 2 > 4? no
		{"a required one missed", []int{met, met, missed}, 2, sim.VerdictLost},
		{"a required one met", []int{met, met, missed}, 0, sim.VerdictDraw},
		{"undecided", []int{met, open, open}, -1, sim.VerdictDraw},
		{"no objectives", nil, -1, sim.VerdictDraw},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			for i := range c.states {
				sc.Objectives = append(sc.Objectives, sim.Objective{ID: string(rune('a' + i)), Role: sim.Israel, Metric: sim.MetricStrikes, Op: sim.OpAtLeast, Value: 1, Required: i == c.required})
			}
			e := sim.New(sc, 1)
			for i, s := range c.states {
				e.State().Objectives[i] = sim.ObjectiveState{Decided: s != open, Met: s == met}
			}
			if got := e.Verdict(sim.Israel); got != c.want {
				t.Fatalf("verdict %s, want %s", got, c.want)
			}
		})
	}
}

// TestOracleObjectivesDecidedEarly: an objective on a count that only grows
// (a counter or a highest ladder level) is decided as soon as it is met
// (at least) or missed (at most); any other waits for the end of the run.
func TestOracleObjectivesDecidedEarly(t *testing.T) {
	sc := flatland()
	sc.Turns = 3
	sc.Objectives = []sim.Objective{
		{ID: "strikes", Role: sim.Israel, Metric: sim.MetricStrikes, Op: sim.OpAtLeast, Value: 1},
		{ID: "deaths", Role: sim.USA, Metric: sim.MetricUSCasualties, Op: sim.OpAtMost, Value: 0},
		{ID: "ladder", Role: sim.USA, Metric: sim.MetricMaxEscalationUSIran, Op: sim.OpAtMost, Value: 1000},
		{ID: "trust", Role: sim.Israel, Metric: sim.MetricTrust, Op: sim.OpAtLeast, Value: 40 * sim.Milli},
		{ID: "talks", Role: sim.USA, Metric: sim.MetricTalksProgress, Op: sim.OpAtMost, Value: 10 * sim.Milli},
	}
	e := sim.New(sc, 1)
	st := e.State()
	st.Count[sim.MetricStrikes], st.Count[sim.MetricUSCasualties], st.MaxEsc[sim.USAIran] = 1, 1, 1500
	playTurn(t, e)
	want := []sim.ObjectiveState{
		{Decided: true, Met: true, Turn: 0},  // 1 ≥ 1 and strikes only grow
		{Decided: true, Met: false, Turn: 0}, // 1 > 0 and deaths only grow
		{Decided: true, Met: false, Turn: 0}, // highest level 1.5 > 1
		{}, {},                               // trust and talks can still move
	}
	for i, w := range want {
		if st.Objectives[i] != w {
			t.Errorf("after turn 0, %s: %+v, want %+v", sc.Objectives[i].ID, st.Objectives[i], w)
		}
	}
	playTurn(t, e)
	playTurn(t, e)
	if !e.Over() || st.Objectives[3] != (sim.ObjectiveState{Decided: true, Met: true, Turn: 2}) || st.Objectives[4] != (sim.ObjectiveState{Decided: true, Met: true, Turn: 2}) {
		t.Fatalf("at the end: over %v, trust %+v, talks %+v; want both decided and met on turn 2", e.Over(), st.Objectives[3], st.Objectives[4])
	}
}

// TestOracleWhenEventNextTurn: an event whose condition an attack makes true
// fires on the turn after the attack lands (events run first in a turn).
func TestOracleWhenEventNextTurn(t *testing.T) {
	sc := flatland()
	sc.Params[sim.ParamLethalityRockets], sc.Params[sim.ParamInjuryRate] = 0, 0
	sc.Events = []sim.Event{{ID: "vow", Day: -1, Cond: sim.Condition{Metric: sim.MetricAttacksOnUS, Op: sim.OpAtLeast, Value: 1},
		Effects: []sim.Effect{{Kind: sim.EffectTalks, Value: 10 * sim.Milli, Zone: -1}}}}
	e := landAttack(t, sc, flTanf, sim.MethodRockets, false, nil)
	st := e.State()
	if st.Count[sim.MetricAttacksOnUS] != 1 || st.Fired[0] {
		t.Fatalf("turn 0: %d attacks, event fired %v; want 1, false", st.Count[sim.MetricAttacksOnUS], st.Fired[0])
	}
	playTurn(t, e)
	if !st.Fired[0] || st.Talks != 10*sim.Milli { // 0 − 0.5 (the attack, clamped at 0) + 10
		t.Fatalf("turn 1: event fired %v, talks %d; want true, 10000", st.Fired[0], st.Talks)
	}
}

// TestOracleAttackLandsNextTurn: an attack Iran orders on turn T lands on turn T + 1.
func TestOracleAttackLandsNextTurn(t *testing.T) {
	sc := flatland()
	sc.Params[sim.ParamRetaliationBase], sc.Params[sim.ParamHazardCap] = sim.Micro, sim.Micro
	sc.Initial.Grievance[sim.TowardUSA], sc.Initial.Complicity, sc.Initial.Escalation[sim.USAIran] = 10*sim.Milli, sim.Micro, 1000
	sc.Params[sim.ParamLethalityRockets], sc.Params[sim.ParamInjuryRate] = 0, 0
	e := sim.New(sc, 1)
	// hazard at Al-Tanf: 1 × 10 × 1 × 0.5 × 1 × 2 = 10, capped at 1: Iran may strike on turn 0
	if !advanceUntil(t, e, func() bool { _, ok := openDecisionAbout(e, sim.DecideRetaliation, flTanf); return ok }) || e.Turn() != 0 {
		t.Fatal("no retaliation decision at Al-Tanf on turn 0")
	}
	d, _ := openDecisionAbout(e, sim.DecideRetaliation, flTanf)
	mustApply(t, e, sim.Iran, sim.Order{Kind: sim.OrderRetaliate, Decision: d.ID, Method: sim.MethodRockets})
	playTurn(t, e)
	if n := e.State().Count[sim.MetricAttacksOnUS]; n != 0 {
		t.Fatalf("%d attacks landed on the turn they were ordered, want 0", n)
	}
	playTurn(t, e)
	if n := e.State().Count[sim.MetricAttacksOnUS]; n != 1 {
		t.Fatalf("%d attacks landed on the next turn, want 1", n)
	}
}

// TestOracleDispatchSlip: a due dispatch slips a turn one time in five, so
// a corridor due every turn sends 0.8 shipments a turn.
func TestOracleDispatchSlip(t *testing.T) {
	sc := flatland()
	sc.EndDay = sc.StartDay + 999
	sc.Turns = 1000
	sc.Corridors[0].Interval, sc.Corridors[0].To = 1, sc.EndDay
	e := sim.New(sc, 1)
	for !e.Over() {
		playTurn(t, e)
	}
	// 1,000 turns × 0.8 = 800 sent, σ = √(1,000 × 0.2 × 0.8) ≈ 12.6
	if n := e.State().Count[sim.MetricShipmentsSent]; n < 750 || n > 850 {
		t.Fatalf("%d shipments sent in 1,000 turns, want 800 ± 50", n)
	}
}

// TestOracleEventEffects: an effect adds its value or sets the quantity to
// it, within the quantity's range.
func TestOracleEventEffects(t *testing.T) {
	for _, c := range []struct {
		name string
		ef   sim.Effect
		get  func(*sim.State) int64
		want int64
	}{
		{"trust add", sim.Effect{Kind: sim.EffectTrust, Value: 5 * sim.Milli}, func(st *sim.State) int64 { return st.Trust }, 55_000}, // 50 + 5
		{"trust set past 100", sim.Effect{Kind: sim.EffectTrust, Set: true, Value: 120 * sim.Milli}, func(st *sim.State) int64 { return st.Trust }, 100_000},
		{"grievance add below 0", sim.Effect{Kind: sim.EffectGrievance, Toward: sim.TowardUSA, Value: -5 * sim.Milli}, func(st *sim.State) int64 { return st.Grievance[sim.TowardUSA] }, 0}, // 2 − 5 → 0
		{"grievance set", sim.Effect{Kind: sim.EffectGrievance, Toward: sim.TowardIsrael, Set: true, Value: 3500}, func(st *sim.State) int64 { return st.Grievance[sim.TowardIsrael] }, 3500},
		{"complicity add past 1", sim.Effect{Kind: sim.EffectComplicity, Value: 700_000}, func(st *sim.State) int64 { return st.Complicity }, sim.Micro},   // 0.5 + 0.7 → 1
		{"air defence add past 5", sim.Effect{Kind: sim.EffectAirDefence, Value: 4 * sim.Milli}, func(st *sim.State) int64 { return st.AirDefence }, 5000}, // 2 + 4 → 5
		{"ladder set", sim.Effect{Kind: sim.EffectEscalation, Pair: sim.USAIran, Set: true, Value: 2500}, func(st *sim.State) int64 { return st.Escalation[sim.USAIran] }, 2500},
		{"talks add", sim.Effect{Kind: sim.EffectTalks, Value: 12 * sim.Milli}, func(st *sim.State) int64 { return st.Talks }, 22_000},                         // 10 + 12
		{"counter-IS set below 0", sim.Effect{Kind: sim.EffectCounterIS, Set: true, Value: -1}, func(st *sim.State) int64 { return st.CounterIS }, 0},          // → 0
		{"troops add below 0", sim.Effect{Kind: sim.EffectTroops, Site: flTanf, Value: -500}, func(st *sim.State) int64 { return st.Sites[flTanf].Troops }, 0}, // 400 − 500 → 0
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Initial.Grievance = [sim.NumAdversaries]int64{2000, 2000}
			sc.Initial.Complicity, sc.Initial.Talks, sc.Initial.CounterIS = 500_000, 10*sim.Milli, 10*sim.Milli
			c.ef.Zone = -1
			sc.Events = []sim.Event{{ID: "e", Day: sc.StartDay, Effects: []sim.Effect{c.ef}}}
			e := sim.New(sc, 1)
			playTurn(t, e)
			if got := c.get(e.State()); got != c.want {
				t.Fatalf("%d, want %d", got, c.want)
			}
		})
	}
}

// TestOracleDelivery: a shipment moves `speed` metres a turn and, on
// reaching its last stop, adds its size to Hezbollah's arsenal.
func TestOracleDelivery(t *testing.T) {
	sc := flatland()
	sc.Initial.Arsenal = 1000
	e := sim.New(sc, 1)
	addShipment(e, 450*km, 100, 2, -1) // past the depot, 150 km from the last stop at 600 km
	playTurn(t, e)
	if st := e.State(); len(st.Shipments) != 1 || st.Shipments[0].Dist != 550*km { // 450 + 100
		t.Fatalf("after one turn: %+v, want one shipment at 550 km", st.Shipments)
	}
	playTurn(t, e)
	st := e.State()
	if len(st.Shipments) != 0 || st.Arsenal != 1100 || st.Count[sim.MetricWeaponsDelivered] != 100 { // 550 + 100 ≥ 600: 1000 + 100
		t.Fatalf("after two turns: %d shipments, arsenal %d, %d delivered; want 0, 1100, 100", len(st.Shipments), st.Arsenal, st.Count[sim.MetricWeaponsDelivered])
	}
}

// TestOracleReviewReasons: a route reaches a target within its reach of its
// last waypoint; a target within standoff_km of a manned US site needs review.
func TestOracleReviewReasons(t *testing.T) {
	for _, c := range []struct {
		name          string
		route, target int32
		standoff      int64
		reach, review bool
	}{
		{"direct to the depot", flDirect, flDepot, 30 * km, true, false}, // (0,0) to (300,0): 300 ≤ 400 km
		{"south to the SAM", flSouth, flSAM, 30 * km, false, false},      // (300,−200) to (100,0): √(200² + 200²) ≈ 283 > 250 km
		{"south to the depot", flSouth, flDepot, 30 * km, true, false},   // (300,−200) to (300,0): 200 ≤ 250 km
		{"standoff 425 km", flDirect, flDepot, 425 * km, true, true},     // depot to Al-Tanf: √(300² + 300²) ≈ 424.3 ≤ 425 km
		{"standoff 424 km", flDirect, flDepot, 424 * km, true, false},    // 424.3 > 424 km
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Params[sim.ParamStandoffKm] = c.standoff
			e := sim.New(sc, 1)
			a := e.Assess(c.route, sc.Sites[c.target].Pos)
			if a.Reach != c.reach || (a.Reasons&sim.ReasonStandoff != 0) != c.review {
				t.Fatalf("reach %v, reasons %v; want reach %v, stand-off review %v", a.Reach, a.Reasons.Strings(), c.reach, c.review)
			}
		})
	}
}

// TestOracleCondition: a mission that complies with a condition takes the
// other route (its exposure worked out again) and flies delay turns later.
func TestOracleCondition(t *testing.T) {
	sc := flatland()
	sc.Zones = []sim.Zone{zoneAt(sim.ZoneDeconfliction, sim.USA, sc)}
	e := sim.New(sc, 1)
	id, d := reviewRequest(t, e)
	mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderCondition, Decision: d.ID, Route: flDirect, Delay: 2})
	e.Advance()
	r, ok := openDecision(e, sim.DecideResponse)
	if !ok {
		t.Fatal("no response decision")
	}
	mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderComply, Decision: r.ID})
	var m sim.Mission
	for _, x := range e.State().Missions {
		if x.ID == id {
			m = x
		}
	}
	if m.Route != flDirect || m.Exposure != 100_000 || m.FlyTurn != 2 { // the direct route: 100 km of full cover; 0 + 2
		t.Fatalf("route %d, exposure %d, flies on turn %d; want %d, 100000, 2", m.Route, m.Exposure, m.FlyTurn, flDirect)
	}
	for turn := range 3 {
		playTurn(t, e)
		if want := int64(max(0, turn-1)); e.State().Count[sim.MetricStrikes] != want { // flown on turn 2
			t.Fatalf("after turn %d: %d strikes, want %d", turn, e.State().Count[sim.MetricStrikes], want)
		}
	}
}

// TestOracleEvacuation: an evacuation ordered on turn T holds through turn
// T + evacuation_turns.
func TestOracleEvacuation(t *testing.T) {
	sc := flatland()
	sc.Params[sim.ParamEvacuationTurns] = 5
	e := sim.New(sc, 1)
	mustApply(t, e, sim.USA, sim.Order{Kind: sim.OrderEvacuate, Site: flTanf})
	if got := e.State().Sites[flTanf].EvacuatedTill; got != 5 { // 0 + 5
		t.Fatalf("evacuated till turn %d, want 5", got)
	}
	if got := e.Present(flTanf); got != 40 { // 400 / 10
		t.Fatalf("%d troops present, want 40", got)
	}
}

// TestOracleSkippedReview: a strike that needs review but is flown without
// it is a violation; it costs counter-IS only in a US operation area.
func TestOracleSkippedReview(t *testing.T) {
	for _, c := range []struct {
		name             string
		kind             sim.ZoneKind
		trust, counterIS int64
	}{
		{"deconfliction zone", sim.ZoneDeconfliction, 42_000, 10_000}, // 50 − 8; counter-IS unchanged
		{"operation area", sim.ZoneOperation, 42_000, 8_000},          // 50 − 8; 10 − 2
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := flatland()
			sc.Zones = []sim.Zone{zoneAt(c.kind, sim.USA, sc)}
			sc.Params[sim.ParamViolationDiscovery] = sim.Micro
			sc.Initial.CounterIS = 10 * sim.Milli
			e := sim.New(sc, 1)
			e.State().Sites[flDepot].DetectedTill = 1 << 30
			e.Advance()
			d, _ := openDecision(e, sim.DecidePlan)
			mustApply(t, e, sim.Israel, sim.Order{Kind: sim.OrderStrike, Decision: d.ID, Target: sim.Target{Kind: sim.TargetSite, ID: flDepot},
				Route: flSouth, Package: sim.PackageLarge, Notice: sim.NoticeStandard, SkipReview: true})
			playTurn(t, e)
			st := e.State()
			if st.Count[sim.MetricRequests] != 0 || st.Count[sim.MetricViolations] != 1 || st.Count[sim.MetricStrikes] != 1 {
				t.Fatalf("%d requests, %d violations, %d strikes; want 0, 1, 1", st.Count[sim.MetricRequests], st.Count[sim.MetricViolations], st.Count[sim.MetricStrikes])
			}
			if st.Trust != c.trust || st.CounterIS != c.counterIS {
				t.Fatalf("trust %d, counter-IS %d; want %d, %d", st.Trust, st.CounterIS, c.trust, c.counterIS)
			}
		})
	}
}

// TestOracleEstimates: actors other than Iran see perceived complicity to
// the nearest 0.05 and grievance to the nearest 0.1 (halves round up); Iran
// sees them exactly.
func TestOracleEstimates(t *testing.T) {
	for _, c := range []struct {
		complicity, grievance int64
		wantC, wantG          int64
	}{
		{374_999, 1249, 350_000, 1200}, // 0.374999 → 0.35; 1.249 → 1.2
		{375_000, 1250, 400_000, 1300}, // 0.375 → 0.40; 1.25 → 1.3
	} {
		e := sim.New(flatland(), 1)
		st := e.State()
		st.Complicity, st.Grievance = c.complicity, [sim.NumAdversaries]int64{c.grievance, c.grievance}
		var us, iran sim.Observation
		e.Observe(sim.USA, &us)
		e.Observe(sim.Iran, &iran)
		if us.Complicity != c.wantC || us.Grievance[sim.TowardIsrael] != c.wantG || us.Grievance[sim.TowardUSA] != c.wantG {
			t.Errorf("the US sees complicity %d, grievance %v; want %d, %d", us.Complicity, us.Grievance, c.wantC, c.wantG)
		}
		if iran.Complicity != c.complicity || iran.Grievance[sim.TowardUSA] != c.grievance || iran.Trust != -1 {
			t.Errorf("Iran sees complicity %d, grievance %v, trust %d; want %d, %d, -1", iran.Complicity, iran.Grievance, iran.Trust, c.complicity, c.grievance)
		}
	}
}

// TestOracleResponsePreviewShowsTheDeathBranch: a US response's preview also
// shows where the talks and the US–Iran ladder stand should the next attack
// kill one, not only the expected hazard. In flatland after an attack that
// killed no one (talks 49.5, ladder 0.18), a strike and a public blame leave
// the ladder at 0.18 + 0.2 + 0.15 = 0.53 and the talks at 49.5 − 3 = 46.5;
// an attack that kills one then adds escalation_per_attack + 1 ×
// escalation_per_death = 0.18 + 0.6 (ladder 1.31) and costs
// talks_loss_per_attack + 1 × talks_loss_per_death = 0.5 + 8 (talks 38.0).
func TestOracleResponsePreviewShowsTheDeathBranch(t *testing.T) {
	sc := flatland()
	sc.Params[sim.ParamLethalityRockets] = 0
	sc.Params[sim.ParamInjuryRate] = 0
	sc.Initial.Talks = 50 * sim.Milli
	sc.Initial.Grievance[sim.TowardUSA] = 2000
	e := sim.New(sc, 1)
	st := e.State()
	st.Attacks = append(st.Attacks, sim.Attack{ID: 900, Site: flTanf, Due: 0})
	st.NextID = 901
	if !advanceUntil(t, e, func() bool { _, ok := openDecision(e, sim.DecideAttackResponse); return ok }) {
		t.Fatal("no attack-response decision")
	}
	d, _ := openDecision(e, sim.DecideAttackResponse)
	p, err := e.Preview(sim.USA, sim.Order{Kind: sim.OrderRespond, Decision: d.ID, Strike: true, Blame: true})
	if err != nil {
		t.Fatal(err)
	}
	// keyed by label and when: the branch lines share their labels
	want := map[[2]string][2]int64{
		{"talks progress", ""}:                                             {49_500, 46_500},
		{sim.USAIran.String() + " ladder", ""}:                             {180, 530},
		{"talks progress", "if the next attack kills one"}:                 {49_500, 38_000},
		{sim.USAIran.String() + " ladder", "if the next attack kills one"}: {180, 1310},
	}
	for _, l := range p.Lines {
		k := [2]string{l.Label, l.When}
		if w, ok := want[k]; ok {
			if l.Before != w[0] || l.After != w[1] {
				t.Errorf("%s %s: %d → %d, want %d → %d", l.Label, l.When, l.Before, l.After, w[0], w[1])
			}
			delete(want, k)
		}
	}
	if len(want) != 0 {
		t.Errorf("lines missing from the preview: %v (have %+v)", want, p.Lines)
	}
}
