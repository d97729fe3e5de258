package scenario

import (
	"fmt"
	"math"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// keyTables renders the key tables of docs/scenarios.md from the format's
// tables (spec.go), keyed by the name of their generated section.
func keyTables() map[string]string {
	out := map[string]string{}
	for _, t := range []*tableSpec{scenarioSpec, initialSpec, actorSpec, siteSpec, zoneSpec, routeSpec, corridorSpec, eventSpec, objectiveSpec, expectSpec} {
		out["keys "+t.name] = keyTable(t)
	}
	out["keys effects"] = effectsTable()
	out["per-turn"] = perTurnList()
	return out
}

// perTurnList names every quantity counted per turn rather than per day:
// the format's keys whose unit is in turns and the parameters whose
// meaning is per turn or in turns.
func perTurnList() string {
	var b strings.Builder
	for _, t := range []*tableSpec{corridorSpec} {
		for i := range t.fields {
			if f := &t.fields[i]; strings.Contains(f.unit, "turn") {
				fmt.Fprintf(&b, "- `%s.%s` (%s): %s\n", t.name, f.key, f.unit, f.doc)
			}
		}
	}
	for k, form := range effectForms {
		if form.table == nil {
			continue
		}
		for i := range form.table.fields {
			if f := &form.table.fields[i]; strings.Contains(f.unit, "turn") {
				fmt.Fprintf(&b, "- the `%s` effect's `%s` (%s): %s\n", sim.EffectKindIDs()[k], f.key, f.unit, f.doc)
			}
		}
	}
	for _, p := range perTurnParams() {
		fmt.Fprintf(&b, "- `params.%s`: %s\n", p.Key, p.Doc)
	}
	return b.String()
}

func keyTable(t *tableSpec) string {
	var b strings.Builder
	b.WriteString("| key | type | unit | required | range | default | meaning |\n|---|---|---|---|---|---|---|\n")
	for i := range t.fields {
		f := &t.fields[i]
		req := "no"
		if f.required {
			req = "yes"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n", f.key, typeWords(f), f.unit, req, rangeWords(f), defaultWords(f), f.doc)
	}
	return b.String()
}

func typeWords(f *field) string {
	switch f.kind {
	case kString, kID, kText, kLong:
		return "string"
	case kDate:
		return "date"
	case kNumber, kCoord, kAnyNumber:
		if f.q.unit == sim.UnitCount && f.kind == kNumber {
			return "integer"
		}
		return "number"
	case kBool:
		return "boolean"
	case kTable:
		return "table"
	case kEntries:
		return "array of tables"
	case kPoints:
		return "array of `[lat, lon]`"
	case kSiteIDs:
		return "array of site ids"
	case kSiteOrPoint:
		return "site id or `{ lat, lon }`"
	case kNumberOrTable:
		return "number or table"
	case kEffects:
		return "array of effects"
	case kWhen:
		return "`{ metric, op, value }`"
	}
	return ""
}

func rangeWords(f *field) string {
	switch f.kind {
	case kString:
		if f.enum == nil {
			return ""
		}
		ids := f.enum()
		if len(ids) > 12 {
			return "see below"
		}
		return "`" + strings.Join(ids, "` `") + "`"
	case kID:
		return "an id"
	case kText:
		return fmt.Sprintf("one line, ≤ %d characters", f.maxLen)
	case kLong:
		return fmt.Sprintf("≤ %d characters", f.maxLen)
	case kNumber, kCoord, kNumberOrTable:
		return strings.TrimPrefix(strings.TrimPrefix(f.q.rangeHint(), "must lie in "), "must be ")
	}
	return ""
}

func defaultWords(f *field) string {
	switch d := f.def.(type) {
	case nil:
		return ""
	case string:
		return fmt.Sprintf("`%q`", d)
	case bool:
		return fmt.Sprintf("`%t`", d)
	case float64:
		return fmtFloat(d)
	}
	return fmt.Sprint(f.def)
}

func effectsTable() string {
	var b strings.Builder
	b.WriteString("| effect | keys | unit | `set` range | `add` range | changes |\n|---|---|---|---|---|---|\n")
	for k, form := range effectForms {
		id := sim.EffectKindIDs()[k]
		var keys []string
		if form.table != nil {
			for i := range form.table.fields {
				f := &form.table.fields[i]
				if f.key == "add" || f.key == "set" {
					continue
				}
				s := "`" + f.key + "`"
				if r := rangeWords(f); r != "" && (f.kind == kNumber) {
					s += " " + r
					if f.unit != "" {
						s += " " + f.unit
					}
				}
				if !f.required {
					s += " (optional)"
				}
				keys = append(keys, s)
			}
			if form.addSet != nil {
				keys = append(keys, "`add` or `set`")
			}
		} else {
			keys = append(keys, "`true` or `false`")
		}
		set, add := "", ""
		switch {
		case form.addSet != nil && form.addSet.max == math.MaxFloat64:
			set, add = "the parameter's range", "± the width of its range"
		case form.addSet != nil:
			w := form.addSet.max - form.addSet.min
			set = fmtFloat(form.addSet.min) + ".." + fmtFloat(form.addSet.max)
			add = "−" + fmtFloat(w) + ".." + fmtFloat(w)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", id, strings.Join(keys, ", "), form.unit, set, add, form.doc)
	}
	return b.String()
}
