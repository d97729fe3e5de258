package game

import (
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
)

// JoinForm asks for a served game's address and a seat's code, then opens
// the seat's screen (the menu's "Join a game").
type JoinForm struct {
	g      *Game
	addr   ui.TextField
	code   ui.TextField
	status string
	st     ui.State
	cs     controls
}

func newJoinForm(g *Game) *JoinForm {
	f := &JoinForm{g: g}
	f.addr.Max, f.code.Max = 200, 64
	f.st.Focus = "addr"
	return f
}

// Busy reports whether a tooltip is about to show.
func (f *JoinForm) Busy() bool { return f.st.TipPending() }

func (f *JoinForm) build() {
	g := f.g
	f.cs.reset()
	w, _ := g.Size()
	x, y, fw := g.Px(24), g.Px(24)+render.LineHeight(g.huge())+g.Px(40), min(w-g.Px(48), g.Px(520))
	f.cs.add(control{Widget: ui.Widget{ID: "addr", Rect: ui.Rect{X: x, Y: y, W: fw, H: g.Px(32)}, Focusable: true, TextEntry: true,
		Tip: "The server's address as its host gave it: HOST:PORT, or a ws:// or wss:// URL."}, Style: styleField, Field: &f.addr})
	y += g.Px(32) + g.Px(34)
	f.cs.add(control{Widget: ui.Widget{ID: "code", Rect: ui.Rect{X: x, Y: y, W: fw, H: g.Px(32)}, Focusable: true, TextEntry: true,
		Tip: "Your seat's code, as the server printed it."}, Style: styleField, Field: &f.code})
	y += g.Px(32) + g.Px(40)
	join := ui.Rect{X: x, Y: y, W: max(g.Px(160), g.buttonWidth("Join", g.bold())), H: g.Px(44)}
	f.cs.add(control{Widget: ui.Widget{ID: "join", Rect: join, Focusable: true, Hotkey: "Enter"}, Label: "Join", Style: stylePrimary, Face: g.bold(), Action: f.join})
	back := ui.Rect{X: join.Right() + g.Px(12), Y: y, W: max(g.Px(160), g.buttonWidth("Back to menu", g.body())), H: g.Px(44)}
	f.cs.add(control{Widget: ui.Widget{ID: "back", Rect: back, Focusable: true, Hotkey: "Esc"}, Label: "Back to menu", Action: f.back})
}

func (f *JoinForm) join() {
	addr, code := strings.TrimSpace(f.addr.Text), strings.TrimSpace(f.code.Text)
	if addr == "" || code == "" {
		f.status = "Give the server's address and your seat's code."
		return
	}
	f.g.setScreen(newJoined(f.g, addr, code))
}

func (f *JoinForm) back() { f.g.setScreen(newMenu(f.g)) }

// Update handles typing and the buttons.
func (f *JoinForm) Update(in *Input) error {
	f.build()
	if fld := map[string]*ui.TextField{"addr": &f.addr, "code": &f.code}[f.st.Focus]; fld != nil {
		if in.editField(fld) {
			f.join()
			return nil
		}
	} else {
		in.Activate()
	}
	if in.Pressed(ebiten.KeyEscape) {
		f.back()
		return nil
	}
	if res := f.st.Update(in.UI, f.cs.widgets()); res.Activated != "" {
		f.cs.run(res.Activated)
	}
	return nil
}

// Draw draws the form.
func (f *JoinForm) Draw(dst *ebiten.Image) {
	g := f.g
	f.build()
	dst.Fill(view.Sea())
	x, y := g.Px(24), g.Px(24)
	render.Text(dst, "Join a game", g.huge(), x, y, view.Text(), render.Left)
	for _, c := range f.cs.list[:2] {
		label := map[string]string{"addr": "Server address", "code": "Seat code"}[c.ID]
		render.Text(dst, label, g.small(), c.Rect.X, c.Rect.Y-render.LineHeight(g.small())-g.Px(4), view.Dim(), render.Left)
	}
	if f.status != "" {
		last := f.cs.list[len(f.cs.list)-1].Rect
		render.Text(dst, f.status, g.body(), x, last.Bottom()+g.Px(16), view.Danger(), render.Left)
	}
	g.drawControls(dst, &f.cs, &f.st)
	g.drawTooltip(dst, &f.st, &g.input.UI)
}
