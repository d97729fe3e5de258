package game

import (
	"errors"

	"github.com/deconflict/deconflict/internal/webstorage"
)

// settingsKey names the browser storage entry (localStorage) that keeps the
// settings between visits.
const settingsKey = "deconflict.settings"

// readSettings reads the settings from the browser's storage.
func (g *Game) readSettings() ([]byte, error) {
	v, ok, err := webstorage.Local{}.Get(settingsKey)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, errors.New("no settings kept yet")
	}
	return []byte(v), nil
}

// writeSettings keeps the settings in the browser's storage.
func (g *Game) writeSettings(data []byte) error {
	return webstorage.Local{}.Set(settingsKey, string(data))
}
