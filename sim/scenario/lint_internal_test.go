package scenario

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// TestMetricRangesKnown makes sure lint knows the range of every metric that
// is not a count, so a new metric cannot slip past the objective checks.
func TestMetricRangesKnown(t *testing.T) {
	for m := range sim.NumMetrics {
		if _, _, ok := metricRange(m); !ok && m != sim.MetricArsenalGrowth {
			t.Errorf("lint knows no range for metric %s", m)
		}
	}
}
