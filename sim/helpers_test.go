package sim_test

import (
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// answerDefaults closes every open decision with its default answer.
func answerDefaults(t tb, e *sim.Engine) {
	t.Helper()
	for _, d := range e.Pending() {
		if !d.Done {
			if err := e.Apply(d.Actor, sim.DefaultOrder(d)); err != nil {
				t.Fatalf("default answer %+v: %v", d, err)
			}
		}
	}
}

// advanceUntil answers every decision with its default and advances until
// found reports true at a stop (checked before each default answer); it
// reports false if the run ends first.
func advanceUntil(t tb, e *sim.Engine, found func() bool) bool {
	t.Helper()
	for !e.Over() {
		if found() {
			return true
		}
		answerDefaults(t, e)
		e.Advance()
	}
	return false
}

// playTurn answers defaults until the current turn ends.
func playTurn(t tb, e *sim.Engine) sim.Stop {
	t.Helper()
	for {
		answerDefaults(t, e)
		if stop := e.Advance(); stop != sim.StopDecide {
			return stop
		}
	}
}

// openDecision returns the open decision of a kind, if any.
func openDecision(e *sim.Engine, kind sim.DecisionKind) (sim.Decision, bool) {
	for _, d := range e.Pending() {
		if !d.Done && d.Kind == kind {
			return d, true
		}
	}
	return sim.Decision{}, false
}

// openDecisionAbout returns the open decision of a kind about a subject, if any.
func openDecisionAbout(e *sim.Engine, kind sim.DecisionKind, subject int32) (sim.Decision, bool) {
	for _, d := range e.Pending() {
		if !d.Done && d.Kind == kind && d.Subject == subject {
			return d, true
		}
	}
	return sim.Decision{}, false
}

// quiet makes a copy of testland without scripted events, so a test can
// watch one rule at work.
func quiet() *sim.Scenario {
	sc := simtest.Scenario()
	sc.Events = nil
	return sc
}

// mustApply applies an order that must be valid.
func mustApply(t tb, e *sim.Engine, a sim.Actor, o sim.Order) {
	t.Helper()
	if err := e.Apply(a, o); err != nil {
		t.Fatalf("%s order %+v: %v", a, o, err)
	}
}

// logged reports whether the log holds an entry of the kind about a subject.
func logged(log []sim.Entry, kind sim.LogKind, subject int32) bool {
	for _, en := range log {
		if en.Kind == kind && en.Subject == subject {
			return true
		}
	}
	return false
}
