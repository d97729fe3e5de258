// Command deconflict is the desktop game: a map of Syria, decisions that
// matter and their consequences, from the main menu to the end screen.
//
// With --screenshot it plays some turns without a player, renders one
// screen to a PNG and exits (for documentation and CI); with --frame-stats
// it measures frame times over a scripted pan and zoom. See --help.
//
// Built for the browser (GOOS=js GOARCH=wasm, make web) it takes its
// arguments from the page's address instead: ?code=CODE joins that seat of
// the game served by the page's host.
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	// preflight must initialise before Ebiten: see its documentation
	_ "github.com/deconflict/deconflict/cmd/deconflict/internal/preflight"
	"github.com/deconflict/deconflict/game"
	"github.com/deconflict/deconflict/game/options"
)

func main() {
	started := time.Now()
	args, err := commandLine()
	if err != nil {
		fmt.Fprintf(os.Stderr, "deconflict: %v\n", err)
		os.Exit(options.ExitUsage)
	}
	os.Exit(run(args, os.Stdout, os.Stderr, started))
}

func run(args []string, stdout, stderr io.Writer, started time.Time) int {
	opt, code, ok := options.Parse(args, stdout, stderr, started)
	if !ok {
		return code
	}
	g, err := game.New(opt)
	if err != nil {
		fmt.Fprintf(stderr, "deconflict: %v\n", err)
		return options.ExitFail
	}
	if err := game.Run(g); err != nil {
		fmt.Fprintf(stderr, "deconflict: %v\n", err)
		return options.ExitFail
	}
	return options.ExitOK
}
