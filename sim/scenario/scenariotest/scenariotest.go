// Package scenariotest generates random valid scenario files for property
// tests: of the loader (every generated file loads, and its canonical form
// loads back to the same scenario) and of the engine (no panic, determinism
// and invariants on many different scenarios).
package scenariotest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"pgregory.net/rapid"
)

// Valid generates the text of a random valid scenario: 2–6 sites of mixed
// kinds and owners (always a US garrison and an Iranian depot), up to three
// zones of each kind as circles or polygons, 1–3 routes, up to two
// corridors, up to four events with assorted effects, up to four objectives,
// random [initial] values, [params] and AI policies, with optional keys left
// out at random.
func Valid() *rapid.Generator[[]byte] {
	return rapid.Custom(func(t *rapid.T) []byte {
		g := &gen{t: t}
		g.scenario()
		return []byte(g.b.String())
	})
}

type gen struct {
	t        *rapid.T
	b        strings.Builder
	start    int32
	end      int32
	sites    []string
	owners   []sim.Actor
	halts    []string
	corridor []string
}

func (g *gen) line(format string, args ...any) {
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

func (g *gen) maybe(label string) bool { return rapid.Bool().Draw(g.t, label) }

// fixed draws an integer in [lo, hi] and prints it as a decimal of the scale.
func (g *gen) fixed(label string, lo, hi, scale int64) string {
	return decimal(rapid.Int64Range(lo, hi).Draw(g.t, label), scale)
}

// decimal prints v/scale exactly.
func decimal(v, scale int64) string {
	if scale == 1 {
		return strconv.FormatInt(v, 10)
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	digits := len(strconv.FormatInt(scale, 10)) - 1
	frac := strings.TrimRight(fmt.Sprintf("%0*d", digits, v%scale), "0")
	if frac == "" {
		return sign + strconv.FormatInt(v/scale, 10)
	}
	return sign + strconv.FormatInt(v/scale, 10) + "." + frac
}

func (g *gen) date(label string, lo, hi int32) string {
	return sim.FormatDay(rapid.Int32Range(lo, hi).Draw(g.t, label))
}

// coords draws a latitude and longitude inside the map box.
func (g *gen) coords(label string) (lat, lon int64) {
	lat = rapid.Int64Range(28_000_000, 39_000_000).Draw(g.t, label+"-lat")
	lon = rapid.Int64Range(32_000_000, 45_000_000).Draw(g.t, label+"-lon")
	if g.maybe(label + "-round") { // most authors write few decimals
		lat, lon = lat/10_000*10_000, lon/10_000*10_000
	}
	return lat, lon
}

func (g *gen) scenario() {
	g.start = rapid.Int32Range(sim.DayNumber(2017, 1, 1), sim.DayNumber(2022, 1, 1)).Draw(g.t, "start")
	g.end = g.start + rapid.Int32Range(0, 400).Draw(g.t, "span")
	if g.maybe("comment") {
		g.line("# generated scenario")
	}
	g.line("[scenario]")
	g.line(`id = "gen-%d"`, rapid.IntRange(0, 999).Draw(g.t, "id"))
	g.line(`name = "Generated scenario"`)
	g.line(`description = "A random valid scenario."`)
	g.line("start = %s", sim.FormatDay(g.start))
	g.line("end = %s", sim.FormatDay(g.end))
	g.line("turn = %q", rapid.SampledFrom([]string{"1h", "2h", "3h", "4h", "6h", "8h", "12h", "24h", "1d"}).Draw(g.t, "turn"))
	if g.maybe("role") {
		g.line(`default_role = %q`, rapid.SampledFrom([]string{"israel", "usa", "iran"}).Draw(g.t, "default role"))
	}
	if g.maybe("briefing") {
		g.line("[scenario.briefing]")
		g.line(`usa = "Keep the garrison safe.\nKeep the talks alive."`)
	}
	g.initial()
	g.params()
	g.sitesTable()
	g.actors()
	g.zones()
	g.routes()
	g.corridors()
	g.events()
	g.objectives()
}

func (g *gen) initial() {
	if !g.maybe("initial") {
		return
	}
	g.line("\n[initial]")
	if g.maybe("escalation") {
		g.line("escalation = { usa-iran = %s, israel-iran = %s }", g.fixed("esc-ui", 0, 5000, sim.Milli), g.fixed("esc-ii", 0, 5000, sim.Milli))
	}
	if g.maybe("trust-table") {
		g.line("trust = { israel-usa = %s }", g.fixed("trust", 0, 100_000, sim.Milli))
	} else if g.maybe("trust") {
		g.line("trust = %s", g.fixed("trust", 0, 100_000, sim.Milli))
	}
	if g.maybe("complicity") {
		g.line("complicity = %s", g.fixed("complicity", 0, sim.Micro, sim.Micro))
	}
	if g.maybe("grievance") {
		g.line("grievance = { israel = %s, usa = %s }", g.fixed("g-il", 0, 100_000, sim.Milli), g.fixed("g-us", 0, 100_000, sim.Milli))
	}
	g.line("talks = %s", g.fixed("talks", 0, 100_000, sim.Milli))
	g.line("talks_open = %t", g.maybe("talks open"))
	g.line("air_defence = %s", g.fixed("ad", 0, 5000, sim.Milli))
	g.line("arsenal = %d", rapid.Int64Range(0, 1_000_000).Draw(g.t, "arsenal"))
	g.line("counter_is = %s", g.fixed("cis", 0, 100_000, sim.Milli))
}

// value draws a value inside a parameter's range, printed exactly.
func (g *gen) value(label string, s sim.ParamSpec) string {
	scale := s.Unit.Scale()
	lo, hi := sim.FixedFromFloat(s.Min, s.Unit), sim.FixedFromFloat(s.Max, s.Unit)
	return g.fixed(label, lo, hi, scale)
}

func (g *gen) params() {
	specs := sim.ParamSpecs()
	n := rapid.IntRange(0, 6).Draw(g.t, "params")
	if n == 0 {
		return
	}
	g.line("\n[params]")
	seen := map[string]bool{}
	for i := range n {
		s := specs[rapid.IntRange(0, len(specs)-1).Draw(g.t, fmt.Sprintf("param-%d", i))]
		if seen[s.Key] {
			continue
		}
		seen[s.Key] = true
		g.line("%s = %s", s.Key, g.value(s.Key, s))
	}
}

func (g *gen) sitesTable() {
	n := rapid.IntRange(2, 6).Draw(g.t, "sites")
	kinds := sim.SiteKindIDs()
	for i := range n {
		kind, owner := "garrison", sim.USA
		switch i {
		case 0:
		case 1:
			kind, owner = "depot", sim.Iran
		default:
			kind = rapid.SampledFrom(kinds).Draw(g.t, "kind")
			owner = sim.Actor(rapid.IntRange(0, int(sim.NumActors)-1).Draw(g.t, "owner"))
		}
		id := fmt.Sprintf("site-%d", i)
		g.sites = append(g.sites, id)
		g.owners = append(g.owners, owner)
		lat, lon := g.coords(id)
		g.line("\n[[site]]")
		g.line("id = %q", id)
		g.line("name = %q", "Site "+strconv.Itoa(i))
		g.line("kind = %q", kind)
		g.line("owner = %q", owner)
		g.line("lat = %s", decimal(lat, sim.Micro))
		g.line("lon = %s", decimal(lon, sim.Micro))
		if g.maybe("troops") {
			g.line("troops = %d", rapid.Int64Range(0, 5000).Draw(g.t, "troops"))
		}
		if g.maybe("value") {
			g.line("value = %s", g.fixed("value", 0, 10_000, sim.Milli))
		}
		g.line("hardness = %s", g.fixed("hardness", 0, sim.Micro, sim.Micro))
		g.line("proximity = %s", g.fixed("proximity", 0, sim.Micro, sim.Micro))
		if g.maybe("air defence") {
			g.line("ad_range_km = %s", g.fixed("ad range", 1, 1_000_000, 1000))
			g.line("ad_strength = %s", g.fixed("ad strength", 1, sim.Micro, sim.Micro))
		}
		g.line("target = %t", g.maybe("target"))
	}
}

func (g *gen) actors() {
	for _, a := range []sim.Actor{sim.Israel, sim.USA, sim.Iran} {
		if !g.maybe("list " + a.String()) {
			continue
		}
		g.line("\n[[actor]]")
		g.line("id = %q", a)
		names := ai.Names(a)
		if len(names) == 0 {
			continue
		}
		policy := ai.Default(a)
		if g.maybe("policy " + a.String()) {
			policy = rapid.SampledFrom(names).Draw(g.t, "policy")
			g.line("policy = %q", policy)
		}
		spec, _ := ai.Lookup(a, policy)
		if len(spec.Params) == 0 || !g.maybe("params "+a.String()) {
			continue
		}
		g.line("[actor.params]")
		for _, p := range spec.Params {
			if g.maybe(p.Key) {
				g.line("%s = %s", p.Key, g.value(p.Key, p))
			}
		}
	}
	for _, a := range []sim.Actor{sim.Russia, sim.Hezbollah, sim.Turkey} {
		switch {
		case slices.Contains(g.owners, a) || !g.maybe("list "+a.String()):
		case g.maybe("absent " + a.String()):
			g.line("\n[[actor]]\nid = %q\npresent = false", a)
		default:
			g.line("\n[[actor]]\nid = %q", a)
		}
	}
}

// center writes a circle's centre: a site id or coordinates.
func (g *gen) center(label string) string {
	if g.maybe(label + "-at-site") {
		return strconv.Quote(rapid.SampledFrom(g.sites).Draw(g.t, label+"-site"))
	}
	lat, lon := g.coords(label)
	return fmt.Sprintf("{ lat = %s, lon = %s }", decimal(lat, sim.Micro), decimal(lon, sim.Micro))
}

// polygon writes a ring of 3–6 points around a random centre; the first
// three points form a triangle, so the ring always has an area.
func (g *gen) polygon(label string) string {
	lat := rapid.Int64Range(29_000_000, 38_000_000).Draw(g.t, label+"-lat")
	lon := rapid.Int64Range(33_000_000, 44_000_000).Draw(g.t, label+"-lon")
	d := rapid.Int64Range(50_000, 1_000_000).Draw(g.t, label+"-size")
	pts := [][2]int64{{lat - d, lon - d}, {lat - d, lon + d}, {lat + d, lon}}
	for i := range rapid.IntRange(0, 3).Draw(g.t, label+"-extra") {
		pts = append(pts, [2]int64{
			rapid.Int64Range(lat-d, lat+d).Draw(g.t, fmt.Sprintf("%s-%d-lat", label, i)),
			rapid.Int64Range(lon-d, lon+d).Draw(g.t, fmt.Sprintf("%s-%d-lon", label, i)),
		})
	}
	parts := make([]string, len(pts))
	for i, p := range pts {
		parts[i] = fmt.Sprintf("[%s, %s]", decimal(p[0], sim.Micro), decimal(p[1], sim.Micro))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// window writes from and to (to ≥ from), each optional.
func (g *gen) window(label string) {
	from := rapid.Int32Range(g.start-30, g.end).Draw(g.t, label+"-from")
	to := rapid.Int32Range(from, g.end+30).Draw(g.t, label+"-to")
	if g.maybe(label + "-has-from") {
		g.line("from = %s", sim.FormatDay(from))
		if g.maybe(label + "-has-to") {
			g.line("to = %s", sim.FormatDay(to))
		}
	}
}

func (g *gen) zones() {
	for _, kind := range sim.ZoneKindIDs() {
		for i := range rapid.IntRange(0, 3).Draw(g.t, kind+"-zones") {
			id := fmt.Sprintf("%s-%d", kind, i)
			if kind == "halt" {
				g.halts = append(g.halts, id)
			}
			owner := sim.USA
			if kind == "russia" {
				owner = sim.Russia
			}
			g.line("\n[[zone]]")
			g.line("id = %q", id)
			g.line("name = %q", "Zone "+id)
			g.line("kind = %q", kind)
			g.line("owner = %q", owner)
			if g.maybe(id + "-polygon") {
				g.line("polygon = %s", g.polygon(id))
			} else {
				g.line("center = %s", g.center(id))
				g.line("radius_km = %s", g.fixed(id+"-radius", 1, 1_000_000, 1000))
			}
			g.window(id)
		}
	}
}

func (g *gen) routes() {
	for i := range rapid.IntRange(1, 3).Draw(g.t, "routes") {
		id := fmt.Sprintf("route-%d", i)
		n := rapid.IntRange(2, 5).Draw(g.t, id+"-points")
		pts := make([]string, n)
		var lat0 int64
		for j := range pts {
			lat, lon := g.coords(fmt.Sprintf("%s-%d", id, j))
			switch {
			case j == 0:
				lat0 = lat
			case j == 1 && lat0 < 38_000_000: // half a degree apart, so the route has a length
				lat = lat0 + 500_000
			case j == 1:
				lat = lat0 - 500_000
			}
			pts[j] = fmt.Sprintf("[%s, %s]", decimal(lat, sim.Micro), decimal(lon, sim.Micro))
		}
		g.line("\n[[route]]")
		g.line("id = %q", id)
		g.line("name = %q", "Route "+strconv.Itoa(i))
		if g.maybe(id + "-description") {
			g.line(`description = "A way in."`)
		}
		g.line("path = [%s]", strings.Join(pts, ", "))
		g.line("reach_km = %s", g.fixed(id+"-reach", 1, 2_000_000, 1000))
	}
}

func (g *gen) corridors() {
	for i := range rapid.IntRange(0, 2).Draw(g.t, "corridors") {
		id := fmt.Sprintf("corridor-%d", i)
		g.corridor = append(g.corridor, id)
		order := rapid.Permutation(g.sites).Draw(g.t, id+"-order")
		stops := order[:rapid.IntRange(2, len(order)).Draw(g.t, id+"-stops")]
		quoted := make([]string, len(stops))
		for j, s := range stops {
			quoted[j] = strconv.Quote(s)
		}
		g.line("\n[[corridor]]")
		g.line("id = %q", id)
		g.line("name = %q", "Corridor "+strconv.Itoa(i))
		g.line("stops = [%s]", strings.Join(quoted, ", "))
		g.line("speed_km = %s", g.fixed(id+"-speed", 1, 1_000_000, 1000))
		g.line("interval = %d", rapid.Int64Range(1, 30).Draw(g.t, id+"-interval"))
		g.line("size = %d", rapid.Int64Range(1, 500).Draw(g.t, id+"-size"))
		if g.maybe(id + "-dwell") {
			g.line("dwell = %d", rapid.Int64Range(0, 5).Draw(g.t, id+"-dwell"))
		}
		g.window(id)
	}
}

// metric draws a metric and a threshold in its reported unit.
func (g *gen) metric(label string) (string, string) {
	specs := sim.MetricSpecs()
	s := specs[rapid.IntRange(0, len(specs)-1).Draw(g.t, label+"-metric")]
	return s.Key, g.fixed(label+"-value", 0, 100*s.Scale, s.Scale)
}

func (g *gen) effect(label string) string {
	addSet := func(scale, limit int64) string {
		if g.maybe(label + "-set") {
			return "set = " + g.fixed(label+"-v", 0, limit, scale)
		}
		return "add = " + g.fixed(label+"-v", -limit, limit, scale)
	}
	kinds := []string{"grievance", "complicity", "trust", "escalation", "talks", "talks_open", "air_defence", "troops", "halt", "counter_is", "param"}
	if len(g.corridor) > 0 {
		kinds = append(kinds, "corridor")
	}
	switch k := rapid.SampledFrom(kinds).Draw(g.t, label+"-kind"); k {
	case "grievance":
		toward := rapid.SampledFrom([]string{"israel", "usa"}).Draw(g.t, label+"-toward")
		return fmt.Sprintf(`{ grievance = { actor = "iran", toward = %q, %s } }`, toward, addSet(sim.Milli, 100_000))
	case "complicity":
		return "{ complicity = { " + addSet(sim.Micro, sim.Micro) + " } }"
	case "escalation":
		pair := rapid.SampledFrom(sim.PairIDs()).Draw(g.t, label+"-pair")
		return fmt.Sprintf(`{ escalation = { pair = %q, %s } }`, pair, addSet(sim.Milli, 5000))
	case "talks_open":
		return fmt.Sprintf("{ talks_open = %t }", g.maybe(label+"-open"))
	case "air_defence":
		return "{ air_defence = { " + addSet(sim.Milli, 5000) + " } }"
	case "troops":
		site := rapid.SampledFrom(g.sites).Draw(g.t, label+"-site")
		return fmt.Sprintf(`{ troops = { site = %q, %s } }`, site, addSet(1, 1000))
	case "halt":
		days := rapid.IntRange(1, 30).Draw(g.t, label+"-days")
		if len(g.halts) > 0 && g.maybe(label+"-zone") {
			return fmt.Sprintf(`{ halt = { zone = %q, days = %d } }`, rapid.SampledFrom(g.halts).Draw(g.t, label+"-halt"), days)
		}
		return fmt.Sprintf(`{ halt = { center = %s, radius_km = %s, days = %d } }`, g.center(label), g.fixed(label+"-r", 1, 500_000, 1000), days)
	case "param":
		specs := sim.ParamSpecs()
		s := specs[rapid.IntRange(0, len(specs)-1).Draw(g.t, label+"-param")]
		if g.maybe(label + "-set") {
			return fmt.Sprintf(`{ param = { key = %q, set = %s } }`, s.Key, g.value(label+"-v", s))
		}
		width := sim.FixedFromFloat(s.Max-s.Min, s.Unit)
		return fmt.Sprintf(`{ param = { key = %q, add = %s } }`, s.Key, g.fixed(label+"-v", -width, width, s.Unit.Scale()))
	case "corridor":
		c := rapid.SampledFrom(g.corridor).Draw(g.t, label+"-corridor")
		return fmt.Sprintf(`{ corridor = { corridor = %q, interval = %d } }`, c, rapid.IntRange(0, 20).Draw(g.t, label+"-interval"))
	default: // trust, talks, counter_is
		return "{ " + k + " = { " + addSet(sim.Milli, 100_000) + " } }"
	}
}

func (g *gen) events() {
	for i := range rapid.IntRange(0, 4).Draw(g.t, "events") {
		id := fmt.Sprintf("event-%d", i)
		g.line("\n[[event]]")
		g.line("id = %q", id)
		if g.maybe(id + "-dated") {
			g.line("at = %s", g.date(id+"-at", g.start, g.end))
		} else {
			m, v := g.metric(id)
			op := rapid.SampledFrom([]string{">=", "<="}).Draw(g.t, id+"-op")
			g.line("when = { metric = %q, op = %q, value = %s }", m, op, v)
		}
		effects := make([]string, rapid.IntRange(1, 3).Draw(g.t, id+"-effects"))
		for j := range effects {
			effects[j] = g.effect(fmt.Sprintf("%s-%d", id, j))
		}
		g.line("effects = [ %s ]", strings.Join(effects, ", "))
		g.line(`log = "Something happens."`)
	}
}

func (g *gen) objectives() {
	for i := range rapid.IntRange(0, 4).Draw(g.t, "objectives") {
		id := fmt.Sprintf("objective-%d", i)
		m, v := g.metric(id)
		g.line("\n[[objective]]")
		g.line("id = %q", id)
		g.line("role = %q", rapid.SampledFrom([]string{"israel", "usa", "iran"}).Draw(g.t, id+"-role"))
		g.line("metric = %q", m)
		g.line("op = %q", rapid.SampledFrom([]string{">=", "<="}).Draw(g.t, id+"-op"))
		g.line("value = %s", v)
		if g.maybe(id + "-required") {
			g.line("required = true")
		}
		g.line(`text = "Reach the goal."`)
	}
}
