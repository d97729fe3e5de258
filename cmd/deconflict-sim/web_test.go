package main

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// webDir is the browser build of the game the test serves: DECONFLICT_WEB_DIR
// (make test sets it), or make web's bin/web.
func webDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DECONFLICT_WEB_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "bin", "web")
	}
	for _, f := range []string{"index.html", "wasm_exec.js", "game.wasm"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("the browser build is incomplete (make web builds it): %v", err)
		}
	}
	return dir
}

// browserTest skips a test that drives a real browser unless
// DECONFLICT_BROWSER_TEST=1, as make test sets it (there a missing Chromium
// or browser build fails the test instead).
func browserTest(t *testing.T) {
	t.Helper()
	if os.Getenv("DECONFLICT_BROWSER_TEST") != "1" {
		t.Skip("set DECONFLICT_BROWSER_TEST=1 to run the browser test (make test does)")
	}
}

// shotCounts counts the screenshot's pixels of each colour asked for.
func shotCounts(t *testing.T, path string, colours ...color.RGBA) (image.Rectangle, []int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot: %v", err)
	}
	counts := make([]int, len(colours))
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			for i, want := range colours {
				if c == want {
					counts[i]++
				}
			}
		}
	}
	return b, counts
}

// TestServeWebDrawsTheGame serves the game's browser build (make web) with
// serve --web, opens http://ADDR/?code=CODE in a real headless Chromium
// (Debian's chromium package) and checks from a screenshot that the game
// joined its seat and drew the seat's play screen on its turn. It runs when
// DECONFLICT_BROWSER_TEST=1, as make test sets it; there a missing Chromium
// or a missing build fails it.
func TestServeWebDrawsTheGame(t *testing.T) {
	browserTest(t)
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("Chromium is needed (apt-get install chromium): %v", err)
	}
	web := webDir(t)
	addr := freePort(t)
	// the browser is the only seat: the server's AI answers for everyone
	// else at once, so the game waits for the US from the first turn on
	srv := start(t, "serve", "--scenario", "tanf-2021", "--seed", "7", "--seats", "usa",
		"--addr", addr, "--dir", filepath.Join(t.TempDir(), "game"), "--web", web)
	code := seatsOf(t, srv, 1)["usa"]
	var (
		// The game's play screen draws the map (the sea, view.Sea #0c1724,
		// the loading page being #1b2733; Syria's fill, view.Syria
		// #38424a) and, on the seat's turn, a decision card edged in the
		// seat's colour (the US's, #4f8ef7), which the role tag in the top
		// bar and the US sites' symbols on the map also use.
		sea   = color.RGBA{0x0c, 0x17, 0x24, 0xff}
		syria = color.RGBA{0x38, 0x42, 0x4a, 0xff}
		usa   = color.RGBA{0x4f, 0x8e, 0xf7, 0xff}
	)
	shot := filepath.Join(t.TempDir(), "web.png")
	var problems []string
	// A page load's virtual time can run out before a loaded machine has
	// compiled the 20 MiB module: a second or third load may be needed.
	for attempt := 1; attempt <= 3; attempt++ {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--enable-unsafe-swiftshader",
			"--disable-background-networking", "--no-first-run", "--user-data-dir="+t.TempDir(),
			"--window-size=1280,800", "--virtual-time-budget=30000", "--screenshot="+shot,
			"http://"+addr+"/?code="+code)
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("chromium: %v\n%s", err, out)
		}
		// At 1280×800 and scale 1 (counted on the desktop game's window
		// at the same stop): the sea 90,000 pixels, Syria 135,000, the
		// US's colour 1,080, of which some 650 are the decision card's
		// edge; without the card, the tag and the map's symbols make
		// about 330.
		b, n := shotCounts(t, shot, sea, syria, usa)
		problems = nil
		if b.Dx() != 1280 || b.Dy() != 800 {
			problems = append(problems, fmt.Sprintf("the screenshot is %v, want 1280×800", b))
		}
		if n[0] < 40000 || n[1] < 60000 {
			problems = append(problems, fmt.Sprintf("%d pixels of the sea's colour and %d of Syria's, want 40,000 and 60,000 or more: the play screen's map was not drawn", n[0], n[1]))
		}
		if n[2] < 700 {
			problems = append(problems, fmt.Sprintf("%d pixels of the US's colour, want 700 or more: the seat's decision card was not drawn", n[2]))
		}
		if len(problems) == 0 {
			break
		}
		t.Logf("load %d: %s", attempt, strings.Join(problems, "; "))
	}
	if len(problems) > 0 {
		t.Errorf("the page did not draw the game's seat:\n%s", strings.Join(problems, "\n"))
	}
	if log := srv.stderr.String(); !strings.Contains(log, "usa seat from") || !strings.Contains(log, "joined") {
		t.Errorf("the server never saw the browser join the US seat:\n%s", log)
	}
}
