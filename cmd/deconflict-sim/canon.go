package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

func cmdCanon(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "canon",
		synopsis: "[--set KEY=VALUE]... FILE|ID",
		about: "Print the canonical form of a scenario: the text whose SHA-256 is the scenario\n" +
			"hash (every value written out, entries sorted by id, numbers as stored).",
	}
	fs := cmd.flags()
	var sets setFlags
	fs.Var(&sets, "set", "override a scenario value, such as site.tanf.troops=100 (`KEY=VALUE`, repeatable)")
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return cmd.usageError(stderr, fs, "canon takes one scenario")
	}
	sc, err := loadScenario(fs.Arg(0), sets.overrides())
	if err != nil {
		printProblems(stderr, err)
		return exitFail
	}
	if _, err := stdout.Write(scenario.Canonical(sc)); err != nil {
		fmt.Fprintf(stderr, "deconflict-sim canon: %v\n", err)
		return exitFail
	}
	return exitOK
}

func cmdDiff(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "diff",
		synopsis: "A B",
		about: "Compare two scenarios (files or embedded ids) key by key, through their canonical\n" +
			"forms: one line per key whose value differs (- A, + B), and per entry only one has.\n" +
			"Exits 0 when they are the same scenario (the same hash), 1 when they differ.",
	}
	fs := cmd.flags()
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() != 2 {
		return cmd.usageError(stderr, fs, "diff takes two scenarios")
	}
	var keys [2][]keyValue
	for i, ref := range fs.Args() {
		sc, err := loadScenario(ref, nil)
		if err != nil {
			printProblems(stderr, err)
			return exitFail
		}
		keys[i] = flatten(sc)
	}
	if n := writeDiff(stdout, keys[0], keys[1]); n > 0 {
		return exitFail
	}
	return exitOK
}

// keyValue is one key of a canonical form, by its path of ids, such as
// "site.tanf.troops", with its value as written.
type keyValue struct{ path, value string }

// flatten reads a scenario's canonical form into keys named by path.
func flatten(sc *sim.Scenario) []keyValue {
	var out, entry []keyValue
	section, kind := "", ""
	flush := func() {
		name := kind
		var id, role string
		for _, kv := range entry {
			switch kv.path {
			case "id":
				id = strings.Trim(kv.value, `"`)
			case "role":
				role = strings.Trim(kv.value, `"`)
			}
		}
		if role != "" {
			name += "." + role
		}
		name += "." + id
		for _, kv := range entry {
			out = append(out, keyValue{name + "." + kv.path, kv.value})
		}
		entry = entry[:0]
	}
	sc2 := bufio.NewScanner(bytes.NewReader(scenario.Canonical(sc)))
	sc2.Buffer(nil, scenario.MaxFileSize)
	for sc2.Scan() {
		line := sc2.Text()
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "[["):
			if kind != "" {
				flush()
			}
			kind, section = strings.Trim(line, "[]"), ""
			continue
		case strings.HasPrefix(line, "["):
			if kind != "" {
				flush()
			}
			kind, section = "", strings.Trim(line, "[]")
			continue
		}
		k, v, _ := strings.Cut(line, " = ")
		if v == "[" { // a multi-line array, to its closing line
			var b strings.Builder
			b.WriteString("[")
			for sc2.Scan() && sc2.Text() != "]" {
				b.WriteString(" " + strings.TrimSpace(sc2.Text()))
			}
			v = b.String() + " ]"
		}
		if kind != "" {
			entry = append(entry, keyValue{k, v})
		} else {
			out = append(out, keyValue{section + "." + k, v})
		}
	}
	if kind != "" {
		flush()
	}
	return out
}

// writeDiff prints the keys that differ and returns how many.
func writeDiff(w io.Writer, a, b []keyValue) int {
	inB := make(map[string]string, len(b))
	for _, kv := range b {
		inB[kv.path] = kv.value
	}
	inA := make(map[string]bool, len(a))
	n := 0
	for _, kv := range a {
		inA[kv.path] = true
		switch v, ok := inB[kv.path]; {
		case !ok:
			fmt.Fprintf(w, "- %s = %s\n", kv.path, kv.value)
			n++
		case v != kv.value:
			fmt.Fprintf(w, "- %s = %s\n+ %s = %s\n", kv.path, kv.value, kv.path, v)
			n++
		}
	}
	for _, kv := range b {
		if !inA[kv.path] {
			fmt.Fprintf(w, "+ %s = %s\n", kv.path, kv.value)
			n++
		}
	}
	return n
}
