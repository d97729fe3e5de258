package save

import "github.com/deconflict/deconflict/internal/webstorage"

// platform returns the browser's shelf: the page's local storage.
func platform() shelf { return kvShelf{webstorage.Local{}} }

// configDir is the root of the keys the saves are kept under in the
// page's local storage: a save's key is its path.
func configDir() (string, error) { return "localStorage", nil }
