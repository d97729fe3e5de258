package netplay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
	"github.com/deconflict/deconflict/sim/replay"
	"github.com/deconflict/deconflict/sim/scenario"
)

// ErrRefused is wrapped by Join's error when the server refuses the seat
// (a wrong code, a finished game): trying again would not help.
var ErrRefused = errors.New("the server refused the seat")

// JoinOptions say how a client plays its seat.
type JoinOptions struct {
	Addr   string        // host:port, or a ws:// or wss:// URL
	Code   string        // the seat's code
	Policy string        // an AI policy to run here; "" answers with the server's suggestion (the scenario's policy)
	Seed   uint64        // seeds a Policy run here
	Retry  time.Duration // how long to keep reconnecting after the connection drops
	Log    *log.Logger
}

// Join plays one seat until the game ends and returns the server's last
// message, which says how the game ended.
func Join(ctx context.Context, opt JoinOptions) (*netproto.ServerMessage, error) {
	url := opt.Addr
	if !strings.HasPrefix(url, "ws://") && !strings.HasPrefix(url, "wss://") {
		url = "ws://" + url
	}
	url = strings.TrimSuffix(url, "/") + "/ws"
	p := &player{opt: opt}
	var dropped time.Time
	for {
		p.answered, p.welcomed = -1, false
		over, err := p.session(ctx, url)
		if over != nil || err == nil {
			return over, err
		}
		if errors.Is(err, ErrRefused) || ctx.Err() != nil {
			return nil, err
		}
		if p.welcomed || dropped.IsZero() {
			dropped = time.Now()
			opt.Log.Printf("connection lost (%v); reconnecting for up to %s", err, opt.Retry)
		}
		if time.Since(dropped) > opt.Retry {
			return nil, fmt.Errorf("the server is gone: %w", err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// player is a client's memory across reconnections.
type player struct {
	opt      JoinOptions
	sc       *sim.Scenario
	actor    sim.Actor
	policy   sim.Policy
	answered int64 // the last stop answered in this connection
	welcomed bool  // this connection got in
}

// session is one connection: hello, then answer every turn.
func (p *player) session(ctx context.Context, url string) (*netproto.ServerMessage, error) {
	ws, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, err
	}
	defer ws.CloseNow()
	ws.SetReadLimit(64 << 20)
	if err := write(ctx, ws, &netproto.ClientMessage{Type: netproto.TypeHello, Version: netproto.ProtocolVersion, Code: p.opt.Code}); err != nil {
		return nil, err
	}
	for {
		_, data, err := ws.Read(ctx)
		if err != nil {
			return nil, err
		}
		var m netproto.ServerMessage
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("a message from the server: %w", err)
		}
		switch m.Type {
		case netproto.TypeRefused:
			if !p.welcomed {
				return nil, fmt.Errorf("%w: %s", ErrRefused, m.Reason)
			}
			p.opt.Log.Printf("refused: %s", m.Reason)
		case netproto.TypeWelcome:
			if err := p.welcome(&m); err != nil {
				return nil, err
			}
		case netproto.TypeObserve:
			if !m.YourTurn || m.Stop <= p.answered || m.Observation == nil {
				continue
			}
			orders, err := p.decide(&m)
			if err != nil {
				return nil, err
			}
			p.answered = m.Stop
			if err := write(ctx, ws, &netproto.ClientMessage{Type: netproto.TypeOrders, Stop: m.Stop, Orders: orders, Done: true}); err != nil {
				return nil, err
			}
		case netproto.TypeOver:
			ws.Close(websocket.StatusNormalClosure, "")
			return &m, nil
		}
	}
}

func (p *player) welcome(m *netproto.ServerMessage) error {
	p.welcomed = true
	if p.sc != nil {
		return nil
	}
	a, ok := sim.ParseActor(m.Role)
	if !ok {
		return fmt.Errorf("%w: this client plays an actor's seat, not %q", ErrRefused, m.Role)
	}
	p.actor = a
	if p.opt.Policy == "" {
		return nil
	}
	sc, err := scenario.Load(m.ScenarioID+" (from the server)", []byte(m.Canonical), nil)
	if err != nil {
		return fmt.Errorf("the server's scenario: %w", err)
	}
	setup := sim.ActorSetup{Present: true, Policy: p.opt.Policy}
	if sc.Actors[a].Policy == p.opt.Policy {
		// the scenario's own setup, with the setups its policy effects switch to
		setup.Params, setup.Later = sc.Actors[a].Params, sc.Actors[a].Later
	}
	pol, err := ai.New(a, setup, p.opt.Seed)
	if err != nil {
		return fmt.Errorf("%w: policy %q: %v", ErrRefused, p.opt.Policy, err)
	}
	p.sc, p.policy = sc, pol
	return nil
}

// decide answers a turn: the server's suggestion, or this client's policy.
func (p *player) decide(m *netproto.ServerMessage) ([]netproto.WireOrder, error) {
	if p.policy == nil {
		return m.Suggestion, nil
	}
	obs := m.Observation
	obs.Scenario = p.sc
	var out []netproto.WireOrder
	for _, o := range p.policy.Decide(obs, nil) {
		out = append(out, replay.EncodeOrder(o))
	}
	return out, nil
}

func write(ctx context.Context, ws *websocket.Conn, m *netproto.ClientMessage) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return ws.Write(ctx, websocket.MessageText, data)
}
