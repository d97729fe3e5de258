package runner_test

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
	"github.com/deconflict/deconflict/sim/simtest"
)

// TestPrintHashes prints, for the cross-architecture check (.ci/hashcheck.sh),
// the scenario hash of every embedded scenario and the state hash after
// every turn of its AI runs at seeds 1 to 3, then the same for testland
// played with random orders, and a few derived seeds. It runs only when
// DECONFLICT_HASHES is set; DECONFLICT_HASH_TURNS limits the turns of each run.
func TestPrintHashes(t *testing.T) {
	if os.Getenv("DECONFLICT_HASHES") == "" {
		t.Skip("set DECONFLICT_HASHES=1 to print the hashes (see .ci/hashcheck.sh)")
	}
	var turns int32
	if s := os.Getenv("DECONFLICT_HASH_TURNS"); s != "" {
		n, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			t.Fatalf("DECONFLICT_HASH_TURNS: %v", err)
		}
		turns = int32(n)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	name, offset := time.Now().Zone()
	fmt.Fprintf(w, "zone %s %d\n", name, offset) // not compared: it tells which zone the run saw
	files := scenarios.Files()
	if len(files) == 0 {
		t.Fatal("no embedded scenarios")
	}
	for _, f := range files {
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		fmt.Fprintf(w, "scenario %s %s\n", sc.ID, scenario.Hash(sc))
		d := runner.NewDriver(sc)
		for seed := uint64(1); seed <= 3; seed++ {
			r, err := d.Run(seed, runner.Options{Record: true, Turns: turns})
			if err != nil {
				t.Fatalf("%s seed %d: %v", sc.ID, seed, err)
			}
			printRun(w, sc.ID, seed, r.Hashes, r.FinalHash, &r.Metrics)
		}
	}
	sc := simtest.Scenario()
	for seed := uint64(1); seed <= 3; seed++ {
		c := &simtest.Chaos{Engine: sim.New(sc, seed), Src: simtest.NewDice(seed)}
		if err := c.Play(turns); err != nil {
			t.Fatalf("testland seed %d: %v", seed, err)
		}
		var metrics [sim.NumMetrics]int64
		for m := range metrics {
			metrics[m] = c.Engine.Metric(sim.Metric(m))
		}
		printRun(w, "testland-random-orders", seed, c.Hashes, c.Engine.Hash(), &metrics)
	}
	for i := uint64(0); i < 5; i++ {
		fmt.Fprintf(w, "derive 1 %d %d\n", i, sim.DeriveSeed(1, i))
	}
}

func printRun(w *bufio.Writer, id string, seed uint64, hashes []sim.Hash, final sim.Hash, metrics *[sim.NumMetrics]int64) {
	for turn, h := range hashes {
		fmt.Fprintf(w, "hash %s %d %d %s\n", id, seed, turn, h)
	}
	var m strings.Builder
	for i, v := range metrics {
		fmt.Fprintf(&m, " %s=%d", sim.Metric(i), v)
	}
	fmt.Fprintf(w, "final %s %d %s%s\n", id, seed, final, m.String())
}
