package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/batch"
	"github.com/deconflict/deconflict/internal/atomicfile"
	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim/scenario"
)

// batchFlags are the settings of a batch.
type batchFlags struct {
	scenario string
	runs     int
	seed     seedFlag
	workers  int
	out      string
	sets     setFlags
	sweeps   setFlags
	shard    string
	shards   string
	resume   bool
	plot     plotFlags
	summary  string
}

// plotFlags are --plot and --plot-metrics, which batch and merge share.
type plotFlags struct {
	path    string
	metrics string
}

func (p *plotFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&p.path, "plot", "", "draw metrics to `FILE`.png or FILE.svg (the key ones unless --plot-metrics)")
	fs.StringVar(&p.metrics, "plot-metrics", "", "the metrics --plot draws, in order: metric keys `KEY,KEY,…`, as the rows name them")
}

// check says what is wrong with the plot flags, or nil.
func (p *plotFlags) check() error {
	if p.path != "" {
		if _, err := batch.PlotKind(p.path); err != nil {
			return fmt.Errorf("--plot %w", err)
		}
	}
	if p.metrics != "" {
		if p.path == "" {
			return fmt.Errorf("--plot-metrics chooses what --plot draws; give --plot FILE too")
		}
		if _, err := batch.ParseMetrics(p.metrics); err != nil {
			return fmt.Errorf("--plot-metrics: %w", err)
		}
	}
	return nil
}

// write draws the plot, if asked for.
func (p *plotFlags) write(sum batch.Summary, stats *batch.Stats, grid batch.Grid) error {
	if p.path == "" {
		return nil
	}
	kind, err := batch.PlotKind(p.path)
	if err != nil {
		return err
	}
	metrics := batch.KeyMetrics()
	if p.metrics != "" {
		if metrics, err = batch.ParseMetrics(p.metrics); err != nil {
			return err
		}
	}
	return atomicfile.Write(p.path, func(w io.Writer) error { return batch.Plot(w, kind, metrics, sum, stats, grid) })
}

func cmdBatch(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name: "batch",
		about: "Run many seeded runs with AI for every actor and write one row per run (CSV or JSON\n" +
			"Lines, by the --out extension), then print a summary: the outcomes, each role's verdicts,\n" +
			"each objective's met rate, and each metric's mean with its 95% confidence interval and\n" +
			"percentiles. Run i's seed is derived from --seed and i alone; with --sweep every grid\n" +
			"point runs the same seeds. See docs/batch.md.",
	}
	fs := cmd.flags()
	f := batchFlags{scenario: "shadow-war", seed: 1}
	fs.StringVar(&f.scenario, "scenario", f.scenario, "embedded scenario `ID` or path to a scenario FILE")
	fs.IntVar(&f.runs, "runs", 0, "`N` runs (per sweep point with --sweep); required")
	fs.Var(&f.seed, "seed", "base seed `S`: run i's seed is derived from S and i")
	fs.IntVar(&f.workers, "workers", f.workers, "`W` runs at a time (default: the number of CPUs)")
	fs.StringVar(&f.out, "out", "", "write one row per run to `FILE`.csv or FILE.jsonl (identity in FILE.meta.json)")
	fs.Var(&f.sets, "set", "override a scenario value in every run, such as site.tanf.troops=100 (`KEY=VALUE`, repeatable)")
	fs.Var(&f.sweeps, "sweep", "sweep a scenario value over FROM:TO:STEP or a list V1,V2,… (`KEY=RANGE`, repeatable: a grid)")
	fs.StringVar(&f.shard, "shard", "", "run only shard `i/n` (0-based): rows whose index is i modulo n")
	fs.StringVar(&f.shards, "shards", "", "run one of `N` shards, its index from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID (\"auto\": N from Slurm)")
	fs.BoolVar(&f.resume, "resume", false, "continue the --out file of an interrupted batch")
	f.plot.register(fs)
	fs.StringVar(&f.summary, "summary", "", "write the summary to `FILE`.json")
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	spec, build, code := f.check(cmd, fs, stderr)
	if code >= 0 {
		return code
	}
	plan, err := batch.NewPlan(spec, build)
	if err != nil {
		fmt.Fprintf(stderr, "deconflict-sim batch: %v\n", err)
		return exitFail
	}
	if err := checkMemory("a batch", plan.ShardRows()); err != nil {
		fmt.Fprintf(stderr, "deconflict-sim batch: %v\n", err)
		return exitFail
	}
	keepHeapTight()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runBatch(ctx, plan, &f, stdout, stderr)
}

// checkMemory refuses a batch or merge of rows runs whose summary would
// not fit in the memory available (where that can be read).
func checkMemory(what string, rows int64) error {
	if avail, ok := batch.AvailableMemory(); ok {
		return batch.CheckMemory(what, rows, avail)
	}
	return nil
}

// keepHeapTight lowers the garbage collector's headroom from 100% to 10% of
// the live heap, unless GOGC is set. A batch's live heap is mostly its
// per-run metric samples, which hold no pointers and cost little to scan, so
// the extra collections are cheap, and peak memory stays near the samples'
// 8 bytes per metric per run instead of twice that.
func keepHeapTight() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(10)
	}
}

// check validates the flags and prepares the spec; code is -1 when the
// batch may go on, else the exit code.
func (f *batchFlags) check(cmd subcommand, fs *flag.FlagSet, stderr io.Writer) (batch.Spec, batch.Builder, int) {
	usage := func(format string, args ...any) (batch.Spec, batch.Builder, int) {
		return batch.Spec{}, nil, cmd.usageError(stderr, fs, fmt.Sprintf(format, args...))
	}
	if f.workers == 0 {
		f.workers = runtime.NumCPU()
	}
	switch {
	case fs.NArg() > 0:
		return usage("unexpected argument %q", fs.Arg(0))
	case f.runs < 1:
		return usage("--runs N is required (N ≥ 1)")
	case f.workers < 1:
		return usage("--workers %d: want at least 1", f.workers)
	case f.resume && f.out == "":
		return usage("--resume continues the --out file; give --out")
	case f.shard != "" && f.shards != "":
		return usage("give --shard i/n or --shards N, not both")
	}
	spec := batch.Spec{Scenario: f.scenario, Runs: f.runs, Seed: uint64(f.seed), Sets: f.sets}
	for _, s := range f.sets {
		if _, err := scenario.ParseOverride(s); err != nil {
			return usage("%v", err)
		}
	}
	for _, s := range f.sweeps {
		sw, err := batch.ParseSweep(s)
		if err != nil {
			return usage("%v", err)
		}
		spec.Sweeps = append(spec.Sweeps, sw)
	}
	if f.out != "" {
		if _, err := batch.FormatOf(f.out); err != nil {
			return usage("--out %v", err)
		}
	}
	if err := f.plot.check(); err != nil {
		return usage("%v", err)
	}
	if err := distinctOutputs(batchOutputs(f.out, f.summary, f.plot.path), nil); err != nil {
		return usage("%v", err)
	}
	switch {
	case f.shard != "":
		sh, err := batch.ParseShard(f.shard)
		if err != nil {
			return usage("--shard %v", err)
		}
		spec.Shard = sh
	case f.shards != "":
		n := 0
		if f.shards != "auto" {
			var err error
			if n, err = strconv.Atoi(f.shards); err != nil || n < 1 {
				return usage("--shards %q: want a number of shards, or auto", f.shards)
			}
		}
		sh, err := batch.ShardFromEnv(n, os.Getenv)
		if err != nil {
			return usage("--shards: %v", err)
		}
		spec.Shard = sh
	}
	build, err := loadBatchScenario(f.scenario)
	if err != nil {
		fmt.Fprintf(stderr, "deconflict-sim batch: %v\n", err)
		return spec, nil, exitFail
	}
	return spec, build, -1
}

// batchOutputs lists the files a batch or merge writes: the rows, their
// sidecar, the summary and the plot (each "" when not given).
func batchOutputs(out, summary, plot string) []output {
	outs := []output{{"--out", out}, {"the sidecar of --out", ""}, {"--summary", summary}, {"--plot", plot}}
	if out != "" {
		outs[1].path = batch.MetaPath(out)
	}
	return outs
}

// loadBatchScenario reads a --scenario argument once (a TOML file if one
// exists at that path, else an embedded scenario id) and returns a builder
// that loads it with each sweep point's overrides.
func loadBatchScenario(ref string) (batch.Builder, error) {
	name, data := ref, []byte(nil)
	if st, err := os.Stat(ref); err == nil && !st.IsDir() {
		if data, err = readScenarioFile(ref); err != nil {
			return nil, err
		}
	} else if f, ok := scenarios.Lookup(ref); ok {
		name, data = f.Name, f.Data
	} else {
		return nil, fmt.Errorf("unknown scenario %q: no such file, and no embedded scenario has that id (embedded: %s)",
			ref, strings.Join(embeddedIDs(), ", "))
	}
	return func(sets []string) (batch.Variant, error) {
		overrides := make([]scenario.Override, 0, len(sets))
		for i, s := range sets {
			o, err := scenario.ParseOverride(s)
			if err != nil {
				return batch.Variant{}, err
			}
			o.Arg = i + 1
			overrides = append(overrides, o)
		}
		sc, err := scenario.Load(name, data, overrides)
		if err != nil {
			return batch.Variant{}, err
		}
		return batch.Variant{Scenario: sc, Hash: scenario.Hash(sc)}, nil
	}, nil
}

// runBatch runs a checked plan: rows to the --out file, the summary to
// stdout, a progress bar to a terminal's stderr.
func runBatch(ctx context.Context, plan *batch.Plan, f *batchFlags, stdout, stderr io.Writer) int {
	meta := plan.Meta()
	stats := batch.NewStats(meta.Points)
	var out *batch.Writer
	var from int64
	if f.out != "" {
		var err error
		if out, err = batch.Open(f.out, plan, f.resume, stats.Add); err != nil {
			fmt.Fprintf(stderr, "deconflict-sim batch: %v\n", err)
			return exitFail
		}
		from = out.Rows()
	}
	total := plan.ShardRows()
	var bar *batch.Progress
	if isTerminal(stderr) {
		bar = batch.NewProgress(stderr, time.Now, from, total)
	}
	done := from
	n, err := batch.Execute(ctx, plan, from, f.workers, func(r *batch.Row) error {
		stats.Add(r)
		if out != nil {
			if err := out.Write(r); err != nil {
				return err
			}
		}
		done++
		if bar != nil {
			bar.Update(done)
		}
		return nil
	})
	if bar != nil {
		bar.Finish(done)
	}
	if out != nil {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "deconflict-sim batch: %v\n", err)
		return exitFail
	}
	if from+n < total {
		if out != nil {
			fmt.Fprintf(stderr, "interrupted: %d of %d rows written; continue with --resume\n", from+n, total)
		} else {
			fmt.Fprintf(stderr, "interrupted: %d of %d runs done\n", from+n, total)
		}
		return exitFail
	}
	return writeBatchResults(stats.Summarise(meta.Progress(total, true), plan.Sweeps), stats, plan.Sweeps, f.summary, &f.plot, stdout, stderr)
}

// writeBatchResults prints the summary and writes the --summary and --plot
// files; batch and merge share it.
func writeBatchResults(sum batch.Summary, stats *batch.Stats, grid batch.Grid, summaryPath string, plot *plotFlags, stdout, stderr io.Writer) int {
	if err := sum.WriteText(stdout); err != nil {
		fmt.Fprintf(stderr, "deconflict-sim: writing the summary: %v\n", err)
		return exitFail
	}
	if summaryPath != "" {
		if err := atomicfile.Write(summaryPath, sum.WriteJSON); err != nil {
			fmt.Fprintf(stderr, "deconflict-sim: %v\n", err)
			return exitFail
		}
	}
	if err := plot.write(sum, stats, grid); err != nil {
		fmt.Fprintf(stderr, "deconflict-sim: %v\n", err)
		return exitFail
	}
	return exitOK
}

// isTerminal reports whether w is a terminal (where a progress bar belongs).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
