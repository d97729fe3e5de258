// Package netproto holds the messages a served game and its clients
// exchange over WebSockets (docs/network.md), so that the server and every
// client (the headless join, the desktop and browser game) share one schema.
package netproto

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/replay"
)

// ProtocolVersion is the version of the message schema; a client says which
// version it speaks in its hello and the server refuses any other.
const ProtocolVersion = 1

// MaxMessage is the largest message a client may send, in bytes.
const MaxMessage = 64 << 10

// maxOrders bounds the orders in one message.
const maxOrders = 64

// Message types a client sends.
const (
	TypeHello    = "hello"    // first message: the seat code
	TypeOrders   = "orders"   // orders at the current stop, optionally closing the seat's answer
	TypePreview  = "preview"  // what an order would change
	TypePause    = "pause"    // umpire: hold the game
	TypeResume   = "resume"   // umpire: go on
	TypeInject   = "inject"   // umpire: fire a scenario event now
	TypeTakeover = "takeover" // umpire: say who answers for a role
)

// Message types the server sends.
const (
	TypeWelcome  = "welcome"  // the seat, its scenario and the seats
	TypeObserve  = "observe"  // the seat's observation at a stop
	TypeAccepted = "accepted" // orders were applied
	TypeRefused  = "refused"  // a message or order was refused, and why
	TypeSeats    = "seats"    // who is connected and who answers for each role
	TypeOver     = "over"     // the game ended
	TypeLog      = "log"      // the event-log entries and recorded changes the seat's role may know, since the last
)

// Controllers say who answers a role's decisions.
const (
	BySeat   = "seat"   // the seat's player
	ByAI     = "ai"     // the server's AI, as in a local run
	ByUmpire = "umpire" // the umpire, by hand
)

// Umpire is the role name of the umpire seat.
const Umpire = "umpire"

// ClientMessage is any message a client sends; Type says which fields count.
type ClientMessage struct {
	Type    string      `json:"type"`
	Version int         `json:"version,omitempty"` // hello
	Code    string      `json:"code,omitempty"`    // hello
	Stop    int64       `json:"stop,omitempty"`    // orders: the stop answered (from observe)
	Role    string      `json:"role,omitempty"`    // orders (umpire), takeover: the role meant
	Orders  []WireOrder `json:"orders,omitempty"`  // orders
	Done    bool        `json:"done,omitempty"`    // orders: close what is left open with the default answers
	ID      int64       `json:"id,omitempty"`      // preview: echoed in the answer
	Order   *WireOrder  `json:"order,omitempty"`   // preview
	Event   string      `json:"event,omitempty"`   // inject: the scenario event's id
	By      string      `json:"by,omitempty"`      // takeover: seat, ai or umpire
}

// WireOrder is an order as messages carry it: the replay format's form.
type WireOrder = replay.WireOrder

// ErrMalformed is wrapped by every error Decode returns.
var ErrMalformed = errors.New("malformed message")

// Decode reads one client message, refusing oversized input, unknown fields,
// unknown types and trailing data; orders are parsed, not yet checked
// against the game.
func Decode(data []byte) (ClientMessage, []sim.Order, error) {
	var m ClientMessage
	if len(data) > MaxMessage {
		return m, nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrMalformed, len(data), MaxMessage)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if dec.More() {
		return m, nil, fmt.Errorf("%w: data after the message", ErrMalformed)
	}
	switch m.Type {
	case TypeHello, TypeOrders, TypePreview, TypePause, TypeResume, TypeInject, TypeTakeover:
	default:
		return m, nil, fmt.Errorf("%w: unknown type %q", ErrMalformed, m.Type)
	}
	if len(m.Orders) > maxOrders {
		return m, nil, fmt.Errorf("%w: %d orders in one message, the limit is %d", ErrMalformed, len(m.Orders), maxOrders)
	}
	orders := make([]sim.Order, 0, len(m.Orders))
	for i, w := range m.Orders {
		o, err := w.Order()
		if err != nil {
			return m, nil, fmt.Errorf("%w: order %d: %v", ErrMalformed, i+1, err)
		}
		orders = append(orders, o)
	}
	if m.Type == TypePreview {
		if m.Order == nil {
			return m, nil, fmt.Errorf("%w: a preview names no order", ErrMalformed)
		}
		o, err := m.Order.Order()
		if err != nil {
			return m, nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		orders = append(orders, o)
	}
	return m, orders, nil
}

// SeatInfo is one seat as every seat sees it.
type SeatInfo struct {
	Role      string `json:"role"`
	Connected bool   `json:"connected"`
	By        string `json:"by,omitempty"` // who answers for the role now
}

// ServerMessage is any message the server sends; Type says which fields count.
type ServerMessage struct {
	Type        string            `json:"type"`
	Version     int               `json:"version,omitempty"`      // welcome
	Role        string            `json:"role,omitempty"`         // welcome: the seat's role
	ScenarioID  string            `json:"scenario_id,omitempty"`  // welcome
	Canonical   string            `json:"canonical,omitempty"`    // welcome: the scenario as TOML (public)
	Scenario    json.RawMessage   `json:"scenario,omitempty"`     // welcome: the compiled scenario (public)
	Seats       []SeatInfo        `json:"seats,omitempty"`        // welcome, seats, observe
	Stop        int64             `json:"stop,omitempty"`         // observe, accepted
	Waiting     []string          `json:"waiting,omitempty"`      // observe: the roles the game waits for
	Paused      bool              `json:"paused,omitempty"`       // observe
	YourTurn    bool              `json:"your_turn,omitempty"`    // observe: the seat has open decisions
	Observation *sim.Observation  `json:"observation,omitempty"`  // observe: the role's observation (Scenario left out)
	Suggestion  []WireOrder       `json:"suggestion,omitempty"`   // observe: the AI's answer for this seat, on its turn
	State       *sim.State        `json:"state,omitempty"`        // observe, umpire only: the whole state
	Count       int               `json:"count,omitempty"`        // accepted: orders applied
	Reason      string            `json:"reason,omitempty"`       // refused
	ID          int64             `json:"id,omitempty"`           // preview answer
	Preview     *sim.Preview      `json:"preview,omitempty"`      // preview answer
	Error       string            `json:"error,omitempty"`        // preview answer: why the order is invalid
	Outcome     string            `json:"outcome,omitempty"`      // over
	FinalHash   string            `json:"final_hash,omitempty"`   // over
	Verdicts    map[string]string `json:"verdicts,omitempty"`     // over
	Turn        int32             `json:"turn,omitempty"`         // observe
	LogFrom     int               `json:"log_from,omitempty"`     // log: the index of Log's first entry in the seat's log
	Log         []sim.Entry       `json:"log,omitempty"`          // log: entries the role may know (sim.Entry.SeenBy)
	ChangesFrom int               `json:"changes_from,omitempty"` // log: the index of Changes' first in the seat's record
	Changes     []sim.Change      `json:"changes,omitempty"`      // log: recorded changes the role may know (sim.Change.SeenBy)
}
