package session

import (
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/simtest"
)

// play steps the session to the end; the player answers with play.
func playOut(t *testing.T, s *Session, play func(*Session)) {
	t.Helper()
	for range 100000 {
		ev, err := s.Step()
		if err != nil {
			t.Fatalf("step: %v", err)
		}
		switch ev {
		case Ended:
			return
		case Waited:
			play(s)
		}
	}
	t.Fatal("the run did not end")
}

func TestSpectatorGameMatchesRunner(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	for _, seed := range []uint64{1, 7, 42} {
		s, err := New(sc, seed, Spectator, Live)
		if err != nil {
			t.Fatal(err)
		}
		playOut(t, s, func(*Session) { t.Fatal("a spectator was asked to decide") })
		want, err := runner.NewDriver(sc).Run(seed, runner.Options{Record: true, Log: true})
		if err != nil {
			t.Fatal(err)
		}
		if s.Hash() != want.FinalHash || len(s.Orders()) != len(want.Orders) || len(s.Log()) != len(want.Log) {
			t.Errorf("seed %d: game ends %s with %d orders and %d log entries, runner %s with %d and %d",
				seed, s.Hash(), len(s.Orders()), len(s.Log()), want.FinalHash, len(want.Orders), len(want.Log))
		}
		if got := s.Series(); len(got) != int(want.Turns)+1 || got[0].Turns != 0 || got[len(got)-1].Turns != want.Turns {
			t.Errorf("seed %d: %d samples for %d turns", seed, len(got), want.Turns)
		}
	}
}

// humanUS answers like a cautious player: denies requests, evacuates when
// warned, stays silent after attacks, and sends a private message now and then.
func humanUS(t *testing.T) func(*Session) {
	return func(s *Session) {
		obs := s.Observation()
		for _, d := range obs.Decisions {
			o := sim.DefaultOrder(d)
			if d.Kind == sim.DecideRequest {
				o.Kind = sim.OrderDeny
			}
			if err := s.Apply(o); err != nil {
				t.Fatalf("apply %s: %v", o.Kind, err)
			}
		}
		if s.Turn()%40 == 5 { // now and then, past the cool-down
			if err := s.Apply(sim.Order{Kind: sim.OrderPrivateMessage}); err != nil {
				t.Fatalf("private message: %v", err)
			}
		}
		if s.Waiting() {
			t.Fatal("still waiting after answering every decision")
		}
	}
}

func TestPlayerGameIsAReplay(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	s, err := New(sc, 3, sim.USA, Live)
	if err != nil {
		t.Fatal(err)
	}
	waits := 0
	play := humanUS(t)
	playOut(t, s, func(s *Session) { waits++; play(s) })
	if waits == 0 {
		t.Fatal("the US player never had to decide")
	}
	res, partial, err := s.Snapshot().Recording()
	if err != nil {
		t.Fatal(err)
	}
	if res.FinalHash != s.Hash() || len(partial) != 0 || len(res.Orders) != len(s.Orders()) {
		t.Errorf("replay ends %s with %d orders (%d partial), game %s with %d", res.FinalHash, len(res.Orders), len(partial), s.Hash(), len(s.Orders()))
	}
	w, err := NewWatch(sc, 3, sim.USA, s.Orders())
	if err != nil {
		t.Fatal(err)
	}
	playOut(t, w, func(*Session) { t.Fatal("a replay waited for the player") })
	if w.Hash() != s.Hash() {
		t.Errorf("watched replay ends %s, game %s", w.Hash(), s.Hash())
	}
	if err := w.Apply(sim.Order{Kind: sim.OrderPrivateMessage}); err == nil {
		t.Error("a replay took an order")
	}
}

func TestResumeContinuesTheSameGame(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	play := humanUS(t)
	full, err := New(sc, 5, sim.USA, Live)
	if err != nil {
		t.Fatal(err)
	}
	var saved *Session
	var savedOrders []sim.Recorded
	var savedHashes []sim.Hash
	var savedTurns int32
	for !full.Over() {
		ev, err := full.Step()
		if err != nil {
			t.Fatal(err)
		}
		if ev == Waited {
			play(full)
		}
		if ev == TurnDone && full.Turn() == 12 {
			res, partial, err := full.Snapshot().Recording()
			if err != nil {
				t.Fatal(err)
			}
			savedOrders = append(append([]sim.Recorded(nil), res.Orders...), partial...)
			savedHashes, savedTurns = res.Hashes, full.Turn()
		}
	}
	saved, err = Resume(sc, 5, sim.USA, savedOrders, savedHashes, savedTurns)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Turn() != savedTurns {
		t.Errorf("resumed at turn %d, saved at %d", saved.Turn(), savedTurns)
	}
	playOut(t, saved, play)
	if saved.Hash() != full.Hash() {
		t.Errorf("resumed game ends %s, the uninterrupted one %s", saved.Hash(), full.Hash())
	}

	tampered := append([]sim.Recorded(nil), savedOrders...)
	for i := range tampered {
		if tampered[i].Actor == sim.USA && tampered[i].Order.Kind == sim.OrderDeny {
			tampered[i].Order.Kind = sim.OrderApprove
			break
		}
	}
	if _, err := Resume(sc, 5, sim.USA, tampered, savedHashes, savedTurns); err == nil {
		t.Error("a tampered recording resumed without error")
	}
}

func TestAnswerRestClosesEveryDecision(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	s, err := New(sc, 1, sim.USA, Live)
	if err != nil {
		t.Fatal(err)
	}
	for !s.Waiting() {
		if ev, err := s.Step(); err != nil || ev == Ended {
			t.Fatalf("no US decision before the end (%v)", err)
		}
	}
	if err := s.AnswerRest(); err != nil {
		t.Fatal(err)
	}
	if s.Waiting() || len(s.Observation().Decisions) != 0 {
		t.Errorf("decisions still open after AnswerRest: %+v", s.Observation().Decisions)
	}
	if _, _, err := s.Snapshot().Recording(); err != nil && s.Turn() > 0 {
		t.Errorf("Recording: %v", err)
	}
}

// An order the player gives shows in the log at once, before the run moves
// on, so the player sees it was taken.
func TestAppliedOrderLogsAtOnce(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	s, err := New(sc, 1, sim.USA, Live)
	if err != nil {
		t.Fatal(err)
	}
	before := len(s.Log())
	if err := s.Apply(sim.Order{Kind: sim.OrderPrivateMessage}); err != nil {
		t.Fatal(err)
	}
	log := s.Log()
	if len(log) != before+1 || log[len(log)-1].Kind != sim.LogPrivateMessage {
		t.Fatalf("log after the order: %+v", log[before:])
	}
}

// An order the player gives before the first step is part of the game a
// watched replay shows: the replay gives it at the same first stop.
func TestWatchReplaysAnOrderBeforeTheFirstStep(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	s, err := New(sc, 2, sim.USA, Live)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(sim.Order{Kind: sim.OrderPrivateMessage}); err != nil {
		t.Fatal(err)
	}
	playOut(t, s, func(s *Session) {
		if err := s.AnswerRest(); err != nil {
			t.Fatal(err)
		}
	})
	w, err := NewWatch(sc, 2, sim.USA, s.Orders())
	if err != nil {
		t.Fatal(err)
	}
	playOut(t, w, func(*Session) { t.Fatal("a replay waited for the player") })
	if w.Hash() != s.Hash() || len(w.Orders()) != len(s.Orders()) {
		t.Errorf("watched replay ends %s with %d orders, game %s with %d", w.Hash(), len(w.Orders()), s.Hash(), len(s.Orders()))
	}
}

// A resumed game's log holds the entries of the orders replayed at its
// last stop (a halt called just before saving shows at once).
func TestResumeShowsTheLastOrdersEntries(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	s, err := New(sc, 1, sim.USA, Live)
	if err != nil {
		t.Fatal(err)
	}
	firstWait(t, s)
	if err := s.Apply(sim.Order{Kind: sim.OrderHalt, Site: sc.SiteIndex("tanf"), Radius: 50_000, Days: 2}); err != nil {
		t.Fatal(err)
	}
	r, err := Resume(sc, 1, sim.USA, s.Orders(), nil, s.Turn())
	if err != nil {
		t.Fatal(err)
	}
	halts := 0
	for _, e := range r.Log() {
		if e.Kind == sim.LogHalt && e.Turn == s.Turn() {
			halts++
		}
	}
	if halts != 1 {
		t.Errorf("the resumed log has %d halt entries of turn %d, want 1", halts, s.Turn())
	}
}

// firstWait steps a live session to the role's first open decision.
func firstWait(t *testing.T, s *Session) {
	t.Helper()
	for range 10000 {
		ev, err := s.Step()
		if err != nil {
			t.Fatal(err)
		}
		if ev == Waited {
			return
		}
		if ev == Ended {
			t.Fatal("the run ended before the role decided anything")
		}
	}
	t.Fatal("no decision came")
}

// finishTurn answers the rest by default and steps to the end of the turn.
func finishTurn(t *testing.T, s *Session) {
	t.Helper()
	if err := s.AnswerRest(); err != nil {
		t.Fatal(err)
	}
	for range 10000 {
		ev, err := s.Step()
		if err != nil {
			t.Fatal(err)
		}
		if ev == Waited {
			if err := s.AnswerRest(); err != nil {
				t.Fatal(err)
			}
		}
		if ev == TurnDone || ev == Ended {
			return
		}
	}
	t.Fatal("the turn never ended")
}

// choices are the enabled answers of the first open decision, by the
// orders the engine allows for it.
func choices(t *testing.T, s *Session) []sim.Order {
	t.Helper()
	var d sim.Decision
	for _, x := range s.Observation().Decisions {
		d = x
		break
	}
	var out []sim.Order
	for _, k := range sim.Allowed(d.Kind) {
		// an order on a site (evacuate, harden) names it: the first that is valid
		for site := int32(-1); site < int32(len(s.Scenario().Sites)); site++ {
			o := sim.Order{Kind: k, Decision: d.ID, Site: site}
			if s.Check(o) == nil {
				out = append(out, o)
				break
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("decision %s has no answer", d.Kind)
	}
	return out
}

// Undoing an answer and choosing another gives the game (hash, orders,
// log) of choosing the other directly; undoing the whole turn goes back to
// its start.
func TestUndoThenChooseIsChoosing(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	for seed := uint64(1); seed <= 3; seed++ {
		direct, err := New(sc, seed, sim.USA, Live)
		if err != nil {
			t.Fatal(err)
		}
		undone, _ := New(sc, seed, sim.USA, Live)
		firstWait(t, direct)
		firstWait(t, undone)
		opts := choices(t, direct)
		if len(opts) < 2 {
			t.Fatalf("decision has %d answers, want two to choose between", len(opts))
		}
		first, other := opts[0], opts[len(opts)-1]
		waitHash, waitLog, waitOrders := undone.Hash(), len(undone.Log()), len(undone.Orders())
		if err := undone.Apply(first); err != nil {
			t.Fatal(err)
		}
		if undone.Undoable() != 1 {
			t.Fatalf("after one answer %d orders can be undone, want 1", undone.Undoable())
		}
		if err := undone.Undo(1); err != nil {
			t.Fatal(err)
		}
		if undone.Hash() != waitHash || len(undone.Log()) != waitLog || len(undone.Orders()) != waitOrders || !undone.Waiting() {
			t.Fatalf("seed %d: undo left hash %s (want %s), %d log entries (want %d), %d orders (want %d), waiting %v",
				seed, undone.Hash(), waitHash, len(undone.Log()), waitLog, len(undone.Orders()), waitOrders, undone.Waiting())
		}
		if err := undone.Apply(other); err != nil {
			t.Fatal(err)
		}
		if err := direct.Apply(other); err != nil {
			t.Fatal(err)
		}
		undone.Commit() // the player ends the turn
		ended := len(undone.Orders())
		finishTurn(t, undone)
		finishTurn(t, direct)
		if undone.Hash() != direct.Hash() || len(undone.Orders()) != len(direct.Orders()) || len(undone.Log()) != len(direct.Log()) {
			t.Fatalf("seed %d: undo then choose ends the turn with %s, choosing directly with %s", seed, undone.Hash(), direct.Hash())
		}
		// once the player has ended the turn, its orders stand: only answers
		// to decisions that came up later in the turn can be taken back
		later := 0
		for _, r := range undone.Orders()[ended:] {
			if r.Actor == sim.USA {
				later++
			}
		}
		if undone.Undoable() != later || undone.Undo(later+1) == nil {
			t.Errorf("seed %d: %d orders can be undone, %d given since the turn was ended", seed, undone.Undoable(), later)
		}
	}
}

// Undo back to the start of the turn takes every answer of the turn back.
func TestUndoWholeTurn(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	s, err := New(sc, 2, sim.USA, Live)
	if err != nil {
		t.Fatal(err)
	}
	firstWait(t, s)
	hash := s.Hash()
	n := 0
	for s.Waiting() {
		if err := s.Apply(choices(t, s)[0]); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if s.Undoable() != n {
		t.Fatalf("%d answers given, %d undoable", n, s.Undoable())
	}
	if err := s.Undo(n + 1); err == nil {
		t.Error("undid more orders than were given")
	}
	if err := s.Undo(n); err != nil {
		t.Fatal(err)
	}
	if s.Hash() != hash || !s.Waiting() {
		t.Errorf("after undoing the turn: hash %s, want %s; waiting %v", s.Hash(), hash, s.Waiting())
	}
}

// A resumed game's log holds the entries of the orders replayed at its

// PlayedTo (the capture's --turns N) lands on turn index N, whether or not
// the role has a decision in it: at that decision when it has one, at the
// turn's start otherwise, never ending the turn for the player. In
// tanf-2021 the US has no decision on some early turns, which once carried
// the capture on to the next turn (--turns 1 showed turn 3).
func TestPlayedToLandsOnTheTurnAskedFor(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	waiting, idle := 0, 0
	for seed := uint64(1); seed <= 3; seed++ {
		for n := int32(0); n <= 6; n++ {
			s, err := PlayedTo(sc, seed, sim.USA, n, true)
			if err != nil {
				t.Fatal(err)
			}
			if s.Turn() != n || s.Mode() != Live {
				t.Fatalf("seed %d, --turns %d: on turn index %d in mode %v, want %d, live", seed, n, s.Turn(), s.Mode(), n)
			}
			if s.Waiting() {
				waiting++
			} else {
				idle++
			}
		}
	}
	// both ways of landing were exercised
	if waiting == 0 || idle == 0 {
		t.Fatalf("%d landings at a decision, %d at a turn's start: the test covers only one", waiting, idle)
	}
}

// A hot-seat game whose seats each answer with their role's AI policy is
// the run the AI plays alone: the oracle is the runner's final hash. The
// screen is always the answering seat's: its observation, its decisions;
// both seats get a turn.
func TestHotSeatPassesToTheSeatThatAnswers(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	const seed = 5
	s, err := NewHotSeat(sc, seed, []sim.Actor{sim.USA, sim.Israel})
	if err != nil {
		t.Fatal(err)
	}
	policies, err := runner.Policies(sc, seed)
	if err != nil {
		t.Fatal(err)
	}
	turns := map[sim.Actor]int{}
	playOut(t, s, func(s *Session) {
		obs := s.Observation()
		if obs.Actor != s.Role() || len(obs.Decisions) == 0 {
			t.Fatalf("turn %d: the screen shows %s's observation with %d decisions, the seat is %s", s.Turn(), obs.Actor, len(obs.Decisions), s.Role())
		}
		turns[s.Role()]++
		for _, o := range policies[s.Role()].Decide(obs, nil) {
			if err := s.Apply(o); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AnswerRest(); err != nil {
			t.Fatal(err)
		}
	})
	if turns[sim.USA] == 0 || turns[sim.Israel] == 0 {
		t.Fatalf("turns taken: %v, want both seats", turns)
	}
	want, err := runner.NewDriver(sc).Run(seed, runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Hash() != want.FinalHash {
		t.Fatalf("the hot-seat game ends %s, the AI's run %s", s.Hash(), want.FinalHash)
	}
}

// A hot seat takes two or more distinct actors.
func TestHotSeatRefusesBadSeats(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	for _, seats := range [][]sim.Actor{{sim.USA}, {sim.USA, sim.USA}, {sim.USA, sim.NoActor}} {
		if _, err := NewHotSeat(sc, 1, seats); err == nil {
			t.Errorf("seats %v: no error", seats)
		}
	}
}

// At a hot seat, a player cannot undo past another seat's order: undoing
// would take the other player's answer back too.
func TestHotSeatUndoStopsAtAnotherSeat(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	s, err := NewHotSeat(sc, 5, []sim.Actor{sim.USA, sim.Israel})
	if err != nil {
		t.Fatal(err)
	}
	// Both seats answer, by default, until the us seat has answered and
	// israel has answered after it (nothing is committed).
	usAnswered := false
	for range 10000 {
		ev, err := s.Step()
		if err != nil || ev == Ended {
			t.Fatalf("step: %v %v", ev, err)
		}
		if !s.Waiting() {
			continue
		}
		role := s.Role()
		if err := s.AnswerRest(); err != nil {
			t.Fatal(err)
		}
		if role == sim.USA {
			usAnswered = true
		}
		if role == sim.Israel && usAnswered {
			break
		}
	}
	if !usAnswered {
		t.Fatal("the us seat never answered")
	}
	last := s.Orders()[len(s.Orders())-1]
	if last.Actor != sim.Israel {
		t.Fatalf("the last order is %s's", last.Actor)
	}
	s.role = sim.Israel
	if s.Undoable() == 0 {
		t.Fatal("israel cannot undo its own answer")
	}
	s.role = sim.USA // the us seat, had it the screen: israel answered after it
	if n := s.Undoable(); n != 0 {
		t.Fatalf("the us seat could undo %d orders past israel's", n)
	}
}
