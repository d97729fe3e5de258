package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/mapsvg"
	"github.com/deconflict/deconflict/internal/atomicfile"
)

func cmdMap(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "map",
		synopsis: "--out FILE.svg [--set KEY=VALUE]... FILE|ID",
		about: "Draw a scenario on the real map as SVG: countries, coasts, borders and rivers,\n" +
			"then its zones (halt zones dashed), routes with a dashed circle for their reach,\n" +
			"corridors and sites (targets ringed in black). Hover an item for its name.",
	}
	fs := cmd.flags()
	out := fs.String("out", "", "write the map to `FILE`.svg")
	var sets setFlags
	fs.Var(&sets, "set", "override a scenario value (`KEY=VALUE`, repeatable)")
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	switch {
	case fs.NArg() != 1:
		return cmd.usageError(stderr, fs, "map takes one scenario")
	case !strings.HasSuffix(*out, ".svg"):
		return cmd.usageError(stderr, fs, "--out must name a .svg file")
	}
	sc, err := loadScenario(fs.Arg(0), sets.overrides())
	if err != nil {
		printProblems(stderr, err)
		return exitFail
	}
	m, err := mapdata.Load()
	if err != nil {
		fmt.Fprintf(stderr, "deconflict-sim map: %v\n", err)
		return exitFail
	}
	if err := atomicfile.Write(*out, func(w io.Writer) error { return mapsvg.Write(w, sc, m) }); err != nil {
		fmt.Fprintf(stderr, "deconflict-sim map: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return exitOK
}
