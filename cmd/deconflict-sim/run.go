package main

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/deconflict/deconflict/internal/atomicfile"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/narrate"
	"github.com/deconflict/deconflict/sim/replay"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
)

// runFlags are the settings of one run.
type runFlags struct {
	scenario string
	seed     seedFlag
	sets     setFlags
	turns    int
	json     bool
	events   string
	record   string
}

func cmdRun(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name: "run",
		about: "Play one seeded run with AI for every actor and summarise it: outcome, each role's\n" +
			"verdict and objectives, key metrics, final hash. --json prints one JSON object instead.",
	}
	fs := cmd.flags()
	f := runFlags{scenario: "shadow-war", seed: 1}
	fs.StringVar(&f.scenario, "scenario", f.scenario, "embedded scenario `ID` or path to a scenario FILE")
	fs.Var(&f.seed, "seed", "random seed `N`, an integer in [0, 2^53)")
	fs.Var(&f.sets, "set", "override a scenario value, such as site.tanf.troops=100 (`KEY=VALUE`, repeatable)")
	fs.IntVar(&f.turns, "turns", 0, "stop after `N` turns (0 plays to the end)")
	fs.BoolVar(&f.json, "json", false, "print one JSON object instead of the summary")
	fs.StringVar(&f.events, "events", "", "write the event log to `FILE` as JSON Lines")
	fs.StringVar(&f.record, "record", "", "write a replay to `FILE` (gzip-compressed if it ends in .gz)")
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	switch {
	case fs.NArg() > 0:
		return cmd.usageError(stderr, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case f.turns < 0 || f.turns > 1<<30:
		return cmd.usageError(stderr, fs, fmt.Sprintf("--turns %d: want a number of turns, 0 for all", f.turns))
	}
	if err := run(&f, stdout); err != nil {
		var problems scenario.ErrorList
		if errors.As(err, &problems) {
			printProblems(stderr, problems)
		} else {
			fmt.Fprintf(stderr, "deconflict-sim run: %v\n", err)
		}
		return exitFail
	}
	return exitOK
}

func run(f *runFlags, stdout io.Writer) error {
	sc, err := loadScenario(f.scenario, f.sets.overrides())
	if err != nil {
		return err
	}
	seed := uint64(f.seed)
	opt := runner.Options{Turns: int32(f.turns), Log: f.events != ""}
	var res runner.Result
	if f.record == "" {
		res, err = playRun(sc, seed, opt)
	} else {
		err = atomicfile.Write(f.record, func(w io.Writer) error {
			res, err = recordRun(w, strings.HasSuffix(f.record, ".gz"), sc, f.sets, seed, opt)
			return err
		})
	}
	if err != nil {
		return err
	}
	if f.events != "" {
		if err := atomicfile.Write(f.events, func(w io.Writer) error { return writeEvents(w, sc, res.Log) }); err != nil {
			return err
		}
	}
	if f.json {
		return writeRunJSON(stdout, sc, f, &res)
	}
	return writeSummary(stdout, sc, f, &res)
}

// playRun plays one run with AI for every actor.
func playRun(sc *sim.Scenario, seed uint64, opt runner.Options) (runner.Result, error) {
	res, err := runner.NewDriver(sc).Run(seed, opt)
	if err != nil {
		return res, fmt.Errorf("run %s, seed %d: %w", sc.ID, seed, err)
	}
	return res, nil
}

// recordRun plays a run while writing its replay to w (gzip-compressed if
// compress is set) a turn at a time, so the replay is never held in memory.
func recordRun(w io.Writer, compress bool, sc *sim.Scenario, sets []string, seed uint64, opt runner.Options) (runner.Result, error) {
	out := w
	var zw *gzip.Writer
	if compress {
		zw = gzip.NewWriter(w)
		out = zw
	}
	rec, err := replay.NewRecorder(out, sc, sets, replay.Spectator, seed)
	if err != nil {
		return runner.Result{}, err
	}
	opt.OnOrder, opt.EachTurn = rec.Order, rec.Turn
	res, err := playRun(sc, seed, opt)
	if err == nil {
		err = rec.Close(res.FinalHash, res.Outcome)
	}
	if errors.Is(err, replay.ErrTooLarge) {
		err = fmt.Errorf("%w; record fewer turns with --turns", err)
	}
	if err == nil && zw != nil {
		err = zw.Close()
	}
	return res, err
}

// roles lists the roles whose verdicts a run reports: Israel, the US and
// Iran, then any other actor with objectives, in actor order.
func roles(sc *sim.Scenario) []sim.Actor {
	out := []sim.Actor{sim.Israel, sim.USA, sim.Iran}
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		if a == sim.Israel || a == sim.USA || a == sim.Iran {
			continue
		}
		for _, o := range sc.Objectives {
			if o.Role == a {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// runJSON is the --json output of run.
type runJSON struct {
	Scenario      string            `json:"scenario"`
	ScenarioName  string            `json:"scenario_name"`
	ScenarioHash  string            `json:"scenario_hash"`
	Seed          uint64            `json:"seed"`
	Turns         int32             `json:"turns"`
	FirstDate     string            `json:"first_date"`
	LastDate      string            `json:"last_date"`
	FinalHash     string            `json:"final_hash"`
	Outcome       string            `json:"outcome"`
	Verdicts      map[string]string `json:"verdicts"`
	Objectives    []objectiveJSON   `json:"objectives"`
	EngineVersion string            `json:"engine_version"`
	Overrides     []string          `json:"overrides"`
	Metrics       metricValues      `json:"metrics"`
	OrdersByActor map[string]int64  `json:"orders_by_actor"`
}

// objectiveJSON is one objective's result; Turn is null while undecided.
type objectiveJSON struct {
	Role     string `json:"role"`
	ID       string `json:"id"`
	Met      bool   `json:"met"`
	Decided  bool   `json:"decided"`
	Turn     *int32 `json:"turn"`
	Date     string `json:"date,omitempty"`
	Required bool   `json:"required"`
	Text     string `json:"text"`
}

func writeRunJSON(w io.Writer, sc *sim.Scenario, f *runFlags, res *runner.Result) error {
	return encodeRunJSON(w, sc, f, res, "  ")
}

// encodeRunJSON writes the run --json object, indented by indent ("" writes
// one line).
func encodeRunJSON(w io.Writer, sc *sim.Scenario, f *runFlags, res *runner.Result, indent string) error {
	out := runJSON{
		Scenario:      sc.ID,
		ScenarioName:  sc.Name,
		ScenarioHash:  scenario.Hash(sc),
		Seed:          res.Seed,
		Turns:         res.Turns,
		FirstDate:     sim.FormatDay(sc.DayOfTurn(0)),
		LastDate:      sim.FormatDay(sc.DayOfTurn(max(0, res.Turns-1))),
		FinalHash:     res.FinalHash.String(),
		Outcome:       res.Outcome.String(),
		Verdicts:      make(map[string]string),
		Objectives:    []objectiveJSON{},
		EngineVersion: sim.Version,
		Overrides:     append([]string{}, f.sets...),
		Metrics:       metricValues(res.Metrics),
		OrdersByActor: make(map[string]int64),
	}
	for a := sim.Actor(0); a < sim.NumActors; a++ {
		out.OrdersByActor[a.String()] = res.Given[a]
	}
	for _, a := range roles(sc) {
		out.Verdicts[a.String()] = res.Verdicts[a].String()
	}
	for i, o := range sc.Objectives {
		st := res.Objectives[i]
		oj := objectiveJSON{Role: o.Role.String(), ID: o.ID, Met: st.Decided && st.Met, Decided: st.Decided, Required: o.Required, Text: objectiveText(&o)}
		if st.Decided {
			turn := st.Turn
			oj.Turn, oj.Date = &turn, sim.FormatDay(sc.DayOfTurn(turn))
		}
		out.Objectives = append(out.Objectives, oj)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// objectiveText is an objective's own text, or one made from its test.
func objectiveText(o *sim.Objective) string {
	if o.Text != "" {
		return o.Text
	}
	spec := o.Metric.Spec()
	return fmt.Sprintf("%s %s %s %s", spec.Key, o.Op, formatScaled(o.Value, spec.Scale), spec.Unit)
}

// keyMetrics are the metrics the text summary shows besides those the
// scenario's objectives test.
func keyMetrics() []sim.Metric {
	return []sim.Metric{
		sim.MetricStrikes, sim.MetricTargetsHit, sim.MetricRequests, sim.MetricApproved,
		sim.MetricConditioned, sim.MetricDenied, sim.MetricViolations, sim.MetricViolationsDiscovered,
		sim.MetricAttacksOnUS, sim.MetricUSCasualties, sim.MetricAttacksOnIsrael,
		sim.MetricMaxEscalationUSIran, sim.MetricMaxEscalationIsraelIran, sim.MetricTalksProgress,
		sim.MetricTrust, sim.MetricInterdictedShare, sim.MetricArsenalGrowth,
	}
}

func writeSummary(w io.Writer, sc *sim.Scenario, f *runFlags, res *runner.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "scenario\t%s (%s)\n", sc.ID, sc.Name)
	fmt.Fprintf(tw, "seed\t%d\n", res.Seed)
	if len(f.sets) > 0 {
		fmt.Fprintf(tw, "overrides\t%s\n", strings.Join(f.sets, " "))
	}
	fmt.Fprintf(tw, "turns\t%d of %d (%s to %s)\n", res.Turns, sc.Turns,
		sim.FormatDay(sc.DayOfTurn(0)), sim.FormatDay(sc.DayOfTurn(max(0, res.Turns-1))))
	fmt.Fprintf(tw, "outcome\t%s\n", res.Outcome)
	fmt.Fprintf(tw, "final hash\t%s\n", res.FinalHash)
	if f.events != "" {
		fmt.Fprintf(tw, "events\t%s (%d entries)\n", f.events, len(res.Log))
	}
	if f.record != "" {
		fmt.Fprintf(tw, "replay\t%s (%d bytes)\n", f.record, fileSize(f.record))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nverdicts")
	shown := make([]bool, sim.NumMetrics)
	for _, a := range roles(sc) {
		fmt.Fprintf(w, "  %-9s %s\n", a, res.Verdicts[a])
		for i := range sc.Objectives {
			o := &sc.Objectives[i]
			if o.Role != a {
				continue
			}
			shown[o.Metric] = true
			st := res.Objectives[i]
			state, when := "open", "undecided"
			if st.Decided {
				state = "missed"
				if st.Met {
					state = "met"
				}
				when = fmt.Sprintf("turn %d, %s", st.Turn, sim.FormatDay(sc.DayOfTurn(st.Turn)))
			}
			req := ""
			if o.Required {
				req = " [required]"
			}
			fmt.Fprintf(w, "    %-6s %s%s (%s)\n", state, objectiveText(o), req, when)
		}
	}

	fmt.Fprintln(w, "\nmetrics")
	metrics := keyMetrics()
	for m := sim.Metric(0); m < sim.NumMetrics; m++ {
		if shown[m] && !containsMetric(metrics, m) {
			metrics = append(metrics, m)
		}
	}
	keyWidth, valueWidth := 0, 0
	for _, m := range metrics {
		keyWidth = max(keyWidth, len(m.Spec().Key))
		valueWidth = max(valueWidth, len(formatScaled(res.Metrics[m], m.Spec().Scale)))
	}
	for _, m := range metrics {
		spec := m.Spec()
		fmt.Fprintf(w, "  %-*s  %*s  %s\n", keyWidth, spec.Key, valueWidth, formatScaled(res.Metrics[m], spec.Scale), spec.Unit)
	}
	_, err := fmt.Fprintf(w, "  (--json lists all %d metrics)\n", sim.NumMetrics)
	return err
}

func containsMetric(list []sim.Metric, m sim.Metric) bool {
	for _, x := range list {
		if x == m {
			return true
		}
	}
	return false
}

// eventJSON is one line of an --events file.
type eventJSON struct {
	Turn    int32  `json:"turn"`
	Date    string `json:"date"`
	Kind    string `json:"kind"`
	Actor   string `json:"actor,omitempty"`
	Other   string `json:"other,omitempty"`
	Site    string `json:"site,omitempty"`
	Subject *int32 `json:"subject,omitempty"`
	Value   int64  `json:"value,omitempty"`
	Text    string `json:"text"`
}

// writeEvents writes the event log as JSON Lines.
func writeEvents(w io.Writer, sc *sim.Scenario, log []sim.Entry) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range log {
		ev := eventJSON{
			Turn: e.Turn, Date: sim.FormatDay(e.Day), Kind: e.Kind.String(),
			Actor: actorID(e.Actor), Other: actorID(e.Other), Value: e.Value,
			Text: narrate.Describe(sc, e),
		}
		if e.Site >= 0 && int(e.Site) < len(sc.Sites) {
			ev.Site = sc.Sites[e.Site].ID
		}
		if e.Subject >= 0 {
			subject := e.Subject
			ev.Subject = &subject
		}
		if err := enc.Encode(&ev); err != nil {
			return err
		}
	}
	return nil
}

// actorID returns an actor's id, or "" for no actor.
func actorID(a sim.Actor) string {
	if a >= sim.NumActors {
		return ""
	}
	return a.String()
}

// metricValues marshals a run's metrics as a JSON object keyed by metric key,
// in metric order, each value exact: integers as integers, scaled metrics
// with as many decimals as their scale has (2.345 for 2345 thousandths).
type metricValues [sim.NumMetrics]int64

// MarshalJSON writes the metrics object.
func (mv metricValues) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, spec := range sim.MetricSpecs() {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(spec.Key)
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		b.WriteString(formatScaled(mv[i], spec.Scale))
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// formatScaled renders a stored integer divided by its scale (a power of
// ten) exactly, with one decimal per factor of ten: 2345 at scale 1000 is
// "2.345", 2000 is "2.000", and at scale 1 the integer itself.
func formatScaled(v, scale int64) string {
	if scale <= 1 {
		return strconv.FormatInt(v, 10)
	}
	sign, u := "", uint64(v)
	if v < 0 {
		sign, u = "-", uint64(-(v+1))+1
	}
	return fmt.Sprintf("%s%d.%0*d", sign, u/uint64(scale), decimals(scale), u%uint64(scale))
}

// decimals returns the number of decimals a scale (a power of ten) carries.
func decimals(scale int64) int {
	n := 0
	for ; scale > 1; scale /= 10 {
		n++
	}
	return n
}

// fileSize returns a file's size for messages, or -1 when it cannot be read.
func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return -1
	}
	return st.Size()
}
