//go:build !js

package game

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/deconflict/deconflict/internal/atomicfile"
)

// settingsPath is the settings file, beside the autosaves' directory.
func (g *Game) settingsPath() string {
	return filepath.Join(filepath.Dir(g.store.Dir), "settings.json")
}

// readSettings reads the settings file.
func (g *Game) readSettings() ([]byte, error) {
	if g.store.Dir == "" {
		return nil, errors.New("no configuration directory for the settings")
	}
	return os.ReadFile(g.settingsPath())
}

// writeSettings writes the settings file atomically; without a
// configuration directory the settings last until the game closes.
func (g *Game) writeSettings(data []byte) error {
	if g.store.Dir == "" {
		return nil
	}
	return atomicfile.WriteFile(g.settingsPath(), data)
}
