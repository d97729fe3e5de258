// Package smoketest runs the desktop game in a real window and checks what
// it draws. It needs a display (run it under xvfb-run). Without one it fails
// when DECONFLICT_REQUIRE_DISPLAY=1 (as make test sets it, so CI never
// passes without having opened the game) and otherwise skips, saying why;
// it imports no graphics package itself, so it builds anywhere.
package smoketest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/game/camera"
	"github.com/deconflict/deconflict/game/layout"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

const width, height = 1280, 800

// requireDisplay is the variable that turns a missing display from a skip
// into a failure.
const requireDisplay = "DECONFLICT_REQUIRE_DISPLAY"

// needDisplay fails or skips the test when there is no display to open the
// game on.
func needDisplay(t *testing.T) {
	t.Helper()
	switch {
	case os.Getenv("DISPLAY") != "":
	case os.Getenv(requireDisplay) == "1":
		t.Fatal("no display (DISPLAY is unset), and " + requireDisplay + "=1 says this run must open the game: run it under xvfb-run, as make test does")
	default:
		t.Skip("no display (DISPLAY is unset): the game was not tested; run under xvfb-run -a, or make test, to test it")
	}
}

// build compiles the game once for the tests of this package.
func build(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "deconflict")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/deconflict/deconflict/cmd/deconflict")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the game: %v\n%s", err, out)
	}
	return bin
}

func TestScreenshotOfEveryScenario(t *testing.T) {
	needDisplay(t)
	bin := build(t)
	m, err := mapdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	files := scenarios.Files()
	if len(files) == 0 {
		t.Fatal("no embedded scenarios")
	}
	for _, f := range files {
		id := strings.TrimSuffix(f.Name, ".toml")
		t.Run(id, func(t *testing.T) {
			sc, err := scenario.Load(f.Name, f.Data, nil)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), id+".png")
			cmd := exec.Command(bin, "--scenario", id, "--role", "usa", "--seed", "3", "--turns", "4",
				"--screenshot", out, "--size", fmt.Sprintf("%dx%d", width, height))
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("deconflict failed: %v\n%s", err, msg)
			}
			img := readPNG(t, out)
			if b := img.Bounds(); b.Dx() != width || b.Dy() != height {
				t.Fatalf("screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), width, height)
			}
			l := layout.PlayScreen(width, height, layout.Scale(width, height, 1, 1))
			cam := layout.InitialCamera(l.Map, layout.MapBounds(m))
			dx, dy := cam.ToScreen(camera.Project(36.2765, 33.5138))
			checkLandAround(t, img, dx, dy)
			tanf := sc.SiteIndex("tanf")
			if tanf < 0 {
				t.Fatalf("%s has no Al-Tanf site", id)
			}
			p := sc.Sites[tanf].Pos
			tx, ty := cam.ToScreen(float64(p.X), float64(p.Y))
			if !colourNear(img, tx, ty, 14, view.ActorColor(sim.USA)) {
				t.Errorf("no US-coloured marker within 14 px of Al-Tanf at %.0f,%.0f", tx, ty)
			}
		})
	}
}

// checkLandAround samples a ring around Damascus (beyond its markers and
// labels) and wants Syria's land colour to be the most common one there.
func checkLandAround(t *testing.T, img image.Image, x, y float64) {
	t.Helper()
	counts := map[color.RGBA]int{}
	total, land := 0, 0
	for r := 34.0; r <= 70; r += 6 {
		for a := 0; a < 72; a++ {
			px, py := ringPoint(x, y, r, a)
			c := rgba(img.At(px, py))
			counts[c]++
			total++
			if near(c, view.Syria(), 6) {
				land++
			}
		}
	}
	best, bestN := color.RGBA{}, 0
	for c, n := range counts {
		if n > bestN {
			best, bestN = c, n
		}
	}
	if land*100 < total*30 || !near(best, view.Syria(), 6) {
		t.Errorf("around Damascus (%.0f,%.0f) only %d of %d pixels have Syria's land colour %v; the most common is %v", x, y, land, total, view.Syria(), best)
	}
}

func ringPoint(x, y, r float64, step int) (int, int) {
	a := float64(step) * 5 * math.Pi / 180
	return int(x + r*math.Cos(a)), int(y + r*math.Sin(a))
}

// colourNear reports whether a pixel of the colour lies within r of x, y.
func colourNear(img image.Image, x, y float64, r int, want color.RGBA) bool {
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if near(rgba(img.At(int(x)+dx, int(y)+dy)), want, 8) {
				return true
			}
		}
	}
	return false
}

func rgba(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return img
}

func TestOtherScreensAndUsageErrors(t *testing.T) {
	needDisplay(t)
	bin := build(t)
	dir := t.TempDir()
	for _, screen := range []string{"menu", "end", "help", "pause"} {
		out := filepath.Join(dir, screen+".png")
		cmd := exec.Command(bin, "--scenario", "tanf-2021", "--role", "usa", "--turns", "2", "--screen", screen, "--screenshot", out, "--size", "960x600")
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", screen, err, msg)
		}
		if b := readPNG(t, out).Bounds(); b.Dx() != 960 || b.Dy() != 600 {
			t.Errorf("%s screenshot is %v", screen, b)
		}
	}
	cmd := exec.Command(bin, "--scenario", "tanf-2021", "--role", "nobody", "--screenshot", filepath.Join(dir, "x.png"))
	msg, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(msg), "unknown role") {
		t.Errorf("unknown role: %v, output %s; want exit 2 and a usage message", err, msg)
	}
	cmd = exec.Command(bin, "--scenario", "no-such-scenario", "--screenshot", filepath.Join(dir, "y.png"))
	if err := cmd.Run(); !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("unknown scenario: %v, want exit 1", err)
	}
}

// TestMenuSettingsWindow captures the main menu with the settings window
// that its Settings button opens: the window's fill shows where the window
// lies, the menu around it is dimmed, and neither is so on the menu alone.
func TestMenuSettingsWindow(t *testing.T) {
	needDisplay(t)
	bin := build(t)
	dir := t.TempDir()
	shot := func(screen string) image.Image {
		out := filepath.Join(dir, screen+".png")
		cmd := exec.Command(bin, "--screen", screen, "--screenshot", out, "--size", "960x600")
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", screen, err, msg)
		}
		return readPNG(t, out)
	}
	menu, win := shot("menu"), shot("menu-settings")
	// At 960x600 a layout unit is min(max(min(960/1280, 600/800), 0.82), 1.6)
	// = 0.82 px, so the 420x360-unit window is 344x295 px (344.4 and 295.2
	// rounded), centred: x 308 to 652, y 152.5 to 447.5, its controls 20
	// units (16 px) inside. (314, 300) is in its left margin.
	fill := color.RGBA{0x12, 0x18, 0x1e, 0xff} // the windows' fill
	if c := rgba(win.At(314, 300)); !near(c, fill, 2) {
		t.Errorf("menu-settings at 314,300 is %v, want the window's fill %v", c, fill)
	}
	if c := rgba(menu.At(314, 300)); near(c, fill, 2) {
		t.Errorf("the menu alone at 314,300 is the window's fill %v", c)
	}
	// the corner is the sea; behind the window it is dimmed by black at
	// alpha 0xa8: each channel times 1-168/255 = 0.341, so 0x0c,0x17,0x24
	// (12,23,36) becomes 4,8,12
	if c := rgba(menu.At(5, 5)); !near(c, view.Sea(), 2) {
		t.Errorf("the menu's corner is %v, want the sea %v", c, view.Sea())
	}
	if c, want := rgba(win.At(5, 5)), (color.RGBA{4, 8, 12, 0xff}); !near(c, want, 2) {
		t.Errorf("the corner behind the settings window is %v, want the dimmed sea %v", c, want)
	}
}

// TestWithoutDisplay: with no display, --help still works, a bad flag is a
// usage error, and starting the game ends with a plain message, not a panic.
func TestWithoutDisplay(t *testing.T) {
	bin := build(t)
	env := []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")} // no DISPLAY, no WAYLAND_DISPLAY
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--help"}, 0, "usage: deconflict"},
		{[]string{"--role", "nobody"}, 2, `unknown role "nobody"`},
		{nil, 1, "no display to open a window on"},
	} {
		cmd := exec.Command(bin, c.args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.code || !strings.Contains(string(out), c.want) || strings.Contains(string(out), "panic") {
			t.Errorf("deconflict %v without a display: exit %d, output:\n%s\nwant exit %d and %q", c.args, code, out, c.code, c.want)
		}
	}
}

// TestWithoutADisplayMakeTestFails runs this package's tests in a child
// process without a display: with DECONFLICT_REQUIRE_DISPLAY=1 (as make test
// sets it) they must fail and say why; without it they skip, saying why.
func TestWithoutADisplayMakeTestFails(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "smoketest.test")
	if out, err := exec.Command("go", "test", "-c", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build the test binary: %v\n%s", err, out)
	}
	run := func(require string) (string, error) {
		cmd := exec.Command(bin, "-test.run", "^TestScreenshotOfEveryScenario$", "-test.v")
		cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), requireDisplay + "=" + require}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("1")
	if err == nil || !strings.Contains(out, "--- FAIL") || !strings.Contains(out, requireDisplay+"=1 says this run must open the game") {
		t.Errorf("without a display under make test: %v\n%s", err, out)
	}
	out, err = run("")
	if err != nil || !strings.Contains(out, "--- SKIP") || !strings.Contains(out, "the game was not tested") {
		t.Errorf("without a display for a developer: %v\n%s", err, out)
	}
}

// TestJoinsAServedGame opens the game with --join on a real `deconflict-sim
// serve`: the server must log the desktop game's seat as joined (a wrong
// hello would be refused and logged instead).
func TestJoinsAServedGame(t *testing.T) {
	needDisplay(t)
	game := build(t)
	sim := filepath.Join(t.TempDir(), "deconflict-sim")
	if out, err := exec.Command("go", "build", "-o", sim, "github.com/deconflict/deconflict/cmd/deconflict-sim").CombinedOutput(); err != nil {
		t.Fatalf("build deconflict-sim: %v\n%s", err, out)
	}
	serve := exec.Command(sim, "serve", "--scenario", "tanf-2021", "--seats", "usa,israel", "--addr", "127.0.0.1:0", "--dir", filepath.Join(t.TempDir(), "game"))
	var log syncBuffer
	serve.Stderr = &log
	out, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { serve.Process.Kill(); serve.Wait() }()
	sc := bufio.NewScanner(out)
	addr, codes := netproto.ReadBanner(sc)
	if addr == "" {
		t.Fatalf("serve printed no address; its log:\n%s", log.String())
	}
	cmd := exec.Command(game, "--join", addr, "--code", codes["usa"])
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(log.String(), "usa seat from") {
		if time.Now().After(deadline) {
			t.Fatalf("the server never saw the game's seat join; its log:\n%s", log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if l := log.String(); !strings.Contains(l, "joined") || strings.Contains(l, "refused") {
		t.Fatalf("the server's log:\n%s", l)
	}
}

// syncBuffer is a bytes.Buffer that a process writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWatchShowsProblems captures --watch on a scenario file with two
// mistakes: the game does not quit but lists them in the window, in the
// danger colour, below its title; the same file fixed captures the play
// screen.
func TestWatchShowsProblems(t *testing.T) {
	needDisplay(t)
	bin := build(t)
	dir := t.TempDir()
	f, ok := scenarios.Lookup("tanf-2021")
	if !ok {
		t.Fatal("no tanf-2021")
	}
	good := filepath.Join(dir, "good.toml")
	bad := filepath.Join(dir, "bad.toml")
	broken := strings.Replace(string(f.Data), `kind = "garrison"`, `kind = "garison"`, 1)
	if broken == string(f.Data) {
		t.Fatal("tanf-2021 has no garrison to break")
	}
	if err := os.WriteFile(good, f.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	danger := view.Danger()
	// dangerRows counts the rows of the window's top left quarter that hold
	// a pixel of the danger colour.
	dangerRows := func(img image.Image) int {
		n := 0
		for y := 0; y < height/4; y++ {
			for x := 0; x < width/2; x++ {
				if near(rgba(img.At(x, y)), danger, 8) {
					n++
					break
				}
			}
		}
		return n
	}
	for _, c := range []struct {
		file    string
		problem bool
	}{{bad, true}, {good, false}} {
		out := filepath.Join(dir, filepath.Base(c.file)+".png")
		cmd := exec.Command(bin, "--watch", c.file, "--role", "usa", "--screenshot", out, "--size", fmt.Sprintf("%dx%d", width, height))
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", c.file, err, msg)
		}
		// One line of problems is about 15 rows of text at this size.
		if rows := dangerRows(readPNG(t, out)); (rows >= 8) != c.problem {
			t.Errorf("%s: %d rows of the danger colour at the top left; problems shown: want %v", filepath.Base(c.file), rows, c.problem)
		}
	}
}
