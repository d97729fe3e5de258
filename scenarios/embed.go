// Package scenarios embeds the scenario files shipped with Deconflict, so
// both the game and the headless simulator run with no arguments.
//
// Each file is a TOML scenario in the format described in docs/scenarios.md;
// its base name (without .toml) is the scenario id.
package scenarios

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.toml
var files embed.FS

// File is one embedded scenario file.
type File struct {
	Name string // file name, such as "shadow-war.toml"
	Data []byte
}

// Files returns every embedded scenario file, sorted by name.
func Files() []File {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil
	}
	out := make([]File, 0, len(entries))
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		data, err := files.ReadFile(e.Name())
		if err != nil {
			continue
		}
		out = append(out, File{Name: e.Name(), Data: data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the file of the scenario with the given id.
func Lookup(id string) (File, bool) {
	if id == "" || strings.ContainsAny(id, "/\\.") {
		return File{}, false
	}
	data, err := files.ReadFile(id + ".toml")
	if err != nil {
		return File{}, false
	}
	return File{Name: id + ".toml", Data: data}, true
}
