package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

func cmdValidate(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "validate",
		synopsis: "FILE...",
		about: "Check scenario files. Every problem is printed to stderr as\n" +
			"file:line:col: key.path: message (hint); each valid file gets a line on stdout,\n" +
			"which says when lint finds mistakes of meaning in it.\n" +
			"Exits 1 if any file is invalid.",
	}
	fs := cmd.flags()
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return cmd.usageError(stderr, fs, "no files to validate")
	}
	code := exitOK
	for _, path := range fs.Args() {
		sc, err := validateFile(path)
		if err != nil {
			printProblems(stderr, err)
			code = exitFail
			continue
		}
		fmt.Fprintf(stdout, "%s: ok (%s)%s\n", path, counts(sc), lintNote(path))
	}
	return code
}

// lintNote mentions, after a valid file's line, that lint finds mistakes of
// meaning in it; validate itself judges form only.
func lintNote(path string) string {
	data, err := readScenarioFile(path)
	if err != nil {
		return ""
	}
	findings, err := scenario.Lint(path, data)
	if err != nil || len(findings) == 0 {
		return ""
	}
	return fmt.Sprintf("; lint finds %s (deconflict-sim lint %s)", plural(int64(len(findings)), "problem"), path)
}

func validateFile(path string) (*sim.Scenario, error) {
	data, err := readScenarioFile(path)
	if err != nil {
		return nil, err
	}
	return scenario.Load(path, data, nil)
}

// printProblems prints a load error one problem per line.
func printProblems(w io.Writer, err error) {
	var list scenario.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(w, e.Error())
		}
		return
	}
	fmt.Fprintln(w, err)
}

// counts summarises what a scenario holds.
func counts(sc *sim.Scenario) string {
	return fmt.Sprintf("%s, %s, %s, %s, %s, %s, %s; id %s",
		plural(int64(sc.Turns), "turn"), plural(int64(len(sc.Sites)), "site"), plural(int64(len(sc.Zones)), "zone"),
		plural(int64(len(sc.Routes)), "route"), plural(int64(len(sc.Corridors)), "corridor"),
		plural(int64(len(sc.Events)), "event"), plural(int64(len(sc.Objectives)), "objective"), sc.ID)
}

// plural renders a count and its noun, such as "1 turn" or "31 turns".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
