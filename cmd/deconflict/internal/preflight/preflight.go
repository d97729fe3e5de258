// Package preflight checks, before the graphics library starts, that the
// game has a display to open a window on. Ebiten connects to the display
// while its packages initialise and panics when there is none, so this
// package must initialise first: its import path sorts before Ebiten's and it
// imports nothing of Ebiten, which is what Go's initialisation order needs.
// Without a display, --help and usage errors still work, and anything else
// ends with a plain message instead of a panic.
package preflight

import (
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/deconflict/deconflict/game/options"
)

func init() {
	if hasDisplay() {
		return
	}
	_, code, ok := options.Parse(os.Args[1:], os.Stdout, os.Stderr, time.Now())
	if !ok {
		os.Exit(code) // --help, or a usage error already explained
	}
	fmt.Fprintln(os.Stderr, "deconflict: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset).\n"+
		"Run it in a desktop session, or under Xvfb: xvfb-run -a deconflict …\n"+
		"The headless tool, deconflict-sim, needs no display.")
	os.Exit(options.ExitFail)
}

// hasDisplay reports whether a window can be opened: always on Windows and
// macOS, and on other systems when an X11 or Wayland display is named.
func hasDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android", "js":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}
