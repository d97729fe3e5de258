package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/deconflict/deconflict/internal/atomicfile"
	"github.com/deconflict/deconflict/sim"
)

// Meta is a batch file's identity, kept in the sidecar FILE.meta.json: a
// file is resumed, and shards are merged, only under the same identity.
type Meta struct {
	Format        string      `json:"format"`
	Scenario      string      `json:"scenario"`
	ScenarioHash  string      `json:"scenario_hash"` // after the --set overrides, before any sweep
	Seed          uint64      `json:"seed"`
	Runs          int         `json:"runs"` // per sweep point
	Sets          []string    `json:"sets"`
	Sweeps        []string    `json:"sweeps"`
	Points        int         `json:"points"`
	Rows          int64       `json:"rows"` // of the whole batch, all shards
	Shard         string      `json:"shard,omitempty"`
	EngineVersion string      `json:"engine_version"`
	Roles         []string    `json:"roles"`      // whose verdicts the rows carry
	Objectives    []Objective `json:"objectives"` // the objectives the rows carry
	// RowsWritten and Complete say how far the file got: rows in it when
	// the batch last stopped cleanly, and whether they are all of its
	// (shard's) rows. They are not part of the identity: a resumed file
	// has the identity of the batch that started it.
	RowsWritten int64 `json:"rows_written"`
	Complete    bool  `json:"complete"`
}

// Progress returns the identity with the file's progress.
func (m Meta) Progress(rows int64, complete bool) Meta {
	m.RowsWritten, m.Complete = rows, complete
	return m
}

// MetaPath returns the path of a batch file's sidecar.
func MetaPath(path string) string { return path + ".meta.json" }

// Differences lists, one phrase each, how another identity differs from m.
func (m Meta) Differences(other Meta, withShard bool) []string {
	var out []string
	diff := func(name string, a, b any) {
		if fmt.Sprint(a) != fmt.Sprint(b) {
			out = append(out, fmt.Sprintf("%s %v, not %v", name, b, a))
		}
	}
	diff("format", m.Format, other.Format)
	diff("scenario", m.Scenario, other.Scenario)
	diff("scenario hash", m.ScenarioHash, other.ScenarioHash)
	diff("seed", m.Seed, other.Seed)
	diff("runs", m.Runs, other.Runs)
	if !slices.Equal(m.Sets, other.Sets) {
		out = append(out, fmt.Sprintf("--set %q, not %q", other.Sets, m.Sets))
	}
	if !slices.Equal(m.Sweeps, other.Sweeps) {
		out = append(out, fmt.Sprintf("--sweep %q, not %q", other.Sweeps, m.Sweeps))
	}
	diff("points", m.Points, other.Points)
	diff("rows", m.Rows, other.Rows)
	if withShard {
		diff("shard", shardText(m.Shard), shardText(other.Shard))
	}
	diff("engine version", m.EngineVersion, other.EngineVersion)
	if !slices.Equal(m.Roles, other.Roles) {
		out = append(out, fmt.Sprintf("roles %q, not %q", other.Roles, m.Roles))
	}
	if !slices.Equal(m.Objectives, other.Objectives) {
		out = append(out, fmt.Sprintf("objectives %q, not %q", other.Objectives, m.Objectives))
	}
	return out
}

func shardText(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// SameFile reports whether two paths name one file: by device and inode
// when both exist, else by their absolute paths with the links of their
// directories resolved. Spelling ("./a.csv", "$PWD/a.csv", a link) does not
// matter.
func SameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return resolvedPath(a) == resolvedPath(b)
}

// resolvedPath is p made absolute, its directory's links resolved.
func resolvedPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return filepath.Join(dir, base)
}

// ReadMeta reads a batch file's sidecar.
func ReadMeta(path string) (Meta, error) {
	data, err := os.ReadFile(MetaPath(path))
	if err != nil {
		return Meta{}, fmt.Errorf("reading the identity of %s: %w", path, err)
	}
	var m Meta
	if err := json.Unmarshal(data, &m); err != nil {
		return Meta{}, fmt.Errorf("%s: %w", MetaPath(path), err)
	}
	if m.Format != FormatID {
		return Meta{}, fmt.Errorf("%s: a batch file of format %q; this program reads and writes %q only "+
			"(its rows have other columns): run the batch again, or read it with the program that wrote it", MetaPath(path), m.Format, FormatID)
	}
	return m, nil
}

// layout returns the columns of the batch m identifies, with the sweeps of
// grid.
func (m Meta) layout(grid Grid) (layout, error) {
	roles := make([]sim.Actor, len(m.Roles))
	for i, r := range m.Roles {
		a, ok := sim.ParseActor(r)
		if !ok {
			return layout{}, fmt.Errorf("roles: unknown actor %q", r)
		}
		roles[i] = a
	}
	return newLayout(grid, roles, m.Objectives), nil
}

// writeMeta writes a sidecar atomically: a reader sees the old file or the
// whole new one.
func writeMeta(path string, m Meta) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the batch identity: %w", err)
	}
	return atomicfile.WriteFile(MetaPath(path), append(data, '\n'))
}

// Writer appends rows to a batch file.
type Writer struct {
	path   string
	f      *os.File
	w      *bufio.Writer
	format Format
	layout layout
	plan   *Plan
	meta   Meta
	rows   int64 // rows in the file
	buf    []byte
}

// Open starts a plan's batch file, or with resume continues it: rows
// already there are checked against the plan (each must be byte for byte
// the row this batch writes at that place) and handed to keep, and a
// partial last row is cut off. A file of another batch is refused.
func Open(path string, plan *Plan, resume bool, keep func(*Row)) (*Writer, error) {
	format, err := FormatOf(path)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a file (%v); a batch's rows go to a file, resumed in place", path, st.Mode().Type())
	}
	meta := plan.Meta()
	bw := &Writer{path: path, format: format, layout: plan.layout, plan: plan, meta: meta}
	if resume {
		if _, err := os.Stat(path); err == nil {
			if err := bw.resume(meta, keep); err != nil {
				return nil, err
			}
			// Until it stops cleanly, the file is not complete.
			if err := writeMeta(path, meta.Progress(bw.rows, false)); err != nil {
				_ = bw.f.Close()
				return nil, err
			}
			return bw, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("resuming %s: %w", path, err)
		}
	}
	if err := writeMeta(path, meta); err != nil {
		return nil, err
	}
	if bw.f, err = os.Create(path); err != nil {
		return nil, fmt.Errorf("creating the batch file: %w", err)
	}
	bw.w = bufio.NewWriterSize(bw.f, 1<<16)
	if _, err := bw.w.Write(bw.layout.header(format)); err != nil {
		return nil, bw.fail(err)
	}
	return bw, nil
}

func (bw *Writer) resume(meta Meta, keep func(*Row)) error {
	old, err := ReadMeta(bw.path)
	if err != nil {
		return fmt.Errorf("cannot resume %s: %w", bw.path, err)
	}
	if err := sim.CheckVersion(bw.path, old.EngineVersion, "written", "resume it with that version, or drop --resume to start over"); err != nil {
		return err
	}
	if d := old.Differences(meta, true); len(d) > 0 {
		return fmt.Errorf("cannot resume %s: it was written with other arguments (%s); use another --out or drop --resume to start over",
			bw.path, strings.Join(d, "; "))
	}
	if bw.f, err = os.OpenFile(bw.path, os.O_RDWR, 0); err != nil {
		return fmt.Errorf("resuming %s: %w", bw.path, err)
	}
	end, err := bw.scan(keep)
	if err != nil {
		_ = bw.f.Close()
		return err
	}
	if err := bw.f.Truncate(end); err != nil {
		return bw.fail(err)
	}
	if _, err := bw.f.Seek(end, io.SeekStart); err != nil {
		return bw.fail(err)
	}
	bw.w = bufio.NewWriterSize(bw.f, 1<<16)
	if end == 0 {
		if _, err := bw.w.Write(bw.layout.header(bw.format)); err != nil {
			return bw.fail(err)
		}
	}
	return nil
}

// scan reads the complete rows at the start of the file and returns where
// the part to keep ends.
func (bw *Writer) scan(keep func(*Row)) (int64, error) {
	rd := bufio.NewReaderSize(bw.f, 1<<16)
	header := bw.layout.header(bw.format)
	var off int64
	if len(header) > 0 {
		line, err := rd.ReadBytes('\n')
		if err != nil { // no complete header: start the file over
			return 0, nil
		}
		if !bytes.Equal(line, header) {
			return 0, fmt.Errorf("cannot resume %s: its header is not this batch's columns", bw.path)
		}
		off = int64(len(line))
	}
	lineNo := 1
	if len(header) > 0 {
		lineNo = 2
	}
	for ; ; lineNo++ {
		line, err := rd.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return off, nil // a partial last row (or none) is dropped
		}
		if err != nil {
			return 0, fmt.Errorf("resuming %s: %w", bw.path, err)
		}
		r, err := bw.checkRow(line[:len(line)-1])
		if err != nil {
			return 0, fmt.Errorf("cannot resume %s: line %d: %w", bw.path, lineNo, err)
		}
		keep(&r)
		bw.rows++
		off += int64(len(line))
	}
}

// checkRow parses a row and checks it is exactly the row this batch writes
// next.
func (bw *Writer) checkRow(line []byte) (Row, error) {
	if bw.rows >= bw.plan.ShardRows() {
		return Row{}, fmt.Errorf("more rows than this batch has")
	}
	r, err := bw.layout.parseRow(bw.format, line)
	if err != nil {
		return r, err
	}
	if want := bw.plan.RowIndex(bw.rows); r.Index != want {
		return r, fmt.Errorf("row %d where row %d belongs", r.Index, want)
	}
	if err := checkPlace(&r, bw.meta); err != nil {
		return r, err
	}
	again := bw.layout.appendRow(nil, bw.format, &r, bw.plan.text(r.Point))
	if !bytes.Equal(again[:len(again)-1], line) {
		return r, fmt.Errorf("row %d is not the row this batch writes", r.Index)
	}
	return r, nil
}

// text returns the text fields a point's rows carry.
func (p *Plan) text(point int) rowText {
	pt := &p.Points[point]
	return rowText{values: pt.Values, overrides: pt.Overrides, scenarioHash: pt.Hash}
}

// Rows returns the number of rows in the file.
func (bw *Writer) Rows() int64 { return bw.rows }

// Write appends a row.
func (bw *Writer) Write(r *Row) error {
	bw.buf = bw.layout.appendRow(bw.buf[:0], bw.format, r, bw.plan.text(r.Point))
	if _, err := bw.w.Write(bw.buf); err != nil {
		return bw.fail(err)
	}
	bw.rows++
	return nil
}

// Close flushes and closes the file, then records in the sidecar how many
// rows it holds and whether that is all of them. After a failed write the
// sidecar keeps saying the file is incomplete.
func (bw *Writer) Close() error {
	err := bw.w.Flush()
	if err == nil {
		err = bw.f.Sync()
	}
	if cerr := bw.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", bw.path, err)
	}
	return writeMeta(bw.path, bw.meta.Progress(bw.rows, bw.rows == bw.plan.ShardRows()))
}

func (bw *Writer) fail(err error) error {
	_ = bw.f.Close()
	return fmt.Errorf("writing %s: %w", bw.path, err)
}
