package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/scentest"
	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// defaultTestRuns is how many runs test plays per file unless told.
const defaultTestRuns = 400

func cmdTest(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "test",
		synopsis: "[--runs N] [--seed S] FILE|ID...",
		about: "Judge each scenario's [[expect]] blocks: play N seeded runs with AI for every\n" +
			"actor (on all cores), and print each expectation with its observed share or mean\n" +
			"and 95% interval. An expectation fails only when its whole interval lies outside\n" +
			"its bounds. Exits 1 when one fails or a file does not load.",
	}
	fs := cmd.flags()
	runs := fs.Int("runs", defaultTestRuns, "play `N` runs of each scenario")
	seed := fs.Uint64("seed", 1, "base seed `S`: run i's seed is derived from S and i")
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return cmd.usageError(stderr, fs, "no scenarios to test")
	}
	if *runs < 2 || *runs > 1_000_000 {
		return cmd.usageError(stderr, fs, fmt.Sprintf("--runs %d: want 2 to 1000000", *runs))
	}
	code := exitOK
	for _, ref := range fs.Args() {
		name, sc, expects, err := loadTests(ref)
		if err != nil {
			printProblems(stderr, err)
			code = exitFail
			continue
		}
		if len(expects) == 0 {
			fmt.Fprintf(stdout, "%s: no [[expect]] blocks\n", name)
			continue
		}
		results, err := scentest.Run(sc, expects, *runs, *seed, 0)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			code = exitFail
			continue
		}
		if !printTests(stdout, name, *runs, *seed, results) {
			code = exitFail
		}
	}
	return code
}

// loadTests loads a scenario and its expectations from a file, or from the
// embedded scenario of that id.
func loadTests(ref string) (string, *sim.Scenario, []scenario.Expect, error) {
	if st, err := os.Stat(ref); err == nil && !st.IsDir() {
		data, err := readScenarioFile(ref)
		if err != nil {
			return ref, nil, nil, err
		}
		sc, ex, err := scenario.LoadWithExpectations(ref, data, nil)
		return ref, sc, ex, err
	}
	if f, ok := scenarios.Lookup(ref); ok {
		sc, ex, err := scenario.LoadWithExpectations(f.Name, f.Data, nil)
		return f.Name, sc, ex, err
	}
	return ref, nil, nil, fmt.Errorf("unknown scenario %q: no such file, and no embedded scenario has that id (embedded: %s)", ref, strings.Join(embeddedIDs(), ", "))
}

// printTests prints one line per expectation and reports whether all passed.
func printTests(w io.Writer, name string, runs int, seed uint64, results []scentest.Result) bool {
	failed := 0
	for _, r := range results {
		if r.Failed {
			failed++
		}
	}
	verdict := "ok"
	if failed > 0 {
		verdict = fmt.Sprintf("FAIL (%d of %d)", failed, len(results))
	}
	fmt.Fprintf(w, "%s: %s, %d runs from seed %d\n", name, verdict, runs, seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range results {
		status := "ok"
		if r.Failed {
			status = "FAIL"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s [%s, %s]\twant %s\t%s\n", status, r.Expect.ID, r.Expect.Check,
			num(r.Value), num(r.Lo), num(r.Hi), bounds(r.Expect), r.Expect.Text)
	}
	tw.Flush()
	return failed == 0
}

// num renders an observed value to three decimals.
func num(v float64) string { return fmt.Sprintf("%.3f", v) }

// bounds renders an expectation's bounds, leaving out a side it leaves open.
func bounds(x scenario.Expect) string {
	floor, ceil := -1e9, 1e9
	if x.Check != scenario.ExpectMean {
		floor, ceil = 0, 1
	}
	lo, hi := trim(x.Min), trim(x.Max)
	switch {
	case x.Min <= floor && x.Max >= ceil:
		return "any"
	case x.Min <= floor:
		return "≤ " + hi
	case x.Max >= ceil:
		return "≥ " + lo
	}
	return lo + ".." + hi
}

func trim(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", v), "0"), ".")
}
