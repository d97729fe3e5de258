// Package options parses the desktop game's command line. It has no
// graphics dependency, so its rules (and exit codes) are tested without a
// display.
package options

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/deconflict/deconflict/sim"
)

// Exit codes, as the command-line contract fixes them.
const (
	ExitOK    = 0 // success
	ExitFail  = 1 // invalid input or a failure
	ExitUsage = 2 // usage error
)

// Options configure one run of the game.
type Options struct {
	Scenario    string   // an embedded scenario id or a TOML file; empty opens the menu
	Role        string   // an actor id or "spectator"; empty: the scenario's suggestion
	Seed        uint64   // the run's seed
	Overrides   []string // KEY=VALUE scenario overrides
	Turns       int      // turns to play before a capture (the AI plays the role)
	Screenshot  string   // write a PNG of Screen and exit
	Width       int      // capture size in pixels
	Height      int
	Screen      string    // menu, menu-settings, play, end, help, pause, guide, settings or keys
	ColourBlind bool      // paint with the colour-blind palette (as the setting does)
	FrameStats  bool      // print frame times over a scripted pan and zoom, then exit
	Stats       io.Writer // where frame statistics go
	Started     time.Time // when the process started
	Watch       string    // a scenario file to play, loaded again whenever it changes
	Join        string    // a served game's address (host:port or a ws:// URL) to join instead of a local game
	Code        string    // the seat's code for Join
	Seats       []string  // hot seat: the actors whose players take turns at this screen (two or more)
	Continue    bool      // resume the last game (the newest autosave) instead of opening the menu
}

// parseSeats reads --seats: two or more distinct actor ids.
// MenuScreen reports whether the screen to capture is the main menu (alone,
// or with its settings window open), which needs no scenario.
func (opt Options) MenuScreen() bool { return opt.Screen == "menu" || opt.Screen == "menu-settings" }

func parseSeats(s string) ([]string, error) {
	seats := strings.Split(s, ",")
	for i, r := range seats {
		r = strings.TrimSpace(r)
		seats[i] = r
		if r == Spectator {
			return nil, errors.New("--seats: a spectator takes no seat")
		}
		if err := CheckRole(r); err != nil {
			return nil, fmt.Errorf("--seats: %w", err)
		}
		if slices.Contains(seats[:i], r) {
			return nil, fmt.Errorf("--seats: %s given twice", r)
		}
	}
	if len(seats) < 2 {
		return nil, errors.New("--seats: a hot-seat game needs two or more roles, such as usa,israel")
	}
	return seats, nil
}

// Spectator is the role of a player who watches.
const Spectator = "spectator"

// CheckRole reports whether a role is an actor id or the spectator.
func CheckRole(s string) error {
	if s == Spectator {
		return nil
	}
	if _, ok := sim.ParseActor(s); !ok {
		return fmt.Errorf("unknown role %q: want %s or one of %s", s, Spectator, strings.Join(sim.ActorIDs(), ", "))
	}
	return nil
}

// setFlags collects repeated --set KEY=VALUE arguments.
type setFlags []string

// String joins the collected overrides (flag.Value).
func (s *setFlags) String() string { return strings.Join(*s, " ") }

// Set collects one override (flag.Value).
func (s *setFlags) Set(v string) error {
	if !strings.Contains(v, "=") {
		return errors.New("want KEY=VALUE, such as actor.usa.params.approval_threshold=0.3")
	}
	*s = append(*s, v)
	return nil
}

// Parse reads the command line. ok reports whether the game should start;
// otherwise code is the exit code (help and usage errors have been printed).
func Parse(args []string, stdout, stderr io.Writer, started time.Time) (opt Options, code int, ok bool) {
	fs := flag.NewFlagSet("deconflict", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		sets    setFlags
		size    string
		seedStr string
	)
	opt = Options{Started: started, Stats: stdout}
	fs.StringVar(&opt.Scenario, "scenario", "", "start this scenario (an embedded id or a TOML file) instead of the menu")
	fs.StringVar(&opt.Role, "role", "", "play this actor, or spectator (default: the scenario's suggested role)")
	fs.StringVar(&seedStr, "seed", "1", "the run's seed, an integer in [0, 2^53)")
	fs.Var(&sets, "set", "override a scenario value, KEY=VALUE (repeatable)")
	fs.IntVar(&opt.Turns, "turns", 0, "with --screenshot or --frame-stats: turns to play first (the AI plays your role)")
	fs.StringVar(&opt.Screenshot, "screenshot", "", "render a screen to this PNG file and exit")
	fs.StringVar(&size, "size", "1280x800", "the screenshot's size in pixels, WIDTHxHEIGHT")
	fs.StringVar(&opt.Screen, "screen", "play", "the screen to capture: menu, menu-settings, play, end, help, pause, guide, settings or keys")
	fs.BoolVar(&opt.ColourBlind, "colour-blind", false, "use the colour-blind palette (owners told apart with deuteranopia and protanopia)")
	fs.BoolVar(&opt.FrameStats, "frame-stats", false, "print frame times over a scripted pan, zoom and turns, and exit")
	fs.StringVar(&opt.Watch, "watch", "", "play the scenario `FILE` and load it again whenever it changes, restarting the run at the same seed; its problems show in the window")
	fs.StringVar(&opt.Join, "join", "", "join the game served at this `ADDR` (deconflict-sim serve) with --code")
	fs.StringVar(&opt.Code, "code", "", "the seat's `CODE` for --join, as serve printed it")
	fs.BoolVar(&opt.Continue, "continue", false, "resume the last game (the newest autosave) instead of opening the menu, as its Continue last game button does")
	var seats string
	fs.StringVar(&seats, "seats", "", "hot seat: players of these `ROLES` (actor ids, comma-separated) take turns at this screen; without --scenario the menu opens with them chosen")
	usage := func(w io.Writer) {
		fmt.Fprintln(w, "usage: deconflict [flags]")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Opens the game at its menu, or with --scenario straight into a game.")
		fmt.Fprintln(w)
		fs.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(w, "  --%s\n        %s", f.Name, f.Usage)
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
			fmt.Fprintln(w)
		})
	}
	fail := func(msg string) (Options, int, bool) {
		fmt.Fprintf(stderr, "deconflict: %s\n\n", msg)
		usage(stderr)
		return opt, ExitUsage, false
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return opt, ExitOK, false
		}
		return fail(err.Error())
	}
	if fs.NArg() > 0 {
		return fail(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	seed, err := strconv.ParseUint(seedStr, 10, 64)
	if err != nil || seed >= 1<<53 {
		return fail(fmt.Sprintf("--seed %q: want an integer in [0, 2^53)", seedStr))
	}
	opt.Seed, opt.Overrides = seed, sets
	if opt.Role != "" {
		if err := CheckRole(opt.Role); err != nil {
			return fail(err.Error())
		}
	}
	if n, err := fmt.Sscanf(size, "%dx%d", &opt.Width, &opt.Height); n != 2 || err != nil ||
		opt.Width < 320 || opt.Height < 200 || opt.Width > 8192 || opt.Height > 8192 {
		return fail(fmt.Sprintf("--size %q: want WIDTHxHEIGHT between 320x200 and 8192x8192, such as 1280x800", size))
	}
	switch opt.Screen {
	case "menu", "menu-settings", "play", "end", "help", "pause", "guide", "settings", "keys":
	default:
		return fail(fmt.Sprintf("--screen %q: want menu, menu-settings, play, end, help, pause, guide, settings or keys", opt.Screen))
	}
	if opt.Turns < 0 {
		return fail("--turns must not be negative")
	}
	if (opt.Screenshot != "" || opt.FrameStats) && !opt.MenuScreen() && opt.Scenario == "" && opt.Watch == "" {
		return fail("--screenshot and --frame-stats need --scenario or --watch (except with --screen menu or menu-settings)")
	}
	if seats != "" {
		if opt.Seats, err = parseSeats(seats); err != nil {
			return fail(err.Error())
		}
	}
	switch {
	case opt.Watch != "" && opt.Scenario != "":
		return fail("--watch FILE is the scenario: give it or --scenario, not both")
	case opt.Watch != "" && opt.MenuScreen():
		return fail("--watch plays its file: it shows no menu")
	case len(opt.Seats) > 0 && (opt.Role != "" || opt.Join != "" || opt.Screenshot != "" || opt.FrameStats || opt.Watch != ""):
		return fail("--seats plays a hot-seat game: it takes no --role, --join, --screenshot, --frame-stats or --watch")
	case opt.Continue && (opt.Scenario != "" || opt.Watch != "" || opt.Join != "" || len(opt.Seats) > 0 || opt.Screenshot != "" || opt.FrameStats):
		return fail("--continue resumes the last game: it takes no --scenario, --watch, --join, --seats, --screenshot or --frame-stats")
	case (opt.Join == "") != (opt.Code == ""):
		return fail("--join and --code go together")
	case opt.Join != "" && (opt.Scenario != "" || opt.Watch != "" || opt.Screenshot != "" || opt.FrameStats):
		return fail("--join plays a served game: it takes no --scenario, --watch, --screenshot or --frame-stats")
	}
	return opt, ExitOK, true
}
