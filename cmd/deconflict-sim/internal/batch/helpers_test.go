package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/simtest"
)

// fataler is what the helpers need of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// testDays is the length of the test scenario: short, so batches are quick.
const testDays = 30

// testBuilder builds the hand-built test scenario, shortened, and applies
// the few overrides the tests sweep; any other key is an error, as the
// loader would report it.
func testBuilder(overrides []string) (Variant, error) {
	sc := simtest.Scenario()
	sc.EndDay = sc.StartDay + testDays - 1
	sc.Turns = testDays
	for _, o := range overrides {
		key, value, _ := strings.Cut(o, "=")
		var target *int64
		var scale int64
		switch key {
		case "initial.trust":
			target, scale = &sc.Initial.Trust, sim.Milli
		case "initial.complicity":
			target, scale = &sc.Initial.Complicity, sim.Micro
		case "params.retaliation_base":
			target, scale = &sc.Params[sim.ParamRetaliationBase], sim.Micro
		default:
			return Variant{}, fmt.Errorf("%s: unknown key", key)
		}
		v, ok := ParseScaled(value, scale)
		if !ok {
			return Variant{}, fmt.Errorf("%s: %q is not a number", key, value)
		}
		*target = v
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%+v %v", sc.Initial, sc.Params))
	return Variant{Scenario: sc, Hash: hex.EncodeToString(sum[:])}, nil
}

// mustPlan builds a plan of the test scenario.
func mustPlan(t fataler, spec Spec) *Plan {
	t.Helper()
	p, err := NewPlan(spec, testBuilder)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// mustSweep parses a sweep flag.
func mustSweep(t fataler, s string) Sweep {
	t.Helper()
	sw, err := ParseSweep(s)
	if err != nil {
		t.Fatal(err)
	}
	return sw
}

// writeBatch runs a plan into a fresh file (or resumes it) and returns the
// rows written in this call and the statistics of the whole file.
func writeBatch(t fataler, ctx context.Context, plan *Plan, path string, workers int, resume bool) (int64, *Stats) {
	t.Helper()
	stats := NewStats(len(plan.Points))
	w, err := Open(path, plan, resume, stats.Add)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Execute(ctx, plan, w.Rows(), workers, func(r *Row) error {
		stats.Add(r)
		return w.Write(r)
	})
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return n, stats
}

// readFile returns a file's bytes.
func readFile(t fataler, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameFile fails unless two files hold the same bytes, naming the first
// line that differs.
func sameFile(t fataler, got, want string) {
	t.Helper()
	g, w := readFile(t, got), readFile(t, want)
	if bytes.Equal(g, w) {
		return
	}
	gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
	for i := range max(len(gl), len(wl)) {
		var a, b string
		if i < len(gl) {
			a = gl[i]
		}
		if i < len(wl) {
			b = wl[i]
		}
		if a != b {
			t.Fatalf("%s differs from %s at line %d:\n got %.200q\nwant %.200q", filepath.Base(got), filepath.Base(want), i+1, a, b)
		}
	}
	t.Fatalf("%s differs from %s", got, want)
}
