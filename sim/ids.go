// Package sim is the Deconflict engine: a pure, deterministic, turn-based
// model of the 2017–2022 shadow war in Syria.
//
// A run is a State advanced by an Engine through nine fixed phases a turn.
// The engine stops whenever an actor must decide, hands back that actor's
// pending decisions and takes its answers as Orders. Everything in the state
// is a fixed-width integer, iterated in canonical (id-sorted) order, and drawn
// from seeded PCG streams, so the same scenario, seed and orders give the same
// state hash on every platform. The package does no I/O, reads no clock and
// starts no goroutines.
package sim

import "fmt"

// Actor is one of the fixed actors of the model, numbered in id order.
type Actor uint8

// The actors, in canonical (alphabetical id) order.
const (
	Hezbollah Actor = iota
	Iran
	ISIS
	Israel
	Russia
	SDF
	Syria
	Turkey
	USA
	NumActors
)

// NoActor marks "no actor" (for example a spectator's role).
const NoActor Actor = 255

var actorIDs = [NumActors]string{"hezbollah", "iran", "isis", "israel", "russia", "sdf", "syria", "turkey", "usa"}

var actorNames = [NumActors]string{"Hezbollah", "Iran", "Islamic State", "Israel", "Russia", "SDF", "Syria", "Turkey", "United States"}

// String returns the actor's id, as used in scenario files and on the command line.
func (a Actor) String() string {
	if a < NumActors {
		return actorIDs[a]
	}
	if a == NoActor {
		return "none"
	}
	return fmt.Sprintf("actor(%d)", uint8(a))
}

// Name returns the actor's display name.
func (a Actor) Name() string {
	if a < NumActors {
		return actorNames[a]
	}
	return a.String()
}

// ParseActor maps an actor id to its Actor.
func ParseActor(id string) (Actor, bool) {
	for i, s := range actorIDs {
		if s == id {
			return Actor(i), true
		}
	}
	return NoActor, false
}

// ActorIDs lists every actor id in canonical order (a copy).
func ActorIDs() []string { return append([]string(nil), actorIDs[:]...) }

// Pair is an escalation ladder between two actors.
type Pair uint8

// The escalation ladders, in canonical id order.
const (
	IsraelIran Pair = iota
	IsraelRussia
	USAIran
	NumPairs
)

var pairIDs = [NumPairs]string{"israel-iran", "israel-russia", "usa-iran"}

// String returns the ladder's id, such as "usa-iran".
func (p Pair) String() string {
	if p < NumPairs {
		return pairIDs[p]
	}
	return fmt.Sprintf("pair(%d)", uint8(p))
}

// ParsePair maps a ladder id to its Pair.
func ParsePair(id string) (Pair, bool) {
	for i, s := range pairIDs {
		if s == id {
			return Pair(i), true
		}
	}
	return 0, false
}

// PairIDs lists every ladder id in canonical order (a copy).
func PairIDs() []string { return append([]string(nil), pairIDs[:]...) }

// Fixed-point scales used throughout the state.
const (
	// Micro is the scale of fractions and probabilities: 1_000_000 is 1.0.
	Micro = 1_000_000
	// Milli is the scale of levels, grievance, trust and percentages: 1000 is 1.0.
	Milli = 1000
	// MaxLevel is the top of an escalation ladder (open conflict), in milli-levels.
	MaxLevel = 5 * Milli
	// metresPerKm converts kilometre rates to the metres positions are kept in.
	metresPerKm = 1000
)

// Version identifies the engine's rules. Replays and batch rows carry it: a
// run re-plays exactly only under the version that recorded it. It changes
// whenever a change to the model changes any hash.
const Version = "2.2.0"
