//go:build unix

package save

import (
	"path/filepath"
	"syscall"
	"testing"
)

// makeFIFO makes a named pipe called fifo.json in dir.
func makeFIFO(t *testing.T, dir string) (string, bool) {
	path := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Errorf("mkfifo: %v", err)
		return "", false
	}
	return path, true
}
