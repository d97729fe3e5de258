//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFOInputsAreRefused: a named pipe given as a scenario or a replay is
// refused at once; it used to block for ever waiting for a writer.
func TestFIFOInputsAreRefused(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		args func(path string) []string
		want string
	}{
		{"scenario.toml", func(p string) []string { return []string{"run", "--scenario", p} }, "scenario.toml: cannot read: not a regular file: it is a named pipe (FIFO)"},
		{"validate.toml", func(p string) []string { return []string{"validate", p} }, "validate.toml: cannot read: not a regular file: it is a named pipe (FIFO)"},
		{"run.replay", func(p string) []string { return []string{"replay", p} }, "run.replay: cannot read: not a regular file: it is a named pipe (FIFO)"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Fatalf("mkfifo: %v", err)
		}
		type result struct {
			code   int
			stderr string
		}
		done := make(chan result, 1)
		go func() {
			code, _, stderr := call(c.args(path)...)
			done <- result{code, stderr}
		}()
		select {
		case r := <-done:
			if r.code != exitFail || !strings.Contains(r.stderr, c.want) {
				t.Errorf("%s: exit %d, %q; want exit %d with %q", c.name, r.code, r.stderr, exitFail, c.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: blocked on a FIFO", c.name)
		}
	}
}
