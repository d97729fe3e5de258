//go:build !js

package save

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/deconflict/deconflict/internal/atomicfile"
	"github.com/deconflict/deconflict/internal/infile"
)

// platform returns the desktop's shelf: files.
func platform() shelf { return files{} }

// configDir is the user's configuration directory, which holds the game's
// autosaves, saves and settings.
func configDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration directory: %w", err)
	}
	return dir, nil
}

// files keeps saves as files, written through a temporary file in the same
// directory, synced, then renamed over the old save. Only a regular file
// of at most MaxSize bytes is read: anything else (a FIFO, a device, a
// larger file) is refused before reading, so a stray file in the save
// folder costs nothing.
type files struct{}

func (files) read(path string) ([]byte, error) { return infile.ReadFile(path, MaxSize) }

func (files) write(path string, data []byte, _ time.Time) error {
	return atomicfile.WriteFile(path, data)
}

func (files) remove(path string) error { return os.Remove(path) }

// list lists dir's .json files, skipping hidden ones (temporary files).
func (files) list(dir string) []Entry {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []Entry
	for _, de := range des {
		name := de.Name()
		if de.IsDir() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") {
			continue
		}
		if info, err := de.Info(); err == nil {
			out = append(out, Entry{filepath.Join(dir, name), info.ModTime()})
		}
	}
	return out
}

// tidy removes the temporary files of writes interrupted over an hour ago.
func (files) tidy(dir string) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range des {
		if n := de.Name(); strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp") {
			if info, err := de.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.Remove(filepath.Join(dir, n))
			}
		}
	}
}
