package render

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
)

// Chart is a small line chart of one metric over the turns of a run.
type Chart struct {
	Title    string
	Values   []float64
	Color    color.RGBA
	Min, Max float64 // the value axis; Max ≤ Min fits the data
	From, To string  // labels of the first and last point
	Format   string  // printf format of the axis's top value, "%.1f" by default
	Last     string  // the last value as every screen shows it
	Marks    []int   // indexes of Values to mark (the turns that moved it most)
}

// Chart draws a line chart into r.
func (pt *Painter) Chart(dst *ebiten.Image, r ui.Rect, c Chart, title, small text.Face) {
	pt.Rect(dst, r, view.Panel())
	pt.Frame(dst, r, 1, view.PanelLine())
	pad := LineHeight(small) * 0.5
	format := c.Format
	if format == "" {
		format = "%.1f"
	}
	Text(dst, c.Title, title, r.X+pad, r.Y+pad, view.Text(), Left)
	Text(dst, c.Last, title, r.Right()-pad, r.Y+pad, c.Color, Right)
	plot := ui.Rect{X: r.X + pad, Y: r.Y + pad + LineHeight(title) + pad*0.5, W: r.W - 2*pad, H: r.H - 2*pad - LineHeight(title) - LineHeight(small) - pad*0.5}
	if plot.W <= 4 || plot.H <= 4 {
		return
	}
	lo, hi := c.Min, c.Max
	if hi <= lo {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, v := range c.Values {
			lo, hi = min(lo, v), max(hi, v)
		}
		if math.IsInf(lo, 0) {
			lo, hi = 0, 1
		}
		lo = min(lo, 0)
		if hi-lo < 1e-9 {
			hi = lo + 1
		}
	}
	for i := range 5 {
		y := plot.Y + plot.H*float64(i)/4
		pt.Line(dst, plot.X, y, plot.Right(), y, 1, view.Fade(view.PanelLine(), 0.8))
	}
	Text(dst, fmt.Sprintf(format, hi), small, plot.X+2, plot.Y, view.Dim(), Left)
	Text(dst, c.From, small, plot.X, plot.Bottom()+2, view.Dim(), Left)
	Text(dst, c.To, small, plot.Right(), plot.Bottom()+2, view.Dim(), Right)
	n := len(c.Values)
	if n == 0 {
		return
	}
	// at most one point per pixel column: keep each column's extremes
	pts := make([]float64, 0, 4*int(plot.W))
	xOf := func(i int) float64 {
		if n == 1 {
			return plot.X
		}
		return plot.X + plot.W*float64(i)/float64(n-1)
	}
	yOf := func(v float64) float64 { return plot.Bottom() - plot.H*(min(max(v, lo), hi)-lo)/(hi-lo) }
	step := max(1, n/int(plot.W))
	for i := 0; i < n; i += step {
		vmin, vmax := c.Values[i], c.Values[i]
		for j := i; j < min(n, i+step); j++ {
			vmin, vmax = min(vmin, c.Values[j]), max(vmax, c.Values[j])
		}
		x := xOf(i)
		pts = append(pts, x, yOf(c.Values[i]))
		if vmax != vmin {
			pts = append(pts, x, yOf(vmax), x, yOf(vmin))
		}
	}
	pts = append(pts, xOf(n-1), yOf(c.Values[n-1]))
	for _, i := range c.Marks {
		if i >= 0 && i < n {
			pt.Line(dst, xOf(i), plot.Y, xOf(i), plot.Bottom(), 1, view.Fade(view.Text(), 0.35))
		}
	}
	pt.Polyline(dst, pts, 2, c.Color)
}

func rectOf(x, y, w, h float64) ui.Rect { return ui.Rect{X: x, Y: y, W: w, H: h} }
