package game

import (
	"fmt"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/deconflict/deconflict/game/keymap"
	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/sim"
)

// End is the end screen: the outcome, each role's verdict with its
// objectives, and charts of the run.
type End struct {
	g         *Game
	sess      *session.Session
	overrides []string
	rows      []view.ObjectiveRow
	verdicts  [sim.NumActors]sim.Verdict
	err       error
	st        ui.State
	cs        controls
	scroll    ui.Scroll
	drivers   map[sim.Metric][]view.Driver // what moved each metric most, read once
	links     []turnLink                   // driver lines on screen, a click watches the replay from their turn
}

// turnLink is a line of the end screen that opens the replay at a turn.
type turnLink struct {
	r    ui.Rect
	turn int32
}

func newEnd(g *Game, s *session.Session, overrides []string) *End {
	e := &End{g: g, sess: s, overrides: overrides, drivers: map[sim.Metric][]view.Driver{}}
	for _, m := range []sim.Metric{sim.MetricTalksProgress, sim.MetricTrust, sim.MetricEscalationUSIran, sim.MetricEscalationIsraelIran,
		sim.MetricMaxEscalationUSIran, sim.MetricMaxEscalationIsraelIran} {
		e.drivers[m] = view.Drivers(s.Scenario(), s.Role(), m, s.Changes(), 3)
	}
	res, _, err := s.Snapshot().Recording()
	e.err = err
	if err == nil {
		e.rows = view.ObjectiveRows(s.Scenario(), res.Objectives, s.ObjectiveValue)
		e.verdicts = res.Verdicts
	}
	return e
}

func (e *End) layout() (header, left, right, footer ui.Rect) {
	g := e.g
	w, h := g.Size()
	full := ui.Rect{W: w, H: h}.Inset(g.Px(24))
	header, rest := full.CutTop(e.headerHeight(full.W) + g.Px(14))
	footer, rest = rest.CutBottom(g.Px(52))
	_, rest = rest.CutBottom(g.Px(12))
	cols := rest.Columns(g.Px(20), 1, 1.25)
	return header, cols[0], cols[1], footer
}

// headerHeight is the height of the header's text at a width: the title,
// the facts, the outcome in words and the player's verdict with its reason.
func (e *End) headerHeight(w float64) float64 {
	g := e.g
	lines := func(s string, face text.Face, w float64) float64 {
		return float64(len(ui.Wrap(s, w, render.Measure(face)))) * render.LineHeight(face)
	}
	h := render.LineHeight(g.huge()) + render.LineHeight(g.small()) + g.Px(4) + lines(view.OutcomeText(e.sess.Outcome()), g.body(), w*0.8)
	if role := e.sess.Role(); role != session.Spectator && e.err == nil {
		verdict, reason := e.verdictWords(role)
		rw := w - text.Advance(verdict, e.verdictFace())
		h += g.Px(4) + max(render.LineHeight(e.verdictFace()), lines(reason, g.body(), rw))
	}
	return h
}

// verdictWords are the player's verdict ("You won. ") and why.
func (e *End) verdictWords(role sim.Actor) (verdict, reason string) {
	v := e.verdicts[role]
	verdict = "You " + view.VerdictText(v) + ". "
	if v == sim.VerdictDraw {
		verdict = "A draw. "
	}
	return verdict, view.VerdictReason(e.rows, role, v)
}

func (e *End) verdictFace() text.Face { return e.g.Face(16, true) }

func (e *End) build() {
	g := e.g
	e.cs.reset()
	_, _, _, f := e.layout()
	w1 := max(g.Px(200), g.buttonWidth("Watch the replay", g.bold()))
	r1, rest := f.CutLeft(w1)
	e.cs.add(control{Widget: ui.Widget{ID: "replay", Rect: r1, Focusable: true, Hotkey: "R", Tip: "Play the game again from its recorded orders, with speed controls."},
		Label: "Watch the replay", Style: stylePrimary, Face: g.bold(), Action: e.watch})
	_, rest = rest.CutLeft(g.Px(12))
	r2, _ := rest.CutLeft(max(g.Px(180), g.buttonWidth("Back to menu", g.body())))
	e.cs.add(control{Widget: ui.Widget{ID: "menu", Rect: r2, Focusable: true, Hotkey: "Esc"}, Label: "Back to menu", Action: e.menu})
}

func (e *End) watch() { e.watchFrom(0) }

// watchFrom opens the replay paused at the start of a turn.
func (e *End) watchFrom(turn int32) {
	s := e.sess
	w, err := session.NewWatch(s.Scenario(), s.Seed(), s.Role(), s.Orders())
	if err != nil {
		e.err = err
		return
	}
	for !w.Over() && w.Turn() < turn {
		if _, err := w.Step(); err != nil {
			e.err = err
			return
		}
	}
	p := newPlay(e.g, w, e.overrides, playWatch)
	if turn > 0 {
		p.flow.SetSpeed(0)
		p.say(fmt.Sprintf("The replay at turn %d: %s plays it.", turn+1, e.g.settings.Keys.Label(keymap.EndTurn)), false)
	}
	e.g.setScreen(p)
}

func (e *End) menu() {
	e.g.last = lastGame{scenario: e.sess.Scenario().ID, role: e.sess.Role(), seed: e.sess.Seed()}
	e.g.setScreen(newMenu(e.g))
}

// Update handles the end screen's input.
func (e *End) Update(in *Input) error {
	e.build()
	switch {
	case in.Pressed(ebiten.KeyEscape):
		e.menu()
		return nil
	case in.Pressed(ebiten.KeyR):
		e.watch()
		return nil
	}
	in.Activate()
	_, left, _, _ := e.layout()
	if left.Contains(in.UI.X, in.UI.Y) && in.UI.WheelY != 0 {
		e.scroll.Wheel(in.UI.WheelY, e.g.Px(40))
	}
	res := e.st.Update(in.UI, e.cs.widgets())
	if res.Activated != "" {
		e.cs.run(res.Activated)
		return nil
	}
	if in.UI.Released && left.Contains(in.UI.X, in.UI.Y) {
		for _, l := range e.links {
			if l.r.Contains(in.UI.X, in.UI.Y) {
				e.watchFrom(l.turn)
				return nil
			}
		}
	}
	return nil
}

// Busy reports whether a tooltip is about to show.
func (e *End) Busy() bool { return e.st.TipPending() }

// Draw draws the end screen.
func (e *End) Draw(dst *ebiten.Image) {
	g := e.g
	dst.Fill(view.Sea())
	if len(e.cs.list) == 0 {
		e.build()
	}
	header, left, right, _ := e.layout()
	s := e.sess
	sc := s.Scenario()
	out := s.Outcome()
	clr := view.Good()
	if out != sim.OutcomeCompleted {
		clr = view.Danger()
	}
	render.Text(dst, view.OutcomeTitle(out), g.huge(), header.X, header.Y, clr, render.Left)
	y := header.Y + render.LineHeight(g.huge())
	render.Text(dst, fmt.Sprintf("%s · %s to %s · seed %d", sc.Name, sim.FormatDay(sc.StartDay), view.DateOfTurn(sc, s.Turn()), s.Seed()), g.small(), header.X, y, view.Dim(), render.Left)
	y += render.LineHeight(g.small()) + g.Px(4)
	y = g.paragraph(dst, view.OutcomeText(out), g.body(), header.X, y, header.W*0.8, view.Text(), header.Bottom())
	if role := s.Role(); role != session.Spectator && e.err == nil {
		// the player's own result, and why, where the eye lands first
		verdict, reason := e.verdictWords(role)
		face := e.verdictFace()
		render.Text(dst, verdict, face, header.X, y+g.Px(4), verdictColor(e.verdicts[role]), render.Left)
		x := header.X + text.Advance(verdict, face)
		g.paragraph(dst, reason, g.body(), x, y+g.Px(4)+(render.LineHeight(face)-render.LineHeight(g.body()))/2,
			header.Right()-x, view.Text(), 0)
	}
	// verdicts and objectives
	e.links = e.links[:0]
	g.panel(dst, left)
	in := left.Inset(g.Px(14))
	clip := render.SubImage(dst, in.X, in.Y, in.W, in.H)
	y = in.Y - e.scroll.Offset
	top := y
	if e.err != nil {
		y = g.paragraph(clip, "The game could not be replayed for its objectives: "+e.err.Error(), g.body(), in.X, y, in.W, view.Danger(), 0)
	}
	order := []sim.Actor{}
	if role := s.Role(); role != session.Spectator {
		order = append(order, role)
	}
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		if a != s.Role() && hasObjectives(sc, a) {
			order = append(order, a)
		}
	}
	for _, a := range order {
		v := e.verdicts[a]
		vclr := verdictColor(v)
		g.pt.Rect(clip, ui.Rect{X: in.X, Y: y + g.Px(2), W: g.Px(5), H: render.LineHeight(g.title()) - g.Px(4)}, g.owner(a))
		who := a.Name()
		if a == s.Role() {
			who = "You (" + a.Name() + ")"
		}
		render.Text(clip, who, g.title(), in.X+g.Px(12), y, view.Text(), render.Left)
		render.Text(clip, view.VerdictText(v), g.title(), in.Right(), y, vclr, render.Right)
		y += render.LineHeight(g.title()) + g.Px(2)
		for _, r := range e.rows {
			if r.Role != a {
				continue
			}
			mark, mclr := "…", view.Dim()
			if r.Decided && r.Met {
				mark, mclr = "met", view.Good()
			} else if r.Decided {
				mark, mclr = "missed", view.Danger()
			}
			render.Text(clip, mark, g.bold(), in.X+g.Px(12), y, mclr, render.Left)
			txt := r.Text
			if r.Required {
				txt += " (required)"
			}
			tx := in.X + g.Px(80)
			y0 := y
			y = g.paragraph(clip, txt, g.body(), tx, y, in.W-g.Px(80), view.Text(), 0)
			if r.When != "" {
				render.Text(clip, "decided "+r.When+" · "+r.Final, g.small(), tx, y, view.Dim(), render.Left)
				y += render.LineHeight(g.small())
			}
			// what moved it most: the decisions and events behind the result
			for _, d := range e.drivers[r.Metric] {
				y0, clr := y, view.Dim()
				if d.Turn >= 0 {
					clr = view.Accent() // a click watches the replay from that turn
				}
				y = g.paragraph(clip, "· "+d.Text, g.small(), tx, y, in.W-g.Px(80), clr, 0)
				if d.Turn >= 0 {
					if lr := (ui.Rect{X: tx, Y: y0, W: in.W - g.Px(80), H: y - y0}); lr.Y >= in.Y && lr.Bottom() <= in.Bottom() {
						e.links = append(e.links, turnLink{r: lr, turn: d.Turn})
					}
				}
			}
			if y == y0 {
				y += render.LineHeight(g.body())
			}
			y += g.Px(4)
		}
		y += g.Px(10)
	}
	e.scroll.View, e.scroll.Content = in.H, y-top
	e.scroll.Clamp()
	g.moreBelow(dst, left.Inset(1), &e.scroll)
	// charts
	e.drawCharts(dst, right)
	g.drawControls(dst, &e.cs, &e.st)
	g.drawTooltip(dst, &e.st, &g.input.UI)
}

func verdictColor(v sim.Verdict) color.Color {
	switch v {
	case sim.VerdictWon:
		return view.Good()
	case sim.VerdictLost:
		return view.Danger()
	}
	return view.Accent()
}

func hasObjectives(sc *sim.Scenario, a sim.Actor) bool {
	for _, o := range sc.Objectives {
		if o.Role == a {
			return true
		}
	}
	return false
}

// drawCharts draws the key metrics over the run in a grid.
func (e *End) drawCharts(dst *ebiten.Image, r ui.Rect) {
	g := e.g
	series := e.sess.Series()
	specs := []struct {
		title    string
		clr      color.RGBA
		min, max float64
		format   string
	}{
		{"US–Iran ladder", g.owner(sim.USA), 0, 5, "%.1f"},
		{"Israel–Iran ladder", g.owner(sim.Israel), 0, 5, "%.1f"},
		{"Nuclear talks (%)", view.Good(), 0, 100, "%.0f"},
		{"Israel–US trust", view.Accent(), 0, 100, "%.0f"},
		{"Attacks on US forces", g.owner(sim.Iran), 0, 0, "%.0f"},
		{"Israeli strikes", g.owner(sim.Israel), 0, 0, "%.0f"},
	}
	rows := r.Rows(3, g.Px(10))
	from, to := "", ""
	if len(series) > 0 {
		// the last sample is taken after the last turn: label it with that
		// turn's date, as the header does
		from, to = sim.FormatDay(series[0].Day), view.DateOfTurn(e.sess.Scenario(), e.sess.Turn())
	}
	for i, sp := range specs {
		cell := rows[i/2].Columns(g.Px(10), 1, 1)[i%2]
		vals := make([]float64, len(series))
		for j, smp := range series {
			vals[j] = smp.Values[i]
		}
		m := session.Series()[i]
		var marks []int
		for _, d := range e.drivers[m] {
			if d.Turn >= 0 {
				marks = append(marks, int(d.Turn)+1) // sample k is taken after k whole turns: the move shows at the sample after its turn
			}
		}
		g.pt.Chart(dst, cell, render.Chart{Title: sp.title, Values: vals, Color: sp.clr, Min: sp.min, Max: sp.max, From: from, To: to, Format: sp.format,
			Last: view.MetricValue(m, e.sess.Metric(m)), Marks: marks},
			g.Face(13, true), g.small())
	}
}
