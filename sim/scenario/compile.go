package scenario

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
)

// The keys each table accepts, in canonical order, from the format's tables
// (spec.go).
var (
	topKeys       = rootSpec.keyNames()
	scenarioKeys  = scenarioSpec.keyNames()
	initialKeys   = initialSpec.keyNames()
	actorKeys     = actorSpec.keyNames()
	siteKeys      = siteSpec.keyNames()
	zoneKeys      = zoneSpec.keyNames()
	routeKeys     = routeSpec.keyNames()
	corridorKeys  = corridorSpec.keyNames()
	eventKeys     = eventSpec.keyNames()
	whenKeys      = whenSpec.keyNames()
	objectiveKeys = objectiveSpec.keyNames()
	groundKeys    = []string{"israel", "usa"} // grievance targets, indexed like sim.TowardIsrael/TowardUSA
)

// Defaults of [initial], in the units written in files.
const (
	defaultTrust      = 70
	defaultComplicity = 0.05
	defaultAirDefence = 1
	defaultArsenal    = 100_000
)

// Other limits of the format.
const (
	maxNameLen  = 100
	maxDescLen  = 200
	maxLineLen  = 300 // event logs and objective texts
	maxBriefLen = 20_000
	maxSpanDays = 36_525    // a hundred years
	maxTurns    = 1_000_000 // intervals and waits, in turns
)

// build holds what one compilation has established so far.
type build struct {
	c       *checker
	sc      *sim.Scenario
	datesOK bool // StartDay and EndDay are valid
	siteIdx map[string]int32
	zoneIdx map[string]int32
	corrIdx map[string]int32
	siteIDs []string
	zoneIDs []string
	corrIDs []string
	// later holds the setups of policy effects as read, per actor; once the
	// events are sorted they become ActorSetup.Later in event order.
	later [sim.NumActors][]sim.ActorSetup
}

// compile checks the tree and builds the scenario. The result means
// something only when no problem was recorded.
func (c *checker) compile(tree map[string]any) *sim.Scenario {
	b := &build{c: c, sc: &sim.Scenario{Params: sim.DefaultParams()}}
	root := &table{c: c, m: tree}
	root.keys(topKeys...)
	b.scenario(root)
	b.initial(root)
	b.params(root)
	b.sites(root)
	b.actors(root)
	b.zones(root)
	b.routes(root)
	b.corridors(root)
	b.events(root)
	b.objectives(root)
	b.expects(root)
	return b.sc
}

func (b *build) scenario(root *table) {
	v, at, ok := root.get("scenario")
	if !ok {
		b.c.errorf(at, "missing [scenario] table").hint = "every scenario starts with [scenario] and its id, name, dates and turn"
		return
	}
	t, ok := b.c.asTable(at, v)
	if !ok {
		return
	}
	t.keys(scenarioKeys...)
	sc := b.sc
	if id, at, ok := t.str("id", true); ok {
		if b.checkID(at, id) {
			sc.ID = id
		}
	}
	sc.Name = t.text("name", true, maxNameLen, false)
	sc.Description = t.text("description", true, maxDescLen, false)
	start, _, okStart := t.date("start", true)
	end, endAt, okEnd := t.date("end", true)
	if okStart && okEnd {
		switch span := int64(end) - int64(start) + 1; {
		case end < start:
			b.c.errorf(endAt, "%s is before start (%s)", sim.FormatDay(end), sim.FormatDay(start))
		case span > maxSpanDays:
			b.c.errorf(endAt, "the scenario spans %d days", span).hint = fmt.Sprintf("at most %d", maxSpanDays)
		default:
			sc.StartDay, sc.EndDay, b.datesOK = start, end, true
		}
	}
	if s, at, ok := t.str("turn", true); ok {
		if h, ok := parseTurn(s); ok {
			sc.TurnHours = h
		} else {
			b.c.errorf(at, "invalid turn length %q", s).hint = `one of "1h", "2h", "3h", "4h", "6h", "8h", "12h", "24h" or "1d"`
		}
	}
	if b.datesOK && sc.TurnHours > 0 {
		sc.Turns = (sc.EndDay - sc.StartDay + 1) * 24 / sc.TurnHours
	}
	sc.DefaultRole = sim.USA
	if s, at, ok := t.str("default_role", false); ok {
		if a, ok := sim.ParseActor(s); ok {
			sc.DefaultRole = a
		} else {
			b.c.errorf(at, "unknown actor %q", s).hint = b.c.unknownHint(s, sim.ActorIDs(), true)
		}
	}
	if v, at, ok := t.get("briefing"); ok {
		if bt, ok := b.c.asTable(at, v); ok {
			bt.keys(sim.ActorIDs()...)
			for i, id := range sim.ActorIDs() {
				sc.Briefing[i] = bt.text(id, false, maxBriefLen, true)
			}
		}
	}
}

// parseTurn reads a turn length: "<N>h" with N dividing 24, or "1d".
func parseTurn(s string) (int32, bool) {
	if s == "1d" {
		return 24, true
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, "h"))
	if err != nil || !strings.HasSuffix(s, "h") || n < 1 || n > 24 || 24%n != 0 || s != strconv.Itoa(n)+"h" {
		return 0, false
	}
	return int32(n), true
}

// checkID reports an id without id syntax.
func (b *build) checkID(at ref, id string) bool {
	if validID(id) {
		return true
	}
	b.c.errorf(at, "invalid id %q", id).hint = fmt.Sprintf("ids are lowercase letters, digits and hyphens, start with a letter and are at most %d characters", maxIDLen)
	return false
}

func (b *build) initial(root *table) {
	in := &b.sc.Initial
	in.Trust = sim.FixedFromFloat(defaultTrust, sim.UnitLevel)
	in.Complicity = sim.FixedFromFloat(defaultComplicity, sim.UnitFraction)
	in.AirDefence = sim.FixedFromFloat(defaultAirDefence, sim.UnitLevel)
	in.Arsenal = defaultArsenal
	v, at, ok := root.get("initial")
	if !ok {
		return
	}
	t, ok := b.c.asTable(at, v)
	if !ok {
		return
	}
	t.keys(initialKeys...)
	if v, at, ok := t.get("escalation"); ok {
		if et, ok := b.c.asTable(at, v); ok {
			et.keys(sim.PairIDs()...)
			for i, id := range sim.PairIDs() {
				in.Escalation[i] = et.numOr(id, qLevel5, 0)
			}
		}
	}
	if v, at, ok := t.get("trust"); ok {
		if tt, isTable := v.(map[string]any); isTable {
			tr := &table{c: b.c, at: at, m: tt}
			tr.keys("israel-usa")
			in.Trust = tr.numOr("israel-usa", qPercent, in.Trust)
		} else if n, ok := b.c.number(at, v, qPercent); ok {
			in.Trust = n
		}
	}
	in.Complicity = t.numOr("complicity", initialSpec.q("complicity"), in.Complicity)
	if v, at, ok := t.get("grievance"); ok {
		if gt, ok := b.c.asTable(at, v); ok {
			gt.keys(groundKeys...)
			for i, id := range groundKeys {
				in.Grievance[i] = gt.numOr(id, qPercent, 0)
			}
		}
	}
	in.Talks = t.numOr("talks", initialSpec.q("talks"), 0)
	in.TalksOpen = t.boolean("talks_open", false)
	in.AirDefence = t.numOr("air_defence", initialSpec.q("air_defence"), in.AirDefence)
	in.Arsenal = t.numOr("arsenal", initialSpec.q("arsenal"), in.Arsenal)
	in.CounterIS = t.numOr("counter_is", initialSpec.q("counter_is"), 0)
}

// paramKeys lists the [params] keys in canonical order.
func paramKeys() []string {
	keys := make([]string, 0, sim.NumParams)
	for _, s := range sim.ParamSpecs() {
		keys = append(keys, s.Key)
	}
	return keys
}

func (b *build) params(root *table) {
	v, at, ok := root.get("params")
	if !ok {
		return
	}
	t, ok := b.c.asTable(at, v)
	if !ok {
		return
	}
	t.keys(paramKeys()...)
	for _, k := range slices.Sorted(maps.Keys(t.m)) {
		if p, ok := sim.ParseParam(k); ok {
			s := p.Spec()
			b.sc.Params[p] = t.numOr(k, qty{unit: s.Unit, min: s.Min, max: s.Max}, b.sc.Params[p])
		}
	}
}

// entry is one element of an array of tables such as [[site]].
type entry struct {
	t    *table
	id   string // "" unless the entry has a valid id
	idAt ref
}

// entries checks an array of tables and the ids of its elements. Entries
// with a valid id are named by it in errors, others by their index.
func (b *build) entries(root *table, kind string) []entry {
	v, at, ok := root.get(kind)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		p := b.c.typeError(at, "an array of tables", v)
		if _, isTable := v.(map[string]any); isTable {
			p.hint = "write [[" + kind + "]] before each entry"
		}
		return nil
	}
	if len(arr) > maxEntities {
		b.c.errorf(at, "too many %s entries: %d", kind, len(arr)).hint = fmt.Sprintf("at most %d", maxEntities)
		return nil
	}
	out := make([]entry, 0, len(arr))
	for i, e := range arr {
		t, ok := b.c.asTable(at.index(i), e)
		if !ok {
			continue
		}
		en := entry{t: t, idAt: t.at.key("id")}
		if id, idAt, ok := t.str("id", true); ok && b.checkID(idAt, id) {
			en.id = id
			t.at = ref{path: t.at.path, name: kind + "." + id}
			en.idAt = t.at.key("id")
		}
		out = append(out, en)
	}
	return out
}

// unique reports entries whose id was used before.
func (b *build) unique(es []entry, kind string) {
	first := make(map[string]ref, len(es))
	for _, e := range es {
		if e.id == "" {
			continue
		}
		if f, ok := first[e.id]; ok {
			b.c.errorf(e.idAt, "duplicate %s id %q", kind, e.id).first = &f
			continue
		}
		first[e.id] = e.idAt
	}
}

// index maps the ids of sorted entities to their positions.
func index[T any](items []T, id func(*T) string) (map[string]int32, []string) {
	m := make(map[string]int32, len(items))
	ids := make([]string, 0, len(items))
	for i := range items {
		k := id(&items[i])
		if _, dup := m[k]; !dup && k != "" {
			m[k] = int32(i)
			ids = append(ids, k)
		}
	}
	return m, ids
}

// actorRef reads an actor id.
func (b *build) actorRef(t *table, k string) sim.Actor {
	s, at, ok := t.str(k, true)
	if !ok {
		return sim.NoActor
	}
	a, ok := sim.ParseActor(s)
	if !ok {
		b.c.errorf(at, "unknown actor %q", s).hint = b.c.unknownHint(s, sim.ActorIDs(), true)
	}
	return a
}

// alwaysPresent reports the actors every scenario has.
func alwaysPresent(a sim.Actor) bool { return a == sim.Israel || a == sim.USA || a == sim.Iran }

func (b *build) actors(root *table) {
	es := b.entries(root, "actor")
	b.unique(es, "actor")
	var owner [sim.NumActors]string // a site each actor owns
	for i := len(b.sc.Sites) - 1; i >= 0; i-- {
		if s := &b.sc.Sites[i]; s.Owner < sim.NumActors {
			owner[s.Owner] = s.ID
		}
	}
	var (
		listed, off [sim.NumActors]bool
		policy      [sim.NumActors]string
		given       [sim.NumActors]map[string]int64
	)
	for _, e := range es {
		t := e.t
		t.keys(actorKeys...)
		if e.id == "" {
			continue
		}
		a, ok := sim.ParseActor(e.id)
		if !ok {
			b.c.errorf(e.idAt, "unknown actor %q", e.id).hint = b.c.unknownHint(e.id, sim.ActorIDs(), true)
			continue
		}
		listed[a] = true
		if !t.boolean("present", true) {
			off[a] = true
			switch at := t.at.key("present"); {
			case alwaysPresent(a):
				b.c.errorf(at, "%s always takes part", a).hint = "remove present = false"
			case owner[a] != "":
				b.c.errorf(at, "%s owns site %q, so it takes part", a, owner[a])
			}
		}
		names := ai.Names(a)
		policy[a] = ai.Default(a)
		policyOK := true
		if s, at, ok := t.str("policy", false); ok {
			switch {
			case !slices.Contains(names, s):
				b.c.errorf(at, "unknown policy %q for %s", s, a).hint = b.c.unknownHint(s, names, true)
				policyOK = false
			default:
				policy[a] = s
			}
		}
		v, at, ok := t.get("params")
		if !ok {
			continue
		}
		pt, ok := b.c.asTable(at, v)
		switch {
		case !ok:
		case policyOK:
			spec, _ := ai.Lookup(a, policy[a])
			keys := make([]string, len(spec.Params))
			for i, ps := range spec.Params {
				keys[i] = ps.Key
			}
			pt.keys(keys...)
			given[a] = make(map[string]int64)
			for _, ps := range spec.Params {
				if n, _, ok := pt.num(ps.Key, qty{unit: ps.Unit, min: ps.Min, max: ps.Max}, false); ok {
					given[a][ps.Key] = n
				}
			}
		}
	}
	for a := range sim.NumActors {
		setup := &b.sc.Actors[a]
		setup.Present = alwaysPresent(a) || (listed[a] && !off[a]) || owner[a] != ""
		if !setup.Present || len(ai.Names(a)) == 0 {
			continue
		}
		setup.Policy = policy[a]
		if setup.Policy == "" {
			setup.Policy = ai.Default(a)
		}
		spec, ok := ai.Lookup(a, setup.Policy)
		if !ok {
			continue
		}
		for _, ps := range spec.Params {
			n, ok := given[a][ps.Key]
			if !ok {
				n = sim.FixedFromFloat(ps.Default, ps.Unit)
			}
			setup.Params = append(setup.Params, sim.PolicyParam{Key: ps.Key, Value: n})
		}
		slices.SortFunc(setup.Params, func(x, y sim.PolicyParam) int { return strings.Compare(x.Key, y.Key) })
	}
}
