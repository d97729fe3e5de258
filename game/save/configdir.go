//go:build !js

package save

import (
	"fmt"
	"os"
)

// configDir is the user's configuration directory, which holds the game's
// autosaves, saves and settings.
func configDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration directory: %w", err)
	}
	return dir, nil
}
