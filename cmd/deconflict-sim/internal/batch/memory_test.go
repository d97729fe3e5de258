package batch

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestSamplesStayCompact: the sample store returns every value in order,
// and never holds more than one block (maxBlock values) beyond them, so
// memory grows with the runs done, 8 bytes per value, whatever is planned.
func TestSamplesStayCompact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 50_000).Draw(t, "n")
		var s samples
		for i := range n {
			s.add(int64(i) * 7)
		}
		capacity := 0
		for _, b := range s.blocks {
			capacity += cap(b)
		}
		if capacity-n >= maxBlock {
			t.Fatalf("%d values held in %d slots: more than one block spare", n, capacity)
		}
		var all []int64
		for _, b := range s.blocks {
			all = append(all, b...)
		}
		if len(all) != n {
			t.Fatalf("%d values back, want %d", len(all), n)
		}
		for i, v := range all {
			if v != int64(i)*7 {
				t.Fatalf("value %d is %d, want %d", i, v, i*7)
			}
		}
	})
}

func TestCheckMemory(t *testing.T) {
	// 47 metrics × 8 bytes = 376 bytes per run; the peak adds one metric's
	// copy (376/47 = 8) and 10%: (376 + 8) × 1.1 = 422.4 bytes per run, plus
	// 64 MiB. A million runs: 422,400,000 + 67,108,864 = 489,508,864 bytes.
	if got := MemoryNeeded(1_000_000); got != 489_508_864 {
		t.Errorf("MemoryNeeded(1e6) = %d, want 489508864", got)
	}
	if err := CheckMemory("a batch", 1_000_000, 489_508_864); err != nil {
		t.Errorf("a batch that just fits: %v", err)
	}
	// 1 GiB leaves 1,073,741,824 − 67,108,864 = 1,006,632,960 bytes:
	// 1,006,632,960 / 422.4 = 2,383,127 runs. A billion runs: 422.4e9 +
	// 67,108,864 bytes = 393.5 GiB.
	err := CheckMemory("a batch", 1_000_000_000, 1<<30)
	for _, want := range []string{"a batch of 1000000000 runs needs about 393.5 GiB", "376 bytes per run", "1.0 GiB available, enough for 2383127 runs", "--shard"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

func TestAvailableMemoryParsing(t *testing.T) {
	meminfo := "MemTotal:       24683792 kB\nMemFree:        21676012 kB\nMemAvailable:   24018264 kB\n"
	if n, ok := meminfoAvailable(meminfo); !ok || n != 24018264*1024 {
		t.Errorf("MemAvailable: %d, %v", n, ok)
	}
	for _, tc := range []struct {
		limit, usage string
		want         uint64
		ok           bool
	}{
		{"max\n", "123\n", 0, false},                        // v2, no limit
		{"9223372036854771712\n", "5000", 0, false},         // v1, no limit
		{"1073741824\n", "73741824\n", 1_000_000_000, true}, // 1 GiB less 73,741,824 used
		{"1000\n", "2000\n", 0, true},                       // over the limit
	} {
		if n, ok := cgroupFree(tc.limit, tc.usage); n != tc.want || ok != tc.ok {
			t.Errorf("cgroupFree(%q, %q) = %d, %v; want %d, %v", tc.limit, tc.usage, n, ok, tc.want, tc.ok)
		}
	}
	limits := "Limit                     Soft Limit           Hard Limit           Units     \n" +
		"Max address space         2147483648           unlimited            bytes     \n"
	if n, ok := addressSpaceLimit(limits); !ok || n != 2147483648 {
		t.Errorf("address space: %d, %v", n, ok)
	}
	if _, ok := addressSpaceLimit(strings.Replace(limits, "2147483648", "unlimited", 1)); ok {
		t.Error("an unlimited address space read as a limit")
	}
}
