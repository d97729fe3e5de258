package replay

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/deconflict/deconflict/sim"
)

// header is the first line of a replay.
type header struct {
	Format       string   `json:"format"`
	Version      int      `json:"version"`
	Engine       string   `json:"engine"`
	ScenarioID   string   `json:"scenario_id"`
	ScenarioHash string   `json:"scenario_hash"`
	Seed         uint64   `json:"seed"`
	Role         string   `json:"role"`
	Overrides    []string `json:"overrides"`
	Scenario     string   `json:"scenario"`
}

// trailer is the last line of a replay: its presence proves the file is
// whole, and its counts check that nothing in between was lost.
type trailer struct {
	End        bool   `json:"end"`
	Turns      int    `json:"turns"`
	OrderCount int    `json:"order_count"`
	FinalHash  string `json:"final_hash"`
	Outcome    string `json:"outcome"`
}

// line is a turn line or, with End set, the trailer, as read.
type line struct {
	Turn   *int32      `json:"turn,omitempty"`
	Hash   string      `json:"hash,omitempty"`
	Digest []byte      `json:"digest,omitempty"` // base64
	Orders []orderLine `json:"orders,omitempty"`

	End        bool   `json:"end,omitempty"`
	Turns      int    `json:"turns,omitempty"`
	OrderCount int    `json:"order_count,omitempty"`
	FinalHash  string `json:"final_hash,omitempty"`
	Outcome    string `json:"outcome,omitempty"`
}

// orderLine is one recorded order: when, who, and the order. The turn is
// the turn line's.
type orderLine struct {
	Step  string `json:"step"`
	Actor string `json:"actor"`
	WireOrder
}

// WireOrder is an order as replays and network messages carry it: ids for
// kinds, indices for routes, sites and corridors, and only the non-zero
// fields.
type WireOrder struct {
	Kind       string `json:"kind"`
	Decision   int32  `json:"decision,omitempty"`
	TargetKind string `json:"target_kind,omitempty"` // "shipment"; absent for sites
	Target     int32  `json:"target,omitempty"`
	Route      int32  `json:"route,omitempty"`
	Package    int8   `json:"package,omitempty"`
	Notice     int8   `json:"notice,omitempty"`
	SkipReview bool   `json:"skip_review,omitempty"`
	Site       int32  `json:"site,omitempty"`
	Method     int8   `json:"method,omitempty"`
	Claim      bool   `json:"claim,omitempty"`
	Strike     bool   `json:"strike,omitempty"`
	Blame      bool   `json:"blame,omitempty"`
	Delay      int32  `json:"delay,omitempty"`
	Radius     int64  `json:"radius,omitempty"`
	Days       int32  `json:"days,omitempty"`
	Corridor   int32  `json:"corridor,omitempty"`
	Interval   int32  `json:"interval,omitempty"`
}

// EncodeOrder writes an engine order in its file and wire form.
func EncodeOrder(o sim.Order) WireOrder {
	w := WireOrder{
		Kind: o.Kind.String(), Decision: o.Decision, Target: o.Target.ID, Route: o.Route, Package: o.Package,
		Notice: o.Notice, SkipReview: o.SkipReview, Site: o.Site, Method: o.Method, Claim: o.Claim,
		Strike: o.Strike, Blame: o.Blame, Delay: o.Delay, Radius: o.Radius, Days: o.Days,
		Corridor: o.Corridor, Interval: o.Interval,
	}
	if o.Target.Kind == sim.TargetShipment {
		w.TargetKind = targetShipment
	}
	return w
}

// Order reads an order in its file and wire form; unknown kinds are refused.
func (w WireOrder) Order() (sim.Order, error) {
	kind, ok := sim.ParseOrderKind(w.Kind)
	if !ok {
		return sim.Order{}, fmt.Errorf("unknown order kind %q", w.Kind)
	}
	var tk sim.TargetKind
	switch w.TargetKind {
	case "":
	case targetShipment:
		tk = sim.TargetShipment
	default:
		return sim.Order{}, fmt.Errorf("unknown target kind %q", w.TargetKind)
	}
	return sim.Order{
		Kind: kind, Decision: w.Decision, Target: sim.Target{Kind: tk, ID: w.Target}, Route: w.Route,
		Package: w.Package, Notice: w.Notice, SkipReview: w.SkipReview, Site: w.Site, Method: w.Method,
		Claim: w.Claim, Strike: w.Strike, Blame: w.Blame, Delay: w.Delay, Radius: w.Radius, Days: w.Days,
		Corridor: w.Corridor, Interval: w.Interval,
	}, nil
}

const targetShipment = "shipment"

// Write writes a replay as JSON Lines. It refuses a replay larger than
// Read accepts (MaxSize, MaxLine), wrapping ErrTooLarge.
func Write(w io.Writer, rp *Replay) error {
	return write(w, rp, MaxSize, MaxLine)
}

// write is Write with the limits as parameters, so tests can reach them cheaply.
func write(w io.Writer, rp *Replay, maxSize, maxLine int) error {
	if err := rp.check(); err != nil {
		return fmt.Errorf("write replay: %w", err)
	}
	rec, err := newRecorder(w, rp, maxSize, maxLine)
	if err != nil {
		return err
	}
	next := 0
	for t := range rp.Hashes {
		for ; next < len(rp.Orders) && rp.Orders[next].Turn == int32(t); next++ {
			rec.Order(rp.Orders[next])
		}
		if err := rec.turn(int32(t), rp.Hashes[t], rp.Digests[t]); err != nil {
			return err
		}
	}
	return rec.Close(rp.FinalHash, rp.Outcome)
}

func encodeOrder(r sim.Recorded) orderLine {
	return orderLine{Step: r.Step.String(), Actor: r.Actor.String(), WireOrder: EncodeOrder(r.Order)}
}

func decodeOrder(ol orderLine, turn int32) (sim.Recorded, error) {
	step, ok := sim.ParseStep(ol.Step)
	if !ok {
		return sim.Recorded{}, fmt.Errorf("unknown step %q", ol.Step)
	}
	actor, ok := sim.ParseActor(ol.Actor)
	if !ok {
		return sim.Recorded{}, fmt.Errorf("unknown actor %q", ol.Actor)
	}
	o, err := ol.Order()
	if err != nil {
		return sim.Recorded{}, err
	}
	return sim.Recorded{Turn: turn, Step: step, Actor: actor, Order: o}, nil
}

// Read reads a replay written by Write, plain or gzip-compressed. It refuses
// files larger than MaxSize or with lines longer than MaxLine, and reports
// truncated, corrupt and foreign files with errors that say which (wrapping
// ErrNotReplay or ErrTruncated where they apply).
func Read(r io.Reader) (*Replay, error) {
	return read(r, MaxSize, MaxLine)
}

// read is Read with the limits as parameters, so tests can reach them cheaply.
func read(r io.Reader, maxSize, maxLine int) (*Replay, error) {
	br := bufio.NewReader(r)
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("read replay: gzip: %w", err)
		}
		defer zr.Close()
		src = zr
	}
	limited := &io.LimitedReader{R: src, N: int64(maxSize) + 1}
	sc := bufio.NewScanner(limited)
	sc.Buffer(make([]byte, 0, min(64<<10, maxLine)), maxLine)
	d := decoder{sc: sc, limited: limited, maxSize: maxSize, maxLine: maxLine}
	return d.replay()
}

// decoder reads a replay line by line.
type decoder struct {
	sc      *bufio.Scanner
	limited *io.LimitedReader
	maxSize int
	maxLine int
	n       int // number of the line last read
}

// next returns the next line, or nil at the end of the input.
func (d *decoder) next() ([]byte, error) {
	if d.sc.Scan() {
		d.n++
		if d.limited.N <= 0 {
			return nil, fmt.Errorf("replay is larger than the limit of %s", size(d.maxSize))
		}
		return d.sc.Bytes(), nil
	}
	err := d.sc.Err()
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("%w: the compressed data ends early (line %d)", ErrTruncated, d.n+1)
	case errors.Is(err, bufio.ErrTooLong):
		return nil, fmt.Errorf("line %d is longer than the limit of %s", d.n+1, size(d.maxLine))
	case err != nil:
		return nil, fmt.Errorf("line %d: %w", d.n+1, err)
	}
	return nil, nil
}

func (d *decoder) replay() (*Replay, error) {
	rp, err := d.header()
	if err != nil {
		return nil, fmt.Errorf("read replay: %w", err)
	}
	if err := d.body(rp); err != nil {
		return nil, fmt.Errorf("read replay: %w", err)
	}
	if err := rp.check(); err != nil {
		return nil, fmt.Errorf("read replay: %w", err)
	}
	return rp, nil
}

func (d *decoder) header() (*Replay, error) {
	text, err := d.next()
	if err != nil {
		return nil, err
	}
	if text == nil {
		return nil, fmt.Errorf("%w: the file is empty", ErrNotReplay)
	}
	ours := bytes.HasPrefix(text, []byte(`{"format":"`+Marker+`"`))
	if !json.Valid(text) {
		if !ours {
			return nil, fmt.Errorf("%w: the first line is not a replay header", ErrNotReplay)
		}
		if more, _ := d.next(); more == nil {
			return nil, fmt.Errorf("%w: the header line is cut short", ErrTruncated)
		}
		return nil, errors.New("line 1: corrupt header")
	}
	if key, dup := duplicateKey(text); dup {
		return nil, fmt.Errorf("line 1: corrupt header: it gives %q twice", key)
	}
	var h header
	err = json.Unmarshal(text, &h)
	switch {
	case err != nil && ours:
		return nil, fmt.Errorf("line 1: corrupt header: %w", err)
	case err != nil || h.Format != Marker:
		return nil, fmt.Errorf("%w: the first line is not a replay header", ErrNotReplay)
	}
	if h.Version != Version {
		return nil, fmt.Errorf("replay format version %d is not supported: this program reads version %d", h.Version, Version)
	}
	if h.ScenarioHash == "" || h.Scenario == "" {
		return nil, errors.New("line 1: the header has no scenario")
	}
	rp := &Replay{
		Engine: h.Engine, ScenarioID: h.ScenarioID, ScenarioHash: h.ScenarioHash,
		Canonical: []byte(h.Scenario), Seed: h.Seed, Role: h.Role, Overrides: h.Overrides,
	}
	if len(rp.Overrides) == 0 {
		rp.Overrides = nil
	}
	return rp, nil
}

func (d *decoder) body(rp *Replay) error {
	for {
		text, err := d.next()
		if err != nil {
			return err
		}
		if text == nil {
			return fmt.Errorf("%w: it ends after turn %d with no trailer line", ErrTruncated, len(rp.Hashes)-1)
		}
		var ln line
		if err := json.Unmarshal(text, &ln); err != nil {
			return d.lineError(text, err)
		}
		if ln.End {
			if err := d.trailer(rp, &ln); err != nil {
				return fmt.Errorf("line %d (trailer): %w", d.n, err)
			}
			return d.expectEOF()
		}
		if err := d.turn(rp, &ln); err != nil {
			return fmt.Errorf("line %d: %w", d.n, err)
		}
	}
}

// lineError explains why a line is not valid JSON: cut short at the end of
// the file (truncated) or corrupt.
func (d *decoder) lineError(text []byte, err error) error {
	n := d.n
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) || errors.Is(err, io.ErrUnexpectedEOF) {
		if more, _ := d.next(); more == nil && !json.Valid(text) {
			return fmt.Errorf("%w: line %d is cut short", ErrTruncated, n)
		}
	}
	return fmt.Errorf("line %d: corrupt: %w", n, err)
}

func (d *decoder) turn(rp *Replay, ln *line) error {
	want := int32(len(rp.Hashes))
	if ln.Turn == nil {
		return errors.New("neither a turn line nor the trailer")
	}
	if *ln.Turn != want {
		return fmt.Errorf("turn %d where turn %d was expected", *ln.Turn, want)
	}
	h, err := parseHash(ln.Hash)
	if err != nil {
		return fmt.Errorf("turn %d: %w", want, err)
	}
	if len(ln.Digest) == 0 {
		return fmt.Errorf("turn %d: no digest", want)
	}
	rp.Hashes = append(rp.Hashes, h)
	rp.Digests = append(rp.Digests, ln.Digest)
	for i, ol := range ln.Orders {
		o, err := decodeOrder(ol, want)
		if err != nil {
			return fmt.Errorf("turn %d, order %d: %w", want, i+1, err)
		}
		rp.Orders = append(rp.Orders, o)
	}
	return nil
}

func (d *decoder) trailer(rp *Replay, ln *line) error {
	if ln.Turns != len(rp.Hashes) {
		return fmt.Errorf("it counts %d turns, the file holds %d", ln.Turns, len(rp.Hashes))
	}
	if ln.OrderCount != len(rp.Orders) {
		return fmt.Errorf("it counts %d orders, the file holds %d", ln.OrderCount, len(rp.Orders))
	}
	h, err := parseHash(ln.FinalHash)
	if err != nil {
		return fmt.Errorf("final hash: %w", err)
	}
	rp.FinalHash = h
	out, ok := parseOutcome(ln.Outcome)
	if !ok {
		return fmt.Errorf("unknown outcome %q", ln.Outcome)
	}
	rp.Outcome = out
	return nil
}

func (d *decoder) expectEOF() error {
	text, err := d.next()
	if err != nil {
		return err
	}
	if text != nil {
		return fmt.Errorf("line %d: data after the trailer", d.n)
	}
	return nil
}

// duplicateKey reports the first key that a JSON object (valid JSON) gives
// twice at its top level: encoding/json would silently keep the last.
func duplicateKey(text []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", false
	}
	seen := make(map[string]bool)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		key, _ := tok.(string)
		if seen[key] {
			return key, true
		}
		seen[key] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", false
		}
	}
	return "", false
}

// parseHash reads a state hash written as 16 lowercase hex digits.
func parseHash(s string) (sim.Hash, error) {
	if len(s) != 16 {
		return 0, fmt.Errorf("hash %q is not 16 hex digits", s)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return 0, fmt.Errorf("hash %q is not lowercase hex", s)
		}
	}
	v, err := strconv.ParseUint(s, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("hash %q: %w", s, err)
	}
	return sim.Hash(v), nil
}

func parseOutcome(s string) (sim.Outcome, bool) {
	for o := sim.Outcome(0); o < sim.NumOutcomes; o++ {
		if o.String() == s {
			return o, true
		}
	}
	return 0, false
}

// size renders a byte count for limits: "256 MiB", or bytes when smaller.
func size(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
