package batch

import (
	"bufio"
	"bytes"
	"container/heap"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/deconflict/deconflict/internal/atomicfile"
	"github.com/deconflict/deconflict/sim"
)

// Merge joins the files of one batch's shards into out: every row index of
// the batch must appear exactly once, and the result is byte for byte the
// file (and sidecar) a single machine writes. It returns the merged
// batch's identity, sweep grid and statistics.
func Merge(paths []string, out string) (Meta, Grid, *Stats, error) {
	if len(paths) == 0 {
		return Meta{}, nil, nil, fmt.Errorf("no files to merge")
	}
	format, err := FormatOf(out)
	if err != nil {
		return Meta{}, nil, nil, err
	}
	meta, grid, err := mergeMeta(paths, out, format)
	if err != nil {
		return Meta{}, nil, nil, err
	}
	meta = meta.Progress(meta.Rows, true)
	stats := NewStats(meta.Points)
	cols, err := meta.layout(grid)
	if err != nil {
		return Meta{}, nil, nil, fmt.Errorf("%s: %w", MetaPath(paths[0]), err)
	}
	var inputs mergeHeap
	defer func() {
		for _, in := range inputs {
			_ = in.f.Close()
		}
	}()
	for _, p := range paths {
		in, err := openShard(p, format, cols)
		if err != nil {
			return Meta{}, nil, nil, err
		}
		inputs = append(inputs, in)
		if err := in.advance(); err != nil {
			return Meta{}, nil, nil, err
		}
	}

	pending, err := atomicfile.Prepare(out, func(w io.Writer) error {
		return mergeRows(w, inputs, cols, format, meta, stats)
	})
	if err != nil {
		return Meta{}, nil, nil, fmt.Errorf("merging into %s: %w", out, err)
	}
	if err := writeMeta(out, meta); err != nil {
		pending.Discard()
		return Meta{}, nil, nil, fmt.Errorf("merging into %s: %w", out, err)
	}
	if err := pending.Commit(); err != nil {
		return Meta{}, nil, nil, fmt.Errorf("merging into %s: %w", out, err)
	}
	return meta, grid, stats, nil
}

// mergeRows writes the header, then every row of the inputs in row order,
// checking that each row index appears exactly once and feeding stats.
func mergeRows(w io.Writer, inputs mergeHeap, cols layout, format Format, meta Meta, stats *Stats) error {
	if _, err := w.Write(cols.header(format)); err != nil {
		return err
	}
	check := rowChecker{meta: meta}
	live := mergeHeap{}
	for _, in := range inputs {
		if in.ok {
			live = append(live, in)
		}
	}
	heap.Init(&live)
	for live.Len() > 0 {
		in := live[0]
		if err := check.consistent(&in.row); err != nil {
			return fmt.Errorf("%s: line %d: %w", in.path, in.line, err)
		}
		if check.row(in.row.Index, in.path) {
			stats.Add(&in.row)
			if _, err := w.Write(in.raw); err != nil {
				return err
			}
		}
		if err := in.advance(); err != nil {
			return err
		}
		if in.ok {
			heap.Fix(&live, 0)
		} else {
			heap.Pop(&live)
		}
	}
	check.end()
	return check.err()
}

// mergeMeta reads the inputs' identities, checks they are of one batch and
// returns that batch's identity without a shard.
func mergeMeta(paths []string, out string, format Format) (Meta, Grid, error) {
	var first Meta
	for i, p := range paths {
		if SameFile(p, out) || SameFile(MetaPath(p), MetaPath(out)) {
			return Meta{}, nil, fmt.Errorf("%s is both an input and the output %s", p, out)
		}
		if f, err := FormatOf(p); err != nil || f != format {
			return Meta{}, nil, fmt.Errorf("%s: not of the output's format (%s)", p, filepath.Ext(out))
		}
		m, err := ReadMeta(p)
		if err != nil {
			return Meta{}, nil, err
		}
		if err := sim.CheckVersion(p, m.EngineVersion, "written", "merge it with that version"); err != nil {
			return Meta{}, nil, err
		}
		if !m.Complete {
			return Meta{}, nil, fmt.Errorf("%s is incomplete: its sidecar records %d rows written and the shard unfinished (finish it with --resume)", p, m.RowsWritten)
		}
		if i == 0 {
			first = m
			continue
		}
		if d := first.Differences(m, false); len(d) > 0 {
			return Meta{}, nil, fmt.Errorf("%s is of another batch than %s: %s", p, paths[0], strings.Join(d, "; "))
		}
	}
	first.Shard = ""
	var grid Grid
	for _, s := range first.Sweeps {
		sw, err := ParseSweep(s)
		if err != nil {
			return Meta{}, nil, fmt.Errorf("%s: %w", MetaPath(paths[0]), err)
		}
		grid = append(grid, sw)
	}
	if grid.Points() != first.Points || int64(first.Points)*int64(first.Runs) != first.Rows {
		return Meta{}, nil, fmt.Errorf("%s: the sweeps, points and rows do not agree", MetaPath(paths[0]))
	}
	return first, grid, nil
}

// checkPlace checks that a row's index, point, run and seed agree with
// each other and with the batch.
func checkPlace(r *Row, m Meta) error {
	runs := int64(m.Runs)
	switch {
	case r.Index < 0 || r.Index >= m.Rows:
		return fmt.Errorf("row %d: the batch has rows 0-%d", r.Index, m.Rows-1)
	case int64(r.Point) != r.Index/runs || int64(r.Run) != r.Index%runs:
		return fmt.Errorf("row %d: point %d, run %d do not fit its index", r.Index, r.Point, r.Run)
	case r.Seed != sim.DeriveSeed(m.Seed, uint64(r.Run)):
		return fmt.Errorf("row %d: seed %d is not run %d's seed", r.Index, r.Seed, r.Run)
	}
	return nil
}

// shardFile is one input of a merge, read a row at a time.
type shardFile struct {
	path   string
	f      *os.File
	rd     *bufio.Reader
	format Format
	layout layout
	line   int
	ok     bool // row and raw hold the current row
	row    Row
	raw    []byte
	last   int64
}

func openShard(path string, format Format, layout layout) (*shardFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("merging: %w", err)
	}
	in := &shardFile{path: path, f: f, rd: bufio.NewReaderSize(f, 1<<16), format: format, layout: layout, last: -1}
	if header := layout.header(format); len(header) > 0 {
		line, err := in.rd.ReadBytes('\n')
		in.line++
		if err != nil && !errors.Is(err, io.EOF) {
			return in, fmt.Errorf("reading %s: %w", path, err)
		}
		if !bytes.Equal(line, header) {
			return in, fmt.Errorf("%s: its header is not this batch's columns", path)
		}
	}
	return in, nil
}

// advance reads the next row; at the end of the file ok turns false. A
// partial last row (an interrupted shard) is an error.
func (in *shardFile) advance() error {
	line, err := in.rd.ReadBytes('\n')
	if errors.Is(err, io.EOF) {
		in.ok = false
		if len(line) > 0 {
			return fmt.Errorf("%s: the last row is incomplete (an interrupted shard: finish it with --resume)", in.path)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", in.path, err)
	}
	in.line++
	r, err := in.layout.parseRow(in.format, line[:len(line)-1])
	if err != nil {
		return fmt.Errorf("%s: line %d: %w", in.path, in.line, err)
	}
	if r.Index <= in.last {
		return fmt.Errorf("%s: line %d: row %d after row %d; rows must be in order", in.path, in.line, r.Index, in.last)
	}
	in.ok, in.row, in.raw, in.last = true, r, line, r.Index
	return nil
}

// mergeHeap orders shard files by their current row index.
type mergeHeap []*shardFile

func (h mergeHeap) Len() int           { return len(h) }
func (h mergeHeap) Less(i, j int) bool { return h[i].row.Index < h[j].row.Index }
func (h mergeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }

// Push adds a file (heap.Interface).
func (h *mergeHeap) Push(x any) { *h = append(*h, x.(*shardFile)) }

// Pop removes the last file (heap.Interface).
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// rowChecker follows row indices in order and collects missing and
// duplicate rows as ranges.
type rowChecker struct {
	meta       Meta
	next       int64 // the next row index expected
	missing    ranges
	duplicates ranges
	dupFiles   []string
	lastPath   string
}

// row notes a row index (in non-decreasing order) and reports whether it
// is new.
func (c *rowChecker) row(idx int64, path string) bool {
	if idx < c.next {
		c.duplicates.add(idx)
		if len(c.dupFiles) < 4 {
			c.dupFiles = append(c.dupFiles, fmt.Sprintf("row %d in %s and %s", idx, c.lastPath, path))
		}
		return false
	}
	for ; c.next < idx; c.next++ {
		c.missing.add(c.next)
	}
	c.next = idx + 1
	c.lastPath = path
	return true
}

// consistent checks a row's fields against its index and the batch.
func (c *rowChecker) consistent(r *Row) error { return checkPlace(r, c.meta) }

// end notes the rows missing after the last one seen.
func (c *rowChecker) end() {
	for ; c.next < c.meta.Rows; c.next++ {
		c.missing.add(c.next)
	}
}

func (c *rowChecker) err() error {
	var msgs []string
	if c.missing.count > 0 {
		msgs = append(msgs, fmt.Sprintf("%d of %d rows missing: %s", c.missing.count, c.meta.Rows, c.missing))
	}
	if c.duplicates.count > 0 {
		msgs = append(msgs, fmt.Sprintf("%d duplicate rows: %s (%s)", c.duplicates.count, c.duplicates, strings.Join(c.dupFiles, "; ")))
	}
	if len(msgs) == 0 {
		return nil
	}
	return errors.New(strings.Join(msgs, "; "))
}

// ranges collects increasing integers as compact ranges.
type ranges struct {
	spans [][2]int64
	count int64
}

func (r *ranges) add(v int64) {
	r.count++
	if n := len(r.spans); n > 0 && r.spans[n-1][1]+1 == v {
		r.spans[n-1][1] = v
		return
	}
	if n := len(r.spans); n > 0 && r.spans[n-1][1] == v {
		return
	}
	r.spans = append(r.spans, [2]int64{v, v})
}

// String lists the ranges, such as "3-7, 12, 20-21", the first twenty only.
func (r ranges) String() string {
	var parts []string
	for i, s := range r.spans {
		if i == 20 {
			parts = append(parts, fmt.Sprintf("and %d more ranges", len(r.spans)-20))
			break
		}
		if s[0] == s[1] {
			parts = append(parts, fmt.Sprint(s[0]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", s[0], s[1]))
		}
	}
	return strings.Join(parts, ", ")
}
