package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/deconflict/deconflict/assets/internal/mapfmt"
)

// config says what to cut out of the sources and how coarsely.
type config struct {
	box rect                 // clip rectangle
	tol [mapfmt.Levels]int64 // Douglas–Peucker tolerance per level, in units
}

// levelArcs holds every arc of a topology simplified at each level. Arcs are
// simplified before rings are assembled so that neighbours keep sharing
// identical borders at every level.
type levelArcs [mapfmt.Levels][]path

// simplifyArcs simplifies every arc at every level of cfg.
func simplifyArcs(arcs []path, cfg config) levelArcs {
	var la levelArcs
	for l := range la {
		la[l] = make([]path, len(arcs))
		for i, a := range arcs {
			la[l][i] = simplify(a, cfg.tol[l])
		}
	}
	return la
}

// arcsBounds returns the bounding box of the referenced arcs.
func arcsBounds(arcs []path, refs [][]int) rect {
	var pts path
	for _, ring := range refs {
		for _, ref := range ring {
			if ref < 0 {
				ref = ^ref
			}
			if ref < len(arcs) {
				b := bounds(arcs[ref])
				pts = append(pts, b.min, b.max)
			}
		}
	}
	if len(pts) == 0 {
		return rect{min: point{X: 1, Y: 1}} // empty (min > max): intersects nothing
	}
	return bounds(pts)
}

// polygonLevels assembles rings from simplified arcs and clips them to the
// box, dropping rings smaller than the level's tolerance squared.
func polygonLevels(la levelArcs, refs [][]int, cfg config) ([mapfmt.Levels][]path, error) {
	var out [mapfmt.Levels][]path
	for l := range out {
		for _, ringRefs := range refs {
			ring, err := stitch(la[l], ringRefs)
			if err != nil {
				return out, err
			}
			c := clipRing(ring, cfg.box)
			if c != nil && area2(c) >= uint64(2*cfg.tol[l]*cfg.tol[l]) {
				out[l] = append(out[l], c)
			}
		}
	}
	return out, nil
}

// lineLevels simplifies a polyline per level and clips it to the box.
func lineLevels(line path, cfg config) [mapfmt.Levels][]path {
	var out [mapfmt.Levels][]path
	for l := range out {
		out[l] = clipLine(simplify(line, cfg.tol[l]), cfg.box)
	}
	return out
}

// buildCountries returns the countries that reach into the box, sorted by
// name, plus their borders and coastlines. A border is an arc shared by two
// countries; a coastline is an arc used by one country only once.
func buildCountries(t *topology, cfg config) (countries, borders, coasts []mapfmt.Feature, err error) {
	geoms, err := t.collection("countries")
	if err != nil {
		return nil, nil, nil, err
	}
	la := simplifyArcs(t.arcs, cfg)
	users := make([][]string, len(t.arcs)) // country names per arc use
	for i := range geoms {
		g := &geoms[i]
		name := g.stringProp("name")
		refs, err := g.rings()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("country %d (%q): %w", i, name, err)
		}
		for _, ring := range refs {
			for _, ref := range ring {
				if ref < 0 {
					ref = ^ref
				}
				if ref < len(users) {
					users[ref] = append(users[ref], name)
				}
			}
		}
		if !arcsBounds(t.arcs, refs).intersects(cfg.box) {
			continue
		}
		levels, err := polygonLevels(la, refs, cfg)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("country %q: %w", name, err)
		}
		if len(levels[mapfmt.Levels-1]) == 0 {
			continue
		}
		id, err := g.id()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("country %q: %w", name, err)
		}
		code, ok := isoAlpha3(id)
		if id != "" && !ok {
			return nil, nil, nil, fmt.Errorf("country %q: no alpha-3 code for ISO numeric %q; add it to isoAlpha3", name, id)
		}
		if name == "" {
			return nil, nil, nil, fmt.Errorf("country %d has no name", i)
		}
		countries = append(countries, mapfmt.Feature{Labels: []string{name, code}, Levels: levels})
	}
	slices.SortStableFunc(countries, func(a, b mapfmt.Feature) int { return cmp.Compare(a.Labels[0], b.Labels[0]) })

	isKept := map[string]bool{}
	for _, c := range countries {
		isKept[c.Labels[0]] = true
	}
	lines := map[[2]string]*mapfmt.Feature{} // keyed by (A, B) for borders, (country, "") for coasts
	for i, u := range users {
		var key [2]string
		switch {
		case len(u) == 1 && isKept[u[0]]:
			key = [2]string{u[0], ""}
		case len(u) == 2 && u[0] != u[1] && isKept[u[0]] && isKept[u[1]]:
			key = [2]string{min(u[0], u[1]), max(u[0], u[1])}
		default:
			continue
		}
		if !bounds(t.arcs[i]).intersects(cfg.box) {
			continue
		}
		f := lines[key]
		if f == nil {
			f = &mapfmt.Feature{Labels: []string{key[0]}}
			if key[1] != "" {
				f.Labels = append(f.Labels, key[1])
			}
			lines[key] = f
		}
		for l := range f.Levels {
			f.Levels[l] = append(f.Levels[l], clipLine(la[l][i], cfg.box)...)
		}
	}
	for _, key := range slices.SortedFunc(maps.Keys(lines), compareKeys) {
		f := *lines[key]
		if len(f.Levels[mapfmt.Levels-1]) == 0 {
			continue
		}
		if key[1] == "" {
			coasts = append(coasts, f)
		} else {
			borders = append(borders, f)
		}
	}
	return countries, borders, coasts, nil
}

func compareKeys(a, b [2]string) int {
	return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
}

// chainLines joins polylines that meet end to end at a point no other line
// touches, so a river cut into pieces by the source becomes one line while
// confluences stay separate.
func chainLines(lines []path) []path {
	degree := map[point]int{}
	for _, l := range lines {
		degree[l[0]]++
		degree[l[len(l)-1]]++
	}
	live := slices.Clone(lines)
	alive := make([]bool, len(live))
	for i := range alive {
		alive[i] = true
	}
	for i := range live {
		for changed := alive[i]; changed; {
			changed = false
			cur := live[i]
			start, end := cur[0], cur[len(cur)-1]
			for j := range live {
				if j == i || !alive[j] {
					continue
				}
				o := live[j]
				os, oe := o[0], o[len(o)-1]
				switch {
				case degree[end] == 2 && end == os:
					cur = append(slices.Clone(cur), o[1:]...)
				case degree[end] == 2 && end == oe:
					cur = append(slices.Clone(cur), reversed(o)[1:]...)
				case degree[start] == 2 && start == oe:
					cur = append(slices.Clone(o), cur[1:]...)
				case degree[start] == 2 && start == os:
					cur = append(reversed(o), cur[1:]...)
				default:
					continue
				}
				live[i], alive[j], changed = cur, false, true
				break
			}
		}
	}
	var out []path
	for i, l := range live {
		if alive[i] {
			out = append(out, l)
		}
	}
	return out
}

func reversed(p path) path {
	r := slices.Clone(p)
	slices.Reverse(r)
	return r
}

// buildRivers chains the river centre lines, clips them and names those
// matched by riverProbes.
func buildRivers(t *topology, cfg config) ([]mapfmt.Feature, error) {
	geoms, err := t.collection("rivers")
	if err != nil {
		return nil, err
	}
	var lines []path
	for i := range geoms {
		refs, err := geoms[i].lines()
		if err != nil {
			return nil, fmt.Errorf("river %d: %w", i, err)
		}
		for _, r := range refs {
			l, err := stitch(t.arcs, r)
			if err != nil {
				return nil, fmt.Errorf("river %d: %w", i, err)
			}
			lines = append(lines, l)
		}
	}
	var rivers []mapfmt.Feature
	for _, chain := range chainLines(lines) {
		lv := lineLevels(chain, cfg)
		if len(lv[mapfmt.Levels-1]) > 0 {
			rivers = append(rivers, mapfmt.Feature{Labels: []string{""}, Levels: lv})
		}
	}
	for _, p := range riverProbes() {
		at, err := toUnits(p.lon, p.lat)
		if err != nil {
			return nil, fmt.Errorf("river probe %q: %w", p.name, err)
		}
		best, bestKm := -1, p.withinKm
		for i, r := range rivers {
			for _, piece := range r.Levels[mapfmt.Levels-1] {
				if d := distKm(at, piece); d < bestKm {
					best, bestKm = i, d
				}
			}
		}
		if best < 0 {
			return nil, fmt.Errorf("river probe %q: no river within %g km", p.name, p.withinKm)
		}
		if n := rivers[best].Labels[0]; n != "" && n != p.name {
			return nil, fmt.Errorf("river probe %q: nearest river is already named %q", p.name, n)
		}
		rivers[best].Labels[0] = p.name
	}
	return rivers, nil
}

// buildLakes clips the lake polygons and names those containing a lakeProbes
// point.
func buildLakes(t *topology, cfg config) ([]mapfmt.Feature, error) {
	geoms, err := t.collection("lakes")
	if err != nil {
		return nil, err
	}
	la := simplifyArcs(t.arcs, cfg)
	var lakes []mapfmt.Feature
	for i := range geoms {
		refs, err := geoms[i].rings()
		if err != nil {
			return nil, fmt.Errorf("lake %d: %w", i, err)
		}
		if !arcsBounds(t.arcs, refs).intersects(cfg.box) {
			continue
		}
		lv, err := polygonLevels(la, refs, cfg)
		if err != nil {
			return nil, fmt.Errorf("lake %d: %w", i, err)
		}
		if len(lv[mapfmt.Levels-1]) > 0 {
			lakes = append(lakes, mapfmt.Feature{Labels: []string{""}, Levels: lv})
		}
	}
	for _, p := range lakeProbes() {
		at, err := toUnits(p.lon, p.lat)
		if err != nil {
			return nil, fmt.Errorf("lake probe %q: %w", p.name, err)
		}
		i := slices.IndexFunc(lakes, func(f mapfmt.Feature) bool { return insideRings(at, f.Levels[mapfmt.Levels-1]) })
		if i < 0 {
			return nil, fmt.Errorf("lake probe %q: no lake contains (%g, %g)", p.name, p.lon, p.lat)
		}
		if n := lakes[i].Labels[0]; n != "" {
			return nil, fmt.Errorf("lake probe %q: lake is already named %q", p.name, n)
		}
		lakes[i].Labels[0] = p.name
	}
	return lakes, nil
}

// build derives the whole map file from the two source topologies.
func build(countriesTopo, physicalTopo *topology, cfg config) (*mapfmt.File, error) {
	f := &mapfmt.File{Min: cfg.box.min, Max: cfg.box.max}
	for l, t := range cfg.tol {
		f.Tolerance[l] = int32(t)
	}
	var err error
	s := &f.Sections
	if s[mapfmt.Countries], s[mapfmt.Borders], s[mapfmt.Coastlines], err = buildCountries(countriesTopo, cfg); err != nil {
		return nil, fmt.Errorf("countries: %w", err)
	}
	if s[mapfmt.Rivers], err = buildRivers(physicalTopo, cfg); err != nil {
		return nil, fmt.Errorf("rivers: %w", err)
	}
	if s[mapfmt.Lakes], err = buildLakes(physicalTopo, cfg); err != nil {
		return nil, fmt.Errorf("lakes: %w", err)
	}
	return f, nil
}
