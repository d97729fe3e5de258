package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/deconflict/deconflict/sim/scenario"
)

// lintJSON is one finding as `lint --json` prints it, one object a line.
type lintJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Path     string `json:"path,omitempty"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

func cmdLint(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "lint",
		synopsis: "[--json] FILE...",
		about: "Look for mistakes of meaning in scenario files that load: objectives no run can\n" +
			"meet or every run meets, roles not in the scenario, events that fire on the first\n" +
			"turn or never, zones and corridors outside the dates, targets out of reach.\n" +
			"Each finding is printed as file:line:col: CODE: key.path: message (hint).\n" +
			"Exits 1 when anything is found or a file does not load.",
	}
	fs := cmd.flags()
	asJSON := fs.Bool("json", false, "print each finding as a JSON object on its own line, for editors")
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return cmd.usageError(stderr, fs, "no files to lint")
	}
	code := exitOK
	enc := json.NewEncoder(stdout)
	for _, path := range fs.Args() {
		data, err := readScenarioFile(path)
		var findings []scenario.Finding
		if err == nil {
			findings, err = scenario.Lint(path, data)
		}
		if err != nil {
			printProblems(stderr, err)
			code = exitFail
			continue
		}
		if len(findings) > 0 {
			code = exitFail
		}
		for i := range findings {
			f := &findings[i]
			if !*asJSON {
				fmt.Fprintln(stdout, f.String())
				continue
			}
			if err := enc.Encode(lintJSON{File: f.Pos.File, Line: f.Pos.Line, Col: f.Pos.Col, Code: f.Code,
				Severity: f.Severity.String(), Path: f.Path, Message: f.Msg, Hint: f.Hint}); err != nil {
				fmt.Fprintf(stderr, "deconflict-sim lint: %v\n", err)
				return exitFail
			}
		}
	}
	return code
}
