package scenario_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim/scenario"
)

// TestZoneAndCorridorDatesAgree gives a zone and a corridor the same from
// and to and expects the same verdict from the loader (the same message,
// under each one's key) and from lint (both never take effect, or neither).
// The scenario runs 2018-01-01..2018-12-31.
func TestZoneAndCorridorDatesAgree(t *testing.T) {
	zone := "[[zone]]\nid = \"z\"\nname = \"Z\"\nkind = \"deconfliction\"\nowner = \"usa\"\ncenter = { lat = 33, lon = 38 }\nradius_km = 5\n"
	cases := []struct {
		lines   string
		load    string // the loader's message after the key path; "" loads
		outside bool   // lint finds it never takes effect
	}{
		{"from = 2019-05-01", "from: 2019-05-01 is after the scenario's end (2018-12-31)", false},
		{"to = 2017-05-01", "to: 2017-05-01 is before the scenario's start (2018-01-01)", false},
		{"from = 2018-05-01\nto = 2018-04-01", "to: 2018-04-01 is before from (2018-05-01)", false},
		{"from = 2017-06-01\nto = 2018-02-01", "", false}, // overlaps the start: in force for a month
		{"from = 2018-12-01\nto = 2019-02-01", "", false}, // overlaps the end
		{"from = 2015-01-01\nto = 2015-12-31", "", true},  // wholly before: loads, never takes effect
		{"from = 2020-01-01\nto = 2020-12-31", "", true},  // wholly after
		{"", "", false},
	}
	for _, c := range cases {
		for _, kind := range []struct{ key, text string }{{"zone.z.", head + zone}, {"corridor.c.", head + corr("")}} {
			text := kind.text + c.lines + "\n"
			_, err := scenario.Load("t.toml", []byte(text), nil)
			var list scenario.ErrorList
			switch {
			case c.load == "" && err != nil:
				t.Errorf("%s with %q: %v", kind.key, c.lines, err)
				continue
			case c.load != "" && (!errors.As(err, &list) || len(list) != 1 || !strings.HasSuffix(list[0].Error(), ": "+kind.key+c.load)):
				t.Errorf("%s with %q: error %v, want one ending %q", kind.key, c.lines, err, kind.key+c.load)
				continue
			case c.load != "":
				continue
			}
			findings, err := scenario.Lint("t.toml", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range findings {
				found = found || strings.Contains(f.String(), "outside-dates: "+kind.key+"from")
			}
			if found != c.outside {
				t.Errorf("%s with %q: lint finds it never takes effect: %v, want %v (%v)", kind.key, c.lines, found, c.outside, findings)
			}
		}
	}
}
