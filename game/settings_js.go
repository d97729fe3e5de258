package game

import (
	"errors"
	"fmt"
	"syscall/js"
)

// settingsKey names the browser storage entry (localStorage) that keeps the
// settings between visits.
const settingsKey = "deconflict.settings"

// storage returns the page's localStorage, or an error when the browser
// offers none.
func storage() (js.Value, error) {
	ls := js.Global().Get("localStorage")
	if !ls.Truthy() {
		return js.Value{}, errors.New("the browser offers no local storage")
	}
	return ls, nil
}

// catchJS turns an exception the browser threw (storage full or refused)
// into an error.
func catchJS(err *error) {
	if r := recover(); r != nil {
		je, ok := r.(js.Error)
		if !ok {
			panic(r)
		}
		*err = fmt.Errorf("browser storage: %w", je)
	}
}

// readSettings reads the settings from the browser's storage.
func (g *Game) readSettings() (data []byte, err error) {
	defer catchJS(&err)
	ls, err := storage()
	if err != nil {
		return nil, err
	}
	v := ls.Call("getItem", settingsKey)
	if v.IsNull() {
		return nil, errors.New("no settings kept yet")
	}
	return []byte(v.String()), nil
}

// writeSettings keeps the settings in the browser's storage.
func (g *Game) writeSettings(data []byte) (err error) {
	defer catchJS(&err)
	ls, err := storage()
	if err != nil {
		return err
	}
	ls.Call("setItem", settingsKey, string(data))
	return nil
}
