package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/batch"
	"github.com/deconflict/deconflict/internal/infile"
	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// readScenarioFile reads a scenario file without ever holding more than the
// loader's size limit in memory: a larger file is refused from its size
// alone, as the loader would refuse it, at its file position. Anything but a
// regular file (a FIFO, a device) is refused without blocking.
func readScenarioFile(path string) ([]byte, error) {
	data, err := infile.ReadFile(path, scenario.MaxFileSize)
	var big *infile.TooLargeError
	switch {
	case errors.As(err, &big) && big.Size >= 0:
		return nil, tooLarge(path, fmt.Sprintf("%.1f MiB", float64(big.Size)/(1<<20)))
	case errors.As(err, &big):
		return nil, tooLarge(path, fmt.Sprintf("more than %d MiB", scenario.MaxFileSize>>20))
	case err != nil:
		return nil, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	}
	return data, nil
}

func tooLarge(path, size string) error {
	return scenario.ErrorList{{
		Pos: scenario.Position{File: path},
		Msg: fmt.Sprintf("file is %s; scenario files are limited to %d MiB", size, scenario.MaxFileSize>>20),
	}}
}

// unwrapPath drops the operation and path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadScenario resolves a --scenario argument: a path to a TOML file if one
// exists there, else the id of an embedded scenario. The overrides apply.
func loadScenario(ref string, overrides []scenario.Override) (*sim.Scenario, error) {
	if st, err := os.Stat(ref); err == nil && !st.IsDir() {
		data, err := readScenarioFile(ref)
		if err != nil {
			return nil, err
		}
		return scenario.Load(ref, data, overrides)
	}
	if f, ok := scenarios.Lookup(ref); ok {
		return scenario.Load(f.Name, f.Data, overrides)
	}
	return nil, fmt.Errorf("unknown scenario %q: no such file, and no embedded scenario has that id (embedded: %s)", ref, strings.Join(embeddedIDs(), ", "))
}

// embeddedIDs lists the ids of the embedded scenarios.
func embeddedIDs() []string {
	var ids []string
	for _, f := range scenarios.Files() {
		ids = append(ids, strings.TrimSuffix(f.Name, ".toml"))
	}
	return ids
}

// output is a file a command writes, with the flag that names it.
type output struct{ flag, path string }

// distinctOutputs refuses an output that names the same file as another
// output or as an input (such as --summary naming the --out file, whose
// rows it would replace), comparing files by identity, not spelling.
// Outputs with an empty path are not given and are skipped.
func distinctOutputs(outs []output, inputs []string) error {
	for i, o := range outs {
		if o.path == "" {
			continue
		}
		for _, p := range outs[:i] {
			if p.path != "" && batch.SameFile(o.path, p.path) {
				return fmt.Errorf("%s %s names the same file as %s (%s)", o.flag, o.path, p.flag, p.path)
			}
		}
		for _, in := range inputs {
			if batch.SameFile(o.path, in) {
				return fmt.Errorf("%s %s names the same file as the input %s", o.flag, o.path, in)
			}
		}
	}
	return nil
}
