package game

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// mapHit is what lies under the pointer on the map.
type mapHit struct {
	site int32 // a site index, or -1
	ship int32 // a shipment id, or -1
}

// toScreen maps an engine position to the screen.
func (p *Play) toScreen(pt geo.Point) (float64, float64) {
	return p.cam.ToScreen(float64(pt.X), float64(pt.Y))
}

func (p *Play) symbolR() float64 { return p.g.Px(render.SymbolRadius) }

// hitTest finds the site or convoy under a screen point.
func (p *Play) hitTest(x, y float64) mapHit {
	hit := mapHit{site: -1, ship: -1}
	r := p.symbolR() * 1.6
	best := r * r
	for _, s := range p.obs().Shipments {
		sx, sy := p.shipPos(s)
		if d := (sx-x)*(sx-x) + (sy-y)*(sy-y); d < best {
			best, hit.ship = d, s.ID
		}
	}
	sc := p.sess.Scenario()
	for i := range sc.Sites {
		sx, sy := p.toScreen(sc.Sites[i].Pos)
		if d := (sx-x)*(sx-x) + (sy-y)*(sy-y); d < best {
			best, hit.site, hit.ship = d, int32(i), -1
		}
	}
	return hit
}

// mapTip describes what the pointer rests on.
func (p *Play) mapTip() string {
	h := p.hoverObj
	switch {
	case h.site >= 0:
		return p.siteInfo(h.site)
	case h.ship >= 0:
		for _, s := range p.obs().Shipments {
			if s.ID == h.ship {
				c := &p.sess.Scenario().Corridors[s.Corridor]
				detected := ""
				if s.DetectedTill >= p.obs().Turn {
					detected = "\nLocated by Israeli intelligence: strikable."
				}
				return fmt.Sprintf("Weapons convoy, %d units\n%s%s", s.Size, c.Name, detected)
			}
		}
	}
	return ""
}

// shipPos is a convoy's place on screen, moving from where it started the
// turn while the turn is animated.
func (p *Play) shipPos(s sim.ShipmentView) (float64, float64) {
	x1, y1 := p.toScreen(s.Pos)
	from, ok := p.ships.from[s.ID]
	t := p.animProgress()
	if !ok || t >= 1 {
		return x1, y1
	}
	x0, y0 := p.toScreen(from)
	e := ease(t)
	return x0 + (x1-x0)*e, y0 + (y1-y0)*e
}

func ease(t float64) float64 { return t * t * (3 - 2*t) }

// drawMap draws the map, the zones, routes, sites, convoys, animations and labels.
func (p *Play) drawMap(dst *ebiten.Image) {
	g := p.g
	m := p.l.mapR
	sub := render.SubImage(dst, m.X, m.Y, m.W, m.H)
	g.mapLayer.Draw(sub, &p.cam, g.input.Now, g.capture != nil && !g.opt.FrameStats)
	obs := p.obs()
	sc := obs.Scenario
	p.drawZones(sub, obs)
	p.drawRoutes(sub, obs)
	var obstacles []ui.Rect
	var labels []view.Label
	small := g.small()
	r := p.symbolR()
	for i := range sc.Sites {
		s := &sc.Sites[i]
		x, y := p.toScreen(s.Pos)
		if !m.Inset(-r*2).Contains(x, y) {
			continue
		}
		owner := obs.Owner(int32(i))
		sym := view.SiteSymbol(obs.Actor, owner, s)
		v := obs.Sites[i]
		if v.Detected && obs.Actor == sim.Israel {
			g.pt.Reticle(sub, x, y, r, view.Accent())
		}
		g.pt.Symbol(sub, x, y, r, sym, g.Face(8, true))
		if v.Disabled {
			g.pt.Struck(sub, x, y, r)
		}
		if int32(i) == p.selected {
			g.pt.Ring(sub, x, y, r*2.3, g.Px(2), view.Accent())
		}
		if l := view.LevelOf(v.Hazard); l > view.HazardLow && owner == roleOwner(obs.Actor) {
			g.pt.Ring(sub, x, y, r*2.0, g.Px(2), g.pt.Palette.Hazard[l])
		}
		size := r * 1.5
		if sym.City {
			size = r * 0.5
		}
		obstacles = append(obstacles, ui.Rect{X: x - size, Y: y - size, W: 2 * size, H: 2 * size})
		name := view.MapName(s.Name)
		prio := 5
		switch {
		case sym.City && owner == sim.Syria:
			prio = 8
		case sym.City:
			prio = 4
		case owner == roleOwner(obs.Actor):
			prio = 9
		case s.Target:
			prio = 6
		}
		face := small
		labels = append(labels, view.Label{Text: name, X: x, Y: y, W: text.Advance(name, face), H: render.LineHeight(face) * 0.9,
			Gap: size + g.Px(3), Priority: prio, Key: i})
	}
	for _, s := range obs.Shipments {
		x, y := p.shipPos(s)
		g.pt.Symbol(sub, x, y, r*0.8, view.ShipmentSymbol(obs.Actor), g.Face(8, true))
		if s.DetectedTill >= obs.Turn && (obs.Actor == sim.Israel || obs.Actor == sim.NoActor) {
			g.pt.Reticle(sub, x, y, r*0.8, view.Accent())
		}
	}
	p.drawAnims(sub)
	// country names, then the placed labels
	countryFace := g.Face(13, true)
	var countries []view.Label
	for i, cl := range g.mapLayer.CountryLabels() {
		x, y := p.cam.ToScreen(cl.X, cl.Y)
		name := strings.ToUpper(cl.Name)
		if !cl.Big && name != "LEBANON" && name != "ISRAEL" && name != "CYPRUS" {
			continue // the small units: Palestine, the bases and zones of Cyprus
		}
		countries = append(countries, view.Label{Text: name, X: x, Y: y, W: text.Advance(name, countryFace), H: render.LineHeight(countryFace),
			Priority: 10, Key: -1 - i})
	}
	obstacles = append(obstacles, p.scaleBarRect())
	all := append(labels, centredLabels(countries)...)
	placed := view.PlaceLabels(all, obstacles, m.InsetXY(g.Px(2), g.Px(2)))
	for _, pl := range placed {
		if pl.Key < 0 {
			render.Text(sub, pl.Text, countryFace, pl.Box.X, pl.Box.Y, view.CountryTag(), render.Left)
			continue
		}
		s := &sc.Sites[pl.Key]
		clr := view.Text()
		if s.Kind == sim.SiteCity {
			clr = color.RGBA{0xb8, 0xc2, 0xca, 0xff}
		}
		drawHalo(sub, pl.Text, small, pl.Box.X, pl.Box.Y-render.LineHeight(small)*0.05, clr)
	}
	p.drawScaleBar(sub)
}

// centredLabels shifts country labels so that the placement's first choice
// (right of the point, with no gap) centres them on their point.
func centredLabels(ls []view.Label) []view.Label {
	for i := range ls {
		ls[i].X -= ls[i].W / 2
		ls[i].Gap = 0
	}
	return ls
}

// drawHalo draws text with a dark outline so it reads on any background.
func drawHalo(dst *ebiten.Image, s string, face text.Face, x, y float64, clr color.Color) {
	for _, d := range [][2]float64{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
		render.Text(dst, s, face, x+d[0], y+d[1], view.Sea(), render.Left)
	}
	render.Text(dst, s, face, x, y, clr, render.Left)
}

func roleOwner(a sim.Actor) sim.Actor {
	if a == sim.NoActor {
		return sim.USA
	}
	return a
}

// areaPoints returns an area's outline on screen.
func (p *Play) areaPoints(a *sim.Area) []float64 {
	if len(a.Ring) > 0 {
		pts := make([]float64, 0, 2*len(a.Ring))
		for _, q := range a.Ring {
			x, y := p.toScreen(q)
			pts = append(pts, x, y)
		}
		return pts
	}
	x, y := p.toScreen(a.Center)
	return render.CirclePoints(x, y, float64(a.Radius)*p.cam.Scale, 64)
}

func (p *Play) drawZones(dst *ebiten.Image, obs *sim.Observation) {
	g := p.g
	sc := obs.Scenario
	for i := range sc.Zones {
		z := &sc.Zones[i]
		if !view.ZoneInForce(obs, i) {
			continue
		}
		pts := p.areaPoints(&z.Area)
		clr := g.owner(z.Owner)
		fill := g.pt.Polygon
		if len(z.Area.Ring) == 0 {
			fill = g.pt.Convex // a circle
		}
		switch z.Kind {
		case sim.ZoneDeconfliction:
			fill(dst, pts, view.Fade(clr, 0.14))
			g.pt.Dashed(dst, closeRing(pts), g.Px(1.5), g.Px(6), g.Px(4), view.Fade(clr, 0.9))
		case sim.ZoneOperation:
			fill(dst, pts, view.Fade(clr, 0.12))
			g.pt.Dashed(dst, closeRing(pts), g.Px(1.5), g.Px(3), g.Px(4), view.Fade(clr, 0.8))
		case sim.ZoneHalt:
			g.pt.Hatch(dst, pts, g.Px(9), g.Px(1.2), view.Fade(view.Accent(), 0.45))
			g.pt.Polyline(dst, closeRing(pts), g.Px(1.5), view.Fade(view.Accent(), 0.85))
		case sim.ZoneRussia:
			fill(dst, pts, view.Fade(clr, 0.07))
			g.pt.Dashed(dst, closeRing(pts), g.Px(1), g.Px(3), g.Px(3), view.Fade(clr, 0.5))
		}
	}
	for i := range obs.Halts {
		h := &obs.Halts[i]
		if h.Zone >= 0 {
			continue // drawn with its zone
		}
		pts := p.areaPoints(&h.Area)
		g.pt.Hatch(dst, pts, g.Px(9), g.Px(1.2), view.Fade(view.Accent(), 0.45))
		g.pt.Polyline(dst, closeRing(pts), g.Px(1.5), view.Fade(view.Accent(), 0.85))
	}
}

func closeRing(pts []float64) []float64 {
	if len(pts) < 4 {
		return pts
	}
	return append(append([]float64(nil), pts...), pts[0], pts[1])
}

// drawRoutes draws Israel's routes faintly (the one under discussion
// brightly) and Iran's corridors as dotted lines.
func (p *Play) drawRoutes(dst *ebiten.Image, obs *sim.Observation) {
	g := p.g
	sc := obs.Scenario
	hot := int32(-1)
	var hotTarget geo.Point
	if p.hover != nil && p.hover.Order.Kind == sim.OrderStrike {
		hot = p.hover.Order.Route
		for _, t := range obs.Targets {
			if t.Target == p.hover.Order.Target {
				hotTarget = t.Pos
			}
		}
	}
	if hot < 0 && len(p.cards) > 0 {
		// the mission of the card under the pointer, else of the first card
		card := p.cards[0]
		if p.hover != nil {
			for _, c := range p.cards {
				if c.Decision.ID == p.hover.Order.Decision {
					card = c
				}
			}
		}
		if m := cardMission(obs, card); m != nil {
			hot, hotTarget = m.Route, m.TargetPos
			if p.hover != nil && p.hover.Order.Kind == sim.OrderCondition && p.hover.Order.Route >= 0 && p.hover.Order.Decision == card.Decision.ID {
				hot = p.hover.Order.Route
			}
		}
	}
	isr := g.owner(sim.Israel)
	for i := range sc.Routes {
		var pts []float64
		for _, q := range sc.Routes[i].Path {
			x, y := p.toScreen(q)
			pts = append(pts, x, y)
		}
		if int32(i) == hot {
			x, y := p.toScreen(hotTarget)
			pts = append(pts, x, y)
			g.pt.Dashed(dst, pts, g.Px(2.5), g.Px(10), g.Px(5), isr)
			g.pt.Reticle(dst, x, y, p.symbolR()*1.2, isr) // where the strike would land
			continue
		}
		g.pt.Dashed(dst, pts, g.Px(1), g.Px(5), g.Px(6), view.Fade(isr, 0.35))
	}
	ir := g.owner(sim.Iran)
	for i := range sc.Corridors {
		var pts []float64
		for _, q := range sc.Corridors[i].Path {
			x, y := p.toScreen(q)
			pts = append(pts, x, y)
		}
		g.pt.Dashed(dst, pts, g.Px(1.6), g.Px(2), g.Px(5), view.Fade(ir, 0.6))
	}
}

// cardMission finds the mission a card is about, if the player can see it.
func cardMission(obs *sim.Observation, c view.Card) *sim.Mission {
	id := int32(-1)
	switch c.Decision.Kind {
	case sim.DecideResponse:
		id = c.Decision.Subject
	case sim.DecideRequest:
		for _, r := range obs.Requests {
			if r.ID == c.Decision.Subject {
				id = r.Mission
			}
		}
	}
	for i := range obs.Missions {
		if obs.Missions[i].ID == id {
			return &obs.Missions[i]
		}
	}
	return nil
}

// scaleBarRect is where the scale bar goes, kept free of labels.
func (p *Play) scaleBarRect() ui.Rect {
	g := p.g
	return ui.Rect{X: p.l.mapR.X, Y: p.l.mapR.Bottom() - g.Px(34), W: g.Px(190), H: g.Px(34)}
}

// drawScaleBar draws a distance scale in the map's corner.
func (p *Play) drawScaleBar(dst *ebiten.Image) {
	g := p.g
	target := g.Px(120) / p.cam.Scale // metres in about 120 px
	km := 1.0
	for _, k := range []float64{1, 2, 5, 10, 20, 50, 100, 200, 500} {
		if k*1000 <= target {
			km = k
		}
	}
	w := km * 1000 * p.cam.Scale
	x, y := p.l.mapR.X+g.Px(14), p.l.mapR.Bottom()-g.Px(16)
	g.pt.Line(dst, x, y, x+w, y, g.Px(2), view.Text())
	g.pt.Line(dst, x, y-g.Px(5), x, y, g.Px(2), view.Text())
	g.pt.Line(dst, x+w, y-g.Px(5), x+w, y, g.Px(2), view.Text())
	render.Text(dst, fmt.Sprintf("%g km", km), g.small(), x+w+g.Px(6), y-render.LineHeight(g.small())*0.6, view.Dim(), render.Left)
}

// animKind is what an animation shows.
type animKind uint8

const (
	animStrikeHit animKind = iota
	animStrikeMiss
	animAttack
	animResponse
	animHalt
	animPing // a ring where the map was just centred
)

// anim is one event of the last turn replayed on the map.
type anim struct {
	kind  animKind
	path  []geo.Point // the way it travels (the last point is the target)
	at    float64     // start, seconds after the turn's animation begins
	dur   float64
	color color.RGBA
	label string
}

const flashTime = 0.7 // seconds a flash lasts at the target

// animateTurn turns the log entries since the turn began into animations.
func (p *Play) animateTurn(now time.Time, speed float64) {
	if p.g.capture != nil && !p.g.opt.FrameStats {
		p.logMark = len(p.sess.Log()) // a screenshot shows the turn as it ends
		return
	}
	sc := p.sess.Scenario()
	role := p.sess.Role()
	p.anims = p.anims[:0]
	p.animStart, p.animSpeed = now, max(speed, 0.25)
	at := 0.0
	for _, e := range p.sess.Log()[p.logMark:] {
		if !e.SeenBy(role) {
			continue
		}
		var a anim
		switch e.Kind {
		case sim.LogStrikeHit, sim.LogStrikeMiss:
			a = anim{kind: animStrikeHit, color: p.g.owner(sim.Israel), dur: 1.1}
			if e.Kind == sim.LogStrikeMiss {
				a.kind = animStrikeMiss
			}
			a.path = p.strikePath(e)
		case sim.LogAttack:
			if e.Site < 0 {
				continue
			}
			a = anim{kind: animAttack, color: p.g.owner(sim.Iran), dur: 0.9}
			a.path = []geo.Point{launchPoint(p.obs(), e.Site), sc.Sites[e.Site].Pos}
			if e.Value > 0 {
				a.label = fmt.Sprintf("%d killed", e.Value)
			}
		case sim.LogUSResponse:
			if e.Site < 0 {
				continue
			}
			a = anim{kind: animResponse, color: p.g.owner(sim.USA), dur: 1.0}
			a.path = []geo.Point{nearestOwned(p.obs(), sc.Sites[e.Site].Pos, sim.USA), sc.Sites[e.Site].Pos}
		case sim.LogHalt:
			for _, h := range p.obs().Halts {
				if h.ID == e.Subject {
					a = anim{kind: animHalt, color: view.Accent(), dur: 1.0, path: []geo.Point{h.Area.Center}}
				}
			}
			if a.path == nil {
				continue
			}
		default:
			continue
		}
		if len(a.path) == 0 {
			continue
		}
		a.at = at
		at += 0.18
		p.anims = append(p.anims, a)
	}
	p.logMark = len(p.sess.Log())
}

// strikePath is a strike's route to its target, when the player saw the
// mission; else a straight line from Israel.
func (p *Play) strikePath(e sim.Entry) []geo.Point {
	sc := p.sess.Scenario()
	var target geo.Point
	m, seen := p.sess.Mission(e.Subject)
	switch {
	case seen:
		target = m.TargetPos
	case e.Site >= 0:
		target = sc.Sites[e.Site].Pos
	default:
		return nil
	}
	if seen && m.Route >= 0 && int(m.Route) < len(sc.Routes) {
		return append(append([]geo.Point(nil), sc.Routes[m.Route].Path...), target)
	}
	if len(sc.Routes) > 0 && len(sc.Routes[0].Path) > 0 {
		return []geo.Point{sc.Routes[0].Path[0], target}
	}
	return nil
}

// launchPoint is where a proxy attack on a site comes from: the nearest
// militia base, else a point 40 km east.
func launchPoint(obs *sim.Observation, site int32) geo.Point {
	sc := obs.Scenario
	to := sc.Sites[site].Pos
	best, found := int64(math.MaxInt64), geo.Point{X: to.X + 40_000, Y: to.Y}
	for i := range sc.Sites {
		s := &sc.Sites[i]
		if s.Kind == sim.SiteMilitia || s.Kind == sim.SiteDepot && obs.Owner(int32(i)) == sim.Iran {
			if d := geo.Dist2(s.Pos, to); d < best && d > 0 {
				best, found = d, s.Pos
			}
		}
	}
	return found
}

func nearestOwned(obs *sim.Observation, to geo.Point, owner sim.Actor) geo.Point {
	sc := obs.Scenario
	best, found := int64(math.MaxInt64), geo.Point{X: to.X - 80_000, Y: to.Y}
	for i := range sc.Sites {
		if s := &sc.Sites[i]; obs.Owner(int32(i)) == owner && s.Kind != sim.SiteCity {
			if d := geo.Dist2(s.Pos, to); d < best {
				best, found = d, s.Pos
			}
		}
	}
	return found
}

// animLength is how long the current animations run in all.
func (p *Play) animLength() time.Duration {
	end := 0.0
	for _, a := range p.anims {
		end = max(end, a.at+a.dur+flashTime)
	}
	return time.Duration(end / p.animSpeed * float64(time.Second))
}

// animProgress is how far the turn's animation has run, 0..1 (for convoys).
func (p *Play) animProgress() float64 {
	if p.animStart.IsZero() {
		return 1
	}
	total := max(p.animLength().Seconds(), 1.2/p.animSpeed)
	return min(max(p.g.input.Now.Sub(p.animStart).Seconds()/total, 0), 1)
}

func (p *Play) drawAnims(dst *ebiten.Image) {
	g := p.g
	if len(p.anims) == 0 {
		return
	}
	t := p.g.input.Now.Sub(p.animStart).Seconds() * p.animSpeed
	for _, a := range p.anims {
		local := t - a.at
		if local < 0 || local > a.dur+flashTime {
			continue
		}
		var pts []float64
		for _, q := range a.path {
			x, y := p.toScreen(q)
			pts = append(pts, x, y)
		}
		if a.kind == animAttack || a.kind == animResponse {
			pts = arc(pts[0], pts[1], pts[2], pts[3])
		}
		tx, ty := pts[len(pts)-2], pts[len(pts)-1]
		if a.kind == animHalt || a.kind == animPing {
			f := min(local/a.dur, 1)
			g.pt.Ring(dst, tx, ty, g.Px(10)+f*g.Px(60), g.Px(3)*(1-f)+1, view.Fade(a.color, 1-f))
			continue
		}
		if local <= a.dur {
			f := ease(local / a.dur)
			head := along(pts, f)
			seg := subPath(pts, max(0, f-0.3), f)
			g.pt.Polyline(dst, seg, g.Px(2.5), view.Fade(a.color, 0.8))
			g.pt.Circle(dst, head[0], head[1], g.Px(3.5), view.Text())
			continue
		}
		f := (local - a.dur) / flashTime
		switch a.kind {
		case animStrikeHit, animAttack, animResponse:
			burst := color.RGBA{0xff, 0xa0, 0x30, 0xff}
			if a.kind == animAttack {
				burst = view.Danger()
			}
			g.pt.Circle(dst, tx, ty, g.Px(14)*(1-f)+g.Px(3), view.Fade(burst, 1-f))
			g.pt.Ring(dst, tx, ty, g.Px(6)+f*g.Px(26), g.Px(2), view.Fade(burst, 1-f))
			if a.label != "" {
				drawHalo(dst, a.label, g.Face(12, true), tx+g.Px(12), ty-g.Px(22), view.Danger())
			}
		default:
			g.pt.Ring(dst, tx, ty, g.Px(6)+f*g.Px(14), g.Px(1.5), view.Fade(view.Dim(), 1-f))
		}
	}
}

// arc bends a straight line into a curve (x0, y0, …).
func arc(x0, y0, x1, y1 float64) []float64 {
	mx, my := (x0+x1)/2, (y0+y1)/2
	dx, dy := x1-x0, y1-y0
	cx, cy := mx-dy*0.25, my+dx*0.25-math.Hypot(dx, dy)*0.15
	var out []float64
	for i := 0; i <= 16; i++ {
		t := float64(i) / 16
		a, b, c := (1-t)*(1-t), 2*(1-t)*t, t*t
		out = append(out, a*x0+b*cx+c*x1, a*y0+b*cy+c*y1)
	}
	return out
}

// along returns the point at fraction f of a polyline's length.
func along(pts []float64, f float64) [2]float64 {
	total := 0.0
	for i := 2; i+1 < len(pts); i += 2 {
		total += math.Hypot(pts[i]-pts[i-2], pts[i+1]-pts[i-1])
	}
	want := total * f
	for i := 2; i+1 < len(pts); i += 2 {
		l := math.Hypot(pts[i]-pts[i-2], pts[i+1]-pts[i-1])
		if want <= l && l > 0 {
			k := want / l
			return [2]float64{pts[i-2] + (pts[i]-pts[i-2])*k, pts[i-1] + (pts[i+1]-pts[i-1])*k}
		}
		want -= l
	}
	return [2]float64{pts[len(pts)-2], pts[len(pts)-1]}
}

// subPath returns the part of a polyline between fractions a and b.
func subPath(pts []float64, a, b float64) []float64 {
	total := 0.0
	for i := 2; i+1 < len(pts); i += 2 {
		total += math.Hypot(pts[i]-pts[i-2], pts[i+1]-pts[i-1])
	}
	start, end := total*a, total*b
	p0 := along(pts, a)
	out := []float64{p0[0], p0[1]}
	acc := 0.0
	for i := 2; i+1 < len(pts); i += 2 {
		acc += math.Hypot(pts[i]-pts[i-2], pts[i+1]-pts[i-1])
		if acc > start && acc < end {
			out = append(out, pts[i], pts[i+1])
		}
	}
	p1 := along(pts, b)
	return append(out, p1[0], p1[1])
}
