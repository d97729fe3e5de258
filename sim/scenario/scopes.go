package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
)

// Scopes and the richer objectives: a condition or objective on one site,
// the sites of a zone or an actor's orders; objectives armed by a condition
// and judged within a window of days; and the effects on an actor's policy
// and a site's attributes. See the [[event]] and [[objective]] sections of
// docs/scenarios.md.

// scopeFields are the keys that narrow a condition or objective.
func scopeFields() []field {
	return []field{
		{key: "site", kind: kID, doc: "count the metric at this site only: " + strings.Join(sim.SiteMetricKeys(), ", ")},
		{key: "zone", kind: kID, doc: "count the metric at the sites inside this zone's area (whatever its dates); the same metrics as site"},
		{key: "actor", kind: kString, enum: sim.ActorIDs, doc: "with order, instead of metric: count the orders of that kind this actor gave"},
		{key: "order", kind: kString, enum: orderKindIDs, doc: "with actor: the kind of order counted, such as \"retaliate\" (Iran fires) or \"fire-golan\" (Hezbollah fires)"},
	}
}

// orderKindIDs lists the order kinds.
func orderKindIDs() []string {
	out := make([]string, sim.NumOrderKinds)
	for k := range sim.NumOrderKinds {
		out[k] = k.String()
	}
	return out
}

// measure reads what a condition or objective counts: a metric, over the
// whole run, at a site or in a zone; or an actor's orders of a kind. ok is
// false when it is in error (reported) or missing.
func (b *build) measure(t *table) (m sim.Metric, s sim.Scope, ok bool) {
	_, actorAt, hasActor := t.get("actor")
	_, orderAt, hasOrder := t.get("order")
	if hasActor || hasOrder {
		switch {
		case !hasOrder:
			b.c.errorf(orderAt, "missing required key").hint = `actor goes with order = "…": the orders of that kind the actor gave`
			return 0, s, false
		case !hasActor:
			b.c.errorf(actorAt, "missing required key").hint = "order counts one actor's orders: give actor = \"…\""
			return 0, s, false
		}
		for _, k := range []string{"metric", "site", "zone"} {
			if _, ok := t.m[k]; ok {
				p := b.c.errorf(t.at.key(k), "an order count takes no %s", k)
				p.onKey, p.hint = true, "count either a metric or an actor's orders"
			}
		}
		a := b.actorRef(t, "actor")
		o, oAt, _ := t.str("order", true)
		k, known := sim.ParseOrderKind(o)
		switch {
		case !known:
			b.c.errorf(oAt, "unknown order %q", o).hint = b.c.unknownHint(o, orderKindIDs(), true)
			return 0, s, false
		case a >= sim.NumActors:
			return 0, s, false
		case sim.OrderActor(k) != sim.NoActor && sim.OrderActor(k) != a:
			b.c.errorf(oAt, "%s never gives %q orders: they are %s's", a, o, sim.OrderActor(k))
			return 0, s, false
		}
		return 0, sim.Scope{Kind: sim.ScopeActor, Index: int32(a), Order: k}, true
	}
	m, ok = b.metric(t)
	sv, sAt, hasSite := t.get("site")
	zv, zAt, hasZone := t.get("zone")
	if !hasSite && !hasZone {
		return m, s, ok
	}
	if hasSite && hasZone {
		p := b.c.errorf(zAt, "give site or zone, not both")
		p.onKey = true
		return m, s, false
	}
	if ok && !sim.SiteMetric(m) {
		at := sAt
		if hasZone {
			at = zAt
		}
		p := b.c.errorf(at, "%s is not counted per site", m)
		p.onKey, p.hint = true, "at a site or in a zone: "+strings.Join(sim.SiteMetricKeys(), ", ")
		return m, s, false
	}
	if hasSite {
		i, found := b.siteRef(sAt, sv)
		return m, sim.Scope{Kind: sim.ScopeSite, Index: i}, ok && found
	}
	zs, isStr := zv.(string)
	i, found := b.zoneIdx[zs]
	switch {
	case !isStr:
		b.c.typeError(zAt, "a zone id", zv)
		return m, s, false
	case !found:
		b.c.errorf(zAt, "unknown zone %q", zs).hint = b.c.unknownHint(zs, b.zoneIDs, true)
		return m, s, false
	}
	return m, sim.Scope{Kind: sim.ScopeZone, Index: i}, ok
}

// threshold reads the value a measure is compared with.
func (b *build) threshold(t *table, m sim.Metric, s sim.Scope, ok bool) int64 {
	if !ok {
		if _, has := t.m["value"]; !has {
			t.missing("value")
		}
		return 0
	}
	q := metricQty(m)
	if s.Kind == sim.ScopeActor {
		q = qty{unit: sim.UnitCount, min: 0, max: maxCount}
	}
	v, _, _ := t.num("value", q, true)
	return v
}

// scopeScale is the stored scale of what a condition or objective counts.
func scopeScale(m sim.Metric, s sim.Scope) int64 {
	if s.Kind == sim.ScopeActor {
		return 1
	}
	return m.Spec().Scale
}

// measureText renders what a condition or objective counts as TOML keys.
func measureText(sc *sim.Scenario, m sim.Metric, s sim.Scope) []string {
	switch s.Kind {
	case sim.ScopeActor:
		return []string{"actor = " + quote(sim.Actor(s.Index).String()), "order = " + quote(s.Order.String())}
	case sim.ScopeSite:
		return []string{"metric = " + quote(m.String()), "site = " + quote(sc.Sites[s.Index].ID)}
	case sim.ScopeZone:
		return []string{"metric = " + quote(m.String()), "zone = " + quote(sc.Zones[s.Index].ID)}
	}
	return []string{"metric = " + quote(m.String())}
}

// condText renders a condition as an inline table.
func condText(sc *sim.Scenario, c sim.Condition) string {
	keys := append(measureText(sc, c.Metric, c.Scope), "op = "+quote(c.Op.String()), "value = "+fixed(c.Value, scopeScale(c.Metric, c.Scope)))
	return "{ " + strings.Join(keys, ", ") + " }"
}

// objectiveIf reads an objective's if and within_days.
func (b *build) objectiveIf(t *table, o *sim.Objective) {
	if v, at, ok := t.get("if"); ok {
		if it, ok := b.c.asTable(at, v); ok {
			it.keys(whenKeys...)
			c := sim.Condition{}
			var cOK bool
			c.Metric, c.Scope, cOK = b.measure(it)
			c.Op = b.op(it)
			c.Value = b.threshold(it, c.Metric, c.Scope, cOK)
			o.If = &c
		}
	}
	if n, _, ok := t.num("within_days", objectiveSpec.q("within_days"), false); ok {
		o.Within = int32(n)
	}
}

// objectiveText fills an objective text's placeholders: {value} with the
// threshold and {days} with within_days, so the text cannot drift from them.
func (b *build) objectiveText(t *table, o *sim.Objective) string {
	text := strings.ReplaceAll(o.Text, "{value}", fixed(o.Value, scopeScale(o.Metric, o.Scope)))
	if strings.Contains(text, "{days}") {
		if o.Within == 0 {
			b.c.errorf(t.at.key("text"), "{days} quotes within_days, which this objective has not").hint = "give within_days = N or remove {days}"
		}
		text = strings.ReplaceAll(text, "{days}", fmt.Sprint(o.Within))
	}
	return text
}

// policyEffect reads { actor = …, policy = …, params = { … } }: the actor
// plays another policy, or its own with other parameters, from now on.
func (b *build) policyEffect(t *table, e *sim.Effect) {
	a := b.actorRef(t, "actor")
	if a >= sim.NumActors {
		return
	}
	e.Actor = a
	names := ai.Names(a)
	base := &b.sc.Actors[a]
	if !base.Present {
		b.c.errorf(t.at.key("actor"), "%s plays no policy in this scenario", a).hint = "name an actor that decides: " + strings.Join(deciders(b.sc), ", ")
		return
	}
	setup := sim.ActorSetup{Policy: base.Policy, Params: slices.Clone(base.Params)}
	if s, at, ok := t.str("policy", false); ok {
		if !slices.Contains(names, s) {
			b.c.errorf(at, "unknown policy %q for %s", s, a).hint = b.c.unknownHint(s, names, true)
			return
		}
		if s != base.Policy {
			setup.Policy, setup.Params = s, nil
		}
	}
	spec, _ := ai.Lookup(a, setup.Policy)
	if setup.Params == nil {
		for _, ps := range spec.Params {
			setup.Params = append(setup.Params, sim.PolicyParam{Key: ps.Key, Value: sim.FixedFromFloat(ps.Default, ps.Unit)})
		}
	}
	v, at, hasParams := t.get("params")
	if _, hasPolicy := t.m["policy"]; !hasPolicy && !hasParams {
		b.c.errorf(t.at.key("policy"), "missing required key").hint = "give policy = \"…\", params = { … } or both"
		return
	}
	if hasParams {
		pt, ok := b.c.asTable(at, v)
		if !ok {
			return
		}
		keys := make([]string, len(spec.Params))
		for i, ps := range spec.Params {
			keys[i] = ps.Key
		}
		pt.keys(keys...)
		for i, ps := range spec.Params {
			if n, _, ok := pt.num(ps.Key, qty{unit: ps.Unit, min: ps.Min, max: ps.Max}, false); ok {
				setup.Params[i].Value = n // spec.Params and setup.Params share the key order
			}
		}
	}
	b.later[a] = append(b.later[a], setup)
	e.Set, e.Value = true, int64(len(b.later[a]))
}

// orderSetups makes the setups of policy effects the actors' Later setups,
// in the order of the sorted events, so the canonical form loads the same.
func (b *build) orderSetups() {
	for i := range b.sc.Events {
		for j := range b.sc.Events[i].Effects {
			e := &b.sc.Events[i].Effects[j]
			if e.Kind != sim.EffectPolicy || e.Value < 1 || e.Actor >= sim.NumActors {
				continue
			}
			setup := &b.sc.Actors[e.Actor]
			setup.Later = append(setup.Later, b.later[e.Actor][e.Value-1])
			e.Value = int64(len(setup.Later))
		}
	}
}

// deciders lists the actors present that play a policy.
func deciders(sc *sim.Scenario) []string {
	var out []string
	for a := range sim.NumActors {
		if sc.Actors[a].Present {
			out = append(out, a.String())
		}
	}
	return out
}

// siteEffect reads { site = …, add | set = … } for a site's hardness,
// proximity or air-defence strength.
func (b *build) siteEffect(t *table, e *sim.Effect) {
	if v, at, ok := t.get("site"); ok {
		e.Site, ok = b.siteRef(at, v)
		if ok && e.Kind == sim.EffectSiteAD && b.sc.Sites[e.Site].ADRange == 0 {
			b.c.errorf(at, "site %q has no air-defence cover", b.sc.Sites[e.Site].ID).hint = "ad_strength changes the cover of a site with ad_range_km > 0"
		}
	} else {
		t.missing("site")
	}
	e.Set, e.Value = b.addSet(t, qFraction)
}

// ownerEffect reads { site = …, actor = … }: the site changes hands.
func (b *build) ownerEffect(t *table, e *sim.Effect) {
	if v, at, ok := t.get("site"); ok {
		e.Site, _ = b.siteRef(at, v)
	} else {
		t.missing("site")
	}
	a := b.actorRef(t, "actor")
	if a >= sim.NumActors {
		return
	}
	if !b.sc.Actors[a].Present {
		b.c.errorf(t.at.key("actor"), "%s does not take part in this scenario", a).hint = fmt.Sprintf("hand the site to one that does (%s), or add an [[actor]] entry with id = %q", strings.Join(deciders(b.sc), ", "), a.String())
	}
	e.Set, e.Value = true, int64(a)
}

// detectedEffect reads { site = …, days = N } or { corridor = …, days = N }.
func (b *build) detectedEffect(t *table, e *sim.Effect) {
	days, _, _ := t.num("days", qHaltDays, true)
	e.Days = int32(days)
	sv, sAt, hasSite := t.get("site")
	cv, cAt, hasCorr := t.get("corridor")
	switch {
	case hasSite && hasCorr:
		p := b.c.errorf(cAt, "give site or corridor, not both")
		p.onKey = true
	case hasSite:
		var ok bool
		if e.Site, ok = b.siteRef(sAt, sv); ok && !b.sc.Sites[e.Site].Target {
			b.c.errorf(sAt, "site %q is not a target", b.sc.Sites[e.Site].ID).hint = "detection lets Israel strike a site with target = true"
		}
	case hasCorr:
		s, ok := cv.(string)
		if !ok {
			b.c.typeError(cAt, "a corridor id", cv)
			return
		}
		if i, ok := b.corrIdx[s]; ok {
			e.Corridor = i
		} else {
			b.c.errorf(cAt, "unknown corridor %q", s).hint = b.c.unknownHint(s, b.corrIDs, true)
		}
	default:
		b.c.errorf(sAt, "missing required key").hint = "give site = <a target site> or corridor = <a corridor>"
	}
}

// policyText renders a policy effect's setup.
func policyText(sc *sim.Scenario, e *sim.Effect) string {
	s := "actor = " + quote(e.Actor.String())
	later := sc.Actors[e.Actor].Later
	if e.Value < 1 || int(e.Value) > len(later) {
		return s
	}
	setup := later[e.Value-1]
	s += ", policy = " + quote(setup.Policy)
	spec, _ := ai.Lookup(e.Actor, setup.Policy)
	var ps []string
	for i, p := range setup.Params {
		ps = append(ps, p.Key+" = "+fixed(p.Value, spec.Params[i].Unit.Scale()))
	}
	if len(ps) > 0 {
		s += ", params = { " + strings.Join(ps, ", ") + " }"
	}
	return s
}
