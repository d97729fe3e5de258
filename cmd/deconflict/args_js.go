package main

import (
	"syscall/js"

	"github.com/deconflict/deconflict/game/options"
)

// commandLine returns the arguments the page's address stands for (see
// options.FromURL): in the browser the game has no command line of its own.
func commandLine() ([]string, error) {
	return options.FromURL(js.Global().Get("location").Get("href").String())
}
