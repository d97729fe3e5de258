package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// TestCanon: the printed form is the one whose SHA-256 is the scenario hash.
func TestCanon(t *testing.T) {
	out, _ := mustCall(t, exitOK, "canon", "tanf-2021")
	f, _ := scenarios.Lookup("tanf-2021")
	sc := mustLoadFile(t, f.Name, f.Data)
	sum := sha256.Sum256([]byte(out))
	if hex.EncodeToString(sum[:]) != scenario.Hash(sc) {
		t.Error("canon's output does not hash to the scenario hash")
	}
	mustCall(t, exitUsage, "canon")
}

func mustLoadFile(t *testing.T, name string, data []byte) *sim.Scenario {
	t.Helper()
	sc, err := scenario.Load(name, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestDiff compares a scenario with itself and with an edited copy.
func TestDiff(t *testing.T) {
	if out, _ := mustCall(t, exitOK, "diff", "tanf-2021", "tanf-2021"); out != "" {
		t.Errorf("a scenario differs from itself: %q", out)
	}
	f, _ := scenarios.Lookup("tanf-2021")
	edited := strings.Replace(string(f.Data), "talks = 22", "talks = 30", 1)
	if edited == string(f.Data) {
		t.Fatal("tanf-2021 has no talks = 22 to edit")
	}
	edited += "\n[[event]]\nid = \"extra\"\nat = 2021-10-20\neffects = [ { talks = { add = 1 } } ]\nlog = \"More talks.\"\n"
	b := writeFile(t, "b.toml", edited)
	out, _ := mustCall(t, exitFail, "diff", "tanf-2021", b)
	want := "- initial.talks = 22\n+ initial.talks = 30\n" +
		"+ event.extra.id = \"extra\"\n+ event.extra.at = 2021-10-20\n" +
		"+ event.extra.effects = [ { talks = { add = 1 } }, ]\n+ event.extra.log = \"More talks.\"\n"
	if out != want {
		t.Errorf("diff printed:\n%s\nwant:\n%s", out, want)
	}
}

// TestNew: the starting scenario validates, lints clean, passes its own
// expectations, and is never written over an existing file.
func TestNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.toml")
	mustCall(t, exitOK, "new", path)
	mustCall(t, exitOK, "validate", path)
	if out, _ := mustCall(t, exitOK, "lint", path); out != "" {
		t.Errorf("lint: %s", out)
	}
	mustCall(t, exitOK, "test", "--runs", "100", path)
	mustCall(t, exitOK, "run", "--scenario", path)
	if _, errOut := mustCall(t, exitFail, "new", path); !strings.Contains(errOut, "exists") {
		t.Errorf("overwrote: %q", errOut)
	}
	if out, _ := mustCall(t, exitOK, "new"); out != string(newScenario) {
		t.Error("new without a file printed something else")
	}
}

// TestMap writes a scenario's map as SVG and as PNG.
func TestMap(t *testing.T) {
	out := filepath.Join(t.TempDir(), "map.svg")
	mustCall(t, exitOK, "map", "--out", out, "t4-2018")
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "<svg ") || !strings.Contains(string(data), "route ") {
		t.Errorf("map.svg starts %q", data[:min(len(data), 40)])
	}
	png := filepath.Join(t.TempDir(), "map.png")
	mustCall(t, exitOK, "map", "--out", png, "t4-2018")
	data, err = os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("map.png starts %q", data[:min(len(data), 8)])
	}
	mustCall(t, exitUsage, "map", "--out", "map.gif", "t4-2018")
	mustCall(t, exitUsage, "map", "t4-2018")
}
