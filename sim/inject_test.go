package sim_test

import (
	"errors"
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// TestInjectFiresAnEventOnce: an umpire's injected event takes effect at
// once, before its day, and never fires again (not on its day either).
func TestInjectFiresAnEventOnce(t *testing.T) {
	sc := quiet()
	day := sc.StartDay + (sc.EndDay-sc.StartDay)/2
	sc.Events = []sim.Event{{ID: "talks", Day: day, Effects: []sim.Effect{
		{Kind: sim.EffectTalks, Value: 5_000, Zone: -1}, // +5 points of talks progress, in milli
	}}}
	e := sim.New(sc, 1)
	e.SetLogging(true)
	before := e.State().Talks
	if err := e.Inject(0); err != nil {
		t.Fatal(err)
	}
	if got := e.State().Talks; got != before+5_000 {
		t.Fatalf("talks %d after the injection, want %d + 5000", got, before)
	}
	if err := e.Inject(0); !errors.Is(err, sim.ErrInvalidOrder) {
		t.Errorf("a second injection: %v, want a refusal", err)
	}
	for _, bad := range []int32{-1, 1} {
		if err := e.Inject(bad); !errors.Is(err, sim.ErrInvalidOrder) {
			t.Errorf("Inject(%d): %v, want a refusal", bad, err)
		}
	}
	// On its own day the event does not fire a second time: the log holds
	// the one firing, the injection's.
	fired := 0
	reached := advanceUntil(t, e, func() bool {
		for _, en := range e.TakeLog() {
			if en.Kind == sim.LogEvent {
				fired++
			}
		}
		return e.Day() > day
	})
	if !reached {
		t.Fatal("the run ended before the event's day")
	}
	if fired != 1 {
		t.Errorf("the event fired %d times, want once", fired)
	}
}
