package main

import (
	"fmt"
	"io"

	"github.com/deconflict/deconflict/sim/scenario"
)

func cmdSchema(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "schema",
		synopsis: "",
		about: "Print a JSON Schema (draft-07) of the scenario format, generated from the\n" +
			"loader's own tables. Editors that read JSON Schemas for TOML (Taplo, Even Better\n" +
			"TOML) use it to complete keys, document them on hover and flag typos and wrong\n" +
			"types; the repository keeps a copy in " + scenario.SchemaPath + ".",
	}
	fs := cmd.flags()
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return cmd.usageError(stderr, fs, "schema takes no arguments")
	}
	if _, err := stdout.Write(scenario.Schema()); err != nil {
		fmt.Fprintf(stderr, "deconflict-sim schema: %v\n", err)
		return exitFail
	}
	return exitOK
}
