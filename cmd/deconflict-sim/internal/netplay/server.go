// Package netplay serves one Deconflict game to several seats over
// WebSockets and plays a seat as a client. The server runs the engine, sends
// each seat only its role's observation, checks every order against the
// seat's role, and keeps the game in a directory so that a killed server
// resumes where it stopped. The messages are package netproto's
// (docs/network.md documents the schema).
package netplay

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/replay"
)

// Flood limits: a connection may send burst messages at once and rate a
// second after that, plus grant messages for every turn it is asked to
// answer (so a quick AI client is never held back); past floodClose refused
// messages it is dropped.
const (
	grant      = 4
	burst      = 40
	rate       = 20
	floodClose = 200
	helloWait  = 10 * time.Second
	sendQueue  = 256
)

// conn is one client connection to a seat.
type conn struct {
	ws     *websocket.Conn
	seat   *seat
	addr   string
	out    chan []byte
	latest chan []byte // the newest observe message: an older one not yet sent is replaced
	once   sync.Once
	closed chan struct{}
	log    func(format string, args ...any)
	turns  atomic.Int64 // turns it was asked to answer, not yet counted by the flood limit
	// what of the game's log and changes it has been sent (the game loop's alone)
	logScanned, logSent         int
	changesScanned, changesSent int
}

func (c *conn) who() string { return fmt.Sprintf("%s seat from %s", c.seat.role, c.addr) }

// send queues a message; a client too slow to take its messages is dropped.
// Observations replace the one still waiting, if any: only the latest counts.
func (c *conn) send(m *netproto.ServerMessage) {
	data, err := json.Marshal(m)
	if err != nil {
		c.log("%s: cannot encode a %s message: %v", c.who(), m.Type, err)
		return
	}
	if m.Type == netproto.TypeObserve {
		select {
		case <-c.latest:
		default:
		}
		c.latest <- data // the game loop is the only sender: the slot is free
		return
	}
	select {
	case c.out <- data:
	case <-c.closed:
	default:
		c.log("%s: dropped: it does not read its messages", c.who())
		c.shut(websocket.StatusPolicyViolation, "too slow")
	}
}

func (c *conn) shut(code websocket.StatusCode, reason string) {
	c.once.Do(func() {
		close(c.closed)
		if c.ws != nil { // nil only in tests that read the queues directly
			go c.ws.Close(code, reason)
		}
	})
}

// writer sends queued messages until the connection closes; other messages
// go before a waiting observation, which is always the newest.
func (c *conn) writer() {
	for {
		var data []byte
		select {
		case data = <-c.out:
		default:
			select {
			case <-c.closed:
				return
			case data = <-c.out:
			case data = <-c.latest:
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := c.ws.Write(ctx, websocket.MessageText, data)
		cancel()
		if err != nil {
			c.shut(websocket.StatusGoingAway, "write failed")
			return
		}
	}
}

// Handler serves the game: WebSockets at /ws and, when web is not nil, the
// browser client's files at /.
func (g *Game) Handler(web fs.FS) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/ws", g.serveWS)
	if web != nil {
		mux.Handle("/", http.FileServerFS(web))
	}
	return mux
}

// deliver hands an input to the game loop unless the game has ended.
func (g *Game) deliver(in input) bool {
	select {
	case g.in <- in:
		return true
	case <-g.done:
		return false
	}
}

func (g *Game) serveWS(w http.ResponseWriter, r *http.Request) {
	ws, err := websocket.Accept(w, r, nil)
	if err != nil {
		g.log.Printf("websocket from %s: %v", r.RemoteAddr, err)
		return
	}
	ws.SetReadLimit(netproto.MaxMessage)
	ctx := r.Context()
	s, reason := g.hello(ctx, ws)
	if s == nil {
		g.log.Printf("refused a connection from %s: %s", r.RemoteAddr, reason)
		data, _ := json.Marshal(&netproto.ServerMessage{Type: netproto.TypeRefused, Reason: reason})
		wctx, cancel := context.WithTimeout(ctx, time.Second)
		ws.Write(wctx, websocket.MessageText, data)
		cancel()
		ws.Close(websocket.StatusPolicyViolation, "refused")
		return
	}
	c := &conn{ws: ws, seat: s, addr: r.RemoteAddr, out: make(chan []byte, sendQueue), latest: make(chan []byte, 1), closed: make(chan struct{}), log: g.log.Printf}
	go c.writer()
	if !g.deliver(input{from: c, join: true}) {
		c.send(&netproto.ServerMessage{Type: netproto.TypeRefused, Reason: "the game is over"})
		c.shut(websocket.StatusNormalClosure, "over")
		return
	}
	g.read(ctx, c)
	c.shut(websocket.StatusNormalClosure, "")
	g.deliver(input{from: c, leave: true})
}

// hello reads the first message, which must name a seat by its code.
func (g *Game) hello(ctx context.Context, ws *websocket.Conn) (*seat, string) {
	ctx, cancel := context.WithTimeout(ctx, helloWait)
	defer cancel()
	_, data, err := ws.Read(ctx)
	if err != nil {
		return nil, fmt.Sprintf("no hello: %v", err)
	}
	m, _, err := netproto.Decode(data)
	switch {
	case err != nil:
		return nil, err.Error()
	case m.Type != netproto.TypeHello:
		return nil, "the first message must be a hello"
	case m.Version != netproto.ProtocolVersion:
		return nil, fmt.Sprintf("protocol version %d is not spoken here (version %d is)", m.Version, netproto.ProtocolVersion)
	}
	s := g.seatByCode(m.Code)
	if s == nil {
		return nil, "wrong seat code"
	}
	select {
	case <-g.done:
		return nil, "the game is over"
	default:
	}
	return s, ""
}

// read turns a connection's messages into inputs, refusing malformed ones
// and floods.
func (g *Game) read(ctx context.Context, c *conn) {
	tokens, last, refused := float64(burst), time.Now(), 0
	for {
		_, data, err := c.ws.Read(ctx)
		if err != nil {
			var ce websocket.CloseError
			if !errors.As(err, &ce) && !errors.Is(err, context.Canceled) {
				g.log.Printf("%s: connection ends: %v", c.who(), err)
			}
			return
		}
		now := time.Now()
		tokens = min(burst, tokens+now.Sub(last).Seconds()*rate) + float64(grant*c.turns.Swap(0))
		last = now
		if tokens < 1 {
			refused++
			g.log.Printf("%s: refused a message: more than %d a second", c.who(), rate)
			c.send(&netproto.ServerMessage{Type: netproto.TypeRefused, Reason: fmt.Sprintf("too many messages: at most %d a second", rate)})
			if refused >= floodClose {
				g.log.Printf("%s: dropped for flooding", c.who())
				return
			}
			continue
		}
		tokens--
		m, orders, err := netproto.Decode(data)
		if err != nil {
			g.log.Printf("%s: %v", c.who(), err)
			c.send(&netproto.ServerMessage{Type: netproto.TypeRefused, Reason: err.Error()})
			continue
		}
		in := input{from: c}
		switch m.Type {
		case netproto.TypeHello:
			c.send(&netproto.ServerMessage{Type: netproto.TypeRefused, Reason: "already joined"})
			continue
		case netproto.TypePreview:
			in.preview = &previewReq{id: m.ID, order: orders[0], role: m.Role}
		case netproto.TypeOrders:
			in.entry = &entry{Kind: "orders", Stop: m.Stop, Role: m.Role, Done: m.Done}
			in.orders = orders
		case netproto.TypePause, netproto.TypeResume:
			in.entry = &entry{Kind: m.Type}
		case netproto.TypeInject:
			in.entry = &entry{Kind: "inject", Event: m.Event}
		case netproto.TypeTakeover:
			in.entry = &entry{Kind: "takeover", Role: m.Role, By: m.By}
		}
		if !g.deliver(in) {
			return
		}
	}
}

// joined welcomes a connection to its seat and starts the game once every
// seat has joined.
func (g *Game) joined(c *conn) {
	s := c.seat
	s.conns[c] = true
	g.log.Printf("%s joined", c.who())
	c.send(&netproto.ServerMessage{Type: netproto.TypeWelcome, Version: netproto.ProtocolVersion, Role: s.role, ScenarioID: g.sc.ID,
		Canonical: g.setup.Scenario, Scenario: g.scenarioJSON(), Seats: g.seatInfo()})
	g.collect()
	g.sendLog(c)
	c.send(g.observeFor(s))
	g.broadcastSeats()
	if g.started || g.replaying() {
		return
	}
	for _, s := range g.seats {
		if len(s.conns) == 0 {
			return
		}
	}
	g.handle(&entry{Kind: "start"}, nil, nil, true)
}

func (g *Game) left(c *conn) {
	delete(c.seat.conns, c)
	g.log.Printf("%s left", c.who())
	g.broadcastSeats()
}

func (g *Game) preview(c *conn, req *previewReq) {
	a := c.seat.actor
	if c.seat == g.umpire { // for a role it took over, or as nobody
		a = sim.NoActor
		if r, ok := sim.ParseActor(req.role); ok && g.ctrl[r] == netproto.ByUmpire {
			a = r
		}
	}
	m := &netproto.ServerMessage{Type: netproto.TypePreview, ID: req.id}
	if p, err := g.eng.Preview(a, req.order); err != nil {
		m.Error = err.Error()
	} else {
		m.Preview = &p
	}
	c.send(m)
}

// seatInfo lists every seat: connected or not, and who answers for it.
func (g *Game) seatInfo() []netproto.SeatInfo {
	out := make([]netproto.SeatInfo, 0, len(g.seats))
	for _, s := range g.seats {
		info := netproto.SeatInfo{Role: s.role, Connected: len(s.conns) > 0}
		if s.actor != sim.NoActor {
			info.By = g.ctrl[s.actor]
		}
		out = append(out, info)
	}
	return out
}

// waitingFor lists the roles the game waits for: before the start, the seats
// nobody has joined; then the role being asked, unless the AI answers it.
func (g *Game) waitingFor() []string {
	var out []string
	if !g.started {
		for _, s := range g.seats {
			if len(s.conns) == 0 {
				out = append(out, s.role)
			}
		}
		return out
	}
	if g.waiting != sim.NoActor && g.ctrl[g.waiting] != netproto.ByAI {
		out = append(out, g.waiting.String())
	}
	return out
}

// observeFor builds a seat's observe message: its role's observation, and
// on its turn the AI's suggested answer. The umpire sees the whole state.
func (g *Game) observeFor(s *seat) *netproto.ServerMessage {
	m := &netproto.ServerMessage{Type: netproto.TypeObserve, Stop: g.stop, Turn: g.eng.Turn(), Paused: g.paused,
		Waiting: g.waitingFor(), Seats: g.seatInfo()}
	var view sim.Observation
	if s == g.umpire {
		g.eng.Observe(sim.NoActor, &view)
		m.State = g.eng.State()
		if g.waiting != sim.NoActor && g.ctrl[g.waiting] == netproto.ByUmpire {
			m.YourTurn, m.Role = true, g.waiting.String()
			m.Suggestion = encodeAll(g.suggest)
		}
	} else {
		g.eng.Observe(s.actor, &view)
		if g.started && g.waiting == s.actor && g.ctrl[s.actor] == netproto.BySeat {
			m.YourTurn = true
			m.Suggestion = encodeAll(g.suggest)
		}
	}
	view.Scenario = nil // sent once, in the welcome
	m.Observation = &view
	return m
}

func encodeAll(orders []sim.Order) []netproto.WireOrder {
	out := make([]netproto.WireOrder, 0, len(orders))
	for _, o := range orders {
		out = append(out, replay.EncodeOrder(o))
	}
	return out
}

// broadcast sends every connected seat what its role may know of the log
// since the last, then its observation.
func (g *Game) broadcast() {
	g.collect()
	if g.replaying() {
		return
	}
	for _, s := range g.seats {
		if len(s.conns) == 0 {
			continue
		}
		m := g.observeFor(s)
		for c := range s.conns {
			if m.YourTurn {
				c.turns.Add(1)
			}
			g.sendLog(c)
			c.send(m)
		}
	}
}

// collect takes the engine's new recorded changes (its log entries the
// loop keeps).
func (g *Game) collect() {
	g.changes = append(g.changes, g.eng.TakeChanges()...)
}

// sendLog sends a connection the log entries and recorded changes its
// seat's role may know that it has not been sent yet (a new connection gets
// them all, from index 0).
func (g *Game) sendLog(c *conn) {
	role := c.seat.actor // NoActor, who sees everything, for the umpire
	m := &netproto.ServerMessage{Type: netproto.TypeLog, LogFrom: c.logSent, ChangesFrom: c.changesSent}
	for _, e := range g.loop.Log[c.logScanned:] {
		if e.SeenBy(role) {
			m.Log = append(m.Log, e)
		}
	}
	for _, ch := range g.changes[c.changesScanned:] {
		if ch.SeenBy(role) {
			m.Changes = append(m.Changes, ch)
		}
	}
	c.logScanned, c.changesScanned = len(g.loop.Log), len(g.changes)
	if len(m.Log) == 0 && len(m.Changes) == 0 {
		return
	}
	c.logSent += len(m.Log)
	c.changesSent += len(m.Changes)
	c.send(m)
}

func (g *Game) broadcastSeats() {
	if g.replaying() {
		return
	}
	m := &netproto.ServerMessage{Type: netproto.TypeSeats, Seats: g.seatInfo(), Waiting: g.waitingFor(), Paused: g.paused}
	for _, s := range g.seats {
		for c := range s.conns {
			c.send(m)
		}
	}
}

// equalCode compares seat codes in constant time.
func equalCode(a, b string) bool {
	return len(a) == len(b) && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
