package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/ai"
)

// SchemaPath is where the repository keeps the output of Schema, relative
// to its root; each shipped scenario names it in a #:schema line.
const SchemaPath = "docs/scenario.schema.json"

// Schema returns a JSON Schema (draft-07) of the scenario format, generated
// from the tables the loader checks files against: every key with its type,
// unit, range, default and documentation, and the ids (kinds, metrics,
// parameters, policies per actor) it accepts. Editors that read JSON Schemas
// for TOML (Taplo, the Even Better TOML extension) use it to complete keys,
// show their documentation and flag unknown keys and wrong types. It checks
// form only; the loader remains the judge (cross-references, dates, areas).
func Schema() []byte {
	root := tableSchema(rootSpec)
	root = append(obj{
		{"$schema", "http://json-schema.org/draft-07/schema#"},
		{"$id", "https://deconflict.invalid/scenario.schema.json"},
		{"title", "Deconflict scenario"},
	}, root...)
	root = append(root, member{"definitions", obj{
		{"effect", effectSchema()},
		{"point", tableSchema(pointSpec)},
		{"pair", obj{{"type", "array"}, {"minItems", 2}, {"maxItems", 2},
			{"description", "a [lat, lon] point, latitude first"},
			{"items", []any{coordSchema(qLatitude, "latitude"), coordSchema(qLongitude, "longitude")}}}},
	}})
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil { // every value above is plain data
		panic(fmt.Sprintf("scenario: schema does not encode: %v", err))
	}
	return append(out, '\n')
}

// member is one member of a JSON object.
type member struct {
	k string
	v any
}

// obj is a JSON object whose members keep their order, so that the schema
// is the same bytes on every run.
type obj []member

// MarshalJSON writes the members in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.k)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.v)
		if err != nil {
			return nil, fmt.Errorf("key %s: %w", m.k, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// tableSchema is the schema of a table of the format.
func tableSchema(t *tableSpec) obj {
	s := obj{{"type", "object"}}
	if t.doc != "" {
		s = append(s, member{"description", t.doc})
	}
	if t == paramsSpec {
		return append(s, member{"properties", paramsProperties()}, member{"additionalProperties", false})
	}
	if t.open != nil {
		return append(s, member{"additionalProperties", fieldSchema(t.open)})
	}
	props := obj{}
	var required []string
	for i := range t.fields {
		f := &t.fields[i]
		props = append(props, member{f.key, fieldSchema(f)})
		if f.required {
			required = append(required, f.key)
		}
	}
	s = append(s, member{"properties", props})
	if len(required) > 0 {
		s = append(s, member{"required", required})
	}
	return append(s, member{"additionalProperties", false})
}

// fieldSchema is the schema of one key's value.
func fieldSchema(f *field) obj {
	var s obj
	switch f.kind {
	case kString:
		s = obj{{"type", "string"}}
		if f.enum != nil {
			s = append(s, member{"enum", f.enum()})
		}
	case kID:
		s = obj{{"type", "string"}, {"pattern", idPattern.String()}, {"maxLength", maxIDLen}}
	case kText:
		s = obj{{"type", "string"}, {"minLength", boolInt(f.required)}, {"maxLength", f.maxLen}, {"pattern", "^[^\\n\\r]*$"}}
	case kLong:
		s = obj{{"type", "string"}, {"maxLength", f.maxLen}}
	case kDate:
		s = obj{{"type", "string"}, {"format", "date"}}
	case kNumber:
		s = numberSchema(f.q)
	case kCoord:
		s = numberSchema(f.q)
	case kAnyNumber:
		s = obj{{"type", "number"}}
	case kBool:
		s = obj{{"type", "boolean"}}
	case kTable:
		switch {
		case f.sub != nil && f.enum != nil: // a table keyed by ids, such as ladders
			props := obj{}
			for _, k := range f.enum() {
				props = append(props, member{k, fieldSchema(f.sub.open)})
			}
			s = obj{{"type", "object"}, {"properties", props}, {"additionalProperties", false}}
		case f.sub == briefingSpec:
			props := obj{}
			for _, k := range sim.ActorIDs() {
				props = append(props, member{k, fieldSchema(f.sub.open)})
			}
			s = obj{{"type", "object"}, {"properties", props}, {"additionalProperties", false}}
		case f.sub != nil:
			s = tableSchema(f.sub)
		default:
			s = obj{{"type", "object"}}
		}
	case kEntries:
		item := tableSchema(f.sub)
		if f.sub == actorSpec {
			item = actorSchema()
		}
		s = obj{{"type", "array"}, {"maxItems", maxEntities}, {"items", item}}
	case kPoints:
		s = obj{{"type", "array"}, {"maxItems", maxPoints}, {"items", defRef("pair")}}
	case kSiteIDs:
		s = obj{{"type", "array"}, {"minItems", 2}, {"maxItems", maxPoints}, {"uniqueItems", true},
			{"items", obj{{"type", "string"}, {"pattern", idPattern.String()}}}}
	case kSiteOrPoint:
		s = obj{{"anyOf", []any{obj{{"type", "string"}, {"pattern", idPattern.String()}}, defRef("point")}}}
	case kNumberOrTable:
		s = obj{{"anyOf", []any{numberSchema(f.q), tableSchema(f.sub)}}}
	case kEffects:
		s = obj{{"type", "array"}, {"minItems", 1}, {"maxItems", maxEffects}, {"items", defRef("effect")}}
	case kWhen:
		cond := tableSchema(f.sub)
		several := func(k string) obj {
			return obj{{"type", "object"}, {"properties", obj{{k, obj{{"type", "array"}, {"minItems", 2}, {"items", cond}}}}},
				{"required", []string{k}}, {"additionalProperties", false}}
		}
		s = obj{{"anyOf", []any{cond, several("all"), several("any")}}}
	}
	if d := describeField(f); d != "" {
		s = s.set("description", d)
	}
	if f.def != nil {
		s = s.set("default", f.def)
	}
	return s
}

// set replaces the member k, or appends it.
func (o obj) set(k string, v any) obj {
	for i := range o {
		if o[i].k == k {
			o[i].v = v
			return o
		}
	}
	return append(o, member{k, v})
}

// describeField is a key's documentation with its unit and range, as an
// editor shows it on hover.
func describeField(f *field) string {
	d := f.doc
	var extra []string
	if f.unit != "" {
		extra = append(extra, "unit: "+f.unit)
	}
	if f.kind == kNumber || f.kind == kNumberOrTable {
		extra = append(extra, strings.TrimPrefix(strings.TrimPrefix(f.q.rangeHint(), "must lie in "), "must be "))
		if f.q.unit == sim.UnitCount {
			extra = append(extra, "a whole number")
		}
	}
	if len(extra) > 0 {
		if d != "" {
			d += " "
		}
		d += "(" + strings.Join(extra, "; ") + ")"
	}
	return d
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func defRef(def string) obj { return obj{{"$ref", "#/definitions/" + def}} }

// numberSchema is a number (an integer when q counts) within q.
func numberSchema(q qty) obj {
	typ := "number"
	if q.unit == sim.UnitCount {
		typ = "integer"
	}
	s := obj{{"type", typ}}
	if q.open {
		s = append(s, member{"exclusiveMinimum", q.min})
	} else {
		s = append(s, member{"minimum", q.min})
	}
	if q.max != math.MaxFloat64 {
		s = append(s, member{"maximum", q.max})
	}
	return s
}

func coordSchema(q qty, what string) obj {
	return append(numberSchema(q), member{"description", what})
}

// paramsProperties lists every model constant.
func paramsProperties() obj {
	props := obj{}
	for _, s := range sim.ParamSpecs() {
		f := field{key: s.Key, kind: kNumber, q: qty{unit: s.Unit, min: s.Min, max: s.Max}, unit: unitWords(s.Unit), def: s.Default, doc: s.Doc}
		props = append(props, member{s.Key, fieldSchema(&f)})
	}
	return props
}

// unitWords names a unit as the docs do.
func unitWords(u sim.Unit) string {
	switch u {
	case sim.UnitCount:
		return "count"
	case sim.UnitFraction:
		return "fraction"
	case sim.UnitLevel:
		return "level"
	}
	return "km"
}

// actorSchema is an [[actor]] entry: for each actor, its policies and the
// parameters they take (for the minor actors, neither).
func actorSchema() obj {
	var alts []any
	for _, id := range sim.ActorIDs() {
		a, _ := sim.ParseActor(id)
		props := obj{
			{"id", obj{{"const", id}}},
			{"present", fieldSchema(actorSpec.field("present"))},
		}
		if names := ai.Names(a); len(names) > 0 {
			policy := *actorSpec.field("policy")
			policy.enum = func() []string { return names }
			params := obj{}
			seen := map[string]bool{}
			for _, spec := range ai.Specs() {
				if spec.Actor != a {
					continue
				}
				for _, p := range spec.Params {
					if seen[p.Key] {
						continue
					}
					seen[p.Key] = true
					f := field{key: p.Key, kind: kNumber, q: qty{unit: p.Unit, min: p.Min, max: p.Max}, unit: unitWords(p.Unit),
						doc: fmt.Sprintf("%s (policies: %s)", p.Doc, strings.Join(policiesWith(a, p.Key), ", "))}
					params = append(params, member{p.Key, fieldSchema(&f)})
				}
			}
			props = append(props,
				member{"policy", fieldSchema(&policy)},
				member{"params", obj{{"type", "object"}, {"description", actorSpec.field("params").doc}, {"properties", params}, {"additionalProperties", false}}})
		}
		alts = append(alts, obj{{"properties", props}, {"additionalProperties", false}})
	}
	base := tableSchema(actorSpec)
	out := obj{}
	for _, m := range base {
		if m.k != "additionalProperties" {
			out = append(out, m)
		}
	}
	return append(out, member{"oneOf", alts})
}

// policiesWith lists the policies of a that take parameter key.
func policiesWith(a sim.Actor, key string) []string {
	var out []string
	for _, spec := range ai.Specs() {
		if spec.Actor != a {
			continue
		}
		for _, p := range spec.Params {
			if p.Key == key {
				out = append(out, spec.Name)
			}
		}
	}
	return out
}

// effectSchema is one effect: a table with exactly one key, the kind.
func effectSchema() obj {
	props := obj{}
	for k, form := range effectForms {
		id := sim.EffectKindIDs()[k]
		var s obj
		if form.value != nil {
			s = fieldSchema(form.value)
		} else {
			s = tableSchema(form.table)
		}
		d := form.doc
		if form.addSet != nil {
			d += "; give add (a change) or set (a new value)"
		}
		props = append(props, member{id, s.set("description", d)})
	}
	return obj{{"type", "object"}, {"description", "one change: a table with exactly one key, the kind of change"},
		{"minProperties", 1}, {"maxProperties", 1}, {"properties", props}, {"additionalProperties", false}}
}
