package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"pgregory.net/rapid"
)

// TestRowsAreDirectRuns checks every row against a run of its own: seed
// DeriveSeed(base, run) alone, the point's scenario, the same results; and
// that sweep points share their seeds.
func TestRowsAreDirectRuns(t *testing.T) {
	plan := mustPlan(t, Spec{Runs: 5, Seed: 42, Sets: []string{"initial.complicity=0.5"},
		Sweeps: []Sweep{mustSweep(t, "params.retaliation_base=0.05:0.15:0.05"), mustSweep(t, "initial.trust=30,80")}})
	if len(plan.Points) != 6 || plan.Rows() != 30 {
		t.Fatalf("%d points, %d rows", len(plan.Points), plan.Rows())
	}
	var rows []Row
	if _, err := Execute(t.Context(), plan, 0, 3, func(r *Row) error { rows = append(rows, *r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 30 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows {
		if r.Index != int64(i) || r.Point != i/5 || r.Run != i%5 || r.Seed != sim.DeriveSeed(42, uint64(i%5)) {
			t.Fatalf("row %d: index %d point %d run %d seed %d", i, r.Index, r.Point, r.Run, r.Seed)
		}
		v, err := testBuilder(plan.Points[r.Point].Overrides)
		if err != nil {
			t.Fatal(err)
		}
		res, err := runner.NewDriver(v.Scenario).Run(r.Seed, runner.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.FinalHash != r.FinalHash || res.Metrics != r.Metrics || res.Outcome != r.Outcome || res.Verdicts != r.Verdicts || len(r.Met) != len(res.Objectives) {
			t.Fatalf("row %d differs from a direct run of its seed", i)
		}
		for k := range r.Met {
			if r.Met[k] != res.Objectives[k].Met {
				t.Fatalf("row %d: objective %d met %v, a direct run says %v", i, k, r.Met[k], res.Objectives[k].Met)
			}
		}
	}
	want := []string{"initial.complicity=0.5", "params.retaliation_base=0.1", "initial.trust=80"}
	if got := plan.Points[3].Overrides; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("point 3 overrides %q, want %q", got, want)
	}
	if plan.Points[0].Hash == plan.Points[1].Hash {
		t.Fatal("two sweep points with one scenario hash")
	}
}

func TestNewPlanChecksEveryPointFirst(t *testing.T) {
	calls := 0
	build := func(ovs []string) (Variant, error) {
		calls++
		for _, o := range ovs {
			if strings.HasPrefix(o, "initial.trust=90") {
				return Variant{}, fmt.Errorf("initial.trust: 90 is out of range")
			}
		}
		return testBuilder(ovs)
	}
	_, err := NewPlan(Spec{Scenario: "testland", Runs: 3, Sweeps: []Sweep{mustSweep(t, "initial.trust=50:90:20")}}, build)
	if err == nil || !strings.Contains(err.Error(), "sweep point 2 (initial.trust=90)") {
		t.Fatalf("error %v, want one naming sweep point 2", err)
	}
	if _, err := NewPlan(Spec{Scenario: "testland", Runs: 3, Sets: []string{"initial.trsut=5"}}, testBuilder); err == nil ||
		!strings.Contains(err.Error(), "scenario testland: initial.trsut: unknown key") {
		t.Fatalf("bad --set key: %v", err)
	}
	for _, spec := range []Spec{{Runs: 0}, {Runs: 1, Seed: 1 << 53}, {Runs: 1, Shard: Shard{3, 3}},
		{Runs: 1, Sweeps: []Sweep{mustSweep(t, "initial.trust=1,2"), mustSweep(t, "initial.trust=3")}}} {
		if _, err := NewPlan(spec, testBuilder); err == nil {
			t.Errorf("spec %+v accepted", spec)
		}
	}
}

// TestFileIndependentOfWorkersAndShards checks the property the cluster
// workflow rests on: whatever the worker count, and however the batch is
// sharded, the merged file is byte for byte the one-machine file.
func TestFileIndependentOfWorkersAndShards(t *testing.T) {
	dir := t.TempDir()
	rapid.Check(t, func(rt *rapid.T) {
		runs := rapid.IntRange(1, 9).Draw(rt, "runs")
		seed := rapid.Uint64Range(0, MaxSeed).Draw(rt, "seed")
		ext := rapid.SampledFrom([]string{".csv", ".jsonl"}).Draw(rt, "format")
		spec := Spec{Runs: runs, Seed: seed}
		if rapid.Bool().Draw(rt, "sweep") {
			spec.Sweeps = []Sweep{mustSweep(rt, "initial.trust=20:60:20")}
		}
		shards := rapid.IntRange(1, 4).Draw(rt, "shards")
		sub, err := os.MkdirTemp(dir, "")
		if err != nil {
			rt.Fatal(err)
		}
		whole := filepath.Join(sub, "whole"+ext)
		writeBatch(rt, context.Background(), mustPlan(rt, spec), whole, 1, false)
		var parts []string
		for i := range shards {
			s := spec
			s.Shard = Shard{i, shards}
			part := filepath.Join(sub, fmt.Sprintf("part-%d%s", i, ext))
			workers := rapid.IntRange(1, 4).Draw(rt, "workers")
			writeBatch(rt, context.Background(), mustPlan(rt, s), part, workers, false)
			parts = append(parts, part)
		}
		merged := filepath.Join(sub, "merged"+ext)
		if _, _, _, err := Merge(parts, merged); err != nil {
			rt.Fatal(err)
		}
		sameFile(rt, merged, whole)
		sameFile(rt, MetaPath(merged), MetaPath(whole))
	})
}

// TestResumeGivesTheUninterruptedFile interrupts a batch after k rows
// (cancelling its context, as SIGINT does), optionally cuts the file in the
// middle of a row (as a kill does), resumes it and compares it with an
// uninterrupted batch, file and summary.
func TestResumeGivesTheUninterruptedFile(t *testing.T) {
	dir := t.TempDir()
	rapid.Check(t, func(rt *rapid.T) {
		ext := rapid.SampledFrom([]string{".csv", ".jsonl"}).Draw(rt, "format")
		spec := Spec{Runs: rapid.IntRange(2, 12).Draw(rt, "runs"), Seed: 9}
		if rapid.Bool().Draw(rt, "shard") {
			spec.Shard = Shard{1, 2}
		}
		if rapid.Bool().Draw(rt, "sweep") {
			spec.Sweeps = []Sweep{mustSweep(rt, "initial.complicity=0.1,0.6")}
		}
		plan := mustPlan(rt, spec)
		sub, err := os.MkdirTemp(dir, "")
		if err != nil {
			rt.Fatal(err)
		}
		want := filepath.Join(sub, "want"+ext)
		_, wantStats := writeBatch(rt, context.Background(), plan, want, 2, false)

		got := filepath.Join(sub, "got"+ext)
		stop := rapid.Int64Range(0, plan.ShardRows()).Draw(rt, "stop after")
		ctx, cancel := context.WithCancel(context.Background())
		stats := NewStats(len(plan.Points))
		w, err := Open(got, plan, false, stats.Add)
		if err != nil {
			rt.Fatal(err)
		}
		written, err := Execute(ctx, plan, 0, rapid.IntRange(1, 3).Draw(rt, "workers"), func(r *Row) error {
			if err := w.Write(r); err != nil {
				return err
			}
			if w.Rows() == stop {
				cancel()
			}
			return nil
		})
		cancel()
		if err != nil || w.Close() != nil {
			rt.Fatal(err)
		}
		if written < stop || written > plan.ShardRows() {
			rt.Fatalf("stopped after %d rows, asked for %d", written, stop)
		}
		if m, err := ReadMeta(got); err != nil || m.RowsWritten != w.Rows() || m.Complete != (w.Rows() == plan.ShardRows()) {
			rt.Fatalf("stopped after %d of %d rows, the sidecar records %d rows, complete %v (%v)",
				w.Rows(), plan.ShardRows(), m.RowsWritten, m.Complete, err)
		}
		if rapid.Bool().Draw(rt, "cut mid-row") {
			data := readFile(rt, got)
			cut := rapid.IntRange(0, len(data)).Draw(rt, "cut at")
			if err := os.WriteFile(got, data[:cut], 0o644); err != nil {
				rt.Fatal(err)
			}
		}
		_, resumed := writeBatch(rt, context.Background(), plan, got, rapid.IntRange(1, 3).Draw(rt, "resume workers"), true)
		sameFile(rt, got, want)
		sameFile(rt, MetaPath(got), MetaPath(want))
		var a, b bytes.Buffer
		_ = wantStats.Summarise(plan.Meta(), plan.Sweeps).WriteJSON(&a)
		_ = resumed.Summarise(plan.Meta(), plan.Sweeps).WriteJSON(&b)
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			rt.Fatal("the resumed batch's summary differs from the uninterrupted one's")
		}
	})
}

// TestFailedBatchLooksUnfinished: a batch whose writes fail (as on a full
// disk) leaves a sidecar that says the file is incomplete, unlike a
// finished batch's.
func TestFailedBatchLooksUnfinished(t *testing.T) {
	dir := t.TempDir()
	plan := mustPlan(t, Spec{Runs: 3, Seed: 1})
	done := filepath.Join(dir, "done.csv")
	writeBatch(t, context.Background(), plan, done, 1, false)
	torn := filepath.Join(dir, "torn.csv")
	w, err := Open(torn, plan, false, func(*Row) {})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Execute(context.Background(), plan, 0, 1, func(r *Row) error {
		if w.Rows() == 1 {
			w.f.Close() // the disk is full from here on
		}
		return w.Write(r)
	})
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		t.Fatal("writing to a closed file succeeded")
	}
	for _, tc := range []struct {
		path     string
		complete bool
		rows     float64
	}{
		{done, true, 3},  // all 3 rows
		{torn, false, 0}, // no row known to be on disk
	} {
		var m map[string]any
		if err := json.Unmarshal(readFile(t, MetaPath(tc.path)), &m); err != nil {
			t.Fatal(err)
		}
		if m["complete"] != tc.complete || m["rows_written"] != tc.rows {
			t.Errorf("%s: sidecar records complete %v, rows_written %v; want %v, %v",
				filepath.Base(tc.path), m["complete"], m["rows_written"], tc.complete, tc.rows)
		}
	}
}

func TestResumeRefusesAnotherBatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rows.csv")
	writeBatch(t, context.Background(), mustPlan(t, Spec{Runs: 3, Seed: 1}), path, 1, false)
	before := readFile(t, path)
	for _, spec := range []Spec{
		{Runs: 3, Seed: 2},
		{Runs: 4, Seed: 1},
		{Runs: 3, Seed: 1, Sets: []string{"initial.trust=10"}},
		{Runs: 3, Seed: 1, Shard: Shard{0, 2}},
	} {
		_, err := Open(path, mustPlan(t, spec), true, func(*Row) {})
		if err == nil || !strings.Contains(err.Error(), "written with other arguments") {
			t.Errorf("resume with %+v: %v", spec, err)
		}
	}
	if !bytes.Equal(before, readFile(t, path)) {
		t.Fatal("a refused resume changed the file")
	}
	// A row that is not this batch's (here: its seed edited) is refused too.
	seed := fmt.Sprint(sim.DeriveSeed(1, 0))
	edited := bytes.Replace(before, []byte(","+seed+","), []byte(",1"+seed+","), 1)
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, mustPlan(t, Spec{Runs: 3, Seed: 1}), true, func(*Row) {}); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("resume of an edited file: %v", err)
	}
	// Resume without a file starts one.
	fresh := filepath.Join(t.TempDir(), "new.jsonl")
	if n, _ := writeBatch(t, context.Background(), mustPlan(t, Spec{Runs: 2}), fresh, 1, true); n != 2 {
		t.Fatalf("resume of no file wrote %d rows", n)
	}
}

func TestMergeErrors(t *testing.T) {
	dir := t.TempDir()
	spec := Spec{Runs: 7, Seed: 5}
	parts := make([]string, 3)
	for i := range parts {
		s := spec
		s.Shard = Shard{i, 3}
		parts[i] = filepath.Join(dir, fmt.Sprintf("part-%d.csv", i))
		writeBatch(t, context.Background(), mustPlan(t, s), parts[i], 2, false)
	}
	out := filepath.Join(dir, "all.csv")
	check := func(files []string, want ...string) {
		t.Helper()
		_, _, _, err := Merge(files, out)
		for _, w := range want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("merge %v: error %v, want one saying %q", files, err, w)
			}
		}
		if _, serr := os.Stat(out); serr == nil {
			t.Errorf("a failed merge wrote %s", out)
		}
	}
	check(parts[:2], "2 of 7 rows missing: 2, 5")
	check([]string{parts[0], parts[1], parts[2], parts[1]}, "2 duplicate rows: 1, 4", "part-1.csv and")
	other := filepath.Join(dir, "other.csv")
	s := spec
	s.Seed, s.Shard = 6, Shard{2, 3}
	writeBatch(t, context.Background(), mustPlan(t, s), other, 1, false)
	check([]string{parts[0], parts[1], other}, "of another batch", "seed 6, not 5")
	check([]string{parts[0]}, "4 of 7 rows missing: 1-2, 4-5")

	// An interrupted shard: a partial last row.
	data := readFile(t, parts[2])
	if err := os.WriteFile(parts[2], data[:len(data)-5], 0o644); err != nil {
		t.Fatal(err)
	}
	check(parts, "incomplete")
}

func TestShardRows(t *testing.T) {
	for total := int64(0); total < 20; total++ {
		for n := 1; n <= 5; n++ {
			var sum int64
			for i := range n {
				sh := Shard{i, n}
				got, want := shardRows(total, sh), int64(0)
				for r := int64(0); r < total; r++ {
					if r%int64(n) == int64(i) {
						want++
					}
				}
				if got != want {
					t.Fatalf("rows of %d in shard %d/%d: %d, want %d", total, i, n, got, want)
				}
				sum += got
			}
			if sum != total {
				t.Fatalf("shards of %d rows add to %d", total, sum)
			}
		}
	}
}

func TestParseShard(t *testing.T) {
	if sh, err := ParseShard("2/5"); err != nil || sh != (Shard{2, 5}) {
		t.Fatalf("2/5: %v %v", sh, err)
	}
	for _, bad := range []string{"5/5", "-1/3", "1/0", "1", "a/b", "1/2/3", "01/2"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestShardFromEnv(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		count int
		env   func(string) string
		want  Shard
		err   string
	}{
		{4, env("JOB_COMPLETION_INDEX", "3"), Shard{3, 4}, ""},
		{0, env("JOB_COMPLETION_INDEX", "3"), Shard{}, "--shards N"},
		{4, env("JOB_COMPLETION_INDEX", "4"), Shard{}, "want 0 ≤ i < n"},
		{0, env("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "8"), Shard{2, 8}, ""},
		{0, env("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "10"), Shard{4, 10}, ""},
		{10, env("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "1"), Shard{4, 10}, ""},
		{6, env("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "8"), Shard{}, "has 8 tasks"},
		{0, env("SLURM_ARRAY_TASK_ID", "2"), Shard{}, "SLURM_ARRAY_TASK_COUNT"},
		{0, env("SLURM_ARRAY_TASK_ID", "12", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "12", "SLURM_ARRAY_TASK_COUNT", "4"), Shard{}, "--array=0-3"},
		{3, env(), Shard{}, "use --shard i/n"},
		{3, env("JOB_COMPLETION_INDEX", "x"), Shard{}, "not an integer"},
	}
	for i, c := range cases {
		got, err := ShardFromEnv(c.count, c.env)
		switch {
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("case %d: %v, %v; want %v", i, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("case %d: error %v, want one saying %q", i, err, c.err)
		}
	}
}

func TestOverridesField(t *testing.T) {
	got := joinOverrides([]string{"initial.trust=50", `scenario.name="A B"`, "x=it's"})
	if want := `initial.trust=50 'scenario.name="A B"' 'x=it'\''s'`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

func TestCSVQuoting(t *testing.T) {
	got := string(appendCSV(nil, []string{"a", "b,c", `say "hi"`, "", " pad"}))
	if want := "a,\"b,c\",\"say \"\"hi\"\"\",,\" pad\"\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]Format{"a.csv": CSV, "dir/b.JSONL": JSONL, "c.ndjson": JSONL} {
		if f, err := FormatOf(path); err != nil || f != want {
			t.Errorf("%s: %v %v", path, f, err)
		}
	}
	if _, err := FormatOf("rows.txt"); err == nil {
		t.Error("rows.txt accepted")
	}
}

func TestExecuteStopsAtAnError(t *testing.T) {
	// Point 1's scenario names a policy that does not exist: its runs fail.
	build := func(ovs []string) (Variant, error) {
		v, err := testBuilder(nil)
		if len(ovs) > 0 && ovs[0] == "initial.trust=2" {
			v.Scenario.Actors[sim.USA].Policy = "no-such-policy"
		}
		return v, err
	}
	plan, err := NewPlan(Spec{Runs: 40, Sweeps: []Sweep{mustSweep(t, "initial.trust=1,2")}}, build)
	if err != nil {
		t.Fatal(err)
	}
	var rows []int64
	n, err := Execute(t.Context(), plan, 0, 2, func(r *Row) error { rows = append(rows, r.Index); return nil })
	if err == nil || !strings.Contains(err.Error(), "row 40 (point 1") {
		t.Fatalf("error %v, want one naming row 40", err)
	}
	if n != 40 || int64(len(rows)) != n || rows[len(rows)-1] != 39 {
		t.Fatalf("emitted %d rows (%d counted) before the failing row 40", len(rows), n)
	}

	// An error from emit stops the batch at once.
	stopAt := fmt.Errorf("disk full")
	n, err = Execute(t.Context(), mustPlan(t, Spec{Runs: 50}), 0, 2, func(r *Row) error {
		if r.Index == 7 {
			return stopAt
		}
		return nil
	})
	if err != stopAt || n != 7 {
		t.Fatalf("emit error: %d rows, %v", n, err)
	}
}

// TestObjectiveColumns reads a batch file's header and first row: a verdict
// column per role of the scenario and an objective column per objective,
// true or false as the run ended; an edited objective cell is refused.
func TestObjectiveColumns(t *testing.T) {
	plan := mustPlan(t, Spec{Runs: 2, Seed: 1})
	for _, ext := range []string{".csv", ".jsonl"} {
		path := filepath.Join(t.TempDir(), "rows"+ext)
		writeBatch(t, context.Background(), plan, path, 1, false)
		first, err := runner.NewDriver(plan.Points[0].Scenario).Run(plan.Seed(0), runner.Options{})
		if err != nil {
			t.Fatal(err)
		}
		data := readFile(t, path)
		line := string(bytes.SplitN(data, []byte("\n"), 3)[0])
		if ext == ".csv" {
			// The test scenario's roles, in actor order (Iran, Israel, the US),
			// and its nine objectives.
			for _, want := range []string{",verdict_iran,verdict_israel,verdict_usa,turns,", ",objective_arsenal,objective_interdiction,objective_trust,objective_counter-is,objective_deaths,objective_no-war,objective_talks,objective_deliveries,objective_punish,final_hash,"} {
				if !strings.Contains(line, want) {
					t.Errorf("header %q lacks %q", line, want)
				}
			}
			line = string(bytes.SplitN(data, []byte("\n"), 3)[1])
		}
		want := fmt.Sprint(first.Objectives[5].Met) // no-war
		if ext == ".csv" && !strings.Contains(line, ","+want+",") || ext == ".jsonl" && !strings.Contains(line, `"objective_no-war":`+want+",") {
			t.Errorf("%s row %q lacks no-war = %s", ext, line, want)
		}
		// Flip an objective cell: the row no longer matches its check.
		other := map[string]string{"true": "false", "false": "true"}[want]
		var edited []byte
		if ext == ".csv" {
			fields := strings.Split(line, ",")
			k := len(fields) - 4 - 9 + 5 // nine objective columns before the last four
			fields[k] = other
			edited = bytes.Replace(data, []byte(line), []byte(strings.Join(fields, ",")), 1)
		} else {
			edited = bytes.Replace(data, []byte(`"objective_no-war":`+want), []byte(`"objective_no-war":`+other), 1)
		}
		if err := os.WriteFile(path, edited, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(path, plan, true, func(*Row) {}); err == nil || !strings.Contains(err.Error(), "row_check") {
			t.Errorf("%s: resume of an edited objective cell: %v", ext, err)
		}
	}
}

// TestOldFormatRefused: a file of another batch format is refused, naming
// both formats.
func TestOldFormatRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rows.csv")
	writeBatch(t, context.Background(), mustPlan(t, Spec{Runs: 1, Seed: 1}), path, 1, false)
	meta := readFile(t, MetaPath(path))
	if err := os.WriteFile(MetaPath(path), bytes.Replace(meta, []byte(FormatID), []byte("deconflict-batch/2"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadMeta(path)
	if err == nil || !strings.Contains(err.Error(), `format "deconflict-batch/2"; this program reads and writes "deconflict-batch/3" only`) {
		t.Fatalf("an old sidecar: %v", err)
	}
	if _, _, _, err := Merge([]string{path}, filepath.Join(t.TempDir(), "all.csv")); err == nil || !strings.Contains(err.Error(), "deconflict-batch/2") {
		t.Fatalf("merge of an old file: %v", err)
	}
}
