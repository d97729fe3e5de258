package render

import (
	"image"
	"image/color"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/game/camera"
	"github.com/deconflict/deconflict/game/layout"
	"github.com/deconflict/deconflict/game/view"
)

// Settle is how long the view must stay still before the map is drawn
// again at the new zoom; until then the cached image is moved and scaled.
const Settle = 150 * time.Millisecond

// cacheMargin is the share of the viewport drawn beyond each edge, so a pan
// shows map rather than sea until the view settles.
const cacheMargin = 0.3

// line is a projected polyline: x0, y0, x1, y1, … in world metres.
type line []float64

// polygon is a projected area: its rings.
type polygon struct {
	name  string
	rings []line
	box   camera.Rect
}

type level struct {
	countries, lakes []polygon
	borders, coasts  []line
	rivers           []line
}

// CountryLabel is where a country's name goes.
type CountryLabel struct {
	Name string
	X, Y float64 // world metres
	Big  bool
}

// MapLayer draws the static map: countries (Syria highlighted), borders,
// coastlines, rivers and lakes, into a cached image that is redrawn only when
// the view settles.
type MapLayer struct {
	levels [mapdata.NumLevels]level
	tol    [mapdata.NumLevels]float64
	bounds camera.Rect
	labels []CountryLabel

	painter  *Painter
	cache    *ebiten.Image
	cacheCam camera.Camera
	viewW    float64 // the viewport the cache was drawn for
	viewH    float64
	valid    bool
	changed  time.Time // when the view last changed
	lastCam  camera.Camera
	scratchV []ebiten.Vertex
	scratchI []uint16
	// Renders counts full redraws (for frame statistics).
	Renders int
}

// NewMapLayer projects the map's geometry once.
func NewMapLayer(m *mapdata.Map, painter *Painter) *MapLayer {
	ml := &MapLayer{painter: painter, bounds: layout.MapBounds(m)}
	for l := mapdata.Level(0); l < mapdata.NumLevels; l++ {
		ml.tol[l] = m.Tolerance(l)
		lv := &ml.levels[l]
		for _, c := range m.Countries {
			lv.countries = append(lv.countries, projectPolygon(c.Name, c.Rings(l)))
		}
		for _, lk := range m.Lakes {
			lv.lakes = append(lv.lakes, projectPolygon(lk.Name, lk.Rings(l)))
		}
		for _, b := range m.Borders {
			lv.borders = append(lv.borders, projectLines(b.Paths(l))...)
		}
		for _, c := range m.Coastlines {
			lv.coasts = append(lv.coasts, projectLines(c.Paths(l))...)
		}
		for _, r := range m.Rivers {
			lv.rivers = append(lv.rivers, projectLines(r.Paths(l))...)
		}
	}
	for _, c := range ml.levels[mapdata.Coarse].countries {
		x, y, area, ok := centroid(c)
		if spot, known := labelSpot(c.name); known {
			x, y = camera.Project(spot.Lon, spot.Lat)
			ok = true
		}
		if ok {
			ml.labels = append(ml.labels, CountryLabel{Name: c.name, X: x, Y: y, Big: area > 4e10})
		}
	}
	return ml
}

// labelSpot is an open place for a country's name where the centroid of
// its clipped shape would put it under towns or off the map.
func labelSpot(name string) (mapdata.LonLat, bool) {
	switch name {
	case "Syria":
		return mapdata.LonLat{Lon: 38.55, Lat: 35.3}, true
	case "Iraq":
		return mapdata.LonLat{Lon: 42.4, Lat: 33.3}, true
	case "Jordan":
		return mapdata.LonLat{Lon: 37.3, Lat: 31.2}, true
	case "Lebanon":
		return mapdata.LonLat{Lon: 35.95, Lat: 34.2}, true
	case "Turkey":
		return mapdata.LonLat{Lon: 37.8, Lat: 37.75}, true
	case "Israel":
		return mapdata.LonLat{Lon: 34.9, Lat: 30.9}, true
	case "Saudi Arabia":
		return mapdata.LonLat{Lon: 39.3, Lat: 29.6}, true
	case "Egypt":
		return mapdata.LonLat{Lon: 33.0, Lat: 29.2}, true
	case "Iran":
		return mapdata.LonLat{Lon: 44.6, Lat: 34.3}, true
	case "Cyprus":
		return mapdata.LonLat{Lon: 33.0, Lat: 34.95}, true
	}
	return mapdata.LonLat{}, false
}

func projectPolygon(name string, rings [][]mapdata.LonLat) polygon {
	p := polygon{name: name, box: camera.Rect{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}}
	for _, r := range rings {
		ln := projectLine(r)
		for i := 0; i+1 < len(ln); i += 2 {
			p.box.MinX, p.box.MaxX = min(p.box.MinX, ln[i]), max(p.box.MaxX, ln[i])
			p.box.MinY, p.box.MaxY = min(p.box.MinY, ln[i+1]), max(p.box.MaxY, ln[i+1])
		}
		p.rings = append(p.rings, ln)
	}
	return p
}

func projectLines(paths [][]mapdata.LonLat) []line {
	out := make([]line, 0, len(paths))
	for _, p := range paths {
		out = append(out, projectLine(p))
	}
	return out
}

func projectLine(pts []mapdata.LonLat) line {
	out := make(line, 0, 2*len(pts))
	for _, q := range pts {
		x, y := camera.Project(q.Lon, q.Lat)
		out = append(out, x, y)
	}
	return out
}

// centroid returns the area-weighted centre of a polygon's largest ring.
func centroid(p polygon) (x, y, area float64, ok bool) {
	for _, r := range p.rings {
		var a, cx, cy float64
		n := len(r) / 2
		for i := range n {
			x0, y0 := r[2*i], r[2*i+1]
			x1, y1 := r[(2*i+2)%(2*n)], r[(2*i+3)%(2*n)]
			c := x0*y1 - x1*y0
			a += c
			cx += (x0 + x1) * c
			cy += (y0 + y1) * c
		}
		if math.Abs(a/2) > area && a != 0 {
			area, x, y, ok = math.Abs(a/2), cx/(3*a), cy/(3*a), true
		}
	}
	return x, y, area, ok
}

// Bounds returns the world box the map covers.
func (ml *MapLayer) Bounds() camera.Rect { return ml.bounds }

// CountryLabels returns where to write country names.
func (ml *MapLayer) CountryLabels() []CountryLabel { return ml.labels }

// Draw draws the map into dst (a sub-image covering cam's viewport). The
// cache is redrawn when the view has been still for Settle, or at once when
// force is set or nothing usable is cached.
func (ml *MapLayer) Draw(dst *ebiten.Image, cam *camera.Camera, now time.Time, force bool) {
	if *cam != ml.lastCam {
		ml.lastCam, ml.changed = *cam, now
	}
	sizeChanged := ml.cache == nil || cam.W != ml.viewW || cam.H != ml.viewH
	stale := cam.Scale != ml.cacheCam.Scale || cam.CX != ml.cacheCam.CX || cam.CY != ml.cacheCam.CY
	if force && stale || sizeChanged || !ml.valid || stale && now.Sub(ml.changed) >= Settle {
		ml.render(cam)
	}
	dst.Fill(view.Sea())
	c := ml.cacheCam
	k, tx, ty := cam.Transform(&c)
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Scale(k, k)
	op.GeoM.Translate(tx, ty)
	dst.DrawImage(ml.cache, op)
}

// Settling reports whether the cached map was drawn for another view than
// cam's, so it will be redrawn once the view has been still for Settle.
func (ml *MapLayer) Settling(cam *camera.Camera) bool {
	return !ml.valid || cam.Scale != ml.cacheCam.Scale || cam.CX != ml.cacheCam.CX || cam.CY != ml.cacheCam.CY
}

// render redraws the cache for the camera, with a margin around the view.
func (ml *MapLayer) render(cam *camera.Camera) {
	w := math.Ceil(cam.W * (1 + 2*cacheMargin))
	h := math.Ceil(cam.H * (1 + 2*cacheMargin))
	if ml.cache == nil || ml.cache.Bounds().Dx() != int(w) || ml.cache.Bounds().Dy() != int(h) {
		if ml.cache != nil {
			ml.cache.Deallocate()
		}
		ml.cache = ebiten.NewImage(int(max(w, 1)), int(max(h, 1)))
	}
	c := camera.Camera{CX: cam.CX, CY: cam.CY, Scale: cam.Scale, W: w, H: h}
	ml.cacheCam, ml.valid = c, true
	ml.viewW, ml.viewH = cam.W, cam.H
	ml.Renders++
	img := ml.cache
	img.Fill(view.Sea())
	lvl := mapdata.Fine
	degPerPixel := c.MetresPerPixel() / 111195
	for l := mapdata.Coarse; l < mapdata.Fine; l++ {
		if ml.tol[l] <= degPerPixel {
			lvl = l
			break
		}
	}
	lv := &ml.levels[lvl]
	vis := c.Visible()
	for _, p := range lv.countries {
		clr := view.Land()
		if p.name == "Syria" {
			clr = view.Syria()
		}
		ml.fill(img, &c, vis, p, clr)
	}
	for _, p := range lv.lakes {
		ml.fill(img, &c, vis, p, view.Lake())
	}
	s := min(max(c.Scale*4000, 0.8), 2.2) // line widths grow a little with zoom
	ml.strokeAll(img, &c, lv.rivers, 1.1*s, view.River())
	ml.strokeAll(img, &c, lv.coasts, 1.0*s, view.Coast())
	ml.strokeAll(img, &c, lv.borders, 1.2*s, view.Border())
}

func (ml *MapLayer) fill(img *ebiten.Image, c *camera.Camera, vis camera.Rect, p polygon, clr color.Color) {
	if p.box.MaxX < vis.MinX || p.box.MinX > vis.MaxX || p.box.MaxY < vis.MinY || p.box.MinY > vis.MaxY {
		return
	}
	var path vector.Path
	for _, r := range p.rings {
		for i := 0; i+1 < len(r); i += 2 {
			x, y := c.ToScreen(r[i], r[i+1])
			if i == 0 {
				path.MoveTo(float32(x), float32(y))
			} else {
				path.LineTo(float32(x), float32(y))
			}
		}
		path.Close()
	}
	// the map's largest country has well under the 65,536 points one batch of
	// 16-bit indices can address
	ml.scratchV, ml.scratchI = path.AppendVerticesAndIndicesForFilling(ml.scratchV[:0], ml.scratchI[:0])
	// no anti-aliasing: the coast and border lines drawn over the edges smooth them
	ml.painter.DrawTriangles(img, ml.scratchV, ml.scratchI, clr, ebiten.FillRuleEvenOdd, false)
}

func (ml *MapLayer) strokeAll(img *ebiten.Image, c *camera.Camera, lines []line, width float64, clr color.Color) {
	var path vector.Path
	n := 0
	flush := func() {
		ml.painter.Stroke(img, &path, width, clr)
		path = vector.Path{}
		n = 0
	}
	vis := c.Visible()
	for _, ln := range lines {
		if !lineVisible(ln, vis) {
			continue
		}
		if n > 6000 {
			flush()
		}
		for i := 0; i+1 < len(ln); i += 2 {
			x, y := c.ToScreen(ln[i], ln[i+1])
			if i == 0 {
				path.MoveTo(float32(x), float32(y))
			} else {
				path.LineTo(float32(x), float32(y))
			}
			n++
		}
	}
	flush()
}

// lineVisible reports whether a line's bounding box meets the visible box.
func lineVisible(ln line, vis camera.Rect) bool {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := 0; i+1 < len(ln); i += 2 {
		minX, maxX = min(minX, ln[i]), max(maxX, ln[i])
		minY, maxY = min(minY, ln[i+1]), max(maxY, ln[i+1])
	}
	return maxX >= vis.MinX && minX <= vis.MaxX && maxY >= vis.MinY && minY <= vis.MaxY
}

// SubImage returns the part of dst inside a rectangle.
func SubImage(dst *ebiten.Image, x, y, w, h float64) *ebiten.Image {
	r := image.Rect(int(math.Floor(x)), int(math.Floor(y)), int(math.Ceil(x+w)), int(math.Ceil(y+h)))
	return dst.SubImage(r).(*ebiten.Image)
}
