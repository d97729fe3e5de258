package netclient

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/deconflict/deconflict/internal/buildtest"
	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim"
)

// simBin is deconflict-sim, built once by TestMain: the tests run the real
// server and the real reference client, as a player would.
var simBin string

func TestMain(m *testing.M) {
	buildtest.Main(m, "github.com/deconflict/deconflict/cmd/deconflict-sim", &simBin)
}

// server is a running `deconflict-sim serve`.
type server struct {
	cmd   *exec.Cmd
	addr  string
	codes map[string]string
}

// startServe runs serve with args and reads its seat codes and address.
func startServe(t *testing.T, bin string, args ...string) *server {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	s := &server{cmd: cmd}
	sc := bufio.NewScanner(out)
	s.addr, s.codes = netproto.ReadBanner(sc)
	if s.addr == "" {
		t.Fatalf("serve printed no address: %v", sc.Err())
	}
	go func() { // keep reading so that serve never blocks on its stdout
		for sc.Scan() {
		}
	}()
	return s
}

// wait returns the first status that satisfies ok, or fails the test.
func wait(t *testing.T, c *Client, what string, ok func(Status) bool) Status {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		ch := c.Changed()
		if st := c.Status(); ok(st) {
			return st
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("waited 60 s for %s; status %+v", what, c.Status())
		}
	}
}

// answer plays the seat's turn with the server's suggestion (the
// scenario's AI for the role), so the game must end as a local run does.
func answer(t *testing.T, c *Client, m Status) {
	t.Helper()
	var orders []sim.Order
	for _, w := range m.Observe.Suggestion {
		o, err := w.Order()
		if err != nil {
			t.Fatal(err)
		}
		orders = append(orders, o)
	}
	if err := c.Send(context.Background(), m.Observe.Stop, orders, true); err != nil {
		t.Fatal(err)
	}
}

// TestPlaysThroughAKilledServer plays the usa seat of a tanf-2021 game
// against a real server while the reference client plays israel; the server
// is killed with SIGKILL mid-game and restarted on the same directory. The
// client must report the server gone, come back on its own, and the game
// must end with the final hash of `deconflict-sim run` (the oracle).
func TestPlaysThroughAKilledServer(t *testing.T) {
	bin := simBin
	dir := filepath.Join(t.TempDir(), "game")
	srv := startServe(t, bin, "--scenario", "tanf-2021", "--seed", "7", "--seats", "usa,israel", "--dir", dir)

	c := Dial(srv.addr, srv.codes["usa"])
	defer c.Close()
	st := wait(t, c, "the welcome", func(s Status) bool { return s.Connected })
	if st.Role != "usa" || st.Scenario != "tanf-2021" || st.Canonical == "" {
		t.Fatalf("welcome: role %q scenario %q", st.Role, st.Scenario)
	}
	// Before israel joins, the seats say who is there and who is not.
	st = wait(t, c, "the seats", func(s Status) bool { return len(s.Seats) == 2 })
	for _, s := range st.Seats {
		if want := s.Role == "usa"; s.Connected != want {
			t.Fatalf("seat %s connected %v, want %v", s.Role, s.Connected, want)
		}
	}

	join := exec.Command(bin, "join", srv.addr, "--code", srv.codes["israel"])
	if err := join.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { join.Process.Kill(); join.Wait() }()

	var answered int64
	killed, previewed := false, false
	for {
		st := wait(t, c, "a turn or the end", func(s Status) bool {
			return s.Over != nil || s.Connected && s.Observe != nil && s.Observe.YourTurn && s.Observe.Stop > answered
		})
		if st.Over != nil {
			break
		}
		if st.Observe.Observation == nil || st.Observe.Observation.Actor != sim.USA {
			t.Fatalf("observation %+v is not the usa seat's", st.Observe.Observation)
		}
		if !killed && st.Observe.Turn >= 3 {
			srv.cmd.Process.Kill()
			srv.cmd.Wait()
			gone := wait(t, c, "the server gone", func(s Status) bool { return !s.Connected && s.Gone != "" })
			if gone.Gone != "The server is gone. Trying again…" || gone.Cause == nil {
				t.Fatalf("gone message %q, cause %v", gone.Gone, gone.Cause)
			}
			if err := c.Send(context.Background(), st.Observe.Stop, nil, true); !errors.Is(err, ErrNotConnected) {
				t.Fatalf("send while gone: %v, want ErrNotConnected", err)
			}
			restarted := startServe(t, bin, "--addr", srv.addr, "--dir", dir)
			if restarted.codes["usa"] != srv.codes["usa"] {
				t.Fatal("the restarted server changed the seat codes")
			}
			killed = true
			continue
		}
		if sug := st.Observe.Suggestion; len(sug) > 0 && !previewed {
			o, err := sug[0].Order()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Preview(context.Background(), o); err != nil {
				t.Fatalf("preview of the suggested %s: %v", o.Kind, err)
			}
			bad := o
			bad.Decision = 1 << 30 // no such decision
			if _, err := c.Preview(context.Background(), bad); err == nil {
				t.Fatal("the preview of an order for no decision has no error")
			}
			previewed = true
		}
		answer(t, c, st)
		answered = st.Observe.Stop
	}
	if !previewed {
		t.Fatal("no turn had a suggested order to preview")
	}
	if !killed {
		t.Fatal("the game ended before turn 3: the server was never killed")
	}

	out, err := exec.Command(bin, "run", "--scenario", "tanf-2021", "--seed", "7", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		FinalHash string `json:"final_hash"`
	}
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	if got := c.Status().Over.FinalHash; got != want.FinalHash || got == "" {
		t.Fatalf("served game's final hash %q, local run's %q", got, want.FinalHash)
	}
}

// TestWrongCodeIsRefused: a wrong code stops the client with ErrRefused
// rather than retrying for ever.
func TestWrongCodeIsRefused(t *testing.T) {
	bin := simBin
	srv := startServe(t, bin, "--scenario", "tanf-2021", "--seed", "1", "--seats", "usa", "--dir", filepath.Join(t.TempDir(), "game"))
	c := Dial(srv.addr, "not-a-code")
	defer c.Close()
	st := wait(t, c, "the refusal", func(s Status) bool { return s.Refused != nil })
	if !errors.Is(st.Refused, ErrRefused) || st.Connected {
		t.Fatalf("status %+v", st)
	}
}
