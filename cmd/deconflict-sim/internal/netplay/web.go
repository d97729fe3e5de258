package netplay

import (
	"embed"
	"io/fs"
)

//go:embed web
var webFiles embed.FS

// WebFS is the browser client (plain HTML and JavaScript), served at / when
// serve is given no --web directory.
func WebFS() fs.FS {
	sub, err := fs.Sub(webFiles, "web")
	if err != nil {
		panic(err) // the directory is embedded above: it is always there
	}
	return sub
}
