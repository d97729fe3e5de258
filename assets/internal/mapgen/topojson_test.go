package main

import (
	"slices"
	"testing"
)

func TestParseTopologyArcs(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []path
	}{
		{
			name: "quantized and delta-encoded",
			doc: `{"type":"Topology","transform":{"scale":[0.5,0.25],"translate":[30,20]},
				"arcs":[[[10,40],[2,-4],[-1,0]]],"objects":{}}`,
			// (10,40) → (35, 30); (12,36) → (36, 29); (11,36) → (35.5, 29)
			want: []path{{{X: 3500000, Y: 3000000}, {X: 3600000, Y: 2900000}, {X: 3550000, Y: 2900000}}},
		},
		{
			name: "absolute degrees without transform, extra dimensions ignored",
			doc:  `{"type":"Topology","arcs":[[[36.29,33.51,7],[35.5,33.89]]],"objects":{}}`,
			want: []path{{{X: 3629000, Y: 3351000}, {X: 3550000, Y: 3389000}}},
		},
		{
			name: "float noise at the antimeridian rounds into range",
			doc:  `{"type":"Topology","arcs":[[[180.000000001,0],[-180,-90]]],"objects":{}}`,
			want: []path{{{X: 18000000, Y: 0}, {X: -18000000, Y: -9000000}}},
		},
	}
	for _, tt := range tests {
		topo, err := parseTopology([]byte(tt.doc))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !slices.EqualFunc(topo.arcs, tt.want, slices.Equal) {
			t.Errorf("%s: arcs = %v, want %v", tt.name, topo.arcs, tt.want)
		}
	}
}

func TestParseTopologyErrors(t *testing.T) {
	for _, doc := range []string{
		`not json`,
		`{"type":"FeatureCollection","arcs":[],"objects":{}}`,
		`{"type":"Topology","arcs":[[[1,2]]],"objects":{}}`,         // one position
		`{"type":"Topology","arcs":[[[1],[2,3]]],"objects":{}}`,     // short position
		`{"type":"Topology","arcs":[[[200,0],[0,0]]],"objects":{}}`, // off the globe
	} {
		if _, err := parseTopology([]byte(doc)); err == nil {
			t.Errorf("parseTopology(%s) succeeded", doc)
		}
	}
}

func TestStitch(t *testing.T) {
	arcs := []path{
		{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 2, Y: 0}},
		{{X: 2, Y: 2}, {X: 2, Y: 1}, {X: 2, Y: 0}},
	}
	got, err := stitch(arcs, []int{0, ^1}) // arc 1 reversed
	if err != nil {
		t.Fatal(err)
	}
	want := path{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 2, Y: 0}, {X: 2, Y: 1}, {X: 2, Y: 2}}
	if !slices.Equal(got, want) {
		t.Errorf("stitch = %v, want %v", got, want)
	}
	if !slices.Equal(arcs[1], path{{X: 2, Y: 2}, {X: 2, Y: 1}, {X: 2, Y: 0}}) {
		t.Error("stitch modified its input")
	}
	if _, err := stitch(arcs, []int{2}); err == nil {
		t.Error("stitch accepted an out-of-range arc")
	}
}

func TestGeometryParts(t *testing.T) {
	doc := `{"type":"Topology","arcs":[],"objects":{"c":{"type":"GeometryCollection","geometries":[
		{"type":"Polygon","id":"760","properties":{"name":"Syria"},"arcs":[[0],[1]]},
		{"type":"MultiPolygon","id":196,"arcs":[[[2]],[[3],[-5]]]},
		{"type":"MultiLineString","arcs":[[5,6],[7]]},
		{"type":"Point","coordinates":[0,0]}]}}}`
	topo, err := parseTopology([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	geoms, err := topo.collection("c")
	if err != nil {
		t.Fatal(err)
	}
	rings0, _ := geoms[0].rings()
	rings1, _ := geoms[1].rings()
	lines2, _ := geoms[2].lines()
	rings3, _ := geoms[3].rings()
	id0, _ := geoms[0].id()
	id1, _ := geoms[1].id()
	switch {
	case len(rings0) != 2 || len(rings1) != 3 || rings1[2][0] != ^4:
		t.Errorf("rings = %v, %v", rings0, rings1)
	case len(lines2) != 2 || !slices.Equal(lines2[0], []int{5, 6}):
		t.Errorf("lines = %v", lines2)
	case rings3 != nil:
		t.Errorf("a Point has rings %v", rings3)
	case id0 != "760" || id1 != "196" || geoms[0].stringProp("name") != "Syria" || geoms[1].stringProp("name") != "":
		t.Errorf("ids %q %q, names %q %q", id0, id1, geoms[0].stringProp("name"), geoms[1].stringProp("name"))
	}
	if _, err := topo.collection("missing"); err == nil {
		t.Error("collection of a missing object succeeded")
	}
}
