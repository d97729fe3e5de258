package replay

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
)

// Report is the result of re-simulating a replay.
type Report struct {
	Turns     int32    // turns re-simulated whose hash matched the recording
	FinalHash sim.Hash // of the re-simulated run
	Outcome   sim.Outcome
	Diff      *Divergence // the first departure from the recording; nil when none
}

// OK reports whether the re-simulation matched the recording throughout.
func (r *Report) OK() bool { return r.Diff == nil }

// Divergence is the first place where a re-simulation departs from its
// recording.
type Divergence struct {
	Turn     int32
	Recorded sim.Hash // the recorded hash of Turn (or the recorded final hash)
	Replayed sim.Hash // the re-simulated one
	// Field names the first field whose digest byte differs, with its
	// re-simulated value, when one could be found (Index >= 0).
	Field sim.FieldRef
	Index int
	// Detail explains a divergence that is not (only) a field: orders that
	// no longer fit the run, a different number of turns or outcome, or
	// digests that agree although the hashes do not.
	Detail string
}

// String describes the divergence in one line, such as "turn 212: state hash
// differs (recorded 1a2b…, replayed 3c4d…); first difference: site 12 (tanf)
// field troops (replayed value 180)".
func (d *Divergence) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "turn %d: ", d.Turn)
	if d.Recorded != d.Replayed {
		fmt.Fprintf(&b, "state hash differs (recorded %s, replayed %s)", d.Recorded, d.Replayed)
		if d.Index >= 0 || d.Detail != "" {
			b.WriteString("; ")
		}
	}
	if d.Index >= 0 {
		fmt.Fprintf(&b, "first difference: %s field %s (replayed value %d)", d.Field.Entity, d.Field.Field, d.Field.Value)
		if d.Detail != "" {
			b.WriteString("; ")
		}
	}
	b.WriteString(d.Detail)
	return b.String()
}

// errDiverged stops a re-simulation at the first hash that differs.
var errDiverged = errors.New("diverged")

// Verify re-simulates a replay from its recorded orders and checks the
// state hash after every turn, then the final hash and the outcome. A
// departure is reported in Report.Diff; the error is for replays that cannot
// be re-simulated at all: another engine version (a *sim.VersionError), an
// altered scenario.
func Verify(rp *Replay) (rep Report, err error) {
	if err := rp.check(); err != nil {
		return rep, fmt.Errorf("invalid replay: %w", err)
	}
	if err := sim.CheckVersion("the replay", rp.Engine, "recorded", "replay it with that version"); err != nil {
		return rep, err
	}
	sc, err := rp.Scenario()
	if err != nil {
		return rep, err
	}
	defer func() {
		// Replays are untrusted input: should a recorded order ever get past
		// the engine's checks and crash it, say so instead of crashing.
		if r := recover(); r != nil {
			rep, err = Report{}, fmt.Errorf("the engine failed on the recorded orders near turn %d: %v", rep.Turns, r)
		}
	}()
	d := runner.NewDriver(sc)
	check := func(turn int32, e *sim.Engine) error {
		if turn < 0 || int(turn) >= len(rp.Hashes) {
			rep.Diff = &Divergence{Turn: turn, Index: -1, Detail: fmt.Sprintf("the run goes on past the %d recorded turns", len(rp.Hashes))}
			return errDiverged
		}
		if h := e.Hash(); h != rp.Hashes[turn] {
			rep.Diff = diverge(sc, turn, rp.Hashes[turn], h, rp.Digests[turn], e.State())
			return errDiverged
		}
		rep.Turns = turn + 1
		return nil
	}
	res, err := d.Replay(rp.Seed, rp.Orders, runner.Options{Turns: int32(len(rp.Hashes))}, check)
	rep.FinalHash, rep.Outcome = res.FinalHash, res.Outcome
	switch {
	case errors.Is(err, errDiverged):
		return rep, nil
	case err != nil:
		rep.Diff = &Divergence{Turn: d.Engine().Turn(), Index: -1, Detail: "the recorded orders no longer fit the run: " + err.Error()}
		return rep, nil
	}
	last := int32(len(rp.Hashes) - 1)
	switch {
	case res.Turns != int32(len(rp.Hashes)):
		rep.Diff = &Divergence{Turn: res.Turns - 1, Index: -1, Detail: fmt.Sprintf("the replayed run lasted %d turns, the recording %d", res.Turns, len(rp.Hashes))}
	case res.FinalHash != rp.FinalHash:
		rep.Diff = &Divergence{Turn: last, Recorded: rp.FinalHash, Replayed: res.FinalHash, Index: -1, Detail: "the final hash differs from the recorded one"}
	case res.Outcome != rp.Outcome:
		rep.Diff = &Divergence{Turn: last, Index: -1, Detail: fmt.Sprintf("the replayed run ended %s, the recording %s", res.Outcome, rp.Outcome)}
	}
	return rep, nil
}

// diverge names the first field whose digest byte differs between the
// recording and the re-simulated state.
func diverge(sc *sim.Scenario, turn int32, recorded, replayed sim.Hash, digest []byte, st *sim.State) *Divergence {
	d := &Divergence{Turn: turn, Recorded: recorded, Replayed: replayed, Index: -1}
	now := st.Digest(nil)
	i := 0
	for i < len(now) && i < len(digest) && now[i] == digest[i] {
		i++
	}
	if i < len(now) {
		if f, ok := st.FieldAt(i); ok {
			f.Entity = entityLabel(sc, f.Entity)
			d.Field, d.Index = f, i
		}
	}
	switch {
	case len(now) != len(digest):
		d.Detail = fmt.Sprintf("the replayed state has %d fields, the recording %d", len(now), len(digest))
	case d.Index < 0:
		d.Detail = "every field's digest matches the recording, so the recorded hash was altered or only entity ids differ"
	}
	return d
}

// entityLabel adds the scenario id to entities numbered by scenario index,
// such as "site 12" → "site 12 (tanf)".
func entityLabel(sc *sim.Scenario, entity string) string {
	kind, num, ok := strings.Cut(entity, " ")
	if !ok {
		return entity
	}
	i, err := strconv.Atoi(num)
	if err != nil || i < 0 {
		return entity
	}
	var id string
	switch kind {
	case "site":
		if i < len(sc.Sites) {
			id = sc.Sites[i].ID
		}
	case "corridor":
		if i < len(sc.Corridors) {
			id = sc.Corridors[i].ID
		}
	case "objective":
		if i < len(sc.Objectives) {
			id = sc.Objectives[i].ID
		}
	case "event":
		if i < len(sc.Events) {
			id = sc.Events[i].ID
		}
	case "ladder":
		if i < int(sim.NumPairs) {
			id = sim.Pair(i).String()
		}
	}
	if id == "" {
		return entity
	}
	return entity + " (" + id + ")"
}
