// Package infile opens the files people name as input (scenarios, replays,
// saves) so that only regular files are read: a FIFO, a device such as
// /dev/zero, a socket or a directory, also behind a symlink, is refused at
// once instead of blocking for ever or being read without end, and a file
// over the caller's size limit is refused from its size before it is read.
package infile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by the error for a path that names something
// other than a regular file.
var ErrNotRegular = errors.New("not a regular file")

// TooLargeError is the error for a file larger than the limit it is read with.
type TooLargeError struct {
	Size  int64 // the file's size; -1 when it grew past Limit while being read
	Limit int64
}

// Error says how large the file is and what the limit is, such as "the file
// is 2048.0 MiB; the limit is 64 MiB".
func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("the file grew past the limit of %s while being read", MiB(e.Limit))
	}
	return fmt.Sprintf("the file is %s; the limit is %s", MiB(e.Size), MiB(e.Limit))
}

// MiB renders a byte count in mebibytes for messages: "64 MiB", "3072.0 MiB".
func MiB(n int64) string {
	if n%(1<<20) == 0 && n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// Open opens path for reading if it names a regular file (symlinks
// followed), and returns it with its size. It never blocks: the file is
// opened without waiting (a FIFO has no writer to wait for) and checked
// before anything is read.
func Open(path string) (*os.File, int64, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		_ = f.Close()
		return nil, 0, fmt.Errorf("%w: it is %s", ErrNotRegular, kind(st.Mode()))
	}
	return f, st.Size(), nil
}

// ReadFile reads a regular file of at most limit bytes. A larger file gives
// a *TooLargeError without being read; one that grows past the limit while
// being read is cut off there and refused the same way.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, size, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if size > limit {
		return nil, &TooLargeError{Size: size, Limit: limit}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Size: -1, Limit: limit}
	}
	return data, nil
}

// kind names a file mode that is not a regular file's.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file (mode " + m.String() + ")"
}
