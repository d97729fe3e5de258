package mapdraw

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// TestWrite draws a small scenario and reads the SVG back as XML: one
// element per site, zone, route (and its reach) and corridor, each where
// the projection puts it.
func TestWriteSVG(t *testing.T) {
	m, err := mapdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	tanf := geo.Project(33_510_000, 38_620_000)
	t4 := geo.Project(34_530_000, 37_600_000)
	sc := &sim.Scenario{Name: "Test & map",
		Sites:     []sim.Site{{ID: "tanf", Name: "Al-Tanf", Owner: sim.USA, Pos: tanf}, {ID: "t4", Name: "T4", Owner: sim.Iran, Pos: t4, Target: true}},
		Zones:     []sim.Zone{{ID: "z", Name: "Zone", Kind: sim.ZoneHalt, Owner: sim.USA, Area: sim.Area{Center: tanf, Radius: 55_000}}},
		Routes:    []sim.Route{{ID: "r", Name: "South", Path: []geo.Point{geo.Project(31_210_000, 35_010_000), t4}, Reach: 100_000}},
		Corridors: []sim.Corridor{{ID: "c", Name: "Road", Path: []geo.Point{t4, tanf}}},
	}
	var buf bytes.Buffer
	if err := WriteSVG(&buf, sc, m); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ViewBox string `xml:"viewBox,attr"`
		Title   string `xml:"title"`
		Groups  []struct {
			ID      string `xml:"id,attr"`
			Circles []struct {
				CX string `xml:"cx,attr"`
				CY string `xml:"cy,attr"`
				R  string `xml:"r,attr"`
			} `xml:"circle"`
			Lines    []struct{} `xml:"polyline"`
			Polygons []struct{} `xml:"polygon"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if doc.Title != "Test & map" {
		t.Errorf("title %q", doc.Title)
	}
	count := map[string][3]int{}
	for _, g := range doc.Groups {
		count[g.ID] = [3]int{len(g.Circles), len(g.Lines), len(g.Polygons)}
	}
	// Sites: two circles; the zone: one circle; the route: its line and its
	// reach; the corridor: one line.
	for id, want := range map[string][3]int{"sites": {2, 0, 0}, "zones": {1, 0, 0}, "routes": {1, 1, 0}, "corridors": {0, 1, 0}} {
		if count[id] != want {
			t.Errorf("group %s: circles, lines, polygons = %v, want %v", id, count[id], want)
		}
	}
	for _, g := range doc.Groups {
		if g.ID == "zones" {
			// Al-Tanf (33.51°N, 38.62°E) projects to X = 0.62° × 111195 m ×
			// cos 33.51° (0.8339) = 57.5 km east and Y = −0.99° × 111195 m =
			// −110.1 km; the SVG's y points south. Radius 55 km.
			c := g.Circles[0]
			if want := [3]string{"57.5", "110.1", "55.0"}; [3]string{c.CX, c.CY, c.R} != want {
				t.Errorf("zone circle %v, want %v", c, want)
			}
		}
	}
	if len(doc.Groups) < 7 || count["countries"][2] == 0 {
		t.Errorf("the base map is missing: %v", count)
	}
}
