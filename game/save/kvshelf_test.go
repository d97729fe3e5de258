package save

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/deconflict/deconflict/internal/webstorage"
	"pgregory.net/rapid"
)

// fakeStorage is local storage in memory with the browser's rules: a Set
// that would take the keys and values past quota UTF-16 units fails with
// ErrFull and changes nothing; replacing a value frees the old one's room.
type fakeStorage struct {
	m     map[string]string
	quota int
}

func newFakeStorage(quota int) *fakeStorage {
	return &fakeStorage{m: map[string]string{}, quota: quota}
}

// units is the length of s in UTF-16 units, as browsers count it.
func units(s string) int { return len(utf16.Encode([]rune(s))) }

func (f *fakeStorage) used() int {
	n := 0
	for k, v := range f.m {
		n += units(k) + units(v)
	}
	return n
}

func (f *fakeStorage) Get(key string) (string, bool, error) {
	v, ok := f.m[key]
	return v, ok, nil
}

func (f *fakeStorage) Set(key, value string) error {
	old, had := f.m[key]
	n := f.used() + units(value)
	if had {
		n -= units(old)
	} else {
		n += units(key)
	}
	if n > f.quota {
		return fmt.Errorf("%w (QuotaExceededError: setting the value of %q exceeded the quota)", webstorage.ErrFull, key)
	}
	f.m[key] = value
	return nil
}

func (f *fakeStorage) Remove(key string) error {
	delete(f.m, key)
	return nil
}

func (f *fakeStorage) Keys() ([]string, error) {
	return slices.Sorted(maps.Keys(f.m)), nil
}

// helloPacked is printf hello | gzip -n (25 bytes: 1f8b0800 00000000
// 0003cb48 cdc9c907 0086a610 36050000 00) 15 bits to a character from
// U+1000, as a short Python script outside the game packs it: 200 bits, so
// 14 characters with 10 bits of padding.
const helloPacked = "25:\u1fc5\u5200\u1000\u1000\u1000\u1f2d\u219b\u59c9\u1380\u31a9\u5206\u7050\u1000\u1000"

// TestKVShelfReadsAHandMadeValue reads a value assembled outside the game;
// 1700000000123 ms after the epoch is 2023-11-14 22:13:20.123 UTC.
func TestKVShelfReadsAHandMadeValue(t *testing.T) {
	st := newFakeStorage(1 << 20)
	st.m["localStorage/deconflict/saves/a.json"] = "gz15:1700000000123:" + helloPacked
	sh := kvShelf{st}
	data, err := sh.read("localStorage/deconflict/saves/a.json")
	if err != nil || string(data) != "hello" {
		t.Fatalf("read %q, %v; want hello", data, err)
	}
	want := []Entry{{"localStorage/deconflict/saves/a.json", time.Date(2023, 11, 14, 22, 13, 20, 123e6, time.UTC)}}
	if got := sh.list("localStorage/deconflict/saves"); len(got) != 1 || got[0].Path != want[0].Path || !got[0].Saved.Equal(want[0].Saved) {
		t.Errorf("list = %v, want %v", got, want)
	}
}

// TestPack15 packs bytes worked out bit by bit.
func TestPack15(t *testing.T) {
	cases := []struct {
		data []byte
		want string
	}{
		{nil, ""},
		// 1000 0000 + 7 zero bits = 100 0000 0000 0000 = 0x4000, + 0x1000
		{[]byte{0x80}, "\u5000"},
		// 11111111 00000000 00000001: 111111110000000 = 0x7f80 and
		// 000000001 + 6 zero bits = 000000001000000 = 0x0040
		{[]byte{0xff, 0x00, 0x01}, "\u8f80\u1040"},
		// 15 bytes of ones are 120 bits: eight characters of 0x7fff
		{[]byte(strings.Repeat("\xff", 15)), strings.Repeat("\u8fff", 8)},
	}
	for _, c := range cases {
		var b strings.Builder
		pack15(&b, c.data)
		if b.String() != c.want {
			t.Errorf("pack15(% x) = %+q, want %+q", c.data, b.String(), c.want)
		}
		back, err := unpack15(c.want, len(c.data))
		if err != nil || string(back) != string(c.data) {
			t.Errorf("unpack15(%+q) = % x, %v", c.want, back, err)
		}
	}
}

// TestKVShelfRoundTrip: what write keeps starts with the marker and the
// time in milliseconds, and reads back as written, for lengths that end
// on every bit of a character.
func TestKVShelfRoundTrip(t *testing.T) {
	st := newFakeStorage(1 << 20)
	sh := kvShelf{st}
	at := time.Date(2023, 11, 14, 22, 13, 20, 123e6, time.UTC) // 1,700,000,000,123 ms
	for n := range 40 {
		data := []byte(strings.Repeat("hello, ", n))[:n*7/2]
		if err := sh.write("k/a.json", data, at); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(st.m["k/a.json"], "gz15:1700000000123:") {
			t.Fatalf("kept %q", st.m["k/a.json"])
		}
		if back, err := sh.read("k/a.json"); err != nil || string(back) != string(data) {
			t.Fatalf("%d bytes: read back %q, %v", len(data), back, err)
		}
	}
}

// TestKVShelfRefusesWhatIsNotASave: a missing key, a foreign value, a
// damaged one and one that unpacks past MaxSize each give their error.
func TestKVShelfRefusesWhatIsNotASave(t *testing.T) {
	st := newFakeStorage(1 << 30)
	sh := kvShelf{st}
	if err := sh.write("k/huge.json", make([]byte, MaxSize+1), time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	st.m["k/plain.json"] = "hello"
	st.m["k/base64.json"] = "gz64:1700000000123:H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA=="
	st.m["k/badtime.json"] = "gz15:soon:" + helloPacked
	st.m["k/short.json"] = "gz15:1:" + helloPacked[:len(helloPacked)-3] // one character less
	st.m["k/ascii.json"] = "gz15:1:" + strings.Replace(helloPacked, "\u5200", "A", 1)
	st.m["k/altered.json"] = "gz15:1:" + strings.Replace(helloPacked, "\u59c9", "\u59c8", 1) // a bit of the data flipped
	cases := []struct {
		key  string
		kind error
		want string
	}{
		{"k/none.json", fs.ErrNotExist, `nothing is kept under "k/none.json"`},
		{"k/plain.json", ErrNotSave, "not a Deconflict save: the stored value is not a compressed save"},
		{"k/base64.json", ErrNotSave, "not a Deconflict save: the stored value is not a compressed save"},
		{"k/badtime.json", ErrNotSave, "not a Deconflict save: the stored value is not a compressed save"},
		{"k/short.json", ErrDamaged, "the save is damaged: it holds 13 characters where 25 bytes take 14"},
		{"k/ascii.json", ErrDamaged, "the save is damaged: it holds the character U+0041 at byte 3, where only U+1000 to U+8FFF belong"},
		{"k/altered.json", ErrDamaged, "the save is damaged: its compressed data does not read"},
		{"k/huge.json", ErrNotSave, "not a Deconflict save: it unpacks to more than 64 MiB"},
	}
	for _, c := range cases {
		_, err := sh.read(c.key)
		if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %v with %q", c.key, err, c.kind, c.want)
		}
	}
	// Read names the save, as it does a file's
	if _, err := read(sh, "k/plain.json"); err == nil || !strings.HasPrefix(err.Error(), "plain.json: cannot read the save: not a Deconflict save") {
		t.Errorf("read: %v", err)
	}
}

// TestKVShelfListsOneDirectory: a directory's saves are the keys of .json
// names directly under it; other keys (the settings, a deeper or hidden
// key, another directory sharing a prefix) are not. A value that is not a
// save is listed, at time zero, so the load list shows it as not loading.
func TestKVShelfListsOneDirectory(t *testing.T) {
	st := newFakeStorage(1 << 20)
	v := func(ms string) string { return "gz15:" + ms + ":" + helloPacked }
	st.m["deconflict.settings"] = "{}"
	st.m["ls/auto/a.json"] = v("3000")
	st.m["ls/auto/b.json"] = v("1000")
	st.m["ls/auto/junk.json"] = "junk"
	st.m["ls/auto/sub/c.json"] = v("1")
	st.m["ls/auto/.d.json"] = v("1")
	st.m["ls/auto/e.txt"] = v("1")
	st.m["ls/auto2/f.json"] = v("1")
	st.m["ls/saves/g.json"] = v("2000")
	st.m["ls/saves/h.json"] = v("2000")
	// oldest first: junk (0), b (1 s), g and h (2 s, by path), a (3 s)
	want := []string{"ls/auto/junk.json", "ls/auto/b.json", "ls/saves/g.json", "ls/saves/h.json", "ls/auto/a.json"}
	var got []string
	for _, e := range list(kvShelf{st}, "ls/auto", "ls/saves", "") {
		got = append(got, e.Path)
	}
	if !slices.Equal(got, want) {
		t.Errorf("list = %v, want %v", got, want)
	}
}

// TestStoreMakesRoomInAFullStorage fills a storage with a quota: a save
// that does not fit removes the oldest autosaves, never the last game's
// (the newest) nor the one being written, and a save that still does not
// fit is refused with ErrFull and changes nothing.
func TestStoreMakesRoomInAFullStorage(t *testing.T) {
	g, err := FromSession(midGame(t, 4), nil, View{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	st := newFakeStorage(1 << 30)
	sh := kvShelf{st}
	store := Store{Dir: "ls/deconflict/autosave"}
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	write := func(path string, at time.Duration) error {
		g.Saved = base.Add(at)
		return store.write(sh, path, g)
	}
	a, b, c := store.Name(base, "tanf-2021"), store.Name(base.Add(time.Minute), "tanf-2021"), store.Name(base.Add(2*time.Minute), "tanf-2021")
	for i, p := range []string{a, b, c} {
		if err := write(p, time.Duration(i)*time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	one := units(st.m[a]) + units(a) // every save of g takes about this room
	// room for the three autosaves and half of a fourth save
	st.quota = st.used() + one/2
	keys := func() []string { k, _ := st.Keys(); return k }

	// m: a is removed (the oldest), then m fits beside b and c
	m, n, o := "ls/deconflict/saves/m.json", "ls/deconflict/saves/n.json", "ls/deconflict/saves/o.json"
	if err := write(m, 3*time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := keys(); !slices.Equal(got, []string{b, c, m}) {
		t.Fatalf("after saving m: %v, want b, c and m", got)
	}
	// n: b goes
	if err := write(n, 4*time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := keys(); !slices.Equal(got, []string{c, n, m}) && !slices.Equal(got, []string{c, m, n}) {
		t.Fatalf("after saving n: %v, want c, m and n", got)
	}
	// o: c is the last game's autosave and stays; o is refused
	before := maps.Clone(st.m)
	err = write(o, 5*time.Hour)
	if !errors.Is(err, webstorage.ErrFull) || !strings.Contains(err.Error(), "cannot save o.json: the browser's storage for this site is full") ||
		!strings.Contains(err.Error(), "no save was overwritten") {
		t.Fatalf("saving o: %v", err)
	}
	if !maps.Equal(st.m, before) {
		t.Fatal("a refused save changed the storage")
	}
	// replacing m with a longer game does not fit either, and m is kept
	// as it was; the same game saved again over m fits in m's room
	longer, err := FromSession(midGame(t, 30), nil, View{}, base)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.write(sh, m, longer); !errors.Is(err, webstorage.ErrFull) || st.m[m] != before[m] {
		t.Fatalf("saving a longer game over m: %v", err)
	}
	if err := write(m, 6*time.Hour); err != nil || !strings.HasPrefix(st.m[m], "gz15:1767344645000:") { // 2026-01-02 09:04:05 UTC
		t.Fatalf("saving over m again: %v", err)
	}
}

// TestStorePrunesTheBrowsersAutosaves keeps the Keep newest autosaves and
// leaves the other saves alone.
func TestStorePrunesTheBrowsersAutosaves(t *testing.T) {
	st := newFakeStorage(1 << 20)
	v := func(ms string) string { return "gz15:" + ms + ":" + helloPacked }
	st.m["ls/auto/1.json"] = v("4000") // newest
	st.m["ls/auto/2.json"] = v("1000") // oldest
	st.m["ls/auto/3.json"] = v("3000")
	st.m["ls/auto/4.json"] = v("2000")
	st.m["ls/saves/5.json"] = v("1")
	store := Store{Dir: "ls/auto", Keep: 2}
	if e, ok := store.latest(kvShelf{st}); !ok || e.Path != "ls/auto/1.json" {
		t.Errorf("latest = %v", e)
	}
	store.prune(kvShelf{st})
	if got := slices.Sorted(maps.Keys(st.m)); !slices.Equal(got, []string{"ls/auto/1.json", "ls/auto/3.json", "ls/saves/5.json"}) {
		t.Errorf("after pruning: %v", got)
	}
}

// TestPack15RoundTrip: any bytes come back from their packing, which
// takes ⌈8n/15⌉ characters, every one of them in U+1000 to U+8FFF.
func TestPack15RoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		data := rapid.SliceOf(rapid.Byte()).Draw(t, "data")
		var b strings.Builder
		pack15(&b, data)
		packed := []rune(b.String())
		if want := (8*len(data) + 14) / 15; len(packed) != want {
			t.Fatalf("%d bytes packed in %d characters, want %d", len(data), len(packed), want)
		}
		for _, r := range packed {
			if r < 0x1000 || r > 0x8fff {
				t.Fatalf("packed into %U", r)
			}
		}
		back, err := unpack15(b.String(), len(data))
		if err != nil || !bytes.Equal(back, data) {
			t.Fatalf("unpacked % x, %v; want % x", back, err, data)
		}
	})
}

// FuzzKVShelfRead feeds the browser shelf arbitrary stored values: it
// never panics, every refusal is of a known kind, and what it accepts
// reads back the same once written again.
func FuzzKVShelfRead(f *testing.F) {
	f.Add("gz15:1700000000123:" + helloPacked)
	f.Add("gz15:1:25:" + "\u1fc5\u5200")
	f.Add("gz15:1:0:")
	f.Add("gz64:1700000000123:H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==")
	f.Add("")
	f.Fuzz(func(t *testing.T, v string) {
		st := newFakeStorage(1 << 30)
		st.m["k/a.json"] = v
		sh := kvShelf{st}
		data, err := sh.read("k/a.json")
		if err != nil {
			if !errors.Is(err, ErrNotSave) && !errors.Is(err, ErrDamaged) {
				t.Fatalf("a refusal of no known kind: %v", err)
			}
			return
		}
		if err := sh.write("k/b.json", data, time.Unix(0, 0)); err != nil {
			t.Fatal(err)
		}
		if back, err := sh.read("k/b.json"); err != nil || !bytes.Equal(back, data) {
			t.Fatalf("read back %q, %v; want %q", back, err, data)
		}
	})
}
