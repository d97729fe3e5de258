// Package replay records and checks Deconflict runs. A replay holds what is
// needed to play a run again exactly (the canonical scenario, the engine
// version, the seed and every order) and what is needed to prove it did
// (the state hash and a per-field digest after every turn), so a mismatch can
// be traced to the first turn, entity and field that differ.
//
// The file format is JSON Lines (see docs/cli.md): a header, one line per
// turn with that turn's orders, hash and digest, and a trailer whose absence
// marks a truncated file. Read also accepts gzip-compressed replays. The
// package is pure: readers and writers in, values out.
package replay

import (
	"errors"
	"fmt"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
)

// Format identifiers written in every replay's header.
const (
	Marker  = "deconflict-replay" // the header's "format" value
	Version = 1                   // the format version this package reads and writes
)

// Limits that keep hostile files cheap to refuse.
const (
	MaxSize = 256 << 20 // bytes of (uncompressed) replay accepted
	MaxLine = 64 << 20  // bytes of one line accepted
)

// Spectator is the role of a run in which the AI played every actor.
const Spectator = "spectator"

// maxSeed bounds seeds so they stay exact in JSON, R and JavaScript.
const maxSeed = 1 << 53

// Errors that callers may want to tell apart; the errors returned wrap them.
var (
	ErrNotReplay = errors.New("not a Deconflict replay")
	ErrTruncated = errors.New("replay is truncated")
	ErrTooLarge  = errors.New("replay too large")
)

// Replay is one recorded run.
type Replay struct {
	Engine       string         // sim.Version of the engine that recorded it
	ScenarioID   string         // the scenario's id, for people and listings
	ScenarioHash string         // scenario.Hash of the scenario played
	Canonical    []byte         // scenario.Canonical of the scenario played (overrides applied)
	Seed         uint64         // in [0, 2^53)
	Overrides    []string       // the --set arguments, for information: Canonical already holds them
	Role         string         // the actor a person played, or Spectator
	Orders       []sim.Recorded // every order, in the order given
	Hashes       []sim.Hash     // the state hash after each turn
	Digests      [][]byte       // the state digest (sim.State.Digest) after each turn
	FinalHash    sim.Hash
	Outcome      sim.Outcome
}

// New builds the replay of a run recorded with runner.Options{Record: true}.
// overrides are the --set arguments that produced sc (informational); role
// is the actor a person played, or Spectator.
func New(sc *sim.Scenario, overrides []string, role string, res *runner.Result) (*Replay, error) {
	if len(res.Hashes) == 0 || len(res.Hashes) != len(res.Digests) {
		return nil, errors.New("the run was not recorded (runner.Options.Record) or played no turn")
	}
	rp := &Replay{
		Engine:       sim.Version,
		ScenarioID:   sc.ID,
		ScenarioHash: scenario.Hash(sc),
		Canonical:    scenario.Canonical(sc),
		Seed:         res.Seed,
		Overrides:    append([]string(nil), overrides...),
		Role:         role,
		Orders:       append([]sim.Recorded(nil), res.Orders...),
		Hashes:       append([]sim.Hash(nil), res.Hashes...),
		Digests:      append([][]byte(nil), res.Digests...),
		FinalHash:    res.FinalHash,
		Outcome:      res.Outcome,
	}
	if err := rp.check(); err != nil {
		return nil, err
	}
	return rp, nil
}

// Scenario loads the replay's canonical scenario and checks that it still
// has the hash the replay recorded.
func (rp *Replay) Scenario() (*sim.Scenario, error) {
	name := rp.ScenarioID + " (in replay)"
	sc, err := scenario.Load(name, rp.Canonical, nil)
	if err != nil {
		return nil, fmt.Errorf("the replay's scenario does not load: %w", err)
	}
	if h := scenario.Hash(sc); h != rp.ScenarioHash {
		return nil, fmt.Errorf("the replay's scenario hashes to %s, but the replay records %s: the scenario text was altered", h, rp.ScenarioHash)
	}
	if sc.ID != rp.ScenarioID {
		return nil, fmt.Errorf("the replay names scenario %q but holds scenario %q", rp.ScenarioID, sc.ID)
	}
	return sc, nil
}

// check verifies what Write and Read both require of a replay.
func (rp *Replay) check() error {
	if err := rp.checkHeader(); err != nil {
		return err
	}
	if len(rp.Hashes) == 0 {
		return errors.New("no turns")
	}
	if len(rp.Digests) != len(rp.Hashes) {
		return fmt.Errorf("%d digests for %d turns", len(rp.Digests), len(rp.Hashes))
	}
	if rp.Outcome >= sim.NumOutcomes {
		return fmt.Errorf("unknown outcome %d", rp.Outcome)
	}
	prev := int32(0)
	for i, o := range rp.Orders {
		if o.Turn < prev || int(o.Turn) >= len(rp.Hashes) {
			return fmt.Errorf("order %d: turn %d out of order or past the last turn %d", i, o.Turn, len(rp.Hashes)-1)
		}
		prev = o.Turn
		if err := checkOrder(o); err != nil {
			return fmt.Errorf("order %d: %w", i, err)
		}
	}
	return nil
}

// checkHeader verifies the fields of a replay's header line.
func (rp *Replay) checkHeader() error {
	if rp.Engine == "" {
		return errors.New("no engine version")
	}
	if rp.Seed >= maxSeed {
		return fmt.Errorf("seed %d is not below 2^53", rp.Seed)
	}
	if rp.Role != Spectator {
		if _, ok := sim.ParseActor(rp.Role); !ok {
			return fmt.Errorf("unknown role %q (want an actor id or %q)", rp.Role, Spectator)
		}
	}
	return nil
}

// checkOrder verifies that a recorded order's enumerations are known.
func checkOrder(o sim.Recorded) error {
	if o.Step >= sim.NumSteps || o.Actor >= sim.NumActors || o.Order.Kind >= sim.NumOrderKinds {
		return errors.New("unknown step, actor or kind")
	}
	if o.Order.Target.Kind > sim.TargetShipment {
		return fmt.Errorf("unknown target kind %d", o.Order.Target.Kind)
	}
	return nil
}
