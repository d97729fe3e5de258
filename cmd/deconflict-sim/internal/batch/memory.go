package batch

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// SampleBytes is the memory the summary keeps per run: one 8-byte value
// per metric, for exact percentiles. Nothing else grows with the runs.
const SampleBytes = 8 * int64(sim.NumMetrics)

// baseBytes bounds the memory a batch needs whatever its size: the
// program, the scenario, the workers' drivers and the row buffers.
const baseBytes = 64 << 20

// MemoryNeeded estimates the peak memory of a batch that summarises rows
// runs: the samples, plus the copy of one metric's samples that the
// summary sorts, plus the garbage collector's 10% headroom, plus baseBytes.
func MemoryNeeded(rows int64) uint64 {
	return uint64(min(float64(rows)*peakPerRun(), math.MaxUint64/2)) + baseBytes
}

// CheckMemory refuses, before anything runs, a batch (or merge) of rows
// runs whose summary would not fit in the avail bytes the machine has for
// it, saying how many runs would.
func CheckMemory(what string, rows int64, avail uint64) error {
	need := MemoryNeeded(rows)
	if need <= avail {
		return nil
	}
	return fmt.Errorf("%s of %d runs needs about %s of memory for its summary (%d bytes per run: 8 per metric, for exact percentiles) "+
		"and this machine has %s available, enough for %d runs; split the batch into shards (--shard i/n) that fit, "+
		"and read their rows, or use a machine with more memory",
		what, rows, formatBytes(need), SampleBytes, formatBytes(avail), maxRows(avail))
}

// maxRows is the most runs whose summary fits in avail bytes.
func maxRows(avail uint64) int64 {
	if avail <= baseBytes {
		return 0
	}
	return int64(float64(avail-baseBytes) / peakPerRun())
}

// peakPerRun is the peak memory per run: the samples, one metric's sorted
// copy spread over all, and 10% headroom.
func peakPerRun() float64 {
	return float64(SampleBytes) * (1 + 1/float64(sim.NumMetrics)) * 1.1
}

// formatBytes renders a size in MiB or GiB.
func formatBytes(n uint64) string {
	if n < 1<<30 {
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
}

// AvailableMemory returns the memory this process can still use, in bytes:
// the kernel's MemAvailable, lowered by the cgroup memory limit (v2 or v1)
// less what the group uses and by the address-space limit (ulimit -v). It
// reads Linux's /proc and /sys; ok is false where none of them can be read,
// and then no batch is refused for its size.
func AvailableMemory() (avail uint64, ok bool) {
	avail = math.MaxUint64
	lower := func(n uint64, found bool) {
		if found {
			avail, ok = min(avail, n), true
		}
	}
	lower(meminfoAvailable(readText("/proc/meminfo")))
	lower(cgroupFree(readText("/sys/fs/cgroup/memory.max"), readText("/sys/fs/cgroup/memory.current")))
	lower(cgroupFree(readText("/sys/fs/cgroup/memory/memory.limit_in_bytes"), readText("/sys/fs/cgroup/memory/memory.usage_in_bytes")))
	lower(addressSpaceLimit(readText("/proc/self/limits")))
	return avail, ok
}

// readText returns a small system file's content, or "" when it cannot be
// read.
func readText(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(data)
}

// meminfoAvailable reads the MemAvailable line of /proc/meminfo (in kB).
func meminfoAvailable(text string) (uint64, bool) {
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && f[0] == "MemAvailable:" && f[2] == "kB" {
			if kb, err := strconv.ParseUint(f[1], 10, 64); err == nil {
				return kb << 10, true
			}
		}
	}
	return 0, false
}

// cgroupFree is a cgroup's limit less its usage, both in bytes; a limit of
// "max" (v2) or above 2^62 (v1's way of saying none) is no limit.
func cgroupFree(limitText, usageText string) (uint64, bool) {
	limit, err := strconv.ParseUint(strings.TrimSpace(limitText), 10, 64)
	if err != nil || limit >= 1<<62 {
		return 0, false
	}
	usage, err := strconv.ParseUint(strings.TrimSpace(usageText), 10, 64)
	if err != nil {
		usage = 0
	}
	if usage >= limit {
		return 0, true
	}
	return limit - usage, true
}

// addressSpaceLimit reads the soft "Max address space" limit of
// /proc/self/limits, in bytes.
func addressSpaceLimit(text string) (uint64, bool) {
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		rest, found := strings.CutPrefix(sc.Text(), "Max address space")
		if !found {
			continue
		}
		f := strings.Fields(rest)
		if len(f) >= 1 {
			if n, err := strconv.ParseUint(f[0], 10, 64); err == nil {
				return n, true
			}
		}
	}
	return 0, false
}
