package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/deconflict/deconflict/assets/internal/mapfmt"
)

// topology is the part of a TopoJSON document the generator uses. Arcs are
// decoded to absolute positions in coordinate units once, up front.
type topology struct {
	arcs    []mapfmt.Path
	objects map[string]geometry
}

// geometry is a TopoJSON geometry object. Arcs stays raw because its nesting
// depth depends on Type.
type geometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties map[string]any  `json:"properties"`
	Arcs       json.RawMessage `json:"arcs"`
	Geometries []geometry      `json:"geometries"`
}

type rawTopology struct {
	Type      string              `json:"type"`
	Transform *transform          `json:"transform"`
	Arcs      [][][]float64       `json:"arcs"`
	Objects   map[string]geometry `json:"objects"`
}

type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

// parseTopology decodes a TopoJSON document. With a transform, arc positions
// are quantized and delta-encoded; without one they are absolute degrees.
func parseTopology(data []byte) (*topology, error) {
	var raw rawTopology
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("parse topology: %w", err)
	}
	if raw.Type != "Topology" {
		return nil, fmt.Errorf("parse topology: type %q, want Topology", raw.Type)
	}
	t := &topology{arcs: make([]mapfmt.Path, len(raw.Arcs)), objects: raw.Objects}
	for i, arc := range raw.Arcs {
		p, err := decodeArc(arc, raw.Transform)
		if err != nil {
			return nil, fmt.Errorf("parse topology: arc %d: %w", i, err)
		}
		t.arcs[i] = p
	}
	return t, nil
}

// decodeArc turns one arc's positions into absolute points in coordinate units.
func decodeArc(arc [][]float64, tr *transform) (mapfmt.Path, error) {
	if len(arc) < 2 {
		return nil, fmt.Errorf("%d positions, need 2", len(arc))
	}
	p := make(mapfmt.Path, len(arc))
	var qx, qy float64
	for i, pos := range arc {
		if len(pos) < 2 {
			return nil, fmt.Errorf("position %d has %d values", i, len(pos))
		}
		x, y := pos[0], pos[1]
		if tr != nil {
			qx, qy = qx+x, qy+y
			// The explicit conversions forbid fused multiply-add, so every
			// platform rounds identically and output stays byte-for-byte stable.
			x = float64(qx*tr.Scale[0]) + tr.Translate[0]
			y = float64(qy*tr.Scale[1]) + tr.Translate[1]
		}
		pt, err := toUnits(x, y)
		if err != nil {
			return nil, fmt.Errorf("position %d: %w", i, err)
		}
		p[i] = pt
	}
	return p, nil
}

// toUnits rounds a longitude and latitude in degrees to coordinate units.
// Rounding comes first so that float noise at ±180° is not an error.
func toUnits(lon, lat float64) (mapfmt.Point, error) {
	x, y := math.Round(lon*mapfmt.PerDegree), math.Round(lat*mapfmt.PerDegree)
	if !(math.Abs(x) <= 180*mapfmt.PerDegree && math.Abs(y) <= 90*mapfmt.PerDegree) {
		return mapfmt.Point{}, fmt.Errorf("(%g, %g) is not a longitude and latitude", lon, lat)
	}
	return mapfmt.Point{X: int32(x), Y: int32(y)}, nil
}

// arcPath returns arc i, reversed when i is negative (~i in TopoJSON terms).
func arcPath(arcs []mapfmt.Path, i int) (mapfmt.Path, error) {
	rev := i < 0
	if rev {
		i = ^i
	}
	if i >= len(arcs) {
		return nil, fmt.Errorf("arc index %d out of range", i)
	}
	p := arcs[i]
	if !rev {
		return p, nil
	}
	r := make(mapfmt.Path, len(p))
	for j, q := range p {
		r[len(p)-1-j] = q
	}
	return r, nil
}

// stitch joins a sequence of arcs into one path, dropping the first point of
// each arc after the first since it repeats the previous arc's last point.
func stitch(arcs []mapfmt.Path, refs []int) (mapfmt.Path, error) {
	var out mapfmt.Path
	for k, ref := range refs {
		p, err := arcPath(arcs, ref)
		if err != nil {
			return nil, err
		}
		if k > 0 {
			p = p[1:]
		}
		out = append(out, p...)
	}
	return out, nil
}

// lines returns the polylines of a LineString or MultiLineString as lists of
// arc references, and nothing for other types.
func (g *geometry) lines() ([][]int, error) {
	switch g.Type {
	case "LineString":
		var refs []int
		if err := json.Unmarshal(g.Arcs, &refs); err != nil {
			return nil, fmt.Errorf("%s arcs: %w", g.Type, err)
		}
		return [][]int{refs}, nil
	case "MultiLineString":
		var refs [][]int
		if err := json.Unmarshal(g.Arcs, &refs); err != nil {
			return nil, fmt.Errorf("%s arcs: %w", g.Type, err)
		}
		return refs, nil
	}
	return nil, nil
}

// rings returns every ring of a Polygon or MultiPolygon as a list of arc
// references, flattened: the map format fills with the even-odd rule, so
// which ring is a hole of which polygon need not be kept.
func (g *geometry) rings() ([][]int, error) {
	switch g.Type {
	case "Polygon":
		var refs [][]int
		if err := json.Unmarshal(g.Arcs, &refs); err != nil {
			return nil, fmt.Errorf("%s arcs: %w", g.Type, err)
		}
		return refs, nil
	case "MultiPolygon":
		var refs [][][]int
		if err := json.Unmarshal(g.Arcs, &refs); err != nil {
			return nil, fmt.Errorf("%s arcs: %w", g.Type, err)
		}
		var out [][]int
		for _, poly := range refs {
			out = append(out, poly...)
		}
		return out, nil
	}
	return nil, nil
}

// collection returns the member geometries of the named GeometryCollection.
func (t *topology) collection(name string) ([]geometry, error) {
	obj, ok := t.objects[name]
	if !ok {
		return nil, fmt.Errorf("no object %q", name)
	}
	if obj.Type != "GeometryCollection" {
		return nil, fmt.Errorf("object %q is a %s, want GeometryCollection", name, obj.Type)
	}
	return obj.Geometries, nil
}

// stringProp returns a string property, or "" when absent.
func (g *geometry) stringProp(key string) string {
	s, _ := g.Properties[key].(string)
	return s
}

// id returns the geometry's id as a string, whether encoded as a JSON string
// or number, or "" when absent.
func (g *geometry) id() (string, error) {
	if len(g.ID) == 0 || string(g.ID) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(g.ID, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(g.ID, &n); err != nil {
		return "", errors.New("id is neither string nor number")
	}
	return n.String(), nil
}
