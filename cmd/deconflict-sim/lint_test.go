package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
)

func TestLint(t *testing.T) {
	f, _ := scenarios.Lookup("tanf-2021")
	good := writeFile(t, "good.toml", string(f.Data))
	if out, _ := mustCall(t, exitOK, "lint", good); out != "" {
		t.Errorf("a clean file: %q", out)
	}
	mustCall(t, exitUsage, "lint")
	// An objective no run can meet: US deaths are never negative.
	bad := writeFile(t, "bad.toml", string(f.Data)+`
[[objective]]
id = "impossible"
role = "usa"
metric = "us_casualties"
op = "<="
value = -1
text = "Fewer than no deaths."
`)
	out, _ := mustCall(t, exitFail, "lint", good, bad)
	line := len(strings.Split(string(f.Data), "\n")) + 6 // the value line of the added objective
	want := bad + ":" + strconv.Itoa(line) + ":9: objective-never: objective.impossible.value: usa objective \"impossible\" can never be met: us_casualties <= -1 (us_casualties is never below 0)\n"
	if out != want {
		t.Errorf("lint printed %q, want %q", out, want)
	}
	// validate judges form: the file is valid, and its line says lint finds a problem.
	if out, _ := mustCall(t, exitOK, "validate", bad); !strings.HasSuffix(out, "; lint finds 1 problem (deconflict-sim lint "+bad+")\n") {
		t.Errorf("validate printed %q", out)
	}
	out, _ = mustCall(t, exitFail, "lint", "--json", bad)
	var got lintJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Code != "objective-never" || got.Severity != "error" || got.Line != line || got.Col != 9 {
		t.Errorf("--json printed %q (%v)", out, err)
	}
	broken := writeFile(t, "broken.toml", "[scenario]\nid = 3\n")
	if _, errOut := mustCall(t, exitFail, "lint", broken); !strings.Contains(errOut, "broken.toml:2:6: scenario.id") {
		t.Errorf("a broken file: %q", errOut)
	}
}
