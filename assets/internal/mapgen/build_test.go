package main

import (
	"slices"
	"testing"
)

// Two squares side by side, sharing arc 1, the right-hand one reaching past
// the clip box, and a third country far outside it.
const twoSquares = `{"type":"Topology","arcs":[
	[[1,0],[0,0],[0,1],[1,1]],
	[[1,1],[1,0]],
	[[1,0],[3,0],[3,1],[1,1]],
	[[50,0],[50.001,0],[50.001,0.001],[50,0]]
],"objects":{"countries":{"type":"GeometryCollection","geometries":[
	{"type":"Polygon","id":"760","properties":{"name":"Syria"},"arcs":[[0,1]]},
	{"type":"Polygon","id":"422","properties":{"name":"Lebanon"},"arcs":[[2,-2]]},
	{"type":"Polygon","properties":{"name":"Far Away"},"arcs":[[3]]}
]}}}`

func TestBuildCountries(t *testing.T) {
	topo, err := parseTopology([]byte(twoSquares))
	if err != nil {
		t.Fatal(err)
	}
	cfg := config{box: rect{max: point{X: 200000, Y: 100000}}, tol: [3]int64{10, 5, 1}}
	countries, borders, coasts, err := buildCountries(topo, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(countries) != 2 || countries[0].Labels[0] != "Lebanon" || countries[0].Labels[1] != "LBN" || countries[1].Labels[1] != "SYR" {
		t.Fatalf("countries = %v", countries)
	}
	lebanon := countries[0].Levels[2]
	if len(lebanon) != 1 || !slices.Contains(lebanon[0], point{X: 200000, Y: 100000}) {
		t.Errorf("Lebanon not clipped at the box: %v", lebanon)
	}
	if len(borders) != 1 || !slices.Equal(borders[0].Labels, []string{"Lebanon", "Syria"}) {
		t.Fatalf("borders = %v", borders)
	}
	wantBorder := []path{{{X: 100000, Y: 100000}, {X: 100000, Y: 0}}}
	if !slices.EqualFunc(borders[0].Levels[2], wantBorder, slices.Equal) {
		t.Errorf("border = %v, want %v", borders[0].Levels[2], wantBorder)
	}
	if len(coasts) != 2 || coasts[0].Labels[0] != "Lebanon" || coasts[1].Labels[0] != "Syria" {
		t.Errorf("coasts = %v", coasts)
	}
}

func TestBuildCountriesNeedsCode(t *testing.T) {
	topo, err := parseTopology([]byte(twoSquares))
	if err != nil {
		t.Fatal(err)
	}
	topo.objects["countries"].Geometries[0].ID = []byte(`"999"`)
	cfg := config{box: rect{max: point{X: 200000, Y: 100000}}, tol: [3]int64{10, 5, 1}}
	if _, _, _, err := buildCountries(topo, cfg); err == nil {
		t.Error("a country with an unknown ISO numeric id was accepted")
	}
}
