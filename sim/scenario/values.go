package scenario

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// table is a TOML table being checked.
type table struct {
	c  *checker
	at ref
	m  map[string]any
}

// asTable checks that v is a table.
func (c *checker) asTable(at ref, v any) (*table, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		c.typeError(at, "a table", v)
		return nil, false
	}
	return &table{c: c, at: at, m: m}, true
}

// keys reports every key of the table that is not among known.
func (t *table) keys(known ...string) {
	for _, k := range slices.Sorted(maps.Keys(t.m)) {
		if !slices.Contains(known, k) {
			p := t.c.errorf(t.at.key(k), "unknown key")
			p.onKey = true
			p.hint = t.c.unknownHint(k, known, false)
		}
	}
}

// get returns the value of key k, if present.
func (t *table) get(k string) (any, ref, bool) {
	v, ok := t.m[k]
	return v, t.at.key(k), ok
}

// missing reports a required key that is absent.
func (t *table) missing(k string) { t.c.errorf(t.at.key(k), "missing required key") }

// str returns a string value; ok is false when absent (reported if required)
// or not a string (reported).
func (t *table) str(k string, required bool) (string, ref, bool) {
	v, at, ok := t.get(k)
	if !ok {
		if required {
			t.missing(k)
		}
		return "", at, false
	}
	s, ok := v.(string)
	if !ok {
		t.c.typeError(at, "a string", v)
	}
	return s, at, ok
}

// text returns a string meant for people: non-empty when required, at most
// maxLen characters, and on one line unless multiLine.
func (t *table) text(k string, required bool, maxLen int, multiLine bool) string {
	s, at, ok := t.str(k, required)
	if !ok {
		return ""
	}
	t.c.checkText(at, s, required, maxLen, multiLine)
	return s
}

func (c *checker) checkText(at ref, s string, required bool, maxLen int, multiLine bool) {
	switch n := utf8.RuneCountInString(s); {
	case required && strings.TrimSpace(s) == "":
		c.errorf(at, "must not be empty")
	case n > maxLen:
		c.errorf(at, "is %d characters long", n).hint = fmt.Sprintf("at most %d", maxLen)
	}
	for _, r := range s {
		if r == '\n' || r == '\r' {
			if !multiLine {
				c.errorf(at, "must be one line")
				return
			}
			continue
		}
		if r != '\t' && unicode.IsControl(r) {
			c.errorf(at, "contains control character %U", r)
			return
		}
	}
}

// boolean returns a boolean value, or def when absent or invalid.
func (t *table) boolean(k string, def bool) bool {
	v, at, ok := t.get(k)
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		t.c.typeError(at, "true or false", v)
		return def
	}
	return b
}

// num returns a number converted to q's fixed point; ok is false when absent
// (reported if required) or invalid (reported).
func (t *table) num(k string, q qty, required bool) (int64, ref, bool) {
	v, at, ok := t.get(k)
	if !ok {
		if required {
			t.missing(k)
		}
		return 0, at, false
	}
	n, ok := t.c.number(at, v, q)
	return n, at, ok
}

// numOr returns a number or def when absent or invalid.
func (t *table) numOr(k string, q qty, def int64) int64 {
	if n, _, ok := t.num(k, q, false); ok {
		return n
	}
	return def
}

// date returns a date as a day number; ok is false when absent (reported if
// required) or invalid (reported).
func (t *table) date(k string, required bool) (int32, ref, bool) {
	v, at, ok := t.get(k)
	if !ok {
		if required {
			t.missing(k)
		}
		return 0, at, false
	}
	d, ok := t.c.date(at, v)
	return d, at, ok
}

// qty describes an accepted number: its unit and range.
type qty struct {
	unit     sim.Unit
	min, max float64
	open     bool // min itself is excluded
}

func (q qty) rangeHint() string {
	switch {
	case q.open:
		return fmt.Sprintf("must be > %s and ≤ %s", fmtFloat(q.min), fmtFloat(q.max))
	case q.max == math.MaxFloat64:
		return fmt.Sprintf("must be ≥ %s", fmtFloat(q.min))
	}
	return fmt.Sprintf("must lie in %s..%s", fmtFloat(q.min), fmtFloat(q.max))
}

// Common quantities.
var (
	qFraction = qty{unit: sim.UnitFraction, min: 0, max: 1}
	qCount    = qty{unit: sim.UnitCount, min: 0, max: maxCount}
	qPositive = qty{unit: sim.UnitCount, min: 1, max: maxCount}
	qPercent  = qty{unit: sim.UnitLevel, min: 0, max: 100}
	qLevel5   = qty{unit: sim.UnitLevel, min: 0, max: 5}
)

// number checks a TOML number against q and converts it to fixed point.
func (c *checker) number(at ref, v any, q qty) (int64, bool) {
	f, ok := c.float(at, v)
	if !ok {
		return 0, false
	}
	n, whole := int64(0), false
	switch x := v.(type) {
	case int64:
		n, whole = x, true
	case float64:
		if whole = x == math.Trunc(x) && math.Abs(x) < 1<<53; whole {
			n = int64(x)
		}
	}
	lit := literal(v)
	if f < q.min || (q.open && f <= q.min) || f > q.max {
		c.errorf(at, "%s is out of range", lit).hint = q.rangeHint()
		return 0, false
	}
	if q.unit == sim.UnitCount && !whole {
		c.errorf(at, "%s is not a whole number", lit).hint = "this is a count"
		return 0, false
	}
	if q.unit != sim.UnitCount {
		n = sim.FixedFromFloat(f, q.unit)
	}
	// The range holds for the stored value too, so that what loads also
	// reloads from its canonical form: 0.0004 km passes "> 0" but is stored
	// as 0 m.
	if lo, hi := q.fixed(q.min), q.fixed(q.max); n < lo || (q.open && n <= lo) || n > hi {
		p := c.errorf(at, "%s is out of range", lit)
		p.hint = q.rangeHint() + "; it rounds to " + fixed(n, q.unit.Scale())
		return 0, false
	}
	return n, true
}

// fixed converts a bound of q's range to q's fixed point.
func (q qty) fixed(bound float64) int64 {
	if q.unit == sim.UnitCount {
		return int64(bound)
	}
	return sim.FixedFromFloat(bound, q.unit)
}

// metricQty is the quantity of a value compared with metric m: in the
// metric's reported unit, a whole number when the metric counts.
func metricQty(m sim.Metric) qty {
	q := qty{unit: sim.UnitCount, min: -1e12, max: 1e12}
	switch m.Spec().Scale {
	case sim.Milli:
		q.unit = sim.UnitLevel
		q.min, q.max = -1e9, 1e9
	case sim.Micro:
		q.unit = sim.UnitFraction
		q.min, q.max = -1e6, 1e6
	}
	return q
}

// date checks a TOML local date and converts it to a day number.
func (c *checker) date(at ref, v any) (int32, bool) {
	t, ok := v.(time.Time)
	if !ok {
		s, isString := v.(string)
		if isString && len(s) == 10 && isDate([]byte(s)) {
			if _, err := time.Parse(time.DateOnly, s); err != nil {
				c.errorf(at, "%s is not a valid date", s)
				return 0, false
			}
			c.typeError(at, "a date (YYYY-MM-DD)", v).hint = "write dates without quotes, such as start = " + s
			return 0, false
		}
		c.typeError(at, "a date (YYYY-MM-DD)", v)
		return 0, false
	}
	if t.Location().String() != "date-local" {
		c.errorf(at, "expected a date (YYYY-MM-DD), got a date and time")
		return 0, false
	}
	if y := t.Year(); y < minYear || y > maxYear {
		c.errorf(at, "%s is out of range", t.Format(time.DateOnly)).hint = fmt.Sprintf("dates must lie in years %d..%d", minYear, maxYear)
		return 0, false
	}
	return sim.DayNumber(t.Year(), int(t.Month()), t.Day()), true
}

// The calendar years a scenario may use.
const minYear, maxYear = 1900, 2100

// coord checks a latitude or longitude against the map box and converts it
// to micro-degrees.
func (c *checker) coord(at ref, v any, lat bool) (int64, bool) {
	lo, hi, what := 28, 39, "latitude"
	if !lat {
		lo, hi, what = 32, 45, "longitude"
	}
	f, ok := c.float(at, v)
	if !ok {
		return 0, false
	}
	if f < float64(lo) || f > float64(hi) {
		c.errorf(at, "%s is off the map", literal(v)).hint = fmt.Sprintf("%s must lie in %d..%d", what, lo, hi)
		return 0, false
	}
	return geo.Micro(f), true
}

// float checks that v is a finite number.
func (c *checker) float(at ref, v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			c.errorf(at, "%s is not a finite number", fmtFloat(x))
			return 0, false
		}
		return x, true
	}
	c.typeError(at, "a number", v)
	return 0, false
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// validID reports whether s has id syntax.
func validID(s string) bool { return len(s) <= maxIDLen && idPattern.MatchString(s) }

// typeError reports a value of the wrong type.
func (c *checker) typeError(at ref, want string, v any) *problem {
	p := c.errorf(at, "expected %s, got %s", want, describe(v))
	if s, ok := v.(string); ok && want == "a number" {
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			p.hint = "write numbers without quotes"
		}
	}
	return p
}

// describe names a value's type and, for scalars, the value.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		if utf8.RuneCountInString(x) > 40 {
			x = string([]rune(x)[:40]) + "…"
		}
		return fmt.Sprintf("string %q", x)
	case int64:
		return "integer " + strconv.FormatInt(x, 10)
	case float64:
		return "float " + fmtFloat(x)
	case bool:
		return "boolean " + strconv.FormatBool(x)
	case time.Time:
		if x.Location().String() == "date-local" {
			return "date " + x.Format(time.DateOnly)
		}
		return "date-time " + x.Format(time.RFC3339)
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// literal renders a scalar as written in TOML.
func literal(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return fmtFloat(x)
	}
	return describe(v)
}

// fmtFloat renders a float without exponent unless it is huge.
func fmtFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.Abs(f) >= 1e21:
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
