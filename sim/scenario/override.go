package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// Override is one --set KEY=VALUE argument. Key is a path by ids, such as
// "site.tanf.troops" or "actor.usa.params.approval_threshold"; Value is in
// TOML value syntax (a number, bool, date, quoted string, array or inline
// table), and anything else that is not TOML is taken as a bare string.
type Override struct {
	Key   string
	Value string
	// Arg numbers the --set argument from 1; errors about it are reported
	// at "--set:Arg:1". Zero lets Load number the overrides in order.
	Arg int
}

// ParseOverride splits a KEY=VALUE argument. It checks only the form; the key
// and value are checked against the scenario by Load.
func ParseOverride(s string) (Override, error) {
	k, v, ok := strings.Cut(s, "=")
	k = strings.TrimSpace(k)
	if !ok {
		return Override{}, fmt.Errorf("--set %q: want KEY=VALUE, such as site.tanf.troops=100", clip(s))
	}
	if k == "" || slices.Contains(strings.Split(k, "."), "") {
		return Override{}, fmt.Errorf("--set %q: the key must be a dotted path, such as site.tanf.troops", clip(s))
	}
	if strings.TrimSpace(v) == "" {
		return Override{}, fmt.Errorf("--set %q: missing value (quote strings with spaces: %s=\"a value\")", clip(s), clip(k))
	}
	return Override{Key: k, Value: v}, nil
}

// entityKinds are the arrays of tables whose entries overrides name by id.
var entityKinds = []string{"actor", "site", "zone", "route", "corridor", "event", "objective"}

// applyOverrides writes every override into the parsed tree, before it is
// checked, and remembers which subtrees they wrote for error positions.
func (c *checker) applyOverrides(tree map[string]any, overrides []Override) {
	for i, o := range overrides {
		arg := o.Arg
		if arg <= 0 {
			arg = i + 1
		}
		pos := Position{File: "--set", Line: arg, Col: 1}
		if msg, hint := c.applyOverride(tree, o, pos); msg != "" {
			p := c.errorf(ref{name: o.Key}, "%s", msg)
			p.hint, p.pos = hint, &pos
		}
	}
}

// applyOverride writes one override, or says why it cannot.
func (c *checker) applyOverride(tree map[string]any, o Override, pos Position) (msg, hint string) {
	val, msg, hint := parseOverrideValue(o.Value)
	if msg != "" {
		return msg, hint
	}
	segs := strings.Split(o.Key, ".")
	if slices.Contains(segs, "") {
		return "invalid key", "keys are dotted paths, such as site.tanf.troops"
	}
	kind := segs[0]
	m, at, rest := tree, ref{}, segs
	switch {
	case kind == "scenario" || kind == "initial" || kind == "params":
	case slices.Contains(entityKinds, kind):
		if len(segs) < 3 {
			return "invalid key", fmt.Sprintf("name an entry and a key, such as %s.<id>.<key>", kind)
		}
		id := segs[1]
		arr, _ := tree[kind].([]any)
		idx, matches, ids := -1, 0, make([]string, 0, len(arr))
		for i, e := range arr {
			em, _ := e.(map[string]any)
			s, _ := em["id"].(string)
			ids = append(ids, s)
			if s == id {
				if matches++; idx < 0 {
					idx = i
				}
			}
		}
		switch {
		case matches > 1:
			return fmt.Sprintf("%d %s entries have id %q", matches, kind, id), ""
		case idx < 0 && kind == "actor":
			if _, ok := sim.ParseActor(id); !ok {
				return fmt.Sprintf("unknown actor %q", id), c.unknownHint(id, sim.ActorIDs(), true)
			}
			idx = len(arr)
			tree[kind] = append(arr, map[string]any{"id": id})
			c.sets = append(c.sets, setSpot{elemPath(childPath("", kind), idx), pos})
		case idx < 0:
			return fmt.Sprintf("no %s has id %q", kind, id), c.unknownHint(id, ids, true)
		}
		em, ok := tree[kind].([]any)[idx].(map[string]any)
		if !ok {
			return fmt.Sprintf("%s %q is not a table", kind, id), ""
		}
		m, at, rest = em, ref{path: elemPath(childPath("", kind), idx), name: kind + "." + id}, segs[2:]
	default:
		return fmt.Sprintf("unknown section %q", kind), c.unknownHint(kind, topKeys, false)
	}
	for _, k := range rest[:len(rest)-1] {
		at = at.key(k)
		switch x, ok := m[k]; {
		case !ok:
			sub := make(map[string]any)
			m[k] = sub
			m = sub
			c.sets = append(c.sets, setSpot{at.path, pos})
		default:
			sub, isTable := x.(map[string]any)
			if !isTable {
				return fmt.Sprintf("%s is %s, not a table", at.name, describe(x)), ""
			}
			m = sub
		}
	}
	at = at.key(rest[len(rest)-1])
	m[rest[len(rest)-1]] = val
	c.sets = append(c.sets, setSpot{at.path, pos})
	return "", ""
}

// parseOverrideValue reads a value in TOML syntax, or a bare string.
func parseOverrideValue(v string) (val any, msg, hint string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, "missing value", `write KEY=VALUE; quote strings with spaces: KEY="a value"`
	}
	if e := checkBytes("--set", []byte(v)); e != nil {
		return nil, "invalid value: " + e.Msg, ""
	}
	text := "v = " + v
	guard := newScanner("--set", []byte(text), nil)
	guard.run()
	if guard.err != nil {
		return nil, "invalid value: " + guard.err.Msg, ""
	}
	tree, perr := decode("--set", []byte(text))
	if perr == nil && len(tree) == 1 {
		if x, ok := tree["v"]; ok {
			return x, "", ""
		}
	}
	if perr != nil && strings.HasSuffix(perr.Msg, " is out of range") {
		return nil, perr.Msg, perr.Hint
	}
	if !strings.ContainsAny(v, "\"'[]{}=#\n\r") {
		return v, "", ""
	}
	return nil, fmt.Sprintf("invalid value %s", v), `values use TOML syntax: 5, 0.3, true, 2018-01-01, "a string"`
}
