// Package layout holds the geometry of the game's screens that more than
// the renderer needs: the size of a layout unit, the regions of the play
// screen and the camera a game starts with. It has no graphics dependency,
// so tests (such as the screenshot smoke test) can find where things are
// drawn.
package layout

import (
	"math"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/game/camera"
	"github.com/deconflict/deconflict/game/ui"
)

// Scale is the size of one layout unit in device pixels for a screen of
// w×h device pixels: the device scale factor times the player's UI scale,
// adjusted a little to the window so text stays readable in small windows
// and not tiny in big ones.
func Scale(w, h, dsf, uiScale float64) float64 {
	fit := min(max(min(w/dsf/1280, h/dsf/800), 0.82), 1.6)
	return dsf * uiScale * fit
}

// Px converts layout units to whole device pixels.
func Px(scale, v float64) float64 { return math.Round(v * scale) }

// Play are the regions of the play screen.
type Play struct {
	Bar, Map, Panel, Log, Hints ui.Rect
}

// PlayScreen lays out the play screen: the top bar, the hint line at the
// bottom, the log above it, the decisions panel on the right and the map.
func PlayScreen(w, h, scale float64) Play {
	full := ui.Rect{W: w, H: h}
	bar, rest := full.CutTop(Px(scale, 42))
	hints, rest := rest.CutBottom(Px(scale, 26))
	log, rest := rest.CutBottom(min(max(Px(scale, 160), h*0.2), h*0.32))
	panel, m := rest.CutRight(min(max(Px(scale, 390), w*0.27), w*0.45))
	return Play{Bar: bar, Map: m, Panel: panel, Log: log, Hints: hints}
}

// MapBounds is the world box of the map data.
func MapBounds(m *mapdata.Map) camera.Rect {
	x0, y0 := camera.Project(m.Bounds.Min.Lon, m.Bounds.Min.Lat)
	x1, y1 := camera.Project(m.Bounds.Max.Lon, m.Bounds.Max.Lat)
	x2, _ := camera.Project(m.Bounds.Min.Lon, m.Bounds.Max.Lat)
	x3, _ := camera.Project(m.Bounds.Max.Lon, m.Bounds.Min.Lat)
	return camera.Rect{MinX: min(x0, x2), MinY: y0, MaxX: max(x1, x3), MaxY: y1}
}

// MaxScale is the closest zoom: 120 metres a pixel.
const MaxScale = 1.0 / 120

// Limit sets a camera's viewport and its zoom and pan limits.
func Limit(c *camera.Camera, view ui.Rect, bounds camera.Rect) {
	c.X, c.Y, c.W, c.H = view.X, view.Y, view.W, view.H
	c.Bounds = bounds
	// zoomed out as far as it goes, the map data still fills the view: no
	// straight cut through Turkey or Iraq shows at a wide window
	c.MinScale = max(view.W/(bounds.MaxX-bounds.MinX), view.H/(bounds.MaxY-bounds.MinY))
	c.MaxScale = MaxScale
	c.Scale = min(max(c.Scale, c.MinScale), c.MaxScale)
	c.Clamp()
}

// InitialCamera shows all of Syria, with Lebanon and the coast, in view.
func InitialCamera(view ui.Rect, bounds camera.Rect) camera.Camera {
	c := camera.Camera{X: view.X, Y: view.Y, W: view.W, H: view.H, Scale: 1}
	x0, y0 := camera.Project(34.5, 31.9)
	x1, y1 := camera.Project(42.4, 37.5)
	c.Fit(camera.Rect{MinX: x0, MinY: y0, MaxX: x1, MaxY: y1})
	Limit(&c, view, bounds)
	return c
}

// FitRow returns how many items of the given widths fit one after another
// in room, with gap between them. When not all fit, the room for a notice
// of the hidden ones (more(hidden) wide, after a gap) is kept, so a bar
// never drops items without saying so.
func FitRow(widths []float64, room, gap float64, more func(hidden int) float64) int {
	used := 0.0
	for i, w := range widths {
		need := w
		if i < len(widths)-1 {
			need += gap + more(len(widths)-i-1) // the rest might not fit: keep room to say so
		}
		if used+need > room {
			// item i does not fit with a notice after it: show the ones
			// before it, and the notice for the rest
			if i == len(widths)-1 && used+w <= room {
				return len(widths)
			}
			return i
		}
		used += w + gap
	}
	return len(widths)
}

// Window is a window of w×h device pixels over a screen of sw×sh, centred
// and kept 20 layout units inside a screen too small for it.
func Window(sw, sh, scale, w, h float64) ui.Rect {
	w, h = min(w, sw-Px(scale, 20)), min(h, sh-Px(scale, 20))
	return ui.Rect{W: sw, H: sh}.Center(w, h)
}
