package batch

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/deconflict/deconflict/sim"
)

// KeyMetrics returns the metrics the plots show unless told otherwise, in
// grid order.
func KeyMetrics() []sim.Metric {
	return []sim.Metric{
		sim.MetricStrikes, sim.MetricTargetsHit, sim.MetricInterdictedShare,
		sim.MetricAttacksOnUS, sim.MetricUSCasualties, sim.MetricMaxEscalationUSIran,
		sim.MetricMaxEscalationIsraelIran, sim.MetricTalksProgress, sim.MetricTrust,
	}
}

// ParseMetrics reads the metrics a plot shows from a comma-separated list
// of metric keys (--plot-metrics), in the order given.
func ParseMetrics(list string) ([]sim.Metric, error) {
	var out []sim.Metric
	seen := map[sim.Metric]bool{}
	for _, key := range strings.Split(list, ",") {
		key = strings.TrimSpace(key)
		m, ok := sim.ParseMetric(key)
		switch {
		case key == "":
			return nil, fmt.Errorf("%q: an empty metric key; give keys separated by commas, such as strikes,trust", list)
		case !ok:
			return nil, fmt.Errorf("unknown metric %q (the metrics are the keys of the metrics table of docs/cli.md, such as %s)", key, sim.MetricStrikes.Spec().Key)
		case seen[m]:
			return nil, fmt.Errorf("metric %q is listed twice", key)
		}
		seen[m] = true
		out = append(out, m)
	}
	return out, nil
}

// PlotKind picks the image format from a file name: PNG or SVG.
func PlotKind(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png", ".svg":
		return ext[1:], nil
	}
	return "", fmt.Errorf("%s: the plot must end in .png or .svg", path)
}

// Plot draws metrics in a grid, three panels a row. Without sweeps each
// panel is a histogram of the runs; with sweeps each panel is the metric's mean with
// its 95% confidence band against the first swept key, one line per value
// of the second swept key (further keys held at their first value). It
// uses the summary, and the samples the summary sorted.
func Plot(w io.Writer, kind string, metrics []sim.Metric, sum Summary, stats *Stats, grid Grid) error {
	if len(metrics) == 0 {
		return fmt.Errorf("no metrics to plot")
	}
	cols := min(3, len(metrics))
	rows := (len(metrics) + cols - 1) / cols
	plots := make([][]*plot.Plot, rows)
	for i := range plots {
		plots[i] = make([]*plot.Plot, cols)
	}
	for i, m := range metrics {
		var p *plot.Plot
		var err error
		if len(grid) == 0 {
			p, err = histogram(m, stats)
		} else {
			p, err = sweepPlot(m, sum, grid, i == 0)
		}
		if err != nil {
			return fmt.Errorf("plotting %s: %w", m, err)
		}
		plots[i/cols][i%cols] = p
	}
	for r := range plots {
		for c := range plots[r] {
			if plots[r][c] == nil {
				plots[r][c] = plot.New()
				plots[r][c].HideAxes()
			}
		}
	}
	width, height := 11*vg.Centimeter*vg.Length(cols), 8*vg.Centimeter*vg.Length(rows)
	var canvas vg.CanvasWriterTo
	if kind == "svg" {
		canvas = vgsvg.New(width, height)
	} else {
		canvas = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(120))}
	}
	dc := draw.New(canvas)
	dc.SetColor(color.White) // a white background, not a transparent one
	dc.Fill(dc.Rectangle.Path())
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadTop: vg.Millimeter * 3, PadBottom: vg.Millimeter * 3,
		PadLeft: vg.Millimeter * 3, PadRight: vg.Millimeter * 3, PadX: vg.Millimeter * 6, PadY: vg.Millimeter * 6}
	canvases := plot.Align(plots, tiles, dc)
	for r := range plots {
		for c := range plots[r] {
			plots[r][c].Draw(canvases[r][c])
		}
	}
	if _, err := canvas.WriteTo(w); err != nil {
		return fmt.Errorf("writing the plot: %w", err)
	}
	return nil
}

func metricTitle(m sim.Metric) string {
	return fmt.Sprintf("%s (%s)", m.Spec().Key, m.Spec().Unit)
}

// histogram draws a metric's distribution over every run of the batch:
// one bar per value for small counts, twenty equal bins otherwise.
func histogram(m sim.Metric, stats *Stats) (*plot.Plot, error) {
	scale := float64(m.Spec().Scale)
	// Two passes over the stored samples (the range, then the bins) rather
	// than a copy of them: the plot adds no memory per run.
	each := func(f func(float64)) {
		for p := range stats.points {
			for _, b := range stats.samples(p, m) {
				for _, v := range b {
					f(float64(v) / scale)
				}
			}
		}
	}
	count := 0
	lo, hi := math.Inf(1), math.Inf(-1)
	each(func(v float64) { count, lo, hi = count+1, math.Min(lo, v), math.Max(hi, v) })
	p := newPlot(m)
	p.Y.Label.Text = "share of runs"
	if count == 0 {
		return p, nil
	}
	var bins []plotter.HistogramBin
	var width float64
	if scale == 1 && hi-lo <= 40 {
		width = 1
		p.X.Tick.Marker = integerTicks{}
		for x := lo; x <= hi; x++ {
			bins = append(bins, plotter.HistogramBin{Min: x - 0.5, Max: x + 0.5})
		}
	} else {
		n := 20
		if hi == lo {
			n, lo, hi = 1, lo-0.5, hi+0.5
		}
		width = (hi - lo) / float64(n)
		for i := range n {
			bins = append(bins, plotter.HistogramBin{Min: lo + float64(i)*width, Max: lo + float64(i+1)*width})
		}
	}
	each(func(v float64) {
		i := min(int((v-bins[0].Min)/width), len(bins)-1)
		bins[i].Weight += 1 / float64(count)
	})
	h := &plotter.Histogram{Bins: bins, Width: width, FillColor: plotutil.Color(0), LineStyle: plotter.DefaultLineStyle}
	h.LineStyle.Color = color.White
	p.Add(h)
	return p, nil
}

// sweepPlot draws a metric's mean and 95% band against the first swept key.
func sweepPlot(m sim.Metric, sum Summary, grid Grid, legend bool) (*plot.Plot, error) {
	p := newPlot(m)
	p.X.Label.Text = grid[0].Key
	numeric := true
	for _, v := range grid[0].Values {
		numeric = numeric && v.Numeric
	}
	x := func(k int) float64 {
		if numeric {
			f, _ := strconv.ParseFloat(grid[0].Values[k].Text, 64)
			return f
		}
		return float64(k)
	}
	if !numeric {
		var ticks plot.ConstantTicks
		for k, v := range grid[0].Values {
			ticks = append(ticks, plot.Tick{Value: float64(k), Label: v.Text})
		}
		p.X.Tick.Marker = ticks
	}
	lines := 1
	if len(grid) > 1 {
		lines = len(grid[1].Values)
	}
	if len(grid) > 2 {
		var held []string
		for _, s := range grid[2:] {
			held = append(held, s.Key+"="+s.Values[0].Text)
		}
		p.Title.Text += "\n(" + strings.Join(held, " ") + ")"
	}
	key := m.Spec().Key
	for line := range lines {
		var mean, band plotter.XYs
		var upper plotter.XYs
		for _, ps := range sum.Points {
			idx := grid.Indices(ps.Point)
			if len(grid) > 1 && idx[1] != line || !heldAtFirst(idx) || ps.Runs == 0 {
				continue
			}
			ms := ps.Metrics[key]
			lo, hi := ms.Mean, ms.Mean
			if ms.CILow != nil {
				lo, hi = *ms.CILow, *ms.CIHigh
			}
			xv := x(idx[0])
			mean = append(mean, plotter.XY{X: xv, Y: ms.Mean})
			band = append(band, plotter.XY{X: xv, Y: lo})
			upper = append(upper, plotter.XY{X: xv, Y: hi})
		}
		if len(mean) == 0 {
			continue
		}
		for i := len(upper) - 1; i >= 0; i-- {
			band = append(band, upper[i])
		}
		c := plotutil.Color(line)
		poly, err := plotter.NewPolygon(band)
		if err != nil {
			return nil, err
		}
		r, g, b, _ := c.RGBA()
		poly.Color = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x40}
		poly.LineStyle.Width = 0
		l, pts, err := plotter.NewLinePoints(mean)
		if err != nil {
			return nil, err
		}
		l.Color, pts.Color = c, c
		pts.Shape = draw.CircleGlyph{}
		p.Add(poly, l, pts)
		if legend && len(grid) > 1 {
			p.Legend.Add(grid[1].Key+"="+grid[1].Values[line].Text, l, pts)
		}
	}
	p.Legend.Top = true
	return p, nil
}

// preciseTicks are gonum's default ticks, labelled with the fewest
// decimals that write every labelled value exactly.
type preciseTicks struct{}

// Ticks returns the ticks between lo and hi.
func (preciseTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = tickLabel(ticks[i].Value)
		}
	}
	return ticks
}

// integerTicks mark whole numbers only, for bars of counts centred on them.
type integerTicks struct{}

// Ticks returns ticks on multiples of 1, 2 or 5 times a power of ten,
// at most six of them, between lo and hi.
func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	step := int64(1)
	for mult := 0; float64(step) < (hi-lo)/5; mult++ {
		step = []int64{1, 2, 5}[(mult+1)%3] * pow10(int64((mult+1)/3))
	}
	var out []plot.Tick
	for v := int64(math.Ceil(lo/float64(step))) * step; float64(v) <= hi; v += step {
		out = append(out, plot.Tick{Value: float64(v), Label: strconv.FormatInt(v, 10)})
	}
	return out
}

func pow10(n int64) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// tickLabel writes a tick value with the fewest decimals (at most eight)
// that keep it, and without a sign on zero.
func tickLabel(v float64) string {
	tol := 1e-9 * math.Max(1, math.Abs(v))
	for places := 0; ; places++ {
		l := strconv.FormatFloat(v, 'f', places, 64)
		back, _ := strconv.ParseFloat(l, 64)
		if math.Abs(back-v) <= tol || places == 8 {
			if back == 0 {
				return strings.TrimPrefix(l, "-")
			}
			return l
		}
	}
}

// newPlot returns an empty panel titled for a metric.
func newPlot(m sim.Metric) *plot.Plot {
	p := plot.New()
	p.Title.Text = metricTitle(m)
	p.X.Tick.Marker = preciseTicks{}
	p.Y.Tick.Marker = preciseTicks{}
	return p
}

// heldAtFirst reports whether every swept key past the second is at its
// first value.
func heldAtFirst(idx []int) bool {
	for _, k := range idx[min(2, len(idx)):] {
		if k != 0 {
			return false
		}
	}
	return true
}
