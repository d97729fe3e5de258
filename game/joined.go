package game

import (
	"context"
	"fmt"
	"image/color"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/deconflict/deconflict/game/netclient"
	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/sim"
)

// Joined is the screen of a served game's seat: who is connected, who the
// game waits for, the seat's turn, the end, and a plain message while the
// server cannot be reached (the client keeps trying).
type Joined struct {
	g    *Game
	c    *netclient.Client
	err  error // the last send's failure, shown until the next change
	st   ui.State
	cs   controls
	sent int64 // the last stop answered
}

func newJoined(g *Game, addr, code string) *Joined {
	return &Joined{g: g, c: netclient.Dial(addr, code)}
}

// Busy is true while the game goes on: the server's messages change the
// screen without the player doing anything.
func (j *Joined) Busy() bool {
	st := j.c.Status()
	return st.Over == nil && st.Refused == nil || j.st.TipPending()
}

func (j *Joined) build(st netclient.Status) {
	g := j.g
	j.cs.reset()
	w, h := g.Size()
	f := ui.Rect{W: w, H: h}.Inset(g.Px(24))
	f, _ = f.CutBottom(g.Px(52))
	if j.myTurn(st) {
		label := "Answer with the suggested orders"
		r, rest := f.CutLeft(max(g.Px(260), g.buttonWidth(label, g.bold())))
		j.cs.add(control{Widget: ui.Widget{ID: "answer", Rect: r, Focusable: true, Hotkey: "Enter",
			Tip: "Send the orders the scenario's AI suggests for your role and close your turn."},
			Label: label, Style: stylePrimary, Face: g.bold(), Action: func() { j.answer(st) }})
		_, f = rest.CutLeft(g.Px(12))
	}
	r, _ := f.CutLeft(max(g.Px(180), g.buttonWidth("Leave the game", g.body())))
	j.cs.add(control{Widget: ui.Widget{ID: "leave", Rect: r, Focusable: true, Hotkey: "Esc"}, Label: "Leave the game", Action: j.leave})
}

func (j *Joined) myTurn(st netclient.Status) bool {
	return st.Connected && st.Over == nil && st.Observe != nil && st.Observe.YourTurn && st.Observe.Stop > j.sent
}

// answer sends the server's suggestion for the seat's open decisions.
func (j *Joined) answer(st netclient.Status) {
	var orders []sim.Order
	for _, w := range st.Observe.Suggestion {
		o, err := w.Order()
		if err != nil {
			j.err = fmt.Errorf("the server's suggestion: %w", err)
			return
		}
		orders = append(orders, o)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if j.err = j.c.Send(ctx, st.Observe.Stop, orders, true); j.err == nil {
		j.sent = st.Observe.Stop
	}
}

func (j *Joined) leave() {
	j.c.Close()
	j.g.setScreen(newMenu(j.g))
}

// Update handles the buttons.
func (j *Joined) Update(in *Input) error {
	st := j.c.Status()
	j.build(st)
	switch {
	case in.Pressed(ebiten.KeyEscape):
		j.leave()
		return nil
	case in.Pressed(ebiten.KeyEnter) && j.myTurn(st):
		j.answer(st)
		return nil
	}
	in.Activate()
	if res := j.st.Update(in.UI, j.cs.widgets()); res.Activated != "" {
		j.cs.run(res.Activated)
	}
	return nil
}

// Draw draws the seat's view of the served game.
func (j *Joined) Draw(dst *ebiten.Image) {
	g := j.g
	st := j.c.Status()
	j.build(st)
	dst.Fill(view.Sea())
	w, h := g.Size()
	r := ui.Rect{W: w, H: h}.Inset(g.Px(24))
	x, y := r.X, r.Y
	title := "Joining a served game"
	if st.Role != "" {
		title = fmt.Sprintf("You play %s · %s", st.Role, st.Scenario)
	}
	render.Text(dst, title, g.huge(), x, y, view.Text(), render.Left)
	y += render.LineHeight(g.huge()) + g.Px(8)
	j.drawStatus(dst, st, x, y, r.W, r.Bottom()-g.Px(64))
	g.drawControls(dst, &j.cs, &j.st)
	g.drawTooltip(dst, &j.st, &g.input.UI)
}

// drawStatus writes the connection, the seats, the turn and the end.
func (j *Joined) drawStatus(dst *ebiten.Image, st netclient.Status, x, y, w, maxY float64) {
	g := j.g
	para := func(s string, clr color.Color) {
		y = g.paragraph(dst, s, g.body(), x, y, w, clr, maxY) + g.Px(6)
	}
	switch {
	case st.Refused != nil:
		para(st.Refused.Error(), view.Danger())
	case st.Gone != "":
		para(st.Gone, view.Danger())
		if st.Cause != nil {
			para(st.Cause.Error(), view.Dim())
		}
	}
	if j.err != nil {
		para(j.err.Error(), view.Danger())
	}
	if !st.Connected && st.Over == nil {
		return // what the server last said may no longer hold
	}
	for _, s := range st.Seats {
		state := "not connected"
		if s.Connected {
			state = "connected"
		}
		if s.By != "" {
			state += ", answered by " + s.By
		}
		para(fmt.Sprintf("%s: %s", s.Role, state), view.Text())
	}
	if o := st.Observe; o != nil && st.Over == nil {
		para(fmt.Sprintf("Turn %d", o.Turn), view.Text())
		switch {
		case o.Paused:
			para("The umpire has paused the game.", view.Dim())
		case j.myTurn(st):
			para(fmt.Sprintf("Your turn: %d suggested orders for your open decisions.", len(o.Suggestion)), view.Good())
		case len(o.Waiting) > 0:
			para("The game waits for "+strings.Join(o.Waiting, ", ")+".", view.Dim())
		}
	}
	if o := st.Over; o != nil {
		para("The game is over: "+o.Outcome+".", view.Good())
		for _, role := range slices.Sorted(maps.Keys(o.Verdicts)) {
			para(fmt.Sprintf("%s: %s", role, o.Verdicts[role]), view.Text())
		}
		para("Final hash "+o.FinalHash, view.Dim())
	}
}
