package save

import "errors"

// configDir fails in the browser: the page has no file system for saved
// games (a served game is kept by its server, and the settings live in the
// browser's storage).
func configDir() (string, error) {
	return "", errors.New("the browser build keeps no saved games (a served game is kept by its server; the desktop game saves)")
}
