package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/batch"
)

func cmdMerge(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "merge",
		synopsis: "FILE...",
		about: "Merge the files of a batch's shards (each written by batch --shard or --shards) into\n" +
			"--out: every row must appear exactly once, and the result is byte for byte the file one\n" +
			"machine writes. Then print the batch's summary, as batch does.",
	}
	fs := cmd.flags()
	var out, summary string
	var plot plotFlags
	fs.StringVar(&out, "out", "", "write the merged rows to `FILE` (.csv or .jsonl, as the inputs); required")
	fs.StringVar(&summary, "summary", "", "write the summary to `FILE`.json")
	plot.register(fs)
	files, code, ok := parseWithOperands(cmd, fs, args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(files) == 0:
		return cmd.usageError(stderr, fs, "name the shard files to merge")
	case out == "":
		return cmd.usageError(stderr, fs, "--out FILE is required")
	}
	if _, err := batch.FormatOf(out); err != nil {
		return cmd.usageError(stderr, fs, "--out "+err.Error())
	}
	if err := plot.check(); err != nil {
		return cmd.usageError(stderr, fs, err.Error())
	}
	inputs := make([]string, 0, 2*len(files))
	for _, f := range files {
		inputs = append(inputs, f, batch.MetaPath(f))
	}
	if err := distinctOutputs(batchOutputs(out, summary, plot.path), inputs); err != nil {
		return cmd.usageError(stderr, fs, err.Error())
	}
	if m, err := batch.ReadMeta(files[0]); err == nil {
		if err := checkMemory("a merge", m.Rows); err != nil {
			fmt.Fprintf(stderr, "deconflict-sim merge: %v\n", err)
			return exitFail
		}
	}
	keepHeapTight()
	meta, grid, stats, err := batch.Merge(files, out)
	if err != nil {
		fmt.Fprintf(stderr, "deconflict-sim merge: %v\n", err)
		return exitFail
	}
	return writeBatchResults(stats.Summarise(meta, grid), stats, grid, summary, &plot, stdout, stderr)
}

// parseWithOperands parses flags that may come before, between or after
// the operands (merge a.csv b.csv --out all.csv); "--" ends the flags.
func parseWithOperands(cmd subcommand, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (operands []string, code int, ok bool) {
	for {
		if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
			return nil, code, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return operands, exitOK, true
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(operands, rest...), exitOK, true
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
}
