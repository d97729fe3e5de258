package infile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSizeLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, []byte(strings.Repeat("x", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(path, 100); err != nil || len(data) != 100 {
		t.Fatalf("at the limit: %d bytes, %v", len(data), err)
	}
	_, err := ReadFile(path, 99)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != 100 || tl.Limit != 99 {
		t.Fatalf("over the limit: %v", err)
	}
	// 3 GiB, sparse: refused from its size, without reading it
	if err := os.Truncate(path, 3<<30); err != nil {
		t.Skipf("cannot make a sparse file here: %v", err)
	}
	_, err = ReadFile(path, 64<<20)
	if err == nil || err.Error() != "the file is 3072 MiB; the limit is 64 MiB" {
		t.Fatalf("3 GiB file: %v", err)
	}
}

func TestMiB(t *testing.T) {
	for n, want := range map[int64]string{64 << 20: "64 MiB", 3<<30 + 1<<19: "3072.5 MiB", 1000: "0.0 MiB"} {
		if got := MiB(n); got != want {
			t.Errorf("MiB(%d) = %q, want %q", n, got, want)
		}
	}
}
