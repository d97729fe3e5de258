package main

import (
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
)

// TestEmbeddedExpectationsHold runs deconflict-sim test over every embedded
// scenario, as make test does: each says what it teaches in [[expect]]
// blocks, and the model must bear them out.
func TestEmbeddedExpectationsHold(t *testing.T) {
	var ids []string
	for _, f := range scenarios.Files() {
		ids = append(ids, strings.TrimSuffix(f.Name, ".toml"))
	}
	out, _ := mustCall(t, exitOK, append([]string{"test"}, ids...)...)
	if strings.Count(out, ": ok, 400 runs from seed 1\n") != len(ids) {
		t.Errorf("test printed:\n%s", out)
	}
}

func TestTestFails(t *testing.T) {
	f, _ := scenarios.Lookup("tanf-2021")
	// Iran attacks US forces in most runs, so "no attack in 99% of runs" fails.
	bad := writeFile(t, "bad.toml", string(f.Data)+`
[[expect]]
id = "never-answered"
text = "Iran never attacks."
check = "share"
metric = "attacks_on_us"
op = "<="
value = 0
min = 0.99
`)
	out, _ := mustCall(t, exitFail, "test", "--runs", "50", bad)
	if !strings.Contains(out, "FAIL (1 of 6), 50 runs from seed 1") || !strings.Contains(out, "  FAIL  never-answered ") {
		t.Errorf("test printed:\n%s", out)
	}
	mustCall(t, exitUsage, "test")
	mustCall(t, exitUsage, "test", "--runs", "1", bad)
	if _, errOut := mustCall(t, exitFail, "test", "no-such-scenario"); !strings.Contains(errOut, "unknown scenario") {
		t.Errorf("unknown scenario: %q", errOut)
	}
}
