// Package atomicfile writes files so that neither a reader nor a crash ever
// sees one half-written: the data goes to a temporary file beside the
// target, is synced to disk, and is renamed over the target, which keeps its
// old content until that moment. The command line, the batch runner and the
// game's saves all write through it.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Pending is a finished, synced temporary file waiting to replace its target.
type Pending struct {
	tmp, path string
}

// Prepare writes what write produces to a synced temporary file beside
// path (creating path's directory if needed). Commit puts it in place;
// Discard drops it. Until Commit, path is untouched.
func Prepare(path string, write func(io.Writer) error) (*Pending, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	werr := write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	merr := f.Chmod(0o644) // temporary files start private; these are ordinary files
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, merr, serr, cerr); err != nil {
		os.Remove(f.Name())
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &Pending{tmp: f.Name(), path: path}, nil
}

// Commit renames the temporary file over the target and syncs the directory,
// so that the rename itself survives a crash.
func (p *Pending) Commit() error {
	if err := os.Rename(p.tmp, p.path); err != nil {
		os.Remove(p.tmp)
		return fmt.Errorf("replace %s: %w", p.path, err)
	}
	if d, err := os.Open(filepath.Dir(p.path)); err == nil {
		d.Sync() // best effort: not every file system syncs directories
		d.Close()
	}
	return nil
}

// Name is the temporary file's path (what a crash before Commit leaves behind).
func (p *Pending) Name() string { return p.tmp }

// Discard removes the temporary file, leaving the target as it was.
func (p *Pending) Discard() { os.Remove(p.tmp) }

// Write creates or replaces path with what write produces, atomically.
func Write(path string, write func(io.Writer) error) error {
	p, err := Prepare(path, write)
	if err != nil {
		return err
	}
	return p.Commit()
}

// WriteFile creates or replaces path with data, atomically.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
