package game

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/deconflict/deconflict/game/keymap"
	"github.com/deconflict/deconflict/game/layout"
	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/seat"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/turnflow"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// textItem is a line of text laid out in the decisions panel.
type textItem struct {
	s     string
	face  text.Face
	clr   color.Color
	x, y  float64
	rule  bool // a separator line instead of text
	width float64
}

// panelContent is the decisions panel laid out: text and card frames (the
// controls are in the screen's control list).
type panelContent struct {
	items  []textItem
	frames []ui.Rect
}

func (pc *panelContent) text(s string, face text.Face, clr color.Color, x, y float64) {
	pc.items = append(pc.items, textItem{s: s, face: face, clr: clr, x: x, y: y})
}

// build lays out every control of the play screen for this frame.
func (p *Play) build() {
	p.cs.reset()
	p.panel = panelContent{}
	p.buildBar()
	p.buildPanel()
	p.buildLog()
}

// buildBar lays out the top bar: the date, the ladders, talks, trust and
// the hazards at the player's sites (as many as fit), the role on the
// right, and the spectator's speed buttons.
func (p *Play) buildBar() {
	g := p.g
	tb := view.BuildTopBar(p.obs())
	r := p.l.bar.InsetXY(g.Px(12), g.Px(6))
	body := g.body()
	right := r.Right()
	if p.spectating() {
		bx := right
		for i := turnflow.NumSpeeds - 1; i >= 0; i-- {
			w := g.buttonWidth(turnflow.SpeedName(i), g.small())
			bx -= w
			i := i
			p.cs.add(control{Widget: ui.Widget{ID: "speed-" + turnflow.SpeedName(i), Rect: ui.Rect{X: bx, Y: r.Y, W: w, H: r.H}, Hotkey: g.settings.Keys.Label(keymap.Speed0 + keymap.Action(i)),
				Tip: "Play speed: " + turnflow.SpeedName(i) + ". " + g.settings.Keys.Label(keymap.EndTurn) + " pauses and resumes."}, Label: turnflow.SpeedName(i), Style: styleToggle, On: p.flow.Speed() == i, Face: g.small(),
				Action: func() { p.flow.SetSpeed(i) }})
			bx -= g.Px(4)
		}
		right = bx - g.Px(12)
	}
	roleW := text.Advance(p.roleLabel(), g.bold()) + g.Px(20)
	p.cs.add(control{Widget: ui.Widget{ID: "bar-role", Rect: ui.Rect{X: right - roleW, Y: r.Y, W: roleW, H: r.H}, Tip: "The side you play."}, Style: styleRow})
	right -= roleW + g.Px(12)
	x := r.X
	add := func(id string, w float64, tip string) bool {
		if x+w > right {
			return false
		}
		p.cs.add(control{Widget: ui.Widget{ID: id, Rect: ui.Rect{X: x, Y: r.Y, W: w, H: r.H}, Tip: tip}, Style: styleRow})
		x += w + g.Px(20)
		return true
	}
	// as wide as the last turn's label, so the gauges do not shift as turns pass
	widest := fmt.Sprintf("turn %d/%d", p.obs().Turns, p.obs().Turns)
	add("bar-date", text.Advance(tb.Date+"  ", g.bold())+text.Advance(widest, body), "The date of this turn, and how far into the scenario you are.")
	for i, l := range tb.Ladders {
		add(fmt.Sprintf("bar-ladder-%d", i), text.Advance(l.Name, body)+g.Px(8)+p.gaugeWidth(), l.Tip)
	}
	add("bar-talks", text.Advance(tb.Talks, body), "Progress of the nuclear talks. They advance while the US–Iran ladder stays below 2 and fall back on attacks and public blame.")
	if tb.Trust != "" {
		add("bar-trust", text.Advance(tb.Trust, body), "Israel–US trust, 0 to 100. Approvals and warnings raise it; denials and discovered violations lower it. At 0 the alliance ruptures.")
	}
	widths := make([]float64, len(tb.Hazards))
	for i, h := range tb.Hazards {
		widths[i] = text.Advance(h.Name+" "+h.Percent, body) + g.Px(20)
	}
	shown := layout.FitRow(widths, right-x, g.Px(20), func(n int) float64 { return text.Advance(moreLabel(n), body) })
	for i, h := range tb.Hazards[:shown] {
		add(fmt.Sprintf("bar-hazard-%d", i), widths[i], fmt.Sprintf("Chance of a proxy attack on %s this turn, as you can estimate it.", h.Full))
	}
	if hidden := tb.Hazards[shown:]; len(hidden) > 0 {
		var tip strings.Builder
		tip.WriteString("Attack hazards the bar has no room for (widen the window or lower the interface scale):")
		for _, h := range hidden {
			tip.WriteString("\n" + h.Full + " " + h.Percent)
		}
		add("bar-more", text.Advance(moreLabel(len(hidden)), body), tip.String())
	}
}

// moreLabel says how many readouts the top bar hides.
func moreLabel(n int) string { return fmt.Sprintf("+%d more", n) }

func (p *Play) roleLabel() string {
	switch {
	case p.kind == playWatch:
		return "Replay: " + view.RoleName(p.sess.Role())
	case p.sess.Role() == session.Spectator:
		return "Spectator"
	}
	return "You: " + view.RoleName(p.sess.Role())
}

// buildPanel lays out the decisions panel: cards, free orders, the site
// picked on the map.
func (p *Play) buildPanel() {
	g := p.g
	pr := p.l.panel
	in := pr.Inset(g.Px(12))
	y0 := in.Y - p.panelScroll.Offset
	y := y0
	pc := &p.panel
	body, small, bold := g.body(), g.small(), g.bold()
	slh := render.LineHeight(small)
	wrap := func(s string, face text.Face, clr color.Color, x, w float64) {
		for _, l := range ui.Wrap(s, w, render.Measure(face)) {
			pc.text(l, face, clr, x, y)
			y += render.LineHeight(face)
		}
	}
	if len(p.summary) > 0 {
		top := y
		y += g.Px(8)
		x, w := in.X+g.Px(10), in.W-g.Px(20)
		wrap(fmt.Sprintf("What moved in turn %d, and why", p.summaryTurn+1), bold, view.Text(), x, w)
		for _, l := range p.summary {
			wrap(l, small, view.Text(), x, w)
		}
		bw := g.buttonWidth("Dismiss", small) + g.Px(6)
		rr := ui.Rect{X: x, Y: y + g.Px(4), W: bw, H: g.Px(26)}
		p.cs.add(control{Widget: ui.Widget{ID: "summary-dismiss", Rect: rr, Tip: "Hide this summary until the next turn.", Focusable: true},
			Label: "Dismiss", Face: small, Action: func() { p.summary = nil }})
		y = rr.Bottom() + g.Px(10)
		pc.frames = append(pc.frames, ui.Rect{X: in.X, Y: top, W: in.W, H: y - top})
		y += g.Px(10)
	}
	if p.served != nil {
		y = p.panelHeading("SEATS", in.X, y)
		if st := p.served.Status(); st.Connected { // else what the server last said may no longer hold
			for _, info := range st.Seats {
				wrap(seat.Line(info), small, view.Text(), in.X, in.W)
			}
		}
		msg, bad := p.served.Situation()
		clr := view.Dim()
		if bad {
			clr = view.Danger()
		}
		wrap(msg, body, clr, in.X, in.W)
		y += g.Px(10)
	}
	switch {
	case p.kind == playWatch:
		y = p.panelHeading("REPLAY", in.X, y)
		wrap("You are watching a recorded game: every order comes from the recording. "+view.WatchHint(g.settings.Keys), body, view.Dim(), in.X, in.W)
	case p.sess.Role() == session.Spectator:
		y = p.panelHeading("SPECTATOR", in.X, y)
		wrap("The AI plays every actor. "+view.WatchHint(g.settings.Keys), body, view.Dim(), in.X, in.W)
	case p.spectating():
		y = p.panelHeading("WATCHING AS "+strings.ToUpper(view.RoleName(p.sess.Role())), in.X, y)
		wrap(view.RoleName(p.sess.Role())+" makes no decisions here: the AI plays every actor and you see what this side sees. "+
			view.WatchHint(g.settings.Keys), body, view.Dim(), in.X, in.W)
	case p.sess.Over():
		y = p.panelHeading("THE RUN IS OVER", in.X, y)
		wrap(view.OutcomeTitle(p.sess.Outcome())+". "+view.OverHint(g.settings.Keys), body, view.Text(), in.X, in.W)
	default:
		y = p.panelHeading(fmt.Sprintf("DECISIONS (%d)", len(p.cards)), in.X, y)
		if len(p.cards) == 0 {
			msg := view.IdleHint(g.settings.Keys)
			switch {
			case p.served != nil:
				msg = "No decision is open: your next one shows here when the game comes to it."
			case p.flow.Running():
				msg = "The turn is resolving…"
			}
			wrap(msg, body, view.Dim(), in.X, in.W)
		}
		for ci, c := range p.cards {
			top := y
			y += g.Px(8)
			x := in.X + g.Px(10)
			w := in.W - g.Px(20)
			wrap(c.Title, bold, view.Text(), x, w)
			wrap(c.Reason, small, view.Text(), x, w)
			for _, f := range c.Facts {
				wrap(f, small, view.Dim(), x, w)
			}
			if c.Decision.Kind == sim.DecidePlan {
				y = p.strikeSettings(x, y, w)
			}
			// the buttons, then below them the preview of the choice under
			// the pointer, else of the first one, in a slot that keeps its
			// room while the card is open (a hovered choice without one says
			// so, never leaving another's preview on screen)
			buttons := make([]layout.ChoiceButton, len(c.Choices))
			group := ""
			for i, ch := range c.Choices {
				buttons[i].W = min(w, g.buttonWidth(ch.Label, small)+g.Px(6))
				if ch.Group != group && ch.Group != "" {
					group = ch.Group
					buttons[i].Heading = true
				}
			}
			need, pending := p.previewRows(c, w)
			body := layout.LayCardBody(x, y, w, buttons, p.previewRoom.Reserve(c.Decision.ID, need, pending), p.cardMetrics())
			heading := 0
			for i, ch := range c.Choices {
				if buttons[i].Heading {
					pc.text(ch.Group, small, view.Dim(), x, body.Headings[heading]+g.Px(2))
					heading++
				}
				hot := ""
				if ci == 0 && i < 9 {
					hot = g.settings.Keys.Label(keymap.Answer1 + keymap.Action(i))
				}
				rr := body.Buttons[i]
				tip := ch.Tip
				if ch.Default {
					tip += " This is the answer given if you let the decision go."
				}
				if ch.Disabled != "" {
					tip = "Not possible now: " + ch.Disabled
				}
				ch := ch
				id := fmt.Sprintf("choice-%d-%d", c.Decision.ID, i)
				p.cs.add(control{Widget: ui.Widget{ID: id, Rect: rr, Tip: tip, Hotkey: hot, Disabled: ch.Disabled != "", Focusable: true},
					Label: ch.Label, Face: small, Style: styleButton, Action: func() { p.choose(ch) }})
				if ch.Default {
					pc.items = append(pc.items, textItem{rule: true, x: rr.X + g.Px(3), y: rr.Bottom() - g.Px(3), width: rr.W - g.Px(6), clr: view.Dim()})
				}
			}
			if slot := body.Preview; slot.H > 0 {
				y = slot.Y
				prev := previewOf(c, p.hover)
				lines := prev.Preview
				switch {
				case prev.Pending:
					lines = []string{"on its way from the server…"}
				case len(lines) == 0:
					lines = []string{"nothing the engine can foresee changes at once"}
				}
				if prev.Label != "" {
					pc.text("If you choose “"+prev.Label+"”:", small, view.Accent(), x, y)
					y += slh
					for _, l := range lines {
						wrap("→ "+l, small, view.Text(), x+g.Px(8), w-g.Px(8))
					}
				}
			}
			y = body.Bottom
			y += g.Px(10)
			pc.frames = append(pc.frames, ui.Rect{X: in.X, Y: top, W: in.W, H: y - top})
			y += g.Px(8)
		}
		if len(p.free) > 0 {
			y += g.Px(6)
			y = p.panelHeading("ORDERS YOU MAY GIVE ANY TIME", in.X, y)
			group := ""
			for i, ch := range p.free {
				if ch.Group != group {
					group = ch.Group
					y = p.flowEnd(y)
					if title := view.GroupTitle(p.free, i); title != "" {
						y += g.Px(2)
						wrap(title, small, view.Dim(), in.X, in.W)
					}
				}
				bw := min(in.W, g.buttonWidth(ch.Label, small)+g.Px(6))
				rr := ui.Rect{X: in.X, Y: y, W: bw, H: g.Px(28)}
				y = p.flowButton(&rr, in.X, in.W, y)
				tip := ch.Tip
				if len(ch.Preview) > 0 {
					tip += "\n" + strings.Join(ch.Preview, "\n")
				}
				if ch.Disabled != "" {
					tip = ch.Tip + "\nNot possible now: " + ch.Disabled
				}
				ch := ch
				p.cs.add(control{Widget: ui.Widget{ID: fmt.Sprintf("free-%d", i), Rect: rr, Tip: tip, Disabled: ch.Disabled != "", Focusable: true},
					Label: ch.Label, Face: small, Action: func() { p.choose(ch) }})
			}
			y = p.flowEnd(y)
			if p.obs().Actor == sim.USA && p.selected < 0 {
				y += g.Px(4)
				wrap("Pick a site on the map to call a halt on Israeli strikes around it.", small, view.Dim(), in.X, in.W)
			}
		}
		if n := p.sess.Undoable(); n > 0 && p.kind == playLive {
			y += g.Px(10)
			y = p.panelHeading("UNDO", in.X, y)
			undo := func(id, label, tip string, k int) {
				bw := min(in.W, g.buttonWidth(label, small)+g.Px(6))
				rr := ui.Rect{X: in.X, Y: y, W: bw, H: g.Px(28)}
				y = p.flowButton(&rr, in.X, in.W, y)
				p.cs.add(control{Widget: ui.Widget{ID: id, Rect: rr, Tip: tip, Focusable: true},
					Label: label, Face: small, Action: func() { p.undo(k) }})
			}
			undo("undo-last", "Undo last order", "Take back your last order: the game is replayed to the moment before it. ["+g.settings.Keys.Label(keymap.Undo)+"]", 1)
			if n > 1 {
				undo("undo-turn", fmt.Sprintf("Undo the turn (%d orders)", n), "Take back every order since you last ended a turn.", n)
			}
			y = p.flowEnd(y)
			wrap("Your orders stand once you end a turn (Space) or skip ahead (Enter).", small, view.Dim(), in.X, in.W)
		}
	}
	if items := view.Pending(p.obs()); len(items) > 0 {
		y += g.Px(12)
		y = p.panelHeading("PENDING", in.X, y)
		for _, it := range items {
			wrap(it.Text, small, view.Text(), in.X, in.W)
		}
	}
	// the player's objectives; a spectator follows every side's
	sides := []sim.Actor{p.sess.Role()}
	if p.sess.Role() == session.Spectator || !view.Decides(p.sess.Role()) {
		sides = sides[:0]
		for a := sim.Actor(0); a < sim.NumActors; a++ {
			if hasObjectives(p.sess.Scenario(), a) {
				sides = append(sides, a)
			}
		}
	}
	for _, side := range sides {
		if objs := view.Objectives(p.sess.Scenario(), side, p.sess.ObjectiveValue, p.sess.Objectives()); len(objs) > 0 {
			y += g.Px(12)
			title := "YOUR OBJECTIVES"
			if side != p.sess.Role() {
				title = "OBJECTIVES OF " + strings.ToUpper(view.RoleName(side))
			}
			y = p.panelHeading(title, in.X, y)
			for _, o := range objs {
				mark, clr := o.Mark(), view.Good()
				if !o.Good() {
					clr = view.Danger()
				}
				pc.text(mark, small, clr, in.X, y)
				txt := o.Text + " (now " + o.Now + ")"
				x := in.X + g.Px(62)
				for _, l := range ui.Wrap(txt, in.W-g.Px(62), render.Measure(small)) {
					pc.text(l, small, view.Text(), x, y)
					y += slh
				}
			}
		}
	}
	if s := p.selected; s >= 0 {
		y += g.Px(12)
		y = p.panelHeading("SELECTED", in.X, y)
		for _, l := range strings.Split(p.siteInfo(s), "\n") {
			wrap(l, small, view.Text(), in.X, in.W)
		}
	}
	p.panelScroll.View, p.panelScroll.Content = in.H, y-y0
	p.panelScroll.Clamp()
}

// flowButton places a button after the previous one on its line, or at the
// start of the next line when it does not fit; it returns the line's y.
func (p *Play) flowButton(r *ui.Rect, x0, w, y float64) float64 {
	g := p.g
	if p.flowX > x0 && p.flowX+r.W > x0+w {
		p.flowX = x0
		y += r.H + g.Px(5)
	}
	if p.flowX < x0 {
		p.flowX = x0
	}
	r.X, r.Y = p.flowX, y
	p.flowX += r.W + g.Px(5)
	p.flowH = r.H
	return y
}

// flowEnd closes a line of flowed buttons and returns the y below it.
func (p *Play) flowEnd(y float64) float64 {
	if p.flowX > 0 {
		y += p.flowH + p.g.Px(5)
	}
	p.flowX, p.flowH = 0, 0
	return y
}

func (p *Play) panelHeading(s string, x, y float64) float64 {
	face := p.g.Face(12, true)
	p.panel.text(s, face, view.Accent(), x, y)
	return y + render.LineHeight(face) + p.g.Px(4)
}

// strikeSettings lays out the package and notice toggles of a strike plan.
func (p *Play) strikeSettings(x, y, w float64) float64 {
	g := p.g
	small := g.small()
	y += g.Px(4)
	for i := int8(0); i < 3; i++ {
		i := i
		label := view.PackageWord(i)
		rr := ui.Rect{W: g.buttonWidth(label, small), H: g.Px(26)}
		y = p.flowButton(&rr, x, w, y)
		p.cs.add(control{Widget: ui.Widget{ID: fmt.Sprintf("pkg-%d", i), Rect: rr, Tip: "Package size: more jets hit harder but are seen sooner; interception is ×½ with 2 jets, ×2 with 8, so over heavy cover a smaller package hits more often and loses fewer aircraft."},
			Label: label, Face: small, Style: styleToggle, On: p.cardOpt.Package == i, Action: func() { p.cardOpt.Package = i }})
	}
	y = p.flowEnd(y)
	for i := int8(0); i < 3; i++ {
		i := i
		label := view.NoticeWord(i)
		rr := ui.Rect{W: g.buttonWidth(label, small), H: g.Px(26)}
		y = p.flowButton(&rr, x, w, y)
		p.cs.add(control{Widget: ui.Widget{ID: fmt.Sprintf("notice-%d", i), Rect: rr,
			Tip: "Notice to Russia for routes near its forces: short risks an incident, long risks a leak to the target."},
			Label: label, Face: small, Style: styleToggle, On: p.cardOpt.Notice == i, Action: func() { p.cardOpt.Notice = i }})
	}
	return p.flowEnd(y)
}

// previewRows is the number of lines the tallest preview among a card's
// choices takes, heading included, and whether some are on their way.
func (p *Play) previewRows(c view.Card, w float64) (int, bool) {
	small := p.g.small()
	tallest, pending := 0, false
	for _, ch := range c.Choices {
		pending = pending || ch.Pending
		if len(ch.Preview) == 0 {
			continue
		}
		n := 1
		for _, l := range ch.Preview {
			n += len(ui.Wrap("→ "+l, w-p.g.Px(8), render.Measure(small)))
		}
		tallest = max(tallest, n)
	}
	return tallest, pending
}

// cardMetrics are the sizes of a decision card's buttons and preview.
func (p *Play) cardMetrics() layout.CardMetrics {
	g := p.g
	return layout.CardMetrics{ButtonH: g.Px(28), Gap: g.Px(5), HeadingH: g.Px(2) + render.LineHeight(g.small()), LineH: render.LineHeight(g.small()), Pad: g.Px(6)}
}

// previewOf returns the hovered choice if it belongs to the card, else the
// card's first enabled choice with a preview, or on its way.
func previewOf(c view.Card, hover *view.Choice) view.Choice {
	if hover != nil && hover.Order.Decision == c.Decision.ID {
		return *hover
	}
	for _, ch := range c.Choices {
		if ch.Disabled == "" && (len(ch.Preview) > 0 || ch.Pending) {
			return ch
		}
	}
	return view.Choice{}
}

// choiceAt finds the choice of a control id.
func (p *Play) choiceAt(id string) *view.Choice {
	var dec, i int
	if _, err := fmt.Sscanf(id, "choice-%d-%d", &dec, &i); err == nil {
		for ci := range p.cards {
			if int(p.cards[ci].Decision.ID) == dec && i < len(p.cards[ci].Choices) {
				return &p.cards[ci].Choices[i]
			}
		}
	}
	if _, err := fmt.Sscanf(id, "free-%d", &i); err == nil && i < len(p.free) {
		return &p.free[i]
	}
	return nil
}

// siteInfo describes a site as the player sees it.
func (p *Play) siteInfo(i int32) string {
	obs := p.obs()
	sc := obs.Scenario
	s := &sc.Sites[i]
	v := obs.Sites[i]
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s of %s", s.Name, strings.ToUpper(view.KindWord(s.Kind)[:1])+view.KindWord(s.Kind)[1:], obs.Owner(i).Name())
	if v.Troops > 0 {
		fmt.Fprintf(&b, " · %d troops", v.Troops)
		if v.Evacuated {
			fmt.Fprintf(&b, ", %d there until the evacuation ends after turn %d", v.Present, v.EvacuatedTill+1)
		}
	}
	if v.Hazard >= 0 {
		fmt.Fprintf(&b, "\nAttack hazard this turn: %s", view.Percent(v.Hazard))
	}
	var tags []string
	if v.Hardened {
		tags = append(tags, "hardened")
	}
	if v.Disabled {
		tags = append(tags, "out of action after a strike")
	}
	if v.Detected {
		tags = append(tags, "located by Israeli intelligence")
	}
	if s.ADRange > 0 {
		tags = append(tags, fmt.Sprintf("air-defence cover %d km", s.ADRange/1000))
	}
	if len(tags) > 0 {
		b.WriteString("\n" + strings.Join(tags, ", "))
	}
	return b.String()
}

// buildLog lays out the log's filter buttons and its visible lines.
func (p *Play) buildLog() {
	g := p.g
	head, body := p.logAreas()
	x := head.X + text.Advance("LOG", g.Face(12, true)) + g.Px(14)
	for c := view.All; c < view.NumCategories; c++ {
		c := c
		w := g.buttonWidth(c.String(), g.small())
		p.cs.add(control{Widget: ui.Widget{ID: "filter-" + c.String(), Rect: ui.Rect{X: x, Y: head.Y, W: w, H: head.H - g.Px(4)},
			Tip: "Show " + c.String() + " events."}, Label: c.String(), Face: g.small(), Style: styleToggle, On: p.filter == c,
			Action: func() { p.filter = c; p.linesKey = [3]int{-1, -1, -1} }})
		x += w + g.Px(4)
	}
	log := p.sess.Log()
	// a log that showed its end keeps showing it as lines come and the
	// window or the interface scale changes
	atBottom := p.logScroll.AtBottom()
	if key := [3]int{len(log), int(p.filter), len(p.sess.Changes())}; key != p.linesKey {
		from := 0
		if key[1] == p.linesKey[1] && key[0] >= p.linesKey[0] && p.linesKey[0] >= 0 {
			from = p.linesKey[0] // only the new entries need words
		} else {
			p.entries = p.entries[:0]
		}
		p.linesKey = key
		for _, ln := range view.Lines(p.sess.Scenario(), p.sess.Role(), log[from:], p.filter, p.sess.Mission) {
			ln.Index += from
			p.entries = append(p.entries, ln)
		}
		p.lines = view.WithSummaries(p.sess.Scenario(), p.sess.Role(), p.entries, p.sess.Changes(), p.filter)
	}
	rowH := p.logRowH()
	p.logScroll.View, p.logScroll.Content = body.H, float64(len(p.lines))*rowH
	if atBottom {
		p.logScroll.ToBottom()
	}
	// whole rows only: the top line never shows cut in half
	p.logScroll.Offset = math.Round(p.logScroll.Offset/rowH) * rowH
	p.logScroll.Clamp()
	first := int(p.logScroll.Offset / rowH)
	for i := first; i < len(p.lines); i++ {
		y := body.Y + float64(i)*rowH - p.logScroll.Offset
		if y > body.Bottom() {
			break
		}
		ln := p.lines[i]
		tip := ""
		switch {
		case ln.Summary: // a summary is longer than its row
			tip = ln.Text
		case ln.HasPos:
			tip = "Click to centre the map here."
		}
		i := i
		p.cs.add(control{Widget: ui.Widget{ID: fmt.Sprintf("log-%d", i), Rect: ui.Rect{X: body.X, Y: y, W: body.W - g.Px(8), H: rowH}, Tip: tip},
			Style: styleRow, Action: func() { p.centreOn(p.lines[i]) }})
	}
}

func (p *Play) logRowH() float64 { return render.LineHeight(p.g.small()) + p.g.Px(3) }

// logAreas splits the log into its filter row and its lines, the lines a
// whole number of rows high so none shows cut in half.
func (p *Play) logAreas() (head, body ui.Rect) {
	g := p.g
	r := p.l.log.InsetXY(g.Px(10), g.Px(6))
	head, body = r.CutTop(g.Px(28))
	rows := math.Floor(body.H / p.logRowH())
	_, body = body.CutTop(body.H - rows*p.logRowH())
	return head, body
}

// centreOn moves the map to a log line's place.
func (p *Play) centreOn(ln view.LogLine) {
	if !ln.HasPos {
		p.say("This entry has no place on the map.", false)
		return
	}
	p.cam.CX, p.cam.CY = float64(ln.Pos.X), float64(ln.Pos.Y)
	p.cam.Clamp()
	// the map may stop at its edge short of the place: a ring shows where it is
	p.ships.reset(p.obs())
	p.anims = append(p.anims[:0], anim{kind: animPing, color: view.Accent(), dur: 1.2, path: []geo.Point{ln.Pos}})
	p.animStart, p.animSpeed = p.g.input.Now, 1
	if ln.Site >= 0 {
		p.selected = ln.Site
		p.cardsKey = ""
	}
}

// Draw draws the play screen.
func (p *Play) Draw(dst *ebiten.Image) {
	g := p.g
	if !p.camSet {
		p.l = p.layout()
		p.fitCamera()
		p.refreshCards()
		p.build()
	}
	if p.passScreen(); p.overlay == overlayPass {
		p.drawOverlay(dst) // nothing of the seat before shows behind the cover
		return
	}
	dst.Fill(view.Sea())
	p.drawMap(dst)
	p.drawBar(dst)
	p.drawPanel(dst)
	p.drawLog(dst)
	p.drawHints(dst)
	if p.overlay != overlayNone {
		p.drawOverlay(dst)
		return
	}
	if tip := p.mapTip(); tip != "" {
		// under the pointer's own symbol: a box as tall as a map symbol
		px, py := g.input.UI.X, g.input.UI.Y
		g.drawTip(dst, tip, px, ui.Rect{X: px - g.Px(10), Y: py - g.Px(10), W: g.Px(20), H: g.Px(20)})
	} else {
		g.drawTooltip(dst, &p.st, &g.input.UI)
	}
}

func (p *Play) drawBar(dst *ebiten.Image) {
	g := p.g
	g.pt.Rect(dst, p.l.bar, view.Panel())
	g.pt.Line(dst, p.l.bar.X, p.l.bar.Bottom()-0.5, p.l.bar.Right(), p.l.bar.Bottom()-0.5, 1, view.PanelLine())
	tb := view.BuildTopBar(p.obs())
	body := g.body()
	cy := p.l.bar.Y + p.l.bar.H/2
	for i := range p.cs.list {
		c := &p.cs.list[i]
		r := c.Rect
		var n int
		switch {
		case c.ID == "bar-date":
			render.TextMiddle(dst, tb.Date, g.bold(), r.X, cy, view.Text(), render.Left)
			render.TextMiddle(dst, tb.Turn, body, r.X+text.Advance(tb.Date+"  ", g.bold()), cy, view.Dim(), render.Left)
		case scan(c.ID, "bar-ladder-%d", &n):
			l := tb.Ladders[n]
			render.TextMiddle(dst, l.Name, body, r.X, cy, view.Text(), render.Left)
			p.gauge(dst, r.X+text.Advance(l.Name, body)+g.Px(8), cy, l.Level, l.Value)
		case c.ID == "bar-talks":
			render.TextMiddle(dst, tb.Talks, body, r.X, cy, view.Text(), render.Left)
		case c.ID == "bar-trust":
			render.TextMiddle(dst, tb.Trust, body, r.X, cy, view.Text(), render.Left)
		case c.ID == "bar-more":
			render.TextMiddle(dst, moreLabel(len(tb.Hazards)-countPrefix(p.cs.list, "bar-hazard-")), body, r.X, cy, view.Accent(), render.Left)
		case scan(c.ID, "bar-hazard-%d", &n) && n < len(tb.Hazards): // the game may have moved on since the bar was laid out
			h := tb.Hazards[n]
			clr := g.pt.Palette.Hazard[view.LevelOf(h.Micro)]
			s := g.Px(7)
			g.pt.Convex(dst, []float64{r.X + s, cy - s, r.X + 2*s, cy + s*0.8, r.X, cy + s*0.8}, clr)
			render.TextMiddle(dst, "!", g.Face(10, true), r.X+s, cy+g.Px(1), view.Sea(), render.Center)
			render.TextMiddle(dst, h.Name+" "+h.Percent, body, r.X+g.Px(20), cy, clr, render.Left)
		case c.ID == "bar-role":
			g.pt.Rect(dst, ui.Rect{X: r.X, Y: cy - g.Px(8), W: g.Px(6), H: g.Px(16)}, g.owner(p.sess.Role()))
			render.TextMiddle(dst, p.roleLabel(), g.bold(), r.X+g.Px(14), cy, view.Text(), render.Left)
		case strings.HasPrefix(c.ID, "speed-"):
			g.drawControl(dst, c, &p.st)
		}
	}
}

// panelControl reports whether a control belongs to the decisions panel
// (drawn clipped to it).
func panelControl(id string) bool {
	for _, prefix := range []string{"choice-", "free-", "pkg-", "notice-", "undo-", "summary-"} {
		if strings.HasPrefix(id, prefix) {
			return true
		}
	}
	return false
}

// countPrefix counts the controls whose id starts with prefix.
func countPrefix(list []control, prefix string) int {
	n := 0
	for i := range list {
		if strings.HasPrefix(list[i].ID, prefix) {
			n++
		}
	}
	return n
}

// scan reports whether id matches format, filling n.
func scan(id, format string, n *int) bool {
	_, err := fmt.Sscanf(id, format, n)
	return err == nil
}

func (p *Play) gaugeWidth() float64 {
	g := p.g
	return 5*(g.Px(12)+g.Px(3)) + g.Px(2) + text.Advance("0.0", g.small())
}

// gauge draws an escalation ladder: five steps, filled up to the level.
func (p *Play) gauge(dst *ebiten.Image, x, cy, level float64, value string) {
	g := p.g
	w, h, gap := g.Px(12), g.Px(14), g.Px(3)
	for i := range 5 {
		r := ui.Rect{X: x + float64(i)*(w+gap), Y: cy - h/2, W: w, H: h}
		g.pt.Rect(dst, r, view.Button())
		fill := min(max(level-float64(i), 0), 1)
		if fill > 0 {
			clr := []color.RGBA{view.Good(), view.Good(), view.Accent(), view.Danger(), view.Danger()}[i]
			g.pt.Rect(dst, ui.Rect{X: r.X, Y: r.Y, W: r.W * fill, H: r.H}, clr)
		}
	}
	render.TextMiddle(dst, value, g.small(), x+5*(w+gap)+g.Px(2), cy, view.Dim(), render.Left)
}

func (p *Play) drawPanel(dst *ebiten.Image) {
	g := p.g
	pr := p.l.panel
	g.pt.Rect(dst, pr, view.Panel())
	g.pt.Line(dst, pr.X+0.5, pr.Y, pr.X+0.5, pr.Bottom(), 1, view.PanelLine())
	clip := render.SubImage(dst, pr.X, pr.Y, pr.W, pr.H)
	for _, f := range p.panel.frames {
		g.pt.Rect(clip, f, color.RGBA{0x1b, 0x22, 0x2a, 0xff})
		g.pt.Rect(clip, ui.Rect{X: f.X, Y: f.Y, W: g.Px(3), H: f.H}, g.owner(p.sess.Role()))
	}
	for _, it := range p.panel.items {
		if it.rule {
			g.pt.Rect(clip, ui.Rect{X: it.x, Y: it.y, W: it.width, H: max(1, g.Px(1))}, view.Fade(view.Accent(), 0.7))
			continue
		}
		render.Text(clip, it.s, it.face, it.x, it.y, it.clr, render.Left)
	}
	for i := range p.cs.list {
		c := &p.cs.list[i]
		if panelControl(c.ID) {
			g.drawControl(clip, c, &p.st)
			if c.Hotkey != "" {
				render.Text(clip, c.Hotkey, g.Face(9, false), c.Rect.X+g.Px(3), c.Rect.Y+g.Px(1), view.Dim(), render.Left)
			}
		}
	}
	if pos, l, ok := p.panelScroll.Thumb(pr.H); ok {
		g.pt.Rect(dst, ui.Rect{X: pr.Right() - g.Px(4), Y: pr.Y + pos, W: g.Px(3), H: l}, view.PanelLine())
	}
	g.moreBelow(dst, ui.Rect{X: pr.X + 1, Y: pr.Y, W: pr.W - g.Px(6), H: pr.H}, &p.panelScroll)
}

func (p *Play) drawLog(dst *ebiten.Image) {
	g := p.g
	r := p.l.log
	g.pt.Rect(dst, r, view.Panel())
	g.pt.Line(dst, r.X, r.Y+0.5, r.Right(), r.Y+0.5, 1, view.PanelLine())
	head, body := p.logAreas()
	render.TextMiddle(dst, "LOG", g.Face(12, true), head.X, head.Y+(head.H-g.Px(4))/2, view.Accent(), render.Left)
	clip := render.SubImage(dst, body.X, body.Y, body.W, body.H)
	small := g.small()
	// the widest date the column holds (digits differ in width), then a gap
	dateW := text.Advance("2000-00-00 00:00", small)
	if p.sess.Scenario().TurnHours%24 == 0 {
		dateW = text.Advance("2000-00-00", small)
	}
	dateW += g.Px(10)
	for i := range p.cs.list {
		c := &p.cs.list[i]
		if strings.HasPrefix(c.ID, "filter-") {
			g.drawControl(dst, c, &p.st)
			continue
		}
		if !strings.HasPrefix(c.ID, "log-") {
			continue
		}
		var row int
		fmt.Sscanf(c.ID, "log-%d", &row)
		if row < 0 || row >= len(p.lines) {
			continue
		}
		ln := &p.lines[row]
		if p.st.Hover == c.ID {
			g.pt.Rect(clip, c.Rect, view.ButtonHot())
		}
		y := c.Rect.Y + g.Px(1)
		render.Text(clip, ln.Date, small, c.Rect.X+g.Px(4), y, view.Dim(), render.Left)
		g.pt.Rect(clip, ui.Rect{X: c.Rect.X + dateW, Y: c.Rect.Y + c.Rect.H*0.2, W: g.Px(4), H: c.Rect.H * 0.6}, g.owner(ln.Actor))
		clr := view.Text()
		if ln.Important {
			clr = view.Accent()
		}
		tx := c.Rect.X + dateW + g.Px(10)
		render.Text(clip, ui.Ellipsize(ln.Text, c.Rect.Right()-tx, render.Measure(small)), small, tx, y, clr, render.Left)
	}
	if len(p.lines) == 0 {
		render.Text(dst, "Nothing has happened yet.", small, body.X+g.Px(4), body.Y, view.Dim(), render.Left)
	}
	if pos, l, ok := p.logScroll.Thumb(body.H); ok {
		g.pt.Rect(dst, ui.Rect{X: body.Right() - g.Px(4), Y: body.Y + pos, W: g.Px(3), H: l}, view.PanelLine())
	}
}

func (p *Play) drawHints(dst *ebiten.Image) {
	g := p.g
	r := p.l.hints
	g.pt.Rect(dst, r, color.RGBA{0x0a, 0x0e, 0x12, 0xff})
	small := g.small()
	_, enter := p.enterKey()
	hints := view.PlayHints(enter, p.spectating(), g.settings.Keys)
	render.TextMiddle(dst, hints, small, r.X+g.Px(10), r.Y+r.H/2, view.Dim(), render.Left)
	status := ""
	clr := view.Dim()
	switch {
	case p.toast != "" && g.input.Now.Before(p.toastUntil):
		status, clr = p.toast, view.Text()
		if p.toastBad {
			clr = view.Danger()
		}
	case p.flow.Mode() == turnflow.Next:
		status = fmt.Sprintf("Skipping ahead… %s", view.DateOfTurn(p.sess.Scenario(), p.sess.Turn()))
	case p.flow.Mode() == turnflow.Turn:
		status = "Resolving the turn…"
	case p.sess.Waiting():
		status, clr = "Your decision is needed", view.Accent()
	case p.served != nil:
		var bad bool
		if status, bad = p.served.Situation(); bad {
			clr = view.Danger()
		}
	}
	if status != "" {
		hw := text.Advance(hints, small) + g.Px(30)
		status = ui.Ellipsize(status, r.W-hw-g.Px(10), render.Measure(small))
		render.TextMiddle(dst, status, small, r.Right()-g.Px(10), r.Y+r.H/2, clr, render.Right)
	}
}
