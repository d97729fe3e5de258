//go:build !js

package main

import "os"

// commandLine returns the arguments the game was started with.
func commandLine() ([]string, error) { return os.Args[1:], nil }
