// Package scenario loads Deconflict scenario files (the TOML format of
// docs/scenarios.md) into compiled *sim.Scenario values, and writes them back
// in a canonical form whose SHA-256 is the scenario hash.
//
// Loading checks every rule of the format and reports every problem at once,
// each with file:line:col, the key path and, where it helps, a hint such as a
// did-you-mean suggestion. Hostile input (huge, binary, deeply nested) is
// refused cheaply before it is parsed. The package does no I/O: callers read
// files and pass their bytes, so the same bytes always give the same result.
package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/deconflict/deconflict/sim"
)

// Load parses a scenario file, applies the overrides, checks it and compiles
// it. filename is used only in error positions. On failure the error is an
// ErrorList holding every problem found, sorted by position.
func Load(filename string, data []byte, overrides []Override) (*sim.Scenario, error) {
	sc, _, err := load(filename, data, overrides)
	return sc, err
}

// load is Load that also returns the file's [[expect]] blocks.
func load(filename string, data []byte, overrides []Override) (*sim.Scenario, []Expect, error) {
	if e := checkBytes(filename, data); e != nil {
		return nil, nil, ErrorList{e}
	}
	src := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	guard := newScanner(filename, src, nil)
	guard.run()
	if guard.err != nil {
		return nil, nil, ErrorList{guard.err}
	}
	tree, perr := decode(filename, src)
	if perr != nil {
		return nil, nil, ErrorList{perr}
	}
	c := &checker{file: filename, budget: suggestBudget}
	c.applyOverrides(tree, overrides)
	sc := c.compile(tree)
	if len(c.problems) > 0 {
		return nil, nil, c.report(src)
	}
	return sc, c.expects, nil
}

// decode parses TOML text into a tree of map[string]any, []any, string,
// int64, float64, bool and time.Time values.
func decode(file string, src []byte) (tree map[string]any, perr *Error) {
	defer func() {
		// The parser reports errors by panicking with a ParseError, which it
		// recovers itself; anything else reaching here is a parser bug, still
		// reported as an error rather than a crash.
		if r := recover(); r != nil {
			tree, perr = nil, &Error{Pos: Position{File: file, Line: 1, Col: 1}, Msg: fmt.Sprintf("TOML parser failure: %v", r)}
		}
	}()
	if _, err := toml.Decode(string(src), &tree); err != nil {
		return nil, syntaxError(file, src, err)
	}
	normalise(tree)
	return tree, nil
}

// syntaxError converts the parser's error to an Error at its position.
func syntaxError(file string, src []byte, err error) *Error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &Error{Pos: Position{File: file, Line: 1, Col: 1}, Msg: clip("syntax error: " + err.Error())}
	}
	pos := Position{File: file, Line: pe.Position.Line, Col: max(pe.Position.Col, 1)}
	if line, col := lineCol(src, pe.Position.Start); line == pe.Position.Line {
		pos.Col = col
	}
	e := &Error{Pos: pos, Msg: clip("syntax error: " + pe.Message)}
	switch lit, _, tooBig := strings.Cut(pe.Message, " is out of range for "); {
	case tooBig:
		e.Msg, e.Hint = clip(lit)+" is out of range", "far outside the range of any key"
	case strings.HasPrefix(pe.Message, "expected value but found"):
		e.Hint = `strings need quotes, such as name = "Al-Tanf"`
	}
	return e
}

// normalise turns arrays of tables ([]map[string]any) into []any, so that
// [[site]] entries and inline arrays of tables look the same.
func normalise(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalise(e)
		}
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalise(e)
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = normalise(e)
		}
	}
	return v
}

// Limits on content, each reported as an error when exceeded.
const (
	maxIDLen      = 64
	maxEntities   = 10_000 // entries of each kind
	maxEffects    = 1_000  // effects of one event
	maxPoints     = 10_000 // points of a polygon or route, stops of a corridor
	maxCount      = 1_000_000_000
	maxProblems   = 1_000
	suggestBudget = 50_000_000 // distance-table cells spent on did-you-mean
)

// ref names a place in the tree twice: by structure (for positions) and for
// people (by id where the entry has one).
type ref struct {
	path string // structural, as built by childPath and elemPath
	name string // such as "site.tanf.lat" or "site[3].kind"
}

func (r ref) key(k string) ref {
	name := k
	if r.name != "" {
		name = r.name + "." + k
	}
	return ref{childPath(r.path, k), name}
}

func (r ref) index(i int) ref {
	return ref{elemPath(r.path, i), fmt.Sprintf("%s[%d]", r.name, i)}
}

// problem is an error whose position is resolved once checking is done.
type problem struct {
	at    ref
	onKey bool      // point at the key rather than its value
	pos   *Position // a fixed position (overrides), instead of at's
	msg   string
	hint  string
	first *ref // another place, named in the hint ("first defined at line N")
}

// setSpot is a subtree written by an override.
type setSpot struct {
	path string
	pos  Position
}

// checker collects problems while the tree is checked and compiled.
type checker struct {
	file     string
	problems []*problem
	dropped  int
	budget   int // did-you-mean comparisons left
	sets     []setSpot
	expects  []Expect // the [[expect]] blocks, which the compiled scenario does not hold
}

// errorf records a problem about the value at at; the caller may refine the
// returned problem (hint, onKey) in place.
func (c *checker) errorf(at ref, format string, args ...any) *problem {
	p := &problem{at: at, msg: fmt.Sprintf(format, args...)}
	if len(c.problems) >= maxProblems {
		c.dropped++
		return p
	}
	c.problems = append(c.problems, p)
	return p
}

// suggest finds a did-you-mean for s among candidates, while the work
// budget lasts and problems are still being reported.
func (c *checker) suggest(s string, candidates []string) (string, bool) {
	cost := suggestCost(s, len(candidates))
	if c.budget < cost || len(c.problems) >= maxProblems {
		return "", false
	}
	c.budget -= cost
	return suggest(s, candidates)
}

// unknownHint suggests a candidate, or lists them when there are few.
func (c *checker) unknownHint(s string, candidates []string, quoted bool) string {
	if m, ok := c.suggest(s, candidates); ok {
		return didYouMean(m, quoted)
	}
	if m, ok := wordMatch(s, candidates); ok {
		return didYouMean(m, quoted)
	}
	if len(candidates) > 0 && len(candidates) <= 16 {
		list := candidates
		if quoted {
			list = make([]string, len(candidates))
			for i, s := range candidates {
				list[i] = fmt.Sprintf("%q", s)
			}
		}
		return "one of " + strings.Join(list, ", ")
	}
	return ""
}

// report resolves the position of every problem and returns them sorted.
func (c *checker) report(src []byte) ErrorList {
	want := make(map[string]bool)
	for _, p := range c.problems {
		for _, r := range []*ref{&p.at, p.first} {
			if r == nil {
				continue
			}
			for path := r.path; path != ""; path = parentPath(path) {
				want[path] = true
			}
		}
	}
	s := newScanner(c.file, src, want)
	s.run()
	list := make(ErrorList, 0, len(c.problems)+1)
	for _, p := range c.problems {
		e := &Error{Path: clip(p.at.name), Msg: clip(p.msg), Hint: clip(p.hint)}
		if p.pos != nil {
			e.Pos = *p.pos
		} else {
			e.Pos = c.position(s.found, p.at.path, p.onKey)
		}
		if p.first != nil {
			if fp := c.position(s.found, p.first.path, false); fp.File == c.file && fp.Line > 0 {
				e.Hint = fmt.Sprintf("first defined at line %d", fp.Line)
			}
		}
		list = append(list, e)
	}
	list.Sort()
	if c.dropped > 0 {
		list = append(list, &Error{Pos: Position{File: c.file}, Msg: fmt.Sprintf("too many errors: %d more not shown", c.dropped)})
	}
	return list
}

// position finds where path is written: in an override, in the file, or
// failing both in its nearest written ancestor.
func (c *checker) position(found map[string]spot, path string, onKey bool) Position {
	for i := len(c.sets) - 1; i >= 0; i-- {
		if within(path, c.sets[i].path) {
			return c.sets[i].pos
		}
	}
	for p := path; p != ""; p = parentPath(p) {
		if sp, ok := found[p]; ok {
			if onKey || p != path {
				return sp.key
			}
			return sp.val
		}
	}
	return Position{File: c.file, Line: 1, Col: 1}
}

// within reports whether path is root or lies inside it.
func within(path, root string) bool {
	if !strings.HasPrefix(path, root) {
		return false
	}
	return len(path) == len(root) || path[len(root)] == keySep[0] || path[len(root)] == idxSep[0]
}

// parentPath drops the last key or index of a structural path.
func parentPath(p string) string {
	if i := strings.LastIndexAny(p, keySep+idxSep); i >= 0 {
		return p[:i]
	}
	return ""
}
