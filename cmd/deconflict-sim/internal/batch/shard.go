package batch

import (
	"fmt"
	"strconv"
)

// ShardFromEnv finds a task's shard in a scheduler's environment: the index
// from JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) or SLURM_ARRAY_TASK_ID
// less SLURM_ARRAY_TASK_MIN (Slurm job arrays); the count from count, or, when
// count is 0, from SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MAX − MIN + 1.
func ShardFromEnv(count int, getenv func(string) string) (Shard, error) {
	num := func(name string) (int, bool, error) {
		s := getenv(name)
		if s == "" {
			return 0, false, nil
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			return 0, true, fmt.Errorf("%s=%q is not an integer", name, s)
		}
		return v, true, nil
	}
	if idx, ok, err := num("JOB_COMPLETION_INDEX"); ok || err != nil {
		if err != nil {
			return Shard{}, err
		}
		if count < 1 {
			return Shard{}, fmt.Errorf("JOB_COMPLETION_INDEX gives the shard index; give the Job's completions as --shards N")
		}
		sh := Shard{Index: idx, Count: count}
		return sh, sh.check()
	}
	id, ok, err := num("SLURM_ARRAY_TASK_ID")
	if err != nil {
		return Shard{}, err
	}
	if !ok {
		return Shard{}, fmt.Errorf("no shard index in the environment: JOB_COMPLETION_INDEX (Kubernetes Indexed Job) and SLURM_ARRAY_TASK_ID (Slurm job array) are unset; use --shard i/n")
	}
	lo, _, err := num("SLURM_ARRAY_TASK_MIN")
	if err != nil {
		return Shard{}, err
	}
	n, hasCount, err := num("SLURM_ARRAY_TASK_COUNT")
	if err != nil {
		return Shard{}, err
	}
	if hi, hasMax, err := num("SLURM_ARRAY_TASK_MAX"); err != nil {
		return Shard{}, err
	} else if !hasCount && hasMax {
		n, hasCount = hi-lo+1, true
	}
	switch {
	case count < 1 && !hasCount:
		return Shard{}, fmt.Errorf("SLURM_ARRAY_TASK_ID gives the shard index, but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX the count; give it as --shards N")
	case count < 1:
		count = n
	case hasCount && n != count:
		return Shard{}, fmt.Errorf("--shards %d, but the Slurm array has %d tasks", count, n)
	}
	sh := Shard{Index: id - lo, Count: count}
	if err := sh.check(); err != nil {
		return Shard{}, fmt.Errorf("SLURM_ARRAY_TASK_ID %d (minimum %d): %w; use a plain array such as --array=0-%d", id, lo, err, count-1)
	}
	return sh, nil
}
