package game

import (
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/settingsui"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
)

// settingsWindows draws the settings and keys windows (package settingsui)
// over the screen that opened them, the main menu or the play screen, and
// passes them the input; their changes apply at once and are kept.
type settingsWindows struct {
	g  *Game
	w  settingsui.Windows
	st ui.State
	cs controls
}

// open opens a window (settingsui.Closed closes them).
func (sw *settingsWindows) open(win settingsui.Window) {
	sw.w.Show(win)
	sw.st = ui.State{}
}

// isOpen reports whether a window is open.
func (sw *settingsWindows) isOpen() bool { return sw.w.Open != settingsui.Closed }

// metrics are the game's sizes as the windows' layout takes them.
func (g *Game) metrics() settingsui.Metrics {
	w, h := g.Size()
	return settingsui.Metrics{W: w, H: h, Scale: g.Scale(), TitleLine: render.LineHeight(g.title()), BodyLine: render.LineHeight(g.body())}
}

// build lays out the open window and its controls.
func (sw *settingsWindows) build() settingsui.Frame {
	g := sw.g
	f := sw.w.Layout(g.metrics(), g.settings, ebiten.IsFullscreen())
	sw.cs.reset()
	for _, c := range f.Controls {
		st := styleButton
		if c.Toggle {
			st = styleToggle
		}
		sw.cs.add(control{Widget: c.Widget, Label: c.Label, Style: st, Face: g.body(), Action: func() { sw.do(c) }})
	}
	return f
}

// do performs a control's operation and applies what it changed.
func (sw *settingsWindows) do(c settingsui.Control) {
	g := sw.g
	var e settingsui.Effect
	sw.switching(func() { e = sw.w.Do(c, &g.settings, ebiten.IsFullscreen()) })
	g.applySettings(e)
}

// switching runs f, and forgets the hover and focus of a window f leaves.
func (sw *settingsWindows) switching(f func()) {
	was := sw.w.Open
	if f(); sw.w.Open != was {
		sw.st = ui.State{}
	}
}

// applySettings applies what a change to the settings asks for and keeps
// them.
func (g *Game) applySettings(e settingsui.Effect) {
	if e.Fullscreen {
		ebiten.SetFullscreen(g.settings.Fullscreen)
	}
	if e.Palette {
		g.applyPalette()
	}
	if e.Save {
		g.saveSettings()
	}
}

// update handles a tick of input while a window is open: Esc goes back, a
// waited-for key is bound, the controls act.
func (sw *settingsWindows) update(in *Input) {
	g := sw.g
	sw.build()
	if in.Pressed(ebiten.KeyEscape) {
		sw.switching(sw.w.Back)
		return
	}
	if sw.w.Wait {
		if k, ok := in.Captured(); ok {
			g.applySettings(settingsui.Effect{Save: sw.w.Capture(k, &g.settings)})
			return
		}
	}
	in.ActivateAndMove()
	if res := sw.st.Update(in.UI, sw.cs.widgets()); res.Activated != "" {
		sw.cs.run(res.Activated)
	}
}

// draw draws the open window over the dimmed screen.
func (sw *settingsWindows) draw(dst *ebiten.Image) {
	g := sw.g
	g.dimScreen(dst)
	f := sw.build()
	g.window(dst, f.Box)
	in := f.Box.Inset(g.Px(20))
	render.Text(dst, f.Title, g.title(), in.X, in.Y, view.Text(), render.Left)
	switch sw.w.Open {
	case settingsui.Settings:
		render.TextMiddle(dst, settingsui.ScaleText(g.settings), g.body(), f.Scale.X+f.Scale.W/2, f.Scale.Y+f.Scale.H/2, view.Text(), render.Center)
	case settingsui.Keys:
		msg, bad, dim := sw.w.Line()
		clr := view.Text()
		switch {
		case bad:
			clr = view.Danger()
		case dim:
			clr = view.Dim()
		}
		g.paragraph(dst, msg, g.body(), in.X, in.Y+render.LineHeight(g.title())+g.Px(4), in.W, clr, 0)
		for _, n := range f.Names {
			name := ui.Ellipsize(n.Text, n.Rect.W, render.Measure(g.small()))
			render.TextMiddle(dst, name, g.small(), n.Rect.X, n.Rect.Y+n.Rect.H/2, view.Text(), render.Left)
		}
	}
	g.drawControls(dst, &sw.cs, &sw.st)
	g.drawTooltip(dst, &sw.st, &g.input.UI)
}
