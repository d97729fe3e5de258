package replay

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// Recorder writes a replay while its run is played: the header at once, a
// line as each turn ends (Turn), the trailer at Close. It holds one turn's
// orders at a time however long the run, so recording costs no memory that
// grows with the run. It refuses to write more than Read accepts (MaxSize
// bytes, lines of MaxLine bytes), so whatever it writes, Read reads.
//
// Hand Order and Turn to runner.Options as OnOrder and EachTurn. After the
// first error every call returns it.
type Recorder struct {
	bw      *bufio.Writer
	enc     *json.Encoder
	turns   int32 // turn lines written
	orders  int   // orders written
	pending []sim.Recorded
	ln      line
	digest  []byte
	err     error
}

// NewRecorder writes the header of the replay of a run of sc at seed, and
// returns the recorder of its turns. overrides are the --set arguments that
// produced sc (informational); role is the actor a person played, or
// Spectator.
func NewRecorder(w io.Writer, sc *sim.Scenario, overrides []string, role string, seed uint64) (*Recorder, error) {
	rp := &Replay{
		Engine:       sim.Version,
		ScenarioID:   sc.ID,
		ScenarioHash: scenario.Hash(sc),
		Canonical:    scenario.Canonical(sc),
		Seed:         seed,
		Overrides:    overrides,
		Role:         role,
	}
	if err := rp.checkHeader(); err != nil {
		return nil, fmt.Errorf("write replay: %w", err)
	}
	return newRecorder(w, rp, MaxSize, MaxLine)
}

// newRecorder writes rp's header under the given limits.
func newRecorder(w io.Writer, rp *Replay, maxSize, maxLine int) (*Recorder, error) {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(&limitWriter{w: bw, max: int64(maxSize), maxLine: maxLine})
	enc.SetEscapeHTML(false)
	h := header{
		Format: Marker, Version: Version, Engine: rp.Engine, ScenarioID: rp.ScenarioID,
		ScenarioHash: rp.ScenarioHash, Seed: rp.Seed, Role: rp.Role, Overrides: rp.Overrides,
		Scenario: string(rp.Canonical),
	}
	if h.Overrides == nil {
		h.Overrides = []string{}
	}
	if err := enc.Encode(&h); err != nil {
		return nil, fmt.Errorf("write replay header: %w", err)
	}
	return &Recorder{bw: bw, enc: enc}, nil
}

// Order records an order of the turn being played.
func (r *Recorder) Order(o sim.Recorded) {
	if r.err != nil {
		return
	}
	if o.Turn != r.turns {
		r.err = fmt.Errorf("write replay: an order of turn %d while turn %d is recorded", o.Turn, r.turns)
		return
	}
	if err := checkOrder(o); err != nil {
		r.err = fmt.Errorf("write replay: turn %d: %w", o.Turn, err)
		return
	}
	r.pending = append(r.pending, o)
}

// Turn writes the line of the turn that just ended: its orders, the state
// hash and the state digest.
func (r *Recorder) Turn(turn int32, e *sim.Engine) error {
	if r.err != nil {
		return r.err
	}
	r.digest = e.State().Digest(r.digest[:0])
	return r.turn(turn, e.Hash(), r.digest)
}

func (r *Recorder) turn(turn int32, hash sim.Hash, digest []byte) error {
	if r.err != nil {
		return r.err
	}
	if turn != r.turns {
		r.err = fmt.Errorf("write replay: turn %d ended where turn %d was expected", turn, r.turns)
		return r.err
	}
	if len(digest) == 0 {
		r.err = fmt.Errorf("write replay: turn %d: no digest", turn)
		return r.err
	}
	r.ln = line{Turn: &turn, Hash: hash.String(), Digest: digest, Orders: r.ln.Orders[:0]}
	for _, o := range r.pending {
		r.ln.Orders = append(r.ln.Orders, encodeOrder(o))
	}
	if err := r.enc.Encode(&r.ln); err != nil {
		r.err = fmt.Errorf("write replay turn %d: %w", turn, err)
		return r.err
	}
	r.turns++
	r.orders += len(r.pending)
	r.pending = r.pending[:0]
	return nil
}

// Close writes the trailer (the run's final hash and outcome) and flushes.
// It fails if no turn was recorded, or if orders were given after the last
// turn ended.
func (r *Recorder) Close(final sim.Hash, outcome sim.Outcome) error {
	switch {
	case r.err != nil:
		return r.err
	case r.turns == 0:
		return fmt.Errorf("write replay: no turns")
	case len(r.pending) > 0:
		return fmt.Errorf("write replay: %d orders after the last turn", len(r.pending))
	case outcome >= sim.NumOutcomes:
		return fmt.Errorf("write replay: unknown outcome %d", outcome)
	}
	end := trailer{End: true, Turns: int(r.turns), OrderCount: r.orders, FinalHash: final.String(), Outcome: outcome.String()}
	if err := r.enc.Encode(&end); err != nil {
		return fmt.Errorf("write replay trailer: %w", err)
	}
	if err := r.bw.Flush(); err != nil {
		return fmt.Errorf("write replay: %w", err)
	}
	return nil
}

// limitWriter passes whole lines (as json.Encoder writes them, one per
// call) on while they stay within the limits Read applies.
type limitWriter struct {
	w       io.Writer
	written int64
	max     int64
	maxLine int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if len(p) > l.maxLine {
		return 0, fmt.Errorf("%w: a line of %s passes the limit of %s a replay's line is read with", ErrTooLarge, size(len(p)), size(l.maxLine))
	}
	if l.written+int64(len(p)) > l.max {
		return 0, fmt.Errorf("%w: it would pass the limit of %s a replay is read with", ErrTooLarge, size(int(l.max)))
	}
	l.written += int64(len(p))
	return l.w.Write(p)
}
