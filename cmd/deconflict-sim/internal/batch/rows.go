package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// Row is one run's result: where it sits in the batch and what it produced.
type Row struct {
	Index     int64 // global row index: point × runs + run
	Run       int
	Point     int
	Seed      uint64
	Outcome   sim.Outcome
	Verdicts  [sim.NumActors]sim.Verdict // by actor; a row's columns carry the scenario's roles'
	Turns     int32
	Metrics   [sim.NumMetrics]int64
	Met       []bool // per objective of the scenario, in its order: met when the run ended
	FinalHash sim.Hash
}

// Roles returns the actors whose verdicts a batch's rows carry, in actor
// order: those the scenario gives objectives.
func Roles(sc *sim.Scenario) []sim.Actor {
	var has [sim.NumActors]bool
	for i := range sc.Objectives {
		has[sc.Objectives[i].Role] = true
	}
	var out []sim.Actor
	for a := range sim.NumActors {
		if has[a] {
			out = append(out, a)
		}
	}
	return out
}

// Objective names an objective a batch's rows carry a column for.
type Objective struct {
	ID   string `json:"id"`
	Role string `json:"role"`
}

// Objectives returns a scenario's objectives, in its order.
func Objectives(sc *sim.Scenario) []Objective {
	out := make([]Objective, len(sc.Objectives))
	for i := range sc.Objectives {
		out[i] = Objective{sc.Objectives[i].ID, sc.Objectives[i].Role.String()}
	}
	return out
}

// Format is how a batch file writes its rows.
type Format uint8

// The row formats.
const (
	CSV   Format = iota // RFC 4180 with a header row, LF line ends
	JSONL               // one JSON object per line
)

// FormatOf picks the row format from a file name's extension.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, nil
	case ".jsonl", ".ndjson":
		return JSONL, nil
	}
	return 0, fmt.Errorf("%s: the output must end in .csv or .jsonl", path)
}

// layout is the column list of a batch's rows; it depends on the swept
// keys, the scenario's roles and its objectives.
type layout struct {
	columns    []string
	sweepKeys  []string
	roles      []sim.Actor
	objectives []Objective
}

// objectivePrefix starts the name of an objective's column.
const objectivePrefix = "objective_"

func newLayout(sweeps []Sweep, roles []sim.Actor, objectives []Objective) layout {
	l := layout{columns: []string{"row", "run", "point", "seed"}, roles: roles, objectives: objectives}
	for _, s := range sweeps {
		l.sweepKeys = append(l.sweepKeys, s.Key)
		l.columns = append(l.columns, s.Key)
	}
	l.columns = append(l.columns, "overrides", "outcome")
	for _, a := range roles {
		l.columns = append(l.columns, "verdict_"+a.String())
	}
	l.columns = append(l.columns, "turns")
	for _, m := range sim.MetricSpecs() {
		l.columns = append(l.columns, m.Key)
	}
	for _, o := range objectives {
		l.columns = append(l.columns, objectivePrefix+o.ID)
	}
	l.columns = append(l.columns, "final_hash", "scenario_hash", "engine_version", "row_check")
	return l
}

// rowCheck is the check a row carries in its last column: 16 hex digits of
// the SHA-256 of its other fields, as CSV writes them, each preceded by its
// length. Reading a row recomputes it, so that a row edited by hand (an
// outcome changed) is refused by --resume and merge.
func rowCheck(fields []string) string {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, f := range fields {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(f)))])
		io.WriteString(h, f)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// header returns the header line a format starts with (none for JSONL).
func (l layout) header(f Format) []byte {
	if f != CSV {
		return nil
	}
	return appendCSV(nil, l.columns)
}

// rowText is a row's text fields that come from its sweep point.
type rowText struct {
	values       []Value
	overrides    []string
	scenarioHash string
}

// appendRow writes one row, ending in a line feed.
func (l layout) appendRow(buf []byte, f Format, r *Row, pt rowText) []byte {
	if f == CSV {
		return appendCSV(buf, l.fields(r, pt))
	}
	return l.appendJSON(buf, r, pt)
}

// fields returns a row's CSV fields in column order.
func (l layout) fields(r *Row, pt rowText) []string {
	out := make([]string, 0, len(l.columns))
	out = append(out, strconv.FormatInt(r.Index, 10), strconv.Itoa(r.Run), strconv.Itoa(r.Point), strconv.FormatUint(r.Seed, 10))
	for _, v := range pt.values {
		out = append(out, v.Text)
	}
	out = append(out, joinOverrides(pt.overrides), r.Outcome.String())
	for _, a := range l.roles {
		out = append(out, r.Verdicts[a].String())
	}
	out = append(out, strconv.Itoa(int(r.Turns)))
	for m, spec := range sim.MetricSpecs() {
		out = append(out, FormatScaled(r.Metrics[m], spec.Scale))
	}
	for i := range l.objectives {
		out = append(out, strconv.FormatBool(r.Met[i]))
	}
	out = append(out, r.FinalHash.String(), pt.scenarioHash, sim.Version)
	return append(out, rowCheck(out))
}

func (l layout) appendJSON(buf []byte, r *Row, pt rowText) []byte {
	fields := l.fields(r, pt)
	buf = fmt.Appendf(buf, `{"row":%d,"run":%d,"point":%d,"seed":%d`, r.Index, r.Run, r.Point, r.Seed)
	for i, v := range pt.values {
		buf = append(buf, ',')
		buf = appendJSONString(buf, l.sweepKeys[i])
		buf = append(buf, ':')
		if v.Numeric {
			buf = append(buf, v.Text...)
		} else {
			buf = appendJSONString(buf, v.Text)
		}
	}
	buf = append(buf, `,"overrides":[`...)
	for i, o := range pt.overrides {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONString(buf, o)
	}
	buf = fmt.Appendf(buf, `],"outcome":%q`, r.Outcome.String())
	for _, a := range l.roles {
		buf = fmt.Appendf(buf, `,"verdict_%s":%q`, a, r.Verdicts[a].String())
	}
	buf = fmt.Appendf(buf, `,"turns":%d`, r.Turns)
	for m, spec := range sim.MetricSpecs() {
		buf = fmt.Appendf(buf, `,%q:%s`, spec.Key, FormatScaled(r.Metrics[m], spec.Scale))
	}
	for i, o := range l.objectives {
		buf = append(buf, ',')
		buf = appendJSONString(buf, objectivePrefix+o.ID)
		buf = fmt.Appendf(buf, `:%t`, r.Met[i])
	}
	buf = fmt.Appendf(buf, `,"final_hash":%q,"scenario_hash":%q,"engine_version":%q,"row_check":%q}`,
		r.FinalHash.String(), pt.scenarioHash, sim.Version, fields[len(fields)-1])
	return append(buf, '\n')
}

// parseRow reads one line (without its line feed) back into a row; the
// point's text fields (values, overrides, scenario hash) are not read back.
func (l layout) parseRow(f Format, line []byte) (Row, error) {
	if f == CSV {
		return l.parseCSV(line)
	}
	return l.parseJSON(line)
}

// fieldReader turns named text fields into a row, keeping the first error.
type fieldReader struct {
	err error
}

func (fr *fieldReader) int(name, s string, bits int) int64 {
	v, err := strconv.ParseInt(s, 10, bits)
	if err != nil && fr.err == nil {
		fr.err = fmt.Errorf("%s: %q is not an integer", name, s)
	}
	return v
}

func (fr *fieldReader) fail(format string, args ...any) {
	if fr.err == nil {
		fr.err = fmt.Errorf(format, args...)
	}
}

// fill sets the fields that CSV and JSON spell the same way.
func (fr *fieldReader) fill(l layout, r *Row, get func(name string) string) {
	r.Index = fr.int("row", get("row"), 64)
	r.Run = int(fr.int("run", get("run"), 32))
	r.Point = int(fr.int("point", get("point"), 32))
	seed, err := strconv.ParseUint(get("seed"), 10, 64)
	if err != nil {
		fr.fail("seed: %q is not a seed", get("seed"))
	}
	r.Seed = seed
	if o, ok := parseOutcome(get("outcome")); ok {
		r.Outcome = o
	} else {
		fr.fail("outcome: unknown outcome %q", get("outcome"))
	}
	for _, a := range l.roles {
		name := "verdict_" + a.String()
		if v, ok := parseVerdict(get(name)); ok {
			r.Verdicts[a] = v
		} else {
			fr.fail("%s: unknown verdict %q", name, get(name))
		}
	}
	r.Turns = int32(fr.int("turns", get("turns"), 32))
	for m, spec := range sim.MetricSpecs() {
		v, ok := ParseScaled(get(spec.Key), spec.Scale)
		if !ok {
			fr.fail("%s: %q is not a value of this metric", spec.Key, get(spec.Key))
		}
		r.Metrics[m] = v
	}
	r.Met = make([]bool, len(l.objectives))
	for i, o := range l.objectives {
		switch name := objectivePrefix + o.ID; get(name) {
		case "true":
			r.Met[i] = true
		case "false":
		default:
			fr.fail("%s: %q is not true or false", name, get(name))
		}
	}
	h, err := strconv.ParseUint(get("final_hash"), 16, 64)
	if err != nil || len(get("final_hash")) != 16 {
		fr.fail("final_hash: %q is not a state hash", get("final_hash"))
	}
	r.FinalHash = sim.Hash(h)
	if v := get("engine_version"); v != sim.Version {
		fr.fail("engine_version: the row is of engine %q, this is %q", v, sim.Version)
	}
}

// check compares a row's row_check with its other fields (in column order,
// as CSV text).
func (fr *fieldReader) check(fields []string, check string) {
	if fr.err == nil && rowCheck(fields) != check {
		fr.fail("row_check: the row does not match its check %q (was it edited?)", check)
	}
}

func (l layout) parseCSV(line []byte) (Row, error) {
	rd := csv.NewReader(bytes.NewReader(line))
	rd.FieldsPerRecord = len(l.columns)
	fields, err := rd.Read()
	if err != nil {
		return Row{}, fmt.Errorf("not a row of this batch: %w", err)
	}
	col := make(map[string]string, len(fields))
	for i, name := range l.columns {
		col[name] = fields[i]
	}
	var r Row
	var fr fieldReader
	fr.fill(l, &r, func(name string) string { return col[name] })
	fr.check(fields[:len(fields)-1], fields[len(fields)-1])
	return r, fr.err
}

func (l layout) parseJSON(line []byte) (Row, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		return Row{}, fmt.Errorf("not a row of this batch: %w", err)
	}
	if len(obj) != len(l.columns) {
		return Row{}, fmt.Errorf("not a row of this batch: %d fields, want %d", len(obj), len(l.columns))
	}
	var fr fieldReader
	var r Row
	get := func(name string) string {
		raw, ok := obj[name]
		if !ok {
			fr.fail("missing field %q", name)
			return ""
		}
		var s string
		if len(raw) > 0 && raw[0] == '"' {
			if err := json.Unmarshal(raw, &s); err != nil {
				fr.fail("%s: %v", name, err)
			}
			return s
		}
		return string(raw)
	}
	fr.fill(l, &r, get)
	fields := make([]string, len(l.columns)-1)
	for i, name := range l.columns[:len(fields)] {
		if name != "overrides" {
			fields[i] = get(name)
			continue
		}
		var overrides []string
		if err := json.Unmarshal(obj[name], &overrides); err != nil {
			fr.fail("overrides: %v", err)
		}
		fields[i] = joinOverrides(overrides)
	}
	fr.check(fields, get("row_check"))
	return r, fr.err
}

func parseOutcome(s string) (sim.Outcome, bool) {
	for o := sim.Outcome(0); o < sim.NumOutcomes; o++ {
		if o.String() == s {
			return o, true
		}
	}
	return 0, false
}

func parseVerdict(s string) (sim.Verdict, bool) {
	for _, v := range []sim.Verdict{sim.VerdictDraw, sim.VerdictWon, sim.VerdictLost} {
		if v.String() == s {
			return v, true
		}
	}
	return 0, false
}

// appendCSV writes one RFC 4180 record, quoting only fields that need it.
func appendCSV(buf []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			buf = append(buf, ',')
		}
		if f == "" || !strings.ContainsAny(f, "\",\n\r") && f[0] != ' ' && f[len(f)-1] != ' ' {
			buf = append(buf, f...)
			continue
		}
		buf = append(buf, '"')
		buf = append(buf, strings.ReplaceAll(f, `"`, `""`)...)
		buf = append(buf, '"')
	}
	return append(buf, '\n')
}

// appendJSONString writes s as a JSON string.
func appendJSONString(buf []byte, s string) []byte {
	b, _ := json.Marshal(s) // a string always marshals
	return append(buf, b...)
}

// joinOverrides writes overrides as one CSV field: KEY=VALUE items separated
// by spaces, each in POSIX shell single quotes when it holds anything but
// plain characters, so the field pastes into a shell after --set.
func joinOverrides(overrides []string) string {
	parts := make([]string, len(overrides))
	for i, o := range overrides {
		parts[i] = shellQuote(o)
	}
	return strings.Join(parts, " ")
}

func shellQuote(s string) string {
	plain := s != ""
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("_-.,:=+/@%", c)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// FormatScaled writes stored / scale exactly as a decimal with one digit
// per factor of ten in the scale (as run --json does): 41500 at scale 1000
// is "41.500", -7 is "-0.007", and at scale 1 the integer itself.
func FormatScaled(stored, scale int64) string {
	if scale <= 1 {
		return strconv.FormatInt(stored, 10)
	}
	u := uint64(stored)
	sign := ""
	if stored < 0 {
		u, sign = ^u+1, "-"
	}
	places := len(strconv.FormatUint(uint64(scale), 10)) - 1
	frac := strconv.FormatUint(u%uint64(scale), 10)
	return sign + strconv.FormatUint(u/uint64(scale), 10) + "." + strings.Repeat("0", places-len(frac)) + frac
}

// ParseScaled reads a decimal written by FormatScaled back to the stored
// integer; it fails on more decimals than the scale keeps.
func ParseScaled(s string, scale int64) (int64, bool) {
	d, ok := parseDecimal(s)
	if !ok {
		return 0, false
	}
	places := 0
	for sc := scale; sc > 1; sc /= 10 {
		places++
	}
	if d.places > places {
		return 0, false
	}
	v := d.scaled(places)
	if !v.IsInt64() {
		return 0, false
	}
	return v.Int64(), true
}
