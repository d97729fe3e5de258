package scenarios_test

import (
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim/scenario"
)

// TestEmbeddedLintClean checks that no embedded scenario holds a mistake of
// meaning that deconflict-sim lint finds.
func TestEmbeddedLintClean(t *testing.T) {
	for _, f := range scenarios.Files() {
		findings, err := scenario.Lint(f.Name, f.Data)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		for i := range findings {
			t.Errorf("%s", findings[i].String())
		}
	}
}

// TestEmbeddedExpectations checks that every embedded scenario says what it
// teaches in [[expect]] blocks (which make test judges).
func TestEmbeddedExpectations(t *testing.T) {
	for _, f := range scenarios.Files() {
		_, ex, err := scenario.LoadWithExpectations(f.Name, f.Data, nil)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
		} else if len(ex) < 3 {
			t.Errorf("%s: %d [[expect]] blocks, want at least 3", f.Name, len(ex))
		}
	}
}
