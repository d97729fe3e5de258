package view

import (
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
)

// Roles lists the roles a player may take in a scenario: every actor
// present, with those who make decisions (those with AI policies) first,
// then the spectator.
func Roles(sc *sim.Scenario) []sim.Actor {
	var deciders, others []sim.Actor
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		if !sc.Actors[a].Present {
			continue
		}
		if Decides(a) {
			deciders = append(deciders, a)
		} else {
			others = append(others, a)
		}
	}
	return append(append(deciders, others...), sim.NoActor)
}

// Decides reports whether an actor makes decisions a player can take over:
// those with AI policies (each has a default one). It allocates nothing: the
// play screen asks every frame.
func Decides(a sim.Actor) bool { return ai.Default(a) != "" }

// Briefing returns the role's briefing, or a plain one when the scenario
// has none for it.
func Briefing(sc *sim.Scenario, role sim.Actor) string {
	if role < sim.NumActors && sc.Briefing[role] != "" {
		return sc.Briefing[role]
	}
	if role == sim.NoActor {
		return "Watch the AI play every side. Speed controls let you pause, step or race to the end; the map, gauges and log show what every actor does."
	}
	return "This actor makes no decisions in this scenario: the model plays it. Watch how the others deal with it."
}
