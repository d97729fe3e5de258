// Package game is the desktop frontend of Deconflict, built on Ebiten: the
// main menu, the play screen with the map of the Levant, the end screen with
// its charts, the pause menu, the settings and keys windows (opened from the
// main menu or the pause menu) and the help overlay. It reads the engine's
// observations and previews through a game session and sends orders, nothing
// else; the logic it draws lives in the ebiten-free packages camera, ui,
// view, session, save and settingsui. The same frontend runs in the browser (GOOS=js):
// there its settings and saved games live in the page's local storage.
package game

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/game/keymap"
	"github.com/deconflict/deconflict/game/layout"
	"github.com/deconflict/deconflict/game/options"
	"github.com/deconflict/deconflict/game/redraw"
	"github.com/deconflict/deconflict/game/render"
	"github.com/deconflict/deconflict/game/save"
	"github.com/deconflict/deconflict/game/settings"
	"github.com/deconflict/deconflict/game/settingsui"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/game/watch"
	"github.com/deconflict/deconflict/sim"
)

// lastGame is what the menu remembers of the game the player left.
type lastGame struct {
	scenario string // the scenario's id, "" for none
	role     sim.Actor
	seed     uint64
}

// Options configure one run of the game (see package options).
type Options = options.Options

// Screen is one screen of the game.
type Screen interface {
	Update(in *Input) error
	Draw(dst *ebiten.Image)
	// Busy reports whether the screen animates or waits for a timer, so
	// it must be drawn again although the player does nothing.
	Busy() bool
}

// applyPalette paints with the palette the settings ask for.
func (g *Game) applyPalette() {
	g.pt.Palette = view.DefaultPalette()
	if g.settings.ColourBlind {
		g.pt.Palette = view.ColourBlindPalette()
	}
}

// owner is an actor's colour in the player's palette; neutral grey for no actor.
func (g *Game) owner(a sim.Actor) color.RGBA {
	if a < sim.NumActors {
		return g.pt.Palette.Owners[a]
	}
	return view.Dim()
}

// Game implements ebiten.Game.
type Game struct {
	opt      Options
	fonts    *render.Fonts
	pt       *render.Painter
	mapData  *mapdata.Map
	mapLayer *render.MapLayer
	screen   Screen
	w, h     float64 // the screen in device pixels
	dsf      float64 // device scale factor
	settings settings.Settings
	store    save.Store
	storeErr error // why there is no store, when there is none (saving is off)
	saveDir  string
	input    Input
	capture  *capture
	quit     bool
	last     lastGame       // the game the player last left, for the menu to offer again
	watcher  *watch.Watcher // the --watch file, or nil
	pacer    redraw.Pacer
	screenID uint64 // counts screen switches, so a new screen is drawn
	drawNext bool   // the next Draw must draw (see package redraw)
}

// New prepares the game: fonts, the map, the first screen.
func New(opt Options) (*Game, error) {
	fonts, err := render.NewFonts()
	if err != nil {
		return nil, err
	}
	m, err := mapdata.Load()
	if err != nil {
		return nil, fmt.Errorf("load the map: %w", err)
	}
	g := &Game{opt: opt, fonts: fonts, pt: render.NewPainter(), mapData: m, dsf: 1, settings: settings.Defaults()}
	g.settings.ColourBlind = opt.ColourBlind
	g.applyPalette()
	g.mapLayer = render.NewMapLayer(m, g.pt)
	if opt.Screenshot != "" || opt.FrameStats {
		// a capture runs without the player's saves and settings, so it
		// neither reads nor writes them and always looks the same
		g.capture = newCapture(g)
		return g, nil
	}
	if st, err := save.DefaultStore(); err == nil {
		g.store = st
		g.saveDir = filepath.Join(filepath.Dir(st.Dir), "saves")
	} else {
		g.storeErr = err
	}
	g.loadSettings()
	if opt.Join != "" {
		g.screen = newJoined(g, opt.Join, opt.Code)
	} else if opt.Watch != "" {
		g.startWatching()
	} else if opt.Scenario != "" {
		p, err := g.startFromOptions()
		if err != nil {
			return nil, err
		}
		g.screen = p
	} else {
		m := newMenu(g)
		g.screen = m
		if opt.Continue {
			m.continueLast()
		}
	}
	return g, nil
}

// Run opens the window and runs the game until the player quits.
func Run(g *Game) error {
	ebiten.SetWindowTitle("Deconflict")
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetWindowSizeLimits(640, 400, -1, -1)
	w, h := 1280, 800
	if g.capture != nil {
		w, h = g.capture.w, g.capture.h
	}
	ebiten.SetWindowSize(w, h)
	ebiten.SetFullscreen(g.settings.Fullscreen && g.capture == nil)
	ebiten.SetWindowClosingHandled(true)
	// a still screen keeps its last frame instead of being drawn again
	ebiten.SetScreenClearedEveryFrame(false)
	if g.opt.FrameStats {
		ebiten.SetVsyncEnabled(false)
		ebiten.SetTPS(ebiten.SyncWithFPS)
	}
	if err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{}); err != nil {
		return fmt.Errorf("run the window: %w", err)
	}
	if g.capture != nil {
		return g.capture.err
	}
	return nil
}

// Layout is LayoutF for integer sizes (Ebiten calls LayoutF when a game
// has it).
func (g *Game) Layout(outsideWidth, outsideHeight int) (int, int) {
	w, h := g.LayoutF(float64(outsideWidth), float64(outsideHeight))
	return int(w), int(h)
}

// LayoutF returns the screen size in device pixels, so text is drawn at
// the monitor's resolution and stays crisp on HiDPI displays.
func (g *Game) LayoutF(outsideWidth, outsideHeight float64) (float64, float64) {
	g.dsf = ebiten.Monitor().DeviceScaleFactor()
	if g.dsf <= 0 {
		g.dsf = 1
	}
	w, h := math.Ceil(outsideWidth*g.dsf), math.Ceil(outsideHeight*g.dsf)
	if g.capture == nil {
		g.w, g.h = w, h
	}
	return w, h
}

// Update runs one tick: input, then the screen.
func (g *Game) Update() error {
	if g.quit {
		return ebiten.Termination
	}
	g.input.read()
	if ebiten.IsWindowBeingClosed() {
		if p, ok := g.screen.(*Play); ok {
			p.finalSave()
		}
		return ebiten.Termination
	}
	if g.input.Did(g.settings.Keys, keymap.Fullscreen) && g.capture == nil {
		g.applySettings(settingsui.ToggleFullscreen(&g.settings, ebiten.IsFullscreen()))
	}
	if g.capture != nil {
		return g.capture.update()
	}
	if g.watcher != nil && g.watcher.Poll(time.Now()) {
		g.reload()
	}
	if g.screen == nil {
		return nil
	}
	err := g.screen.Update(&g.input)
	if g.pacer.Update(redraw.Tick{Input: g.input.Active, Width: g.w, Height: g.h, Screen: g.screenID, Busy: g.screen.Busy()}) {
		g.drawNext = true
	}
	return err
}

// Draw draws the current screen.
func (g *Game) Draw(screen *ebiten.Image) {
	if g.capture != nil {
		g.capture.draw(screen)
		return
	}
	if g.screen != nil && g.drawNext {
		g.drawNext = false
		g.screen.Draw(screen)
	}
}

// Scale is the size of one layout unit in device pixels (see layout.Scale).
func (g *Game) Scale() float64 { return layout.Scale(g.w, g.h, g.dsf, g.settings.UIScale) }

// Px converts layout units to device pixels.
func (g *Game) Px(v float64) float64 { return layout.Px(g.Scale(), v) }

// Face returns the face of a size in layout units, never below a readable
// minimum.
func (g *Game) Face(size float64, bold bool) text.Face {
	return g.fonts.Face(max(size*g.Scale(), 10*g.dsf), bold)
}

// Faces used across screens.
func (g *Game) body() text.Face  { return g.Face(14, false) }
func (g *Game) small() text.Face { return g.Face(12, false) }
func (g *Game) bold() text.Face  { return g.Face(14, true) }
func (g *Game) title() text.Face { return g.Face(18, true) }
func (g *Game) huge() text.Face  { return g.Face(30, true) }

// Size returns the screen size in device pixels.
func (g *Game) Size() (float64, float64) { return g.w, g.h }

// setScreen switches screens.
func (g *Game) setScreen(s Screen) {
	g.screen = s
	g.screenID++
}

// Quit ends the game at the next tick.
func (g *Game) Quit() { g.quit = true }

// loadSettings reads the settings kept by an earlier run, if any; what a
// damaged or older file cannot give falls back to its default, and each
// fallback is reported.
func (g *Game) loadSettings() {
	data, err := g.readSettings()
	if err != nil {
		return // none kept yet, or nowhere to keep them: the defaults
	}
	s, problems := settings.Parse(data)
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "deconflict:", p)
	}
	s.ColourBlind = s.ColourBlind || g.opt.ColourBlind
	g.settings = s
	g.applyPalette()
}

// saveSettings keeps the settings for the next run, written whole (a
// failure is reported, not fatal: a lost preference is not worth stopping
// the game).
func (g *Game) saveSettings() {
	data, err := g.settings.Marshal()
	if err == nil {
		err = g.writeSettings(data)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "deconflict: save the settings:", err)
	}
}
