package sim

import (
	"testing"

	"pgregory.net/rapid"
)

// TestRollIfOnTheReferenceVector: on the reference generator (seeded as
// pcg32_srandom(42, 54)), a skipped draw leaves the stream alone and
// returns Micro, and a draw rolls the reference outputs in turn:
// 0xa15c02b7 × 10^6 / 2^32 = 630310.9…, 0x7b47f409 × 10^6 / 2^32 = 481566.3…
func TestRollIfOnTheReferenceVector(t *testing.T) {
	p := PCG{Inc: 54<<1 | 1}
	p.Uint32()
	p.State += 42
	p.Uint32()
	for i, c := range []struct {
		draw bool
		want int64
	}{{false, Micro}, {true, 630310}, {false, Micro}, {false, Micro}, {true, 481566}} {
		if got := p.rollIf(c.draw); got != c.want {
			t.Errorf("call %d (draw %v): %d, want %d", i, c.draw, got, c.want)
		}
	}
}

// TestRollIfIsRollOrNothing: from any stream, rollIf(true) is Roll (the same
// number, the stream left the same), and rollIf(false) leaves the stream
// untouched.
func TestRollIfIsRollOrNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := PCG{State: rapid.Uint64().Draw(t, "state"), Inc: rapid.Uint64().Draw(t, "inc") | 1}
		q := p
		if got, want := p.rollIf(true), q.Roll(); got != want || p != q {
			t.Fatalf("rollIf(true) = %d with stream %+v; Roll = %d with %+v", got, p, want, q)
		}
		before := p
		if got := p.rollIf(false); got != Micro || p != before {
			t.Fatalf("rollIf(false) = %d with stream %+v, want %d with %+v", got, p, Micro, before)
		}
	})
}
