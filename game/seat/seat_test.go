package seat

import (
	"bufio"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/deconflict/deconflict/game/netclient"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/internal/buildtest"
	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/simtest"
)

// simBin is deconflict-sim, built once by TestMain: the tests play against
// the real server, as a player would.
var simBin string

func TestMain(m *testing.M) {
	buildtest.Main(m, "github.com/deconflict/deconflict/cmd/deconflict-sim", &simBin)
}

// serve runs `deconflict-sim serve` with args in a new directory and
// returns its address and seat codes.
func serve(t *testing.T, args ...string) (string, map[string]string) {
	t.Helper()
	_, addr, codes := start(t, append([]string{"--addr", "127.0.0.1:0", "--dir", filepath.Join(t.TempDir(), "game")}, args...)...)
	return addr, codes
}

// start runs `deconflict-sim serve` with args and returns it, its address
// and its seat codes.
func start(t *testing.T, args ...string) (*exec.Cmd, string, map[string]string) {
	t.Helper()
	if !slices.Contains(args, "--addr") {
		args = append(args, "--addr", "127.0.0.1:0")
	}
	cmd := exec.Command(simBin, append([]string{"serve"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	addr, codes := netproto.ReadBanner(sc)
	if addr == "" {
		t.Fatalf("serve printed no address: %v", sc.Err())
	}
	go func() {
		for sc.Scan() {
		}
	}()
	return cmd, addr, codes
}

// open joins a seat and waits for its session.
func open(t *testing.T, addr, code string) *Session {
	t.Helper()
	c := netclient.Dial(addr, code)
	deadline := time.Now().Add(30 * time.Second)
	for {
		s, err := New(c)
		if err == nil {
			t.Cleanup(s.Close)
			return s
		}
		if !errors.Is(err, ErrNotReady) || time.Now().After(deadline) {
			c.Close()
			t.Fatalf("the seat's session: %v (status %+v)", err, c.Status())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// stepUntil steps the session until ok, or fails after 30 s.
func stepUntil(t *testing.T, s *Session, what string, ok func(session.Event) bool) session.Event {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ev, err := s.Step()
		if err != nil {
			t.Fatal(err)
		}
		if ok(ev) {
			return ev
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 30 s for %s; status %+v", what, s.Status())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSeatSeesWhatALocalGameShows plays the israel seat of a tanf-2021 game
// served with seats israel and usa. The oracle is the engine run here with
// the same scenario and seed, israel and usa left to answer: at the first
// stop where israel must answer, the seat's observation, its previews
// and the log it shows must be the local engine's for israel, and an order
// the seat sends must be given in israel's name.
func TestSeatSeesWhatALocalGameShows(t *testing.T) {
	addr, codes := serve(t, "--scenario", "tanf-2021", "--seed", "3", "--seats", "israel,usa")
	is := open(t, addr, codes["israel"])
	if is.Role() != sim.Israel || is.Scenario().ID != "tanf-2021" {
		t.Fatalf("role %v, scenario %s", is.Role(), is.Scenario().ID)
	}
	// The game starts when every seat has joined: before, it waits for usa.
	if is.Waiting() {
		t.Fatal("the seat is asked to answer before every seat has joined")
	}
	if msg, _ := is.Situation(); msg != "The game waits for usa (not connected)." {
		t.Fatalf("situation %q", msg)
	}
	us := open(t, addr, codes["usa"])
	stepUntil(t, is, "israel's turn", func(ev session.Event) bool { return ev == session.Waited })

	sc := simtest.Embedded(t, "tanf-2021")
	loop := runner.Loop{Engine: sim.New(sc, 3), KeepLog: true}
	loop.Engine.SetLogging(true)
	var err error
	if loop.Policies, err = runner.Policies(sc, 3); err != nil {
		t.Fatal(err)
	}
	loop.Seats[sim.Israel], loop.Seats[sim.USA] = runner.SeatPlayer, runner.SeatPlayer
	for !loop.Engine.HasOpen(sim.Israel) {
		if _, err := loop.Step(); err != nil {
			t.Fatal(err)
		}
		if err := loop.Answer(); err != nil {
			t.Fatal(err)
		}
		if loop.Engine.HasOpen(sim.USA) {
			t.Fatal("the local run asks usa first: the test expects israel")
		}
	}
	var want sim.Observation
	loop.Engine.Observe(sim.Israel, &want)
	got := is.Observation()
	if got.Turn != want.Turn || got.Step != want.Step || len(got.Decisions) != len(want.Decisions) || len(got.Targets) != len(want.Targets) ||
		got.Decisions[0] != want.Decisions[0] || got.Scenario != is.Scenario() {
		t.Fatalf("the seat's observation: turn %d step %v, %d decisions, %d targets; the local engine's: turn %d step %v, %d decisions, %d targets",
			got.Turn, got.Step, len(got.Decisions), len(got.Targets), want.Turn, want.Step, len(want.Decisions), len(want.Targets))
	}
	var wantLog []sim.Entry
	for _, e := range loop.Log {
		if e.SeenBy(sim.Israel) {
			wantLog = append(wantLog, e)
		}
	}
	if len(is.Log()) != len(wantLog) || len(wantLog) > 0 && is.Log()[len(wantLog)-1] != wantLog[len(wantLog)-1] {
		t.Fatalf("the seat's log has %d entries, israel's in the local run %d", len(is.Log()), len(wantLog))
	}

	// israel's objectives read as the local engine judges them (tanf-2021's
	// are over the whole run: trust, targets hit, aircraft lost)
	for i, o := range sc.Objectives {
		if o.Role == sim.Israel && is.ObjectiveValue(i) != loop.Engine.ObjectiveValue(i) {
			t.Errorf("objective %s reads %d at the seat, %d in the local engine", o.ID, is.ObjectiveValue(i), loop.Engine.ObjectiveValue(i))
		}
	}

	// A strike on the first target by its first route, previewed by the
	// server, as the local engine previews it.
	tv := want.Targets[0]
	o := sim.Order{Kind: sim.OrderStrike, Decision: want.Decisions[0].ID, Target: tv.Target, Route: want.Options[tv.First].Route,
		Package: sim.PackageMedium, Notice: sim.NoticeStandard}
	wantPv, err := loop.Engine.Preview(sim.Israel, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := is.Preview(o); !errors.Is(err, session.ErrPreviewPending) {
		t.Fatalf("the first preview: %v, want session.ErrPreviewPending", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	rev := is.Revision()
	for is.Revision() == rev && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	pv, err := is.Preview(o)
	if err != nil || len(pv.Lines) != len(wantPv.Lines) || len(pv.Lines) == 0 || pv.Lines[0].After != wantPv.Lines[0].After {
		t.Fatalf("the server's preview %+v (%v), the local engine's %+v", pv, err, wantPv)
	}
	if err := is.Check(sim.Order{Kind: sim.OrderStrike, Decision: want.Decisions[0].ID, Target: tv.Target, Route: 1 << 20}); err != nil {
		t.Fatalf("a check before the server's answer: %v, want nil", err)
	}

	// An order the server refuses holds the seat's orders until the
	// refusal comes, then the decisions stand as they were.
	bad := o
	bad.Route = 1 << 20
	if err := is.Apply(bad); err != nil {
		t.Fatal(err)
	}
	if err := is.Check(o); err == nil {
		t.Fatal("an order can be given before the server has answered the last")
	}
	stepUntil(t, is, "the refusal", func(session.Event) bool { return is.Check(o) == nil })
	if n := is.Status().Notice; !strings.Contains(n, "route") {
		t.Fatalf("the server's refusal %q names no route", n)
	}
	// The good order goes to the server, which plans the strike in israel's
	// name: the next observation shows its mission.
	if err := is.Apply(o); err != nil {
		t.Fatal(err)
	}
	if err := is.Apply(o); err == nil {
		t.Fatal("an order was sent before the server answered the last")
	}
	stepUntil(t, is, "the planned mission", func(session.Event) bool { return len(is.Observation().Missions) > 0 })
	if m := is.Observation().Missions[0]; m.Target != o.Target || m.Route != o.Route {
		t.Fatalf("the mission planned %+v, the order %+v", m, o)
	}
	if err := is.AnswerRest(); err != nil {
		t.Fatal(err)
	}
	stepUntil(t, is, "the game to move on", func(session.Event) bool { return is.Observation().Step != want.Step || is.Turn() != want.Turn })
	for _, e := range us.Log() {
		if !e.SeenBy(sim.USA) {
			t.Fatalf("the usa seat was sent a %v entry", e.Kind)
		}
	}
	if n := is.Undoable(); n != 0 || is.Undo(1) == nil {
		t.Fatal("a served game's order can be taken back")
	}
}

// TestSeatPlaysOnThroughARestartedServer kills the server with SIGKILL while
// israel is to answer and starts it again on its directory: the seat says
// the server is gone, reconnects on its own, and an order it then sends is
// given, as the next observation shows.
func TestSeatPlaysOnThroughARestartedServer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "game")
	cmd, addr, codes := start(t, "--scenario", "tanf-2021", "--seed", "3", "--seats", "israel", "--dir", dir)
	is := open(t, addr, codes["israel"])
	stepUntil(t, is, "israel's turn", func(ev session.Event) bool { return ev == session.Waited })
	cmd.Process.Kill()
	cmd.Wait()
	stepUntil(t, is, "the server gone", func(session.Event) bool { _, bad := is.Situation(); return bad })
	start(t, "--addr", addr, "--dir", dir)
	stepUntil(t, is, "the server back", func(session.Event) bool { return is.Status().Connected })
	if !is.Waiting() {
		t.Fatal("the resumed game does not wait for israel")
	}
	want := is.Observation()
	tv := want.Targets[0]
	o := sim.Order{Kind: sim.OrderStrike, Decision: want.Decisions[0].ID, Target: tv.Target, Route: want.Options[tv.First].Route,
		Package: sim.PackageMedium, Notice: sim.NoticeStandard}
	// the resumed server previews as the first did
	stepUntil(t, is, "a preview from the resumed server", func(session.Event) bool {
		pv, err := is.Preview(o)
		return err == nil && len(pv.Lines) > 0
	})
	if err := is.Apply(o); err != nil {
		t.Fatal(err)
	}
	stepUntil(t, is, "the planned mission", func(session.Event) bool { return len(is.Observation().Missions) > 0 })
}

// screen steps a session as the play screen does, every few milliseconds,
// and makes its cards and free orders again whenever the session's
// revision changes, which asks for their previews.
type screen struct {
	s     *Session
	mu    sync.Mutex
	cards []view.Card
	rev   int64
}

func (sc *screen) frame() {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.s.Step()
	if rev := sc.s.Revision(); rev != sc.rev || sc.cards == nil {
		sc.rev = rev
		obs := sc.s.Observation()
		sc.cards = view.BuildCards(obs, sc.s, view.CardOptions{Package: sim.PackageMedium, Notice: sim.NoticeStandard}, sc.s.Log())
		view.FreeOrders(obs, sc.s, -1)
	}
}

// with runs f with the screen's session, between frames.
func (sc *screen) with(f func(s *Session)) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	f(sc.s)
}

// show runs the screens' frames until the test ends.
func show(t *testing.T, screens ...*screen) {
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			for _, sc := range screens {
				sc.frame()
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
}

// TestReviewCardsGetTheirPreviews plays a tanf-2021 game served with seats
// usa, israel and iran (iran joined by deconflict-sim join) with the usa
// and israel seats on screens that ask for their previews as the play
// screen does. Israel plans strikes through a US deconfliction zone, which
// come to the US for review: every choice of every review card on the US
// screen must get its preview from the server (not an error, not pending)
// within a generous wait, though both screens keep asking for previews and
// orders keep coming.
func TestReviewCardsGetTheirPreviews(t *testing.T) {
	addr, codes := serve(t, "--scenario", "tanf-2021", "--seed", "3", "--seats", "usa,israel,iran", "--turn-timeout", "60s")
	iran := exec.Command(simBin, "join", addr, "--code", codes["iran"])
	if err := iran.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { iran.Process.Kill(); iran.Wait() })
	us, is := &screen{s: open(t, addr, codes["usa"])}, &screen{s: open(t, addr, codes["israel"])}
	show(t, us, is)
	wait(t, "israel's turn to plan", func() bool { ok := false; is.with(func(s *Session) { ok = s.Waiting() }); return ok })

	// Two strikes whose routes cross a US zone, one after the other (each
	// a new observation for every seat), then israel's turn ends.
	planned := 0
	for planned < 2 {
		var err error
		is.with(func(s *Session) {
			obs := s.Observation()
			plan := slices.IndexFunc(obs.Decisions, func(d sim.Decision) bool { return d.Kind == sim.DecidePlan })
			if plan < 0 {
				t.Fatalf("israel has no plan decision at turn %d", obs.Turn)
			}
			for _, tv := range obs.Targets[planned:] {
				for _, op := range obs.Options[tv.First : tv.First+tv.Count] {
					if op.Reasons&sim.ReasonZone != 0 {
						err = s.Apply(sim.Order{Kind: sim.OrderStrike, Decision: obs.Decisions[plan].ID, Target: tv.Target, Route: op.Route,
							Package: sim.PackageMedium, Notice: sim.NoticeStandard})
						planned++
						return
					}
				}
			}
			t.Fatalf("israel has no strike through a US zone left at turn %d", obs.Turn)
		})
		if err != nil {
			t.Fatal(err)
		}
		wait(t, "the planned mission", func() bool {
			n := 0
			is.with(func(s *Session) { n = len(s.Observation().Missions) })
			return n >= planned
		})
	}
	is.with(func(s *Session) {
		if err := s.AnswerRest(); err != nil {
			t.Fatal(err)
		}
	})

	asked := time.Time{}
	wait(t, "every review card's previews on the US screen", func() bool {
		reviews, ready := 0, true
		us.with(func(s *Session) {
			for _, c := range us.cards {
				if c.Decision.Kind != sim.DecideRequest {
					continue
				}
				reviews++
				for _, ch := range c.Choices {
					if _, err := s.Preview(ch.Order); err != nil {
						ready = false
						if !errors.Is(err, session.ErrPreviewPending) {
							t.Fatalf("the preview of %q on %q: %v", ch.Label, c.Title, err)
						}
					}
				}
			}
		})
		if reviews > 0 && asked.IsZero() {
			asked = time.Now()
		}
		return reviews >= 2 && ready
	})
	t.Logf("every review card's previews came %v after the cards", time.Since(asked))

	// The US approves the first request: the observation that shows it
	// answered is a new state, whose previews the other card gets again.
	var left int32
	us.with(func(s *Session) {
		first := us.cards[slices.IndexFunc(us.cards, func(c view.Card) bool { return c.Decision.Kind == sim.DecideRequest })]
		if err := s.Apply(first.Choices[0].Order); err != nil {
			t.Fatal(err)
		}
		left = first.Decision.ID
	})
	wait(t, "the other review card's previews after the approval", func() bool {
		answered, ready := true, true
		us.with(func(s *Session) {
			for _, c := range us.cards {
				answered = answered && c.Decision.ID != left
				for _, ch := range c.Choices {
					if c.Decision.Kind == sim.DecideRequest {
						_, err := s.Preview(ch.Order)
						ready = ready && err == nil
					}
				}
			}
		})
		return answered && ready
	})
}

// TestPreviewsOutliveAnObservationThatShowsNothingNew serves tanf-2021 to an
// israel seat and an umpire. Once israel's screen has every preview of its
// plan card, the umpire pauses the game: the server sends israel an
// observation that differs only in saying so, and the previews, which
// depend on nothing it changed, are still there at once.
func TestPreviewsOutliveAnObservationThatShowsNothingNew(t *testing.T) {
	addr, codes := serve(t, "--scenario", "tanf-2021", "--seed", "3", "--seats", "israel,umpire")
	ump, _, err := websocket.Dial(context.Background(), "ws://"+addr+"/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	ump.SetReadLimit(64 << 20)
	t.Cleanup(func() { ump.CloseNow() })
	say := func(text string) {
		t.Helper()
		if err := ump.Write(context.Background(), websocket.MessageText, []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	say(`{"type":"hello","version":1,"code":"` + codes["umpire"] + `"}`)
	go func() { // the umpire reads what it is sent, so it is never dropped as too slow
		for {
			if _, _, err := ump.Read(context.Background()); err != nil {
				return
			}
		}
	}()
	// The screen's frames run here, so that nothing asks between the
	// observation's arrival and the check.
	is := &screen{s: open(t, addr, codes["israel"])}
	allIn := func() bool {
		n, ready := 0, true
		for _, c := range is.cards {
			for _, ch := range c.Choices {
				if ch.Disabled == "" {
					n++
					_, err := is.s.Preview(ch.Order)
					ready = ready && err == nil
				}
			}
		}
		return n > 0 && ready
	}
	wait(t, "israel's plan card with every preview", func() bool {
		is.frame()
		return is.s.Waiting() && allIn()
	})
	say(`{"type":"pause"}`)
	wait(t, "the observation that says the game is paused", func() bool {
		st := is.s.Status()
		return st.Observe != is.s.msg && st.Observe.Paused
	})
	if ev, err := is.s.Step(); err != nil || ev != session.Decided {
		t.Fatalf("the paused observation: %v, %v; want Decided", ev, err)
	}
	if !allIn() {
		t.Fatal("the previews were dropped for an observation that shows nothing new")
	}
}

// wait polls ok until it holds, or fails after 30 s.
func wait(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 30 s for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
