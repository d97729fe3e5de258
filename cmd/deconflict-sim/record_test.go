package main

import (
	"runtime"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
)

// heapWriter counts the bytes written to it and, every step bytes, notes
// the live heap (after a collection).
type heapWriter struct {
	n, next, step int
	live          []uint64
}

func (w *heapWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	if w.n >= w.next {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		w.live = append(w.live, ms.HeapAlloc)
		w.next += w.step
	}
	return len(p), nil
}

// TestRecordStreams: run --record writes the replay as the run goes and
// keeps none of it: the live heap stays flat while megabytes of replay are
// written. (It used to keep every turn's digest until the run ended.)
func TestRecordStreams(t *testing.T) {
	f, _ := scenarios.Lookup("shadow-war")
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	// the first sample once 100 KiB are written: after the header and the
	// first turns, when the engine and its caches are made
	w := &heapWriter{step: 100 << 10, next: 100 << 10}
	res, err := recordRun(w, false, sc, nil, 1, runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hashes) != 0 || len(res.Orders) != 0 {
		t.Fatalf("the run kept %d hashes and %d orders in memory", len(res.Hashes), len(res.Orders))
	}
	if w.n < 1<<20 || len(w.live) < 10 {
		t.Fatalf("only %d bytes of replay (%d samples): too few to tell", w.n, len(w.live))
	}
	// The first sample follows the header and the first turns; from there
	// on the heap may not grow by more than a tenth of what was written.
	first, last := w.live[0], w.live[len(w.live)-1]
	if last > first && last-first > uint64(w.n/10) {
		t.Fatalf("the live heap grew from %d to %d bytes while %d bytes of replay were written", first, last, w.n)
	}
	t.Logf("%d bytes written; live heap %d -> %d bytes", w.n, first, last)
}
