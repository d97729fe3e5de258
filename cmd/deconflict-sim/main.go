// Command deconflict-sim is the headless side of Deconflict: it lists and
// validates scenarios, plays seeded runs with AI for every actor, checks
// replays and runs Monte Carlo batches. It never opens a window and builds
// without cgo.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/deconflict/deconflict/sim/scenario"
)

// Exit codes, as the command-line contract fixes them.
const (
	exitOK    = 0 // success
	exitFail  = 1 // invalid input or a failed check
	exitUsage = 2 // usage error
)

// command is one subcommand: its one-line summary and its entry point.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() map[string]command {
	return map[string]command{
		"list":     {"list the embedded scenarios", cmdList},
		"validate": {"check scenario files and report every problem", cmdValidate},
		"schema":   {"print the JSON Schema of the scenario format, for editors", cmdSchema},
		"canon":    {"print the canonical form behind a scenario hash", cmdCanon},
		"diff":     {"compare two scenarios key by key", cmdDiff},
		"new":      {"write a commented starting scenario", cmdNew},
		"lint":     {"look for mistakes of meaning in scenario files", cmdLint},
		"test":     {"judge the [[expect]] blocks of scenarios over many seeded runs", cmdTest},
		"run":      {"play one seeded run with AI for every actor", cmdRun},
		"replay":   {"re-simulate a recorded run and check every hash", cmdReplay},
		"batch":    {"run many seeded runs, sweeps and shards; write rows and a summary", cmdBatch},
		"map":      {"draw a scenario on the real map as SVG", cmdMap},
		"merge":    {"merge the shards of a batch into one file", cmdMerge},
		"serve":    {"serve one game to several players over WebSockets", cmdServe},
		"join":     {"play one seat of a served game with an AI policy", cmdJoin},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: deconflict-sim COMMAND [flags] [args]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'deconflict-sim COMMAND -h' for a command's flags.")
}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

// dispatch runs the subcommand named by args[0] and returns the exit code.
func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "deconflict-sim: unknown command %q\n\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(args[1:], stdout, stderr)
}

// setFlags collects repeated --set KEY=VALUE flags.
type setFlags []string

func (s *setFlags) String() string { return strings.Join(*s, ",") }

// Set records one --set flag, refusing one that is not of the form KEY=VALUE.
func (s *setFlags) Set(v string) error {
	if _, err := scenario.ParseOverride(v); err != nil {
		return err
	}
	*s = append(*s, v)
	return nil
}

// overrides returns the --set flags as scenario overrides, numbered from 1
// so that errors point at "--set:N".
func (s setFlags) overrides() []scenario.Override {
	out := make([]scenario.Override, 0, len(s))
	for i, v := range s {
		o, err := scenario.ParseOverride(v)
		if err != nil {
			continue // Set refused it already
		}
		o.Arg = i + 1
		out = append(out, o)
	}
	return out
}
