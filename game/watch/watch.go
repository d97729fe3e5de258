// Package watch follows a scenario file for the game's --watch mode: it
// looks at the file's size and modification time now and then and says
// when an edit has settled, so the game loads the scenario again and
// restarts the run at the same seed, or shows the file's problems. It has
// no graphics dependency and takes its clock and file system from the
// caller, so its rules are tested without a display or real waiting.
package watch

import (
	"fmt"
	"io/fs"
	"strings"
	"time"
)

// Interval is how often the file is looked at.
const Interval = 250 * time.Millisecond

// stamp is what two looks at the file compare: its size and modification
// time, or the error that kept it from being read (the file is being
// replaced, or was removed).
type stamp struct {
	size    int64
	modTime time.Time
	err     string
}

// Watcher follows one file.
type Watcher struct {
	path    string
	stat    func(string) (fs.FileInfo, error)
	seen    stamp  // the version loaded last
	pending *stamp // a change seen once, not yet settled
	next    time.Time
}

// New starts following path, taking its current version as the one
// loaded; stat is os.Stat outside tests.
func New(path string, stat func(string) (fs.FileInfo, error), now time.Time) *Watcher {
	w := &Watcher{path: path, stat: stat, next: now.Add(Interval)}
	w.seen = w.look()
	return w
}

// look reads the file's stamp.
func (w *Watcher) look() stamp {
	fi, err := w.stat(w.path)
	if err != nil {
		return stamp{err: err.Error()}
	}
	return stamp{size: fi.Size(), modTime: fi.ModTime()}
}

// Poll looks at the file once Interval has passed since it last did, and
// reports true when a change has settled: the file looked the same on two
// looks in a row, and different from the version loaded last. An editor
// that writes a file in several steps (truncate, write, rename) is then
// loaded once, whole, an Interval after its last step.
func (w *Watcher) Poll(now time.Time) bool {
	if now.Before(w.next) {
		return false
	}
	w.next = now.Add(Interval)
	cur := w.look()
	switch {
	case cur == w.seen:
		w.pending = nil
	case w.pending != nil && *w.pending == cur:
		w.seen, w.pending = cur, nil
		return true
	default:
		w.pending = &cur
	}
	return false
}

// MaxLines is the most problem lines Lines returns.
const MaxLines = 30

// Lines splits a load error into the lines the game shows, one problem a
// line (the loader reports each at its file:line:col), at most MaxLines of
// them, the last saying how many more there are.
func Lines(err error) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(err.Error()), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) > MaxLines {
		more := len(out) - (MaxLines - 1)
		out = append(out[:MaxLines-1], fmt.Sprintf("… and %d more", more))
	}
	return out
}
