//go:build unix

package infile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// within runs f and fails the test if it has not returned after a few
// seconds: the point of this package is that nothing blocks.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("blocked")
	}
}

func TestRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "scenario.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	zero := filepath.Join(dir, "save.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, want string }{
		{fifo, "not a regular file: it is a named pipe (FIFO)"},
		{zero, "not a regular file: it is a character device"},
		{dir, "not a regular file: it is a directory"},
	}
	for _, c := range cases {
		within(t, func() {
			_, err := ReadFile(c.path, 1<<20)
			if !errors.Is(err, ErrNotRegular) || err.Error() != c.want {
				t.Errorf("%s: got %v, want %q", c.path, err, c.want)
			}
			if f, _, err := Open(c.path); err == nil {
				f.Close()
				t.Errorf("%s: opened", c.path)
			}
		})
	}
}
