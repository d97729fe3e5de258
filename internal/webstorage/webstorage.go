// Package webstorage reaches the page's local storage (window.localStorage)
// from the game's browser build, where it keeps the settings and the saved
// games: string values under string keys, each setItem atomic, within a
// per-site quota of about five million UTF-16 units. Local, the storage
// itself, exists only in the browser build (GOOS=js); ErrFull exists
// everywhere, so the code that reacts to a full storage builds and is
// tested on the desktop.
package webstorage

import "errors"

// ErrFull is wrapped by the error of a write the browser refused because
// the site's storage quota is used up (a QuotaExceededError); the value the
// key held before is unchanged.
var ErrFull = errors.New("the browser's storage for this site is full")
