package scenario

import (
	"slices"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
	"pgregory.net/rapid"
)

// fullDistance is the textbook optimal-string-alignment distance.
func fullDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestEditDistance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		word := rapid.StringOfN(rapid.RuneFrom([]rune("abcde-")), 0, 12, -1)
		a, b := word.Draw(t, "a"), word.Draw(t, "b")
		limit := rapid.IntRange(0, 4).Draw(t, "limit")
		want := min(fullDistance(a, b), limit+1)
		if got := editDistance(a, b, limit, make([]int, 3*(maxIDLen+1))); got != want {
			t.Fatalf("editDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	})
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		s          string
		candidates []string
		want       string
	}{
		{"garison", sim.SiteKindIDs(), "garrison"},
		{"Garrison", sim.SiteKindIDs(), "garrison"},
		{"airdefence", sim.SiteKindIDs(), "air-defence"},
		{"approval_treshold", []string{"respond", "approval_threshold", "blame"}, "approval_threshold"},
		{"tnaf", []string{"tanf", "conoco"}, "tanf"},
		{"usa", []string{"usa"}, ""},
		{"castle", sim.SiteKindIDs(), ""},
		{"x", []string{"y", "xy"}, "y"},
		{"", []string{"a"}, ""},
	} {
		got, ok := suggest(tc.s, tc.candidates)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("suggest(%q) = %q, %v; want %q", tc.s, got, ok, tc.want)
		}
	}
}

func TestFixed(t *testing.T) {
	for _, tc := range []struct {
		v, scale int64
		want     string
	}{
		{33_510_000, sim.Micro, "33.51"},
		{-38_620_000, sim.Micro, "-38.62"},
		{800, sim.Micro, "0.0008"},
		{-5, sim.Milli, "-0.005"},
		{0, sim.Milli, "0"},
		{120_500, 1000, "120.5"},
		{-9_223_372_036_854_775_808, sim.Milli, "-9223372036854775.808"},
		{42, 1, "42"},
	} {
		if got := fixed(tc.v, tc.scale); got != tc.want {
			t.Errorf("fixed(%d, %d) = %q, want %q", tc.v, tc.scale, got, tc.want)
		}
	}
}

// TestLatLonOf checks that the coordinates written for a projected point
// project back onto it, and are the author's own when they were round.
func TestLatLonOf(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lat := rapid.Int64Range(28_000_000, 39_000_000).Draw(t, "lat")
		lon := rapid.Int64Range(32_000_000, 45_000_000).Draw(t, "lon")
		p := geo.Project(lat, lon)
		la, lo := latLonOf(p)
		if geo.Project(la, lo) != p {
			t.Fatalf("latLonOf(%v) = %d, %d, which projects to %v", p, la, lo, geo.Project(la, lo))
		}
		rlat, rlon := lat/10_000*10_000, lon/10_000*10_000
		if la, lo := latLonOf(geo.Project(rlat, rlon)); la != rlat || lo != rlon {
			t.Fatalf("round coordinates %d, %d came back as %d, %d", rlat, rlon, la, lo)
		}
	})
}

// TestScannerPositions checks where the scanner finds keys and values in
// text using every TOML form a scenario might.
func TestScannerPositions(t *testing.T) {
	src := strings.Join([]string{
		`# comment [not a table]`,               // 1
		`a = """multi [[`,                       // 2
		`line ]] { \""" with "" quotes"""`,      // 3
		`b = '''raw ['' ]'''`,                   // 4
		`"quoted.key" = 1`,                      // 5
		`c.d = 1979-05-27 07:32:00`,             // 6
		`[[site]]`,                              // 7
		`  id = "x" # trailing`,                 // 8
		`[[site]]`,                              // 9
		`pt = [ [1, 2], # inner`,                // 10
		`   [3, { k = 'v', n.m = [ "s]" ] }] ]`, // 11
		`[site.sub]`,                            // 12
		`e = { x = 1, y = { z = 2 }, }`,         // 13
		`f = [`,                                 // 14
		`  { g = 1 },`,                          // 15
		`]`,                                     // 16
	}, "\n")
	root := ""
	site0, site1 := elemPath(childPath(root, "site"), 0), elemPath(childPath(root, "site"), 1)
	pt := childPath(site1, "pt")
	inner := elemPath(elemPath(pt, 1), 1)
	want := map[string]spot{
		childPath(root, "a"):                 {pos(2, 1), pos(2, 5)},
		childPath(root, "b"):                 {pos(4, 1), pos(4, 5)},
		childPath(root, "quoted.key"):        {pos(5, 1), pos(5, 16)},
		childPath(childPath(root, "c"), "d"): {pos(6, 3), pos(6, 7)},
		site0:                                {pos(7, 1), pos(7, 1)},
		childPath(site0, "id"):               {pos(8, 3), pos(8, 8)},
		site1:                                {pos(9, 1), pos(9, 1)},
		elemPath(elemPath(pt, 0), 1):         {pos(10, 12), pos(10, 12)},
		elemPath(elemPath(pt, 1), 0):         {pos(11, 5), pos(11, 5)},
		childPath(inner, "k"):                {pos(11, 10), pos(11, 14)},
		elemPath(childPath(childPath(inner, "n"), "m"), 0):                      {pos(11, 27), pos(11, 27)},
		childPath(site1, "sub"):                                                 {pos(12, 1), pos(12, 1)},
		childPath(childPath(childPath(site1, "sub"), "e"), "y"):                 {pos(13, 14), pos(13, 18)},
		childPath(childPath(childPath(childPath(site1, "sub"), "e"), "y"), "z"): {pos(13, 20), pos(13, 24)},
		childPath(elemPath(childPath(childPath(site1, "sub"), "f"), 0), "g"):    {pos(15, 5), pos(15, 9)},
	}
	wanted := map[string]bool{}
	for p := range want {
		wanted[p] = true
	}
	s := newScanner("s.toml", []byte(src), wanted)
	s.run()
	if s.err != nil {
		t.Fatal(s.err)
	}
	for p, w := range want {
		if got := s.found[p]; got != w {
			t.Errorf("%q: got %v, want %v", strings.NewReplacer(keySep, ".", idxSep, "#").Replace(p), got, w)
		}
	}
	if _, err := decode("s.toml", []byte(src)); err != nil {
		t.Errorf("the test text is not valid TOML: %v", err)
	}
}

func pos(line, col int) Position { return Position{File: "s.toml", Line: line, Col: col} }

// treeDepth is the nesting depth of a parsed value.
func treeDepth(v any) int {
	d := 0
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			d = max(d, treeDepth(e))
		}
		return d + 1
	case []any:
		for _, e := range x {
			d = max(d, treeDepth(e))
		}
		return d + 1
	}
	return 0
}

// TestGuardBoundsDepth checks, on well-formed values nested to random
// depths with strings, comments and line breaks between their parts, that
// the depth guard passes exactly the text whose parsed tree it allows.
func TestGuardBoundsDepth(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := []string{"1", `"]]}"`, "'[{'", "\"\"\"\n[[ {{\"\"\"", "1979-05-27 07:32:00", "'''[ ]'''"}
		gaps := []string{"", " ", "\n", " # c ] } [ {\n"}
		depth := rapid.IntRange(1, 60).Draw(t, "depth")
		var open, close []string
		for range depth {
			v := rapid.SampledFrom(values).Draw(t, "value")
			gap := rapid.SampledFrom(gaps).Draw(t, "gap")
			if rapid.Bool().Draw(t, "array") {
				open = append(open, "["+gap+v+gap+", ")
				close = append(close, gap+"]")
			} else {
				open = append(open, "{ k = "+v+gap+", a.b = ")
				close = append(close, gap+"}")
			}
		}
		slices.Reverse(close)
		src := []byte("x = " + strings.Join(open, "") + "1" + strings.Join(close, "") + "\n")
		g := newScanner("g.toml", src, nil)
		g.run()
		tree, perr := decode("g.toml", src)
		switch {
		case perr != nil && g.err == nil:
			t.Fatalf("invalid test text %s: %v", src, perr)
		case g.err == nil && treeDepth(tree) > MaxDepth+1:
			t.Fatalf("guard passed text of depth %d", treeDepth(tree))
		case g.err != nil && treeDepth(tree) <= MaxDepth/2:
			t.Fatalf("guard refused text of depth %d: %v", treeDepth(tree), g.err)
		}
	})
}
