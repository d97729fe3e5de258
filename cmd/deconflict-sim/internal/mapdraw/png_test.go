package mapdraw

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"reflect"
	"testing"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// TestWritePNG draws two sites and a halt zone, decodes the PNG and reads
// pixels where the projection, worked out by hand, puts them.
func TestWritePNG(t *testing.T) {
	m, err := mapdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	// Al-Tanf (33.51°N, 38.62°E): Y = (33.51 − 34.5) × 111195 = −110083 m;
	// X = 0.62 × 111195 × cos 33.51° (0.83390) = 57489 m.
	// T4 (34.53°N, 37.60°E): Y = 0.03 × 111195 = 3335 m;
	// X = −0.40 × 111195 × cos 34.53° (0.82387) = −36643 m.
	tanf := geo.Project(33_510_000, 38_620_000)
	t4 := geo.Project(34_530_000, 37_600_000)
	sc := &sim.Scenario{Name: "Test",
		Sites: []sim.Site{{ID: "tanf", Owner: sim.USA, Pos: tanf}, {ID: "t4", Owner: sim.Iran, Pos: t4, Target: true}},
		Zones: []sim.Zone{{ID: "z", Kind: sim.ZoneHalt, Owner: sim.USA, Area: sim.Area{Center: tanf, Radius: 55_000}}},
	}
	var buf bytes.Buffer
	if err := WritePNG(&buf, sc, m); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	// The box, 60 km of margin around the sites and the zone's 55 km
	// radius: X from −36643 − 60000 = −96643 to 57489 + 55000 + 60000 =
	// 172489, 269.1 km × 1.5 px = 404 px; Y from −110083 − 55000 − 60000 =
	// −225083 to 3335 + 60000 = 63335, 288.4 km × 1.5 = 433 px.
	if b := img.Bounds(); b != image.Rect(0, 0, 404, 433) {
		t.Fatalf("image is %v, want 404×433", b)
	}
	usa, iran := color.NRGBA{0x2b, 0x6c, 0xb0, 255}, color.NRGBA{0xc5, 0x30, 0x30, 255}
	// T4 sits at the margin: (60 km × 1.5, 60 km × 1.5) = (90, 90). Al-Tanf:
	// x = (57489 + 96643) m × 1.5 / 1000 = 231.2, y = (63335 + 110083) ×
	// 1.5 / 1000 = 260.1. Both discs are 3 km (4.5 px) across.
	// 30 km north of Al-Tanf (45 px up, y = 215) lies in Syria (#e4dccb)
	// under the zone's 12% blue: 0xe4 × 224/255 + 0x2b × 31/255 = 205.5,
	// 0xdc × 224/255 + 0x6c × 31/255 = 206.4, 0xcb × 224/255 + 0xb0 ×
	// 31/255 = 199.7.
	for _, c := range []struct {
		name string
		x, y int
		want color.NRGBA
	}{
		{"t4", 90, 90, iran},
		{"tanf", 231, 260, usa},
		{"zone north of tanf", 231, 215, color.NRGBA{205, 206, 200, 255}},
	} {
		got := color.NRGBAModel.Convert(img.At(c.x, c.y)).(color.NRGBA)
		if !near(got, c.want) {
			t.Errorf("%s: pixel (%d, %d) is %v, want %v", c.name, c.x, c.y, got, c.want)
		}
	}
	// Ten pixels off a site is not the site's colour.
	for _, p := range []image.Point{{100, 90}, {90, 100}, {241, 260}, {231, 270}} {
		if got := color.NRGBAModel.Convert(img.At(p.X, p.Y)).(color.NRGBA); near(got, usa) || near(got, iran) {
			t.Errorf("pixel %v is a site's colour %v", p, got)
		}
	}
}

// near reports whether two colours differ by at most 2 in each channel
// (the rasteriser's rounding).
func near(a, b color.NRGBA) bool {
	d := func(x, y uint8) bool { return x-y <= 2 || y-x <= 2 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

// TestDashes cuts a 10-pixel line with a 3-on, 2-off pattern: dashes
// 0–3 and 5–8; the next dash would start at 10, the end.
func TestDashes(t *testing.T) {
	got := dashes([]vec{{0, 0}, {10, 0}}, []float64{3, 2})
	want := [][]vec{{{0, 0}, {3, 0}}, {{5, 0}, {8, 0}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dashes %v, want %v", got, want)
	}
	// Round a corner: 4 along x then 4 along y with 5 on, 1 off: the first
	// dash bends at (4, 0) and ends at (4, 1); the second starts at (4, 2).
	got = dashes([]vec{{0, 0}, {4, 0}, {4, 4}}, []float64{5, 1})
	want = [][]vec{{{0, 0}, {4, 0}, {4, 1}}, {{4, 2}, {4, 4}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dashes round a corner %v, want %v", got, want)
	}
	if got := dashes([]vec{{0, 0}, {1, 1}}, nil); len(got) != 1 || len(got[0]) != 2 {
		t.Errorf("no pattern: %v, want the path whole", got)
	}
}
