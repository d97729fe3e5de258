package scenarios_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim/scenario"
)

// TestObjectiveTextsQuoteTheirThresholds: an objective's text is what the
// player reads, so when it names a number, that number must be the
// threshold the engine checks (thresholds get tuned; texts must follow).
func TestObjectiveTextsQuoteTheirThresholds(t *testing.T) {
	number := regexp.MustCompile(`\d[\d,]*(\.\d+)?`)
	for _, f := range scenarios.Files() {
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range sc.Objectives {
			scale := o.Metric.Spec().Scale
			want := float64(o.Value) / float64(scale)
			found, any := false, false
			for _, m := range number.FindAllString(o.Text, -1) {
				v, err := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64)
				if err != nil {
					continue
				}
				any = true
				found = found || v == want
			}
			if any && !found {
				t.Errorf("%s: objective %s.%s says %q but its threshold is %g", f.Name, o.Role, o.ID, o.Text, want)
			}
		}
	}
}
