package game

import (
	"fmt"
	"os"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/game/watch"
	"github.com/deconflict/deconflict/internal/infile"
	"github.com/deconflict/deconflict/sim/scenario"
)

// startWatching opens the --watch file's game (or its problems) and
// follows the file from now on.
func (g *Game) startWatching() {
	g.watcher = watch.New(g.opt.Watch, os.Stat, time.Now())
	g.reload()
}

// loadWatched reads and loads the --watch file with the command line's
// role, seed and overrides.
func (g *Game) loadWatched() (gameSetup, error) {
	data, err := infile.ReadFile(g.opt.Watch, scenario.MaxFileSize)
	if err != nil {
		return gameSetup{}, fmt.Errorf("cannot read the scenario: %w", err)
	}
	role, err := g.roleFromOptions()
	if err != nil {
		return gameSetup{}, err
	}
	return loadSetup(source{g.opt.Watch, data}, role, g.opt.Seed, g.opt.Overrides)
}

// reload loads the --watch file again and restarts the run at the same
// seed, keeping the camera where it was; a file that does not load shows
// its problems instead, until the next change.
func (g *Game) reload() {
	old, _ := g.screen.(*Play)
	if old != nil {
		old.finalSave()
	}
	setup, err := g.loadWatched()
	var p *Play
	if err == nil {
		p, err = g.newPlay(setup, session.Live)
	}
	if err != nil {
		g.setScreen(newWatchError(g, err))
		return
	}
	if old != nil {
		p.applyView(old.saveView())
		p.say("Reloaded "+g.opt.Watch+": the run starts again at seed "+fmt.Sprint(g.opt.Seed), false)
	}
	g.setScreen(p)
}

// WatchError is the --watch screen of a scenario file that does not load:
// its problems, one a line at file:line:col, until the file changes.
type WatchError struct {
	g     *Game
	path  string
	lines []string
}

func newWatchError(g *Game, err error) *WatchError {
	return &WatchError{g: g, path: g.opt.Watch, lines: watch.Lines(err)}
}

// Busy is false: the screen changes only when the file does, and the
// game switches screens then.
func (e *WatchError) Busy() bool { return false }

// Update goes to the menu on Esc.
func (e *WatchError) Update(in *Input) error {
	if in.Pressed(ebiten.KeyEscape) {
		e.g.setScreen(newMenu(e.g))
	}
	return nil
}

// Draw lists the problems.
func (e *WatchError) Draw(dst *ebiten.Image) {
	g := e.g
	dst.Fill(view.Sea())
	w, h := g.Size()
	r := ui.Rect{W: w, H: h}.Inset(g.Px(24))
	x, y := r.X, r.Y
	y = g.paragraph(dst, "The scenario does not load", g.huge(), x, y, r.W, view.Text(), 0) + g.Px(6)
	y = g.paragraph(dst, fmt.Sprintf("Watching %s: fix it and save, and the game loads it again and starts the run at seed %d.", e.path, g.opt.Seed),
		g.body(), x, y, r.W, view.Dim(), 0) + g.Px(14)
	bottom := r.Bottom() - g.Px(28)
	for _, l := range e.lines {
		y = g.paragraph(dst, l, g.body(), x, y, r.W, view.Danger(), bottom) + g.Px(4)
	}
	g.paragraph(dst, "Esc: menu", g.small(), x, r.Bottom()-g.Px(18), r.W, view.Dim(), 0)
}
