package game

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"sort"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/turnflow"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/internal/atomicfile"
)

// capture runs the game without a player: it plays some turns, then either
// writes a screenshot of a screen or measures frame times over a scripted
// pan and zoom.
type capture struct {
	g      *Game
	w, h   int
	screen Screen
	play   *Play
	err    error
	done   bool
	frame  int
	stats  frameStats
}

func newCapture(g *Game) *capture {
	c := &capture{g: g, w: g.opt.Width, h: g.opt.Height}
	if c.w <= 0 || c.h <= 0 {
		c.w, c.h = 1280, 800
	}
	g.w, g.h = float64(c.w), float64(c.h)
	return c
}

// prepare builds the screen to capture after playing the turns asked for.
func (c *capture) prepare() error {
	g := c.g
	opt := g.opt
	switch opt.Screen {
	case "menu":
		c.screen = newMenu(g)
		return nil
	case "menu-settings":
		// the settings window as the menu's Settings button opens it
		m := newMenu(g)
		m.build(m.layout())
		m.cs.run("settings")
		if !m.settingsWin.isOpen() {
			return errors.New("the menu's Settings button opened no window")
		}
		c.screen = m
		return nil
	}
	var setup gameSetup
	var err error
	switch {
	case opt.Watch != "":
		if setup, err = g.loadWatched(); err != nil {
			if opt.FrameStats {
				return err // frame times need a game to play
			}
			c.screen = newWatchError(g, err) // what --watch shows in the window
			return nil
		}
	case opt.Scenario == "":
		return errors.New("a capture of the play or end screen needs --scenario or --watch")
	default:
		if setup, err = g.setupFromOptions(); err != nil {
			return err
		}
	}
	toEnd := opt.Screen == "end"
	turns := int32(opt.Turns)
	if toEnd {
		turns = setup.sc.Turns
	}
	// hand the role back to the player and go on to its next decision in
	// the turn, so the capture shows one
	s, err := session.PlayedTo(setup.sc, setup.seed, setup.role, turns, !toEnd && !opt.FrameStats)
	if err != nil {
		return err
	}
	p := newPlay(g, s, setup.overrides, playLive)
	p.flow.Stop()
	p.TurnShown(1) // the summary of the last turn, as a player sees it
	c.play = p
	switch opt.Screen {
	case "end":
		c.screen = newEnd(g, s, setup.overrides)
	case "help":
		p.openOverlay(overlayHelp)
		c.screen = p
	case "pause":
		p.openOverlay(overlayPause)
		c.screen = p
	case "guide":
		p.openOverlay(overlayGuide)
		c.screen = p
	case "settings":
		p.openOverlay(overlaySettings)
		c.screen = p
	case "keys":
		p.openKeys()
		c.screen = p
	case "", "play":
		c.screen = p
	default:
		return fmt.Errorf("unknown screen %q: want menu, menu-settings, play, end, help, pause, guide, settings or keys", opt.Screen)
	}
	return nil
}

func (c *capture) update() error {
	if c.done || c.err != nil {
		return ebiten.Termination
	}
	if c.screen == nil {
		if err := c.prepare(); err != nil {
			c.err = err
			return ebiten.Termination
		}
	}
	c.frame++
	// the capture plays without a player: the pointer and keys of whatever
	// desktop it runs on must not hover, press or type into its screens
	in := &c.g.input
	in.UI = ui.Input{X: -1, Y: -1, Now: in.UI.Now}
	in.keys, in.Chars, in.repeat = in.keys[:0], in.Chars[:0], in.repeat[:0]
	if c.g.opt.FrameStats {
		c.script()
	}
	return c.screen.Update(in)
}

func (c *capture) draw(screen *ebiten.Image) {
	if c.screen == nil || c.err != nil {
		return
	}
	if c.g.opt.FrameStats {
		c.screen.Draw(screen)
		c.stats.frame(time.Now(), c.g.opt.Started)
		return
	}
	if c.done {
		return
	}
	off := ebiten.NewImage(c.w, c.h)
	defer off.Deallocate()
	// two passes: the first lays the screen out, the second draws it settled
	c.screen.Draw(off)
	c.screen.Draw(off)
	pix := make([]byte, 4*c.w*c.h)
	off.ReadPixels(pix)
	img := &image.NRGBA{Pix: pix, Stride: 4 * c.w, Rect: image.Rect(0, 0, c.w, c.h)}
	for i := 3; i < len(pix); i += 4 {
		pix[i] = 0xff // the screen is opaque
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		c.err = fmt.Errorf("encode the screenshot: %w", err)
	} else if err := atomicfile.WriteFile(c.g.opt.Screenshot, buf.Bytes()); err != nil {
		c.err = err
	}
	op := &ebiten.DrawImageOptions{}
	screen.DrawImage(off, op)
	c.done = true
}

// frameStats collects frame times.
type frameStats struct {
	last      time.Time
	first     time.Duration // from process start to the first frame
	phase     string
	times     map[string][]time.Duration
	turnsLeft int
	lastTurn  time.Time
}

func (s *frameStats) frame(now, started time.Time) {
	if s.times == nil {
		s.times = map[string][]time.Duration{}
	}
	if s.last.IsZero() {
		s.first = now.Sub(started)
	} else if s.phase != "" {
		s.times[s.phase] = append(s.times[s.phase], now.Sub(s.last))
	}
	s.last = now
}

// script moves the camera and ends turns on a fixed schedule, then prints
// the statistics.
func (c *capture) script() {
	p := c.play
	f := c.frame
	cx, cy := p.cam.X+p.cam.W/2, p.cam.Y+p.cam.H/2
	st := &c.stats
	switch {
	case f < 10:
		st.phase = "" // warm-up
	case f < 130:
		st.phase = "pan"
		a := float64(f) / 12
		p.cam.Pan(18*math.Cos(a), 12*math.Sin(a))
	case f < 145:
		st.phase = "pan" // the view settles and the map is redrawn
	case f < 235:
		st.phase = "zoom"
		p.cam.ZoomAt(cx+p.cam.W*0.2, cy-p.cam.H*0.1, 1.025)
	case f < 250:
		st.phase = "zoom"
	case f < 340:
		st.phase = "zoom"
		p.cam.ZoomAt(cx-p.cam.W*0.15, cy+p.cam.H*0.1, 1/1.025)
	case f < 355:
		st.phase = "zoom"
	default:
		if st.phase != "turns" {
			st.phase, st.turnsLeft = "turns", 10
		}
		// a turn every 1.5 s, so its animation plays out
		if p.flow.Mode() == turnflow.Idle && time.Since(st.lastTurn) > 1500*time.Millisecond {
			st.lastTurn = time.Now()
			if st.turnsLeft == 0 || p.sess.Over() {
				c.report()
				c.done = true
				return
			}
			st.turnsLeft--
			if p.sess.Waiting() {
				p.confirmEndTurn()
			} else {
				// one turn, for players and spectators alike (Space would
				// start a spectator's playback instead)
				p.flow.PlayTurn()
			}
		}
	}
	p.cam.Clamp()
}

func (c *capture) report() {
	st := &c.stats
	w := c.g.opt.Stats
	pz := append(append([]time.Duration(nil), st.times["pan"]...), st.times["zoom"]...)
	fmt.Fprintf(w, "frame stats at %dx%d (%d map redraws)\n", c.w, c.h, c.g.mapLayer.Renders)
	fmt.Fprintf(w, "start to first frame: %s\n", st.first.Round(time.Millisecond))
	med, p95, worst := percentiles(pz)
	fmt.Fprintf(w, "pan and zoom: %d frames, median %s (%.0f fps), 95th percentile %s, longest %s\n",
		len(pz), med.Round(100*time.Microsecond), fps(med), p95.Round(100*time.Microsecond), worst.Round(100*time.Microsecond))
	tmed, tp95, tworst := percentiles(st.times["turns"])
	fmt.Fprintf(w, "while turns resolve: %d frames, median %s, 95th percentile %s, longest %s\n",
		len(st.times["turns"]), tmed.Round(100*time.Microsecond), tp95.Round(100*time.Microsecond), tworst.Round(100*time.Microsecond))
}

func fps(d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(time.Second) / float64(d)
}

// percentiles returns the median, the 95th percentile and the maximum.
func percentiles(ds []time.Duration) (med, p95, worst time.Duration) {
	if len(ds) == 0 {
		return 0, 0, 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2], s[min(len(s)-1, len(s)*95/100)], s[len(s)-1]
}
