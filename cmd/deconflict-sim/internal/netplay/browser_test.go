package netplay

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deconflict/deconflict/sim/simtest"
)

// TestBrowserDrawsTheGame opens the built-in browser client in a real
// headless Chromium (Debian's chromium package) on a served game and checks
// that the page joined its seat and drew the map and the seat's turn. It runs
// when DECONFLICT_BROWSER_TEST=1, as make test sets it; there a missing
// Chromium fails it.
func TestBrowserDrawsTheGame(t *testing.T) {
	if os.Getenv("DECONFLICT_BROWSER_TEST") != "1" {
		t.Skip("set DECONFLICT_BROWSER_TEST=1 to run the browser test (make test does)")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("Chromium is needed (apt-get install chromium): %v", err)
	}
	sc := simtest.Embedded(t, "tanf-2021")
	// the browser is the only seat: the server's AI answers for everyone
	// else at once, so the game can only be waiting for the US when the page
	// is read, however loaded the machine
	setup, err := NewSetup(sc, 7, nil, []string{"usa"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	s := serveGame(t, t.TempDir(), setup, "127.0.0.1:0")
	// Every site was drawn, the page knows its role and turn,
	// and it offers the US its first decision: the review of a request.
	want := []string{
		`data-drawn="` + strconv.Itoa(len(sc.Sites)) + `"`,
		`id="role">usa<`,
		`id="turn">Turn \d+ of 31 · 2021-\d\d-\d\d<`,
		`Waiting for: <b id="waiting">usa<`,
		`request \(decision \d+, subject \d+\) <button[^>]*>Approve</button>`,
		`Answer as the AI suggests`,
	}
	var missing []string
	// A page load's virtual time can run out before a loaded machine has
	// drawn the page (other browsers run beside it in make test): a second
	// or third load may be needed.
	for attempt := 1; attempt <= 3; attempt++ {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--no-first-run", "--user-data-dir="+t.TempDir(),
			"--window-size=1400,900", "--virtual-time-budget=10000", "--dump-dom",
			"http://"+s.addr+"/?code="+s.code(t, "usa"))
		out, err := cmd.Output()
		cancel()
		if err != nil {
			t.Fatalf("chromium: %v\n%s", err, out)
		}
		dom := string(out)
		missing = nil
		for _, re := range want {
			if !regexp.MustCompile(re).MatchString(dom) {
				missing = append(missing, re)
			}
		}
		if len(missing) == 0 {
			break
		}
		t.Logf("load %d lacks %s:\n%.3000s", attempt, strings.Join(missing, ", "), dom)
	}
	if len(missing) > 0 {
		t.Errorf("the page lacks %s", strings.Join(missing, ", "))
	}
	if !strings.Contains(s.logBuf.String(), "usa seat from") {
		t.Errorf("the browser never joined the US seat:\n%s", s.logBuf.String())
	}
}
