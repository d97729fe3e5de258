package game

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/deconflict/deconflict/game/keymap"
	"github.com/deconflict/deconflict/game/layout"
	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/save"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/settingsui"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/sim"
)

func (p *Play) openOverlay(k overlayKind) {
	p.overlay = k
	p.ovSt = ui.State{}
	if k == overlaySettings {
		p.settingsWin.open(settingsui.Settings)
	}
	if k == overlayGuide {
		p.guide = view.Guide{}
	}
	if k == overlayLoad {
		p.loadScroll = ui.Scroll{}
		p.saves = p.saves[:0]
		for _, e := range save.List(p.g.saveDir, p.g.store.Dir) {
			p.saves = append(p.saves, describeSave(e))
		}
	}
}

// overlayBox is the rectangle of an overlay window of a given size.
func (p *Play) overlayBox(w, h float64) ui.Rect {
	sw, sh := p.g.Size()
	return layout.Window(sw, sh, p.g.Scale(), w, h)
}

// buildOverlay lays out the overlay's controls.
func (p *Play) buildOverlay() ui.Rect {
	g := p.g
	p.ovCs.reset()
	var box ui.Rect
	bh := g.Px(38)
	keys := g.settings.Keys
	button := func(id, label, tip, hot string, r ui.Rect, style style, action func()) {
		p.ovCs.add(control{Widget: ui.Widget{ID: id, Rect: r, Tip: tip, Hotkey: hot, Focusable: true}, Label: label, Style: style, Face: g.body(), Action: action})
	}
	switch p.overlay {
	case overlayHelp:
		box = p.overlayBox(g.Px(900), g.Px(600))
		r := box.Inset(g.Px(18))
		button("close", "Close", "", keys.Label(keymap.Help)+" or Esc", ui.Rect{X: r.Right() - g.Px(120), Y: r.Bottom() - bh, W: g.Px(120), H: bh}, styleButton, p.closeOverlay)
		button("keys", "Change keys", settingsui.KeysTip, "",
			ui.Rect{X: r.Right() - g.Px(400), Y: r.Bottom() - bh, W: g.Px(130), H: bh}, styleButton, p.openKeys)
		button("guide", "The guide", "What the map shows, how to read a request, what the hazard means, what each answer does, how you win.", "",
			ui.Rect{X: r.Right() - g.Px(260), Y: r.Bottom() - bh, W: g.Px(130), H: bh}, styleButton, func() { p.openOverlay(overlayGuide) })
	case overlayGuide:
		box = p.overlayBox(g.Px(560), g.Px(330))
		r := box.Inset(g.Px(20))
		row, _ := r.CutBottom(bh)
		cols := row.Columns(g.Px(10), 1, 1, 1.3)
		_, n, total := p.guide.Page()
		next := "Next"
		if n == total {
			next = "Start playing"
		}
		button("guide-skip", "Skip the guide", "Close the guide; "+keys.Label(keymap.Help)+" opens it again.", "Esc", cols[0], styleButton, p.endGuide)
		if n > 1 {
			button("guide-back", "Back", "", "", cols[1], styleButton, p.guide.Back)
		}
		button("guide-next", next, "", "Enter", cols[2], stylePrimary, func() {
			if p.guide.Next(); p.guide.Done() {
				p.endGuide()
			}
		})
	case overlayPause:
		box = p.overlayBox(g.Px(340), g.Px(40+20*2)+6*(bh+g.Px(8)))
		r := box.Inset(g.Px(20))
		_, r = r.CutTop(g.Px(40))
		items := []struct {
			id, label, tip, hot string
			action              func()
		}{
			{"resume", "Resume", "Back to the game.", "Esc", p.closeOverlay},
			{"save", "Save game", "Write a save you can load later (the game is also saved automatically).", keys.Label(keymap.Save), func() { p.saveGame(); p.closeOverlay() }},
			{"load", "Load game", "Pick a saved game to continue.", "", func() { p.openOverlay(overlayLoad) }},
			{"settings", "Settings", settingsui.OpenTip, "", func() { p.openOverlay(overlaySettings) }},
			{"menu", "Quit to menu", "Save and go back to the main menu.", "", p.leave},
			{"quit", "Quit game", "Save and close Deconflict.", "", func() { p.finalSave(); g.Quit() }},
		}
		for _, it := range items {
			row, rest := r.CutTop(bh)
			r = rest
			_, r = r.CutTop(g.Px(8))
			st := styleButton
			if it.id == "resume" {
				st = stylePrimary
			}
			button(it.id, it.label, it.tip, it.hot, row, st, it.action)
		}
	case overlayPass:
		box = p.overlayBox(g.Px(620), g.Px(260))
		r := box.Inset(g.Px(20))
		row, _ := r.CutBottom(bh)
		label := "I am " + view.RoleName(p.sess.Role()) + ": show my screen"
		row, _ = row.CutLeft(max(g.Px(300), g.buttonWidth(label, g.bold())))
		p.ovCs.add(control{Widget: ui.Widget{ID: "uncover", Rect: row, Hotkey: "Enter", Focusable: true,
			Tip: "Show the decisions, map and log of " + view.RoleName(p.sess.Role()) + ", and nobody else's."},
			Label: label, Style: stylePrimary, Face: g.bold(), Action: p.uncover})
	case overlayConfirm:
		box = p.overlayBox(g.Px(560), g.Px(200)+float64(len(p.cards))*render.LineHeight(g.body())*1.5)
		r := box.Inset(g.Px(20))
		row, _ := r.CutBottom(bh)
		cols := row.Columns(g.Px(12), 1, 1)
		button("confirm", "End the turn", "Answer every open decision with its default, then end the turn.", keys.Label(keymap.EndTurn)+" or Enter", cols[0], stylePrimary, p.confirmEndTurn)
		button("cancel", "Keep deciding", "Go back to the open decisions.", "Esc", cols[1], styleButton, p.closeOverlay)
	case overlayLoad:
		box = p.overlayBox(g.Px(620), g.Px(520))
		r := box.Inset(g.Px(20))
		_, r = r.CutTop(g.Px(40))
		bottom, r := r.CutBottom(bh)
		rowH := g.Px(48)
		p.loadScroll.View, p.loadScroll.Content = math.Floor(r.H/rowH)*rowH, float64(len(p.saves))*rowH
		p.loadScroll.Clamp()
		first := int(p.loadScroll.Offset / rowH)
		for i := first; i < len(p.saves) && float64(i-first+1)*rowH <= r.H; i++ {
			sv := p.saves[i]
			row := ui.Rect{X: r.X, Y: r.Y + float64(i-first)*rowH, W: r.W, H: rowH - g.Px(4)}
			path := sv.path
			p.ovCs.add(control{Widget: ui.Widget{ID: fmt.Sprintf("save-%d", i), Rect: row, Focusable: true, Tip: path}, Label: sv.label, Sub: sv.sub,
				Style: styleRow, Face: g.body(), Action: func() { p.load(path) }})
		}
		button("back", "Back", "", "Esc", ui.Rect{X: bottom.Right() - g.Px(120), Y: bottom.Y, W: g.Px(120), H: bh}, styleButton, func() { p.openOverlay(overlayPause) })
	}
	return box
}

// openKeys opens the keys window, whose Back leads to the settings.
func (p *Play) openKeys() {
	p.openOverlay(overlaySettings)
	p.settingsWin.open(settingsui.Keys)
}

func (p *Play) closeOverlay() { p.overlay = overlayNone }

// endGuide closes the guide for good: it is not offered again.
func (p *Play) endGuide() {
	p.guide.Skip()
	p.closeOverlay()
	if !p.g.settings.GuideDone {
		p.g.settings.GuideDone = true
		p.g.saveSettings()
	}
}

func (p *Play) load(path string) {
	np, err := p.g.loadGame(path)
	if err != nil {
		p.say(err.Error(), true)
		p.closeOverlay()
		return
	}
	p.flushSave()
	p.g.setScreen(np)
}

// saveEntry is a saved game as the load list shows it.
type saveEntry struct {
	path, label, sub string
}

// describeSave reads a save for the load list: what game it holds and how
// far it went, else the file's name, marked as not loading.
func describeSave(se save.Entry) saveEntry {
	path := se.Path
	e := saveEntry{path: path, label: filepath.Base(path), sub: "saved " + ago(se.Saved)}
	if strings.Contains(path, string(filepath.Separator)+"autosave"+string(filepath.Separator)) {
		e.sub = "autosave, " + e.sub
	}
	sv, err := save.Read(path)
	if err != nil {
		e.sub += " · does not load"
		return e
	}
	sum := sv.Summary()
	role := view.RoleName(session.Spectator)
	if a, ok := sim.ParseActor(sum.Role); ok {
		role = view.RoleName(a)
	}
	e.label = fmt.Sprintf("%s · %s · turn %d", sum.ScenarioID, role, sum.Turns+1) // as the top bar counts
	if sum.Over {
		e.label = fmt.Sprintf("%s · %s · finished", sum.ScenarioID, role)
	}
	e.sub += " · " + filepath.Base(path)
	return e
}

func (p *Play) updateOverlay(in *Input) {
	if p.overlay == overlaySettings {
		if p.settingsWin.update(in); !p.settingsWin.isOpen() {
			p.openOverlay(overlayPause)
		}
		return
	}
	p.buildOverlay()
	keys := p.g.settings.Keys
	switch {
	case p.overlay == overlayPass:
		if in.Pressed(ebiten.KeyEnter) || in.Pressed(ebiten.KeyNumpadEnter) {
			p.uncover()
			return
		}
		if in.Pressed(ebiten.KeyEscape) {
			return // the cover stays: Esc would show the game behind it
		}
	case in.Pressed(ebiten.KeyEscape):
		switch p.overlay {
		case overlayGuide:
			p.endGuide()
		case overlayLoad:
			p.openOverlay(overlayPause)
		default:
			p.closeOverlay()
		}
		return
	case in.Did(keys, keymap.Help) && p.overlay == overlayHelp:
		p.closeOverlay()
		return
	case p.overlay == overlayGuide && in.Pressed(ebiten.KeyEnter) && p.ovSt.Focus == "":
		p.ovCs.run("guide-next")
		return
	case p.overlay == overlayConfirm && (in.Did(keys, keymap.EndTurn) || in.Pressed(ebiten.KeyEnter)):
		p.confirmEndTurn()
		return
	case in.Did(keys, keymap.Save) && p.overlay == overlayPause:
		p.saveGame()
		p.closeOverlay()
		return
	}
	if p.overlay == overlayLoad && in.UI.WheelY != 0 {
		p.loadScroll.Wheel(in.UI.WheelY, p.g.Px(48)) // a row a notch
	}
	in.ActivateAndMove()
	res := p.ovSt.Update(in.UI, p.ovCs.widgets())
	if res.Activated != "" {
		p.ovCs.run(res.Activated)
	}
}

func (p *Play) drawOverlay(dst *ebiten.Image) {
	g := p.g
	if p.overlay == overlaySettings {
		p.settingsWin.draw(dst)
		return
	}
	if p.overlay == overlayPass {
		dst.Fill(view.Sea()) // the cover hides the whole screen
	}
	g.dimScreen(dst)
	box := p.buildOverlay()
	g.window(dst, box)
	in := box.Inset(g.Px(20))
	switch p.overlay {
	case overlayHelp:
		p.drawHelp(dst, box.Inset(g.Px(18)))
	case overlayPause:
		render.Text(dst, "Paused", g.title(), in.X, in.Y, view.Text(), render.Left)
	case overlayPass:
		role := view.RoleName(p.sess.Role())
		render.Text(dst, "Pass the screen to "+role, g.title(), in.X, in.Y, view.Text(), render.Left)
		msg := fmt.Sprintf("Hand the screen to the player of %s. Everyone else, look away: it shows only what %s knows. Ready? Press Enter or the button.", role, role)
		g.paragraph(dst, msg, g.body(), in.X, in.Y+render.LineHeight(g.title())+g.Px(10), in.W, view.Text(), box.Bottom()-g.Px(70))
	case overlayGuide:
		pg, n, total := p.guide.Page()
		render.Text(dst, fmt.Sprintf("%s  (%d of %d)", pg.Title, n, total), g.title(), in.X, in.Y, view.Text(), render.Left)
		g.paragraph(dst, pg.Text, g.body(), in.X, in.Y+render.LineHeight(g.title())+g.Px(10), in.W, view.Text(), box.Bottom()-g.Px(70))
	case overlayConfirm:
		render.Text(dst, "End the turn?", g.title(), in.X, in.Y, view.Text(), render.Left)
		msg := "Ending the turn now gives each open decision its default answer, and every order of the turn then stands (Ctrl+Z undoes only until then):"
		if p.served != nil {
			msg = "Ending your turn now sends each open decision's default answer to the server:"
		}
		y := g.paragraph(dst, msg, g.body(), in.X, in.Y+render.LineHeight(g.title())+g.Px(8), in.W, view.Text(), 0)
		for _, a := range view.DefaultAnswers(p.cards) {
			y = g.paragraph(dst, "• "+a, g.body(), in.X, y+g.Px(2), in.W, view.Text(), box.Bottom()-g.Px(68))
		}
	case overlayLoad:
		render.Text(dst, "Load a game", g.title(), in.X, in.Y, view.Text(), render.Left)
		if len(p.saves) == 0 {
			render.Text(dst, "No saved games yet.", g.body(), in.X, in.Y+g.Px(44), view.Dim(), render.Left)
		}
		if pos, l, ok := p.loadScroll.Thumb(p.loadScroll.View); ok { // more saves than fit: the wheel shows them
			g.pt.Rect(dst, ui.Rect{X: box.Right() - g.Px(8), Y: in.Y + g.Px(40) + pos, W: g.Px(3), H: l}, view.PanelLine())
		}
	}
	g.drawControls(dst, &p.ovCs, &p.ovSt)
	g.drawTooltip(dst, &p.ovSt, &g.input.UI)
}

// drawHelp draws the hotkeys and the map legend.
func (p *Play) drawHelp(dst *ebiten.Image, r ui.Rect) {
	g := p.g
	render.Text(dst, "Help", g.title(), r.X, r.Y, view.Text(), render.Left)
	_, r = r.CutTop(render.LineHeight(g.title()) + g.Px(10))
	cols := r.Columns(g.Px(24), 1.1, 1)
	keys := g.settings.Keys
	// key is an action's first key for the key column, and its others at
	// the end of the description, so the column stays narrow
	key := func(a keymap.Action, does string) [2]string {
		if ks := keys.Keys(a); len(ks) > 1 {
			does += " (also " + ks[1].Label() + ")"
		}
		return [2]string{keys.Label(a), does}
	}
	helpKeys := [][2]string{
		key(keymap.EndTurn, "end the turn (asks first if decisions are open); spectators: play or pause"),
		key(keymap.NextDecision, "skip ahead to your next decision or a big event"),
		{keys.Range(keymap.Answer1, keymap.Answer9), "choose an answer of the first open decision"},
		{"Tab", "move between buttons; Enter then presses a focused filter or setting, never an order"},
		key(keymap.Undo, "take back your last order, until you end the turn"),
		{"wheel, " + keys.Label(keymap.ZoomIn) + " " + keys.Label(keymap.ZoomOut), "zoom around the pointer"},
		{"drag, " + keys.Range(keymap.PanLeft, keymap.PanDown), "pan the map; " + keys.Label(keymap.ShowAll) + " shows all of Syria"},
		{"click", "pick a site; click a log line to find its place"},
		{keys.Range(keymap.Speed0, keymap.Speed5), "spectator speed: pause, 1×, 4×, 16×, 64×, max"},
		key(keymap.Save, "save the game"),
		key(keymap.Fullscreen, "full screen"),
		{"Esc", "pause menu: save, load, settings, keys, quit"},
	}
	y := g.heading(dst, "KEYS", cols[0].X, cols[0].Y)
	kw := g.Px(110) // wide enough for the longest key, as the player bound them
	for _, k := range helpKeys {
		kw = max(kw, min(text.Advance(k[0], g.bold())+g.Px(12), cols[0].W*0.45))
	}
	for _, k := range helpKeys {
		render.Text(dst, k[0], g.bold(), cols[0].X, y, view.Accent(), render.Left)
		y = g.paragraph(dst, k[1], g.body(), cols[0].X+kw, y, cols[0].W-kw, view.Text(), 0) + g.Px(3)
	}
	y += g.Px(8)
	y = g.heading(dst, "HOW A TURN WORKS", cols[0].X, y)
	g.paragraph(dst, "Each turn Iran moves weapons, Israel finds targets and plans strikes, strikes near US forces are reviewed, strikes fly, Iran may retaliate, and the ladders, talks and trust move. Your decisions appear on the right with what each answer would change.",
		g.small(), cols[0].X, y, cols[0].W, view.Dim(), r.Bottom()-g.Px(44))
	x := cols[1].X
	y = g.heading(dst, "MAP SYMBOLS", x, cols[1].Y)
	sr := g.Px(render.SymbolRadius)
	row := func(sym view.Symbol, label string) {
		g.pt.Symbol(dst, x+sr*1.6, y+sr*1.3, sr, sym, g.Face(8, true))
		render.TextMiddle(dst, label, g.body(), x+sr*4, y+sr*1.3, view.Text(), render.Left)
		y += sr * 3
	}
	role := roleOwner(p.sess.Role())
	row(view.Symbol{Frame: view.Friend, Glyph: view.GlyphInfantry, Owner: role}, "friendly (rectangle): a garrison")
	row(view.Symbol{Frame: view.Hostile, Glyph: view.GlyphSupply, Owner: sim.Iran}, "hostile (diamond): a weapons depot")
	row(view.Symbol{Frame: view.Neutral, Glyph: view.GlyphAirbase, Owner: sim.Russia}, "neutral (square): an airbase")
	row(view.Symbol{Frame: view.Hostile, Glyph: view.GlyphAirDefence, Owner: sim.Syria}, "air defence")
	row(view.Symbol{Frame: view.Hostile, Glyph: view.GlyphMilitia, Owner: sim.Iran}, "militia base")
	row(view.ShipmentSymbol(p.sess.Role()), "weapons convoy on the move")
	row(view.Symbol{City: true}, "city")
	y += g.Px(4)
	legend := []struct {
		clr   color.Color
		label string
	}{
		{g.owner(sim.USA), "US zone: strikes through it need US review"},
		{view.Accent(), "hatched: a halt on Israeli strikes"},
		{g.owner(sim.Israel), "dashed: Israeli strike routes"},
		{g.owner(sim.Iran), "dotted: Iranian supply corridors"},
	}
	for _, l := range legend {
		g.pt.Rect(dst, ui.Rect{X: x + sr*0.6, Y: y + sr*0.7, W: sr * 2, H: sr * 1.1}, view.Fade(l.clr.(color.RGBA), 0.6))
		render.TextMiddle(dst, l.label, g.body(), x+sr*4, y+sr*1.2, view.Text(), render.Left)
		y += sr * 2.8
	}
	// the hazard's colours, as the top-bar badges and the rings round your sites show them
	hx := x
	for l := view.HazardLow; l < view.NumHazardLevels; l++ {
		label := l.String()
		w := sr*3 + text.Advance(label, g.small()) + g.Px(12)
		if hx > x && hx+w > cols[1].Right() {
			hx, y = x, y+sr*2.4
		}
		g.pt.Ring(dst, hx+sr*1.2, y+sr*1.2, sr, g.Px(2), g.pt.Palette.Hazard[l])
		render.TextMiddle(dst, label, g.small(), hx+sr*3, y+sr*1.2, g.pt.Palette.Hazard[l], render.Left)
		hx += w
	}
	y += sr * 2.8
	y += g.Px(4)
	y = g.heading(dst, "ACTORS", x, y)
	ax := x
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		name := a.Name()
		w := g.buttonWidth(name, g.small())
		if ax+w > cols[1].Right() {
			ax, y = x, y+render.LineHeight(g.small())+g.Px(4)
		}
		g.pt.Rect(dst, ui.Rect{X: ax, Y: y + g.Px(3), W: g.Px(8), H: g.Px(10)}, g.owner(a))
		render.Text(dst, name, g.small(), ax+g.Px(12), y, view.Text(), render.Left)
		ax += w + g.Px(6)
	}
	y += render.LineHeight(g.small()) + g.Px(12)
	y = g.heading(dst, "HOW YOU WIN", x, y)
	g.paragraph(dst, "Your objectives are listed on the right of the play screen, each with where it stands. "+winRule+
		" A ladder at 5 or Israel–US trust at 0 ends the game at once.", g.small(), x, y, cols[1].W, view.Dim(), r.Bottom()-g.Px(44))
}
