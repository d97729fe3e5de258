package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"
)

// fakeFile is a file whose size and time the test sets; missing makes stat
// fail as for a file being replaced.
type fakeFile struct {
	size    int64
	modTime time.Time
	missing bool
	stats   int
}

func (f *fakeFile) stat(string) (fs.FileInfo, error) {
	f.stats++
	if f.missing {
		return nil, fs.ErrNotExist
	}
	return info{f.size, f.modTime}, nil
}

type info struct {
	size    int64
	modTime time.Time
}

func (i info) Name() string       { return "s.toml" }
func (i info) Size() int64        { return i.size }
func (i info) Mode() fs.FileMode  { return 0o644 }
func (i info) ModTime() time.Time { return i.modTime }
func (i info) IsDir() bool        { return false }
func (i info) Sys() any           { return nil }

// TestPollReportsASettledChangeOnce steps a fake clock in quarter seconds:
// nothing is reported while the file is unchanged; an edit is reported on
// the second look that finds it unchanged (half a second after it), once;
// an edit still being written (changing between looks) waits until it
// stops; a file that disappears and comes back changed is one change.
func TestPollReportsASettledChangeOnce(t *testing.T) {
	t0 := time.Unix(1_000_000, 0)
	f := &fakeFile{size: 100, modTime: t0}
	now := t0
	w := New("s.toml", f.stat, now)
	tick := func() bool { now = now.Add(Interval); return w.Poll(now) }
	for i := range 4 {
		if tick() {
			t.Fatalf("tick %d: a change reported on an unchanged file", i)
		}
	}
	// Poll between ticks does not look at the file.
	before := f.stats
	if w.Poll(now.Add(Interval/2)) || f.stats != before {
		t.Fatalf("looked at the file %d times within an interval", f.stats-before)
	}
	f.size, f.modTime = 120, t0.Add(time.Minute)
	if tick() {
		t.Fatal("an edit reported on the first look: it may be half written")
	}
	if !tick() {
		t.Fatal("a settled edit not reported on the second look")
	}
	if tick() || tick() {
		t.Fatal("one edit reported twice")
	}
	// An edit in progress: the file grows at every look, then stops.
	for i := range 3 {
		f.size += 10
		if tick() {
			t.Fatalf("reported while still being written (look %d)", i)
		}
	}
	if !tick() {
		t.Fatal("the edit not reported once it stopped")
	}
	// Replaced by rename: gone for a look, then back with a new time.
	f.missing = true
	if tick() {
		t.Fatal("reported while the file was missing for one look")
	}
	f.missing, f.modTime = false, t0.Add(2*time.Minute)
	if tick() {
		t.Fatal("reported on the first look after it came back")
	}
	if !tick() {
		t.Fatal("the replaced file not reported")
	}
	// Removed for good: that is a change too (the game shows it cannot read it).
	f.missing = true
	tick()
	if !tick() {
		t.Fatal("a removed file not reported")
	}
}

// TestLines splits a loader's error list into lines and caps them.
func TestLines(t *testing.T) {
	got := Lines(errors.New("s.toml:3:1: a\ns.toml:9:5: b (hint)\n"))
	if strings.Join(got, "|") != "s.toml:3:1: a|s.toml:9:5: b (hint)" {
		t.Errorf("lines %q", got)
	}
	var many []string
	for i := range 40 {
		many = append(many, fmt.Sprintf("s.toml:%d:1: problem", i+1))
	}
	got = Lines(errors.New(strings.Join(many, "\n")))
	// 29 problems shown, then "… and 11 more" (40 − 29).
	if len(got) != MaxLines || got[MaxLines-2] != "s.toml:29:1: problem" || got[MaxLines-1] != "… and 11 more" {
		t.Errorf("%d lines, ending %q", len(got), got[len(got)-2:])
	}
}
