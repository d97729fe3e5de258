package netplay

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/replay"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/simtest"
)

// localRun is the oracle: the same scenario and seed played by runner with
// AI for every actor.
func localRun(t *testing.T, sc *sim.Scenario, seed uint64) runner.Result {
	t.Helper()
	res, err := runner.NewDriver(sc).Run(seed, runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// served is a game running in-process behind a real HTTP listener.
type served struct {
	g      *Game
	addr   string
	srv    *http.Server
	cancel context.CancelFunc
	done   chan struct{}
	res    runner.Result
	err    error
	logBuf *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveGame opens the game in dir (new from setup, or resumed when setup is
// nil) and serves it on addr ("127.0.0.1:0" for any port).
func serveGame(t *testing.T, dir string, setup *Setup, addr string) *served {
	t.Helper()
	buf := &syncBuffer{}
	g, err := Open(dir, setup, log.New(buf, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	var ln net.Listener
	for try := 0; ; try++ { // a port just closed may take a moment to free
		if ln, err = net.Listen("tcp", addr); err == nil || try == 50 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{g: g, addr: ln.Addr().String(), srv: &http.Server{Handler: g.Handler(WebFS())}, cancel: cancel, done: make(chan struct{}), logBuf: buf}
	go s.srv.Serve(ln)
	go func() {
		s.res, s.err = g.Run(ctx)
		close(s.done)
	}()
	t.Cleanup(func() { s.stop() })
	return s
}

// stop ends the game where it is, as a killed server would, and closes the
// listener.
func (s *served) stop() {
	s.cancel()
	<-s.done
	s.srv.Close()
}

func (s *served) wait(t *testing.T) runner.Result {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(60 * time.Second):
		t.Fatalf("the game did not end; log:\n%s", s.logBuf.String())
	}
	if s.err != nil {
		t.Fatalf("game: %v\nlog:\n%s", s.err, s.logBuf.String())
	}
	return s.res
}

func (s *served) code(t *testing.T, role string) string {
	t.Helper()
	for _, sc := range s.g.Setup().Seats {
		if sc.Role == role {
			return sc.Code
		}
	}
	t.Fatalf("no seat %s", role)
	return ""
}

// joinAll plays every actor seat with Join and returns their last messages.
func joinAll(t *testing.T, addr string, setup *Setup, opts func(role string, o *JoinOptions)) <-chan *netproto.ServerMessage {
	t.Helper()
	out := make(chan *netproto.ServerMessage, len(setup.Seats))
	for _, s := range setup.Seats {
		o := JoinOptions{Addr: addr, Code: s.Code, Retry: 20 * time.Second, Log: log.New(io.Discard, "", 0)}
		if opts != nil {
			opts(s.Role, &o)
		}
		go func() {
			over, err := Join(context.Background(), o)
			if err != nil {
				t.Errorf("join %s: %v", s.Role, err)
			}
			out <- over
		}()
	}
	return out
}

func TestAISeatsOverTheNetworkMatchALocalRun(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	const seed = 7
	want := localRun(t, sc, seed)
	setup, err := NewSetup(sc, seed, nil, []string{"usa", "israel", "iran"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := serveGame(t, dir, setup, "127.0.0.1:0")
	// Iran plays its own copy of the scenario's policy, seeded as the local
	// run seeds it, from the observations it receives.
	overs := joinAll(t, s.addr, setup, func(role string, o *JoinOptions) {
		if role == "iran" {
			o.Policy, o.Seed = sc.Actors[sim.Iran].Policy, seed
		}
	})
	got := s.wait(t)
	if got.FinalHash != want.FinalHash {
		t.Fatalf("served final hash %s, local run %s", got.FinalHash, want.FinalHash)
	}
	for range setup.Seats {
		if over := <-overs; over == nil || over.FinalHash != want.FinalHash.String() {
			t.Errorf("a client heard the game end with %+v, want final hash %s", over, want.FinalHash)
		}
	}
	// The directory holds a replay that replays to the same hash.
	f, err := os.Open(filepath.Join(dir, replayFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rp, err := replay.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if rp.FinalHash != want.FinalHash || len(rp.Orders) != len(got.Orders) {
		t.Errorf("replay: final hash %s with %d orders, want %s with %d", rp.FinalHash, len(rp.Orders), want.FinalHash, len(got.Orders))
	}
	// A code is refused once the game is over.
	if _, err := Join(context.Background(), JoinOptions{Addr: s.addr, Code: setup.Seats[0].Code, Retry: time.Second, Log: log.New(io.Discard, "", 0)}); err == nil || !strings.Contains(err.Error(), "over") {
		t.Errorf("joining a finished game: %v, want a refusal saying the game is over", err)
	}
}

func TestWrongCodeIsRefused(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	setup, err := NewSetup(sc, 1, nil, []string{"usa"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	s := serveGame(t, t.TempDir(), setup, "127.0.0.1:0")
	_, err = Join(context.Background(), JoinOptions{Addr: s.addr, Code: "AAAAAAAAAAAAAAAAAAAAAA", Retry: time.Second, Log: log.New(io.Discard, "", 0)})
	if err == nil || !strings.Contains(err.Error(), "wrong seat code") {
		t.Fatalf("wrong code: %v", err)
	}
	if !strings.Contains(s.logBuf.String(), "wrong seat code") {
		t.Errorf("the refusal was not logged:\n%s", s.logBuf.String())
	}
}

func TestSeatCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		c, err := NewCode()
		if err != nil {
			t.Fatal(err)
		}
		// 16 random bytes in unpadded URL-safe base64: 22 characters.
		if len(c) != 22 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			t.Fatalf("code %q is not 22 URL-safe characters", c)
		}
		if seen[c] {
			t.Fatalf("code %q twice", c)
		}
		seen[c] = true
	}
}

// rawSeat is a hand-driven client for refusal tests.
type rawSeat struct {
	t  *testing.T
	ws *websocket.Conn
}

func dialSeat(t *testing.T, addr, code string) *rawSeat {
	t.Helper()
	ws, _, err := websocket.Dial(context.Background(), "ws://"+addr+"/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	ws.SetReadLimit(64 << 20)
	t.Cleanup(func() { ws.CloseNow() })
	r := &rawSeat{t: t, ws: ws}
	r.send(`{"type":"hello","version":1,"code":"` + code + `"}`)
	return r
}

func (r *rawSeat) send(text string) {
	r.t.Helper()
	if err := r.ws.Write(context.Background(), websocket.MessageText, []byte(text)); err != nil {
		r.t.Fatal(err)
	}
}

// until reads messages until one satisfies ok, and returns it.
func (r *rawSeat) until(ok func(m *netproto.ServerMessage) bool) *netproto.ServerMessage {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		_, data, err := r.ws.Read(ctx)
		if err != nil {
			r.t.Fatalf("read: %v", err)
		}
		var m netproto.ServerMessage
		if err := json.Unmarshal(data, &m); err != nil {
			r.t.Fatal(err)
		}
		if ok(&m) {
			return &m
		}
	}
}

// drain reads and drops messages until the connection ends, so the seat
// is never dropped as too slow; it runs beside the test and never fails it.
func (r *rawSeat) drain() {
	for {
		if _, _, err := r.ws.Read(context.Background()); err != nil {
			return
		}
	}
}

func refusal(sub string) func(m *netproto.ServerMessage) bool {
	return func(m *netproto.ServerMessage) bool {
		return m.Type == netproto.TypeRefused && strings.Contains(m.Reason, sub)
	}
}

func TestBadMessagesAreRefusedAndTheGameGoesOn(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	const seed = 11
	want := localRun(t, sc, seed)
	setup, err := NewSetup(sc, seed, nil, []string{"usa", "israel"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	s := serveGame(t, t.TempDir(), setup, "127.0.0.1:0")
	// Israel's first client misbehaves, and holds the game at Israel's first
	// decision while it does; well-behaved clients then play both seats.
	bad := dialSeat(t, s.addr, s.code(t, "israel"))
	bad.until(func(m *netproto.ServerMessage) bool { return m.Type == netproto.TypeWelcome })
	bad.send(`{"type":"orders","orders":[{"kind":"private-message"}]}`)
	bad.until(refusal("the game has not started"))
	usa := dialSeat(t, s.addr, s.code(t, "usa"))
	turn := bad.until(func(m *netproto.ServerMessage) bool { return m.Type == netproto.TypeObserve && m.YourTurn })
	// Previews: the seat's own order is previewed, another role's refused.
	ask, _ := json.Marshal(&netproto.ClientMessage{Type: netproto.TypePreview, ID: 7, Order: &turn.Suggestion[0]})
	bad.send(string(ask))
	if pv := bad.until(func(m *netproto.ServerMessage) bool { return m.Type == netproto.TypePreview && m.ID == 7 }); pv.Error != "" || pv.Preview == nil {
		t.Errorf("preview of the AI's suggested %s: %+v", turn.Suggestion[0].Kind, pv)
	}
	bad.send(`{"type":"preview","id":8,"order":{"kind":"approve","decision":1}}`)
	bad.until(func(m *netproto.ServerMessage) bool {
		return m.Type == netproto.TypePreview && m.ID == 8 && strings.Contains(m.Error, "approve orders are for usa")
	})
	bad.send(`{"type":"orders","orders":[{"kind":"approve","decision":1}]}`)
	bad.until(refusal("approve orders are for usa, not israel"))
	bad.send(`{"type":"orders","role":"usa","orders":[{"kind":"private-message"}]}`)
	bad.until(refusal("this seat plays israel, not usa"))
	bad.send(`{"type":"orders",`)
	bad.until(refusal("malformed message"))
	bad.send(`{"type":"launch"}`)
	bad.until(refusal(`unknown type "launch"`))
	bad.send(`{"type":"orders","orders":[{"kind":"nuke"}]}`)
	bad.until(refusal(`unknown order kind "nuke"`))
	bad.send(`{"type":"pause"}`)
	bad.until(refusal("only the umpire"))
	for range 100 {
		bad.send(`{"type":"preview","order":{"kind":"end-planning"}}`)
	}
	bad.until(refusal("too many messages"))
	// An oversized message ends that connection only.
	bad.ws.Write(context.Background(), websocket.MessageText, bytes.Repeat([]byte(" "), netproto.MaxMessage+1))
	overs := joinAll(t, s.addr, setup, nil)
	go usa.drain()
	got := s.wait(t)
	if got.FinalHash != want.FinalHash {
		t.Fatalf("final hash %s, local run %s", got.FinalHash, want.FinalHash)
	}
	for range setup.Seats {
		<-overs
	}
	log := s.logBuf.String()
	for _, want := range []string{"approve orders are for usa", "malformed message", "more than 20 a second"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log does not mention %q:\n%s", want, log)
		}
	}
}

func TestResumeAfterAStopMidGame(t *testing.T) {
	sc := simtest.Embedded(t, "shadow-war")
	const seed = 3
	want := localRun(t, sc, seed)
	setup, err := NewSetup(sc, seed, nil, []string{"usa", "israel", "iran"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := serveGame(t, dir, setup, "127.0.0.1:0")
	overs := joinAll(t, s.addr, setup, nil)
	journal := filepath.Join(dir, journalFile)
	for deadline := time.Now().Add(30 * time.Second); ; {
		data, _ := os.ReadFile(journal)
		if bytes.Count(data, []byte("\n")) >= 100 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the game did not get going; log:\n%s", s.logBuf.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.stop()
	// A crash in the middle of a write leaves a line cut short.
	f, err := os.OpenFile(journal, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"kind":"orders","stop":99`)
	f.Close()
	// The same directory, nothing else: the same seats and codes, and the
	// clients find their way back on their own.
	s2 := serveGame(t, dir, nil, s.addr)
	if got := s2.g.Setup().Seats; len(got) != 3 || got[0] != setup.Seats[0] || got[2] != setup.Seats[2] {
		t.Fatalf("resumed seats %v, want %v", got, setup.Seats)
	}
	got := s2.wait(t)
	if got.FinalHash != want.FinalHash {
		t.Fatalf("resumed game's final hash %s, local run %s", got.FinalHash, want.FinalHash)
	}
	for range setup.Seats {
		if over := <-overs; over == nil || over.FinalHash != want.FinalHash.String() {
			t.Errorf("a client heard %+v", over)
		}
	}
}

func TestTurnTimeoutGivesTheAIAnswer(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	const seed = 5
	want := localRun(t, sc, seed)
	setup, err := NewSetup(sc, seed, nil, []string{"usa"}, 5*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := serveGame(t, dir, setup, "127.0.0.1:0")
	// The US player joins and never answers: every US decision times out
	// and gets the AI's answer, which is what the local run's AI chose.
	silent := dialSeat(t, s.addr, s.code(t, "usa"))
	go silent.drain()
	got := s.wait(t)
	if got.FinalHash != want.FinalHash {
		t.Fatalf("final hash %s, local run %s", got.FinalHash, want.FinalHash)
	}
	// The timeouts are in the journal: the game replays from it alone.
	journal, _ := os.ReadFile(filepath.Join(dir, journalFile))
	if !bytes.Contains(journal, []byte(`"kind":"timeout"`)) {
		t.Fatalf("no timeout in the journal:\n%.1000s", journal)
	}
	if again := serveGame(t, dir, nil, "127.0.0.1:0").wait(t); again.FinalHash != want.FinalHash {
		t.Errorf("replayed from the journal: final hash %s, want %s", again.FinalHash, want.FinalHash)
	}
}

func TestUmpire(t *testing.T) {
	sc := simtest.Embedded(t, "shadow-war")
	const seed = 2
	setup, err := NewSetup(sc, seed, nil, []string{"umpire", "usa"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := serveGame(t, dir, setup, "127.0.0.1:0")
	ump := dialSeat(t, s.addr, s.code(t, "umpire"))
	usa := dialSeat(t, s.addr, s.code(t, "usa"))
	obs := usa.until(func(m *netproto.ServerMessage) bool { return m.Type == netproto.TypeObserve && m.YourTurn })
	if obs.State != nil || obs.Observation == nil || obs.Observation.Actor != sim.USA {
		t.Fatalf("the US seat's observe: state %v, observation of %v", obs.State != nil, obs.Observation)
	}
	// The umpire sees the whole state, and that the game waits for the US.
	ump.until(func(m *netproto.ServerMessage) bool {
		return m.Type == netproto.TypeObserve && m.State != nil && len(m.State.Pending) > 0 && slices.Equal(m.Waiting, []string{"usa"})
	})
	ump.send(`{"type":"pause"}`)
	ump.until(func(m *netproto.ServerMessage) bool { return m.Type == netproto.TypeSeats && m.Paused })
	usa.send(`{"type":"orders","orders":[{"kind":"private-message"}]}`)
	usa.until(refusal("the game is paused"))
	ev := "shahed-downed-1"
	ump.send(`{"type":"inject","event":"` + ev + `"}`)
	injectedAt := ump.until(func(m *netproto.ServerMessage) bool {
		return m.Type == netproto.TypeObserve && m.State != nil && m.State.Fired[slices.IndexFunc(sc.Events, func(e sim.Event) bool { return e.ID == ev })]
	})
	ump.send(`{"type":"inject","event":"` + ev + `"}`)
	ump.until(refusal("has fired already"))
	ump.send(`{"type":"inject","event":"no-such-event"}`)
	ump.until(refusal(`has no event "no-such-event"`))
	// The umpire takes the US seat over by hand and answers with the AI's
	// suggestion, then hands it to the AI for the rest of the game.
	ump.send(`{"type":"takeover","role":"usa","by":"umpire"}`)
	ump.send(`{"type":"resume"}`)
	mine := ump.until(func(m *netproto.ServerMessage) bool {
		return m.Type == netproto.TypeObserve && m.YourTurn && m.Role == "usa"
	})
	answer, _ := json.Marshal(&netproto.ClientMessage{Type: netproto.TypeOrders, Role: "usa", Stop: mine.Stop, Orders: mine.Suggestion, Done: true})
	ump.send(string(answer))
	ump.until(func(m *netproto.ServerMessage) bool { return m.Type == netproto.TypeAccepted })
	usa.send(`{"type":"orders","orders":[{"kind":"private-message"}]}`)
	usa.until(refusal("usa is played by the umpire now"))
	ump.send(`{"type":"takeover","role":"usa","by":"ai"}`)
	go usa.drain()
	go ump.drain()
	got := s.wait(t)

	journal, err := os.ReadFile(filepath.Join(dir, journalFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"kind":"pause"`, `"event":"shahed-downed-1"`, `"role":"usa","by":"umpire"`, `"kind":"resume"`, `"by":"umpire","orders"`, `"by":"ai"`} {
		if !bytes.Contains(journal, []byte(want)) {
			t.Errorf("the journal lacks %s:\n%.2000s", want, journal)
		}
	}
	// The event fired at the umpire's word, long before its own day.
	i := slices.IndexFunc(sc.Events, func(e sim.Event) bool { return e.ID == ev })
	if !s.g.eng.State().Fired[i] {
		t.Errorf("event %s never fired", ev)
	}
	if day := sc.DayOfTurn(injectedAt.Turn); day >= sc.Events[i].Day {
		t.Errorf("the injection came on day %d, not before the event's day %d: the test proves nothing", day, sc.Events[i].Day)
	}
	// The record replays: serving the same directory again ends the same way.
	again := serveGame(t, dir, nil, "127.0.0.1:0").wait(t)
	if again.FinalHash != got.FinalHash {
		t.Errorf("replayed from the journal: final hash %s, the game ended with %s", again.FinalHash, got.FinalHash)
	}
}

// TestPreviewsSendNoObservation asks the server for previews while the game
// waits for israel: each is answered, and no seat is sent an observation
// for it, since a preview changes nothing (an observation would make every
// seat's client drop its previews and ask again, for ever).
func TestPreviewsSendNoObservation(t *testing.T) {
	sc := simtest.Embedded(t, "tanf-2021")
	setup, err := NewSetup(sc, 3, nil, []string{"usa", "israel"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Open(t.TempDir(), setup, log.New(io.Discard, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	conns := map[string]*conn{}
	for _, s := range g.seats {
		conns[s.role] = testConn(s)
		g.in <- input{from: conns[s.role], join: true}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { g.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	// read takes the next message of c's queues, the observation slot
	// included, within a generous wait.
	read := func(c *conn) netproto.ServerMessage {
		t.Helper()
		var d []byte
		select {
		case d = <-c.out:
		case d = <-c.latest:
		case <-time.After(20 * time.Second):
			t.Fatal("no message from the server")
		}
		var m netproto.ServerMessage
		if err := json.Unmarshal(d, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	var turn netproto.ServerMessage
	for turn.Type != netproto.TypeObserve || !turn.YourTurn {
		turn = read(conns["israel"])
	}
	// The game stands still at israel's stop: empty every queue.
	for _, c := range conns {
		for more := true; more; {
			select {
			case <-c.out:
			case <-c.latest:
			default:
				more = false
			}
		}
	}
	order, err := turn.Suggestion[0].Order()
	if err != nil {
		t.Fatal(err)
	}
	// One preview after another: the game loop takes its inputs in order,
	// so an observation sent after the first preview is in its slot before
	// the second preview's answer.
	for id := int64(1); id <= 2; id++ {
		g.in <- input{from: conns["israel"], preview: &previewReq{id: id, order: order}}
		if m := read(conns["israel"]); m.Type != netproto.TypePreview || m.ID != id || m.Preview == nil {
			t.Fatalf("preview %d: the server sent %+v", id, m)
		}
	}
	for role, c := range conns {
		select {
		case d := <-c.latest:
			t.Fatalf("the %s seat was sent an observation after a preview: %.200s", role, d)
		case d := <-c.out:
			t.Fatalf("the %s seat was sent a message after a preview: %.200s", role, d)
		default:
		}
	}
}
