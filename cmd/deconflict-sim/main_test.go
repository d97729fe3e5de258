package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/replay"
)

// call runs the command line in-process and returns its exit code and output.
func call(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = dispatch(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func mustCall(t *testing.T, want int, args ...string) (stdout, stderr string) {
	t.Helper()
	code, stdout, stderr := call(args...)
	if code != want {
		t.Fatalf("%v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, code, want, stdout, stderr)
	}
	return stdout, stderr
}

func TestExitCodes(t *testing.T) {
	mustCall(t, exitUsage)
	mustCall(t, exitUsage, "frobnicate")
	if out, _ := mustCall(t, exitOK, "-h"); !strings.Contains(out, "usage: deconflict-sim") {
		t.Errorf("-h printed %q", out)
	}
	for name := range commands() {
		if out, _ := mustCall(t, exitOK, name, "-h"); !strings.Contains(out, "usage: deconflict-sim "+name) {
			t.Errorf("%s -h printed %q", name, out)
		}
		if _, errOut := mustCall(t, exitUsage, name, "--no-such-flag"); !strings.Contains(errOut, "no-such-flag") {
			t.Errorf("%s: unknown flag not named: %q", name, errOut)
		}
	}
	mustCall(t, exitUsage, "list", "extra")
	mustCall(t, exitUsage, "validate")
	mustCall(t, exitUsage, "replay")
	mustCall(t, exitUsage, "run", "extra")
	mustCall(t, exitUsage, "run", "--seed", "9007199254740992")
	mustCall(t, exitUsage, "run", "--seed", "-1")
	mustCall(t, exitUsage, "run", "--set", "no-equals-sign")
	mustCall(t, exitUsage, "run", "--turns", "-3")
}

func TestList(t *testing.T) {
	out, _ := mustCall(t, exitOK, "list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(scenarios.Files()) {
		t.Fatalf("%d lines for %d scenarios:\n%s", len(lines), len(scenarios.Files()), out)
	}
	col := -1
	for _, l := range lines {
		id, rest, _ := strings.Cut(l, " ")
		if _, ok := scenarios.Lookup(id); !ok {
			t.Errorf("line does not start with an embedded id: %q", l)
		}
		at := len(l) - len(strings.TrimLeft(rest, " "))
		if col >= 0 && at != col {
			t.Errorf("descriptions not aligned:\n%s", out)
		}
		col = at
	}
}

func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestValidate(t *testing.T) {
	f, _ := scenarios.Lookup("tanf-2021")
	good := writeFile(t, "good.toml", string(f.Data))
	out, _ := mustCall(t, exitOK, "validate", good)
	if !strings.HasPrefix(out, good+": ok (31 turns, ") {
		t.Errorf("good file: %q", out)
	}

	broken := strings.Replace(string(f.Data), `kind = "garrison"`, `kind = "garison"`, 1)
	bad := writeFile(t, "bad.toml", broken)
	out, errOut := mustCall(t, exitFail, "validate", good, bad)
	if !strings.Contains(out, good+": ok") || strings.Contains(out, bad) {
		t.Errorf("stdout should list only the good file: %q", out)
	}
	pos := regexp.MustCompile(`^` + regexp.QuoteMeta(bad) + `:\d+:\d+: site\.[a-z-]+\.kind: .*\(did you mean "garrison"\?\)$`)
	if !pos.MatchString(strings.TrimSpace(errOut)) {
		t.Errorf("want file:line:col: key.path: message (hint), got %q", errOut)
	}

	_, errOut = mustCall(t, exitFail, "validate", filepath.Join(t.TempDir(), "missing.toml"))
	if !strings.Contains(errOut, "missing.toml: cannot read") {
		t.Errorf("missing file: %q", errOut)
	}
}

// TestValidateHugeFile checks that a file far over the loader's limit is
// refused from its size, without reading it (the file is sparse).
func TestValidateHugeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.toml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(5 << 30); err != nil {
		f.Close()
		t.Skipf("cannot make a sparse 5 GiB file here: %v", err)
	}
	f.Close()
	_, errOut := mustCall(t, exitFail, "validate", path)
	if !strings.Contains(errOut, "file is 5120.0 MiB; scenario files are limited to 4 MiB") {
		t.Errorf("huge file: %q", errOut)
	}
}

// runJSONOutput runs with --json and decodes the object, numbers kept as text.
func runJSONOutput(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out, _ := mustCall(t, exitOK, append([]string{"run", "--json"}, args...)...)
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("run --json: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("run --json printed more than one object:\n%s", out)
	}
	return m
}

func TestRunJSON(t *testing.T) {
	m := runJSONOutput(t, "--turns", "60")
	for _, k := range []string{"scenario", "scenario_hash", "seed", "turns", "final_hash", "outcome", "verdicts", "objectives", "engine_version", "overrides", "metrics"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	if m["scenario"] != "shadow-war" || m["seed"].(json.Number) != "1" || m["turns"].(json.Number) != "60" || m["engine_version"] != sim.Version {
		t.Errorf("scenario %v seed %v turns %v engine %v", m["scenario"], m["seed"], m["turns"], m["engine_version"])
	}
	hex := regexp.MustCompile(`^[0-9a-f]+$`)
	for _, k := range []string{"scenario_hash", "final_hash"} {
		if s, _ := m[k].(string); !hex.MatchString(s) {
			t.Errorf("%s = %v, want lowercase hex", k, m[k])
		}
	}
	verdicts := m["verdicts"].(map[string]any)
	for _, role := range []string{"israel", "usa", "iran"} {
		switch verdicts[role] {
		case "won", "lost", "draw":
		default:
			t.Errorf("verdict of %s: %v", role, verdicts[role])
		}
	}
	for _, o := range m["objectives"].([]any) {
		obj := o.(map[string]any)
		for _, k := range []string{"role", "id", "met", "turn"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("objective %v lacks %q", obj["id"], k)
			}
		}
	}
	metrics := m["metrics"].(map[string]any)
	for _, spec := range sim.MetricSpecs() {
		v, ok := metrics[spec.Key].(json.Number)
		if !ok {
			t.Errorf("metric %s missing or not a number", spec.Key)
			continue
		}
		digits := decimals(spec.Scale)
		_, frac, dotted := strings.Cut(v.String(), ".")
		if digits == 0 && dotted || digits > 0 && len(frac) != digits {
			t.Errorf("metric %s = %s: want %d decimals", spec.Key, v, digits)
		}
	}
	if len(metrics) != len(sim.MetricSpecs()) {
		t.Errorf("%d metrics, want %d", len(metrics), len(sim.MetricSpecs()))
	}
}

func TestFormatScaled(t *testing.T) {
	for _, c := range []struct {
		v, scale int64
		want     string
	}{
		{2345, 1000, "2.345"}, {2000, 1000, "2.000"}, {-5, 1000, "-0.005"}, {7, 1, "7"}, {-7, 1, "-7"},
		{64910, 1_000_000, "0.064910"}, {-9223372036854775808, 1000, "-9223372036854775.808"},
	} {
		if got := formatScaled(c.v, c.scale); got != c.want {
			t.Errorf("formatScaled(%d, %d) = %s, want %s", c.v, c.scale, got, c.want)
		}
	}
	for _, spec := range sim.MetricSpecs() {
		s := spec.Scale
		for s > 1 && s%10 == 0 {
			s /= 10
		}
		if s != 1 {
			t.Errorf("metric %s has scale %d, not a power of ten: formatScaled cannot print it exactly", spec.Key, spec.Scale)
		}
	}
}

func TestRunDeterministic(t *testing.T) {
	a := runJSONOutput(t, "--seed", "7")
	b := runJSONOutput(t, "--seed", "7")
	c := runJSONOutput(t, "--seed", "8")
	if a["final_hash"] != b["final_hash"] {
		t.Errorf("same seed, different hashes: %v %v", a["final_hash"], b["final_hash"])
	}
	if a["final_hash"] == c["final_hash"] {
		t.Errorf("seeds 7 and 8 both end in %v", a["final_hash"])
	}
	if a["scenario_hash"] != c["scenario_hash"] {
		t.Error("the seed changed the scenario hash")
	}
}

func TestRunOverrides(t *testing.T) {
	base := runJSONOutput(t, "--turns", "5")
	set := runJSONOutput(t, "--turns", "5", "--set", "site.tanf.troops=120")
	if base["scenario_hash"] == set["scenario_hash"] {
		t.Error("--set did not change scenario_hash")
	}
	if o := set["overrides"].([]any); len(o) != 1 || o[0] != "site.tanf.troops=120" {
		t.Errorf("overrides = %v", o)
	}
	_, errOut := mustCall(t, exitFail, "run", "--set", "site.nowhere.troops=1")
	if !strings.HasPrefix(errOut, "--set:1:1: ") {
		t.Errorf("unknown override key: %q", errOut)
	}
}

func TestRunScenarioArgument(t *testing.T) {
	_, errOut := mustCall(t, exitFail, "run", "--scenario", "no-such-scenario")
	if !strings.Contains(errOut, "unknown scenario") || !strings.Contains(errOut, "shadow-war") {
		t.Errorf("unknown scenario: %q", errOut)
	}
	f, _ := scenarios.Lookup("tanf-2021")
	path := writeFile(t, "mine.toml", string(f.Data))
	fromFile := runJSONOutput(t, "--scenario", path)
	embedded := runJSONOutput(t, "--scenario", "tanf-2021")
	if fromFile["final_hash"] != embedded["final_hash"] || fromFile["scenario_hash"] != embedded["scenario_hash"] {
		t.Error("the same scenario from a file and embedded gave different runs")
	}
}

func TestRunSummary(t *testing.T) {
	out, _ := mustCall(t, exitOK, "run", "--scenario", "tanf-2021")
	for _, want := range []string{"scenario    tanf-2021", "seed        1", "outcome", "final hash", "verdicts", "  usa ", "metrics", "attacks_on_us"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^    (met|missed) +.+ \(turn \d+, \d{4}-\d\d-\d\d\)$`).MatchString(out) {
		t.Errorf("no objective with its deciding turn:\n%s", out)
	}
}

func TestRunEvents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	mustCall(t, exitOK, "run", "--scenario", "tanf-2021", "--events", path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	kinds := map[string]bool{}
	for _, k := range sim.LogKindIDs() {
		kinds[k] = true
	}
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
		var e map[string]any
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		for _, k := range []string{"turn", "date", "kind", "text"} {
			if _, ok := e[k]; !ok {
				t.Fatalf("line %d lacks %q: %s", n, k, sc.Text())
			}
		}
		if d, _ := e["date"].(string); !date.MatchString(d) || !strings.HasPrefix(d, "2021-") {
			t.Errorf("line %d: date %v", n, e["date"])
		}
		if k, _ := e["kind"].(string); !kinds[k] {
			t.Errorf("line %d: unknown kind %v", n, e["kind"])
		}
		if a, ok := e["actor"]; ok {
			if _, known := sim.ParseActor(a.(string)); !known {
				t.Errorf("line %d: actor %v", n, a)
			}
		}
	}
	if n == 0 {
		t.Fatal("no events")
	}
}

// record runs a scenario to a replay file and returns its path.
func record(t *testing.T, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "run.replay")
	mustCall(t, exitOK, append([]string{"run", "--record", path}, args...)...)
	return path
}

func TestRecordAndReplay(t *testing.T) {
	path := record(t, "--seed", "5")
	m := runJSONOutput(t, "--seed", "5")
	out, _ := mustCall(t, exitOK, "replay", path)
	want := "replay ok: " + m["turns"].(json.Number).String() + " turns, final hash " + m["final_hash"].(string) + "\n"
	if out != want {
		t.Errorf("replay printed %q, want %q", out, want)
	}
	gz := filepath.Join(t.TempDir(), "run.replay.gz")
	mustCall(t, exitOK, "run", "--seed", "5", "--record", gz)
	if data, _ := os.ReadFile(gz); len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Error(".gz replay is not gzip")
	}
	if out2, _ := mustCall(t, exitOK, "replay", gz); out2 != want {
		t.Errorf("gzip replay printed %q", out2)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// tamper rewrites a replay file through change.
func tamper(t *testing.T, path string, change func(*replay.Replay)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rp, err := replay.Read(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	change(rp)
	var buf bytes.Buffer
	if err := replay.Write(&buf, rp); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTamperedReplay(t *testing.T) {
	path := record(t)
	var turn int32 = -1
	tamper(t, path, func(rp *replay.Replay) {
		for i := range rp.Orders {
			if o := &rp.Orders[i]; o.Order.Kind == sim.OrderRetaliate {
				o.Order.Claim = !o.Order.Claim
				turn = o.Turn
				return
			}
		}
	})
	if turn < 0 {
		t.Fatal("the run has no retaliation order to tamper with")
	}
	_, errOut := mustCall(t, exitFail, "replay", path)
	want := regexp.MustCompile(`^.*run\.replay: turn ` + strconv.Itoa(int(turn)) + `: state hash differs \(recorded [0-9a-f]{16}, replayed [0-9a-f]{16}\); first difference: attack \d+ field claimed \(replayed value [01]\)\n$`)
	if !want.MatchString(errOut) {
		t.Errorf("tampered order: %q", errOut)
	}

	path = record(t)
	tamper(t, path, func(rp *replay.Replay) { rp.Hashes[100] ^= 0xff })
	_, errOut = mustCall(t, exitFail, "replay", path)
	if !strings.Contains(errOut, "turn 100: state hash differs") {
		t.Errorf("tampered hash: %q", errOut)
	}
}

func TestBrokenReplayFiles(t *testing.T) {
	path := record(t, "--scenario", "tanf-2021")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, data, want string
	}{
		{"truncated", string(data[:len(data)/2]), "replay is truncated"},
		{"no trailer", string(data[:bytes.LastIndexByte(data[:len(data)-1], '\n')+1]), "no trailer"},
		{"foreign", "[scenario]\nid = \"x\"\n", "not a Deconflict replay"},
		{"other engine", strings.Replace(string(data), `"engine":"`+sim.Version+`"`, `"engine":"0.0.1"`, 1),
			"broken.replay was recorded by engine 0.0.1; this is engine " + sim.Version + ": replay it with that version"},
		{"future format", strings.Replace(string(data), `"version":1`, `"version":2`, 1), "format version 2 is not supported"},
	}
	for _, c := range cases {
		p := writeFile(t, "broken.replay", c.data)
		_, errOut := mustCall(t, exitFail, "replay", p)
		if !strings.Contains(errOut, c.want) {
			t.Errorf("%s: want %q in %q", c.name, c.want, errOut)
		}
	}
	_, errOut := mustCall(t, exitFail, "replay", filepath.Join(t.TempDir(), "nothing.replay"))
	if !strings.Contains(errOut, "cannot read") {
		t.Errorf("missing replay: %q", errOut)
	}
	huge := filepath.Join(t.TempDir(), "huge.replay")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 3<<30); err != nil {
		t.Skipf("cannot make a sparse 3 GiB file here: %v", err)
	}
	_, errOut = mustCall(t, exitFail, "replay", huge)
	if !strings.Contains(errOut, "file is 3072.0 MiB; replays are limited to 256 MiB") {
		t.Errorf("huge replay: %q", errOut)
	}
}

// TestNoEbiten keeps the headless tool free of the game's graphics stack.
func TestNoEbiten(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "ebiten") {
			t.Errorf("deconflict-sim depends on %s", dep)
		}
	}
	build := exec.Command(gobin, "build", "-o", filepath.Join(t.TempDir(), "deconflict-sim"+exeSuffix()), ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

// TestRunJSONCountsOrders checks orders_by_actor against the run's own
// recording: every actor is listed, and each count is the number of that
// actor's orders in the replay file.
func TestRunJSONCountsOrders(t *testing.T) {
	path := record(t, "--scenario", "tanf-2021", "--seed", "3")
	m := runJSONOutput(t, "--scenario", "tanf-2021", "--seed", "3")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rp, err := replay.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, r := range rp.Orders {
		want[r.Actor.String()]++
	}
	got := m["orders_by_actor"].(map[string]any)
	if len(got) != int(sim.NumActors) {
		t.Errorf("orders_by_actor lists %d actors, want all %d", len(got), sim.NumActors)
	}
	for _, id := range sim.ActorIDs() {
		if n, _ := got[id].(json.Number).Int64(); int(n) != want[id] {
			t.Errorf("orders_by_actor.%s = %v, the replay has %d", id, got[id], want[id])
		}
	}
	if want["usa"] == 0 || want["israel"] == 0 {
		t.Errorf("tanf-2021 seed 3 recorded no US or Israeli orders: %v", want)
	}
}
