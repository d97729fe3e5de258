// Package mapfmt defines the binary layout of the embedded Levant map file,
// shared by the generator that writes it and the mapdata package that reads
// it, so that both sides agree on one definition of the format.
//
// Layout (all integers little-endian or varint as noted):
//
//	magic      4 bytes  "LVMP"
//	version    1 byte   (Version)
//	levels     1 byte   (Levels)
//	tolerance  Levels × uvarint, simplification tolerance per level in units
//	bounds     4 × zigzag varint: min lon, min lat, max lon, max lat in units
//	sections   countries, borders, coastlines, rivers, lakes, in that order;
//	           each is a uvarint feature count followed by the features
//	crc        4 bytes  CRC-32 (IEEE) of every preceding byte
//
// A feature is a fixed number of labels (see LabelCount), each a uvarint
// length and UTF-8 bytes, followed by Levels path sets. A path set is a
// uvarint path count; a path is a uvarint point count followed by points,
// each a pair of zigzag varints (lon, lat) holding the difference to the
// previous point of the same path (the first point is relative to 0,0).
// Coordinates are integers in units of 1/PerDegree degree (1e-5°, about 1 m). Rings of polygon sections are
// implicitly closed (the first point is not repeated) and have at least
// MinRing points; lines have at least MinLine points.
package mapfmt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"unicode/utf8"
)

// Format constants.
const (
	Magic     = "LVMP" // file signature
	Version   = 1      // bumped on any incompatible layout change
	Levels    = 3      // levels of detail, coarsest first
	PerDegree = 100000 // coordinate units per degree
	MinRing   = 3      // minimum points in a polygon ring
	MinLine   = 2      // minimum points in a polyline
)

// Section identifies one of the feature lists of a file.
type Section int

// Sections in file order.
const (
	Countries Section = iota
	Borders
	Coastlines
	Rivers
	Lakes
	NumSections
)

var sectionNames = [NumSections]string{"countries", "borders", "coastlines", "rivers", "lakes"}

// String names the section for error messages.
func (s Section) String() string {
	if s < 0 || s >= NumSections {
		return fmt.Sprintf("section(%d)", int(s))
	}
	return sectionNames[s]
}

// LabelCount is the number of labels each feature of the section carries:
// countries [name, code], borders [country A, country B], coastlines
// [country], rivers [name], lakes [name].
func (s Section) LabelCount() int {
	switch s {
	case Countries, Borders:
		return 2
	default:
		return 1
	}
}

// Closed reports whether the section's paths are polygon rings.
func (s Section) Closed() bool { return s == Countries || s == Lakes }

// Point is a position in coordinate units: X is longitude, Y is latitude.
type Point struct{ X, Y int32 }

// Path is a ring or polyline.
type Path []Point

// Feature is one named item with a path set per level of detail.
type Feature struct {
	Labels []string
	Levels [Levels][]Path
}

// File is the decoded content of a map file.
type File struct {
	Tolerance [Levels]int32 // per level, in coordinate units
	Min, Max  Point         // bounding box of all geometry
	Sections  [NumSections][]Feature
}

// Encode serialises f. It does not validate; Decode of the result does.
func Encode(f *File) []byte {
	b := []byte(Magic)
	b = append(b, Version, Levels)
	for _, t := range f.Tolerance {
		b = binary.AppendUvarint(b, uint64(t))
	}
	for _, v := range []int32{f.Min.X, f.Min.Y, f.Max.X, f.Max.Y} {
		b = binary.AppendVarint(b, int64(v))
	}
	for _, feats := range f.Sections {
		b = binary.AppendUvarint(b, uint64(len(feats)))
		for _, ft := range feats {
			for _, l := range ft.Labels {
				b = binary.AppendUvarint(b, uint64(len(l)))
				b = append(b, l...)
			}
			for _, paths := range ft.Levels {
				b = binary.AppendUvarint(b, uint64(len(paths)))
				for _, p := range paths {
					b = binary.AppendUvarint(b, uint64(len(p)))
					var prev Point
					for _, q := range p {
						b = binary.AppendVarint(b, int64(q.X)-int64(prev.X))
						b = binary.AppendVarint(b, int64(q.Y)-int64(prev.Y))
						prev = q
					}
				}
			}
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// ErrFormat is wrapped by every error Decode returns.
var ErrFormat = errors.New("malformed map data")

// Decode parses and validates a map file. Any defect, including a checksum
// mismatch, truncation or trailing bytes, yields an error wrapping ErrFormat.
func Decode(data []byte) (*File, error) {
	headerLen := len(Magic) + 2
	if len(data) < headerLen+4 {
		return nil, fmt.Errorf("%w: %d bytes is too short", ErrFormat, len(data))
	}
	if string(data[:len(Magic)]) != Magic {
		return nil, fmt.Errorf("%w: bad magic %q", ErrFormat, data[:len(Magic)])
	}
	if v := data[len(Magic)]; v != Version {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrFormat, v, Version)
	}
	if n := data[len(Magic)+1]; n != Levels {
		return nil, fmt.Errorf("%w: %d levels, want %d", ErrFormat, n, Levels)
	}
	body := data[:len(data)-4]
	if got, want := crc32.ChecksumIEEE(body), binary.LittleEndian.Uint32(data[len(body):]); got != want {
		return nil, fmt.Errorf("%w: checksum %08x, want %08x", ErrFormat, got, want)
	}
	r := reader{buf: body, off: headerLen}
	f, err := r.file()
	if err != nil {
		return nil, fmt.Errorf("%w: at byte %d: %w", ErrFormat, r.off, err)
	}
	if r.off != len(body) {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrFormat, len(body)-r.off)
	}
	return f, nil
}

// reader walks the body of a file, checking every count against the bytes
// left so that corrupt counts cannot cause huge allocations.
type reader struct {
	buf []byte
	off int
}

func (r *reader) file() (*File, error) {
	f := &File{}
	for i := range f.Tolerance {
		t, err := r.uvarint(math.MaxInt32)
		if err != nil {
			return nil, fmt.Errorf("tolerance %d: %w", i, err)
		}
		f.Tolerance[i] = int32(t)
	}
	var bounds [4]int32
	for i := range bounds {
		v, err := r.coord(i%2 == 1)
		if err != nil {
			return nil, fmt.Errorf("bounds: %w", err)
		}
		bounds[i] = v
	}
	f.Min, f.Max = Point{bounds[0], bounds[1]}, Point{bounds[2], bounds[3]}
	if f.Min.X > f.Max.X || f.Min.Y > f.Max.Y {
		return nil, errors.New("bounds: min exceeds max")
	}
	for s := range NumSections {
		feats, err := r.section(s)
		if err != nil {
			return nil, fmt.Errorf("%v: %w", s, err)
		}
		f.Sections[s] = feats
	}
	return f, nil
}

func (r *reader) section(s Section) ([]Feature, error) {
	n, err := r.count()
	if err != nil {
		return nil, err
	}
	feats := make([]Feature, n)
	for i := range feats {
		ft := &feats[i]
		ft.Labels = make([]string, s.LabelCount())
		for j := range ft.Labels {
			if ft.Labels[j], err = r.str(); err != nil {
				return nil, fmt.Errorf("feature %d label %d: %w", i, j, err)
			}
		}
		minPts := MinLine
		if s.Closed() {
			minPts = MinRing
		}
		for lv := range ft.Levels {
			if ft.Levels[lv], err = r.paths(minPts); err != nil {
				return nil, fmt.Errorf("feature %d (%q) level %d: %w", i, ft.Labels[0], lv, err)
			}
		}
	}
	return feats, nil
}

func (r *reader) paths(minPts int) ([]Path, error) {
	n, err := r.count()
	if err != nil {
		return nil, err
	}
	paths := make([]Path, n)
	for i := range paths {
		np, err := r.uvarint(math.MaxInt32)
		if err != nil {
			return nil, fmt.Errorf("path %d: %w", i, err)
		}
		if left := uint64(len(r.buf) - r.off); np > left/2 { // a point takes two bytes or more
			return nil, fmt.Errorf("path %d: %d points in %d bytes", i, np, left)
		}
		if int(np) < minPts {
			return nil, fmt.Errorf("path %d: %d points, need %d", i, np, minPts)
		}
		p := make(Path, np)
		var x, y int64
		for j := range p {
			dx, err := r.varint()
			if err != nil {
				return nil, fmt.Errorf("path %d point %d: %w", i, j, err)
			}
			dy, err := r.varint()
			if err != nil {
				return nil, fmt.Errorf("path %d point %d: %w", i, j, err)
			}
			x, y = x+dx, y+dy
			if !inRange(x, false) || !inRange(y, true) {
				return nil, fmt.Errorf("path %d point %d: (%d, %d) off the globe", i, j, x, y)
			}
			p[j] = Point{int32(x), int32(y)}
		}
		paths[i] = p
	}
	return paths, nil
}

// inRange reports whether v (in coordinate units) is a valid longitude or latitude.
// Deltas are bounded to ±2^40 by varint so the running sums cannot overflow.
func inRange(v int64, lat bool) bool {
	limit := int64(180 * PerDegree)
	if lat {
		limit = int64(90 * PerDegree)
	}
	return v >= -limit && v <= limit
}

func (r *reader) coord(lat bool) (int32, error) {
	v, err := r.varint()
	if err != nil {
		return 0, err
	}
	if !inRange(v, lat) {
		return 0, fmt.Errorf("coordinate %d off the globe", v)
	}
	return int32(v), nil
}

// count reads an element count; every element takes at least one byte, so
// a count beyond the bytes left is an error rather than a huge allocation.
func (r *reader) count() (int, error) {
	n, err := r.uvarint(math.MaxInt32)
	if err != nil {
		return 0, err
	}
	if left := uint64(len(r.buf) - r.off); n > left {
		return 0, fmt.Errorf("count %d exceeds the %d bytes left", n, left)
	}
	return int(n), nil
}

func (r *reader) str() (string, error) {
	n, err := r.count()
	if err != nil {
		return "", err
	}
	s := string(r.buf[r.off : r.off+n])
	r.off += n
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("label %q is not UTF-8", s)
	}
	return s, nil
}

func (r *reader) uvarint(limit uint64) (uint64, error) {
	v, n := binary.Uvarint(r.buf[r.off:])
	if n <= 0 {
		return 0, errors.New("truncated or overlong varint")
	}
	r.off += n
	if v > limit {
		return 0, fmt.Errorf("value %d exceeds limit %d", v, limit)
	}
	return v, nil
}

func (r *reader) varint() (int64, error) {
	v, n := binary.Varint(r.buf[r.off:])
	if n <= 0 {
		return 0, errors.New("truncated or overlong varint")
	}
	r.off += n
	const limit = 1 << 40
	if v > limit || v < -limit {
		return 0, fmt.Errorf("delta %d out of range", v)
	}
	return v, nil
}
