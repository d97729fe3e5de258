// Package mapdata embeds the geography of the Levant — country polygons,
// borders, coastlines, rivers and lakes between 32–45° E and 28–39° N — and
// decodes it for the map renderer, at three levels of detail so that zoomed
// out views can draw coarse geometry.
//
// The data is derived from Natural Earth (public domain) by the generator in
// assets/internal/mapgen; see assets/README.md. The package has no graphics
// dependency: coordinates are plain longitudes and latitudes in degrees and
// projecting them is up to the caller.
package mapdata

import (
	_ "embed"
	"fmt"
	"math"

	"github.com/deconflict/deconflict/assets/internal/mapfmt"
)

//go:embed levant.map
var levantMap []byte

// LonLat is a position in degrees east and north.
type LonLat struct{ Lon, Lat float64 }

// Level selects a level of detail.
type Level int

// Levels of detail, coarsest first. Each was simplified with Douglas–Peucker
// at the tolerance given by Map.Tolerance.
const (
	Coarse Level = iota // 0.02°, about 2 km: whole-region views
	Medium              // 0.005°, about 500 m
	Fine                // 0.001°, about 100 m: the full source detail
)

// NumLevels is the number of levels of detail.
const NumLevels = mapfmt.Levels

// Rect is a longitude/latitude box.
type Rect struct{ Min, Max LonLat }

// Map is the decoded geography. Load and Decode build a new Map on every
// call, so a caller owns the one it gets.
type Map struct {
	Bounds     Rect      // the box all geometry was clipped to
	Countries  []Country // sorted by name
	Borders    []Border  // land borders, one per pair of neighbours
	Coastlines []Line    // one per country with a coast, named after it
	Rivers     []Line    // named where known
	Lakes      []Polygon // named where known

	tolerance [NumLevels]float64
}

// Polygon is a named area made of rings. Rings are implicitly closed (the
// first point is not repeated) and are to be filled with the even-odd rule;
// outer rings and holes are not told apart.
type Polygon struct {
	Name  string
	rings [NumLevels][][]LonLat
	box   Rect // of the Fine rings, to skip most point-in-polygon tests
}

// Country is a country's territory within the map bounds. Rings cut by the
// bounds gain edges along them, so draw outlines from Map.Borders and
// Map.Coastlines rather than from the rings' edges.
type Country struct {
	Polygon
	Code string // ISO 3166-1 alpha-3, or "" where there is none (e.g. "N. Cyprus")
}

// Line is a named set of polylines, such as a river cut into pieces by the
// map bounds.
type Line struct {
	Name  string
	paths [NumLevels][][]LonLat
}

// Border is the land border between two countries. Its Line.Name is empty.
type Border struct {
	Line
	Between [2]string // country names, in alphabetical order
}

// Rings returns the polygon's rings at level l; nil for an unknown level.
func (p Polygon) Rings(l Level) [][]LonLat {
	if l < Coarse || l > Fine {
		return nil
	}
	return p.rings[l]
}

// Paths returns the line's polylines at level l; nil for an unknown level.
func (ln Line) Paths(l Level) [][]LonLat {
	if l < Coarse || l > Fine {
		return nil
	}
	return ln.paths[l]
}

// Tolerance returns the simplification tolerance of level l in degrees: no
// point of the source lies farther than this from the level's geometry.
func (m *Map) Tolerance(l Level) float64 {
	if l < Coarse || l > Fine {
		return 0
	}
	return m.tolerance[l]
}

// LevelFor returns the coarsest level whose tolerance is within degPerPixel,
// the size of a screen pixel in degrees, so that simplification stays below
// a pixel; Fine when none is.
func (m *Map) LevelFor(degPerPixel float64) Level {
	for l := Coarse; l < Fine; l++ {
		if m.tolerance[l] <= degPerPixel {
			return l
		}
	}
	return Fine
}

// Load decodes the embedded map. Each call returns a fresh Map.
func Load() (*Map, error) {
	m, err := Decode(levantMap)
	if err != nil {
		return nil, fmt.Errorf("embedded levant.map: %w", err)
	}
	return m, nil
}

// Decode parses a map file in the format written by the generator. Malformed
// input returns an error, never a panic.
func Decode(data []byte) (*Map, error) {
	f, err := mapfmt.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("decode map: %w", err)
	}
	m := &Map{Bounds: Rect{toLonLat(f.Min), toLonLat(f.Max)}}
	for l, t := range f.Tolerance {
		m.tolerance[l] = float64(t) / mapfmt.PerDegree
	}
	for _, ft := range f.Sections[mapfmt.Countries] {
		m.Countries = append(m.Countries, Country{Polygon: toPolygon(ft), Code: ft.Labels[1]})
	}
	for _, ft := range f.Sections[mapfmt.Borders] {
		m.Borders = append(m.Borders, Border{Line: Line{paths: toLevels(ft)}, Between: [2]string(ft.Labels)})
	}
	for _, ft := range f.Sections[mapfmt.Coastlines] {
		m.Coastlines = append(m.Coastlines, toLine(ft))
	}
	for _, ft := range f.Sections[mapfmt.Rivers] {
		m.Rivers = append(m.Rivers, toLine(ft))
	}
	for _, ft := range f.Sections[mapfmt.Lakes] {
		m.Lakes = append(m.Lakes, toPolygon(ft))
	}
	return m, nil
}

func toLonLat(p mapfmt.Point) LonLat {
	return LonLat{Lon: float64(p.X) / mapfmt.PerDegree, Lat: float64(p.Y) / mapfmt.PerDegree}
}

func toLevels(ft mapfmt.Feature) [NumLevels][][]LonLat {
	var out [NumLevels][][]LonLat
	for l, paths := range ft.Levels {
		out[l] = make([][]LonLat, len(paths))
		for i, p := range paths {
			q := make([]LonLat, len(p))
			for j, pt := range p {
				q[j] = toLonLat(pt)
			}
			out[l][i] = q
		}
	}
	return out
}

func toLine(ft mapfmt.Feature) Line {
	return Line{Name: ft.Labels[0], paths: toLevels(ft)}
}

func toPolygon(ft mapfmt.Feature) Polygon {
	p := Polygon{Name: ft.Labels[0], rings: toLevels(ft)}
	p.box = Rect{LonLat{math.Inf(1), math.Inf(1)}, LonLat{math.Inf(-1), math.Inf(-1)}}
	for _, ring := range p.rings[Fine] {
		for _, q := range ring {
			p.box.Min.Lon, p.box.Min.Lat = min(p.box.Min.Lon, q.Lon), min(p.box.Min.Lat, q.Lat)
			p.box.Max.Lon, p.box.Max.Lat = max(p.box.Max.Lon, q.Lon), max(p.box.Max.Lat, q.Lat)
		}
	}
	return p
}
