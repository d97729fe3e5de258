package scenario_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

const schemaPath = "../../docs/scenario.schema.json"

// TestSchemaFileUpToDate keeps docs/scenario.schema.json equal to what
// deconflict-sim schema prints; -update rewrites it.
func TestSchemaFileUpToDate(t *testing.T) {
	fresh := scenario.Schema()
	if *update {
		if err := os.WriteFile(schemaPath, fresh, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(readFile(t, schemaPath), fresh) {
		t.Fatal("docs/scenario.schema.json is stale (run go test ./sim/scenario -run TestSchemaFileUpToDate -update)")
	}
}

// schemaNode is the part of a JSON Schema these tests read.
type schemaNode struct {
	Type             string                 `json:"type"`
	Properties       map[string]*schemaNode `json:"properties"`
	Items            *schemaNode            `json:"items"`
	Required         []string               `json:"required"`
	Minimum          *float64               `json:"minimum"`
	ExclusiveMinimum *float64               `json:"exclusiveMinimum"`
	Maximum          *float64               `json:"maximum"`
	Enum             []string               `json:"enum"`
	Description      string                 `json:"description"`
}

func loadSchema(t *testing.T) *schemaNode {
	t.Helper()
	var root schemaNode
	if err := json.Unmarshal(scenario.Schema(), &root); err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	return &root
}

// TestSchemaRangesMatchLoader reads each numeric key's range from the
// schema and checks it against the loader: the bounds load, a value just
// beyond them (or a fraction, for integers) is refused.
func TestSchemaRangesMatchLoader(t *testing.T) {
	root := loadSchema(t)
	base := readFile(t, "testdata/levant.toml")
	entries := map[string]string{"site": "s300-masyaf", "corridor": "iraq-lebanon", "route": "direct", "zone": "tanf-55km"}
	checked := 0
	for _, table := range []string{"initial", "site", "corridor", "route", "zone", "params"} {
		node := root.Properties[table]
		prefix := table
		if id, ok := entries[table]; ok {
			node, prefix = node.Items, table+"."+id
		}
		if node == nil || len(node.Properties) == 0 {
			t.Fatalf("the schema has no keys for %s", table)
		}
		for key, p := range node.Properties {
			if p.Type != "number" && p.Type != "integer" {
				continue
			}
			if table == "zone" && key != "radius_km" {
				continue
			}
			set := func(v float64) error {
				o := scenario.Override{Key: prefix + "." + key, Value: strconv.FormatFloat(v, 'f', -1, 64)}
				_, err := scenario.Load("levant.toml", base, []scenario.Override{o})
				return err
			}
			lo, loOpen := p.Minimum, false
			if p.ExclusiveMinimum != nil {
				lo, loOpen = p.ExclusiveMinimum, true
			}
			if lo == nil || p.Maximum == nil {
				t.Errorf("%s.%s: the schema gives no range", prefix, key)
				continue
			}
			step := 0.001
			if p.Type == "integer" {
				step = 1
				if err := set(*p.Maximum - 0.5); err == nil {
					t.Errorf("%s.%s: the loader takes a fraction the schema calls an integer", prefix, key)
				}
			}
			if err := set(*p.Maximum); err != nil {
				t.Errorf("%s.%s = %v (the schema's maximum): %v", prefix, key, *p.Maximum, err)
			}
			if err := set(*p.Maximum + step); err == nil {
				t.Errorf("%s.%s = %v (above the schema's maximum) loads", prefix, key, *p.Maximum+step)
			}
			if loOpen {
				if err := set(*lo); err == nil {
					t.Errorf("%s.%s = %v (the schema's exclusive minimum) loads", prefix, key, *lo)
				}
			} else if err := set(*lo - step); err == nil {
				t.Errorf("%s.%s = %v (below the schema's minimum) loads", prefix, key, *lo-step)
			}
			checked++
		}
	}
	// 5 plain numbers of [initial] (trust may also be a table), 8 of
	// [[site]], 4 of [[corridor]], 1 of [[route]] and [[zone]] each, and
	// every parameter.
	if want := 5 + 8 + 4 + 1 + 1 + int(sim.NumParams); checked != want {
		t.Errorf("checked %d numeric keys, want %d", checked, want)
	}
}

// TestSchemaKeysMatchLoader checks that every key the schema lists for an
// entry is one the loader knows: setting it never gives "unknown key".
func TestSchemaKeysMatchLoader(t *testing.T) {
	root := loadSchema(t)
	for table, want := range map[string][]string{
		"scenario":  {"id", "name", "description", "start", "end", "turn", "default_role", "briefing"},
		"site":      {"id", "name", "kind", "owner", "lat", "lon", "troops", "value", "hardness", "proximity", "ad_range_km", "ad_strength", "target"},
		"zone":      {"id", "name", "kind", "owner", "center", "radius_km", "polygon", "from", "to"},
		"route":     {"id", "name", "description", "path", "reach_km"},
		"corridor":  {"id", "name", "stops", "speed_km", "interval", "size", "dwell", "from", "to"},
		"event":     {"id", "at", "when", "after", "until", "chance", "repeat", "revert_days", "effects", "log"},
		"objective": {"id", "role", "metric", "op", "value", "site", "zone", "actor", "order", "if", "within_days", "required", "text"},
	} {
		node := root.Properties[table]
		if node.Items != nil {
			node = node.Items
		}
		if len(node.Properties) != len(want) {
			t.Errorf("%s: the schema lists %d keys, the format has %d", table, len(node.Properties), len(want))
		}
		for _, k := range want {
			if node.Properties[k] == nil {
				t.Errorf("%s: the schema lacks key %s", table, k)
			} else if node.Properties[k].Description == "" {
				t.Errorf("%s.%s: no description", table, k)
			}
		}
	}
}
