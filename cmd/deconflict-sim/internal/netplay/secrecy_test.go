package netplay

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"reflect"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// testConn is a connection without a socket: the test reads what the game
// sends it straight from its queues.
func testConn(s *seat) *conn {
	return &conn{seat: s, addr: "test", out: make(chan []byte, 1<<16), latest: make(chan []byte, 1),
		closed: make(chan struct{}), log: func(string, ...any) {}}
}

// allowed lists the fields each message type may carry to an actor's seat.
var allowed = map[string][]string{
	netproto.TypeWelcome:  {"type", "version", "role", "scenario_id", "canonical", "scenario", "seats"},
	netproto.TypeObserve:  {"type", "stop", "turn", "waiting", "paused", "seats", "observation", "your_turn", "suggestion"},
	netproto.TypeAccepted: {"type", "stop", "count"},
	netproto.TypeRefused:  {"type", "reason"},
	netproto.TypePreview:  {"type", "id", "preview", "error"},
	netproto.TypeSeats:    {"type", "seats", "waiting", "paused"},
	netproto.TypeOver:     {"type", "outcome", "final_hash", "verdicts", "turn"},
	netproto.TypeLog:      {"type", "log_from", "log", "changes_from", "changes"},
}

// checkMessage fails unless a message to actor a's seat carries only the
// fields its type allows, and an observation exactly equal to what the
// engine's Observe gives a now.
func checkMessage(t *rapid.T, g *Game, a sim.Actor, data []byte) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	var typ string
	json.Unmarshal(fields["type"], &typ)
	ok := map[string]bool{}
	for _, f := range allowed[typ] {
		ok[f] = true
	}
	for f := range fields {
		if !ok[f] {
			t.Fatalf("a %s message to %s carries %q", typ, a, f)
		}
	}
	var m netproto.ServerMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if typ == netproto.TypeLog {
		// the log shows the role only what the local game's log shows it
		for _, e := range m.Log {
			if !e.SeenBy(a) {
				t.Fatalf("a log message to %s carries a %v entry of turn %d", a, e.Kind, e.Turn)
			}
		}
		for _, ch := range m.Changes {
			if !ch.SeenBy(a) {
				t.Fatalf("a log message to %s carries a change of quantity %d", a, ch.Quantity)
			}
		}
		return
	}
	if typ != netproto.TypeObserve {
		return
	}
	var want sim.Observation
	g.eng.Observe(a, &want)
	want.Scenario = nil
	wantJSON, _ := json.Marshal(&want)
	var norm sim.Observation
	json.Unmarshal(wantJSON, &norm)
	if !reflect.DeepEqual(*m.Observation, norm) {
		t.Fatalf("the observation sent to %s at stop %d is not %s's observation", a, m.Stop, a)
	}
	// The suggestion answers the seat's own decisions, or gives free orders
	// its role may give.
	for _, w := range m.Suggestion {
		o, err := w.Order()
		if err != nil {
			t.Fatal(err)
		}
		own := o.Decision == 0 && g.eng.Check(a, o) == nil
		for _, d := range m.Observation.Decisions {
			own = own || d.ID == o.Decision
		}
		if !own {
			t.Fatalf("the suggestion to %s holds an order that is not its own: %+v", a, w)
		}
	}
}

// TestSeatsLearnOnlyTheirObservation plays random games to random depths
// with random seats and checks every message the seats are sent.
func TestSeatsLearnOnlyTheirObservation(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		id := rapid.SampledFrom([]string{"tanf-2021", "green-village-2022", "bukamal-2018"}).Draw(rt, "scenario")
		seed := rapid.Uint64Range(0, 1<<20).Draw(rt, "seed")
		roles := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"israel", "usa", "iran"}), 1, 3, rapid.ID[string]).Draw(rt, "seats")
		turns := rapid.IntRange(1, 30).Draw(rt, "answers")
		sc := simtest.Embedded(t, id)
		setup, err := NewSetup(sc, seed, nil, roles, 0)
		if err != nil {
			rt.Fatal(err)
		}
		g, err := Open(t.TempDir(), setup, log.New(io.Discard, "", 0))
		if err != nil {
			rt.Fatal(err)
		}
		conns := map[sim.Actor]*conn{}
		for _, s := range g.seats {
			c := testConn(s)
			conns[s.actor] = c
			g.in <- input{from: c, join: true}
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { g.Run(ctx); close(done) }()
		defer func() { cancel(); <-done }()
		type sent struct {
			data []byte
			m    netproto.ServerMessage
		}
		last := map[sim.Actor]*sent{} // the newest observation each seat was sent
		deadline := time.Now().Add(10 * time.Second)
		for answered := 0; answered < turns; {
			if time.Now().After(deadline) {
				rt.Fatal("the game waits for nobody")
			}
			for a, c := range conns {
				for more := true; more; {
					select {
					case d := <-c.out:
						checkMessage(rt, g, a, d) // not an observation: its fields only
						var m netproto.ServerMessage
						json.Unmarshal(d, &m)
						if m.Type == netproto.TypeOver {
							return
						}
					case d := <-c.latest:
						s := &sent{data: d}
						json.Unmarshal(d, &s.m)
						last[a] = s
					default:
						more = false
					}
				}
			}
			// When the game waits for a seat and every seat has been sent
			// that stop's observation, the game is blocked until the seat
			// answers: its state stands still while every message is checked.
			for a, s := range last {
				if s == nil || !s.m.YourTurn {
					continue
				}
				ready := true
				for b := range conns {
					ready = ready && last[b] != nil && last[b].m.Stop == s.m.Stop
				}
				if !ready {
					continue
				}
				for b, sb := range last {
					checkMessage(rt, g, b, sb.data)
				}
				g.in <- input{from: conns[a], entry: &entry{Kind: "orders", Stop: s.m.Stop, Done: true}, orders: ordersOf(rt, s.m.Suggestion)}
				answered++
				last[a] = nil
				deadline = time.Now().Add(10 * time.Second)
				break
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	})
}

func ordersOf(t *rapid.T, ws []netproto.WireOrder) []sim.Order {
	var out []sim.Order
	for _, w := range ws {
		o, err := w.Order()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	return out
}
