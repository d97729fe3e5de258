package batch

import (
	"fmt"
	"math/big"
	"strings"
)

// MaxPoints caps the number of points of a sweep grid, so a typo such as
// 0:1000000:0.001 fails at once instead of exhausting memory.
const MaxPoints = 100_000

// Value is one value a swept key takes: the exact text passed to the
// scenario as an override, and whether that text is a decimal number.
type Value struct {
	Text    string
	Numeric bool
}

// Sweep is one --sweep flag: a scenario key and the values it takes.
type Sweep struct {
	Spec   string // the flag as given, KEY=FROM:TO:STEP or KEY=V1,V2,…
	Key    string
	Values []Value
}

// ParseSweep reads KEY=FROM:TO:STEP (decimal numbers, grid value k is
// exactly FROM + k·STEP, up to and including TO when it lies on the grid) or
// KEY=V1,V2,… (a list of override values, such as policy names).
func ParseSweep(spec string) (Sweep, error) {
	key, rest, ok := strings.Cut(spec, "=")
	key = strings.TrimSpace(key)
	rest = strings.TrimSpace(rest)
	if !ok || key == "" || rest == "" {
		return Sweep{}, fmt.Errorf("--sweep %q: want KEY=FROM:TO:STEP or KEY=V1,V2,…", spec)
	}
	if strings.ContainsAny(spec, "\n\r") {
		return Sweep{}, fmt.Errorf("--sweep %q: line breaks are not allowed", spec)
	}
	sw := Sweep{Spec: spec, Key: key}
	if strings.Contains(rest, ":") {
		values, err := decimalRange(rest)
		if err != nil {
			return Sweep{}, fmt.Errorf("--sweep %q: %w", spec, err)
		}
		sw.Values = values
		return sw, nil
	}
	for _, v := range strings.Split(rest, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			return Sweep{}, fmt.Errorf("--sweep %q: empty value in the list", spec)
		}
		if d, ok := parseDecimal(v); ok {
			sw.Values = append(sw.Values, Value{Text: d.format(), Numeric: true})
		} else {
			sw.Values = append(sw.Values, Value{Text: v})
		}
	}
	if len(sw.Values) > MaxPoints {
		return Sweep{}, fmt.Errorf("--sweep %q: %d values, more than %d", spec, len(sw.Values), MaxPoints)
	}
	return sw, nil
}

// decimalRange expands FROM:TO:STEP with exact integer arithmetic.
func decimalRange(s string) ([]Value, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return nil, fmt.Errorf("a range is FROM:TO:STEP, such as 0:1:0.1")
	}
	var ds [3]decimal
	for i, p := range parts {
		d, ok := parseDecimal(strings.TrimSpace(p))
		if !ok {
			return nil, fmt.Errorf("%q is not a decimal number (such as 0.25 or -3)", p)
		}
		ds[i] = d
	}
	places := max(ds[0].places, ds[1].places, ds[2].places)
	from, to, step := ds[0].scaled(places), ds[1].scaled(places), ds[2].scaled(places)
	if step.Sign() == 0 {
		return nil, fmt.Errorf("STEP must not be 0")
	}
	span := new(big.Int).Sub(to, from)
	if span.Sign() != 0 && span.Sign() != step.Sign() {
		return nil, fmt.Errorf("STEP %s never goes from %s to %s", ds[2].format(), ds[0].format(), ds[1].format())
	}
	count := new(big.Int).Quo(span, step) // both of one sign: truncation is floor
	count.Add(count, big.NewInt(1))
	if !count.IsInt64() || count.Int64() > MaxPoints {
		return nil, fmt.Errorf("%s points, more than %d", count, MaxPoints)
	}
	n := int(count.Int64())
	values := make([]Value, n)
	for k := range n {
		v := new(big.Int).Mul(step, big.NewInt(int64(k)))
		v.Add(v, from)
		values[k] = Value{Text: decimal{v, places}.format(), Numeric: true}
	}
	return values, nil
}

// decimal is a number written in base ten: unscaled / 10^places.
type decimal struct {
	unscaled *big.Int
	places   int
}

// parseDecimal reads [-+]digits[.digits]; exponents and other bases are not
// decimals here.
func parseDecimal(s string) (decimal, bool) {
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || body == "" {
		return decimal{}, false
	}
	whole, frac, hasDot := strings.Cut(body, ".")
	if whole == "" || hasDot && frac == "" || !allDigits(whole) || !allDigits(frac) || len(body) > 60 {
		return decimal{}, false
	}
	u, ok := new(big.Int).SetString(whole+frac, 10)
	if !ok {
		return decimal{}, false
	}
	if s[0] == '-' {
		u.Neg(u)
	}
	return decimal{u, len(frac)}, true
}

func allDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// scaled returns the number times 10^places (places ≥ d.places).
func (d decimal) scaled(places int) *big.Int {
	f := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places-d.places)), nil)
	return f.Mul(f, d.unscaled)
}

// format writes the number in its shortest exact form: no trailing zeros,
// no trailing point, no "-0", no leading zeros ("0.5", "1", "-2.25").
func (d decimal) format() string {
	neg := d.unscaled.Sign() < 0
	digits := new(big.Int).Abs(d.unscaled).String()
	if d.places > 0 {
		if len(digits) <= d.places {
			digits = strings.Repeat("0", d.places-len(digits)+1) + digits
		}
		cut := len(digits) - d.places
		whole, frac := digits[:cut], strings.TrimRight(digits[cut:], "0")
		digits = whole
		if frac != "" {
			digits += "." + frac
		}
	}
	if neg && digits != "0" {
		return "-" + digits
	}
	return digits
}

// Grid is the cartesian product of sweeps in flag order: the first sweep
// varies slowest, the last fastest.
type Grid []Sweep

// Points returns the number of grid points (1 with no sweep).
func (g Grid) Points() int {
	n := 1
	for _, s := range g {
		n *= len(s.Values)
	}
	return n
}

// Indices returns each sweep's value index at point p.
func (g Grid) Indices(p int) []int {
	idx := make([]int, len(g))
	for i := len(g) - 1; i >= 0; i-- {
		n := len(g[i].Values)
		idx[i] = p % n
		p /= n
	}
	return idx
}

// checkSize refuses grids over MaxPoints points.
func (g Grid) checkSize() error {
	n := 1
	for _, s := range g {
		n *= len(s.Values)
		if n > MaxPoints {
			return fmt.Errorf("the sweeps make more than %d grid points", MaxPoints)
		}
	}
	return nil
}
