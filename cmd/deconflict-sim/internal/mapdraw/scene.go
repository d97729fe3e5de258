// Package mapdraw draws a scenario on the real map, as SVG or PNG, without
// cgo: the countries, coasts, borders and rivers of the embedded map, then
// the scenario's zones, routes with their reach, corridors and sites, so an
// author can see what a file says before playing it. Both formats draw the
// same scene, built once from the scenario.
package mapdraw

import (
	"fmt"
	"image/color"
	"math"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// margin is the space left around the scenario's geometry, in metres.
const margin = 60_000

// pxPerKm is the drawing's scale: the SVG's nominal size and the PNG's
// pixels per kilometre.
const pxPerKm = 1.5

// labelSize is the height of the sites' labels, in kilometres.
const labelSize = 7

// Colours of the layers.
var (
	black     = color.NRGBA{0, 0, 0, 255}
	white     = color.NRGBA{255, 255, 255, 255}
	land      = color.NRGBA{0xef, 0xea, 0xe0, 255}
	syria     = color.NRGBA{0xe4, 0xdc, 0xcb, 255}
	sea       = color.NRGBA{0xcf, 0xe0, 0xec, 255}
	lineColor = color.NRGBA{0x8a, 0x8a, 0x8a, 255}
	river     = color.NRGBA{0x7f, 0xa7, 0xc7, 255}
)

// zoneAlpha is the opacity of a zone's fill (0.12).
const zoneAlpha = 31

// ownerColor gives each actor a colour for its sites and zones.
func ownerColor(a sim.Actor) color.NRGBA {
	switch a {
	case sim.USA:
		return color.NRGBA{0x2b, 0x6c, 0xb0, 255}
	case sim.Israel:
		return color.NRGBA{0x2f, 0x85, 0x5a, 255}
	case sim.Iran, sim.Hezbollah:
		return color.NRGBA{0xc5, 0x30, 0x30, 255}
	case sim.Russia:
		return color.NRGBA{0x6b, 0x46, 0xc1, 255}
	case sim.Syria:
		return color.NRGBA{0xb7, 0x79, 0x1f, 255}
	}
	return color.NRGBA{0x4a, 0x55, 0x68, 255}
}

// box is an area in projected metres.
type box struct{ minX, minY, maxX, maxY int64 }

func (b *box) add(p geo.Point, r int64) {
	b.minX, b.maxX = min(b.minX, p.X-r), max(b.maxX, p.X+r)
	b.minY, b.maxY = min(b.minY, p.Y-r), max(b.maxY, p.Y+r)
}

// size is the drawing's size in pixels at pxPerKm.
func (b box) size() (w, h int) {
	return int(math.Round(float64(b.maxX-b.minX) / 1000 * pxPerKm)), int(math.Round(float64(b.maxY-b.minY) / 1000 * pxPerKm))
}

// bounds is the box the scenario's geometry needs, routes' reach included.
func bounds(sc *sim.Scenario) box {
	b := box{math.MaxInt64, math.MaxInt64, math.MinInt64, math.MinInt64}
	for i := range sc.Sites {
		b.add(sc.Sites[i].Pos, 0)
	}
	for i := range sc.Zones {
		a := &sc.Zones[i].Area
		b.add(a.Center, a.Radius)
		for _, p := range a.Ring {
			b.add(p, 0)
		}
	}
	for i := range sc.Routes {
		r := &sc.Routes[i]
		for _, p := range r.Path {
			b.add(p, 0)
		}
		b.add(r.Path[len(r.Path)-1], r.Reach)
	}
	if b.minX > b.maxX { // nothing to draw: the whole map
		b = box{-400_000, -400_000, 400_000, 400_000}
	}
	b.minX, b.minY, b.maxX, b.maxY = b.minX-margin, b.minY-margin, b.maxX+margin, b.maxY+margin
	return b
}

// shapeKind says how a shape's points are read.
type shapeKind uint8

const (
	polygon  shapeKind = iota // a closed ring
	polyline                  // an open path
	circle                    // a centre (pts[0]) and a radius
	label                     // text whose baseline starts at pts[0]
)

// style is how a shape is painted; lengths are in kilometres.
type style struct {
	fill   color.NRGBA // alpha 0: not filled
	stroke color.NRGBA // alpha 0: not stroked
	width  float64     // stroke width
	dash   []float64   // alternating dash and gap lengths; nil: solid
}

// shape is one thing drawn.
type shape struct {
	kind  shapeKind
	pts   []geo.Point
	r     int64  // circle radius, metres
	text  string // label text
	title string // its name, shown on hover in the SVG
	style
}

// layer is a named group of shapes, drawn in order.
type layer struct {
	id     string
	shapes []shape
}

// scene is everything drawn, in projected metres.
type scene struct {
	title  string
	b      box
	layers []layer
}

// build lays out sc over m: the base map, then zones, routes, corridors,
// sites and their labels.
func build(sc *sim.Scenario, m *mapdata.Map) *scene {
	s := &scene{title: sc.Name, b: bounds(sc)}
	project := func(pts []mapdata.LonLat) []geo.Point {
		out := make([]geo.Point, len(pts))
		for i, q := range pts {
			out[i] = geo.Project(geo.Micro(q.Lat), geo.Micro(q.Lon))
		}
		return out
	}

	countries := layer{id: "countries"}
	for _, c := range m.Countries {
		fill := land
		if c.Code == "SYR" {
			fill = syria
		}
		for _, ring := range c.Rings(mapdata.Coarse) {
			countries.shapes = append(countries.shapes, shape{kind: polygon, pts: project(ring), title: c.Name, style: style{fill: fill}})
		}
	}
	lines := func(id string, c color.NRGBA, width float64, ls []mapdata.Line) layer {
		l := layer{id: id}
		for _, ln := range ls {
			for _, p := range ln.Paths(mapdata.Coarse) {
				l.shapes = append(l.shapes, shape{kind: polyline, pts: project(p), style: style{stroke: c, width: width}})
			}
		}
		return l
	}
	borders := make([]mapdata.Line, len(m.Borders))
	for i := range m.Borders {
		borders[i] = m.Borders[i].Line
	}
	s.layers = append(s.layers, countries,
		lines("coasts", lineColor, 1, m.Coastlines),
		lines("borders", lineColor, 1.5, borders),
		lines("rivers", river, 1, m.Rivers))

	zones := layer{id: "zones"}
	for i := range sc.Zones {
		z := &sc.Zones[i]
		c := ownerColor(z.Owner)
		fill := c
		fill.A = zoneAlpha
		st := style{fill: fill, stroke: c, width: 1.5}
		if z.Kind == sim.ZoneHalt {
			st.dash = []float64{6, 4}
		}
		sh := shape{kind: circle, pts: []geo.Point{z.Area.Center}, r: z.Area.Radius, style: st,
			title: fmt.Sprintf("%s (%s zone, %s..%s)", z.Name, z.Kind, sim.FormatDay(z.From), sim.FormatDay(z.To))}
		if len(z.Area.Ring) > 0 {
			sh.kind, sh.pts = polygon, z.Area.Ring
		}
		zones.shapes = append(zones.shapes, sh)
	}

	routes := layer{id: "routes"}
	for i := range sc.Routes {
		r := &sc.Routes[i]
		c := ownerColor(sim.Israel)
		routes.shapes = append(routes.shapes,
			shape{kind: polyline, pts: r.Path, title: fmt.Sprintf("route %s: %s", r.ID, r.Name), style: style{stroke: c, width: 2}},
			shape{kind: circle, pts: r.Path[len(r.Path)-1:], r: r.Reach, title: fmt.Sprintf("reach of route %s: %.1f km", r.ID, float64(r.Reach)/1000),
				style: style{stroke: c, width: 1, dash: []float64{3, 3}}})
	}

	corridors := layer{id: "corridors"}
	for i := range sc.Corridors {
		k := &sc.Corridors[i]
		corridors.shapes = append(corridors.shapes, shape{kind: polyline, pts: k.Path, title: fmt.Sprintf("corridor %s: %s", k.ID, k.Name),
			style: style{stroke: ownerColor(sim.Iran), width: 2.5, dash: []float64{8, 3}}})
	}

	sites, labels := layer{id: "sites"}, layer{id: "labels"}
	for i := range sc.Sites {
		st := &sc.Sites[i]
		ring := white
		if st.Target {
			ring = black
		}
		sites.shapes = append(sites.shapes, shape{kind: circle, pts: []geo.Point{st.Pos}, r: 3000,
			title: fmt.Sprintf("%s (%s, %s)", st.Name, st.Kind, st.Owner), style: style{fill: ownerColor(st.Owner), stroke: ring, width: 1}})
		labels.shapes = append(labels.shapes, shape{kind: label, pts: []geo.Point{{X: st.Pos.X + 4000, Y: st.Pos.Y}}, text: st.ID, style: style{fill: black}})
	}
	s.layers = append(s.layers, zones, routes, corridors, sites, labels)
	return s
}
