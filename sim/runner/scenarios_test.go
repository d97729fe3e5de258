package runner_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
	"github.com/deconflict/deconflict/sim/scenario/scenariotest"
	"github.com/deconflict/deconflict/sim/simtest"
)

var update = flag.Bool("update", false, "rewrite the golden hashes in testdata/golden")

// load loads an embedded scenario, skipping the test when it is missing.
func load(t testing.TB, id string) *sim.Scenario {
	t.Helper()
	f, ok := scenarios.Lookup(id)
	if !ok {
		t.Skipf("the embedded scenario %q is missing", id)
	}
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return sc
}

// TestGoldenShadowWar pins the final hash of shadow-war at seed 1 with the
// default AI. The hash changes with any change to the model, the AI, the
// scenario or the loader: such a change must be deliberate.
func TestGoldenShadowWar(t *testing.T) {
	sc := load(t, "shadow-war")
	res, err := runner.NewDriver(sc).Run(1, runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := res.FinalHash.String()
	path := filepath.Join("testdata", "golden", "shadow-war.hash")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %s", path, got)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != strings.TrimSpace(string(want)) {
		t.Fatalf("shadow-war at seed 1 ends with hash %s (%s after %d turns, %d strikes), the golden hash is %s.\n"+
			"The model's results changed. That is a regression unless the commit says the change is deliberate; "+
			"if it is, bump sim.Version and rewrite the hash with go test ./sim/runner -run TestGoldenShadowWar -update",
			got, res.Outcome, res.Turns, res.Metrics[sim.MetricStrikes], strings.TrimSpace(string(want)))
	}
}

// splitBlocks cuts a TOML text at its table headers: the preamble before
// the first header, then one block per table (sub-tables such as
// [actor.params] stay with their parent).
func splitBlocks(text string) (preamble string, blocks []string) {
	lines := strings.SplitAfter(text, "\n")
	cur, parent := &preamble, ""
	for _, l := range lines {
		if strings.HasPrefix(l, "[") {
			name := strings.Trim(strings.TrimSpace(strings.SplitN(l, "#", 2)[0]), "[]")
			if parent == "" || !strings.HasPrefix(name, parent+".") {
				blocks = append(blocks, "")
				cur, parent = &blocks[len(blocks)-1], name
			}
		}
		*cur += l
	}
	if len(blocks) > 0 && !strings.HasSuffix(blocks[len(blocks)-1], "\n") {
		blocks[len(blocks)-1] += "\n"
	}
	return preamble, blocks
}

// shuffled returns the text with its blocks in a random order.
func shuffled(t *rapid.T, text string) string {
	pre, blocks := splitBlocks(text)
	return pre + strings.Join(rapid.Permutation(blocks).Draw(t, "order"), "")
}

// TestPermutationInvariance: reordering the tables of a scenario file
// (sites, zones, events, routes, corridors, objectives, actors) changes
// neither the scenario hash nor any run of it.
func TestPermutationInvariance(t *testing.T) {
	files := scenarios.Files()
	if len(files) == 0 {
		t.Skip("no embedded scenarios")
	}
	type base struct {
		hash  string
		final sim.Hash
	}
	bases := map[string]base{}
	rapid.Check(t, func(t *rapid.T) {
		f := rapid.SampledFrom(files).Draw(t, "file")
		b, ok := bases[f.Name]
		if !ok {
			sc, err := scenario.Load(f.Name, f.Data, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := runner.NewDriver(sc).Run(1, runner.Options{Turns: 300})
			if err != nil {
				t.Fatal(err)
			}
			b = base{scenario.Hash(sc), res.FinalHash}
			bases[f.Name] = b
		}
		text := shuffled(t, string(f.Data))
		sc, err := scenario.Load(f.Name, []byte(text), nil)
		if err != nil {
			t.Fatalf("the reordered file does not load: %v", err)
		}
		if h := scenario.Hash(sc); h != b.hash {
			t.Fatalf("reordering %s changed the scenario hash from %s to %s", f.Name, b.hash, h)
		}
		res, err := runner.NewDriver(sc).Run(1, runner.Options{Turns: 300})
		if err != nil {
			t.Fatal(err)
		}
		if res.FinalHash != b.final {
			t.Fatalf("reordering %s changed the run's hash from %s to %s", f.Name, b.final, res.FinalHash)
		}
	})
}

// TestPermutationInvarianceGenerated does the same on random valid files.
func TestPermutationInvarianceGenerated(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := scenariotest.Valid().Draw(t, "file")
		sc1, err := scenario.Load("a.toml", text, nil)
		if err != nil {
			t.Fatalf("a generated valid file does not load: %v\n%s", err, text)
		}
		sc2, err := scenario.Load("b.toml", []byte(shuffled(t, string(text))), nil)
		if err != nil {
			t.Fatalf("the reordered file does not load: %v", err)
		}
		if scenario.Hash(sc1) != scenario.Hash(sc2) {
			t.Fatal("reordering changed the scenario hash")
		}
		seed := rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed")
		r1, err1 := runner.NewDriver(sc1).Run(seed, runner.Options{})
		r2, err2 := runner.NewDriver(sc2).Run(seed, runner.Options{})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if r1.FinalHash != r2.FinalHash {
			t.Fatalf("reordering changed the run's hash from %s to %s", r1.FinalHash, r2.FinalHash)
		}
	})
}

// TestValidScenarioFiles: random valid scenario files load, play to the end
// with AI and with random orders without a panic, keep the invariants and
// the deconfliction protocol, and replay exactly.
func TestValidScenarioFiles(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := scenariotest.Valid().Draw(t, "file")
		sc, err := scenario.Load("valid.toml", text, nil)
		if err != nil {
			t.Fatalf("a generated valid file does not load: %v\n%s", err, text)
		}
		seed := rapid.Uint64Range(0, 1<<53-1).Draw(t, "seed")
		d := runner.NewDriver(sc)
		rec, err := d.Run(seed, runner.Options{Record: true})
		if err != nil {
			t.Fatal(err)
		}
		rp, err := d.Replay(seed, rec.Orders, runner.Options{Record: true}, func(int32, *sim.Engine) error {
			return simtest.Invariants(sc, d.Engine().State())
		})
		if err != nil {
			t.Fatal(err)
		}
		sameResult(t, "replay", rec, rp)

		e := sim.New(sc, seed)
		au := simtest.NewAuditor(e)
		c := &simtest.Chaos{Engine: e, Src: simtest.NewDice(rapid.Uint64().Draw(t, "order_seed")), Apply: au.Apply, Sync: au.Sync}
		if err := c.Play(200); err != nil {
			t.Fatal(err)
		}
		if err := au.Err(); err != nil {
			t.Fatal(err)
		}
	})
}

// TestEmbeddedScenariosPlay: every embedded scenario plays to its end with
// its AI under the invariants and the protocol auditor.
func TestEmbeddedScenariosPlay(t *testing.T) {
	for _, f := range scenarios.Files() {
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for seed := uint64(1); seed <= 3; seed++ {
			p, err := simtest.NewPlayer(sc, seed)
			if err != nil {
				t.Fatal(err)
			}
			au := simtest.NewAuditor(p.Engine)
			p.Apply = au.Apply
			for {
				stop, err := p.Turn()
				if err != nil {
					t.Fatalf("%s seed %d: %v", f.Name, seed, err)
				}
				au.Sync()
				if err := simtest.Invariants(sc, p.Engine.State()); err != nil {
					t.Fatalf("%s seed %d: %v", f.Name, seed, err)
				}
				if stop == sim.StopOver {
					break
				}
			}
			if err := au.Err(); err != nil {
				t.Errorf("%s seed %d: %v", f.Name, seed, err)
			}
		}
	}
}

// TestLoadIgnoresTimeZone: the TOML parser gives local dates in the
// machine's zone; the loaded scenario must not depend on it.
func TestLoadIgnoresTimeZone(t *testing.T) {
	f, ok := scenarios.Lookup("shadow-war")
	if !ok {
		t.Skip("the embedded scenario shadow-war is missing")
	}
	local := time.Local
	defer func() { time.Local = local }()
	var want string
	for i, offset := range []int{0, 14 * 3600, -12 * 3600, -8 * 3600, 13*3600 + 45*60} {
		time.Local = time.FixedZone("test", offset)
		sc, err := scenario.Load(f.Name, f.Data, nil)
		if err != nil {
			t.Fatal(err)
		}
		if h := scenario.Hash(sc); i == 0 {
			want = h
		} else if h != want {
			t.Fatalf("at UTC%+d s the scenario hash is %s, at UTC %s", offset, h, want)
		}
	}
}
