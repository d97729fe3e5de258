package layout

import (
	"testing"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/game/camera"
	"github.com/deconflict/deconflict/game/ui"
)

func TestPlayScreenTilesTheWindow(t *testing.T) {
	for _, size := range [][2]float64{{1280, 800}, {960, 600}, {2560, 1600}, {640, 400}} {
		l := PlayScreen(size[0], size[1], Scale(size[0], size[1], 1, 1))
		area := 0.0
		for _, r := range []ui.Rect{l.Bar, l.Map, l.Panel, l.Log, l.Hints} {
			area += r.W * r.H
		}
		if area != size[0]*size[1] {
			t.Errorf("%v: the regions cover %v of %v pixels", size, area, size[0]*size[1])
		}
		if l.Map.W < size[0]/2 || l.Map.H < size[1]/3 {
			t.Errorf("%v: the map gets only %vx%v", size, l.Map.W, l.Map.H)
		}
		if l.Map.Overlaps(l.Panel) || l.Map.Overlaps(l.Log) || l.Bar.Overlaps(l.Map) || l.Log.Overlaps(l.Hints) || l.Panel.Overlaps(l.Log) {
			t.Errorf("%v: regions overlap: %+v", size, l)
		}
	}
}

func TestInitialCameraShowsSyria(t *testing.T) {
	m, err := mapdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	l := PlayScreen(1280, 800, Scale(1280, 800, 1, 1))
	c := InitialCamera(l.Map, MapBounds(m))
	for _, p := range []struct {
		name     string
		lon, lat float64
	}{{"Damascus", 36.29, 33.51}, {"Al-Tanf", 38.62, 33.51}, {"Aleppo", 37.16, 36.2}, {"Al-Bukamal", 40.92, 34.45}, {"Beirut", 35.5, 33.89}} {
		x, y := c.ToScreen(camera.Project(p.lon, p.lat))
		if !l.Map.Contains(x, y) {
			t.Errorf("%s at %.0f,%.0f is outside the map view %+v", p.name, x, y, l.Map)
		}
	}
	if c.Scale < c.MinScale || c.Scale > c.MaxScale {
		t.Errorf("scale %v outside %v..%v", c.Scale, c.MinScale, c.MaxScale)
	}
}

// A row keeps room for "+N more" when its items do not all fit.
func TestFitRow(t *testing.T) {
	more := func(int) float64 { return 30 }
	widths := []float64{100, 100, 100}
	cases := []struct {
		room float64
		want int
	}{
		{320, 3}, // 100+10+100+10+100 = 320: all fit, no notice needed
		{319, 2}, // the third does not: 100+10+100 + 10+30 = 250 ≤ 319
		{249, 1}, // 100+10+100+10+30 = 250 > 249: one, then the notice (100+10+30)
		{139, 0}, // 100+10+30 = 140 > 139: only the notice
	}
	for _, c := range cases {
		if got := FitRow(widths, c.room, 10, more); got != c.want {
			t.Errorf("FitRow in %v = %d, want %d", c.room, got, c.want)
		}
	}
}

// However far the player zooms out or pans, at any window shape, the view
// shows nothing past the edge of the map data.
func TestViewStaysOnTheMap(t *testing.T) {
	m, err := mapdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	b := MapBounds(m)
	for _, size := range [][2]float64{{960, 600}, {1280, 800}, {1920, 1080}, {3840, 1080}, {800, 1600}} {
		l := PlayScreen(size[0], size[1], Scale(size[0], size[1], 1, 1))
		c := InitialCamera(l.Map, b)
		c.ZoomAt(c.X+c.W/2, c.Y+c.H/2, 1e-6) // all the way out
		for _, pan := range [][2]float64{{1e6, 0}, {-1e6, 0}, {0, 1e6}, {0, -1e6}} {
			c.Pan(pan[0], pan[1])
			c.Clamp()
			v := c.Visible()
			const eps = 1e-6
			if v.MinX < b.MinX-eps || v.MaxX > b.MaxX+eps || v.MinY < b.MinY-eps || v.MaxY > b.MaxY+eps {
				t.Errorf("%vx%v: the view %+v leaves the map %+v", size[0], size[1], v, b)
			}
		}
	}
}

// TestWindow centres a window and keeps it 20 units inside a screen too
// small for it.
func TestWindow(t *testing.T) {
	// 420×360 on 1280×800: (1280-420)/2 = 430, (800-360)/2 = 220
	if got, want := Window(1280, 800, 1, 420, 360), (ui.Rect{X: 430, Y: 220, W: 420, H: 360}); got != want {
		t.Errorf("Window on 1280×800 = %+v, want %+v", got, want)
	}
	// 900×600 on 640×400 at scale 2: 20 units are 40 px, so 600×360 at 20,20
	if got, want := Window(640, 400, 2, 900, 600), (ui.Rect{X: 20, Y: 20, W: 600, H: 360}); got != want {
		t.Errorf("Window on 640×400 = %+v, want %+v", got, want)
	}
}
