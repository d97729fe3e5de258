package batch

import (
	"math/big"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func texts(vs []Value) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Text
	}
	return out
}

func TestParseSweepRanges(t *testing.T) {
	cases := []struct {
		spec string
		want []string
	}{
		{"k=0:1:0.1", []string{"0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"}},
		{"k=0.1:0.3:0.1", []string{"0.1", "0.2", "0.3"}}, // float steps would stop short of 0.3
		{"k=0:1:0.3", []string{"0", "0.3", "0.6", "0.9"}},
		{"k=1:0:-0.25", []string{"1", "0.75", "0.5", "0.25", "0"}},
		{"k=-1:1:0.5", []string{"-1", "-0.5", "0", "0.5", "1"}},
		{"k=5:5:1", []string{"5"}},
		{"k=10:30:10", []string{"10", "20", "30"}},
		{"k=0.000001:0.000003:0.000001", []string{"0.000001", "0.000002", "0.000003"}},
		{"k=1.50:2:0.25", []string{"1.5", "1.75", "2"}},
	}
	for _, c := range cases {
		sw, err := ParseSweep(c.spec)
		if err != nil {
			t.Errorf("%s: %v", c.spec, err)
			continue
		}
		if got := texts(sw.Values); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.spec, got, c.want)
		}
		for _, v := range sw.Values {
			if !v.Numeric {
				t.Errorf("%s: %s not numeric", c.spec, v.Text)
			}
		}
	}
}

func TestParseSweepLists(t *testing.T) {
	sw, err := ParseSweep("actor.usa.policy = permissive, force-protection")
	if err != nil {
		t.Fatal(err)
	}
	if sw.Key != "actor.usa.policy" || !slices.Equal(texts(sw.Values), []string{"permissive", "force-protection"}) || sw.Values[0].Numeric {
		t.Fatalf("got %+v", sw)
	}
	sw, err = ParseSweep("k=0.50,2,-3.0")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(texts(sw.Values), []string{"0.5", "2", "-3"}) || !sw.Values[0].Numeric {
		t.Fatalf("got %+v", sw.Values)
	}
}

func TestParseSweepErrors(t *testing.T) {
	cases := map[string]string{
		"k":             "want KEY=",
		"=0:1:0.1":      "want KEY=",
		"k=0:1":         "FROM:TO:STEP",
		"k=0:1:0":       "STEP must not be 0",
		"k=0:1:-0.1":    "never goes",
		"k=a:1:0.1":     "not a decimal",
		"k=1e3:2e3:1":   "not a decimal",
		"k=0:1:0.00001": "more than",
		"k=a,,b":        "empty value",
	}
	for spec, want := range cases {
		_, err := ParseSweep(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one saying %q", spec, err, want)
		}
	}
}

// TestParseSweepMatchesExactArithmetic checks ranges against rational
// arithmetic: value k is FROM + k·STEP exactly, and the last value is the
// last one not past TO.
func TestParseSweepMatchesExactArithmetic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		places := rapid.IntRange(0, 4).Draw(t, "places")
		from := rapid.Int64Range(-5000, 5000).Draw(t, "from")
		step := rapid.Int64Range(1, 2000).Draw(t, "step")
		span := rapid.Int64Range(0, 40).Draw(t, "steps") * step
		span += rapid.Int64Range(0, step-1).Draw(t, "overshoot")
		if rapid.Bool().Draw(t, "down") {
			step, span = -step, -span
		}
		scale := big.NewRat(1, 1)
		for range places {
			scale.Mul(scale, big.NewRat(1, 10))
		}
		dec := func(v int64) string { return new(big.Rat).Mul(big.NewRat(v, 1), scale).FloatString(places) }
		spec := "k=" + dec(from) + ":" + dec(from+span) + ":" + dec(step)
		sw, err := ParseSweep(spec)
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		if want := int(span/step) + 1; len(sw.Values) != want {
			t.Fatalf("%s: %d points, want %d", spec, len(sw.Values), want)
		}
		for k, v := range sw.Values {
			got, ok := new(big.Rat).SetString(v.Text)
			want := new(big.Rat).Mul(big.NewRat(from+int64(k)*step, 1), scale)
			if !ok || got.Cmp(want) != 0 {
				t.Fatalf("%s: value %d is %s, want %s", spec, k, v.Text, want.FloatString(places))
			}
		}
	})
}

func TestGridOrder(t *testing.T) {
	g := Grid{mustSweep(t, "a=1,2,3"), mustSweep(t, "b=x,y")}
	if g.Points() != 6 {
		t.Fatalf("%d points", g.Points())
	}
	var got []string
	for p := range g.Points() {
		idx := g.Indices(p)
		got = append(got, g[0].Values[idx[0]].Text+g[1].Values[idx[1]].Text)
	}
	if want := []string{"1x", "1y", "2x", "2y", "3x", "3y"}; !slices.Equal(got, want) {
		t.Fatalf("grid order %v, want %v (first sweep slowest)", got, want)
	}
	if (Grid{}).Points() != 1 {
		t.Fatal("no sweep is one point")
	}
}
