package camera

import (
	"math"
	"testing"

	"github.com/deconflict/deconflict/sim/geo"
	"pgregory.net/rapid"
)

func TestProjectMatchesEngine(t *testing.T) {
	places := []struct{ lon, lat float64 }{
		{36.2765, 33.5138}, // Damascus
		{38.6167, 33.4989}, // Al-Tanf
		{40.9170, 34.4500}, // Al-Bukamal
		{35.9500, 35.4000}, // Hmeimim
		{32.5, 28.5}, {44.5, 38.5},
	}
	for _, p := range places {
		x, y := Project(p.lon, p.lat)
		g := geo.Project(geo.Micro(p.lat), geo.Micro(p.lon))
		if math.Abs(x-float64(g.X)) > 50 || math.Abs(y-float64(g.Y)) > 50 {
			t.Errorf("Project(%v, %v) = %.0f, %.0f; engine %d, %d", p.lon, p.lat, x, y, g.X, g.Y)
		}
		lon, lat := Unproject(x, y)
		if math.Abs(lon-p.lon) > 1e-9 || math.Abs(lat-p.lat) > 1e-9 {
			t.Errorf("Unproject(Project(%v, %v)) = %v, %v", p.lon, p.lat, lon, lat)
		}
	}
}

func genCamera(t *rapid.T) *Camera {
	return &Camera{
		CX:    rapid.Float64Range(-1e6, 1e6).Draw(t, "cx"),
		CY:    rapid.Float64Range(-1e6, 1e6).Draw(t, "cy"),
		Scale: rapid.Float64Range(1e-5, 1e-1).Draw(t, "scale"),
		X:     rapid.Float64Range(0, 400).Draw(t, "x"),
		Y:     rapid.Float64Range(0, 400).Draw(t, "y"),
		W:     rapid.Float64Range(100, 3000).Draw(t, "w"),
		H:     rapid.Float64Range(100, 3000).Draw(t, "h"),
	}
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*(1+math.Abs(a)+math.Abs(b)) }

func TestZoomKeepsPointUnderCursor(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCamera(t)
		c.MinScale, c.MaxScale = 1e-5, 1e-1
		sx := c.X + rapid.Float64Range(0, c.W).Draw(t, "sx")
		sy := c.Y + rapid.Float64Range(0, c.H).Draw(t, "sy")
		wx, wy := c.ToWorld(sx, sy)
		c.ZoomAt(sx, sy, rapid.Float64Range(0.1, 10).Draw(t, "factor"))
		if c.Scale < c.MinScale || c.Scale > c.MaxScale {
			t.Fatalf("scale %v outside its limits", c.Scale)
		}
		gx, gy := c.ToScreen(wx, wy)
		if math.Abs(gx-sx) > 1e-6 || math.Abs(gy-sy) > 1e-6 {
			t.Fatalf("point under the cursor moved from %v,%v to %v,%v", sx, sy, gx, gy)
		}
	})
}

func TestPanThenInversePanIsIdentity(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCamera(t)
		before := *c
		dx := rapid.Float64Range(-5000, 5000).Draw(t, "dx")
		dy := rapid.Float64Range(-5000, 5000).Draw(t, "dy")
		c.Pan(dx, dy)
		c.Pan(-dx, -dy)
		// rounding is relative to the size of the move in world metres
		tol := 1e-12 * (math.Abs(before.CX) + math.Abs(before.CY) + (math.Abs(dx)+math.Abs(dy))/c.Scale)
		if math.Abs(c.CX-before.CX) > tol || math.Abs(c.CY-before.CY) > tol {
			t.Fatalf("centre moved from %v,%v to %v,%v", before.CX, before.CY, c.CX, c.CY)
		}
	})
}

func TestPanMovesWorldWithPointer(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCamera(t)
		sx, sy := c.X+c.W/3, c.Y+c.H/4
		wx, wy := c.ToWorld(sx, sy)
		dx := rapid.Float64Range(-500, 500).Draw(t, "dx")
		dy := rapid.Float64Range(-500, 500).Draw(t, "dy")
		c.Pan(dx, dy)
		gx, gy := c.ToScreen(wx, wy)
		if math.Abs(gx-(sx+dx)) > 1e-6 || math.Abs(gy-(sy+dy)) > 1e-6 {
			t.Fatalf("dragged point at %v,%v, want %v,%v", gx, gy, sx+dx, sy+dy)
		}
	})
}

func TestScreenWorldRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCamera(t)
		sx := rapid.Float64Range(-1000, 4000).Draw(t, "sx")
		sy := rapid.Float64Range(-1000, 4000).Draw(t, "sy")
		gx, gy := c.ToScreen(c.ToWorld(sx, sy))
		if math.Abs(gx-sx) > 1e-6 || math.Abs(gy-sy) > 1e-6 {
			t.Fatalf("round trip %v,%v → %v,%v", sx, sy, gx, gy)
		}
	})
}

func TestTransformMovesCachedImage(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		old := genCamera(t)
		c := *old
		c.Pan(rapid.Float64Range(-300, 300).Draw(t, "dx"), rapid.Float64Range(-300, 300).Draw(t, "dy"))
		c.ZoomAt(c.X+c.W/2, c.Y+c.H/3, rapid.Float64Range(0.5, 2).Draw(t, "f"))
		k, tx, ty := c.Transform(old)
		wx := rapid.Float64Range(-1e6, 1e6).Draw(t, "wx")
		wy := rapid.Float64Range(-1e6, 1e6).Draw(t, "wy")
		ox, oy := old.ToScreen(wx, wy)
		nx, ny := c.ToScreen(wx, wy)
		if !near(k*ox+tx, nx, 1e-9) || !near(k*oy+ty, ny, 1e-9) {
			t.Fatalf("transform maps %v,%v to %v,%v, want %v,%v", ox, oy, k*ox+tx, k*oy+ty, nx, ny)
		}
	})
}

func TestClampAndFit(t *testing.T) {
	// at scale 10 the 800×600 view shows 80×60 world units: the centre stays
	// 40 from the x edges and 30 from the y edges of -100..100
	c := Camera{W: 800, H: 600, Scale: 10, Bounds: Rect{-100, -100, 100, 100}}
	c.CX, c.CY = 500, -500
	c.Clamp()
	if c.CX != 60 || c.CY != -70 {
		t.Errorf("Clamp gave centre %v,%v, want 60,-70", c.CX, c.CY)
	}
	// at scale 1 the view (800 wide) is wider than the data (200): centred
	c.Scale, c.CX, c.CY = 1, 500, 500
	c.Clamp()
	if c.CX != 0 || c.CY != 0 {
		t.Errorf("Clamp of a view wider than the data gave %v,%v, want 0,0", c.CX, c.CY)
	}
	c.Fit(Rect{0, 0, 4000, 1000})
	if c.Scale != 0.2 || c.CX != 2000 || c.CY != 500 {
		t.Errorf("Fit gave scale %v centre %v,%v", c.Scale, c.CX, c.CY)
	}
	v := c.Visible()
	if !near(v.MinX, 0, 1e-12) || !near(v.MaxX, 4000, 1e-12) {
		t.Errorf("Visible = %+v after fitting 0..4000 across", v)
	}
}
