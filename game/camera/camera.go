// Package camera maps the map's world space to the screen: the projection of
// longitude and latitude to metres (the float twin of sim/geo.Project), and a
// pannable, zoomable view of it. It has no graphics dependency so it can be
// tested without a display.
package camera

import "math"

// The projection constants of sim/geo: a sinusoidal projection centred on
// Syria with the same metres per degree, so map geometry and engine
// positions line up to within metres.
const (
	metresPerDegree = 111195.0
	originLon       = 38.0
	originLat       = 34.5
)

// Project maps a longitude and latitude in degrees to world metres east (x)
// and north (y) of the origin, as sim/geo.Project does in integers.
func Project(lon, lat float64) (x, y float64) {
	y = (lat - originLat) * metresPerDegree
	x = (lon - originLon) * metresPerDegree * math.Cos(lat*math.Pi/180)
	return x, y
}

// Unproject is the inverse of Project.
func Unproject(x, y float64) (lon, lat float64) {
	lat = y/metresPerDegree + originLat
	c := math.Cos(lat * math.Pi / 180)
	if c == 0 {
		return originLon, lat
	}
	return x/(metresPerDegree*c) + originLon, lat
}

// Rect is an axis-aligned box in world metres.
type Rect struct{ MinX, MinY, MaxX, MaxY float64 }

// Camera is a view of world space in a viewport of the screen. World y grows
// north, screen y grows down.
type Camera struct {
	CX, CY   float64 // the world point at the centre of the viewport
	Scale    float64 // screen pixels per world metre
	X, Y     float64 // the viewport's top-left corner on the screen
	W, H     float64 // the viewport's size in pixels
	MinScale float64 // zoom limits; zero means unlimited
	MaxScale float64
	Bounds   Rect // the centre is kept inside; empty means unclamped
}

// ToScreen maps a world point to screen pixels.
func (c *Camera) ToScreen(x, y float64) (sx, sy float64) {
	return (x-c.CX)*c.Scale + c.X + c.W/2, -(y-c.CY)*c.Scale + c.Y + c.H/2
}

// ToWorld maps a screen pixel to the world point under it.
func (c *Camera) ToWorld(sx, sy float64) (x, y float64) {
	return (sx-c.X-c.W/2)/c.Scale + c.CX, -(sy-c.Y-c.H/2)/c.Scale + c.CY
}

// Pan moves the view by a drag of dx, dy screen pixels: the world follows
// the pointer.
func (c *Camera) Pan(dx, dy float64) {
	c.CX -= dx / c.Scale
	c.CY += dy / c.Scale
}

// ZoomAt multiplies the scale by factor (within the zoom limits) keeping the
// world point under the screen pixel sx, sy where it is.
func (c *Camera) ZoomAt(sx, sy, factor float64) {
	wx, wy := c.ToWorld(sx, sy)
	c.Scale = c.limit(c.Scale * factor)
	c.CX = wx - (sx-c.X-c.W/2)/c.Scale
	c.CY = wy + (sy-c.Y-c.H/2)/c.Scale
}

func (c *Camera) limit(s float64) float64 {
	if c.MinScale > 0 {
		s = max(s, c.MinScale)
	}
	if c.MaxScale > 0 {
		s = min(s, c.MaxScale)
	}
	return s
}

// Clamp keeps the view inside Bounds: the visible box never shows past the
// edge of the map data (a view wider than the data is centred on it).
func (c *Camera) Clamp() {
	b := c.Bounds
	if b.MaxX <= b.MinX || b.MaxY <= b.MinY || c.Scale <= 0 {
		return
	}
	c.CX = clampSpan(c.CX, c.W/(2*c.Scale), b.MinX, b.MaxX)
	c.CY = clampSpan(c.CY, c.H/(2*c.Scale), b.MinY, b.MaxY)
}

// clampSpan keeps a span of half-width half around v within lo..hi, or
// centres it when it is wider.
func clampSpan(v, half, lo, hi float64) float64 {
	if 2*half >= hi-lo {
		return (lo + hi) / 2
	}
	return min(max(v, lo+half), hi-half)
}

// Fit centres the view on a world box and picks the scale that shows all of
// it, within the zoom limits.
func (c *Camera) Fit(r Rect) {
	w, h := r.MaxX-r.MinX, r.MaxY-r.MinY
	if w <= 0 || h <= 0 || c.W <= 0 || c.H <= 0 {
		return
	}
	c.CX, c.CY = (r.MinX+r.MaxX)/2, (r.MinY+r.MaxY)/2
	c.Scale = c.limit(min(c.W/w, c.H/h))
}

// Visible returns the world box the viewport shows.
func (c *Camera) Visible() Rect {
	x0, y1 := c.ToWorld(c.X, c.Y)
	x1, y0 := c.ToWorld(c.X+c.W, c.Y+c.H)
	return Rect{x0, y0, x1, y1}
}

// MetresPerPixel is the world size of one screen pixel.
func (c *Camera) MetresPerPixel() float64 { return 1 / c.Scale }

// Transform returns the affine map from the screen coordinates of an image
// drawn under camera from to the screen coordinates under c: a uniform
// scale k and a translation tx, ty (screen = k·old + t). Cached renders are
// moved with it while the view changes.
func (c *Camera) Transform(from *Camera) (k, tx, ty float64) {
	k = c.Scale / from.Scale
	// a world point w has old screen (w-fromC)*fs + fo and new (w-c)*cs + co
	ox, oy := from.ToScreen(0, 0)
	nx, ny := c.ToScreen(0, 0)
	return k, nx - k*ox, ny - k*oy
}
