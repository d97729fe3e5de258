package save

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/deconflict/deconflict/internal/infile"
)

// kv is string storage shaped like the browser's local storage
// (webstorage.Local): each Set is atomic, and a Set over the quota fails
// with an error wrapping webstorage.ErrFull and changes nothing.
type kv interface {
	Get(key string) (value string, ok bool, err error)
	Set(key, value string) error
	Remove(key string) error
	Keys() ([]string, error)
}

// kvMarker starts every save kept in a kv.
const kvMarker = "gz64:"

// kvShelf keeps each save as one value under its path, so replacing a save
// is a single atomic Set and a refused Set leaves the old save whole. The
// value is "gz64:SAVED:DATA": SAVED the time of the save in Unix
// milliseconds (the listing's order, read without unpacking the save), DATA
// the save gzipped, in standard base64. A save compresses about twelvefold
// (the save of a whole shadow-war game: 2,380,048 bytes of JSON, 193,833
// gzipped, 258,444 characters in base64), and base64 is plain ASCII, which
// browsers keep as one byte or one UTF-16 unit per character.
type kvShelf struct{ kv kv }

func (k kvShelf) read(path string) ([]byte, error) {
	v, ok, err := k.kv.Get(path)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, fmt.Errorf("nothing is kept under %q: %w", path, fs.ErrNotExist)
	}
	_, packed, ok := splitKV(v)
	if !ok {
		return nil, fmt.Errorf("%w: the stored value is not a compressed save", ErrNotSave)
	}
	zr, err := gzip.NewReader(base64.NewDecoder(base64.StdEncoding, strings.NewReader(packed)))
	if err != nil {
		return nil, fmt.Errorf("%w: its compressed data does not read: %v", ErrDamaged, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, MaxSize+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: its compressed data does not read: %v", ErrDamaged, err)
	case len(data) > MaxSize:
		return nil, fmt.Errorf("%w: it unpacks to more than %s", ErrNotSave, infile.MiB(MaxSize))
	}
	return data, nil
}

func (k kvShelf) write(path string, data []byte, saved time.Time) error {
	var b strings.Builder
	b.WriteString(kvMarker + strconv.FormatInt(saved.UnixMilli(), 10) + ":")
	enc := base64.NewEncoder(base64.StdEncoding, &b)
	zw := gzip.NewWriter(enc)
	if _, err := io.Copy(zw, bytes.NewReader(data)); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return k.kv.Set(path, b.String())
}

func (k kvShelf) remove(path string) error { return k.kv.Remove(path) }

// list lists the keys that name a .json file directly under dir; a value
// that is not a save is listed too (as written at time zero), so the load
// list shows it as one that does not load.
func (k kvShelf) list(dir string) []Entry {
	keys, err := k.kv.Keys()
	if err != nil {
		return nil
	}
	var out []Entry
	for _, key := range keys {
		name, ok := strings.CutPrefix(key, dir+"/")
		if !ok || strings.Contains(name, "/") || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") {
			continue
		}
		v, ok, err := k.kv.Get(key)
		if err != nil || !ok {
			continue
		}
		saved, _, _ := splitKV(v)
		out = append(out, Entry{Path: key, Saved: saved})
	}
	return out
}

// tidy has nothing to do: a Set is never left half done.
func (kvShelf) tidy(string) {}

// splitKV splits a kept value into its time and its packed save.
func splitKV(v string) (saved time.Time, packed string, ok bool) {
	rest, ok := strings.CutPrefix(v, kvMarker)
	if !ok {
		return time.Time{}, "", false
	}
	ms, packed, ok := strings.Cut(rest, ":")
	n, err := strconv.ParseInt(ms, 10, 64)
	if !ok || err != nil {
		return time.Time{}, "", false
	}
	return time.UnixMilli(n), packed, true
}
