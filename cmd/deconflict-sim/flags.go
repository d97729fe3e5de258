package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// subcommand describes one subcommand's command line for its usage text.
type subcommand struct {
	name     string // such as "run"
	synopsis string // arguments after the flags, such as "FILE..."
	about    string // what it does, one paragraph
}

// flags returns an empty flag set for the subcommand that reports errors
// to the caller instead of printing or exiting.
func (c subcommand) flags() *flag.FlagSet {
	fs := flag.NewFlagSet("deconflict-sim "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args into fs. With -h it prints the usage to stdout; with a
// bad flag it prints the error and the usage to stderr. ok reports whether
// the command should go on; otherwise code is its exit code.
func (c subcommand) parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return exitOK, true
	case errors.Is(err, flag.ErrHelp):
		c.usage(stdout, fs)
		return exitOK, false
	}
	return c.usageError(stderr, fs, err.Error()), false
}

// usageError reports a usage problem and returns the usage exit code.
func (c subcommand) usageError(stderr io.Writer, fs *flag.FlagSet, msg string) int {
	fmt.Fprintf(stderr, "deconflict-sim %s: %s\n\n", c.name, msg)
	c.usage(stderr, fs)
	return exitUsage
}

// usage prints the synopsis, the description and every flag, written with
// two dashes as the documentation writes them.
func (c subcommand) usage(w io.Writer, fs *flag.FlagSet) {
	syn := "deconflict-sim " + c.name
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		syn += " [flags]"
	}
	if c.synopsis != "" {
		syn += " " + c.synopsis
	}
	fmt.Fprintf(w, "usage: %s\n\n%s\n", syn, c.about)
	if !hasFlags {
		return
	}
	fmt.Fprintln(w, "\nflags:")
	fs.VisitAll(func(f *flag.Flag) {
		name, text := flag.UnquoteUsage(f)
		head := "  --" + f.Name
		if name != "" {
			head += " " + name
		}
		if def := f.DefValue; def != "" && def != "false" && def != "0" {
			text += fmt.Sprintf(" (default %s)", def)
		}
		fmt.Fprintf(w, "%s\n      %s\n", head, text)
	})
}

// maxSeed is 2^53: seeds stay exact in JSON, R and JavaScript below it.
const maxSeed = 1 << 53

// seedFlag is a --seed value: a decimal integer in [0, 2^53).
type seedFlag uint64

func (s *seedFlag) String() string { return strconv.FormatUint(uint64(*s), 10) }

// Set parses a seed.
func (s *seedFlag) Set(v string) error {
	n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
	if err != nil || n >= maxSeed {
		return fmt.Errorf("seed %q is not an integer in [0, 2^53)", v)
	}
	*s = seedFlag(n)
	return nil
}
