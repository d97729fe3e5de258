package save

import (
	"sort"
	"time"
)

// shelf is where this build keeps saved games, by path: files on the
// desktop (files.go), the page's local storage in the browser (kvshelf.go,
// browser_js.go, where a path is a key). Everything above it (encoding,
// listing order, pruning, making room) is the same for both.
type shelf interface {
	// read returns the save at path, at most MaxSize bytes (a larger one
	// gives an *infile.TooLargeError).
	read(path string) ([]byte, error)
	// write replaces the save at path atomically: until the new one is
	// complete the old one stays whole. saved is when the game was saved.
	write(path string, data []byte, saved time.Time) error
	// list returns the saves directly under dir, in any order.
	list(dir string) []Entry
	// remove deletes the save at path.
	remove(path string) error
	// tidy removes what interrupted writes left in dir.
	tidy(dir string)
}

// Entry is a save found in a directory.
type Entry struct {
	Path  string
	Saved time.Time // when it was written
}

// List returns the saves in the given directories, newest first; an empty
// or missing directory has none.
func List(dirs ...string) []Entry {
	out := list(platform(), dirs...)
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// list returns the saves in the directories, oldest first; saves written
// at the same time come in the order of their paths.
func list(sh shelf, dirs ...string) []Entry {
	var out []Entry
	for _, dir := range dirs {
		if dir != "" {
			out = append(out, sh.list(dir)...)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Saved.Equal(out[j].Saved) {
			return out[i].Saved.Before(out[j].Saved)
		}
		return out[i].Path < out[j].Path
	})
	return out
}
