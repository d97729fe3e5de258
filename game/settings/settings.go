// Package settings holds the player's preferences kept between runs (the
// interface scale, full screen, the first game's guide, the colour-blind
// palette and the key bindings) and their file form, read back from a
// damaged or older file without losing what it still holds. The game keeps
// the file (written whole through atomicfile, or in the browser's storage).
// It has no graphics dependency, so it is tested without a display.
package settings

import (
	"encoding/json"
	"fmt"

	"github.com/deconflict/deconflict/game/keymap"
)

// The interface scale's range and default.
const (
	MinUIScale     = 0.6
	MaxUIScale     = 2.5
	DefaultUIScale = 1.0
)

// Settings are the player's preferences.
type Settings struct {
	UIScale    float64
	Fullscreen bool
	GuideDone  bool // the first game's guide was finished or skipped: not shown again
	// ColourBlind picks the palette whose owners and hazard levels stay
	// apart with deuteranopia and protanopia (view.ColourBlindPalette).
	ColourBlind bool
	Keys        keymap.Keymap
}

// file is the settings file's form. Keys maps an action's id to its keys'
// names; files written before keys could be bound have none.
type file struct {
	UIScale     float64             `json:"ui_scale"`
	Fullscreen  bool                `json:"fullscreen"`
	GuideDone   bool                `json:"guide_done"`
	ColourBlind bool                `json:"colour_blind"`
	Keys        map[string][]string `json:"keys,omitempty"`
}

// Defaults are the settings of a first run.
func Defaults() Settings {
	return Settings{UIScale: DefaultUIScale, Keys: keymap.Default()}
}

// Parse reads a settings file. What cannot be read falls back to its
// default, each fallback reported: a file that is not JSON gives the
// defaults, a scale out of range the default scale, a bad key binding that
// action's default keys (see keymap.FromSaved).
func Parse(data []byte) (Settings, []error) {
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return Defaults(), []error{fmt.Errorf("settings: not readable (%w); using the defaults", err)}
	}
	s := Settings{UIScale: f.UIScale, Fullscreen: f.Fullscreen, GuideDone: f.GuideDone, ColourBlind: f.ColourBlind}
	var problems []error
	if !(s.UIScale >= MinUIScale && s.UIScale <= MaxUIScale) {
		problems = append(problems, fmt.Errorf("settings: interface scale %g is outside %g to %g; using %g", s.UIScale, MinUIScale, MaxUIScale, DefaultUIScale))
		s.UIScale = DefaultUIScale
	}
	keys, kp := keymap.FromSaved(f.Keys)
	s.Keys = keys
	return s, append(problems, kp...)
}

// Marshal is the settings file's content.
func (s Settings) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(file{UIScale: s.UIScale, Fullscreen: s.Fullscreen, GuideDone: s.GuideDone, ColourBlind: s.ColourBlind, Keys: s.Keys.Saved()}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	return append(data, '\n'), nil
}
