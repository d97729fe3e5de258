package main

import (
	_ "embed"
	"fmt"
	"io"
	"os"

	"github.com/deconflict/deconflict/internal/atomicfile"
)

// newScenario is the commented starting scenario deconflict-sim new writes:
// it validates, lints clean, runs and passes its own expectations (tests).
//
//go:embed new.toml
var newScenario []byte

func cmdNew(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "new",
		synopsis: "[FILE]",
		about: "Write a commented starting scenario (a fortnight at Al-Tanf) to FILE, or to\n" +
			"stdout without one. It validates, lints clean and runs; edit it into your own.\n" +
			"An existing FILE is never overwritten.",
	}
	fs := cmd.flags()
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	switch fs.NArg() {
	case 0:
		if _, err := stdout.Write(newScenario); err != nil {
			fmt.Fprintf(stderr, "deconflict-sim new: %v\n", err)
			return exitFail
		}
		return exitOK
	case 1:
	default:
		return cmd.usageError(stderr, fs, "new takes at most one file")
	}
	path := fs.Arg(0)
	if _, err := os.Lstat(path); err == nil {
		fmt.Fprintf(stderr, "deconflict-sim new: %s exists; choose another name\n", path)
		return exitFail
	}
	if err := atomicfile.WriteFile(path, newScenario); err != nil {
		fmt.Fprintf(stderr, "deconflict-sim new: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return exitOK
}
