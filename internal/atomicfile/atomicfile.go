// Package atomicfile writes files so that neither a reader nor a crash ever
// sees one half-written: the data goes to a temporary file beside the
// target, is synced to disk, and is renamed over the target, which keeps its
// old content until that moment. The command line, the batch runner and the
// game's saves all write through it.
//
// Only files are ever replaced. A symbolic link is followed and the file it
// names replaced, so the link stays. A terminal, a pipe, /dev/null or a
// descriptor name such as /dev/stdout is written straight through once the
// data is complete, since there is no file to replace. Anything else (a
// directory, a block device, a socket, a link to nothing) is refused.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Pending is a finished, synced temporary file waiting to replace its target
// (or to be copied into it, for a target written through).
type Pending struct {
	tmp, path string
	through   bool     // copy into path rather than rename over it
	fd        *os.File // the descriptor a name such as /dev/stdout stands for
}

// target decides how path is written: the file to replace (a link's final
// target), or the device, pipe or descriptor to write through.
func target(path string) (*Pending, error) {
	if fd, ok := descriptor(path); ok {
		return &Pending{path: path, through: true, fd: fd}, nil
	}
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Pending{path: path}, nil
	case err != nil:
		return nil, fmt.Errorf("write %s: %w", path, err)
	case st.Mode().IsRegular():
		return &Pending{path: path}, nil
	case st.Mode()&fs.ModeSymlink != 0:
		if st, err = os.Stat(path); err != nil {
			return nil, fmt.Errorf("write %s: a symbolic link to nothing: %w", path, err)
		}
		if st.Mode().IsRegular() {
			real, err := filepath.EvalSymlinks(path)
			if err != nil {
				return nil, fmt.Errorf("write %s: %w", path, err)
			}
			return &Pending{path: real}, nil
		}
	}
	if st.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0 {
		return &Pending{path: path, through: true}, nil
	}
	return nil, fmt.Errorf("write %s: not a file but %s; give a file name", path, kind(st.Mode()))
}

// kind names a file mode that is not a regular file's.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "a special file"
}

// descriptor returns the open descriptor a path such as /dev/stdout,
// /dev/fd/3 or /proc/self/fd/3 names: writing to it means writing to that
// descriptor, at its offset, not reopening (or replacing) what it refers to.
func descriptor(path string) (*os.File, bool) {
	p := filepath.Clean(path)
	switch p {
	case "/dev/stdout":
		return os.Stdout, true
	case "/dev/stderr":
		return os.Stderr, true
	}
	for _, dir := range []string{"/dev/fd/", "/proc/self/fd/"} {
		if n, err := strconv.Atoi(strings.TrimPrefix(p, dir)); err == nil && strings.HasPrefix(p, dir) && n >= 0 {
			switch n {
			case 1:
				return os.Stdout, true
			case 2:
				return os.Stderr, true
			}
			return os.NewFile(uintptr(n), p), true
		}
	}
	return nil, false
}

// Prepare writes what write produces to a synced temporary file beside
// path (creating path's directory if needed; in the system's temporary
// directory for a target written through). Commit puts it in place;
// Discard drops it. Until Commit, path is untouched.
func Prepare(path string, write func(io.Writer) error) (*Pending, error) {
	p, err := target(path)
	if err != nil {
		return nil, err
	}
	dir := os.TempDir()
	if !p.through {
		dir = filepath.Dir(p.path)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(p.path)+".*.tmp")
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
	p.tmp = f.Name()
	return p, nil
}

// Commit renames the temporary file over the target and syncs the directory,
// so that the rename itself survives a crash; a target written through gets
// the temporary file's content instead.
func (p *Pending) Commit() error {
	if p.through {
		defer os.Remove(p.tmp)
		if err := p.copyThrough(); err != nil {
			return fmt.Errorf("write %s: %w", p.path, err)
		}
		return nil
	}
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

// copyThrough copies the temporary file into a device, pipe or descriptor.
func (p *Pending) copyThrough() error {
	src, err := os.Open(p.tmp)
	if err != nil {
		return err
	}
	defer src.Close()
	dst := p.fd
	if dst == nil {
		if dst, err = os.OpenFile(p.path, os.O_WRONLY, 0); err != nil {
			return err
		}
		defer dst.Close()
	}
	_, err = io.Copy(dst, src)
	return err
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
