package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// siteRef resolves a site id.
func (b *build) siteRef(at ref, v any) (int32, bool) {
	s, ok := v.(string)
	if !ok {
		b.c.typeError(at, "a site id", v)
		return -1, false
	}
	if i, ok := b.siteIdx[s]; ok {
		return i, true
	}
	b.c.errorf(at, "unknown site %q", s).hint = b.c.unknownHint(s, b.siteIDs, true)
	return -1, false
}

// kind reads an entry's required kind, one of ids, and returns its index
// (0 when it is missing or unknown, after reporting it).
func (b *build) kind(t *table, ids []string) int {
	k, at, ok := t.str("kind", true)
	if !ok {
		return 0
	}
	i := slices.Index(ids, k)
	if i < 0 {
		b.c.errorf(at, "unknown kind %q", k).hint = b.c.unknownHint(k, ids, true)
		return 0
	}
	return i
}

func (b *build) sites(root *table) {
	es := b.entries(root, "site")
	b.unique(es, "site")
	sites := make([]sim.Site, 0, len(es))
	for _, e := range es {
		t := e.t
		t.keys(siteKeys...)
		s := sim.Site{ID: e.id}
		s.Name = t.text("name", true, maxNameLen, false)
		s.Kind = sim.SiteKind(b.kind(t, sim.SiteKindIDs()))
		s.Owner = b.actorRef(t, "owner")
		s.LatMicro, s.LonMicro = b.latLon(t)
		s.Pos = geo.Project(s.LatMicro, s.LonMicro)
		s.Troops = t.numOr("troops", siteSpec.q("troops"), 0)
		s.Value = t.numOr("value", siteSpec.q("value"), sim.Milli)
		s.Hardness = t.numOr("hardness", siteSpec.q("hardness"), 0)
		s.Proximity = t.numOr("proximity", siteSpec.q("proximity"), 0)
		rng, rngAt, rngOK := t.num("ad_range_km", siteSpec.q("ad_range_km"), false)
		str, strAt, strOK := t.num("ad_strength", siteSpec.q("ad_strength"), false)
		_, hasRng := t.m["ad_range_km"]
		_, hasStr := t.m["ad_strength"]
		if (rngOK || !hasRng) && (strOK || !hasStr) {
			switch {
			case str > 0 && rng == 0:
				b.c.errorf(strAt, "air-defence strength without a range").hint = "set ad_range_km > 0, or ad_strength = 0"
			case rng > 0 && str == 0:
				b.c.errorf(rngAt, "air-defence range without a strength").hint = "set ad_strength > 0, or ad_range_km = 0"
			}
		}
		s.ADRange, s.ADStrength = rng, str
		s.Target = t.boolean("target", false)
		sites = append(sites, s)
	}
	slices.SortStableFunc(sites, func(x, y sim.Site) int { return strings.Compare(x.ID, y.ID) })
	b.sc.Sites = sites
	b.siteIdx, b.siteIDs = index(sites, func(s *sim.Site) string { return s.ID })
}

// latLon reads the required lat and lon keys of a table.
func (b *build) latLon(t *table) (lat, lon int64) {
	if v, at, ok := t.get("lat"); ok {
		lat, _ = b.c.coord(at, v, true)
	} else {
		t.missing("lat")
	}
	if v, at, ok := t.get("lon"); ok {
		lon, _ = b.c.coord(at, v, false)
	} else {
		t.missing("lon")
	}
	return lat, lon
}

func (b *build) zones(root *table) {
	es := b.entries(root, "zone")
	b.unique(es, "zone")
	zones := make([]sim.Zone, 0, len(es))
	for _, e := range es {
		t := e.t
		t.keys(zoneKeys...)
		z := sim.Zone{ID: e.id}
		z.Name = t.text("name", true, maxNameLen, false)
		z.Kind = sim.ZoneKind(b.kind(t, sim.ZoneKindIDs()))
		z.Owner = b.actorRef(t, "owner")
		z.Area = b.area(t, true)
		z.From, z.To = b.window(t)
		zones = append(zones, z)
	}
	slices.SortStableFunc(zones, func(x, y sim.Zone) int { return strings.Compare(x.ID, y.ID) })
	b.sc.Zones = zones
	b.zoneIdx, b.zoneIDs = index(zones, func(z *sim.Zone) string { return z.ID })
}

// area reads a circle (center and radius_km) or, where allowed, a polygon.
func (b *build) area(t *table, polygonOK bool) sim.Area {
	cv, cAt, hasCenter := t.get("center")
	_, rAt, hasRadius := t.get("radius_km")
	pv, pAt, hasPolygon := t.get("polygon")
	hasPolygon = hasPolygon && polygonOK
	switch {
	case hasCenter && hasPolygon:
		p := b.c.errorf(pAt, "an area has either center and radius_km or polygon, not both")
		p.onKey = true
	case hasPolygon:
		if hasRadius {
			p := b.c.errorf(rAt, "radius_km goes with center, not with polygon")
			p.onKey = true
		}
		ring := b.points(pAt, pv, 3, "polygon")
		if len(ring) >= 3 && collinear(ring) {
			b.c.errorf(pAt, "the polygon has no area").hint = "its points lie on one line"
		}
		return sim.Area{Ring: ring}
	case hasCenter:
		center, _ := b.center(cAt, cv)
		radius, _, _ := t.num("radius_km", qRadius, true)
		return sim.Area{Center: center, Radius: radius}
	default:
		p := b.c.errorf(cAt, "missing required key")
		p.hint = "give center and radius_km"
		if polygonOK {
			p.hint += ", or polygon"
		}
	}
	return sim.Area{}
}

// collinear reports whether all points lie on one line (or in one place).
func collinear(pts []geo.Point) bool {
	a := pts[0]
	for _, b := range pts[1:] {
		if b == a {
			continue
		}
		for _, p := range pts {
			if (b.X-a.X)*(p.Y-a.Y) != (b.Y-a.Y)*(p.X-a.X) {
				return false
			}
		}
		return true
	}
	return true
}

// center reads a circle centre: a site id or a { lat, lon } table.
func (b *build) center(at ref, v any) (geo.Point, bool) {
	switch x := v.(type) {
	case string:
		i, ok := b.siteRef(at, x)
		if !ok {
			return geo.Point{}, false
		}
		return b.sc.Sites[i].Pos, true
	case map[string]any:
		t := &table{c: b.c, at: at, m: x}
		t.keys("lat", "lon")
		lat, lon := b.latLon(t)
		return geo.Project(lat, lon), true
	}
	b.c.typeError(at, "a site id or a table { lat = …, lon = … }", v)
	return geo.Point{}, false
}

// points reads an array of [lat, lon] pairs of at least minimum points.
func (b *build) points(at ref, v any, minimum int, what string) []geo.Point {
	arr, ok := v.([]any)
	if !ok {
		b.c.typeError(at, "an array of [lat, lon] points", v)
		return nil
	}
	switch {
	case len(arr) > maxPoints:
		b.c.errorf(at, "has %d points", len(arr)).hint = fmt.Sprintf("at most %d", maxPoints)
		return nil
	case len(arr) < minimum:
		b.c.errorf(at, "has %d point%s; a %s needs at least %d", len(arr), plural(len(arr)), what, minimum)
		return nil
	}
	out := make([]geo.Point, 0, len(arr))
	for i, pv := range arr {
		pat := at.index(i)
		pair, ok := pv.([]any)
		if !ok || len(pair) != 2 {
			p := b.c.typeError(pat, "a [lat, lon] pair", pv)
			if id, isID := pv.(string); isID {
				p.hint = "a " + what + " takes coordinates, not site ids"
				if i, known := b.siteIdx[id]; known {
					s := &b.sc.Sites[i]
					p.hint += fmt.Sprintf(": site %q is at [%s, %s]", id, fmtFloat(float64(s.LatMicro)/1e6), fmtFloat(float64(s.LonMicro)/1e6))
				}
			}
			continue
		}
		lat, _ := b.c.coord(pat.index(0), pair[0], true)
		lon, _ := b.c.coord(pat.index(1), pair[1], false)
		out = append(out, geo.Project(lat, lon))
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// window reads from and to, defaulting to the scenario's start and end.
func (b *build) window(t *table) (from, to int32) {
	from, to = b.sc.StartDay, b.sc.EndDay
	_, hasFrom := t.m["from"]
	_, hasTo := t.m["to"]
	f, fromAt, okFrom := t.date("from", false)
	e, toAt, okTo := t.date("to", false)
	if okFrom {
		from = f
	}
	if okTo {
		to = e
	}
	switch {
	case (hasFrom && !okFrom) || (hasTo && !okTo) || to >= from:
	case okTo && okFrom:
		b.c.errorf(toAt, "%s is before from (%s)", sim.FormatDay(to), sim.FormatDay(from))
	case okTo && b.datesOK:
		b.c.errorf(toAt, "%s is before the scenario's start (%s)", sim.FormatDay(to), sim.FormatDay(from))
	case okFrom && b.datesOK:
		b.c.errorf(fromAt, "%s is after the scenario's end (%s)", sim.FormatDay(from), sim.FormatDay(to))
	}
	return from, to
}

func (b *build) routes(root *table) {
	es := b.entries(root, "route")
	b.unique(es, "route")
	routes := make([]sim.Route, 0, len(es))
	for _, e := range es {
		t := e.t
		t.keys(routeKeys...)
		r := sim.Route{ID: e.id}
		r.Name = t.text("name", true, maxNameLen, false)
		r.Description = t.text("description", false, maxDescLen, false)
		if v, at, ok := t.get("path"); ok {
			r.Path = b.points(at, v, 2, "route")
			if len(r.Path) >= 2 && geo.PathLength(r.Path) == 0 {
				b.c.errorf(at, "the route has no length").hint = "its points all lie in one place"
			}
		} else {
			t.missing("path")
		}
		r.Reach, _, _ = t.num("reach_km", routeSpec.q("reach_km"), true)
		routes = append(routes, r)
	}
	slices.SortStableFunc(routes, func(x, y sim.Route) int { return strings.Compare(x.ID, y.ID) })
	b.sc.Routes = routes
}

func (b *build) corridors(root *table) {
	es := b.entries(root, "corridor")
	b.unique(es, "corridor")
	list := make([]sim.Corridor, 0, len(es))
	for _, e := range es {
		t := e.t
		t.keys(corridorKeys...)
		k := sim.Corridor{ID: e.id}
		k.Name = t.text("name", true, maxNameLen, false)
		if v, at, ok := t.get("stops"); ok {
			k.Stops = b.stops(at, v)
		} else {
			t.missing("stops")
		}
		for i, s := range k.Stops {
			k.Path = append(k.Path, b.sc.Sites[s].Pos)
			d := int64(0)
			if i > 0 {
				d = k.StopAt[i-1] + geo.Dist(k.Path[i-1], k.Path[i])
			}
			k.StopAt = append(k.StopAt, d)
		}
		if n := len(k.StopAt); n > 0 {
			k.Length = k.StopAt[n-1]
		}
		k.Speed, _, _ = t.num("speed_km", corridorSpec.q("speed_km"), true)
		k.Interval, _, _ = t.num("interval", corridorSpec.q("interval"), true)
		k.Size, _, _ = t.num("size", corridorSpec.q("size"), true)
		k.Dwell = t.numOr("dwell", corridorSpec.q("dwell"), 1)
		k.From, k.To = b.window(t)
		list = append(list, k)
	}
	slices.SortStableFunc(list, func(x, y sim.Corridor) int { return strings.Compare(x.ID, y.ID) })
	b.sc.Corridors = list
	b.corrIdx, b.corrIDs = index(list, func(k *sim.Corridor) string { return k.ID })
}

// stops reads a corridor's stops: at least two distinct site ids. It returns
// nil unless every stop is valid.
func (b *build) stops(at ref, v any) []int32 {
	arr, ok := v.([]any)
	if !ok {
		b.c.typeError(at, "an array of site ids", v)
		return nil
	}
	switch {
	case len(arr) > maxPoints:
		b.c.errorf(at, "has %d stops", len(arr)).hint = fmt.Sprintf("at most %d", maxPoints)
		return nil
	case len(arr) < 2:
		b.c.errorf(at, "has %d stop%s; a corridor needs at least 2", len(arr), plural(len(arr)))
		return nil
	}
	out := make([]int32, 0, len(arr))
	seen := make(map[int32]bool, len(arr))
	valid := true
	for i, sv := range arr {
		s, ok := b.siteRef(at.index(i), sv)
		switch {
		case !ok:
			valid = false
		case seen[s]:
			b.c.errorf(at.index(i), "site %q appears twice", b.sc.Sites[s].ID).hint = "a corridor visits each stop once"
			valid = false
		}
		seen[s] = true
		out = append(out, s)
	}
	if !valid {
		return nil
	}
	return out
}
