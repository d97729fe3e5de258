package main

// The 1:50m river and lake layers carry no names, so names are attached by
// probe points: each river probe names the river passing nearest to it, which
// must be within withinKm, and each lake probe names the lake containing it.
// A probe that matches nothing, or a feature claimed by two names, stops the
// generator, so a change of source data cannot silently drop or mix names.

// probe is a point known to lie on, or inside, a named feature.
type probe struct {
	name     string
	lon, lat float64
	withinKm float64 // rivers only
}

func riverProbes() []probe {
	return []probe{
		{name: "Euphrates", lon: 38.01, lat: 36.82, withinKm: 15}, // at Jarabulus
		{name: "Tigris", lon: 43.13, lat: 36.34, withinKm: 15},    // at Mosul
		{name: "Jordan", lon: 35.55, lat: 32.30, withinKm: 15},    // below the Sea of Galilee
	}
}

func lakeProbes() []probe {
	return []probe{
		{name: "Dead Sea", lon: 35.50, lat: 31.50},
		{name: "Dead Sea", lon: 35.46, lat: 31.16}, // southern basin
		{name: "Sea of Galilee", lon: 35.59, lat: 32.82},
		{name: "Lake Tharthar", lon: 43.30, lat: 34.00},
		{name: "Lake Razazza", lon: 43.60, lat: 32.80},
		{name: "Lake Tuz", lon: 33.40, lat: 38.70},
		{name: "Lake Van", lon: 42.80, lat: 38.60},
	}
}

// isoAlpha3 maps the ISO 3166-1 numeric ids used by world-atlas to alpha-3
// codes, for the countries that reach into the map.
func isoAlpha3(numeric string) (string, bool) {
	switch numeric {
	case "031":
		return "AZE", true
	case "051":
		return "ARM", true
	case "196":
		return "CYP", true
	case "275":
		return "PSE", true
	case "364":
		return "IRN", true
	case "368":
		return "IRQ", true
	case "376":
		return "ISR", true
	case "400":
		return "JOR", true
	case "422":
		return "LBN", true
	case "682":
		return "SAU", true
	case "760":
		return "SYR", true
	case "792":
		return "TUR", true
	case "818":
		return "EGY", true
	}
	return "", false
}
