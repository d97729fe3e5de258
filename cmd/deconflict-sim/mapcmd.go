package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/deconflict/deconflict/assets/mapdata"
	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/mapdraw"
	"github.com/deconflict/deconflict/internal/atomicfile"
	"github.com/deconflict/deconflict/sim"
)

func cmdMap(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "map",
		synopsis: "--out FILE.svg|FILE.png [--set KEY=VALUE]... FILE|ID",
		about: "Draw a scenario on the real map as SVG or PNG: countries, coasts, borders and\n" +
			"rivers, then its zones (halt zones dashed), routes with a dashed circle for their\n" +
			"reach, corridors and sites (targets ringed in black), labelled by id. In the SVG,\n" +
			"hover an item for its name.",
	}
	fs := cmd.flags()
	out := fs.String("out", "", "write the map to `FILE` (.svg or .png)")
	var sets setFlags
	fs.Var(&sets, "set", "override a scenario value (`KEY=VALUE`, repeatable)")
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	switch {
	case fs.NArg() != 1:
		return cmd.usageError(stderr, fs, "map takes one scenario")
	}
	write, ok := map[string]func(io.Writer, *sim.Scenario, *mapdata.Map) error{".svg": mapdraw.WriteSVG, ".png": mapdraw.WritePNG}[filepath.Ext(*out)]
	if !ok {
		return cmd.usageError(stderr, fs, "--out must name a .svg or .png file")
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
	if err := atomicfile.Write(*out, func(w io.Writer) error { return write(w, sc, m) }); err != nil {
		fmt.Fprintf(stderr, "deconflict-sim map: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return exitOK
}
