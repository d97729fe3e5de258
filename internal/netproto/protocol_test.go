package netproto

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/replay"
)

func TestDecode(t *testing.T) {
	m, orders, err := Decode([]byte(`{"type":"orders","stop":3,"orders":[{"kind":"strike","decision":4,"target_kind":"shipment","target":2,"route":5,"package":1,"notice":2}],"done":true}`))
	if err != nil {
		t.Fatal(err)
	}
	want := sim.Order{Kind: sim.OrderStrike, Decision: 4, Target: sim.Target{Kind: sim.TargetShipment, ID: 2}, Route: 5, Package: 1, Notice: 2}
	if m.Stop != 3 || !m.Done || len(orders) != 1 || orders[0] != want {
		t.Fatalf("decoded %+v, %+v", m, orders)
	}
	for _, bad := range []string{
		``, `null`, `[]`, `{"type":"orders"} {}`, `{"type":"orders","extra":1}`, `{"type":"shout"}`,
		`{"type":"orders","orders":[{"kind":"strike","target_kind":"city"}]}`, `{"type":"preview"}`,
		`{"type":"orders","orders":[` + strings.Repeat(`{"kind":"hold"},`, maxOrders) + `{"kind":"hold"}]}`,
		`{"type":"hello","code":"` + strings.Repeat("x", MaxMessage) + `"}`,
	} {
		if _, _, err := Decode([]byte(bad)); !errors.Is(err, ErrMalformed) {
			t.Errorf("Decode(%.60q) = %v, want a malformed-message error", bad, err)
		}
	}
}

// FuzzDecode: any input is refused cleanly or decodes to a message whose
// orders survive a round trip through the wire form.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"type":"hello","version":1,"code":"abc"}`,
		`{"type":"orders","stop":3,"orders":[{"kind":"approve","decision":12}],"done":true}`,
		`{"type":"preview","id":1,"order":{"kind":"halt","site":3,"radius":50000,"days":5}}`,
		`{"type":"takeover","role":"usa","by":"ai"}`,
		`{"type":"inject","event":"x"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, orders, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		if len(data) > MaxMessage || len(orders) > maxOrders+1 {
			t.Fatalf("accepted %d bytes with %d orders", len(data), len(orders))
		}
		for i, o := range orders {
			back, err := replay.EncodeOrder(o).Order()
			if err != nil || back != o {
				t.Fatalf("order %d does not survive the wire: %+v -> %+v (%v)", i, o, back, err)
			}
		}
		again, err := json.Marshal(&m)
		if err != nil {
			t.Fatal(err)
		}
		m2, _, err := Decode(again)
		if err != nil || !reflect.DeepEqual(m, m2) {
			t.Fatalf("a decoded message does not decode again the same: %v", err)
		}
	})
}
