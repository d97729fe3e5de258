package view

import "github.com/deconflict/deconflict/sim"

// Affiliation is how a unit relates to the player, which sets the frame of
// its map symbol as in APP-6.
type Affiliation uint8

// The affiliations and their frames.
const (
	Friend  Affiliation = iota // rectangle
	Hostile                    // diamond
	Neutral                    // square
	Unknown                    // quatrefoil
)

// camp returns the side of the shadow war an actor is on: 1 the Western
// side, 2 Iran and its allies, 0 neither.
func camp(a sim.Actor) int {
	switch a {
	case sim.USA, sim.Israel, sim.SDF:
		return 1
	case sim.Iran, sim.Hezbollah, sim.Syria:
		return 2
	}
	return 0
}

// AffiliationOf returns how an owner relates to the player's role. A
// spectator sees the war from the Western side's frames (colours still tell
// every actor apart). The Islamic State is hostile to all; Russia and Turkey
// are neutral to all.
func AffiliationOf(role, owner sim.Actor) Affiliation {
	if role == sim.NoActor {
		role = sim.USA
	}
	switch {
	case owner >= sim.NumActors:
		return Unknown
	case owner == role:
		return Friend
	case owner == sim.ISIS:
		return Hostile
	case owner == sim.Russia || owner == sim.Turkey || role == sim.Russia || role == sim.Turkey:
		return Neutral
	case role == sim.ISIS:
		return Hostile
	case camp(role) == camp(owner):
		return Friend
	}
	return Hostile
}

// Glyph is the icon inside a symbol's frame.
type Glyph uint8

// The glyphs.
const (
	GlyphNone        Glyph = iota
	GlyphInfantry          // garrison: the crossed box of infantry
	GlyphAirbase           // airbase: a stylised aircraft
	GlyphSupply            // depot: the bar of a supply unit
	GlyphAirDefence        // air defence: the dome
	GlyphMilitia           // militia: infantry with the irregular "M"
	GlyphObservation       // position: a triangle
	GlyphCrossing          // border crossing: a bridge
	GlyphOil               // oilfield: a drop
	GlyphConvoy            // shipment: wheels
)

// Symbol is how one thing is drawn on the map.
type Symbol struct {
	Frame Affiliation
	Glyph Glyph
	Owner sim.Actor
	City  bool // cities are a dot and a name, not a unit symbol
}

// SiteSymbol returns the symbol of a site held by owner (who holds it now:
// Observation.Owner) as seen by role.
func SiteSymbol(role, owner sim.Actor, s *sim.Site) Symbol {
	sym := Symbol{Frame: AffiliationOf(role, owner), Owner: owner}
	switch s.Kind {
	case sim.SiteCity:
		sym.City = true
	case sim.SiteGarrison:
		sym.Glyph = GlyphInfantry
	case sim.SiteAirbase:
		sym.Glyph = GlyphAirbase
	case sim.SiteDepot:
		sym.Glyph = GlyphSupply
	case sim.SiteAirDefence:
		sym.Glyph = GlyphAirDefence
	case sim.SiteMilitia:
		sym.Glyph = GlyphMilitia
	case sim.SitePosition:
		sym.Glyph = GlyphObservation
	case sim.SiteCrossing:
		sym.Glyph = GlyphCrossing
	case sim.SiteOilfield:
		sym.Glyph = GlyphOil
	}
	return sym
}

// ShipmentSymbol returns the symbol of an Iranian weapons shipment.
func ShipmentSymbol(role sim.Actor) Symbol {
	return Symbol{Frame: AffiliationOf(role, sim.Iran), Glyph: GlyphConvoy, Owner: sim.Iran}
}

// KindWord names a site kind for people.
func KindWord(k sim.SiteKind) string {
	if k >= sim.NumSiteKinds {
		return k.String()
	}
	return [sim.NumSiteKinds]string{"city", "garrison", "airbase", "weapons depot", "air-defence site",
		"militia base", "military position", "border crossing", "oilfield base"}[k]
}
