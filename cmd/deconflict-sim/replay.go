package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/deconflict/deconflict/internal/infile"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/replay"
)

func cmdReplay(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "replay",
		synopsis: "FILE",
		about: "Re-simulate a replay from its recorded orders and check the state hash after every\n" +
			"turn. On a mismatch, name the first turn and the first entity and field that differ.\n" +
			"Exits 0 when everything matches, 1 otherwise.",
	}
	fs := cmd.flags()
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return cmd.usageError(stderr, fs, "want exactly one replay FILE")
	}
	path := fs.Arg(0)
	rep, err := checkReplay(path)
	var ve *sim.VersionError
	switch {
	case errors.As(err, &ve):
		named := *ve
		named.File = path
		fmt.Fprintln(stderr, &named)
		return exitFail
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\n", path, err)
		return exitFail
	}
	if !rep.OK() {
		fmt.Fprintf(stderr, "%s: %s\n", path, rep.Diff)
		return exitFail
	}
	fmt.Fprintf(stdout, "replay ok: %d turns, final hash %s\n", rep.Turns, rep.FinalHash)
	return exitOK
}

func checkReplay(path string) (replay.Report, error) {
	f, size, err := infile.Open(path)
	if err != nil {
		return replay.Report{}, fmt.Errorf("cannot read: %w", unwrapPath(err))
	}
	defer f.Close()
	// Refuse a file far over the limit from its size alone, without reading
	// it: even gzip, which never grows data by a sixteenth, cannot hold a
	// replay within the limit in a file that large.
	if size > replay.MaxSize+replay.MaxSize/16 {
		return replay.Report{}, fmt.Errorf("file is %.1f MiB; replays are limited to %d MiB", float64(size)/(1<<20), replay.MaxSize>>20)
	}
	rp, err := replay.Read(f)
	if err != nil {
		return replay.Report{}, err
	}
	return replay.Verify(rp)
}
