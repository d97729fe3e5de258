package save

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/internal/atomicfile"
	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// midGame plays a US game to the given turn, answering every decision with
// a denial or the default, and leaves the player waiting if it can.
func midGame(t testing.TB, turns int32) *session.Session {
	t.Helper()
	f, _ := scenarios.Lookup("tanf-2021")
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.New(sc, 9, sim.USA, session.Live)
	if err != nil {
		t.Fatal(err)
	}
	for s.Turn() < turns {
		ev, err := s.Step()
		if err != nil {
			t.Fatal(err)
		}
		if ev == session.Waited {
			answer(t, s)
		}
	}
	return s
}

func answer(t testing.TB, s *session.Session) {
	for _, d := range s.Observation().Decisions {
		o := sim.DefaultOrder(d)
		if d.Kind == sim.DecideRequest {
			o.Kind = sim.OrderDeny
		}
		if err := s.Apply(o); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSaveAndResume(t *testing.T) {
	s := midGame(t, 10)
	if err := s.Apply(sim.Order{Kind: sim.OrderPrivateMessage}); err != nil {
		t.Fatal(err)
	}
	view := View{CenterX: 1000, CenterY: -2000, Scale: 0.002, LogFilter: "strikes"}
	g, err := FromSession(s, []string{"params.standoff_km=30"}, view, time.Unix(1700000000, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Partial) != 1 || g.Turns() != 10 {
		t.Fatalf("save holds %d turns and %d partial orders, want 10 and 1", g.Turns(), len(g.Partial))
	}
	path := filepath.Join(t.TempDir(), "game.json")
	if err := (Store{}).Write(path, g); err != nil {
		t.Fatal(err)
	}
	back, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if sum := back.Summary(); sum != (Summary{ScenarioID: "tanf-2021", Role: "usa", Turns: 10}) {
		t.Errorf("summary %+v", sum)
	}
	if back.View != view || len(back.Orders()) != len(s.Orders()) || !back.Saved.Equal(g.Saved) {
		t.Errorf("read back view %+v with %d orders, wrote %+v with %d", back.View, len(back.Orders()), view, len(s.Orders()))
	}
	r, err := back.Resume()
	if err != nil {
		t.Fatal(err)
	}
	if r.Hash() != s.Hash() || r.Turn() != s.Turn() || r.Role() != sim.USA {
		t.Errorf("resumed at turn %d state %s, saved at turn %d state %s", r.Turn(), r.Hash(), s.Turn(), s.Hash())
	}
}

func TestNothingToSaveBeforeTheFirstTurnEnds(t *testing.T) {
	s := midGame(t, 0)
	if _, err := FromSession(s, nil, View{}, time.Now()); err == nil {
		t.Error("saved a game with no whole turn")
	}
}

func TestCrashMidWriteKeepsTheOldSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "game.json")
	g, err := FromSession(midGame(t, 3), nil, View{LogFilter: "all"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := (Store{}).Write(path, g); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(path)

	g2, err := FromSession(midGame(t, 6), nil, View{LogFilter: "all"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	data, err := Encode(g2)
	if err != nil {
		t.Fatal(err)
	}
	// the machine stops after writing half the new save, before the rename
	pending, err := atomicfile.Prepare(path, func(w io.Writer) error {
		_, err := w.Write(data[:len(data)/2])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	defer pending.Discard()
	tmp := pending.Name()
	if now, _ := os.ReadFile(path); string(now) != string(old) {
		t.Fatal("the old save changed before the new one was complete")
	}
	back, err := Read(path)
	if err != nil || back.Turns() != 3 {
		t.Fatalf("old save after the crash: %v (turns %d)", err, back.Turns())
	}
	if _, err := Read(tmp); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "it ends early") {
		t.Errorf("reading the half-written file gave %v, want a save that ends early", err)
	}
	if err := atomicfile.WriteFile(path, data); err != nil {
		t.Fatal(err)
	}
	if back, err := Read(path); err != nil || back.Turns() != 6 {
		t.Errorf("new save: %v", err)
	}
}

// TestForeignFilesAreRefusedClearly decodes foreign, damaged and
// oversized files: each is refused with the error kind and a message that
// says what is wrong with the file.
func TestForeignFilesAreRefusedClearly(t *testing.T) {
	g, err := FromSession(midGame(t, 2), nil, View{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	good, _ := Encode(g)
	if _, err := Decode(good); err != nil {
		t.Fatalf("the untouched save: %v", err)
	}
	replayFile := `{"format":"deconflict-replay","version":1}` + "\n"
	cases := []struct {
		name, data string
		kind       error
		want       string
	}{
		{"empty", "", ErrNotSave, "not a Deconflict save: the file is empty"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", ErrNotSave, "not a Deconflict save: the file is of another kind"},
		// 1 + 8 + 1 + 17 + 1 + 9 + 1 + 1 + 1 + 8 + 1 + 1 = 50 bytes
		{"compact and cut", `{"format":"deconflict-save","version":1,"replay":"`, ErrDamaged, "the save is damaged: it ends early, after 50 bytes"},
		{"other", `{"format":"something-else","version":1}`, ErrNotSave, `not a Deconflict save: the file's format is "something-else"`},
		{"newer", `{"format":"deconflict-save","version":99}`, ErrNotSave, "it is a version 99 save and this game reads version 1"},
		{"replay", replayFile, ErrNotSave, "not a Deconflict save: it is a replay; check it with deconflict-sim replay"},
		// head -c -40 save.json: the save's start names a replay too, but
		// this is a save cut short
		{"truncated", string(good[:len(good)-40]), ErrDamaged, fmt.Sprintf("the save is damaged: it ends early, after %d bytes", len(good)-40)},
		{"truncated to its header", string(good[:40]), ErrDamaged, "the save is damaged: it ends early, after 40 bytes"},
		{"tampered replay", strings.Replace(string(good), `\"hash\":\"`, `\"hash\":\"zz`, 1), ErrDamaged,
			"the save is damaged: the turns it records do not read: read replay: line 2: turn 0: hash"},
		{"tampered JSON", strings.Replace(string(good), `"view": {`, `"view": {,`, 1), ErrDamaged, "the save is damaged: it was altered at byte"},
		{"tampered type", strings.Replace(string(good), `"version": 1`, `"version": "1"`, 1), ErrDamaged, `the save is damaged: field "version" holds a JSON string`},
		{"trailing data", string(good) + "}", ErrDamaged, fmt.Sprintf("the save is damaged: it goes on after its end, at byte %d", len(good)-1)},
		{"tampered partial order", strings.Replace(string(good), `"view"`, `"partial": [{"turn": 0, "step": "x", "actor": "usa"}], "view"`, 1), ErrDamaged,
			"the save is damaged: order 1 of the unfinished turn is not a valid order"},
		{"oversized", string(good) + strings.Repeat(" ", MaxSize), ErrNotSave, "not a Deconflict save: the file is 64.0 MiB; the limit is 64 MiB"},
	}
	for _, c := range cases {
		_, err := Decode([]byte(c.data))
		if !errors.Is(err, c.kind) || err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %v with %q", c.name, err, c.kind, c.want)
		}
	}
}

// TestTamperedHashIsFoundOnResume: a save whose recorded state hash was
// changed (still well formed) reads, but resuming it names the turn whose
// state differs from the recording.
func TestTamperedHashIsFoundOnResume(t *testing.T) {
	g, err := FromSession(midGame(t, 4), nil, View{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	g.Replay.Hashes[2] ^= 1
	data, err := Encode(g)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	_, err = back.Resume()
	if err == nil || !strings.Contains(err.Error(), "replay the saved game: turn 2 ends with state") {
		t.Fatalf("resuming a tampered save: %v", err)
	}
}

// TestEncodeAndDecodeLimitsAgree: a save of n bytes is written and read
// under a limit of n bytes, and refused by both one byte below: a save too
// large to be read back is never written.
func TestEncodeAndDecodeLimitsAgree(t *testing.T) {
	g, err := FromSession(midGame(t, 2), nil, View{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	data, err := Encode(g)
	if err != nil {
		t.Fatal(err)
	}
	n := len(data)
	if again, err := encode(g, n); err != nil || !bytes.Equal(again, data) {
		t.Fatalf("encode at the limit: %v", err)
	}
	if _, err := decode("the save", data, n); err != nil {
		t.Fatalf("decode at the limit: %v", err)
	}
	if _, err := encode(g, n-1); err == nil || !strings.Contains(err.Error(), "the game is too long to save") {
		t.Fatalf("encode over the limit: %v", err)
	}
	if _, err := decode("the save", data, n-1); !errors.Is(err, ErrNotSave) {
		t.Fatalf("decode over the limit: %v", err)
	}
}

// TestSaveOfAnotherEngineVersion: a save of another engine version is
// refused, naming the file and both versions.
func TestSaveOfAnotherEngineVersion(t *testing.T) {
	g, err := FromSession(midGame(t, 2), nil, View{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	g.Replay.Engine = "0.9.0"
	path := filepath.Join(t.TempDir(), "game.json")
	if err := (Store{}).Write(path, g); err != nil {
		t.Fatal(err)
	}
	_, err = Read(path)
	var ve *sim.VersionError
	want := "game.json was saved by engine 0.9.0; this is engine " + sim.Version + ": load it with that version"
	if !errors.As(err, &ve) || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
}

// TestReadRefusesWhatIsNotASaveFile: what sits in the save folder under a
// save's name but is a FIFO, a link to an endless device or a huge file is
// refused at once, without blocking and without reading it.
func TestReadRefusesWhatIsNotASaveFile(t *testing.T) {
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	huge := filepath.Join(dir, "huge.json")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 2<<30); err != nil {
		t.Skipf("cannot make a sparse 2 GiB file here: %v", err)
	}
	cases := map[string]string{
		zero: "zero.json: cannot read the save: not a regular file: it is a character device",
		huge: "huge.json: not a Deconflict save: the file is 2048 MiB; the limit is 64 MiB",
		dir:  "cannot read the save: not a regular file: it is a directory",
	}
	if fifo, ok := makeFIFO(t, dir); ok {
		cases[fifo] = "fifo.json: cannot read the save: not a regular file: it is a named pipe (FIFO)"
	}
	for path, want := range cases {
		done := make(chan error, 1)
		go func() {
			_, err := Read(path)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: got %v, want %q", filepath.Base(path), err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Read blocked", filepath.Base(path))
		}
	}
}

// FuzzDecode feeds the save decoder arbitrary bytes: it must never panic,
// every refusal must say what kind of file it saw, and what it accepts
// must survive another Encode and Decode unchanged.
func FuzzDecode(f *testing.F) {
	g, err := FromSession(midGame(f, 2), nil, View{LogFilter: "all"}, time.Unix(1700000000, 0))
	if err != nil {
		f.Fatal(err)
	}
	good, err := Encode(g)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	for _, n := range []int{0, 1, 20, 40, len(good) / 2, len(good) - 40, len(good) - 2} {
		f.Add(good[:n])
	}
	f.Add([]byte(`{"format":"deconflict-replay","version":1}` + "\n"))
	f.Add([]byte(`{"format":"deconflict-save","version":1,"replay":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Decode(data)
		if err != nil {
			var ve *sim.VersionError
			if !errors.Is(err, ErrNotSave) && !errors.Is(err, ErrDamaged) && !errors.As(err, &ve) {
				t.Fatalf("a refusal of no known kind: %v", err)
			}
			return
		}
		again, err := Encode(g)
		if err != nil {
			t.Fatalf("accepted a save Encode refuses: %v", err)
		}
		back, err := Decode(again)
		if err != nil {
			t.Fatalf("cannot read back what was written: %v", err)
		}
		if !reflect.DeepEqual(back.Replay, g.Replay) || !reflect.DeepEqual(back.Partial, g.Partial) || back.View != g.View || !back.Saved.Equal(g.Saved) {
			t.Fatal("round trip changed an accepted save")
		}
	})
}

func TestStoreFindsTheLatestAndPrunes(t *testing.T) {
	st := Store{Dir: t.TempDir(), Keep: 2}
	if _, ok := st.Latest(); ok {
		t.Fatal("latest save in an empty store")
	}
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var paths []string
	for i := range 4 {
		p := st.Name(base.Add(time.Duration(i)*time.Minute), "tanf-2021")
		if err := atomicfile.WriteFile(p, []byte("{}")); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, base.Add(time.Duration(i)*time.Hour), base.Add(time.Duration(i)*time.Hour))
		paths = append(paths, p)
	}
	// the file written last is the newest: its time, not its name, says so
	if got, ok := st.Latest(); !ok || got.Path != paths[3] || !got.Saved.Equal(base.Add(3*time.Hour)) {
		t.Errorf("Latest = %+v, want %s saved at %v", got, paths[3], base.Add(3*time.Hour))
	}
	stale := filepath.Join(st.Dir, ".x.json.123.tmp")
	os.WriteFile(stale, nil, 0o644)
	os.Chtimes(stale, base, base)
	st.Prune()
	left, _ := os.ReadDir(st.Dir)
	if len(left) != 2 || left[0].Name() != filepath.Base(paths[2]) {
		t.Errorf("after pruning: %v", left)
	}
}
