package game

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/save"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/settingsui"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// menuEntry is one scenario on the menu.
type menuEntry struct {
	src  source
	sc   *sim.Scenario
	err  error
	role sim.Actor // its default role
}

// Menu is the main menu: scenario, role, seed, overrides, briefing.
type Menu struct {
	g          *Game
	entries    []menuEntry
	chosen     int
	role       sim.Actor
	seed       ui.TextField
	overrides  ui.TextField
	path       ui.TextField
	status     string
	statusBad  bool
	statusArea ui.Rect // where the status is written, in the footer
	st         ui.State
	cs         controls
	scroll     ui.Scroll
	last       save.Entry  // the latest autosave, if any (Path "" if none)
	lastLabel  string      // what it holds
	hot        bool        // a hot-seat game: the players of seats take turns at this screen
	seats      []sim.Actor // the hot seat's roles, as chosen
	// settingsWin are the settings and keys windows, open over the menu
	// from its Settings button
	settingsWin settingsWindows
}

func newMenu(g *Game) *Menu {
	m := &Menu{g: g, settingsWin: settingsWindows{g: g}}
	m.seed = ui.TextField{Max: 16, Accept: func(r rune) bool { return r >= '0' && r <= '9' }}
	m.seed.Set(strconv.FormatUint(g.opt.Seed, 10))
	m.overrides.Set(strings.Join(g.opt.Overrides, " "))
	m.overrides.Max = 400
	m.path.Max = 400
	for _, f := range scenarios.Files() {
		m.add(source{f.Name, f.Data})
	}
	m.choose(0)
	for i, e := range m.entries {
		if e.sc != nil && e.sc.ID == "tanf-2021" { // the first game the design suggests
			m.choose(i)
		}
	}
	if g.opt.Scenario != "" {
		if src, err := findScenario(g.opt.Scenario); err == nil {
			m.chosen = m.addOrFind(src)
			m.choose(m.chosen)
		}
	}
	if g.last.scenario != "" {
		// back from a game: the same scenario, role and seed are ready to go again
		for i, e := range m.entries {
			if e.sc != nil && e.sc.ID == g.last.scenario {
				m.choose(i)
				m.role = g.last.role
				m.seed.Set(strconv.FormatUint(g.last.seed, 10))
			}
		}
	}
	if e, ok := g.store.Latest(); ok {
		m.last, m.lastLabel = e, describeSave(e).label
	}
	if seats, err := parseSeats(g.opt.Seats); err == nil && len(seats) > 0 {
		m.hot, m.seats, m.role = true, seats, seats[0]
	}
	return m
}

// toggleSeat adds a role to the hot seat's roles, or takes it out.
func (m *Menu) toggleSeat(r sim.Actor) {
	if i := slices.Index(m.seats, r); i >= 0 {
		m.seats = slices.Delete(m.seats, i, i+1)
	} else {
		m.seats = append(m.seats, r)
		m.role = r // the briefing shows the role last picked
	}
}

// toggleHot turns the hot seat on (with the chosen role as its first seat)
// or off.
func (m *Menu) toggleHot() {
	m.hot = !m.hot
	m.seats = m.seats[:0]
	if m.hot && m.role != session.Spectator && view.Decides(m.role) {
		m.seats = append(m.seats, m.role)
	}
}

func (m *Menu) add(src source) int {
	sc, err := scenario.Load(src.Name, src.Data, nil)
	e := menuEntry{src: src, sc: sc, err: err, role: sim.USA}
	if sc != nil {
		e.role = sc.DefaultRole
	}
	m.entries = append(m.entries, e)
	return len(m.entries) - 1
}

func (m *Menu) addOrFind(src source) int {
	for i, e := range m.entries {
		if e.src.Name == src.Name && string(e.src.Data) == string(src.Data) {
			return i
		}
	}
	return m.add(src)
}

func (m *Menu) choose(i int) {
	if i < 0 || i >= len(m.entries) {
		return
	}
	m.chosen = i
	e := m.entries[i]
	m.role = e.role
	if m.g.opt.Role != "" {
		if r, err := ParseRole(m.g.opt.Role); err == nil {
			m.role = r
		}
	}
	if e.err != nil {
		m.setStatus(e.err.Error(), true)
	} else {
		m.setStatus("", false)
	}
}

func (m *Menu) setStatus(s string, bad bool) { m.status, m.statusBad = s, bad }

func (m *Menu) entry() *menuEntry { return &m.entries[m.chosen] }

// layout computes the menu's regions.
type menuLayout struct {
	header, list, setup, brief, footer ui.Rect
}

func (m *Menu) layout() menuLayout {
	g := m.g
	w, h := g.Size()
	full := ui.Rect{W: w, H: h}.Inset(g.Px(24))
	header, rest := full.CutTop(g.Px(78))
	footer, rest := rest.CutBottom(g.Px(56))
	_, rest = rest.CutBottom(g.Px(14))
	cols := rest.Columns(g.Px(16), 1.15, 1, 1.25)
	return menuLayout{header, cols[0], cols[1], cols[2], footer}
}

// Update handles the menu's input.
func (m *Menu) Update(in *Input) error {
	g := m.g
	l := m.layout()
	m.build(l) // also under the settings window, whose scale may change
	if m.settingsWin.isOpen() {
		m.settingsWin.update(in)
		return nil
	}
	if m.st.Focus == "seed" || m.st.Focus == "overrides" || m.st.Focus == "path" {
		f := map[string]*ui.TextField{"seed": &m.seed, "overrides": &m.overrides, "path": &m.path}[m.st.Focus]
		if in.editField(f) {
			if m.st.Focus == "path" {
				m.open()
			} else {
				m.start()
			}
			return nil
		}
	} else if in.Pressed(ebiten.KeyEnter) && m.st.Focus == "" {
		m.start()
		return nil
	}
	if in.Pressed(ebiten.KeyEscape) {
		if m.st.Focus != "" {
			m.st.Focus = ""
		} else {
			g.Quit()
		}
	}
	if in.Pressed(ebiten.KeyArrowDown) && m.st.Focus == "" {
		m.choose(min(m.chosen+1, len(m.entries)-1))
	}
	if in.Pressed(ebiten.KeyArrowUp) && m.st.Focus == "" {
		m.choose(max(m.chosen-1, 0))
	}
	if m.st.Focus != "seed" && m.st.Focus != "overrides" && m.st.Focus != "path" {
		in.Activate()
	}
	if l.list.Contains(in.UI.X, in.UI.Y) && in.UI.WheelY != 0 {
		m.scroll.Wheel(in.UI.WheelY, g.Px(40))
	}
	res := m.st.Update(in.UI, m.cs.widgets())
	if res.Activated != "" {
		m.cs.run(res.Activated)
	}
	return nil
}

// Busy reports whether a tooltip is about to show.
func (m *Menu) Busy() bool { return m.st.TipPending() || m.settingsWin.st.TipPending() }

// build lays the controls out.
func (m *Menu) build(l menuLayout) {
	g := m.g
	m.cs.reset()
	// scenario list
	list := l.list
	_, list = list.CutTop(g.Px(30))
	fieldArea, list := list.CutBottom(g.Px(76))
	y := list.Y - m.scroll.Offset
	top := y
	for i, e := range m.entries {
		name, desc := e.src.Name, ""
		if e.sc != nil {
			name, desc = e.sc.Name, e.sc.Description
		} else {
			desc = "does not load: " + firstLine(e.err.Error())
		}
		// a row fits its name and its description, wrapped
		lines := len(ui.Wrap(desc, list.W-g.Px(20), render.Measure(g.small())))
		rowH := g.Px(16) + render.LineHeight(g.bold()) + float64(lines)*render.LineHeight(g.small())
		r := ui.Rect{X: list.X, Y: y, W: list.W, H: rowH}
		y += rowH + g.Px(6)
		if r.Bottom() < list.Y || r.Y > list.Bottom() {
			continue
		}
		i := i
		m.cs.add(control{Widget: ui.Widget{ID: fmt.Sprintf("scenario-%d", i), Rect: r, Focusable: true},
			Label: name, Sub: desc, Style: styleRow, On: i == m.chosen, Face: g.bold(), Accent: accentIf(i == m.chosen),
			Action: func() { m.choose(i) }})
	}
	m.scroll.View, m.scroll.Content = list.H, y-top
	m.scroll.Clamp()
	rows := fieldArea.Rows(2, g.Px(4))
	_, fr := rows[1].CutTop(0)
	fw, bw := fr.CutRight(g.Px(90))
	m.cs.add(control{Widget: ui.Widget{ID: "path", Rect: bw.InsetXY(g.Px(4), 0), Focusable: true, TextEntry: true, Tip: "Type the path of a scenario TOML file, then press Enter."},
		Style: styleField, Field: &m.path, Face: g.body()})
	m.cs.add(control{Widget: ui.Widget{ID: "open", Rect: fw.InsetXY(0, 0), Tip: "Load the scenario file whose path is typed on the left."},
		Label: "Open", Action: m.open})
	// setup column
	e := m.entry()
	x, y := l.setup.X, l.setup.Y+g.Px(30)
	if e.sc != nil {
		roles := view.Roles(e.sc)
		bh := g.Px(34)
		for _, r := range roles {
			r := r
			label := view.RoleName(r)
			if r == e.role {
				label += "  (suggested)"
			}
			tip := "Play " + view.RoleName(r) + "."
			if r == session.Spectator {
				tip = "Watch the AI play every actor, with speed controls."
			} else if !view.Decides(r) {
				tip = view.RoleName(r) + " makes no decisions: you watch the war from its side."
			}
			on, action, disabled := r == m.role, func() { m.role = r }, false
			if m.hot {
				on, action = slices.Contains(m.seats, r), func() { m.toggleSeat(r) }
				disabled = r == session.Spectator || !view.Decides(r)
			}
			m.cs.add(control{Widget: ui.Widget{ID: "role-" + r.String(), Rect: ui.Rect{X: x, Y: y, W: l.setup.W, H: bh}, Focusable: true, Tip: tip, Disabled: disabled},
				Label: label, Style: styleToggle, On: on, Accent: g.owner(r), Action: action})
			y += bh + g.Px(5)
		}
		m.cs.add(control{Widget: ui.Widget{ID: "hot-seat", Rect: ui.Rect{X: x, Y: y + g.Px(5), W: l.setup.W, H: bh}, Focusable: true,
			Tip: "Several players at this screen, one a role: pick two or more roles; the screen is covered while it passes between them."},
			Label: "Hot seat: take turns at one screen", Style: styleToggle, On: m.hot, Action: m.toggleHot})
		y += bh + g.Px(10)
	}
	y += g.Px(34)
	m.cs.add(control{Widget: ui.Widget{ID: "seed", Rect: ui.Rect{X: x, Y: y, W: l.setup.W, H: g.Px(32)}, Focusable: true, TextEntry: true,
		Tip: "The seed picks the dice: the same scenario, seed and orders always play out the same way."}, Style: styleField, Field: &m.seed})
	y += g.Px(32) + g.Px(34)
	m.cs.add(control{Widget: ui.Widget{ID: "overrides", Rect: ui.Rect{X: x, Y: y, W: l.setup.W, H: g.Px(32)}, Focusable: true, TextEntry: true,
		Tip: "Optional scenario changes, KEY=VALUE separated by spaces, such as params.standoff_km=40 site.tanf.troops=100."}, Style: styleField, Field: &m.overrides})
	// footer
	f := l.footer
	bw1 := max(g.Px(180), g.buttonWidth("Start game", g.bold()))
	start, rest := f.CutLeft(bw1)
	m.cs.add(control{Widget: ui.Widget{ID: "start", Rect: start, Focusable: true, Hotkey: "Enter", Tip: "Start the chosen scenario in the chosen role."},
		Label: "Start game", Style: stylePrimary, Face: g.bold(), Action: m.start})
	_, rest = rest.CutLeft(g.Px(12))
	first, rest := rest.CutLeft(max(g.Px(130), g.buttonWidth("First game", g.body())))
	m.cs.add(control{Widget: ui.Widget{ID: "first", Rect: first, Focusable: true,
		Tip: "Al-Tanf, October 2021, as the United States, with a short guide: what the map shows, how to read a request, what the hazard means, what each answer does, how you win."},
		Label: "First game", Action: m.firstGame})
	_, rest = rest.CutLeft(g.Px(12))
	cont, rest := rest.CutLeft(max(g.Px(200), g.buttonWidth("Continue last game", g.body())))
	m.cs.add(control{Widget: ui.Widget{ID: "continue", Rect: cont, Focusable: true, Disabled: m.last.Path == "",
		Tip: "Load the game you played last, where you left it (every game is saved automatically)."},
		Label: "Continue last game", Action: m.continueLast})
	_, rest = rest.CutLeft(g.Px(12))
	joinR, rest := rest.CutLeft(max(g.Px(150), g.buttonWidth("Join a game", g.body())))
	m.cs.add(control{Widget: ui.Widget{ID: "join", Rect: joinR, Focusable: true,
		Tip: "Take a seat in a game served on the network (deconflict-sim serve): its address and your seat's code."},
		Label: "Join a game", Action: func() { g.setScreen(newJoinForm(g)) }})
	_, rest = rest.CutLeft(g.Px(12))
	settingsR, rest := rest.CutLeft(max(g.Px(120), g.buttonWidth("Settings", g.body())))
	m.cs.add(control{Widget: ui.Widget{ID: "settings", Rect: settingsR, Focusable: true, Tip: settingsui.OpenTip},
		Label: "Settings", Action: m.openSettings})
	quit, rest := rest.CutRight(g.Px(110))
	// the status goes between the buttons; a window too narrow for it there
	// has it over the footer's right half
	m.statusArea = rest.InsetXY(g.Px(16), 0)
	if m.statusArea.W < g.Px(160) {
		m.statusArea = ui.Rect{X: f.X + f.W*0.45, Y: f.Y, W: f.W * 0.4, H: f.H}
	}
	m.cs.add(control{Widget: ui.Widget{ID: "quit", Rect: quit, Focusable: true, Hotkey: "Esc"}, Label: "Quit", Action: g.Quit})
}

func accentIf(on bool) color.Color {
	if on {
		return view.Accent()
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func (m *Menu) scenarioFacts(e menuEntry) string {
	if e.sc == nil {
		return e.err.Error()
	}
	sc := e.sc
	turn := fmt.Sprintf("%d-hour turns", sc.TurnHours)
	if sc.TurnHours == 24 {
		turn = "daily turns"
	}
	return fmt.Sprintf("%s to %s, %d %s. Id %s.", sim.FormatDay(sc.StartDay), sim.FormatDay(sc.EndDay), sc.Turns, turn, sc.ID)
}

func (m *Menu) open() {
	p := strings.TrimSpace(m.path.Text)
	if p == "" {
		m.setStatus("Type the path of a scenario file first.", true)
		return
	}
	src, err := findScenario(p)
	if err != nil {
		m.setStatus(err.Error(), true)
		return
	}
	m.choose(m.addOrFind(src))
	if m.entry().err == nil {
		m.setStatus("Loaded "+src.Name+".", false)
	}
}

func (m *Menu) start() {
	e := m.entry()
	if e.err != nil {
		m.setStatus(e.err.Error(), true)
		return
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(m.seed.Text), 10, 64)
	if err != nil {
		m.setStatus("The seed must be a whole number, such as 1.", true)
		return
	}
	setup, err := loadSetup(e.src, m.role, seed, strings.Fields(m.overrides.Text))
	if err != nil {
		m.setStatus(err.Error(), true)
		return
	}
	if m.hot {
		if len(m.seats) < 2 {
			m.setStatus("Pick two or more roles for a hot-seat game.", true)
			return
		}
		if err := setup.hotSeat(m.seats); err != nil {
			m.setStatus(err.Error(), true)
			return
		}
	}
	p, err := m.g.newPlay(setup, session.Live)
	if err != nil {
		m.setStatus(err.Error(), true)
		return
	}
	m.g.setScreen(p)
}

// openSettings opens the settings window over the menu; its Back (or
// Esc) comes back to the menu.
func (m *Menu) openSettings() {
	m.st = ui.State{} // no hover or focus left on the menu behind the window
	m.settingsWin.open(settingsui.Settings)
}

// firstGame opens Al-Tanf as the US with the guide (unless the player has
// been through it: F1 opens it again).
func (m *Menu) firstGame() {
	if err := m.startGuided(); err != nil {
		m.setStatus(err.Error(), true)
	}
}

func (m *Menu) startGuided() error {
	src, err := findScenario(view.GuideScenario)
	if err != nil {
		return err
	}
	role, err := ParseRole(view.GuideRole)
	if err != nil {
		return err
	}
	setup, err := loadSetup(src, role, 1, nil)
	if err != nil {
		return err
	}
	p, err := m.g.newPlay(setup, session.Live)
	if err != nil {
		return err
	}
	if !m.g.settings.GuideDone {
		p.openOverlay(overlayGuide)
	}
	m.g.setScreen(p)
	return nil
}

// continueLast resumes the last game, or says why it cannot.
func (m *Menu) continueLast() {
	if m.last.Path == "" {
		m.setStatus("There is no game to continue yet: every game you play is saved as it goes.", true)
		return
	}
	p, err := m.g.loadGame(m.last.Path)
	if err != nil {
		m.setStatus(err.Error(), true)
		return
	}
	m.g.setScreen(p)
}

// Draw draws the menu.
func (m *Menu) Draw(dst *ebiten.Image) {
	g := m.g
	dst.Fill(view.Sea())
	l := m.layout()
	if len(m.cs.list) == 0 {
		m.build(l)
	}
	render.Text(dst, "DECONFLICT", g.huge(), l.header.X, l.header.Y, view.Text(), render.Left)
	render.Text(dst, "The shadow war in Syria, 2017–2022: strikes, reviews, retaliation and the ladder to open war.",
		g.body(), l.header.X, l.header.Y+render.LineHeight(g.huge())+g.Px(2), view.Dim(), render.Left)
	g.heading(dst, "SCENARIO", l.list.X, l.list.Y)
	g.heading(dst, "ROLE", l.setup.X, l.setup.Y)
	e := m.entry()
	// labels above the fields
	for _, c := range m.cs.list {
		switch c.ID {
		case "seed":
			g.heading(dst, "SEED", c.Rect.X, c.Rect.Y-g.Px(20))
		case "overrides":
			g.heading(dst, "OVERRIDES (optional)", c.Rect.X, c.Rect.Y-g.Px(20))
		case "path":
			g.heading(dst, "OR OPEN A SCENARIO FILE", c.Rect.X, c.Rect.Y-g.Px(20))
		}
	}
	// briefing
	b := l.brief
	g.panel(dst, b)
	in := b.Inset(g.Px(16))
	y := g.heading(dst, "BRIEFING", in.X, in.Y)
	if e.sc != nil {
		render.Text(dst, e.sc.Name, g.title(), in.X, y, view.Text(), render.Left)
		y += render.LineHeight(g.title())
		render.Text(dst, m.scenarioFacts(*e), g.small(), in.X, y, view.Dim(), render.Left)
		y += render.LineHeight(g.small()) + g.Px(10)
		g.pt.Rect(dst, ui.Rect{X: in.X, Y: y, W: g.Px(4), H: render.LineHeight(g.bold())}, g.owner(m.role))
		render.Text(dst, "As "+view.RoleName(m.role), g.bold(), in.X+g.Px(10), y, view.Text(), render.Left)
		y += render.LineHeight(g.bold()) + g.Px(6)
		y = g.paragraph(dst, view.Briefing(e.sc, m.role), g.body(), in.X, y, in.W, view.Text(), in.Bottom())
		y += g.Px(10)
		if objs := objectivesFor(e.sc, m.role); len(objs) > 0 && y < in.Bottom()-g.Px(40) {
			y = g.heading(dst, "YOUR OBJECTIVES", in.X, y)
			for _, o := range objs {
				y = g.paragraph(dst, "• "+o, g.small(), in.X, y, in.W, view.Text(), in.Bottom())
			}
			if rule := ui.Wrap(winRule, in.W, render.Measure(g.small())); y+g.Px(4)+float64(len(rule))*render.LineHeight(g.small()) <= in.Bottom() {
				g.paragraph(dst, winRule, g.small(), in.X, y+g.Px(4), in.W, view.Dim(), 0) // only whole: half a rule misleads
			}
		}
	}
	clip := render.SubImage(dst, l.list.X, l.list.Y+g.Px(30), l.list.W, l.list.H-g.Px(30)-g.Px(76))
	for i := range m.cs.list {
		c := &m.cs.list[i]
		if strings.HasPrefix(c.ID, "scenario-") {
			g.drawControl(clip, c, &m.st)
		} else {
			g.drawControl(dst, c, &m.st)
		}
	}
	if m.status != "" {
		clr := view.Dim()
		if m.statusBad {
			clr = view.Danger()
		}
		a := m.statusArea
		_, h := g.Size()
		g.paragraph(dst, m.status, g.small(), a.X, a.Y+g.Px(2), a.W, clr, h) // down into the margin below the footer
	}
	if m.last.Path != "" {
		render.Text(dst, m.lastLabel+", saved "+ago(m.last.Saved), g.small(), l.footer.X+g.Px(192), l.footer.Bottom()+g.Px(4), view.Dim(), render.Left)
	}
	if m.settingsWin.isOpen() {
		m.settingsWin.draw(dst)
		return
	}
	g.drawTooltip(dst, &m.st, &g.input.UI)
}

// winRule is how objectives decide a game, as the engine's verdict does.
const winRule = "Meet them all to win. Miss a required one, or more than half, and you lose; anything between is a draw."

// objectivesFor lists a role's objectives in words.
func objectivesFor(sc *sim.Scenario, role sim.Actor) []string {
	var out []string
	for _, o := range sc.Objectives {
		if o.Role == role {
			t := o.Text
			if t == "" {
				t = fmt.Sprintf("%s %s %s", o.Metric, o.Op, view.MetricValue(o.Metric, o.Value))
			}
			if o.Required {
				t += " (required)"
			}
			out = append(out, t)
		}
	}
	return out
}

// ago says how long ago a save was written.
func ago(st time.Time) string {
	if st.IsZero() { // a value in the browser's storage that is not a save
		return ""
	}
	d := time.Since(st)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	}
	return st.Format("2006-01-02")
}
