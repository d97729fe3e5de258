package batch

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Progress draws a one-line progress bar with the rate and the time left,
// redrawn in place (for a terminal). It reads the clock it is given, never
// one of its own, and redraws at most every tenth of a second.
type Progress struct {
	w       io.Writer
	now     func() time.Time
	total   int64
	start   time.Time
	startAt int64 // rows already done when the bar started (resumed rows)
	last    time.Time
	width   int
}

// NewProgress starts a bar for total rows of which done are already done.
func NewProgress(w io.Writer, now func() time.Time, done, total int64) *Progress {
	t := now()
	return &Progress{w: w, now: now, total: total, start: t, startAt: done, width: 30}
}

// Update redraws the bar for done rows, unless it was redrawn very recently
// or the batch is done (Finish draws the last bar).
func (p *Progress) Update(done int64) {
	t := p.now()
	if done >= p.total || t.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = t
	fmt.Fprintf(p.w, "\r%s", p.line(done, t))
}

// Finish draws the bar a last time and ends its line.
func (p *Progress) Finish(done int64) {
	fmt.Fprintf(p.w, "\r%s\n", p.line(done, p.now()))
}

// line renders the bar: [=====>    ] 512/1000  51%  312.4 runs/s  ETA 1.6s
func (p *Progress) line(done int64, t time.Time) string {
	frac := 1.0
	if p.total > 0 {
		frac = float64(done) / float64(p.total)
	}
	fill := int(frac * float64(p.width))
	bar := strings.Repeat("=", fill)
	if fill < p.width {
		bar += ">" + strings.Repeat(" ", p.width-fill-1)
	}
	elapsed := t.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(done-p.startAt) / elapsed
	}
	eta := "?"
	switch {
	case done >= p.total:
		eta = "done in " + (time.Duration(elapsed * float64(time.Second))).Round(time.Millisecond).String()
	case rate > 0:
		left := time.Duration(float64(p.total-done) / rate * float64(time.Second))
		eta = "ETA " + left.Round(time.Second).String()
	}
	return fmt.Sprintf("[%s] %d/%d %3.0f%%  %.1f runs/s  %s ", bar, done, p.total, 100*frac, rate, eta)
}
