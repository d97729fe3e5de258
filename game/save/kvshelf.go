package save

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
const kvMarker = "gz15:"

// kvShelf keeps each save as one value under its path, so replacing a save
// is a single atomic Set and a refused Set leaves the old save whole. The
// value is "gz15:SAVED:N:DATA": SAVED the time of the save in Unix
// milliseconds (the listing's order, read without unpacking the save), N
// the length in bytes of the gzipped save, DATA those bytes 15 bits to a
// character (see pack15). Browsers count their quota in UTF-16 units,
// whatever the characters, about five million per site (Chromium takes 20
// values of 254,196 ASCII characters, not 21, and 52 of 100,000 CJK ones):
// 15 bits a unit fit two and a half times what base64's 6 do. A save
// compresses about twelvefold: the save of a whole shadow-war game, 2,380,048
// bytes of JSON, is 193,833 bytes gzipped and 103,378 characters packed,
// so about fifty such games fit.
type kvShelf struct{ kv kv }

func (k kvShelf) read(path string) ([]byte, error) {
	v, ok, err := k.kv.Get(path)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, fmt.Errorf("nothing is kept under %q: %w", path, fs.ErrNotExist)
	}
	_, n, packed, ok := splitKV(v)
	if !ok {
		return nil, fmt.Errorf("%w: the stored value is not a compressed save", ErrNotSave)
	}
	gz, err := unpack15(packed, n)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
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
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(kvMarker + strconv.FormatInt(saved.UnixMilli(), 10) + ":" + strconv.Itoa(gz.Len()) + ":")
	pack15(&b, gz.Bytes())
	return k.kv.Set(path, b.String())
}

// pack15 writes data as characters of 15 bits each, U+1000 + the bits,
// most significant first, the last character padded with zero bits: the
// characters U+1000 to U+8FFF are single UTF-16 units, clear of the
// surrogates (U+D800 to U+DFFF) that a JavaScript string cannot hold
// alone, and n bytes take ⌈8n/15⌉ of them.
func pack15(b *strings.Builder, data []byte) {
	var acc uint32 // the bits not written yet: the low nbits
	var nbits uint
	for _, c := range data {
		acc, nbits = acc<<8|uint32(c), nbits+8
		if nbits >= 15 {
			nbits -= 15
			b.WriteRune(rune(pack15Base + acc>>nbits))
			acc &= 1<<nbits - 1
		}
	}
	if nbits > 0 {
		b.WriteRune(rune(pack15Base + acc<<(15-nbits)))
	}
}

// pack15Base is the character that stands for 15 zero bits.
const pack15Base = 0x1000

// unpack15 reads the n bytes pack15 wrote.
func unpack15(s string, n int) ([]byte, error) {
	if want := (8*n + 14) / 15; utf8.RuneCountInString(s) != want {
		return nil, fmt.Errorf("it holds %d characters where %d bytes take %d", utf8.RuneCountInString(s), n, want)
	}
	out := make([]byte, 0, n)
	var acc uint32
	var nbits uint
	for i, r := range s {
		if r < pack15Base || r > pack15Base+0x7fff {
			return nil, fmt.Errorf("it holds the character %U at byte %d, where only U+1000 to U+8FFF belong", r, i)
		}
		acc, nbits = acc<<15|uint32(r-pack15Base), nbits+15
		for nbits >= 8 && len(out) < n {
			nbits -= 8
			out = append(out, byte(acc>>nbits))
		}
		acc &= 1<<nbits - 1
	}
	return out, nil
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
		saved, _, _, _ := splitKV(v)
		out = append(out, Entry{Path: key, Saved: saved})
	}
	return out
}

// tidy has nothing to do: a Set is never left half done.
func (kvShelf) tidy(string) {}

// splitKV splits a kept value into its time, the length of its packed
// save in bytes and the packed save.
func splitKV(v string) (saved time.Time, n int, packed string, ok bool) {
	f := strings.SplitN(v, ":", 4)
	if len(f) != 4 || f[0]+":" != kvMarker {
		return time.Time{}, 0, "", false
	}
	ms, err1 := strconv.ParseInt(f[1], 10, 64)
	n, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil || n < 0 || n > MaxSize {
		return time.Time{}, 0, "", false
	}
	return time.UnixMilli(ms), n, f[3], true
}
