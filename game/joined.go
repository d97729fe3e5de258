package game

import (
	"errors"
	"fmt"
	"image/color"
	"maps"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/deconflict/deconflict/game/netclient"
	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/seat"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
)

// Joined is the screen of a served game's seat before and after its play
// screen: while the client connects (a plain message while the server
// cannot be reached, or why it refused the seat), and once the game is over
// (the outcome, every side's verdict). As soon as the server has sent the
// seat its game, the play screen shows it.
type Joined struct {
	g    *Game
	c    *netclient.Client // while joining
	sess *seat.Session     // once the play screen has shown the game
	err  error             // why the seat's game cannot be shown
	st   ui.State
	cs   controls
}

func newJoined(g *Game, addr, code string) *Joined {
	return &Joined{g: g, c: netclient.Dial(addr, code)}
}

func (j *Joined) status() netclient.Status {
	if j.sess != nil {
		return j.sess.Status()
	}
	return j.c.Status()
}

// Busy is true until the game's end or a refusal has come: the server's
// messages change the screen without the player doing anything.
func (j *Joined) Busy() bool {
	st := j.status()
	return st.Over == nil && st.Refused == nil && j.err == nil || j.st.TipPending()
}

func (j *Joined) build() {
	g := j.g
	j.cs.reset()
	w, h := g.Size()
	f := ui.Rect{W: w, H: h}.Inset(g.Px(24))
	f, _ = f.CutBottom(g.Px(52))
	label := "Leave the game"
	if j.sess != nil {
		label = "Back to the menu"
	}
	r, _ := f.CutLeft(max(g.Px(180), g.buttonWidth(label, g.body())))
	j.cs.add(control{Widget: ui.Widget{ID: "leave", Rect: r, Focusable: true, Hotkey: "Esc"}, Label: label, Action: j.leave})
}

func (j *Joined) leave() {
	if j.sess != nil {
		j.sess.Close()
	} else {
		j.c.Close()
	}
	j.g.setScreen(newMenu(j.g))
}

// Update opens the play screen once the server has sent the seat's game,
// and handles the button.
func (j *Joined) Update(in *Input) error {
	if j.sess == nil && j.err == nil {
		switch s, err := seat.New(j.c); {
		case err == nil:
			j.g.setScreen(newServedPlay(j.g, s))
			return nil
		case !errors.Is(err, seat.ErrNotReady):
			j.err = err
		}
	}
	j.build()
	if in.Pressed(ebiten.KeyEscape) {
		j.leave()
		return nil
	}
	in.Activate()
	if res := j.st.Update(in.UI, j.cs.widgets()); res.Activated != "" {
		j.cs.run(res.Activated)
	}
	return nil
}

// Draw draws the joining or the end of the seat's game.
func (j *Joined) Draw(dst *ebiten.Image) {
	g := j.g
	st := j.status()
	j.build()
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

// drawStatus writes the connection, the seats and the end.
func (j *Joined) drawStatus(dst *ebiten.Image, st netclient.Status, x, y, w, maxY float64) {
	g := j.g
	para := func(s string, clr color.Color) {
		y = g.paragraph(dst, s, g.body(), x, y, w, clr, maxY) + g.Px(6)
	}
	switch {
	case st.Refused != nil:
		para(st.Refused.Error(), view.Danger())
	case st.Gone != "" && st.Over == nil:
		para(st.Gone, view.Danger())
		if st.Cause != nil {
			para(st.Cause.Error(), view.Dim())
		}
	}
	if j.err != nil {
		para(j.err.Error(), view.Danger())
	}
	if o := st.Over; o != nil {
		para("The game is over: "+o.Outcome+".", view.Good())
		for _, role := range slices.Sorted(maps.Keys(o.Verdicts)) {
			para(fmt.Sprintf("%s: %s", role, o.Verdicts[role]), view.Text())
		}
		para("Final hash "+o.FinalHash, view.Dim())
		return
	}
	for _, s := range st.Seats {
		para(seat.Line(s), view.Text())
	}
}
