package mapdata

import "math"

// EarthRadiusKm is the mean Earth radius used for distances.
const EarthRadiusKm = 6371.0088

// DistanceKm returns the great-circle distance between a and b in kilometres
// (haversine formula on a spherical Earth).
func DistanceKm(a, b LonLat) float64 {
	const rad = math.Pi / 180
	dLat, dLon := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusKm * math.Asin(math.Sqrt(min(1, h)))
}

// DistanceKm returns the shortest distance in kilometres from p to the line
// at Fine detail, or +Inf for a line without points. Segments are measured in
// an equirectangular projection centred on p, which is accurate to well under
// 1% over the few hundred kilometres that matter in game.
func (ln Line) DistanceKm(p LonLat) float64 {
	best := math.Inf(1)
	for _, path := range ln.paths[Fine] {
		best = min(best, pathDistanceKm(p, path))
	}
	return best
}

// pathDistanceKm returns the distance from p to a polyline, +Inf if empty.
func pathDistanceKm(p LonLat, path []LonLat) float64 {
	const kmPerDeg = EarthRadiusKm * math.Pi / 180
	k := math.Cos(p.Lat * math.Pi / 180)
	proj := func(q LonLat) (float64, float64) {
		return (q.Lon - p.Lon) * k * kmPerDeg, (q.Lat - p.Lat) * kmPerDeg
	}
	best := math.Inf(1)
	if len(path) == 0 {
		return best
	}
	for i := range max(len(path)-1, 1) {
		ax, ay := proj(path[i])
		bx, by := proj(path[min(i+1, len(path)-1)])
		dx, dy := bx-ax, by-ay
		t := 0.0
		if l := dx*dx + dy*dy; l > 0 {
			t = max(0, min(1, -(ax*dx+ay*dy)/l))
		}
		best = min(best, math.Hypot(ax+t*dx, ay+t*dy))
	}
	return best
}

// Contains reports whether p lies inside the polygon at Fine detail by the
// even-odd rule. Points exactly on an edge may go either way.
func (pg Polygon) Contains(p LonLat) bool {
	if p.Lon < pg.box.Min.Lon || p.Lon > pg.box.Max.Lon || p.Lat < pg.box.Min.Lat || p.Lat > pg.box.Max.Lat {
		return false
	}
	in := false
	for _, ring := range pg.rings[Fine] {
		j := len(ring) - 1
		for i, a := range ring {
			b := ring[j]
			if (a.Lat > p.Lat) != (b.Lat > p.Lat) &&
				p.Lon < a.Lon+(b.Lon-a.Lon)*(p.Lat-a.Lat)/(b.Lat-a.Lat) {
				in = !in
			}
			j = i
		}
	}
	return in
}

// CountryAt returns the name of the country containing p at Fine detail, or
// ok == false at sea or outside Map.Bounds. Lakes count as part of the
// country around them, as in Natural Earth.
func (m *Map) CountryAt(p LonLat) (name string, ok bool) {
	for _, c := range m.Countries {
		if c.Contains(p) {
			return c.Name, true
		}
	}
	return "", false
}
