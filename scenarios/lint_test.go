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
