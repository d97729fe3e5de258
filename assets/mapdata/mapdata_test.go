package mapdata

import (
	"errors"
	"math"
	"testing"

	"github.com/deconflict/deconflict/assets/internal/mapfmt"
)

func load(t *testing.T) *Map {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return m
}

func country(t *testing.T, m *Map, name string) Country {
	t.Helper()
	for _, c := range m.Countries {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no country %q", name)
	return Country{}
}

func TestCountryAt(t *testing.T) {
	m := load(t)
	tests := []struct {
		place string
		at    LonLat
		want  string // "" for no country
	}{
		{"Damascus", LonLat{Lon: 36.29, Lat: 33.51}, "Syria"},
		{"Beirut", LonLat{Lon: 35.50, Lat: 33.89}, "Lebanon"},
		{"Baghdad", LonLat{Lon: 44.40, Lat: 33.34}, "Iraq"},
		{"Amman", LonLat{Lon: 35.93, Lat: 31.95}, "Jordan"},
		{"Deir ez-Zor", LonLat{Lon: 40.14, Lat: 35.34}, "Syria"},
		{"Sea of Galilee (lakes are no holes)", LonLat{Lon: 35.59, Lat: 32.82}, "Israel"},
		{"Levantine Sea", LonLat{Lon: 34.0, Lat: 34.5}, ""},
		{"outside the bounds", LonLat{Lon: 50, Lat: 30}, ""},
	}
	for _, tt := range tests {
		name, ok := m.CountryAt(tt.at)
		if ok != (tt.want != "") || name != tt.want {
			t.Errorf("CountryAt(%s %v) = %q, %v; want %q", tt.place, tt.at, name, ok, tt.want)
		}
	}
}

func TestCountryCodes(t *testing.T) {
	m := load(t)
	for name, code := range map[string]string{"Syria": "SYR", "Iraq": "IRQ", "Jordan": "JOR", "Lebanon": "LBN", "Israel": "ISR", "Turkey": "TUR"} {
		if got := country(t, m, name).Code; got != code {
			t.Errorf("%s code = %q, want %q", name, got, code)
		}
	}
}

// ringsDistanceKm is the distance from p to the nearest edge of any ring.
func ringsDistanceKm(p LonLat, rings [][]LonLat) float64 {
	best := math.Inf(1)
	for _, r := range rings {
		best = min(best, pathDistanceKm(p, append(r[:len(r):len(r)], r[0])))
	}
	return best
}

func TestAlTanfNearTripoint(t *testing.T) {
	m := load(t)
	syria, iraq, jordan := country(t, m, "Syria"), country(t, m, "Iraq"), country(t, m, "Jordan")
	// The tripoint is the Syrian vertex closest to both neighbours' outlines.
	var tripoint LonLat
	best := math.Inf(1)
	for _, ring := range syria.Rings(Fine) {
		for _, p := range ring {
			if d := max(ringsDistanceKm(p, iraq.Rings(Fine)), ringsDistanceKm(p, jordan.Rings(Fine))); d < best {
				best, tripoint = d, p
			}
		}
	}
	if best > 1 {
		t.Fatalf("no Syrian vertex within 1 km of both Iraq and Jordan (best %.2f km at %v)", best, tripoint)
	}
	alTanf := LonLat{Lon: 38.62, Lat: 33.51}
	d := DistanceKm(alTanf, tripoint)
	t.Logf("tripoint %v (%.2f km from both neighbours); al-Tanf %.1f km away", tripoint, best, d)
	if d > 25 {
		t.Errorf("al-Tanf is %.1f km from the tripoint %v, want within 25 km", d, tripoint)
	}
}

func TestEuphratesAtDeirEzZor(t *testing.T) {
	m := load(t)
	deirEzZor := LonLat{Lon: 40.14, Lat: 35.34}
	for _, r := range m.Rivers {
		if r.Name == "Euphrates" {
			d := r.DistanceKm(deirEzZor)
			t.Logf("Euphrates passes %.2f km from Deir ez-Zor", d)
			if d > 10 {
				t.Errorf("Euphrates passes %.1f km from Deir ez-Zor, want within 10 km", d)
			}
			return
		}
	}
	t.Fatal("no river named Euphrates")
}

func TestNamedFeatures(t *testing.T) {
	m := load(t)
	names := map[string]bool{}
	for _, r := range m.Rivers {
		names[r.Name] = true
	}
	for _, l := range m.Lakes {
		names[l.Name] = true
	}
	for _, want := range []string{"Euphrates", "Tigris", "Jordan", "Sea of Galilee", "Dead Sea"} {
		if !names[want] {
			t.Errorf("no river or lake named %q", want)
		}
	}
	for _, b := range m.Borders {
		if b.Between == [2]string{"Lebanon", "Syria"} {
			return
		}
	}
	t.Error("no Lebanon–Syria border")
}

// pointCount sums the points of every feature at level l.
func pointCount(m *Map, l Level) int {
	n := 0
	add := func(paths [][]LonLat) {
		for _, p := range paths {
			n += len(p)
		}
	}
	for _, c := range m.Countries {
		add(c.Rings(l))
	}
	for _, b := range m.Borders {
		add(b.Paths(l))
	}
	for _, ls := range [][]Line{m.Coastlines, m.Rivers} {
		for _, ln := range ls {
			add(ln.Paths(l))
		}
	}
	for _, lk := range m.Lakes {
		add(lk.Rings(l))
	}
	return n
}

func TestLevelsOfDetail(t *testing.T) {
	m := load(t)
	prev := 0
	for l := Coarse; l <= Fine; l++ {
		n := pointCount(m, l)
		if n == 0 {
			t.Errorf("level %d is empty", l)
		}
		if n <= prev {
			t.Errorf("level %d has %d points, not more than the coarser level's %d", l, n, prev)
		}
		prev = n
		if l > Coarse && m.Tolerance(l) >= m.Tolerance(l-1) {
			t.Errorf("tolerance of level %d (%g) is not below level %d's (%g)", l, m.Tolerance(l), l-1, m.Tolerance(l-1))
		}
		if got := m.LevelFor(m.Tolerance(l)); got != l {
			t.Errorf("LevelFor(%g) = %d, want %d", m.Tolerance(l), got, l)
		}
		if c := country(t, m, "Syria"); len(c.Rings(l)) == 0 {
			t.Errorf("Syria has no rings at level %d", l)
		}
	}
	if got := m.LevelFor(0); got != Fine {
		t.Errorf("LevelFor(0) = %d, want Fine", got)
	}
	if m.Tolerance(Fine+1) != 0 || country(t, m, "Syria").Rings(-1) != nil || m.Rivers[0].Paths(Fine+1) != nil {
		t.Error("an unknown level should give zero and nil")
	}
}

func TestGeometryWithinBounds(t *testing.T) {
	m := load(t)
	b := m.Bounds
	if b.Min != (LonLat{Lon: 32, Lat: 28}) || b.Max != (LonLat{Lon: 45, Lat: 39}) {
		t.Fatalf("Bounds = %v", b)
	}
	for _, c := range m.Countries {
		for l := Coarse; l <= Fine; l++ {
			for _, r := range c.Rings(l) {
				for _, p := range r {
					if p.Lon < b.Min.Lon || p.Lon > b.Max.Lon || p.Lat < b.Min.Lat || p.Lat > b.Max.Lat {
						t.Fatalf("%s level %d point %v outside %v", c.Name, l, p, b)
					}
				}
			}
		}
	}
}

func TestLoadReturnsFreshMaps(t *testing.T) {
	a, b := load(t), load(t)
	a.Countries[0].Name = "changed"
	if b.Countries[0].Name == "changed" {
		t.Error("two Loads share state")
	}
}

func TestDistanceKm(t *testing.T) {
	tests := []struct {
		a, b LonLat
		want float64
	}{
		{LonLat{Lon: 36.29, Lat: 33.51}, LonLat{Lon: 36.29, Lat: 33.51}, 0},
		{LonLat{Lon: 0, Lat: 0}, LonLat{Lon: 1, Lat: 0}, 111.195},
		{LonLat{Lon: 36.29, Lat: 33.51}, LonLat{Lon: 35.50, Lat: 33.89}, 84.4}, // Damascus–Beirut
		{LonLat{Lon: 0, Lat: 0}, LonLat{Lon: 180, Lat: 0}, math.Pi * EarthRadiusKm},
	}
	for _, tt := range tests {
		if got := DistanceKm(tt.a, tt.b); math.Abs(got-tt.want) > 0.5 {
			t.Errorf("DistanceKm(%v, %v) = %.3f, want %.3f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLineDistanceKm(t *testing.T) {
	ln := Line{paths: [NumLevels][][]LonLat{Fine: {{{Lon: 36, Lat: 33}, {Lon: 37, Lat: 33}}}}}
	tests := []struct {
		p    LonLat
		want float64
	}{
		{LonLat{Lon: 36.5, Lat: 33}, 0},
		{LonLat{Lon: 36.5, Lat: 33.1}, 11.12}, // abeam the segment
		{LonLat{Lon: 35, Lat: 33}, DistanceKm(LonLat{Lon: 35, Lat: 33}, LonLat{Lon: 36, Lat: 33})}, // past its end
	}
	for _, tt := range tests {
		if got := ln.DistanceKm(tt.p); math.Abs(got-tt.want) > 0.2 {
			t.Errorf("DistanceKm(%v) = %.3f, want %.3f", tt.p, got, tt.want)
		}
	}
	if d := (Line{}).DistanceKm(LonLat{}); !math.IsInf(d, 1) {
		t.Errorf("empty line distance = %v, want +Inf", d)
	}
}

func TestContainsHole(t *testing.T) {
	pg := toPolygon(mapfmt.Feature{Labels: []string{"donut"}, Levels: [NumLevels][]mapfmt.Path{Fine: {
		{{X: 0, Y: 0}, {X: 400, Y: 0}, {X: 400, Y: 400}, {X: 0, Y: 400}},
		{{X: 100, Y: 100}, {X: 300, Y: 100}, {X: 300, Y: 300}, {X: 100, Y: 300}},
	}}})
	for _, tt := range []struct {
		p    LonLat
		want bool
	}{
		{LonLat{Lon: 0.0005, Lat: 0.0005}, true}, // in the outer ring only
		{LonLat{Lon: 0.002, Lat: 0.002}, false},  // in the hole
		{LonLat{Lon: 0.005, Lat: 0.002}, false},  // outside
	} {
		if got := pg.Contains(tt.p); got != tt.want {
			t.Errorf("Contains(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestDecodeMalformed(t *testing.T) {
	good := mapfmt.Encode(&mapfmt.File{Max: mapfmt.Point{X: 100, Y: 100}})
	embedded := levantMap
	flipped := append([]byte(nil), embedded...)
	flipped[len(flipped)/2] ^= 0x40
	tests := []struct {
		name string
		data []byte
	}{
		{"nil", nil},
		{"magic only", []byte(mapfmt.Magic)},
		{"garbage", []byte("this is not a map file at all, not even close")},
		{"wrong magic", append([]byte("XXXX"), good[4:]...)},
		{"truncated header", good[:8]},
		{"truncated embedded", embedded[:len(embedded)/2]},
		{"missing checksum", embedded[:len(embedded)-4]},
		{"flipped bit", flipped},
		{"trailing byte", append(append([]byte(nil), embedded...), 0)},
	}
	for _, tt := range tests {
		if _, err := Decode(tt.data); err == nil {
			t.Errorf("%s: Decode succeeded", tt.name)
		} else if !errors.Is(err, mapfmt.ErrFormat) {
			t.Errorf("%s: error %v does not wrap ErrFormat", tt.name, err)
		}
	}
	if _, err := Decode(good); err != nil {
		t.Errorf("minimal valid file: %v", err)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCountryAt(b *testing.B) {
	m, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		m.CountryAt(LonLat{Lon: 36.29, Lat: 33.51})
	}
}
