package sim

import (
	"testing"

	"pgregory.net/rapid"
)

// TestShipmentFindsByID: over shipments sorted by distinct ids, shipment
// finds the one with the id asked for, and nil when none has it, as a scan
// of every shipment does.
func TestShipmentFindsByID(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.SliceOfNDistinct(rapid.Int32Range(0, 60), 0, 40, rapid.ID[int32]).Draw(t, "ids")
		var e Engine
		for id := range int32(61) { // ascending: the order the engine keeps
			for _, x := range ids {
				if x == id {
					e.st.Shipments = append(e.st.Shipments, Shipment{ID: id, Size: int64(id) + 1})
				}
			}
		}
		id := rapid.Int32Range(-1, 61).Draw(t, "id")
		var want *Shipment
		for i := range e.st.Shipments {
			if e.st.Shipments[i].ID == id {
				want = &e.st.Shipments[i]
			}
		}
		if got := e.shipment(id); got != want {
			t.Fatalf("shipment(%d) over ids %v: %v, want %v", id, ids, got, want)
		}
	})
}
