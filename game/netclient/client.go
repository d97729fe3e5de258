// Package netclient connects the game to a served game (deconflict-sim
// serve): it holds one seat's connection, keeps the server's latest word
// (the seat's observation, who is connected, who the game waits for, the
// end), sends the player's orders and previews, and reconnects on its own
// when the server goes away. It has no graphics dependency, so the desktop
// and browser builds share it and it is tested against a real server.
package netclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/replay"
)

// ErrRefused is the error a Status carries when the server refused the seat
// (a wrong code, a finished game): retrying would not help.
var ErrRefused = errors.New("the server refused the seat")

// retryEvery is the pause between two attempts to reach the server.
const retryEvery = 500 * time.Millisecond

// Status is what the client knows at one moment; every field is a copy.
type Status struct {
	Connected bool                    // the connection is up and the server let the seat in
	Gone      string                  // a plain message while the server cannot be reached ("" when connected)
	Cause     error                   // the last connection failure, while Gone is set
	Refused   error                   // the server refused the seat (wraps ErrRefused); the client stopped
	Role      string                  // the seat's role, from the welcome
	Scenario  string                  // the scenario's id, from the welcome
	Canonical string                  // the scenario as TOML, from the welcome
	Seats     []netproto.SeatInfo     // who is connected and who answers each role
	Waiting   []string                // the roles the game waits for (before the start: the seats nobody has joined)
	Paused    bool                    // the umpire has paused the game
	Observe   *netproto.ServerMessage // the latest observation message, nil before the first
	Over      *netproto.ServerMessage // how the game ended, nil while it goes on
	Notice    string                  // the server's last refusal of a message, for the player to read
	Refusals  int                     // how many messages the server has refused (Notice is the last)
	Accepted  int                     // how many orders messages the server has accepted
	Seen      int                     // Accepted when Observe came: an observation after an acceptance shows its orders
	Welcomes  int                     // how many times the server has let the seat in (a reconnection adds one)
}

// Client is one seat's connection to a served game.
type Client struct {
	url    string
	code   string
	cancel context.CancelFunc
	done   chan struct{}

	mu      sync.Mutex
	st      Status
	log     []sim.Entry  // the event-log entries the seat's role may know, as the server sent them
	changes []sim.Change // the recorded changes the role may know
	ws      *websocket.Conn
	nextID  int64
	waiters map[int64]chan *netproto.ServerMessage
	changed chan struct{} // closed and replaced at every change
}

// Dial starts connecting to the server at addr (host:port, or a ws:// or
// wss:// URL) with the seat's code, and keeps the connection up until Close
// or the game's end.
func Dial(addr, code string) *Client {
	url := addr
	if !strings.HasPrefix(url, "ws://") && !strings.HasPrefix(url, "wss://") {
		url = "ws://" + url
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &Client{
		url: strings.TrimSuffix(url, "/") + "/ws", code: code, cancel: cancel, done: make(chan struct{}),
		waiters: map[int64]chan *netproto.ServerMessage{}, changed: make(chan struct{}),
	}
	c.st.Gone = "Connecting to " + addr + "…"
	go c.run(ctx)
	return c
}

// Close hangs up and waits for the connection's goroutine to end.
func (c *Client) Close() {
	c.cancel()
	<-c.done
}

// Status returns what the client knows now.
func (c *Client) Status() Status {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.st
	st.Seats = append([]netproto.SeatInfo(nil), c.st.Seats...)
	st.Waiting = append([]string(nil), c.st.Waiting...)
	return st
}

// Log returns a copy of the event-log entries from index from on, and of
// the recorded changes from index changesFrom on, that the server has sent
// the seat (what its role may know; a reconnection sends them again from
// the start, and they replace what came before).
func (c *Client) Log(from, changesFrom int) ([]sim.Entry, []sim.Change) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]sim.Entry(nil), c.log[min(from, len(c.log)):]...),
		append([]sim.Change(nil), c.changes[min(changesFrom, len(c.changes)):]...)
}

// Changed returns a channel closed at the next change of the Status.
func (c *Client) Changed() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.changed
}

// update changes the status under the lock and wakes whoever waits on Changed.
func (c *Client) update(f func(*Status)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(&c.st)
	close(c.changed)
	c.changed = make(chan struct{})
}

// run connects, reads until the connection drops, and tries again until the
// game ends, the seat is refused or the client is closed.
func (c *Client) run(ctx context.Context) {
	defer close(c.done)
	for {
		err := c.session(ctx)
		if ctx.Err() != nil || c.Status().Over != nil {
			return
		}
		if errors.Is(err, ErrRefused) {
			c.update(func(s *Status) { s.Connected, s.Refused, s.Gone = false, err, "" })
			return
		}
		c.update(func(s *Status) {
			s.Connected, s.Cause = false, err
			s.Gone = "The server is gone. Trying again…"
		})
		select {
		case <-ctx.Done():
			return
		case <-time.After(retryEvery):
		}
	}
}

// session is one connection: hello, then every message the server sends.
func (c *Client) session(ctx context.Context) error {
	ws, _, err := websocket.Dial(ctx, c.url, nil)
	if err != nil {
		return err
	}
	defer ws.CloseNow()
	ws.SetReadLimit(64 << 20)
	if err := send(ctx, ws, &netproto.ClientMessage{Type: netproto.TypeHello, Version: netproto.ProtocolVersion, Code: c.code}); err != nil {
		return err
	}
	welcomed := false
	defer func() {
		c.mu.Lock()
		c.ws = nil
		for id, w := range c.waiters { // their answers are lost with the connection
			w <- nil
			delete(c.waiters, id)
		}
		c.mu.Unlock()
	}()
	for {
		_, data, err := ws.Read(ctx)
		if err != nil {
			return err
		}
		var m netproto.ServerMessage
		if err := json.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("a message from the server: %w", err)
		}
		switch m.Type {
		case netproto.TypeRefused:
			if !welcomed {
				return fmt.Errorf("%w: %s", ErrRefused, m.Reason)
			}
			c.update(func(s *Status) { s.Notice, s.Refusals = m.Reason, s.Refusals+1 })
		case netproto.TypeWelcome:
			welcomed = true
			c.mu.Lock()
			c.ws = ws
			c.mu.Unlock()
			c.update(func(s *Status) {
				s.Connected, s.Gone, s.Cause = true, "", nil
				s.Welcomes++
				s.Role, s.Scenario, s.Canonical, s.Seats = m.Role, m.ScenarioID, m.Canonical, m.Seats
			})
		case netproto.TypeAccepted:
			c.update(func(s *Status) { s.Accepted++ })
		case netproto.TypeSeats:
			c.update(func(s *Status) { s.Seats, s.Waiting, s.Paused = m.Seats, m.Waiting, m.Paused })
		case netproto.TypePreview:
			c.answer(&m)
		case netproto.TypeLog:
			c.update(func(*Status) {
				c.log = append(c.log[:min(m.LogFrom, len(c.log))], m.Log...)
				c.changes = append(c.changes[:min(m.ChangesFrom, len(c.changes))], m.Changes...)
			})
		case netproto.TypeObserve:
			c.update(func(s *Status) {
				s.Observe, s.Waiting, s.Paused, s.Seen = &m, m.Waiting, m.Paused, s.Accepted
				if m.Seats != nil {
					s.Seats = m.Seats
				}
			})
		case netproto.TypeOver:
			c.update(func(s *Status) { s.Over, s.Connected = &m, false })
			ws.Close(websocket.StatusNormalClosure, "")
			return nil
		}
	}
}

// answer hands a preview answer to the Preview call waiting for it.
func (c *Client) answer(m *netproto.ServerMessage) {
	c.mu.Lock()
	w := c.waiters[m.ID]
	delete(c.waiters, m.ID)
	c.mu.Unlock()
	if w != nil {
		w <- m
	}
}

// ServerError is the server's answer that a previewed order cannot be
// given now, and why.
type ServerError struct{ Reason string }

func (e *ServerError) Error() string { return e.Reason }

// ErrNotConnected is returned by Send and Preview while the server cannot be reached.
var ErrNotConnected = errors.New("not connected to the server")

// Send gives the server the seat's orders at stop; done closes what the seat
// leaves open with the default answers.
func (c *Client) Send(ctx context.Context, stop int64, orders []sim.Order, done bool) error {
	m := &netproto.ClientMessage{Type: netproto.TypeOrders, Stop: stop, Done: done}
	for _, o := range orders {
		m.Orders = append(m.Orders, replay.EncodeOrder(o))
	}
	return c.write(ctx, m)
}

// Preview asks the server what an order would change, and waits for its answer.
func (c *Client) Preview(ctx context.Context, o sim.Order) (sim.Preview, error) {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	w := make(chan *netproto.ServerMessage, 1)
	c.waiters[id] = w
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.waiters, id)
		c.mu.Unlock()
	}()
	wo := replay.EncodeOrder(o)
	if err := c.write(ctx, &netproto.ClientMessage{Type: netproto.TypePreview, ID: id, Order: &wo}); err != nil {
		return sim.Preview{}, err
	}
	select {
	case <-ctx.Done():
		return sim.Preview{}, ctx.Err()
	case m := <-w:
		if m == nil {
			return sim.Preview{}, ErrNotConnected
		}
		if m.Error != "" {
			return sim.Preview{}, &ServerError{Reason: m.Error}
		}
		if m.Preview == nil {
			return sim.Preview{}, errors.New("the server's preview answer carries no preview")
		}
		return *m.Preview, nil
	}
}

func (c *Client) write(ctx context.Context, m *netproto.ClientMessage) error {
	c.mu.Lock()
	ws := c.ws
	c.mu.Unlock()
	if ws == nil {
		return ErrNotConnected
	}
	return send(ctx, ws, m)
}

func send(ctx context.Context, ws *websocket.Conn, m *netproto.ClientMessage) error {
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode a %s message: %w", m.Type, err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := ws.Write(ctx, websocket.MessageText, data); err != nil {
		return fmt.Errorf("send a %s message: %w", m.Type, err)
	}
	return nil
}
