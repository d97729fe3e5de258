package save

import (
	"errors"
	"io"
	"os"
	"path/filepath"
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
func midGame(t *testing.T, turns int32) *session.Session {
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

func answer(t *testing.T, s *session.Session) {
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
	if err := Write(path, g); err != nil {
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
	if err := Write(path, g); err != nil {
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
	if _, err := Read(tmp); !errors.Is(err, ErrNotSave) {
		t.Errorf("reading the half-written file gave %v, want ErrNotSave", err)
	}
	if err := atomicfile.WriteFile(path, data); err != nil {
		t.Fatal(err)
	}
	if back, err := Read(path); err != nil || back.Turns() != 6 {
		t.Errorf("new save: %v", err)
	}
}

func TestForeignFilesAreRefusedClearly(t *testing.T) {
	g, err := FromSession(midGame(t, 2), nil, View{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	good, _ := Encode(g)
	var rp strings.Builder
	rp.WriteString(`{"format":"deconflict-replay","version":1}` + "\n")
	cases := map[string]string{
		"empty":   "",
		"binary":  "\x89PNG\r\n\x1a\n\x00\x00",
		"other":   `{"format":"something-else","version":1}`,
		"newer":   `{"format":"deconflict-save","version":99}`,
		"replay":  rp.String(),
		"cut":     string(good[:len(good)-40]),
		"damaged": strings.Replace(string(good), `\"hash\":\"`, `\"hash\":\"zz`, 1),
	}
	for name, data := range cases {
		_, err := Decode([]byte(data))
		if !errors.Is(err, ErrNotSave) {
			t.Errorf("%s: got %v, want ErrNotSave", name, err)
		}
	}
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
	if got, ok := st.Latest(); !ok || got != paths[3] {
		t.Errorf("Latest = %s, want %s", got, paths[3])
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
