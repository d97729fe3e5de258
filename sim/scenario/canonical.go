package scenario

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/geo"
)

// Canonical writes a compiled scenario as TOML in one fixed form: tables and
// keys in a fixed order, entities sorted by id, every value explicit
// (defaults included) and every number printed exactly from its fixed-point
// integer. Loading the text gives back an identical Scenario, so the text,
// and its Hash, identify the scenario whatever the order, comments and
// defaults of the file it came from.
func Canonical(sc *sim.Scenario) []byte {
	w := &writer{sc: sc, siteAt: make(map[geo.Point]string, len(sc.Sites))}
	for i := len(sc.Sites) - 1; i >= 0; i-- {
		w.siteAt[sc.Sites[i].Pos] = sc.Sites[i].ID
	}
	w.scenario()
	w.initial()
	w.params()
	w.actors()
	w.sites()
	w.zones()
	w.routes()
	w.corridors()
	w.events()
	w.objectives()
	return w.buf.Bytes()
}

// Hash is the scenario hash: the lowercase hex SHA-256 of Canonical(sc).
func Hash(sc *sim.Scenario) string {
	sum := sha256.Sum256(Canonical(sc))
	return hex.EncodeToString(sum[:])
}

type writer struct {
	sc     *sim.Scenario
	buf    bytes.Buffer
	siteAt map[geo.Point]string // first site (in id order) at each position
}

func (w *writer) header(h string) {
	if w.buf.Len() > 0 {
		w.buf.WriteByte('\n')
	}
	w.buf.WriteString(h)
	w.buf.WriteByte('\n')
}

func (w *writer) kv(k, v string) {
	w.buf.WriteString(k)
	w.buf.WriteString(" = ")
	w.buf.WriteString(v)
	w.buf.WriteByte('\n')
}

func (w *writer) scenario() {
	sc := w.sc
	w.header("[scenario]")
	w.kv("id", quote(sc.ID))
	w.kv("name", quote(sc.Name))
	w.kv("description", quote(sc.Description))
	w.kv("start", sim.FormatDay(sc.StartDay))
	w.kv("end", sim.FormatDay(sc.EndDay))
	w.kv("turn", fmt.Sprintf(`"%dh"`, sc.TurnHours))
	w.kv("default_role", quote(sc.DefaultRole.String()))
	first := true
	for a, text := range sc.Briefing {
		if text == "" {
			continue
		}
		if first {
			w.header("[scenario.briefing]")
			first = false
		}
		w.kv(sim.Actor(a).String(), quote(text))
	}
}

func (w *writer) initial() {
	in := &w.sc.Initial
	w.header("[initial]")
	var esc []string
	for p, v := range in.Escalation {
		esc = append(esc, sim.Pair(p).String()+" = "+level(v))
	}
	w.kv("escalation", "{ "+strings.Join(esc, ", ")+" }")
	w.kv("trust", level(in.Trust))
	w.kv("complicity", fraction(in.Complicity))
	w.kv("grievance", fmt.Sprintf("{ israel = %s, usa = %s }", level(in.Grievance[sim.TowardIsrael]), level(in.Grievance[sim.TowardUSA])))
	w.kv("talks", level(in.Talks))
	w.kv("talks_open", strconv.FormatBool(in.TalksOpen))
	w.kv("air_defence", level(in.AirDefence))
	w.kv("arsenal", strconv.FormatInt(in.Arsenal, 10))
	w.kv("counter_is", level(in.CounterIS))
}

func (w *writer) params() {
	w.header("[params]")
	for i, s := range sim.ParamSpecs() {
		w.kv(s.Key, fixed(w.sc.Params[i], s.Unit.Scale()))
	}
}

func (w *writer) actors() {
	for a := range sim.NumActors {
		setup := &w.sc.Actors[a]
		if !setup.Present {
			continue
		}
		w.header("[[actor]]")
		w.kv("id", quote(a.String()))
		if setup.Policy == "" {
			continue
		}
		w.kv("policy", quote(setup.Policy))
		if len(setup.Params) == 0 {
			continue
		}
		spec, _ := ai.Lookup(a, setup.Policy)
		w.header("[actor.params]")
		for _, p := range setup.Params {
			scale := int64(1)
			for _, ps := range spec.Params {
				if ps.Key == p.Key {
					scale = ps.Unit.Scale()
				}
			}
			w.kv(p.Key, fixed(p.Value, scale))
		}
	}
}

func (w *writer) sites() {
	for i := range w.sc.Sites {
		s := &w.sc.Sites[i]
		w.header("[[site]]")
		w.kv("id", quote(s.ID))
		w.kv("name", quote(s.Name))
		w.kv("kind", quote(s.Kind.String()))
		w.kv("owner", quote(s.Owner.String()))
		w.kv("lat", fraction(s.LatMicro))
		w.kv("lon", fraction(s.LonMicro))
		w.kv("troops", strconv.FormatInt(s.Troops, 10))
		w.kv("value", level(s.Value))
		w.kv("hardness", fraction(s.Hardness))
		w.kv("proximity", fraction(s.Proximity))
		w.kv("ad_range_km", km(s.ADRange))
		w.kv("ad_strength", fraction(s.ADStrength))
		w.kv("target", strconv.FormatBool(s.Target))
	}
}

func (w *writer) zones() {
	for i := range w.sc.Zones {
		z := &w.sc.Zones[i]
		w.header("[[zone]]")
		w.kv("id", quote(z.ID))
		w.kv("name", quote(z.Name))
		w.kv("kind", quote(z.Kind.String()))
		w.kv("owner", quote(z.Owner.String()))
		if len(z.Area.Ring) > 0 {
			w.kv("polygon", points(z.Area.Ring))
		} else {
			w.kv("center", w.center(z.Area.Center))
			w.kv("radius_km", km(z.Area.Radius))
		}
		w.kv("from", sim.FormatDay(z.From))
		w.kv("to", sim.FormatDay(z.To))
	}
}

func (w *writer) routes() {
	for i := range w.sc.Routes {
		r := &w.sc.Routes[i]
		w.header("[[route]]")
		w.kv("id", quote(r.ID))
		w.kv("name", quote(r.Name))
		if r.Description != "" {
			w.kv("description", quote(r.Description))
		}
		w.kv("path", points(r.Path))
		w.kv("reach_km", km(r.Reach))
	}
}

func (w *writer) corridors() {
	for i := range w.sc.Corridors {
		k := &w.sc.Corridors[i]
		w.header("[[corridor]]")
		w.kv("id", quote(k.ID))
		w.kv("name", quote(k.Name))
		stops := make([]string, len(k.Stops))
		for j, s := range k.Stops {
			stops[j] = quote(w.siteID(s))
		}
		w.kv("stops", "["+strings.Join(stops, ", ")+"]")
		w.kv("speed_km", km(k.Speed))
		w.kv("interval", strconv.FormatInt(k.Interval, 10))
		w.kv("size", strconv.FormatInt(k.Size, 10))
		w.kv("dwell", strconv.FormatInt(k.Dwell, 10))
		w.kv("from", sim.FormatDay(k.From))
		w.kv("to", sim.FormatDay(k.To))
	}
}

func (w *writer) events() {
	for i := range w.sc.Events {
		e := &w.sc.Events[i]
		w.header("[[event]]")
		w.kv("id", quote(e.ID))
		switch {
		case e.Timing().After >= 0:
		case e.Day >= 0:
			w.kv("at", sim.FormatDay(e.Day))
		default:
			w.kv("when", whenText(w.sc, e))
		}
		for _, line := range timingText(w.sc, e) {
			k, v, _ := strings.Cut(line, " = ")
			w.kv(k, v)
		}
		var b strings.Builder
		b.WriteString("[\n")
		for j := range e.Effects {
			b.WriteString("  ")
			b.WriteString(w.effect(&e.Effects[j]))
			b.WriteString(",\n")
		}
		b.WriteString("]")
		w.kv("effects", b.String())
		w.kv("log", quote(e.Log))
	}
}

// effect writes one effect as an inline table.
func (w *writer) effect(e *sim.Effect) string {
	var inner string
	switch e.Kind {
	case sim.EffectTalksOpen:
		return fmt.Sprintf("{ talks_open = %t }", e.Value != 0)
	case sim.EffectGrievance:
		toward := "israel"
		if e.Toward == sim.TowardUSA {
			toward = "usa"
		}
		inner = "toward = " + quote(toward) + ", " + addSet(e, sim.Milli)
	case sim.EffectComplicity:
		inner = addSet(e, sim.Micro)
	case sim.EffectTrust, sim.EffectTalks, sim.EffectAirDefence, sim.EffectCounterIS:
		inner = addSet(e, sim.Milli)
	case sim.EffectParam:
		inner = "key = " + quote(e.Param.Spec().Key) + ", " + addSet(e, e.Param.Spec().Unit.Scale())
	case sim.EffectEscalation:
		inner = "pair = " + quote(e.Pair.String()) + ", " + addSet(e, sim.Milli)
	case sim.EffectTroops:
		inner = "site = " + quote(w.siteID(e.Site)) + ", " + addSet(e, 1)
	case sim.EffectHalt:
		if e.Zone >= 0 && int(e.Zone) < len(w.sc.Zones) {
			inner = "zone = " + quote(w.sc.Zones[e.Zone].ID)
		} else {
			inner = "center = " + w.center(e.Area.Center) + ", radius_km = " + km(e.Area.Radius)
		}
		inner += fmt.Sprintf(", days = %d", e.Days)
	case sim.EffectCorridor:
		id := ""
		if e.Corridor >= 0 && int(e.Corridor) < len(w.sc.Corridors) {
			id = w.sc.Corridors[e.Corridor].ID
		}
		inner = fmt.Sprintf("corridor = %s, interval = %d", quote(id), e.Value)
	case sim.EffectStruck:
		inner = fmt.Sprintf("site = %s, days = %d", quote(w.siteID(e.Site)), e.Days)
	case sim.EffectPolicy:
		inner = policyText(w.sc, e)
	case sim.EffectHardness, sim.EffectProximity, sim.EffectSiteAD:
		inner = "site = " + quote(w.siteID(e.Site)) + ", " + addSet(e, sim.Micro)
	case sim.EffectOwner:
		inner = "site = " + quote(w.siteID(e.Site)) + ", actor = " + quote(sim.Actor(e.Value).String())
	case sim.EffectDetected:
		if e.Site >= 0 {
			inner = "site = " + quote(w.siteID(e.Site))
		} else if e.Corridor >= 0 && int(e.Corridor) < len(w.sc.Corridors) {
			inner = "corridor = " + quote(w.sc.Corridors[e.Corridor].ID)
		}
		inner += fmt.Sprintf(", days = %d", e.Days)
	}
	return "{ " + e.Kind.String() + " = { " + inner + " } }"
}

func addSet(e *sim.Effect, scale int64) string {
	if e.Set {
		return "set = " + fixed(e.Value, scale)
	}
	return "add = " + fixed(e.Value, scale)
}

func (w *writer) objectives() {
	for i := range w.sc.Objectives {
		o := &w.sc.Objectives[i]
		w.header("[[objective]]")
		w.kv("id", quote(o.ID))
		w.kv("role", quote(o.Role.String()))
		for _, line := range measureText(w.sc, o.Metric, o.Scope) {
			k, v, _ := strings.Cut(line, " = ")
			w.kv(k, v)
		}
		w.kv("op", quote(o.Op.String()))
		w.kv("value", fixed(o.Value, scopeScale(o.Metric, o.Scope)))
		if o.If != nil {
			w.kv("if", condText(w.sc, *o.If))
		}
		if o.Within > 0 {
			w.kv("within_days", strconv.Itoa(int(o.Within)))
		}
		w.kv("required", strconv.FormatBool(o.Required))
		w.kv("text", quote(o.Text))
	}
}

func (w *writer) siteID(i int32) string {
	if i >= 0 && int(i) < len(w.sc.Sites) {
		return w.sc.Sites[i].ID
	}
	return ""
}

// center writes a circle centre: the id of a site there, or its lat and lon.
func (w *writer) center(p geo.Point) string {
	if id, ok := w.siteAt[p]; ok {
		return quote(id)
	}
	lat, lon := latLonOf(p)
	return fmt.Sprintf("{ lat = %s, lon = %s }", fraction(lat), fraction(lon))
}

// points writes an array of [lat, lon] pairs, one per line.
func points(ps []geo.Point) string {
	var b strings.Builder
	b.WriteString("[\n")
	for _, p := range ps {
		lat, lon := latLonOf(p)
		fmt.Fprintf(&b, "  [%s, %s],\n", fraction(lat), fraction(lon))
	}
	b.WriteString("]")
	return b.String()
}

// latLonOf finds micro-degrees that project exactly onto p, preferring the
// roundest numbers (those an author most likely wrote). Compiled positions
// keep only projected metres, so this is how canonical text recovers
// coordinates that load back to the very same point.
func latLonOf(p geo.Point) (lat, lon int64) {
	estLat, estLon := geo.Unproject(p)
	lat, lon = estLat, estLon
	best := -1
	for la := estLat - 64; la <= estLat+64; la++ {
		if geo.Project(la, geo.OriginLonMicro).Y != p.Y {
			continue
		}
		lo := firstLon(la, p.X)
		hi := firstLon(la, p.X+1)
		if lo >= hi {
			continue
		}
		lo2 := roundest(lo, hi)
		if score := trailingZeros(la) + trailingZeros(lo2); score > best {
			lat, lon, best = la, lo2, score
		}
	}
	return lat, lon
}

// firstLon is the least longitude (micro-degrees) at latitude lat whose
// projection has X ≥ x; X grows with longitude.
func firstLon(lat, x int64) int64 {
	lo, hi := int64(-180_000_000), int64(180_000_000)
	for lo < hi {
		mid := lo + (hi-lo)/2
		if geo.Project(lat, mid).X >= x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// roundest returns the number in [lo, hi) with the most trailing zeros.
func roundest(lo, hi int64) int64 {
	for step := int64(10_000_000); step > 1; step /= 10 {
		v := lo / step * step
		if v < lo {
			v += step
		}
		if v < hi {
			return v
		}
	}
	return lo
}

func trailingZeros(v int64) int {
	if v == 0 {
		return 8
	}
	n := 0
	for v%10 == 0 {
		v /= 10
		n++
	}
	return n
}

// fixed prints v/scale exactly, with no trailing zeros.
func fixed(v, scale int64) string {
	if scale <= 1 {
		return strconv.FormatInt(v, 10)
	}
	u := uint64(v)
	sign := ""
	if v < 0 {
		u, sign = uint64(-v), "-"
	}
	ip, fp := u/uint64(scale), u%uint64(scale)
	s := sign + strconv.FormatUint(ip, 10)
	if fp == 0 {
		return s
	}
	digits := len(strconv.FormatInt(scale, 10)) - 1
	frac := fmt.Sprintf("%0*d", digits, fp)
	return s + "." + strings.TrimRight(frac, "0")
}

func fraction(v int64) string { return fixed(v, sim.Micro) }
func level(v int64) string    { return fixed(v, sim.Milli) }
func km(v int64) string       { return fixed(v, 1000) }

// quote writes a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
