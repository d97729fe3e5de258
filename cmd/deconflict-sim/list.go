package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim/scenario"
)

func cmdList(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:  "list",
		about: "List the embedded scenarios: id, then a one-line description.",
	}
	fs := cmd.flags()
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return cmd.usageError(stderr, fs, "list takes no arguments")
	}
	code := exitOK
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, f := range scenarios.Files() {
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			code = exitFail
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\n", sc.ID, oneLine(sc.Description))
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "deconflict-sim list: %v\n", err)
		return exitFail
	}
	return code
}

// oneLine folds a text's whitespace and line breaks into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
