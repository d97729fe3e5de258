package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/deconflict/deconflict/game/save"
)

// autosaveKeys is a script that returns the page's autosaves: each key of
// localStorage under the autosave directory, with its value.
const autosaveKeys = `Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith("localStorage/deconflict/autosave/")).map(k => [k, localStorage.getItem(k)]))`

// storedSave reads a save as the browser build keeps it: "gz15:MILLIS:N:"
// then the N bytes of the gzipped save, 15 bits to a character from U+1000,
// unpacked here bit by bit.
func storedSave(t *testing.T, value string) *save.Game {
	t.Helper()
	f := strings.SplitN(value, ":", 4)
	if len(f) != 4 || f[0] != "gz15" {
		t.Fatalf("the stored save starts %.40q, want gz15:MILLIS:N:", value)
	}
	n, err := strconv.Atoi(f[2])
	if err != nil {
		t.Fatalf("the stored save's length %q: %v", f[2], err)
	}
	var gz []byte
	var b, nb byte
	for _, r := range f[3] {
		for i := 14; i >= 0; i-- {
			b, nb = b<<1|byte((r-0x1000)>>i&1), nb+1
			if nb == 8 {
				gz, b, nb = append(gz, b), 0, 0
			}
		}
	}
	if len(gz) < n {
		t.Fatalf("the stored save holds %d bytes, want %d", len(gz), n)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz[:n]))
	if err != nil {
		t.Fatalf("the stored save does not unpack: %v", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("the stored save does not unpack: %v", err)
	}
	g, err := save.Decode(data)
	if err != nil {
		t.Fatalf("the stored save: %v", err)
	}
	return g
}

// TestWebBuildSavesInTheBrowser plays a local game in the browser build
// and checks that it autosaves into the page's local storage, and that the
// page reopened with ?continue resumes that save where it was and goes on
// saving it under the same key. It runs when DECONFLICT_BROWSER_TEST=1, as
// make test sets it.
func TestWebBuildSavesInTheBrowser(t *testing.T) {
	browserTest(t)
	web := webDir(t)
	addr := freePort(t)
	// the server only hands out the page: its seat is never taken
	srv := start(t, "serve", "--scenario", "tanf-2021", "--seats", "usa",
		"--addr", addr, "--dir", filepath.Join(t.TempDir(), "game"), "--web", web)
	seatsOf(t, srv, 1)
	b := startBrowser(t)

	// a spectator's game plays itself, and saves itself after each turn
	// (at most every five seconds)
	b.navigate("http://" + addr + "/?scenario=tanf-2021&role=spectator&seed=7")
	var key string
	var first *save.Game
	for deadline := time.Now().Add(90 * time.Second); first == nil; time.Sleep(250 * time.Millisecond) {
		var saves map[string]string
		b.eval(autosaveKeys, &saves)
		for k, v := range saves {
			key, first = k, storedSave(t, v)
		}
		if len(saves) > 1 {
			t.Fatalf("one game made %d autosaves: %v", len(saves), saves)
		}
		if first == nil && time.Now().After(deadline) {
			t.Fatal("the game in the browser saved nothing in local storage in 90 s")
		}
	}
	if sum := first.Summary(); sum.ScenarioID != "tanf-2021" || sum.Role != "spectator" || sum.Turns < 1 || first.Replay.Seed != 7 {
		t.Fatalf("the autosave holds %+v, seed %d; want tanf-2021 watched with seed 7, a turn or more", sum, first.Replay.Seed)
	}
	t.Logf("the first autosave: %s, %d turns", key, first.Turns())
	if !strings.HasSuffix(key, "-tanf-2021.json") {
		t.Errorf("the autosave's key is %q, want one ending -tanf-2021.json", key)
	}

	// the page opened again resumes the game from its save and goes on
	// saving it under the same key
	b.navigate("http://" + addr + "/?continue")
	var saves map[string]string
	b.eval(autosaveKeys, &saves)
	left := storedSave(t, saves[key]).Turns() // where the first page stopped
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(250 * time.Millisecond) {
		b.eval(autosaveKeys, &saves)
		if len(saves) != 1 || saves[key] == "" {
			t.Fatalf("after ?continue the autosaves are %d, without %s: the game did not resume its save", len(saves), key)
		}
		if g := storedSave(t, saves[key]); g.Turns() > left {
			if g.Replay.Seed != 7 || g.Summary().ScenarioID != "tanf-2021" {
				t.Fatalf("the resumed game saved %+v with seed %d", g.Summary(), g.Replay.Seed)
			}
			t.Logf("after ?continue from turn %d: %d turns, %d characters", left, g.Turns(), utf8.RuneCountInString(saves[key]))
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the game resumed with ?continue saved no turn past turn %d in 90 s", left)
		}
	}
}
