package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/batch"
	"github.com/deconflict/deconflict/sim"
)

// readCSV reads a batch CSV file into its header and records.
func readCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s is empty", path)
	}
	return recs[0], recs[1:]
}

// TestBatchRowsRerunWithRun checks the promise of every row: the run
// command, given the row's seed and overrides, reproduces it exactly.
func TestBatchRowsRerunWithRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rows.csv")
	summary := filepath.Join(dir, "summary.json")
	stdout, stderr := mustCall(t, exitOK, "batch", "--scenario", "tanf-2021", "--runs", "3", "--seed", "11", "--workers", "2",
		"--set", "actor.usa.params.approval_threshold=0.4", "--sweep", "initial.trust=50:80:30", "--out", out, "--summary", summary)
	if stderr != "" {
		t.Errorf("stderr is not a terminal, yet batch wrote to it: %q", stderr)
	}
	for _, want := range []string{"point 0: initial.trust=50 — 3 runs", "point 1: initial.trust=80 — 3 runs", "strikes", "95% CI"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	header, rows := readCSV(t, out)
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6", len(rows))
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, name := range []string{"row", "run", "point", "seed", "initial.trust", "overrides", "outcome", "verdict_israel",
		"verdict_usa", "verdict_iran", "final_hash", "scenario_hash", "engine_version"} {
		if _, ok := col[name]; !ok {
			t.Errorf("no column %q", name)
		}
	}
	for _, spec := range sim.MetricSpecs() {
		if _, ok := col[spec.Key]; !ok {
			t.Errorf("no column for metric %q", spec.Key)
		}
	}
	for _, i := range []int{1, 5} {
		row := rows[i]
		if row[col["seed"]] != fmt.Sprint(sim.DeriveSeed(11, uint64(i%3))) {
			t.Fatalf("row %d: seed %s", i, row[col["seed"]])
		}
		args := []string{"--scenario", "tanf-2021", "--seed", row[col["seed"]]}
		for _, o := range strings.Fields(row[col["overrides"]]) {
			args = append(args, "--set", o)
		}
		got := runJSONOutput(t, args...)
		for _, k := range []string{"final_hash", "scenario_hash", "outcome", "engine_version"} {
			if fmt.Sprint(got[k]) != row[col[k]] {
				t.Errorf("row %d: %s %s, but run gives %v", i, k, row[col[k]], got[k])
			}
		}
		metrics := got["metrics"].(map[string]any)
		for _, spec := range sim.MetricSpecs() {
			if fmt.Sprint(metrics[spec.Key]) != row[col[spec.Key]] {
				t.Errorf("row %d: %s %s, but run gives %v", i, spec.Key, row[col[spec.Key]], metrics[spec.Key])
			}
		}
		verdicts := got["verdicts"].(map[string]any)
		if verdicts["usa"] != row[col["verdict_usa"]] {
			t.Errorf("row %d: US verdict %s, run gives %v", i, row[col["verdict_usa"]], verdicts["usa"])
		}
	}
	var sum struct {
		Points []struct {
			Runs int `json:"runs"`
		} `json:"points"`
	}
	data, err := os.ReadFile(summary)
	if err != nil || json.Unmarshal(data, &sum) != nil || len(sum.Points) != 2 || sum.Points[1].Runs != 3 {
		t.Fatalf("summary file: %v\n%s", err, data)
	}
}

func TestBatchRejectsBadInput(t *testing.T) {
	t.Setenv("JOB_COMPLETION_INDEX", "")
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	dir := t.TempDir()
	cases := []struct {
		code int
		want string
		args []string
	}{
		{exitUsage, "--runs N is required", nil},
		{exitUsage, "FROM:TO:STEP", []string{"--runs", "2", "--sweep", "initial.trust=0:1"}},
		{exitUsage, "want KEY=VALUE", []string{"--runs", "2", "--set", "initial.trust"}},
		{exitUsage, "--resume continues the --out file", []string{"--runs", "2", "--resume"}},
		{exitUsage, "must end in .csv or .jsonl", []string{"--runs", "2", "--out", filepath.Join(dir, "rows.txt")}},
		{exitUsage, "must end in .png or .svg", []string{"--runs", "2", "--plot", filepath.Join(dir, "plot.gif")}},
		{exitUsage, "give --plot FILE too", []string{"--runs", "2", "--plot-metrics", "trust"}},
		{exitUsage, `unknown metric "trst"`, []string{"--runs", "2", "--plot", filepath.Join(dir, "plot.png"), "--plot-metrics", "strikes,trst"}},
		{exitUsage, "want 0 ≤ i < n", []string{"--runs", "2", "--shard", "2/2"}},
		{exitUsage, "not both", []string{"--runs", "2", "--shard", "0/2", "--shards", "2"}},
		{exitUsage, "use --shard i/n", []string{"--runs", "2", "--shards", "2"}},
		{exitUsage, "unexpected argument", []string{"--runs", "2", "extra"}},
		{exitFail, "unknown scenario", []string{"--runs", "2", "--scenario", "no-such-scenario"}},
		{exitFail, "did you mean approval_threshold", []string{"--scenario", "tanf-2021", "--runs", "2",
			"--sweep", "actor.usa.params.aproval_threshold=0:1:0.5"}},
		{exitFail, "initial.trst", []string{"--scenario", "tanf-2021", "--runs", "2", "--set", "initial.trst=50"}},
	}
	for _, c := range cases {
		out := filepath.Join(dir, "never.csv")
		args := append([]string{"batch"}, c.args...)
		if c.code == exitFail {
			args = append(args, "--out", out)
		}
		_, stderr := mustCall(t, c.code, args...)
		if !strings.Contains(stderr, c.want) {
			t.Errorf("%v: stderr %q lacks %q", c.args, stderr, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: a refused batch wrote %s", c.args, out)
		}
	}
}

func TestBatchResume(t *testing.T) {
	dir := t.TempDir()
	want := filepath.Join(dir, "want.jsonl")
	got := filepath.Join(dir, "got.jsonl")
	args := []string{"batch", "--scenario", "tanf-2021", "--runs", "5", "--seed", "3"}
	wantOut, _ := mustCall(t, exitOK, append(args, "--out", want)...)
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	// A killed batch: its meta file and two and a half rows.
	if err := os.WriteFile(batch.MetaPath(got), mustRead(t, batch.MetaPath(want)), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	partial := append(append(append([]byte{}, lines[0]...), lines[1]...), lines[2][:len(lines[2])/2]...)
	if err := os.WriteFile(got, partial, 0o644); err != nil {
		t.Fatal(err)
	}
	gotOut, _ := mustCall(t, exitOK, append(args, "--out", got, "--resume")...)
	if !bytes.Equal(mustRead(t, got), data) {
		t.Fatal("the resumed file differs from the uninterrupted one")
	}
	if gotOut != wantOut {
		t.Fatalf("the resumed batch's summary differs:\n%s\nwant:\n%s", gotOut, wantOut)
	}
	_, stderr := mustCall(t, exitFail, "batch", "--scenario", "tanf-2021", "--runs", "5", "--seed", "4", "--out", got, "--resume")
	if !strings.Contains(stderr, "written with other arguments") || !strings.Contains(stderr, "seed 4, not 3") {
		t.Fatalf("resume of another batch: %q", stderr)
	}
}

// TestBatchOfAnotherEngineVersion: a batch file written by another engine
// version is neither resumed nor merged, and the message names both
// versions and the file.
func TestBatchOfAnotherEngineVersion(t *testing.T) {
	dir := t.TempDir()
	part := filepath.Join(dir, "part-0.jsonl")
	args := []string{"batch", "--scenario", "tanf-2021", "--runs", "3", "--seed", "5", "--shard", "0/2"}
	mustCall(t, exitOK, append(args, "--out", part)...)
	const old = "0.9.0"
	for _, p := range []string{part, batch.MetaPath(part)} {
		data := bytes.ReplaceAll(mustRead(t, p), []byte(`"engine_version":"`+sim.Version+`"`), []byte(`"engine_version":"`+old+`"`))
		data = bytes.ReplaceAll(data, []byte(`"engine_version": "`+sim.Version+`"`), []byte(`"engine_version": "`+old+`"`))
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s holds no engine version to change", p)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := mustRead(t, part)
	_, stderr := mustCall(t, exitFail, append(args, "--out", part, "--resume")...)
	want := part + " was written by engine " + old + "; this is engine " + sim.Version + ": resume it with that version, or drop --resume to start over"
	if !strings.Contains(stderr, want) {
		t.Errorf("resume:\n got %q\nwant %q", stderr, want)
	}
	if !bytes.Equal(mustRead(t, part), before) {
		t.Error("a refused resume changed the file")
	}
	_, stderr = mustCall(t, exitFail, "merge", "--out", filepath.Join(dir, "all.jsonl"), part)
	want = part + " was written by engine " + old + "; this is engine " + sim.Version + ": merge it with that version"
	if !strings.Contains(stderr, want) {
		t.Errorf("merge:\n got %q\nwant %q", stderr, want)
	}
}

func TestBatchPlot(t *testing.T) {
	plot := filepath.Join(t.TempDir(), "sweep.svg")
	mustCall(t, exitOK, "batch", "--scenario", "tanf-2021", "--runs", "3", "--sweep", "actor.usa.params.approval_threshold=0.2,0.6", "--plot", plot)
	if data := mustRead(t, plot); !bytes.Contains(data, []byte("<svg")) || !bytes.Contains(data, []byte("approval_threshold")) {
		t.Fatalf("%s is not the sweep plot", plot)
	}
	// --plot-metrics: only the panels asked for.
	mustCall(t, exitOK, "batch", "--scenario", "tanf-2021", "--runs", "3", "--plot", plot, "--plot-metrics", "arsenal_growth")
	if data := mustRead(t, plot); !bytes.Contains(data, []byte("arsenal_growth")) || bytes.Contains(data, []byte("strikes (")) {
		t.Fatalf("%s is not a plot of arsenal_growth alone", plot)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBatchDocsListEveryFlag keeps docs/batch.md in step with the flags of
// batch and merge.
func TestBatchDocsListEveryFlag(t *testing.T) {
	doc := string(mustRead(t, "../../docs/batch.md"))
	for _, cmd := range []string{"batch", "merge"} {
		usage, _ := mustCall(t, exitOK, cmd, "-h")
		for _, line := range strings.Split(usage, "\n") {
			if !strings.HasPrefix(line, "  --") {
				continue
			}
			flag := strings.Fields(line)[0]
			if !strings.Contains(doc, "`"+flag) {
				t.Errorf("docs/batch.md does not document %s %s", cmd, flag)
			}
		}
	}
}

// TestBatchOutputsNeverReplaced: a --summary naming a symbolic link writes
// the file it names and keeps the link; an --out that is not a file is
// refused before anything is written.
func TestBatchOutputsNeverReplaced(t *testing.T) {
	dir := t.TempDir()
	real, link := filepath.Join(dir, "real.json"), filepath.Join(dir, "latest.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mustCall(t, exitOK, "batch", "--scenario", "tanf-2021", "--runs", "2", "--summary", link)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("--summary replaced the link: %v", err)
	}
	if data := mustRead(t, real); !bytes.Contains(data, []byte(`"confidence_interval"`)) {
		t.Fatalf("the linked file holds %q, want the summary", data)
	}
	out := filepath.Join(dir, "rows.csv")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	_, stderr := mustCall(t, exitFail, "batch", "--scenario", "tanf-2021", "--runs", "2", "--out", out)
	if !strings.Contains(stderr, "rows.csv is not a file") {
		t.Errorf("--out naming a directory: %q", stderr)
	}
	if _, err := os.Stat(batch.MetaPath(out)); err == nil {
		t.Errorf("a refused --out got a sidecar")
	}
}

// TestResumeRefusesEditedRows: a kept row whose outcome was changed by
// hand, or a row of another batch, is refused with its line number, by
// --resume and by merge.
func TestResumeRefusesEditedRows(t *testing.T) {
	dir := t.TempDir()
	args := []string{"batch", "--scenario", "tanf-2021", "--runs", "4", "--seed", "3"}
	for _, ext := range []string{".csv", ".jsonl"} {
		full := filepath.Join(dir, "full"+ext)
		mustCall(t, exitOK, append(args, "--out", full)...)
		lines := bytes.SplitAfter(mustRead(t, full), []byte("\n"))
		first := 0 // the index of row 0's line
		if ext == ".csv" {
			first = 1
		}
		// Row 1 (line first+2) is edited: its outcome becomes a regional war.
		outcome := []byte("completed")
		if ext == ".jsonl" {
			outcome = []byte(`"completed"`)
		}
		edited := bytes.Replace(lines[first+1], outcome, bytes.ReplaceAll(outcome, []byte("completed"), []byte("regional-war")), 1)
		if bytes.Equal(edited, lines[first+1]) {
			t.Fatalf("row 1 of %s has no completed outcome to edit: %s", full, lines[first+1])
		}
		// A row 2 of another batch (seed 4).
		other := filepath.Join(dir, "other"+ext)
		mustCall(t, exitOK, "batch", "--scenario", "tanf-2021", "--runs", "4", "--seed", "4", "--out", other)
		foreign := bytes.SplitAfter(mustRead(t, other), []byte("\n"))[first+2]
		for _, tc := range []struct {
			name  string
			line  int // 0-based, in lines
			row   []byte
			wants []string
		}{
			{"edited", first + 1, edited, []string{fmt.Sprintf("line %d: row_check", first+2), "was it edited?"}},
			{"foreign", first + 2, foreign, []string{fmt.Sprintf("line %d:", first+3), "seed"}},
		} {
			t.Run(ext+" "+tc.name, func(t *testing.T) {
				got := filepath.Join(dir, tc.name+ext)
				if err := os.WriteFile(batch.MetaPath(got), mustRead(t, batch.MetaPath(full)), 0o644); err != nil {
					t.Fatal(err)
				}
				var data []byte
				for i, l := range lines[:first+3] {
					if i == tc.line {
						l = tc.row
					}
					data = append(data, l...)
				}
				if err := os.WriteFile(got, data, 0o644); err != nil {
					t.Fatal(err)
				}
				_, stderr := mustCall(t, exitFail, append(args, "--out", got, "--resume")...)
				for _, want := range tc.wants {
					if !strings.Contains(stderr, want) {
						t.Errorf("resume: stderr %q lacks %q", stderr, want)
					}
				}
				if !bytes.Equal(mustRead(t, got), data) {
					t.Error("a refused resume changed the file")
				}
			})
		}
		// A shard with an edited row is refused by merge, at its line.
		part0, part1 := filepath.Join(dir, "part-0"+ext), filepath.Join(dir, "part-1"+ext)
		mustCall(t, exitOK, append(args, "--shard", "0/2", "--out", part0)...)
		mustCall(t, exitOK, append(args, "--shard", "1/2", "--out", part1)...)
		shard := bytes.SplitAfter(mustRead(t, part1), []byte("\n"))
		shard[first] = edited // row 1 is shard 1's first row
		if err := os.WriteFile(part1, bytes.Join(shard, nil), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr := mustCall(t, exitFail, "merge", part0, part1, "--out", filepath.Join(dir, "merged"+ext))
		if want := fmt.Sprintf("part-1%s: line %d: row_check", ext, first+1); !strings.Contains(stderr, want) {
			t.Errorf("merge: stderr %q lacks %q", stderr, want)
		}
	}
}

// TestBatchTooLargeRefused: a batch whose summary cannot fit in this
// machine's memory is refused before anything runs or is written (a
// trillion runs need about 377 TiB at 405 bytes each); so is its merge.
func TestBatchTooLargeRefused(t *testing.T) {
	if _, ok := batch.AvailableMemory(); !ok {
		t.Skip("this system reports no available memory, so no batch is refused for its size")
	}
	out := filepath.Join(t.TempDir(), "rows.csv")
	_, stderr := mustCall(t, exitFail, "batch", "--scenario", "tanf-2021", "--runs", "1000000000000", "--out", out)
	if !strings.Contains(stderr, "a batch of 1000000000000 runs needs about") || !strings.Contains(stderr, "--shard") {
		t.Errorf("stderr %q", stderr)
	}
	if _, err := os.Stat(batch.MetaPath(out)); err == nil {
		t.Error("a refused batch wrote its sidecar")
	}
	// A shard of it that fits runs: rows 0, 499999999999 and 999999999998,
	// 3 of the trillion.
	part := filepath.Join(t.TempDir(), "part.csv")
	mustCall(t, exitOK, "batch", "--scenario", "tanf-2021", "--runs", "1000000000000", "--shard", "0/499999999999", "--out", part)
	_, stderr = mustCall(t, exitFail, "merge", part, "--out", filepath.Join(t.TempDir(), "all.csv"))
	if !strings.Contains(stderr, "a merge of 1000000000000 runs needs about") {
		t.Errorf("merge: stderr %q", stderr)
	}
}
