package scenario

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits that keep hostile input cheap to refuse.
const (
	// MaxFileSize is the largest scenario file accepted, in bytes.
	MaxFileSize = 4 << 20
	// MaxDepth is the deepest nesting of tables, arrays and dotted keys
	// accepted. The TOML parser recurses on nesting, so deeper input is
	// refused before it is parsed.
	MaxDepth = 32
	// MaxValues is the most keys, table headers and array elements a file
	// may hold, which bounds the time spent parsing it.
	MaxValues = 250_000
)

// Structural paths name a place in the parsed tree independently of ids:
// keys are joined with keySep and array elements with idxSep plus the index.
// The scanner and the checker build them the same way, so an error found
// while checking values can be traced back to the bytes of the file.
const (
	keySep = "\x00"
	idxSep = "\x01"
)

func childPath(p, key string) string { return p + keySep + key }

func elemPath(p string, i int) string { return p + idxSep + strconv.Itoa(i) }

// checkBytes refuses input that cannot be a scenario before any parsing:
// too large, empty, not UTF-8, or holding control characters (binary data).
func checkBytes(file string, data []byte) *Error {
	if len(data) > MaxFileSize {
		return &Error{Pos: Position{File: file}, Msg: fmt.Sprintf("file is %.1f MiB; scenario files are limited to %d MiB",
			float64(len(data))/(1<<20), MaxFileSize>>20)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return &Error{Pos: Position{File: file, Line: 1, Col: 1}, Msg: "empty file: a scenario needs at least a [scenario] table"}
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return &Error{Pos: Position{File: file, Line: 1, Col: 1}, Msg: "binary data: the file looks like UTF-16 text",
			Hint: "save it as UTF-8"}
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
				line, col := lineCol(data, i)
				return &Error{Pos: Position{File: file, Line: line, Col: col},
					Msg:  fmt.Sprintf("binary data: control character 0x%02x", c),
					Hint: "scenario files are UTF-8 text"}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			line, col := lineCol(data, i)
			return &Error{Pos: Position{File: file, Line: line, Col: col},
				Msg:  fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", c),
				Hint: "scenario files are UTF-8 text"}
		}
		i += n
	}
	return nil
}

// lineCol returns the 1-based line and character column of a byte offset.
func lineCol(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(src[start:off])
}

// spot is where a key and its value start.
type spot struct{ key, val Position }

// scanner walks TOML text without building values. Run once before parsing,
// it refuses nesting deeper than MaxDepth (the parser's recursion would
// otherwise follow it); run again when a load has failed, it finds where the
// wanted structural paths are written. It never recurses, accepts anything
// and stops at the end of the input, so it cannot hang or overflow.
//
// On valid TOML it follows the structure exactly. On invalid TOML it keeps
// counting nesting at least as deep as the parser would get before the
// parser's first error, which is all the depth guard needs.
type scanner struct {
	src       []byte
	i         int
	line, col int
	file      string

	want    map[string]bool // paths whose positions are wanted; nil when only guarding
	found   map[string]spot
	arrays  map[string]int  // array-of-tables path → entries so far
	inline  map[string]bool // paths of inline tables, which nothing may extend
	lastKey Position        // where the last key read starts
	values  int             // keys, headers and array elements so far
	err     *Error
}

func newScanner(file string, src []byte, want map[string]bool) *scanner {
	s := &scanner{src: src, line: 1, col: 1, file: file, want: want,
		arrays: make(map[string]int), inline: make(map[string]bool)}
	if want != nil {
		s.found = make(map[string]spot, len(want))
	}
	return s
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *scanner) peekAt(k int) byte {
	if s.i+k < len(s.src) {
		return s.src[s.i+k]
	}
	return 0
}

func (s *scanner) adv() {
	if s.i >= len(s.src) {
		return
	}
	c := s.src[s.i]
	s.i++
	if c == '\n' {
		s.line, s.col = s.line+1, 1
	} else if c&0xc0 != 0x80 {
		s.col++
	}
}

func (s *scanner) here() Position { return Position{File: s.file, Line: s.line, Col: s.col} }

func (s *scanner) recording() bool { return s.want != nil }

// record notes where path's key and value start, keeping the first sighting.
func (s *scanner) record(path string, key, val Position) {
	if !s.want[path] {
		return
	}
	if _, ok := s.found[path]; !ok {
		s.found[path] = spot{key, val}
	}
}

// count notes one more value and refuses the input beyond MaxValues.
func (s *scanner) count(at Position) {
	if s.values++; s.values > MaxValues && s.err == nil {
		s.err = &Error{Pos: at, Msg: fmt.Sprintf("too many values: a scenario file holds at most %d keys, tables and array elements", MaxValues)}
	}
}

func (s *scanner) tooDeep(at Position) {
	if s.err == nil {
		s.err = &Error{Pos: at, Msg: fmt.Sprintf("nesting is deeper than %d levels", MaxDepth),
			Hint: "scenario files need only a few levels of tables and arrays"}
	}
}

func (s *scanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.adv()
	}
}

// skipBlank skips spaces, newlines and comments.
func (s *scanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\n', '\r':
			s.adv()
		case '#':
			s.skipComment()
		default:
			return
		}
	}
}

func (s *scanner) skipComment() {
	for c := s.peek(); !s.eof() && c != '\n' && c != '\r'; c = s.peek() {
		s.adv()
	}
}

// run scans the whole input.
func (s *scanner) run() {
	table, depth := "", 0
	for s.err == nil {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.i
		if s.peek() == '[' {
			table, depth = s.header()
		} else {
			s.keyValue(table, depth)
		}
		if s.i == start {
			s.adv() // not TOML; the parser will say so
		}
	}
}

type keySeg struct {
	name string
	pos  Position
}

// keySegments reads a possibly dotted key, refusing it once base plus its
// segments would nest deeper than MaxDepth.
func (s *scanner) keySegments(base int) []keySeg {
	var segs []keySeg
	for s.err == nil {
		s.skipSpace()
		pos := s.here()
		var name string
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			from := s.i + 1
			s.singleLineString(c)
			name = keyName(c, string(s.src[from:max(from, s.i-1)]))
		case isBareKeyByte(c):
			from := s.i
			for isBareKeyByte(s.peek()) {
				s.adv()
			}
			name = string(s.src[from:s.i])
		default:
			return segs
		}
		if base+len(segs)+1 > MaxDepth {
			s.tooDeep(pos)
			return segs
		}
		segs = append(segs, keySeg{name, pos})
		s.skipSpace()
		if s.peek() != '.' {
			return segs
		}
		s.adv()
	}
	return segs
}

// keyName is the key a quoted key stands for: a literal key as written, a
// basic key with its escapes resolved. A basic key with an escape TOML does
// not allow (the parser refuses it) gets a name no valid key can have.
func keyName(quote byte, raw string) string {
	if quote == '\'' || !strings.ContainsRune(raw, '\\') {
		return raw
	}
	if k, err := strconv.Unquote(`"` + raw + `"`); err == nil {
		return k
	}
	return idxSep + raw
}

// extendsInline refuses a key or header whose segments after base pass
// through an inline table (or, for a header, name one): TOML 1.0 has inline
// tables define all their keys within their braces, though the parser
// accepts "a = { x = 1 }" followed by "a.y = 2" or "[a.b]".
func (s *scanner) extendsInline(base string, segs []keySeg, header bool) bool {
	p := base
	for i, seg := range segs {
		p = childPath(p, seg.name)
		if i == len(segs)-1 && !header {
			return false
		}
		if s.inline[p] {
			s.err = &Error{Pos: seg.pos, Path: clip(readable(p)),
				Msg:  "an inline table cannot be extended by a later key or table header",
				Hint: "write all of its keys inside its braces"}
			return true
		}
		if n, isArray := s.arrays[p]; isArray && header {
			p = elemPath(p, n-1)
		}
	}
	return false
}

// readable renders a structural path for people, such as "zone[0].center".
func readable(p string) string {
	var b strings.Builder
	for i, part := range strings.Split(p, keySep)[1:] {
		key, idx, _ := strings.Cut(part, idxSep)
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(key)
		for idx != "" {
			var n string
			n, idx, _ = strings.Cut(idx, idxSep)
			b.WriteString("[" + n + "]")
		}
	}
	return b.String()
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// header reads a [table] or [[array-of-tables]] header and returns the
// structural path of the table it opens and its depth.
func (s *scanner) header() (string, int) {
	pos := s.here()
	s.count(pos)
	s.adv()
	array := s.peek() == '['
	if array {
		s.adv()
	}
	segs := s.keySegments(0)
	s.skipSpace()
	if s.peek() == ']' {
		s.adv()
		if array && s.peek() == ']' {
			s.adv()
		}
	}
	if s.err != nil || s.extendsInline("", segs, true) {
		return "", len(segs)
	}
	p := ""
	for i, seg := range segs {
		p = childPath(p, seg.name)
		last := i == len(segs)-1
		switch n, isArray := s.arrays[p]; {
		case last && array:
			s.arrays[p] = n + 1
			s.record(p, pos, pos)
			p = elemPath(p, n)
			s.record(p, pos, pos)
		case isArray:
			p = elemPath(p, n-1)
		case last:
			s.record(p, pos, pos)
		default:
			s.record(p, seg.pos, seg.pos)
		}
	}
	return p, len(segs)
}

// keyValue reads `key = value` inside the table at path base.
func (s *scanner) keyValue(base string, depth int) {
	p, d, ok := s.keyEquals(base, depth)
	if ok {
		s.value(p, d)
	}
}

// keyEquals reads a dotted key and its '=', recording the key's positions.
func (s *scanner) keyEquals(base string, depth int) (string, int, bool) {
	segs := s.keySegments(depth)
	if len(segs) == 0 || s.err != nil {
		return "", 0, false
	}
	s.skipSpace()
	if s.peek() != '=' {
		return "", 0, false
	}
	s.count(segs[0].pos)
	if s.extendsInline(base, segs, false) {
		return "", 0, false
	}
	s.adv()
	s.skipSpace()
	p := base
	for i, seg := range segs {
		p = childPath(p, seg.name)
		if i < len(segs)-1 {
			s.record(p, seg.pos, seg.pos)
		}
	}
	s.lastKey = segs[len(segs)-1].pos
	return p, depth + len(segs), true
}

// frame is an open array or inline table.
type frame struct {
	open  byte // '[' or '{'
	path  string
	depth int
	n     int // elements so far (arrays)
}

// value reads one value at path p (depth d), with any arrays and inline
// tables nested in it, using an explicit stack.
func (s *scanner) value(p string, d int) {
	var stack []frame
	key := s.lastKey
	for s.err == nil {
		// One value at p.
		pos := s.here()
		if s.recording() {
			if len(stack) > 0 && stack[len(stack)-1].open == '[' {
				key = pos
			}
			s.record(p, key, pos)
		}
		switch c := s.peek(); c {
		case '[', '{':
			if c == '{' {
				s.inline[p] = true
			}
			s.adv()
			if d+1 > MaxDepth {
				s.tooDeep(pos)
				return
			}
			stack = append(stack, frame{open: c, path: p, depth: d})
			s.skipBlank()
			if s.peek() == closer(c) {
				break // the loop below closes it
			}
			if c == '[' {
				stack[len(stack)-1].n = 1
				p, d = elemPath(p, 0), d+1
				s.count(s.here())
				continue
			}
			var ok bool
			if p, d, ok = s.keyEquals(p, d); !ok {
				return
			}
			key = s.lastKey
			continue
		case '"', '\'':
			s.stringValue(c)
		default:
			s.scalar()
		}
		// After a value: close containers, or move to the next element.
		for {
			if len(stack) == 0 || s.err != nil {
				return
			}
			top := &stack[len(stack)-1]
			s.skipBlank()
			if s.eof() {
				return
			}
			c := s.peek()
			if c == ']' || c == '}' {
				s.adv()
				stack = stack[:len(stack)-1]
				continue
			}
			if c != ',' {
				s.adv() // not TOML; skip it and stay inside the container
				continue
			}
			s.adv()
			s.skipBlank()
			if c := s.peek(); c == ']' || c == '}' {
				continue
			}
			if top.open == '[' {
				p, d = elemPath(top.path, top.n), top.depth+1
				top.n++
				s.count(s.here())
				break
			}
			var ok bool
			if p, d, ok = s.keyEquals(top.path, top.depth); !ok {
				s.adv()
				continue
			}
			key = s.lastKey
			break
		}
	}
}

func closer(open byte) byte {
	if open == '[' {
		return ']'
	}
	return '}'
}

// scalar skips a number, date, time or boolean. A local date-time may hold
// one space between date and time ("1979-05-27 07:32:00").
func (s *scanner) scalar() {
	from := s.i
	for !s.eof() {
		switch c := s.peek(); c {
		case ' ':
			if s.i-from == 10 && isDate(s.src[from:s.i]) && isDigit(s.peekAt(1)) {
				s.adv()
				continue
			}
			return
		case '\t', '\n', '\r', ',', ']', '}', '#', '[', '{', '"', '\'':
			return
		}
		s.adv()
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDate(b []byte) bool {
	for i, c := range b {
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if !isDigit(c) {
			return false
		}
	}
	return true
}

// stringValue skips a basic, literal or multi-line string starting at quote q.
func (s *scanner) stringValue(q byte) {
	if s.peekAt(1) != q || s.peekAt(2) != q {
		s.singleLineString(q)
		return
	}
	s.adv()
	s.adv()
	s.adv()
	for !s.eof() {
		c := s.peek()
		switch {
		case c == '\\' && q == '"':
			s.adv()
			s.adv()
		case c == q && s.peekAt(1) == q && s.peekAt(2) == q:
			for s.peek() == q { // up to two quotes may end the content
				s.adv()
			}
			return
		default:
			s.adv()
		}
	}
}

// singleLineString skips a one-line basic or literal string; it stops at the
// end of the line if the string is not closed (the parser reports that).
func (s *scanner) singleLineString(q byte) {
	s.adv()
	for !s.eof() {
		switch c := s.peek(); {
		case c == '\n' || c == '\r':
			return
		case c == '\\' && q == '"':
			s.adv()
			if c := s.peek(); c != '\n' && c != '\r' {
				s.adv()
			}
		case c == q:
			s.adv()
			return
		default:
			s.adv()
		}
	}
}
