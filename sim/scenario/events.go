package scenario

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

func (b *build) events(root *table) {
	es := b.entries(root, "event")
	b.unique(es, "event")
	events := make([]*sim.Event, 0, len(es))
	var afters []afterRef
	for _, e := range es {
		t := e.t
		t.keys(eventKeys...)
		ev := &sim.Event{ID: e.id, Day: -1}
		atV, atAt, hasAt := t.get("at")
		whenV, whenAt, hasWhen := t.get("when")
		_, hasAfter := t.m["after"]
		trigger := ""
		switch {
		case hasAt && hasWhen:
			p := b.c.errorf(whenAt, "an event fires either at a date or when a condition holds, not both")
			p.onKey = true
		case hasAt:
			trigger = "at"
			if d, ok := b.c.date(atAt, atV); ok {
				ev.Day = d
				if b.datesOK && (d < b.sc.StartDay || d > b.sc.EndDay) {
					b.c.errorf(atAt, "%s is outside the scenario (%s..%s)", sim.FormatDay(d), sim.FormatDay(b.sc.StartDay), sim.FormatDay(b.sc.EndDay))
				}
			}
		case hasWhen:
			trigger = "when"
			ev.Cond = b.when(ev, whenAt, whenV)
		case hasAfter:
		default:
			b.c.errorf(atAt, "missing required key").hint = "give at = YYYY-MM-DD, when = { metric = …, op = …, value = … } or after = { event = …, days = N }"
		}
		b.timing(t, ev, trigger, &afters)
		if v, at, ok := t.get("effects"); ok {
			ev.Effects = b.effects(at, v)
		} else {
			t.missing("effects")
		}
		ev.Log = t.text("log", true, maxLineLen, false)
		events = append(events, ev)
	}
	slices.SortStableFunc(events, func(x, y *sim.Event) int { return strings.Compare(x.ID, y.ID) })
	b.sc.Events = make([]sim.Event, len(events))
	for i, ev := range events {
		b.sc.Events[i] = *ev
	}
	// The afters point at the events as read; point them at the sorted copies.
	moved := make(map[*sim.Event]*sim.Event, len(events))
	for i, ev := range events {
		moved[ev] = &b.sc.Events[i]
	}
	for i := range afters {
		afters[i].event = moved[afters[i].event]
	}
	b.resolveAfters(afters)
	b.orderSetups()
}

// condition reads { metric = …, op = …, value = … }, or a scoped one (see measure).
func (b *build) condition(at ref, v any) sim.Condition {
	var cond sim.Condition
	t, ok := b.c.asTable(at, v)
	if !ok {
		return cond
	}
	t.keys(whenKeys...)
	var ok2 bool
	cond.Metric, cond.Scope, ok2 = b.measure(t)
	cond.Op = b.op(t)
	cond.Value = b.threshold(t, cond.Metric, cond.Scope, ok2)
	return cond
}

// metricKeys lists every metric key in Metric order.
func metricKeys() []string {
	keys := make([]string, 0, sim.NumMetrics)
	for _, s := range sim.MetricSpecs() {
		keys = append(keys, s.Key)
	}
	return keys
}

// metric reads the required metric key of a table.
func (b *build) metric(t *table) (sim.Metric, bool) {
	s, at, ok := t.str("metric", true)
	if !ok {
		return 0, false
	}
	m, ok := sim.ParseMetric(s)
	if !ok {
		b.c.errorf(at, "unknown metric %q", s).hint = b.c.unknownHint(s, metricKeys(), true)
	}
	return m, ok
}

// op reads the required op key of a table.
func (b *build) op(t *table) sim.Op {
	s, at, ok := t.str("op", true)
	switch {
	case !ok:
	case s == ">=":
		return sim.OpAtLeast
	case s == "<=":
		return sim.OpAtMost
	default:
		b.c.errorf(at, "unknown operator %q", s).hint = `">=" or "<="`
	}
	return sim.OpAtLeast
}

func (b *build) effects(at ref, v any) []sim.Effect {
	arr, ok := v.([]any)
	if !ok {
		b.c.typeError(at, "an array of effects", v).hint = "such as effects = [ { talks = { add = 5 } } ]"
		return nil
	}
	switch {
	case len(arr) == 0:
		b.c.errorf(at, "an event needs at least one effect")
		return nil
	case len(arr) > maxEffects:
		b.c.errorf(at, "has %d effects", len(arr)).hint = fmt.Sprintf("at most %d", maxEffects)
		return nil
	}
	out := make([]sim.Effect, 0, len(arr))
	for i, ev := range arr {
		out = append(out, b.effect(at.index(i), ev))
	}
	return out
}

// effect reads one effect: a table with one key, the effect's kind.
func (b *build) effect(at ref, v any) sim.Effect {
	e := sim.Effect{Toward: -1, Site: -1, Zone: -1, Corridor: -1}
	t, ok := b.c.asTable(at, v)
	if !ok {
		return e
	}
	keys := slices.Sorted(maps.Keys(t.m))
	switch {
	case len(keys) == 0:
		b.c.errorf(at, "empty effect").hint = "write one change, such as { talks = { add = 5 } }"
		return e
	case len(keys) > 1:
		p := b.c.errorf(at.key(keys[1]), "an effect has exactly one key")
		p.onKey, p.hint = true, "put each change in its own { … }"
		return e
	}
	k := keys[0]
	kind := slices.Index(sim.EffectKindIDs(), k)
	if kind < 0 {
		p := b.c.errorf(at.key(k), "unknown effect %q", k)
		p.onKey, p.hint = true, b.c.unknownHint(k, sim.EffectKindIDs(), true)
		return e
	}
	e.Kind = sim.EffectKind(kind)
	v, vAt, _ := t.get(k)
	if e.Kind == sim.EffectTalksOpen {
		open, ok := v.(bool)
		if !ok {
			b.c.typeError(vAt, "true or false", v)
		}
		e.Set = true
		if open {
			e.Value = 1
		}
		return e
	}
	et, ok := b.c.asTable(vAt, v)
	if !ok {
		return e
	}
	form := &effectForms[e.Kind]
	et.keys(form.table.keyNames()...)
	switch e.Kind {
	case sim.EffectGrievance:
		if s, at, ok := et.str("toward", true); ok {
			if i := slices.Index(groundKeys, s); i >= 0 {
				e.Toward = int32(i)
			} else {
				b.c.errorf(at, "unknown target %q", s).hint = b.c.unknownHint(s, groundKeys, true)
			}
		}
		if s, at, ok := et.str("actor", false); ok && s != "iran" {
			b.c.errorf(at, "only Iran's grievance is modelled, not %q's", s).hint = `write actor = "iran" or leave it out`
		}
		e.Set, e.Value = b.addSet(et, *form.addSet)
	case sim.EffectComplicity:
		e.Set, e.Value = b.addSet(et, *form.addSet)
	case sim.EffectTrust, sim.EffectTalks, sim.EffectCounterIS:
		e.Set, e.Value = b.addSet(et, *form.addSet)
	case sim.EffectEscalation:
		if s, at, ok := et.str("pair", true); ok {
			p, ok := sim.ParsePair(s)
			if !ok {
				b.c.errorf(at, "unknown pair %q", s).hint = b.c.unknownHint(s, sim.PairIDs(), true)
			}
			e.Pair = p
		}
		e.Set, e.Value = b.addSet(et, *form.addSet)
	case sim.EffectAirDefence:
		e.Set, e.Value = b.addSet(et, *form.addSet)
	case sim.EffectTroops:
		if v, at, ok := et.get("site"); ok {
			e.Site, _ = b.siteRef(at, v)
		} else {
			et.missing("site")
		}
		e.Set, e.Value = b.addSet(et, *form.addSet)
	case sim.EffectParam:
		s, at, ok := et.str("key", true)
		if !ok {
			return e
		}
		p, ok := sim.ParseParam(s)
		if !ok {
			pr := b.c.errorf(at, "unknown parameter %q", s)
			pr.hint = b.c.unknownHint(s, paramKeys(), true)
			if owner := policyParamOwner(s); owner != "" {
				pr.msg = fmt.Sprintf("%q is a parameter of %s, not a model constant", s, owner)
				pr.hint = "param effects change [params] keys; a policy's parameters are set in its [[actor]] entry and changed by a policy effect"
			}
			return e
		}
		spec := p.Spec()
		e.Param = p
		e.Set, e.Value = b.addSet(et, qty{unit: spec.Unit, min: spec.Min, max: spec.Max})
	case sim.EffectHalt:
		b.halt(et, &e)
	case sim.EffectStruck:
		if v, at, ok := et.get("site"); ok {
			e.Site, _ = b.siteRef(at, v)
		} else {
			et.missing("site")
		}
		days, _, _ := et.num("days", form.table.q("days"), true)
		e.Days = int32(days)
	case sim.EffectPolicy:
		b.policyEffect(et, &e)
	case sim.EffectHardness, sim.EffectProximity, sim.EffectSiteAD:
		b.siteEffect(et, &e)
	case sim.EffectDetected:
		b.detectedEffect(et, &e)
	case sim.EffectOwner:
		b.ownerEffect(et, &e)
	case sim.EffectCorridor:
		if s, at, ok := et.str("corridor", true); ok {
			if i, ok := b.corrIdx[s]; ok {
				e.Corridor = i
			} else {
				b.c.errorf(at, "unknown corridor %q", s).hint = b.c.unknownHint(s, b.corrIDs, true)
			}
		}
		e.Set = true
		e.Value, _, _ = et.num("interval", form.table.q("interval"), true)
	default: // a kind the engine knows and this loader does not yet
		p := b.c.errorf(at.key(k), "effect %q is not supported by this version", k)
		p.onKey = true
	}
	return e
}

// halt reads { zone = …, days = N } or { center = …, radius_km = R, days = N }.
func (b *build) halt(t *table, e *sim.Effect) {
	days, _, _ := t.num("days", qHaltDays, true)
	e.Days = int32(days)
	zv, zAt, hasZone := t.get("zone")
	_, cAt, hasCenter := t.get("center")
	switch {
	case hasZone && hasCenter:
		p := b.c.errorf(cAt, "a halt names either a zone or a center and radius_km, not both")
		p.onKey = true
	case hasZone:
		if _, ok := t.m["radius_km"]; ok {
			p := b.c.errorf(t.at.key("radius_km"), "radius_km goes with center, not with zone")
			p.onKey = true
		}
		s, ok := zv.(string)
		if !ok {
			b.c.typeError(zAt, "a zone id", zv)
			return
		}
		i, ok := b.zoneIdx[s]
		if !ok {
			b.c.errorf(zAt, "unknown zone %q", s).hint = b.c.unknownHint(s, b.zoneIDs, true)
			return
		}
		if z := &b.sc.Zones[i]; z.Kind != sim.ZoneHalt {
			b.c.errorf(zAt, "zone %q is a %s zone, not a halt zone", s, z.Kind).hint = "name a zone of kind halt, or give center and radius_km"
			return
		}
		e.Zone = i
	case hasCenter:
		e.Area = b.area(t, false)
	default:
		b.c.errorf(zAt, "missing required key").hint = "give zone = <id of a halt zone>, or center and radius_km"
	}
}

// addSet reads exactly one of set (a value within q) and add (a change of
// at most the width of q's range either way).
func (b *build) addSet(t *table, q qty) (set bool, value int64) {
	av, aAt, hasAdd := t.get("add")
	sv, sAt, hasSet := t.get("set")
	switch {
	case hasAdd && hasSet:
		p := b.c.errorf(sAt, "give add or set, not both")
		p.onKey = true
	case hasAdd:
		width := q.max - q.min
		value, _ = b.c.number(aAt, av, qty{unit: q.unit, min: -width, max: width})
	case hasSet:
		value, _ = b.c.number(sAt, sv, q)
		set = true
	default:
		b.c.errorf(aAt, "missing required key").hint = "give add = N or set = N"
	}
	return set, value
}

func (b *build) objectives(root *table) {
	es := b.entries(root, "objective")
	first := make(map[string]ref)
	list := make([]sim.Objective, 0, len(es))
	for _, e := range es {
		t := e.t
		t.keys(objectiveKeys...)
		o := sim.Objective{ID: e.id}
		o.Role = b.actorRef(t, "role")
		if e.id != "" && o.Role < sim.NumActors {
			k := o.Role.String() + "/" + e.id
			if f, ok := first[k]; ok {
				b.c.errorf(e.idAt, "duplicate objective id %q for %s", e.id, o.Role).first = &f
			} else {
				first[k] = e.idAt
			}
		}
		var mOK bool
		o.Metric, o.Scope, mOK = b.measure(t)
		o.Op = b.op(t)
		o.Value = b.threshold(t, o.Metric, o.Scope, mOK)
		o.Required = t.boolean("required", false)
		b.objectiveIf(t, &o)
		o.Text = t.text("text", true, maxLineLen, false)
		if mOK {
			o.Text = b.objectiveText(t, &o)
		}
		list = append(list, o)
	}
	slices.SortStableFunc(list, func(x, y sim.Objective) int {
		if x.Role != y.Role {
			return int(x.Role) - int(y.Role)
		}
		return strings.Compare(x.ID, y.ID)
	})
	b.sc.Objectives = list
}
