package runner_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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

// goldenPath is the golden file: the engine version it belongs to, then
// the final hash of shadow-war at seed 1 with the default AI.
var goldenPath = filepath.Join("testdata", "golden", "shadow-war.hash")

// golden is the content of the golden file.
type golden struct {
	engine string // sim.Version when the hash was written
	hash   string
}

// readGolden parses the golden file: "engine V" and "hash H" lines; lines
// starting with # are comments.
func readGolden(path string) (golden, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return golden{}, err
	}
	var g golden
	for _, line := range strings.Split(string(data), "\n") {
		key, value, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch key {
		case "engine":
			g.engine = value
		case "hash":
			g.hash = value
		}
	}
	if g.engine == "" || g.hash == "" {
		return golden{}, fmt.Errorf("%s: want an \"engine VERSION\" and a \"hash HASH\" line", path)
	}
	return g, nil
}

func writeGolden(path string, g golden) error {
	text := "# The final state hash of shadow-war at seed 1 with the default AI, and the engine\n" +
		"# version it belongs to (TestGoldenShadowWar). Rewrite with -update after bumping sim.Version.\n" +
		"engine " + g.engine + "\nhash " + g.hash + "\n"
	return os.WriteFile(path, []byte(text), 0o644)
}

// goldenVerdict says what to do when a run's hash and this engine's version
// are compared with the golden file's: "" when they agree, else why the
// test fails and how to fix it. With update, it says why the file may not
// be rewritten ("" when it may).
func goldenVerdict(want golden, hash, version string, update bool) string {
	const (
		bump    = "bump sim.Version in sim/ids.go (minor for a model change) and add a CHANGELOG.md entry saying why"
		rewrite = "go test ./sim/runner -run TestGoldenShadowWar -update"
	)
	switch {
	case update && hash != want.hash && version == want.engine:
		return fmt.Sprintf("refusing to rewrite the golden hash: the results changed (hash %s, was %s) but sim.Version is still %s: first %s",
			hash, want.hash, version, bump)
	case update && version != want.engine && !semverLess(want.engine, version):
		return fmt.Sprintf("refusing to rewrite the golden hash: sim.Version %s is not newer than the golden file's %s", version, want.engine)
	case update:
		return ""
	case hash != want.hash && version == want.engine:
		return fmt.Sprintf("the model's results changed (hash %s, the golden hash is %s) but sim.Version is still %s. "+
			"That is a regression unless the change is deliberate; if it is, %s, then rewrite the golden hash with %s", hash, want.hash, version, bump, rewrite)
	case version != want.engine:
		return fmt.Sprintf("sim.Version is %s but the golden hash belongs to engine %s: rewrite it with %s", version, want.engine, rewrite)
	}
	return ""
}

// semverLess reports whether version a precedes version b (MAJOR.MINOR.PATCH).
func semverLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < 3; i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x < y
		}
	}
	return false
}

// TestGoldenShadowWar pins the final hash of shadow-war at seed 1 with the
// default AI, and the engine version it belongs to. The hash changes with
// any change to the model, the AI, the scenario or the loader: such a change
// must be deliberate, and must bump sim.Version.
func TestGoldenShadowWar(t *testing.T) {
	sc := simtest.Embedded(t, "shadow-war")
	res, err := runner.NewDriver(sc).Run(1, runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := res.FinalHash.String()
	want, err := readGolden(goldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if msg := goldenVerdict(want, got, sim.Version, *update); msg != "" {
		t.Fatalf("shadow-war at seed 1 ends %s after %d turns with %d strikes: %s", res.Outcome, res.Turns, res.Metrics[sim.MetricStrikes], msg)
	}
	if *update {
		if err := writeGolden(goldenPath, golden{engine: sim.Version, hash: got}); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: engine %s, hash %s", goldenPath, sim.Version, got)
	}
}

// TestGoldenVerdicts checks the golden test's rules on made-up hashes and
// versions: a changed hash under an unchanged version fails and may not be
// rewritten; a bumped version must be recorded, and only forwards.
func TestGoldenVerdicts(t *testing.T) {
	cases := []struct {
		name    string
		engine  string // the golden file's; its hash is aaaaaaaaaaaaaaaa
		hash    string
		version string
		update  bool
		want    string // in the message; "" for none
	}{
		{"unchanged", "1.1.0", "aaaaaaaaaaaaaaaa", "1.1.0", false, ""},
		{"hash changed, version not", "1.1.0", "bbbbbbbbbbbbbbbb", "1.1.0", false, "but sim.Version is still 1.1.0"},
		{"hash changed, version bumped", "1.1.0", "bbbbbbbbbbbbbbbb", "1.2.0", false, "sim.Version is 1.2.0 but the golden hash belongs to engine 1.1.0"},
		{"version bumped, same hash", "1.1.0", "aaaaaaaaaaaaaaaa", "1.1.1", false, "rewrite it with"},
		{"update without a bump", "1.1.0", "bbbbbbbbbbbbbbbb", "1.1.0", true, "refusing to rewrite the golden hash: the results changed"},
		{"update after a bump", "1.1.0", "bbbbbbbbbbbbbbbb", "1.2.0", true, ""},
		{"update to an older version", "1.1.0", "bbbbbbbbbbbbbbbb", "1.0.9", true, "not newer than the golden file's 1.1.0"},
		{"update, nothing changed", "1.1.0", "aaaaaaaaaaaaaaaa", "1.1.0", true, ""},
		{"10 after 9", "1.9.0", "bbbbbbbbbbbbbbbb", "1.10.0", true, ""},
	}
	for _, c := range cases {
		msg := goldenVerdict(golden{engine: c.engine, hash: "aaaaaaaaaaaaaaaa"}, c.hash, c.version, c.update)
		if c.want == "" && msg != "" || c.want != "" && !strings.Contains(msg, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, msg, c.want)
		}
	}
}

// TestGoldenFileRoundTrip: what writeGolden writes, readGolden reads.
func TestGoldenFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.hash")
	want := golden{engine: "2.0.1", hash: "0123456789abcdef"}
	if err := writeGolden(path, want); err != nil {
		t.Fatal(err)
	}
	if got, err := readGolden(path); err != nil || got != want {
		t.Fatalf("read back %+v, %v; want %+v", got, err, want)
	}
	if err := os.WriteFile(path, []byte("0123456789abcdef\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readGolden(path); err == nil || !strings.Contains(err.Error(), `"engine VERSION"`) {
		t.Fatalf("a file without the version: %v", err)
	}
}

// TestChangelogListsThisVersion: CHANGELOG.md has a section for sim.Version
// first, and its sections go from the newest version down.
func TestChangelogListsThisVersion(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	var versions []string
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "## "); ok {
			versions = append(versions, strings.TrimSpace(v))
		}
	}
	if len(versions) == 0 || versions[0] != sim.Version {
		t.Fatalf("CHANGELOG.md's first section is %q; add a \"## %s\" section saying what changed", versions, sim.Version)
	}
	for i := 1; i < len(versions); i++ {
		if !semverLess(versions[i], versions[i-1]) {
			t.Errorf("CHANGELOG.md: section %s comes after %s; newest first", versions[i], versions[i-1])
		}
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
		t.Fatal("no embedded scenarios")
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
		t.Fatal("the embedded scenario shadow-war is missing")
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
