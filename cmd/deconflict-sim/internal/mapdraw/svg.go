package mapdraw

import (
	"bufio"
	"fmt"
	"html"
	"image/color"
	"io"
	"strings"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// WriteSVG draws sc over m as an SVG document, in kilometres east and
// south of the projection origin.
func WriteSVG(w io.Writer, sc *sim.Scenario, m *mapdata.Map) error {
	s := build(sc, m)
	bw := bufio.NewWriter(w)
	b := s.b
	width, height := float64(b.maxX-b.minX)/1000, float64(b.maxY-b.minY)/1000
	pw, ph := b.size()
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s %s %.1f %.1f" width="%d" height="%d" font-family="sans-serif">`+"\n",
		km(b.minX), km(-b.maxY), width, height, pw, ph)
	fmt.Fprintf(bw, "<title>%s</title>\n", html.EscapeString(s.title))
	fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%.1f" height="%.1f" fill="%s"/>`+"\n", km(b.minX), km(-b.maxY), width, height, hex(sea))
	for _, l := range s.layers {
		extra := ""
		if l.id == "countries" {
			extra = ` fill-rule="evenodd"`
		}
		if l.id == "labels" {
			extra = fmt.Sprintf(` font-size="%d"`, labelSize)
		}
		fmt.Fprintf(bw, `<g id="%s"%s>`+"\n", l.id, extra)
		for i := range l.shapes {
			writeShape(bw, &l.shapes[i])
		}
		bw.WriteString("</g>\n")
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

// writeShape writes one shape as an SVG element.
func writeShape(bw *bufio.Writer, sh *shape) {
	title := ""
	if sh.title != "" {
		title = "<title>" + html.EscapeString(sh.title) + "</title>"
	}
	p := sh.pts[0]
	switch sh.kind {
	case polygon, polyline:
		tag := "polyline"
		if sh.kind == polygon {
			tag = "polygon"
		}
		fmt.Fprintf(bw, `<%s%s points="%s">%s</%s>`+"\n", tag, paint(&sh.style), points(sh.pts), title, tag)
	case circle:
		fmt.Fprintf(bw, `<circle%s cx="%s" cy="%s" r="%s">%s</circle>`+"\n", paint(&sh.style), km(p.X), km(-p.Y), km(sh.r), title)
	case label:
		fmt.Fprintf(bw, `<text x="%s" y="%s">%s</text>`+"\n", km(p.X), km(-p.Y), html.EscapeString(sh.text))
	}
}

// paint gives a style's SVG attributes.
func paint(st *style) string {
	var sb strings.Builder
	if st.fill.A == 0 {
		sb.WriteString(` fill="none"`)
	} else {
		fmt.Fprintf(&sb, ` fill="%s"`, hex(st.fill))
		if st.fill.A != 255 {
			fmt.Fprintf(&sb, ` fill-opacity="%.2f"`, float64(st.fill.A)/255)
		}
	}
	if st.stroke.A != 0 {
		fmt.Fprintf(&sb, ` stroke="%s" stroke-width="%g"`, hex(st.stroke), st.width)
	}
	if len(st.dash) > 0 {
		parts := make([]string, len(st.dash))
		for i, d := range st.dash {
			parts[i] = fmt.Sprintf("%g", d)
		}
		fmt.Fprintf(&sb, ` stroke-dasharray="%s"`, strings.Join(parts, " "))
	}
	return sb.String()
}

// km formats metres as kilometres with one decimal.
func km(v int64) string { return fmt.Sprintf("%.1f", float64(v)/1000) }

// points formats a path as SVG points, y pointing south.
func points(pts []geo.Point) string {
	parts := make([]string, len(pts))
	for i, p := range pts {
		parts[i] = km(p.X) + "," + km(-p.Y)
	}
	return strings.Join(parts, " ")
}

// hex formats a colour as #rrggbb.
func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
