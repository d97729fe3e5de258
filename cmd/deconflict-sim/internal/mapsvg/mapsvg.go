// Package mapsvg draws a scenario on the real map as SVG, without cgo: the
// countries, coasts, borders and rivers of the embedded map, then the
// scenario's zones, routes with their reach, corridors and sites, so an
// author can see what a file says before playing it.
package mapsvg

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"strings"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// margin is the space left around the scenario's geometry, in metres.
const margin = 60_000

// Colours of the layers.
const (
	land      = "#efeae0"
	syria     = "#e4dccb"
	sea       = "#cfe0ec"
	lineColor = "#8a8a8a"
	river     = "#7fa7c7"
)

// ownerColor gives each actor a colour for its sites and zones.
func ownerColor(a sim.Actor) string {
	switch a {
	case sim.USA:
		return "#2b6cb0"
	case sim.Israel:
		return "#2f855a"
	case sim.Iran, sim.Hezbollah:
		return "#c53030"
	case sim.Russia:
		return "#6b46c1"
	case sim.Syria:
		return "#b7791f"
	}
	return "#4a5568"
}

// box is an area in projected metres.
type box struct{ minX, minY, maxX, maxY int64 }

func (b *box) add(p geo.Point, r int64) {
	b.minX, b.maxX = min(b.minX, p.X-r), max(b.maxX, p.X+r)
	b.minY, b.maxY = min(b.minY, p.Y-r), max(b.maxY, p.Y+r)
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

// Write draws sc over m as an SVG document, in kilometres east and south
// of the projection origin.
func Write(w io.Writer, sc *sim.Scenario, m *mapdata.Map) error {
	bw := bufio.NewWriter(w)
	b := bounds(sc)
	km := func(v int64) string { return fmt.Sprintf("%.1f", float64(v)/1000) }
	pt := func(p geo.Point) string { return km(p.X) + "," + km(-p.Y) }
	width, height := float64(b.maxX-b.minX)/1000, float64(b.maxY-b.minY)/1000
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s %s %.1f %.1f" width="%.0f" height="%.0f" font-family="sans-serif">`+"\n",
		km(b.minX), km(-b.maxY), width, height, width*1.5, height*1.5)
	fmt.Fprintf(bw, "<title>%s</title>\n", html.EscapeString(sc.Name))
	fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%.1f" height="%.1f" fill="%s"/>`+"\n", km(b.minX), km(-b.maxY), width, height, sea)
	lonLat := func(q mapdata.LonLat) string {
		return pt(geo.Project(geo.Micro(q.Lat), geo.Micro(q.Lon)))
	}
	poly := func(pts []mapdata.LonLat) string {
		parts := make([]string, len(pts))
		for i, q := range pts {
			parts[i] = lonLat(q)
		}
		return strings.Join(parts, " ")
	}
	bw.WriteString(`<g id="countries" stroke="none" fill-rule="evenodd">` + "\n")
	for _, c := range m.Countries {
		fill := land
		if c.Code == "SYR" {
			fill = syria
		}
		for _, ring := range c.Rings(mapdata.Coarse) {
			fmt.Fprintf(bw, `<polygon fill="%s" points="%s"><title>%s</title></polygon>`+"\n", fill, poly(ring), html.EscapeString(c.Name))
		}
	}
	bw.WriteString("</g>\n")
	lines := func(id, color string, width float64, ls []mapdata.Line) {
		fmt.Fprintf(bw, `<g id="%s" fill="none" stroke="%s" stroke-width="%.1f">`+"\n", id, color, width)
		for _, ln := range ls {
			for _, p := range ln.Paths(mapdata.Coarse) {
				fmt.Fprintf(bw, `<polyline points="%s"/>`+"\n", poly(p))
			}
		}
		bw.WriteString("</g>\n")
	}
	lines("coasts", lineColor, 1, m.Coastlines)
	borders := make([]mapdata.Line, len(m.Borders))
	for i := range m.Borders {
		borders[i] = m.Borders[i].Line
	}
	lines("borders", lineColor, 1.5, borders)
	lines("rivers", river, 1, m.Rivers)

	bw.WriteString(`<g id="zones" fill-opacity="0.12" stroke-width="1.5">` + "\n")
	for i := range sc.Zones {
		z := &sc.Zones[i]
		c := ownerColor(z.Owner)
		dash := ""
		if z.Kind == sim.ZoneHalt {
			dash = ` stroke-dasharray="6 4"`
		}
		title := fmt.Sprintf("<title>%s (%s zone, %s..%s)</title>", html.EscapeString(z.Name), z.Kind, sim.FormatDay(z.From), sim.FormatDay(z.To))
		if len(z.Area.Ring) > 0 {
			parts := make([]string, len(z.Area.Ring))
			for j, p := range z.Area.Ring {
				parts[j] = pt(p)
			}
			fmt.Fprintf(bw, `<polygon fill="%s" stroke="%s"%s points="%s">%s</polygon>`+"\n", c, c, dash, strings.Join(parts, " "), title)
		} else {
			fmt.Fprintf(bw, `<circle fill="%s" stroke="%s"%s cx="%s" cy="%s" r="%s">%s</circle>`+"\n", c, c, dash, km(z.Area.Center.X), km(-z.Area.Center.Y), km(z.Area.Radius), title)
		}
	}
	bw.WriteString("</g>\n")

	bw.WriteString(`<g id="routes" fill="none" stroke="` + ownerColor(sim.Israel) + `">` + "\n")
	for i := range sc.Routes {
		r := &sc.Routes[i]
		parts := make([]string, len(r.Path))
		for j, p := range r.Path {
			parts[j] = pt(p)
		}
		end := r.Path[len(r.Path)-1]
		fmt.Fprintf(bw, `<polyline stroke-width="2" points="%s"><title>route %s: %s</title></polyline>`+"\n", strings.Join(parts, " "), r.ID, html.EscapeString(r.Name))
		fmt.Fprintf(bw, `<circle stroke-width="1" stroke-dasharray="3 3" cx="%s" cy="%s" r="%s"><title>reach of route %s: %s km</title></circle>`+"\n",
			km(end.X), km(-end.Y), km(r.Reach), r.ID, km(r.Reach))
	}
	bw.WriteString("</g>\n")

	bw.WriteString(`<g id="corridors" fill="none" stroke="` + ownerColor(sim.Iran) + `" stroke-width="2.5" stroke-dasharray="8 3">` + "\n")
	for i := range sc.Corridors {
		k := &sc.Corridors[i]
		parts := make([]string, len(k.Path))
		for j, p := range k.Path {
			parts[j] = pt(p)
		}
		fmt.Fprintf(bw, `<polyline points="%s"><title>corridor %s: %s</title></polyline>`+"\n", strings.Join(parts, " "), k.ID, html.EscapeString(k.Name))
	}
	bw.WriteString("</g>\n")

	bw.WriteString(`<g id="sites" font-size="7">` + "\n")
	for i := range sc.Sites {
		s := &sc.Sites[i]
		c := ownerColor(s.Owner)
		stroke := "white"
		if s.Target {
			stroke = "black"
		}
		fmt.Fprintf(bw, `<circle cx="%s" cy="%s" r="3" fill="%s" stroke="%s"><title>%s (%s, %s)</title></circle>`+"\n",
			km(s.Pos.X), km(-s.Pos.Y), c, stroke, html.EscapeString(s.Name), s.Kind, s.Owner)
		fmt.Fprintf(bw, `<text x="%.1f" y="%s">%s</text>`+"\n", float64(s.Pos.X)/1000+4, km(-s.Pos.Y), html.EscapeString(s.ID))
	}
	bw.WriteString("</g>\n</svg>\n")
	return bw.Flush()
}
