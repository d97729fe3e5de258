package mapdata

import (
	"encoding/binary"
	"hash/crc32"
	"testing"

	"github.com/deconflict/deconflict/assets/internal/mapfmt"
)

// FuzzDecode checks that no input makes Decode panic. Each input is decoded
// as given and again with a valid checksum appended, so that mutations reach
// past the checksum test into the body parser.
func FuzzDecode(f *testing.F) {
	f.Add(levantMap[:len(levantMap)/3])
	if real, err := mapfmt.Decode(levantMap); err == nil {
		// A small excerpt of the real data: the first feature of each
		// section at the coarse level only.
		small := &mapfmt.File{Tolerance: real.Tolerance, Min: real.Min, Max: real.Max}
		for s, feats := range real.Sections {
			if len(feats) > 0 {
				small.Sections[s] = []mapfmt.Feature{{Labels: feats[0].Labels, Levels: [mapfmt.Levels][]mapfmt.Path{feats[0].Levels[0]}}}
			}
		}
		f.Add(mapfmt.Encode(small))
	}
	f.Add(mapfmt.Encode(&mapfmt.File{}))
	f.Add(mapfmt.Encode(&mapfmt.File{Sections: [mapfmt.NumSections][]mapfmt.Feature{
		mapfmt.Countries: {{Labels: []string{"A", "AAA"}, Levels: [mapfmt.Levels][]mapfmt.Path{
			{{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 0, Y: 10}}}, nil, nil,
		}}},
	}}))
	f.Add([]byte(mapfmt.Magic + "\x01\x03"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(data)
		if (m == nil) == (err == nil) {
			t.Fatalf("Decode returned map %v and error %v", m != nil, err)
		}
		if len(data) > 0 {
			body := data[:len(data)-1] // drop a byte so the data need not end in a checksum
			fixed := binary.LittleEndian.AppendUint32(append([]byte(nil), body...), crc32.ChecksumIEEE(body))
			if m, err := Decode(fixed); err == nil {
				m.CountryAt(LonLat{Lon: 36, Lat: 33})
				for _, r := range m.Rivers {
					r.DistanceKm(LonLat{Lon: 40, Lat: 35})
				}
			}
		}
	})
}
