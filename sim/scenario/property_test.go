package scenario_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/deconflict/deconflict/sim/scenario"
	"github.com/deconflict/deconflict/sim/scenario/scenariotest"
	"pgregory.net/rapid"
)

// TestGeneratedScenarios checks that every generated scenario loads, that
// its canonical text loads back to the same scenario, and that rewriting
// the text (entry order, key order, comments) keeps the hash.
func TestGeneratedScenarios(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := scenariotest.Valid().Draw(t, "scenario")
		sc, err := scenario.Load("generated.toml", text, nil)
		if err != nil {
			t.Fatalf("generated scenario does not load:\n%v\n%s", err, text)
		}
		checkRoundTrip(t, sc)
		shuffled, err := scenario.Load("shuffled.toml", []byte(shuffle(string(scenario.Canonical(sc)))), nil)
		if err != nil {
			t.Fatalf("shuffled canonical text does not load: %v", err)
		}
		if scenario.Hash(shuffled) != scenario.Hash(sc) {
			t.Fatalf("shuffling changed the hash")
		}
	})
}

func FuzzLoad(f *testing.F) {
	for _, name := range []string{"testdata/levant.toml", "testdata/broken.toml"} {
		f.Add(readFile(f, name))
	}
	files, _ := filepath.Glob("../../scenarios/*.toml")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, tc := range ruleCases {
		if tc.full {
			f.Add([]byte(tc.text))
		} else {
			f.Add([]byte(head + tc.text))
		}
	}
	f.Add([]byte("a = [1979-05-27 07:32:00, [[1]]]\n"))
	f.Add([]byte("a = \"\"\"x\"\"\"\"\"\nb = '''y'''''\n[x.'y'.\"z\"]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := scenario.Load("fuzz.toml", data, nil)
		if err != nil {
			var list scenario.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %v", err)
			}
			for _, e := range list {
				if e.Msg == "" || e.Pos.File == "" || e.Pos.Line < 0 || (e.Pos.Line > 0 && e.Pos.Col < 1) {
					t.Fatalf("malformed error %#v", e)
				}
			}
			return
		}
		checkRoundTrip(t, sc)
	})
}

func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"testdata/levant.toml", "../../scenarios/shadow-war.toml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			continue // a scenario not yet written
		}
		b.Run(filepath.Base(name), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := scenario.Load(name, data, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkHash(b *testing.B) {
	sc := mustLoad(b, "levant.toml", readFile(b, "testdata/levant.toml"))
	b.ReportAllocs()
	for b.Loop() {
		scenario.Hash(sc)
	}
}
