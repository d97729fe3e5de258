package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/batch"
)

// TestMergeShards spreads a sweep batch over three shards, given as --shard
// i/n and as a Kubernetes-style --shards with JOB_COMPLETION_INDEX, merges
// them and compares the result with the one-machine batch.
func TestMergeShards(t *testing.T) {
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	dir := t.TempDir()
	args := []string{"batch", "--scenario", "tanf-2021", "--runs", "4", "--seed", "21", "--sweep", "initial.trust=40,70"}
	whole := filepath.Join(dir, "whole.csv")
	wholeOut, _ := mustCall(t, exitOK, append(args, "--out", whole)...)
	var parts []string
	for i := range 3 {
		part := filepath.Join(dir, fmt.Sprintf("part-%d.csv", i))
		shardArgs := append(args, "--out", part, "--workers", fmt.Sprint(1+i%2))
		if i == 2 {
			t.Setenv("JOB_COMPLETION_INDEX", "2")
			shardArgs = append(shardArgs, "--shards", "3")
		} else {
			shardArgs = append(shardArgs, "--shard", fmt.Sprintf("%d/3", i))
		}
		out, _ := mustCall(t, exitOK, shardArgs...)
		if !strings.Contains(out, fmt.Sprintf("shard %d/3", i)) {
			t.Errorf("shard %d's summary does not name its shard:\n%s", i, out)
		}
		parts = append(parts, part)
	}
	merged := filepath.Join(dir, "merged.csv")
	summary := filepath.Join(dir, "summary.json")
	// Flags may follow the files.
	mergeOut, _ := mustCall(t, exitOK, "merge", parts[2], parts[0], parts[1], "--out", merged, "--summary", summary)
	if !bytes.Equal(mustRead(t, merged), mustRead(t, whole)) {
		t.Fatal("the merged file differs from the one-machine file")
	}
	if !bytes.Equal(mustRead(t, batch.MetaPath(merged)), mustRead(t, batch.MetaPath(whole))) {
		t.Fatal("the merged identity differs from the one-machine one")
	}
	if mergeOut != wholeOut {
		t.Fatalf("merge summary:\n%s\none-machine summary:\n%s", mergeOut, wholeOut)
	}
	if !bytes.Contains(mustRead(t, summary), []byte(`"initial.trust": 70`)) {
		t.Fatal("the summary file lacks the sweep values")
	}
}

func TestMergeRejects(t *testing.T) {
	dir := t.TempDir()
	args := []string{"batch", "--scenario", "tanf-2021", "--runs", "5", "--seed", "2"}
	var parts []string
	for i := range 2 {
		part := filepath.Join(dir, fmt.Sprintf("part-%d.jsonl", i))
		mustCall(t, exitOK, append(args, "--shard", fmt.Sprintf("%d/3", i), "--out", part)...)
		parts = append(parts, part)
	}
	out := filepath.Join(dir, "all.jsonl")
	_, stderr := mustCall(t, exitFail, "merge", "--out", out, parts[0], parts[1])
	if !strings.Contains(stderr, "1 of 5 rows missing: 2") {
		t.Errorf("missing shard: %q", stderr)
	}
	_, stderr = mustCall(t, exitFail, "merge", "--out", out, parts[0], parts[1], parts[1])
	if !strings.Contains(stderr, "duplicate rows: 1, 4") {
		t.Errorf("duplicate shard: %q", stderr)
	}
	other := filepath.Join(dir, "other.jsonl")
	mustCall(t, exitOK, "batch", "--scenario", "tanf-2021", "--runs", "5", "--seed", "3", "--shard", "2/3", "--out", other)
	_, stderr = mustCall(t, exitFail, "merge", "--out", out, parts[0], parts[1], other)
	if !strings.Contains(stderr, "of another batch") {
		t.Errorf("shard of another batch: %q", stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed merge wrote its output")
	}
	mustCall(t, exitUsage, "merge", "--out", out)
	mustCall(t, exitUsage, "merge", parts[0])
	mustCall(t, exitUsage, "merge", "--out", filepath.Join(dir, "all.csv.gz"), parts[0])
}

// TestOutputsComparedByIdentity: an output naming an input or another
// output under another spelling (relative, absolute, through a linked
// directory) is refused before anything is written.
func TestOutputsComparedByIdentity(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Symlink(dir, filepath.Join(dir, "alias")); err != nil {
		t.Fatal(err)
	}
	args := []string{"batch", "--scenario", "tanf-2021", "--runs", "4", "--seed", "2"}
	_, stderr := mustCall(t, exitUsage, append(args, "--out", "rows.csv", "--summary", filepath.Join(dir, "alias", "rows.csv"))...)
	if !strings.Contains(stderr, "names the same file as --out") {
		t.Errorf("--summary naming the new --out file: %q", stderr)
	}
	mustCall(t, exitOK, append(args, "--out", "rows.csv")...)
	rows := mustRead(t, "rows.csv")
	for _, summary := range []string{"./rows.csv", filepath.Join(dir, "rows.csv"), "alias/rows.csv", "alias/rows.csv.meta.json"} {
		_, stderr := mustCall(t, exitUsage, append(args, "--out", "rows.csv", "--resume", "--summary", summary)...)
		if !strings.Contains(stderr, "names the same file as") {
			t.Errorf("--summary %s: %q", summary, stderr)
		}
	}
	var parts []string
	for i := range 2 {
		part := fmt.Sprintf("part-%d.csv", i)
		mustCall(t, exitOK, append(args, "--shard", fmt.Sprintf("%d/2", i), "--out", part)...)
		parts = append(parts, part)
	}
	part0 := mustRead(t, parts[0])
	_, stderr = mustCall(t, exitUsage, "merge", filepath.Join(dir, parts[0]), parts[1], "--out", parts[0])
	if !strings.Contains(stderr, "names the same file as the input") {
		t.Errorf("merge --out naming an input: %q", stderr)
	}
	_, stderr = mustCall(t, exitUsage, "merge", parts[0], parts[1], "--out", "all.csv", "--summary", "alias/part-1.csv")
	if !strings.Contains(stderr, "names the same file as the input") {
		t.Errorf("merge --summary naming an input: %q", stderr)
	}
	if !bytes.Equal(mustRead(t, parts[0]), part0) || !bytes.Equal(mustRead(t, "rows.csv"), rows) {
		t.Error("a refused command changed a file")
	}
}
