package replay

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
	"pgregory.net/rapid"
)

// recorded plays an embedded scenario with AI for every actor and returns
// its replay; turns 0 plays to the end.
func recorded(t testing.TB, id string, seed uint64, turns int32) *Replay {
	t.Helper()
	f, ok := scenarios.Lookup(id)
	if !ok {
		t.Fatalf("no embedded scenario %q", id)
	}
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.NewDriver(sc).Run(seed, runner.Options{Turns: turns, Record: true})
	if err != nil {
		t.Fatal(err)
	}
	rp, err := New(sc, nil, Spectator, &res)
	if err != nil {
		t.Fatal(err)
	}
	return rp
}

func encode(t testing.TB, rp *Replay) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, rp); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRecordedRunVerifies(t *testing.T) {
	rp := recorded(t, "tanf-2021", 3, 0)
	got, err := Read(bytes.NewReader(encode(t, rp)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rp) {
		t.Fatal("replay changed through Write and Read")
	}
	rep, err := Verify(got)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("untouched replay diverged: %s", rep.Diff)
	}
	if rep.Turns != int32(len(rp.Hashes)) || rep.FinalHash != rp.FinalHash || rep.Outcome != rp.Outcome {
		t.Fatalf("report %+v does not match the recording (%d turns, %s, %s)", rep, len(rp.Hashes), rp.FinalHash, rp.Outcome)
	}
}

func TestVerifyStopsAtPartialRuns(t *testing.T) {
	rp := recorded(t, "tanf-2021", 3, 5)
	if len(rp.Hashes) != 5 || rp.Outcome != sim.OutcomeRunning {
		t.Fatalf("got %d turns, outcome %s; want 5 turns of a running game", len(rp.Hashes), rp.Outcome)
	}
	rep, err := Verify(rp)
	if err != nil || !rep.OK() {
		t.Fatalf("partial replay: %v %v", err, rep.Diff)
	}
}

func TestTamperedHashNamesTurn(t *testing.T) {
	rp := recorded(t, "tanf-2021", 3, 0)
	rp.Hashes[7] ^= 1
	rep, err := Verify(rp)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || rep.Diff.Turn != 7 || rep.Turns != 7 {
		t.Fatalf("want a divergence at turn 7 after 7 good turns, got %+v", rep)
	}
	if msg := rep.Diff.String(); !strings.Contains(msg, "turn 7: state hash differs") || !strings.Contains(msg, "recorded hash was altered") {
		t.Fatalf("unclear message: %s", msg)
	}
}

// TestTamperedOrderNamesEntityAndField flips the method of the first
// recorded proxy attack, which changes the attack entity the turn it is
// ordered: the divergence must name that turn, entity and field.
func TestTamperedOrderNamesEntityAndField(t *testing.T) {
	for seed := uint64(1); seed < 40; seed++ {
		rp := recorded(t, "tanf-2021", seed, 0)
		i := indexOrder(rp, sim.OrderRetaliate)
		if i < 0 {
			continue
		}
		rp.Orders[i].Order.Method ^= 1
		rep, err := Verify(rp)
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK() {
			t.Fatal("tampered order went unnoticed")
		}
		d := rep.Diff
		if d.Turn != rp.Orders[i].Turn || !strings.HasPrefix(d.Field.Entity, "attack ") || d.Field.Field != "method" {
			t.Fatalf("seed %d: want attack method at turn %d, got %s", seed, rp.Orders[i].Turn, d)
		}
		if d.Field.Value != int64(rp.Orders[i].Order.Method) {
			t.Fatalf("replayed value %d, want %d", d.Field.Value, rp.Orders[i].Order.Method)
		}
		return
	}
	t.Fatal("no seed gave a retaliation order to tamper with")
}

func indexOrder(rp *Replay, k sim.OrderKind) int {
	for i, o := range rp.Orders {
		if o.Order.Kind == k {
			return i
		}
	}
	return -1
}

func TestOrdersThatNoLongerFit(t *testing.T) {
	rp := recorded(t, "tanf-2021", 3, 0)
	i := indexOrder(rp, sim.OrderEndPlanning)
	if i < 0 {
		t.Skip("no planning in this run")
	}
	rp.Orders = append(rp.Orders[:i], rp.Orders[i+1:]...)
	rep, err := Verify(rp)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || !strings.Contains(rep.Diff.Detail, "no answer for israel") {
		t.Fatalf("want a missing answer, got %+v", rep.Diff)
	}
}

func TestAlteredScenarioOrEngineRefused(t *testing.T) {
	rp := recorded(t, "tanf-2021", 3, 3)
	rp.Engine = "0.9.0"
	_, err := Verify(rp)
	var ve *sim.VersionError
	want := "the replay was recorded by engine 0.9.0; this is engine " + sim.Version + ": replay it with that version"
	if !errors.As(err, &ve) || err.Error() != want {
		t.Fatalf("want %q, got %v", want, err)
	}
	rp.Engine = sim.Version
	rp.Canonical = bytes.Replace(rp.Canonical, []byte("troops = "), []byte("troops = 1"), 1)
	if _, err := Verify(rp); err == nil || !strings.Contains(err.Error(), "altered") {
		t.Fatalf("want an altered-scenario error, got %v", err)
	}
}

func TestTruncatedFilesAreRefused(t *testing.T) {
	data := encode(t, recorded(t, "tanf-2021", 3, 4))
	for n := 0; n < len(data)-1; n += 1 + n/8 {
		_, err := Read(bytes.NewReader(data[:n]))
		if err == nil {
			t.Fatalf("read %d of %d bytes without error", n, len(data))
		}
		if n > 40 && !errors.Is(err, ErrTruncated) {
			t.Fatalf("cut at %d: want ErrTruncated, got %v", n, err)
		}
	}
	// a file that ends exactly at a line break is just as incomplete
	cut := bytes.LastIndexByte(data[:len(data)-1], '\n') + 1
	if _, err := Read(bytes.NewReader(data[:cut])); !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "no trailer") {
		t.Fatalf("missing trailer: %v", err)
	}
}

func TestForeignAndCorruptFiles(t *testing.T) {
	good := encode(t, recorded(t, "tanf-2021", 3, 6))
	if !bytes.Contains(good, []byte(`"kind":"`)) {
		t.Fatal("the first turns hold no orders")
	}
	cases := []struct {
		name string
		data string
		want string
	}{
		{"empty", "", "not a Deconflict replay"},
		{"toml", "[scenario]\nid = \"x\"\n", "not a Deconflict replay"},
		{"binary", "\x00\x01\x02\xff", "not a Deconflict replay"},
		{"other json", `{"format":"something-else"}` + "\n", "not a Deconflict replay"},
		{"future version", strings.Replace(string(good), `"version":1`, `"version":9`, 1), "format version 9 is not supported"},
		{"bad hash", strings.Replace(string(good), `"hash":"`, `"hash":"zz`, 1), "not 16 hex digits"},
		{"turn gap", strings.Replace(string(good), `{"turn":1,`, `{"turn":2,`, 1), "turn 2 where turn 1 was expected"},
		{"trailing data", string(good) + "{}\n", "data after the trailer"},
		{"lost line", dropLine(string(good), 6), "counts 6 turns, the file holds 5"},
		{"bad order", strings.Replace(string(good), `"kind":"`, `"kind":"x`, 1), "unknown order kind"},
		{"negative seed", strings.Replace(string(good), `"seed":3`, `"seed":-3`, 1), "corrupt header"},
		{"huge seed", strings.Replace(string(good), `"seed":3`, `"seed":9007199254740992`, 1), "seed"},
		// the duplicate key was reported as "corrupt header: %!w(<nil>)"
		{"duplicate format", strings.Replace(string(good), `"version":1,`, `"version":1,"format":"x",`, 1), `line 1: corrupt header: it gives "format" twice`},
		{"duplicate seed", strings.Replace(string(good), `"version":1,`, `"version":1,"seed":4,`, 1), `line 1: corrupt header: it gives "seed" twice`},
		{"corrupt middle", strings.Replace(string(good), `{"turn":1,`, `{"turn":1,,`, 1), "line 3: corrupt"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: want an error containing %q, got %v", c.name, c.want, err)
		}
	}
}

func dropLine(s string, i int) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(append(lines[:i:i], lines[i+1:]...), "")
}

func TestLimits(t *testing.T) {
	data := encode(t, recorded(t, "tanf-2021", 3, 3))
	if _, err := read(bytes.NewReader(data), len(data)-10, len(data)); err == nil || !strings.Contains(err.Error(), "larger than the limit") {
		t.Fatalf("size limit: %v", err)
	}
	if _, err := read(bytes.NewReader(data), len(data), 1000); err == nil || !strings.Contains(err.Error(), "line 1 is longer than the limit of 1000 bytes") {
		t.Fatalf("line limit: %v", err)
	}
	if _, err := read(bytes.NewReader(data), len(data), len(data)); err != nil {
		t.Fatalf("within limits: %v", err)
	}
}

func TestGzip(t *testing.T) {
	rp := recorded(t, "tanf-2021", 3, 3)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := Write(zw, rp); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	z := buf.Bytes()
	got, err := Read(bytes.NewReader(z))
	if err != nil || !reflect.DeepEqual(got, rp) {
		t.Fatalf("gzip round trip: %v", err)
	}
	if _, err := Read(bytes.NewReader(z[:len(z)*2/3])); !errors.Is(err, ErrTruncated) {
		t.Fatalf("truncated gzip: want ErrTruncated, got %v", err)
	}
}

func TestWriteRefusesInvalidReplays(t *testing.T) {
	base := recorded(t, "tanf-2021", 3, 2)
	for name, spoil := range map[string]func(*Replay){
		"seed":       func(r *Replay) { r.Seed = 1 << 53 },
		"role":       func(r *Replay) { r.Role = "nobody" },
		"no turns":   func(r *Replay) { r.Hashes, r.Digests = nil, nil },
		"order turn": func(r *Replay) { r.Orders = append(r.Orders, sim.Recorded{Turn: 9}) },
		"target kind": func(r *Replay) {
			r.Orders = append(r.Orders, sim.Recorded{Turn: 1, Order: sim.Order{Target: sim.Target{Kind: 7}}})
		},
	} {
		rp := *base
		rp.Orders = append([]sim.Recorded(nil), base.Orders...)
		spoil(&rp)
		if err := Write(&bytes.Buffer{}, &rp); err == nil {
			t.Errorf("%s: Write accepted an invalid replay", name)
		}
	}
}

// TestRoundTripRandomOrders writes and reads replays of random orders and
// values: everything must come back exactly.
func TestRoundTripRandomOrders(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		turns := rapid.IntRange(1, 20).Draw(t, "turns")
		rp := &Replay{
			Engine:       rapid.StringMatching(`[0-9]\.[0-9]\.[0-9]`).Draw(t, "engine"),
			ScenarioID:   rapid.StringMatching(`[a-z][a-z0-9-]{0,20}`).Draw(t, "id"),
			ScenarioHash: rapid.StringMatching(`[0-9a-f]{64}`).Draw(t, "hash"),
			Canonical:    []byte(rapid.String().Draw(t, "canonical") + "x"),
			Seed:         rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed"),
			Overrides:    rapid.SliceOfN(rapid.String(), 1, 4).Draw(t, "overrides"),
			Role:         rapid.SampledFrom(append(sim.ActorIDs(), Spectator)).Draw(t, "role"),
			FinalHash:    sim.Hash(rapid.Uint64().Draw(t, "final")),
			Outcome:      sim.Outcome(rapid.IntRange(0, int(sim.NumOutcomes)-1).Draw(t, "outcome")),
		}
		if rapid.Bool().Draw(t, "no overrides") {
			rp.Overrides = nil
		}
		for i := 0; i < turns; i++ {
			rp.Hashes = append(rp.Hashes, sim.Hash(rapid.Uint64().Draw(t, "h")))
			rp.Digests = append(rp.Digests, rapid.SliceOfN(rapid.Byte(), 1, 64).Draw(t, "digest"))
		}
		n := rapid.IntRange(0, 60).Draw(t, "orders")
		turnOf := rapid.SliceOfN(rapid.Int32Range(0, int32(turns-1)), n, n).Draw(t, "order turns")
		sortInt32(turnOf)
		for _, turn := range turnOf {
			rp.Orders = append(rp.Orders, sim.Recorded{
				Turn:  turn,
				Step:  sim.Step(rapid.IntRange(0, int(sim.NumSteps)-1).Draw(t, "step")),
				Actor: sim.Actor(rapid.IntRange(0, int(sim.NumActors)-1).Draw(t, "actor")),
				Order: randomOrder(t),
			})
		}
		var buf bytes.Buffer
		if err := Write(&buf, rp); err != nil {
			t.Fatal(err)
		}
		got, err := Read(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, rp) {
			t.Fatalf("round trip changed the replay:\n got %+v\nwant %+v", got, rp)
		}
	})
}

func randomOrder(t *rapid.T) sim.Order {
	return sim.Order{
		Kind:       sim.OrderKind(rapid.IntRange(0, int(sim.NumOrderKinds)-1).Draw(t, "kind")),
		Decision:   rapid.Int32().Draw(t, "decision"),
		Target:     sim.Target{Kind: sim.TargetKind(rapid.IntRange(0, 1).Draw(t, "tkind")), ID: rapid.Int32().Draw(t, "tid")},
		Route:      rapid.Int32().Draw(t, "route"),
		Package:    rapid.Int8().Draw(t, "package"),
		Notice:     rapid.Int8().Draw(t, "notice"),
		SkipReview: rapid.Bool().Draw(t, "skip"),
		Site:       rapid.Int32().Draw(t, "site"),
		Method:     rapid.Int8().Draw(t, "method"),
		Claim:      rapid.Bool().Draw(t, "claim"),
		Strike:     rapid.Bool().Draw(t, "strike"),
		Blame:      rapid.Bool().Draw(t, "blame"),
		Delay:      rapid.Int32().Draw(t, "delay"),
		Radius:     rapid.Int64().Draw(t, "radius"),
		Days:       rapid.Int32().Draw(t, "days"),
		Corridor:   rapid.Int32().Draw(t, "corridor"),
		Interval:   rapid.Int32().Draw(t, "interval"),
	}
}

func sortInt32(s []int32) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// FuzzRead feeds the reader arbitrary bytes: it must never panic, and what
// it accepts must survive another Write and Read unchanged.
func FuzzRead(f *testing.F) {
	good := encode(f, recorded(f, "tanf-2021", 3, 3))
	f.Add(good)
	for _, n := range []int{0, 1, 30, len(good) / 2, len(good) - 2} {
		f.Add(good[:n])
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(good)
	zw.Close()
	f.Add(z.Bytes())
	f.Add([]byte("\x1f\x8b garbage"))
	f.Add([]byte("{}\n{}\n"))
	f.Add([]byte(`{"format":"deconflict-replay","version":1}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rp, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, rp); err != nil {
			t.Fatalf("accepted a replay Write refuses: %v", err)
		}
		again, err := Read(&buf)
		if err != nil {
			t.Fatalf("cannot read back what was written: %v", err)
		}
		if !reflect.DeepEqual(again, rp) {
			t.Fatal("round trip changed an accepted replay")
		}
	})
}

// TestVerifyAlteredOrders re-simulates replays whose orders were altered at
// random: each must end in a clean report (a divergence or a match), never
// in an engine failure.
func TestVerifyAlteredOrders(t *testing.T) {
	base := recorded(t, "tanf-2021", 3, 0)
	rapid.Check(t, func(t *rapid.T) {
		rp := *base
		rp.Orders = append([]sim.Recorded(nil), base.Orders...)
		for range rapid.IntRange(1, 3).Draw(t, "changes") {
			i := rapid.IntRange(0, len(rp.Orders)-1).Draw(t, "order")
			o := rp.Orders[i]
			o.Order = smallOrder(t)
			if rapid.Bool().Draw(t, "keep decision") {
				o.Order.Decision = rp.Orders[i].Order.Decision
			}
			rp.Orders[i] = o
		}
		if _, err := Verify(&rp); err != nil {
			t.Fatal(err)
		}
	})
}

// smallOrder draws orders whose fields lie near the valid ranges, so that
// many pass the engine's checks and reach its logic.
func smallOrder(t *rapid.T) sim.Order {
	small := func(name string) int32 { return rapid.Int32Range(-2, 40).Draw(t, name) }
	return sim.Order{
		Kind:       sim.OrderKind(rapid.IntRange(0, int(sim.NumOrderKinds)-1).Draw(t, "kind")),
		Decision:   small("decision"),
		Target:     sim.Target{Kind: sim.TargetKind(rapid.IntRange(0, 1).Draw(t, "tkind")), ID: small("tid")},
		Route:      rapid.Int32Range(-2, 8).Draw(t, "route"),
		Package:    rapid.Int8Range(-1, 3).Draw(t, "package"),
		Notice:     rapid.Int8Range(-1, 3).Draw(t, "notice"),
		SkipReview: rapid.Bool().Draw(t, "skip"),
		Site:       small("site"),
		Method:     rapid.Int8Range(-1, 2).Draw(t, "method"),
		Claim:      rapid.Bool().Draw(t, "claim"),
		Strike:     rapid.Bool().Draw(t, "strike"),
		Blame:      rapid.Bool().Draw(t, "blame"),
		Delay:      small("delay"),
		Radius:     rapid.Int64Range(-1, 600_000).Draw(t, "radius"),
		Days:       small("days"),
		Corridor:   rapid.Int32Range(-1, 3).Draw(t, "corridor"),
		Interval:   small("interval"),
	}
}

// TestRecorderWritesWhatWriteWrites records a run as it is played and
// compares the file with the one Write makes from the whole run kept in
// memory: byte for byte the same.
func TestRecorderWritesWhatWriteWrites(t *testing.T) {
	f, _ := scenarios.Lookup("tanf-2021")
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	var streamed bytes.Buffer
	rec, err := NewRecorder(&streamed, sc, []string{"params.standoff_km=30"}, "usa", 7)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.NewDriver(sc).Run(7, runner.Options{Record: true, OnOrder: rec.Order, EachTurn: rec.Turn})
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Close(res.FinalHash, res.Outcome); err != nil {
		t.Fatal(err)
	}
	rp, err := New(sc, []string{"params.standoff_km=30"}, "usa", &res)
	if err != nil {
		t.Fatal(err)
	}
	if len(rp.Orders) == 0 {
		t.Fatal("the run gave no orders")
	}
	if want := encode(t, rp); !bytes.Equal(streamed.Bytes(), want) {
		t.Fatalf("the streamed replay (%d bytes) differs from Write's (%d bytes)", streamed.Len(), len(want))
	}
}

// TestRecorderRefusesOutOfTurn: orders and turns must come in the run's
// order; a recorder with nothing recorded writes no replay.
func TestRecorderRefusesOutOfTurn(t *testing.T) {
	f, _ := scenarios.Lookup("tanf-2021")
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := NewRecorder(io.Discard, sc, nil, Spectator, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Close(0, sim.OutcomeRunning); err == nil || !strings.Contains(err.Error(), "no turns") {
		t.Fatalf("empty recording: %v", err)
	}
	rec.Order(sim.Recorded{Turn: 1})
	if err := rec.turn(0, 1, []byte{1}); err == nil || !strings.Contains(err.Error(), "an order of turn 1 while turn 0 is recorded") {
		t.Fatalf("order of a later turn: %v", err)
	}
	rec, _ = NewRecorder(io.Discard, sc, nil, Spectator, 1)
	if err := rec.turn(1, 1, []byte{1}); err == nil || !strings.Contains(err.Error(), "turn 1 ended where turn 0 was expected") {
		t.Fatalf("a turn skipped: %v", err)
	}
	if _, err := NewRecorder(io.Discard, sc, nil, "nobody", 1); err == nil {
		t.Fatal("a recorder for an unknown role")
	}
}

// TestWriteAndReadLimitsAgree: at every limit, what the writer writes the
// reader reads, and what the writer refuses the reader would refuse. A
// replay of n bytes whose longest line takes m bytes (with its newline) is
// written and read under limits (n, m), and refused by both one byte below
// either.
func TestWriteAndReadLimitsAgree(t *testing.T) {
	rp := recorded(t, "tanf-2021", 3, 6)
	data := encode(t, rp)
	n, m := len(data), 0
	for _, ln := range bytes.SplitAfter(data, []byte("\n")) {
		m = max(m, len(ln))
	}
	for _, c := range []struct {
		size, line int
		ok         bool
	}{
		{n, m, true},
		{n - 1, m, false},
		{n, m - 1, false},
	} {
		var buf bytes.Buffer
		werr := write(&buf, rp, c.size, c.line)
		_, rerr := read(bytes.NewReader(data), c.size, c.line)
		switch {
		case c.ok && (werr != nil || rerr != nil):
			t.Errorf("limits %d, %d: write %v, read %v; want both to pass", c.size, c.line, werr, rerr)
		case !c.ok && (!errors.Is(werr, ErrTooLarge) || rerr == nil):
			t.Errorf("limits %d, %d: write %v, read %v; want both to refuse", c.size, c.line, werr, rerr)
		case c.ok && !bytes.Equal(buf.Bytes(), data):
			t.Errorf("limits %d, %d: wrote other bytes", c.size, c.line)
		}
	}
}
