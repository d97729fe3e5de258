package scenario

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Position is a place in a scenario file, or in a --set argument (File
// "--set", Line the argument's number). Lines and columns count from 1;
// columns count characters, not bytes. Line 0 means the whole file.
type Position struct {
	File      string
	Line, Col int
}

// String renders the position as file:line:col (or just file for line 0).
func (p Position) String() string {
	if p.Line <= 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem found in a scenario: where it is, the key path it
// concerns (by id where the entry has a valid id, else by index), what is
// wrong and, when there is one, a hint toward the fix.
type Error struct {
	Pos  Position
	Path string // such as "site.tanf.lat" or "site[3].kind"; empty for file-level problems
	Msg  string
	Hint string // such as `did you mean "garrison"?`; may be empty
}

// Error renders the problem as `file:line:col: key.path: message (hint)`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// maxShown is the most characters of a path, message or hint an Error
// holds; clip cuts longer ones (a 3 MB key) in the middle.
const maxShown = 200

// clip shortens s to at most maxShown characters, keeping its start and its
// end around an ellipsis.
func clip(s string) string {
	if len(s) <= maxShown || utf8.RuneCountInString(s) <= maxShown {
		return s
	}
	r := []rune(s)
	head := maxShown * 2 / 3
	return string(r[:head]) + "…" + string(r[len(r)-(maxShown-head-1):])
}

// ErrorList is every problem found in one load, modelled on
// go/scanner.ErrorList so that tools can report them all at once.
type ErrorList []*Error

// Sort orders the list by file, line and column, keeping the order in which
// problems were found among those at the same place.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		if c := strings.Compare(a.Pos.File, b.Pos.File); c != 0 {
			return c
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Col - b.Pos.Col
	})
}

// Error lists every problem, one per line.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// suggest returns the candidate closest to s when it is close enough to be a
// likely typo: equal but for case, or within an edit distance of about a
// third of its length (at most 3). Ties go to the earlier candidate.
func suggest(s string, candidates []string) (string, bool) {
	if len(s) == 0 || len(s) > maxIDLen {
		return "", false
	}
	limit := suggestLimit(s)
	ls := strings.ToLower(s)
	rows := make([]int, 3*(maxIDLen+1))
	best, bestD := "", limit+1
	for _, c := range candidates {
		if c == s || len(c) > maxIDLen || absInt(len(c)-len(s)) >= bestD {
			continue
		}
		if d := editDistance(ls, strings.ToLower(c), bestD-1, rows); d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD <= limit
}

// suggestLimit is the largest edit distance worth suggesting for s.
func suggestLimit(s string) int { return min(max(1, len(s)/3), 3) }

// suggestCost bounds the work of suggest, in distance-table cells.
func suggestCost(s string, candidates int) int {
	return candidates * (len(s) + 1) * (2*suggestLimit(s) + 1)
}

// editDistance is the optimal-string-alignment (restricted Damerau–
// Levenshtein) distance between a and b, counted in bytes, or limit+1 once
// it must exceed limit. Only the band of cells within limit of the diagonal
// is computed, in rows taken from scratch (at least 3×(len(b)+1) long).
func editDistance(a, b string, limit int, scratch []int) int {
	if absInt(len(a)-len(b)) > limit {
		return limit + 1
	}
	n := len(b) + 1
	prev2, prev, cur := scratch[:n], scratch[n:2*n], scratch[2*n:3*n]
	far := limit + 1
	for j := range prev {
		prev[j] = min(j, far)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[0] = min(i, far)
		if lo > 1 {
			cur[lo-1] = far
		}
		rowMin := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = min(v, far)
			rowMin = min(rowMin, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = far
		}
		if rowMin > limit {
			return far
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// didYouMean renders a suggestion for a mistyped value (quoted) or key (bare).
func didYouMean(s string, quoted bool) string {
	if quoted {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return "did you mean " + s + "?"
}
