package scenario

import (
	"fmt"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// The richer event language: an event that fires some days after another,
// on a random day of a window, by chance or again and again, and changes
// that revert. See the [[event]] section of docs/scenarios.md.

// afterRef is an event's after = { event = …, days = N }, resolved once
// every event is read and sorted.
type afterRef struct {
	event *sim.Event
	id    string
	at    ref
}

var afterSpec = &tableSpec{name: "event.after", doc: "a time relative to another event", fields: []field{
	{key: "event", kind: kID, required: true, doc: "the id of another event"},
	{key: "days", kind: kNumber, required: true, q: qty{unit: sim.UnitCount, min: 0, max: maxSpanDays}, unit: "days", doc: "days after that event first fires"},
}}

// timing reads an event's until, after, chance, repeat and revert_days.
// trigger says which of at and when the event has ("at", "when" or "").
func (b *build) timing(t *table, ev *sim.Event, trigger string, afters *[]afterRef) {
	tm := sim.Timing{Until: -1, After: -1, Chance: sim.Micro}
	if ev.More != nil { // when's all or any came first
		tm = *ev.More
	}
	used := ev.More != nil
	if d, at, ok := t.date("until", false); ok {
		used = true
		switch {
		case trigger != "at":
			p := b.c.errorf(at, "until goes with at: the event fires on a random day from at to until")
			p.onKey = true
		case d < ev.Day:
			b.c.errorf(at, "%s is before at (%s)", sim.FormatDay(d), sim.FormatDay(ev.Day))
		case b.datesOK && d > b.sc.EndDay:
			b.c.errorf(at, "%s is after the scenario's end (%s)", sim.FormatDay(d), sim.FormatDay(b.sc.EndDay))
		default:
			tm.Until = d
		}
	}
	if v, at, ok := t.get("after"); ok {
		used = true
		if trigger != "" {
			p := b.c.errorf(at, "an event fires at a date, when a condition holds or after another event: only one")
			p.onKey = true
		}
		if at2, ok := b.c.asTable(at, v); ok {
			at2.keys(afterSpec.keyNames()...)
			if id, idAt, ok := at2.str("event", true); ok {
				*afters = append(*afters, afterRef{event: ev, id: id, at: idAt})
			}
			days, _, _ := at2.num("days", afterSpec.q("days"), true)
			tm.AfterDays = int32(days)
		}
	}
	if n, _, ok := t.num("chance", eventSpec.q("chance"), false); ok {
		used = true
		tm.Chance = n
	}
	if t.boolean("repeat", false) {
		used = true
		tm.Repeat = true
		if trigger != "when" {
			p := b.c.errorf(t.at.key("repeat"), "repeat goes with when: the event re-arms once its condition stops holding")
			p.onKey = true
		}
	}
	if n, _, ok := t.num("revert_days", eventSpec.q("revert_days"), false); ok {
		used = true
		tm.RevertDays = int32(n)
	}
	if used {
		ev.More = &tm
	}
}

// resolveAfters points each after at its event (by index, once sorted),
// marks that event as an anchor, and refuses chains that never start: an
// event after itself, or a cycle of events each after the next.
func (b *build) resolveAfters(afters []afterRef) {
	index := make(map[string]int32, len(b.sc.Events))
	ids := make([]string, len(b.sc.Events))
	for i := range b.sc.Events {
		index[b.sc.Events[i].ID] = int32(i)
		ids[i] = b.sc.Events[i].ID
	}
	for _, a := range afters {
		i, ok := index[a.id]
		if !ok {
			b.c.errorf(a.at, "unknown event %q", a.id).hint = b.c.unknownHint(a.id, ids, true)
			continue
		}
		a.event.More.After = i
		target := &b.sc.Events[i]
		if target.More == nil {
			target.More = &sim.Timing{Until: -1, After: -1, Chance: sim.Micro}
		}
		target.More.Anchor = true
	}
	for _, a := range afters {
		chain := []string{a.event.ID}
		ev := a.event
		for ev.More != nil && ev.More.After >= 0 && len(chain) <= len(b.sc.Events) {
			ev = &b.sc.Events[ev.More.After]
			chain = append(chain, ev.ID)
			if ev.ID == a.event.ID {
				b.c.errorf(a.at, "the chain %s never starts: each event waits for the next", strings.Join(chain, " → ")).hint =
					"one event of the chain needs at or when"
				break
			}
		}
	}
}

// timingText renders an event's richer timing in canonical form.
func timingText(sc *sim.Scenario, ev *sim.Event) []string {
	tm := ev.More
	if tm == nil {
		return nil
	}
	var out []string
	if tm.Until >= 0 {
		out = append(out, "until = "+sim.FormatDay(tm.Until))
	}
	if tm.After >= 0 && int(tm.After) < len(sc.Events) {
		out = append(out, fmt.Sprintf("after = { event = %s, days = %d }", quote(sc.Events[tm.After].ID), tm.AfterDays))
	}
	if tm.Chance < sim.Micro {
		out = append(out, "chance = "+fixed(tm.Chance, sim.Micro))
	}
	if tm.Repeat {
		out = append(out, "repeat = true")
	}
	if tm.RevertDays > 0 {
		out = append(out, fmt.Sprintf("revert_days = %d", tm.RevertDays))
	}
	return out
}

// when reads an event's when: one condition, or { all = [ … ] } or
// { any = [ … ] } of several. Several conditions go to ev.More.
func (b *build) when(ev *sim.Event, at ref, v any) sim.Condition {
	t, ok := v.(map[string]any)
	if !ok {
		return b.condition(at, v)
	}
	all, hasAll := t["all"]
	anyV, hasAny := t["any"]
	switch {
	case !hasAll && !hasAny:
		return b.condition(at, v)
	case len(t) > 1:
		k := "any"
		if hasAll {
			k = "all"
		}
		p := b.c.errorf(at.key(k), "a when holds either one condition, all = [ … ] or any = [ … ]")
		p.onKey = true
		return sim.Condition{}
	}
	list, listAt, key := all, at.key("all"), "all"
	if hasAny {
		list, listAt, key = anyV, at.key("any"), "any"
	}
	arr, ok := list.([]any)
	if !ok || len(arr) < 2 || len(arr) > maxEffects {
		p := b.c.typeError(listAt, fmt.Sprintf("an array of 2 to %d conditions", maxEffects), list)
		p.hint = "such as " + key + ` = [ { metric = "attacks_on_us", op = ">=", value = 1 }, { metric = "trust", op = "<=", value = 50 } ]`
		return sim.Condition{}
	}
	conds := make([]sim.Condition, len(arr))
	for i, c := range arr {
		conds[i] = b.condition(listAt.index(i), c)
	}
	if ev.More == nil {
		ev.More = &sim.Timing{Until: -1, After: -1, Chance: sim.Micro}
	}
	ev.More.Also, ev.More.Any = conds[1:], hasAny
	return conds[0]
}

// whenText renders an event's when in canonical form.
func whenText(sc *sim.Scenario, ev *sim.Event) string {
	cond := func(c sim.Condition) string { return condText(sc, c) }
	tm := ev.Timing()
	if len(tm.Also) == 0 {
		return cond(ev.Cond)
	}
	parts := []string{cond(ev.Cond)}
	for _, c := range tm.Also {
		parts = append(parts, cond(c))
	}
	key := "all"
	if tm.Any {
		key = "any"
	}
	return "{ " + key + " = [ " + strings.Join(parts, ", ") + " ] }"
}
