package netplay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"slices"
	"time"

	"github.com/coder/websocket"

	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/replay"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
)

// seat is one player's place: a role (an actor, or the umpire) and its code.
type seat struct {
	role      string
	actor     sim.Actor // NoActor for the umpire
	code      string
	conns     map[*conn]bool
	connected bool // joined at least once since the server started, and still there
}

// input is something the game loop consumes: a journal entry (replayed or
// live) or a connection event. Only entries change the game.
type input struct {
	entry   *entry
	orders  []sim.Order // parsed orders of an orders entry
	from    *conn       // who sent it (nil for timers and replayed entries)
	join    bool        // from joined
	leave   bool        // from left
	timer   bool        // a turn timer fired
	preview *previewReq
}

type previewReq struct {
	id    int64
	order sim.Order
	role  string // the umpire's: a role it took over
}

// Game is one served game: the engine, the seats and the directory it is
// written to. Run drives it; every input passes through one goroutine, in
// the order the journal records, so a resumed game is the same game.
type Game struct {
	setup   *Setup
	sc      *sim.Scenario
	eng     *sim.Engine
	loop    runner.Loop // drives the engine: the AI answers through it, seats through Give
	obs     sim.Observation
	seats   []*seat
	byActor [sim.NumActors]*seat
	umpire  *seat
	ctrl    [sim.NumActors]string
	store   *store
	log     *log.Logger
	timeout time.Duration

	in      chan input
	pending []entry // journal entries still to replay
	started bool
	paused  bool
	stop    int64     // number of the current wait point
	waiting sim.Actor // the actor the game waits for, or NoActor
	suggest []sim.Order
	close   string // at the current wait: "" go on waiting, "defaults" or "ai"
	timer   *time.Timer
	fatal   error         // the game record cannot be written: the game stops
	done    chan struct{} // closed when Run returns

	hashes  []sim.Hash
	digests [][]byte
	over    bool
	changes []sim.Change // every recorded change of the talks, trust and ladders, for the seats' turn summaries
}

// NewSetup makes the setup of a new game with fresh seat codes.
func NewSetup(sc *sim.Scenario, seed uint64, overrides, roles []string, timeout time.Duration) (*Setup, error) {
	s := &Setup{Format: gameFormat, Version: 1, Engine: sim.Version, ScenarioID: sc.ID,
		Scenario: string(scenario.Canonical(sc)), Seed: seed, Overrides: append([]string{}, overrides...),
		TurnTimeoutMS: timeout.Milliseconds()}
	seen := map[string]bool{}
	for _, r := range roles {
		if r != netproto.Umpire {
			a, ok := sim.ParseActor(r)
			if !ok {
				return nil, fmt.Errorf("seat %q: not an actor id or %q", r, netproto.Umpire)
			}
			if !sc.Actors[a].Present || len(ai.Names(a)) == 0 {
				return nil, fmt.Errorf("seat %q: %s makes no decisions in scenario %s", r, a.Name(), sc.ID)
			}
		}
		if seen[r] {
			return nil, fmt.Errorf("seat %q given twice", r)
		}
		seen[r] = true
		code, err := NewCode()
		if err != nil {
			return nil, err
		}
		s.Seats = append(s.Seats, SeatCode{Role: r, Code: code})
	}
	if len(s.Seats) == 0 {
		return nil, errors.New("no seats")
	}
	return s, nil
}

// Open starts a game in dir: a new one from setup when dir holds none, else
// the one dir holds (setup is then ignored), replayed from its journal up to
// its last recorded input.
func Open(dir string, setup *Setup, logger *log.Logger) (*Game, error) {
	var st *store
	var pending []entry
	if Exists(dir) {
		s, err := LoadSetup(dir)
		if err != nil {
			return nil, err
		}
		if s.Engine != sim.Version {
			return nil, fmt.Errorf("resume: the game was played by engine %s, this is engine %s", s.Engine, sim.Version)
		}
		if pending, err = readJournal(dir); err != nil {
			return nil, err
		}
		if st, err = openJournal(dir); err != nil {
			return nil, err
		}
		setup = s
	} else {
		if setup == nil {
			return nil, fmt.Errorf("%s holds no game to resume", dir)
		}
		var err error
		if st, err = create(dir, setup); err != nil {
			return nil, err
		}
	}
	sc, err := scenario.Load(setup.ScenarioID+" (served)", []byte(setup.Scenario), nil)
	if err != nil {
		st.close()
		return nil, fmt.Errorf("the game's scenario: %w", err)
	}
	g := &Game{setup: setup, sc: sc, eng: sim.New(sc, setup.Seed), store: st, log: logger,
		timeout: time.Duration(setup.TurnTimeoutMS) * time.Millisecond, in: make(chan input, 256),
		pending: pending, waiting: sim.NoActor, done: make(chan struct{})}
	policies, err := runner.Policies(sc, setup.Seed)
	if err != nil {
		st.close()
		return nil, err
	}
	// The seats read the event log and the recorded changes, as the local
	// game's play screen does; logging changes nothing in the run.
	g.eng.SetLogging(true)
	g.loop = runner.Loop{Engine: g.eng, Policies: policies, Record: true, KeepLog: true, TurnEnded: g.turnEnded}
	for a := range g.ctrl {
		g.ctrl[a] = netproto.ByAI
	}
	for _, s := range setup.Seats {
		st := &seat{role: s.Role, actor: sim.NoActor, code: s.Code, conns: map[*conn]bool{}}
		if a, ok := sim.ParseActor(s.Role); ok {
			st.actor = a
			g.byActor[a] = st
			g.ctrl[a] = netproto.BySeat
			g.loop.Seats[a] = runner.SeatPlayer
		} else {
			g.umpire = st
		}
		g.seats = append(g.seats, st)
	}
	return g, nil
}

// Setup returns the game's setup (its seats and codes).
func (g *Game) Setup() *Setup { return g.setup }

// Scenario returns the scenario played.
func (g *Game) Scenario() *sim.Scenario { return g.sc }

// seatByCode finds the seat a code opens, comparing every code in full.
func (g *Game) seatByCode(code string) *seat {
	var found *seat
	for _, s := range g.seats {
		if equalCode(s.code, code) {
			found = s
		}
	}
	return found
}

// Run plays the game to its end and returns the run's result; it returns
// early with ctx's error. The journal is replayed first.
func (g *Game) Run(ctx context.Context) (runner.Result, error) {
	defer g.store.close()
	defer close(g.done)
	defer g.hangUp()
	for !g.started {
		if _, err := g.next(ctx); err != nil {
			return runner.Result{}, err
		}
	}
	e := g.eng
	for !g.over {
		for g.paused {
			if _, err := g.next(ctx); err != nil {
				return runner.Result{}, err
			}
		}
		stop, err := g.loop.Step()
		if err != nil {
			return runner.Result{}, err
		}
		if stop != sim.StopDecide {
			g.over = stop == sim.StopOver
			g.broadcast()
			continue
		}
		// A seat must answer: the first, in actor order, that has open decisions.
		for a := sim.Actor(0); a < sim.NumActors; a++ {
			if g.loop.Seats[a] == runner.SeatPlayer && e.HasOpen(a) {
				if err := g.answer(ctx, a); err != nil {
					return runner.Result{}, err
				}
				break
			}
		}
	}
	res := g.result()
	if rp, err := replay.New(g.sc, g.setup.Overrides, replay.Spectator, &res); err != nil {
		return res, fmt.Errorf("replay of the game: %w", err)
	} else if err := g.store.writeReplay(rp); err != nil {
		return res, err
	}
	g.sendOver(&res)
	return res, nil
}

// replaying reports whether journal entries are still to be replayed.
func (g *Game) replaying() bool { return len(g.pending) > 0 }

// answer waits for seat a's answers at this stop, until it has answered
// every decision, closed its answer or timed out. Its policy's answer is
// worked out first, at the point of the run where a local run's AI would
// give it: it is the seat's suggestion, and its answer on a timeout or
// when the umpire hands the seat to the AI.
func (g *Game) answer(ctx context.Context, a sim.Actor) error {
	e := g.eng
	g.stop++
	e.Observe(a, &g.obs)
	g.suggest = g.suggest[:0]
	if p := g.loop.Policies[a]; p != nil {
		g.suggest = p.Decide(&g.obs, g.suggest)
	}
	g.waiting, g.close = a, ""
	defer func() { g.waiting = sim.NoActor; g.stopTimer() }()
	for moved := true; ; {
		if !g.paused && (g.ctrl[a] == netproto.ByAI || g.close == netproto.ByAI) {
			// The seat may have answered part already: what no longer
			// fits is left out.
			for _, o := range g.suggest {
				if err := g.loop.Give(a, o); err != nil && !g.replaying() {
					g.log.Printf("AI answer for %s skipped: %v", a, err)
				}
			}
			g.close = "defaults"
		}
		if g.close != "" {
			return g.loop.Close(a)
		}
		if !e.HasOpen(a) {
			return nil
		}
		if moved {
			g.broadcast()
		}
		g.startTimer(a)
		var err error
		if moved, err = g.next(ctx); err != nil {
			return err
		}
	}
}

// turnEnded keeps the hash and digest of every turn for the replay.
func (g *Game) turnEnded(int32) error {
	g.hashes = append(g.hashes, g.eng.Hash())
	g.digests = append(g.digests, g.eng.State().Digest(nil))
	return nil
}

func (g *Game) startTimer(a sim.Actor) {
	if g.timeout <= 0 || g.paused || g.ctrl[a] != netproto.BySeat || g.replaying() || g.timer != nil {
		return
	}
	stop, role := g.stop, a.String()
	g.timer = time.AfterFunc(g.timeout, func() {
		select {
		case g.in <- input{entry: &entry{Kind: "timeout", Stop: stop, Role: role}, timer: true}:
		case <-g.done:
		}
	})
}

func (g *Game) stopTimer() {
	if g.timer != nil {
		g.timer.Stop()
		g.timer = nil
	}
}

// next consumes one input: the next journal entry while any is left, then
// what the connections and timers send. It reports whether the input moved
// the game (an entry was carried out): only then have the seats anything
// new to be sent, so a preview or a refused message sends no observation.
func (g *Game) next(ctx context.Context) (bool, error) {
	if len(g.pending) > 0 {
		en := g.pending[0]
		g.pending = g.pending[1:]
		var orders []sim.Order
		for i, w := range en.Orders {
			o, err := w.Order()
			if err != nil {
				return false, fmt.Errorf("journal entry at stop %d, order %d: %w", en.Stop, i+1, err)
			}
			orders = append(orders, o)
		}
		if reason := g.handle(&en, orders, nil, false); reason != "" {
			return false, fmt.Errorf("the journal does not replay: %s entry at stop %d: %s", en.Kind, en.Stop, reason)
		}
		return true, g.fatal
	}
	select {
	case <-ctx.Done():
		return false, ctx.Err()
	case in := <-g.in:
		moved := false
		switch {
		case in.join:
			g.joined(in.from)
		case in.leave:
			g.left(in.from)
		case in.preview != nil:
			g.preview(in.from, in.preview)
		case in.entry != nil:
			reason := g.handle(in.entry, in.orders, in.from, true)
			moved = reason == ""
			if reason != "" && in.from != nil && !in.timer {
				g.log.Printf("%s: refused %s: %s", in.from.who(), in.entry.Kind, reason)
				in.from.send(&netproto.ServerMessage{Type: netproto.TypeRefused, Reason: reason})
			}
		}
		return moved, g.fatal
	}
}

// handle validates an entry, records it in the journal when it comes live,
// and carries it out. It returns why the entry was refused, or "".
func (g *Game) handle(en *entry, orders []sim.Order, from *conn, live bool) string {
	asked := en.Stop // the stop a client's orders answer
	if live {
		en.Stop = g.stop
	}
	if !live && en.Stop != g.stop {
		return fmt.Sprintf("recorded at stop %d, replayed at stop %d", en.Stop, g.stop)
	}
	if g.over {
		return "the game is over"
	}
	var commit func() // what the entry does, once recorded
	switch en.Kind {
	case "start":
		if g.started {
			return "the game has started"
		}
		commit = func() { g.started = true }
	case "orders":
		a, reason := g.ordersActor(en, from)
		if reason != "" {
			return reason
		}
		if g.paused {
			return "the game is paused"
		}
		if !g.started {
			return "the game has not started: it waits for every seat to join"
		}
		// Orders are checked one by one against the state the previous ones
		// leave; refused ones are reported and left out of the record.
		var done []sim.Order
		for i, o := range orders {
			if err := g.loop.Give(a, o); err != nil {
				if !live {
					return err.Error()
				}
				from.send(&netproto.ServerMessage{Type: netproto.TypeRefused, Reason: fmt.Sprintf("order %d (%s): %v", i+1, o.Kind, err)})
				g.log.Printf("%s: refused order %d (%s): %v", from.who(), i+1, o.Kind, err)
				continue
			}
			done = append(done, o)
		}
		en.Orders = en.Orders[:0]
		for _, o := range done {
			en.Orders = append(en.Orders, replay.EncodeOrder(o))
		}
		closes := en.Done && g.waiting == a && (!live || asked == g.stop)
		en.Done = closes
		if len(done) == 0 && !closes {
			return "" // nothing happened: nothing to record
		}
		commit = func() {
			if closes {
				g.close = "defaults"
			}
			if from != nil {
				from.send(&netproto.ServerMessage{Type: netproto.TypeAccepted, Stop: g.stop, Count: len(done)})
			}
		}
	case "timeout":
		a, ok := sim.ParseActor(en.Role)
		if !ok || g.waiting != a || g.paused || g.ctrl[a] != netproto.BySeat {
			return "stale" // a timer that fired after its wait ended
		}
		g.timer = nil
		commit = func() { g.close = netproto.ByAI }
	case "pause", "resume":
		if from != nil && from.seat != g.umpire {
			return "only the umpire may " + en.Kind
		}
		if g.paused == (en.Kind == "pause") {
			return "the game is " + map[bool]string{true: "paused", false: "not paused"}[g.paused]
		}
		commit = func() {
			g.paused = en.Kind == "pause"
			g.stopTimer()
		}
	case "inject":
		if from != nil && from.seat != g.umpire {
			return "only the umpire may inject an event"
		}
		i := slices.IndexFunc(g.sc.Events, func(ev sim.Event) bool { return ev.ID == en.Event })
		if i < 0 {
			return fmt.Sprintf("scenario %s has no event %q", g.sc.ID, en.Event)
		}
		if err := g.eng.Inject(int32(i)); err != nil {
			return err.Error()
		}
		commit = func() {}
	case "takeover":
		if from != nil && from.seat != g.umpire {
			return "only the umpire may take over a seat"
		}
		a, ok := sim.ParseActor(en.Role)
		switch {
		case !ok:
			return fmt.Sprintf("no role %q", en.Role)
		case en.By == netproto.BySeat && g.byActor[a] == nil:
			return fmt.Sprintf("%s has no seat to hand back to", a)
		case en.By == netproto.ByUmpire && g.umpire == nil:
			return "the game has no umpire seat"
		case en.By != netproto.BySeat && en.By != netproto.ByAI && en.By != netproto.ByUmpire:
			return fmt.Sprintf("takeover by %q: want seat, ai or umpire", en.By)
		}
		commit = func() {
			g.ctrl[a] = en.By
			g.loop.Seats[a] = runner.SeatPlayer
			if en.By == netproto.ByAI {
				g.loop.Seats[a] = runner.SeatAI
			}
			g.stopTimer()
			g.log.Printf("umpire: %s is now played by %s", a, en.By)
		}
	default:
		return fmt.Sprintf("unknown entry %q", en.Kind)
	}
	if live {
		if err := g.store.append(en); err != nil {
			// The game cannot go on without its record: Run stops with this.
			g.fatal = fmt.Errorf("game record: %w", err)
			return ""
		}
	}
	commit()
	if !g.replaying() && en.Kind != "orders" {
		g.broadcastSeats()
	}
	return ""
}

// ordersActor says for which actor an orders entry speaks: the seat's own
// actor, or for the umpire the role it names, which it must have taken over.
func (g *Game) ordersActor(en *entry, from *conn) (sim.Actor, string) {
	if from != nil && from.seat != g.umpire {
		a := from.seat.actor
		if en.Role != "" && en.Role != a.String() {
			return 0, fmt.Sprintf("this seat plays %s, not %s", a, en.Role)
		}
		if g.ctrl[a] != netproto.BySeat {
			return 0, fmt.Sprintf("%s is played by the %s now", a, g.ctrl[a])
		}
		en.Role, en.By = a.String(), netproto.BySeat
		return a, ""
	}
	a, ok := sim.ParseActor(en.Role)
	if !ok {
		return 0, fmt.Sprintf("no role %q", en.Role)
	}
	if from != nil {
		if g.ctrl[a] != netproto.ByUmpire {
			return 0, fmt.Sprintf("the umpire has not taken over %s", a)
		}
		en.By = netproto.ByUmpire
	}
	return a, ""
}

// result is the run's result as a local run reports it.
func (g *Game) result() runner.Result {
	res := runner.Result{Seed: g.setup.Seed, Orders: g.loop.Orders, Given: g.loop.Given, Hashes: g.hashes, Digests: g.digests}
	res.Finish(g.eng)
	return res
}

// hangUp closes the connections of a game that stopped before its end, so
// their clients notice and reconnect (to a resumed game).
func (g *Game) hangUp() {
	if g.over {
		return // the clients close after the over message
	}
	for _, s := range g.seats {
		for c := range s.conns {
			c.shut(websocket.StatusGoingAway, "the server stops")
		}
	}
}

// sendOver tells every connected seat how the game ended.
func (g *Game) sendOver(res *runner.Result) {
	m := &netproto.ServerMessage{Type: netproto.TypeOver, Outcome: res.Outcome.String(), FinalHash: res.FinalHash.String(),
		Verdicts: map[string]string{}, Turn: res.Turns}
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		if g.sc.Actors[a].Present {
			m.Verdicts[a.String()] = res.Verdicts[a].String()
		}
	}
	for _, s := range g.seats {
		for c := range s.conns {
			c.send(m)
		}
	}
}

// scenarioJSON is the compiled scenario for browser clients.
func (g *Game) scenarioJSON() json.RawMessage {
	data, err := json.Marshal(g.sc)
	if err != nil {
		g.log.Printf("scenario as JSON: %v", err)
		return nil
	}
	return data
}

// SetTurnTimeout changes how long a seat may take to answer (0 waits for
// ever); a resumed game keeps its own unless told otherwise.
func (g *Game) SetTurnTimeout(d time.Duration) { g.timeout = d }
