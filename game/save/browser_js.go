package save

import "github.com/deconflict/deconflict/internal/webstorage"

// keepAutosaves is how many autosaves the browser keeps: ten saves of
// the longest game (shadow-war, about 260,000 characters each compressed)
// fill half the five million characters a site may keep, leaving room for
// the player's own saves.
const keepAutosaves = 10

// platform returns the browser's shelf: the page's local storage.
func platform() shelf { return kvShelf{webstorage.Local{}} }

// configDir is the root of the keys the saves are kept under in the
// page's local storage: a save's key is its path.
func configDir() (string, error) { return "localStorage", nil }
