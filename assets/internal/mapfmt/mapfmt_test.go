package mapfmt

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"reflect"
	"testing"
)

func sample() *File {
	ring := Path{{X: 3629000, Y: 3351000}, {X: 3630000, Y: 3351000}, {X: 3630000, Y: 3352000}}
	line := Path{{X: -18000000, Y: -9000000}, {X: 18000000, Y: 9000000}}
	f := &File{Tolerance: [Levels]int32{2000, 500, 100}, Min: Point{X: 3200000, Y: 2800000}, Max: Point{X: 4500000, Y: 3900000}}
	for s := range NumSections {
		labels := []string{"Şam", "SYR"}[:s.LabelCount()]
		p := line
		if s.Closed() {
			p = ring
		}
		f.Sections[s] = []Feature{{Labels: labels, Levels: [Levels][]Path{{p}, {}, {p, p}}}}
	}
	return f
}

// withCRC appends a valid checksum to body.
func withCRC(body []byte) []byte {
	return binary.LittleEndian.AppendUint32(append([]byte(nil), body...), crc32.ChecksumIEEE(body))
}

func TestRoundTrip(t *testing.T) {
	want := sample()
	got, err := Decode(Encode(want))
	if err != nil {
		t.Fatal(err)
	}
	// Decode makes empty, non-nil path sets.
	for s := range NumSections {
		want.Sections[s][0].Levels[1] = []Path{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestDecodeRejects(t *testing.T) {
	good := Encode(sample())
	body := good[:len(good)-4]
	header := len(Magic) + 2
	tooShortRing := &File{}
	tooShortRing.Sections[Countries] = []Feature{{Labels: []string{"a", "b"}, Levels: [Levels][]Path{{{{X: 1, Y: 1}, {X: 2, Y: 2}}}}}}
	offGlobe := &File{}
	offGlobe.Sections[Rivers] = []Feature{{Labels: []string{"r"}, Levels: [Levels][]Path{{{{X: 0, Y: 0}, {X: 0, Y: 9000001}}}}}}
	badBounds := &File{Min: Point{X: 10}, Max: Point{X: 5}}
	badLabel := &File{}
	badLabel.Sections[Lakes] = []Feature{{Labels: []string{"\xff"}}}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"bad magic", withCRC(append([]byte("LVMQ"), body[4:]...))},
		{"bad version", withCRC(append(append([]byte(Magic), Version+1, Levels), body[header:]...))},
		{"bad levels", withCRC(append(append([]byte(Magic), Version, Levels+1), body[header:]...))},
		{"bad checksum", append(append([]byte(nil), body...), 1, 2, 3, 4)},
		{"truncated body", withCRC(body[:len(body)-3])},
		{"trailing bytes", withCRC(append(append([]byte(nil), body...), 0))},
		{"huge count", withCRC(append(append([]byte(nil), body[:header]...), 0xff, 0xff, 0xff, 0xff, 0x0f))},
		{"ring of two points", Encode(tooShortRing)},
		{"point off the globe", Encode(offGlobe)},
		{"min above max", Encode(badBounds)},
		{"label not UTF-8", Encode(badLabel)},
	}
	for _, tt := range tests {
		if _, err := Decode(tt.data); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: Decode error = %v, want ErrFormat", tt.name, err)
		}
	}
}

func TestSectionString(t *testing.T) {
	if Rivers.String() != "rivers" || Section(9).String() != "section(9)" {
		t.Errorf("got %q and %q", Rivers, Section(9))
	}
}
