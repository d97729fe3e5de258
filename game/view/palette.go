// Package view turns what the engine tells a player into what the screens
// show, with no graphics dependency: the top bar, the decision cards and
// their choices, previews in words, the filtered event log, map labels that
// do not overlap, map symbols in the spirit of NATO APP-6, the colours of the
// actors, and the end-of-game explanations. The renderer only draws it.
package view

import (
	"image/color"

	"github.com/deconflict/deconflict/sim"
)

// The colours below make the operations-room look: a dark sea, muted
// land, Syria a shade lighter, and one bright colour per actor (ActorColor),
// the same on the map, the gauges and the log.

// Sea is the colour of the sea and the screen background.
func Sea() color.RGBA { return color.RGBA{0x0c, 0x17, 0x24, 0xff} }

// Land is the colour of land outside Syria.
func Land() color.RGBA { return color.RGBA{0x28, 0x2e, 0x33, 0xff} }

// Syria is the colour of Syria's land.
func Syria() color.RGBA { return color.RGBA{0x38, 0x42, 0x4a, 0xff} }

// Border is the colour of land borders.
func Border() color.RGBA { return color.RGBA{0x6d, 0x7a, 0x84, 0xff} }

// Coast is the colour of coastlines.
func Coast() color.RGBA { return color.RGBA{0x4f, 0x6a, 0x7e, 0xff} }

// River is the colour of rivers.
func River() color.RGBA { return color.RGBA{0x3f, 0x78, 0xa8, 0xff} }

// Lake is the colour of lakes.
func Lake() color.RGBA { return color.RGBA{0x1c, 0x33, 0x49, 0xff} }

// Panel is the colour of panel backgrounds.
func Panel() color.RGBA { return color.RGBA{0x14, 0x19, 0x1f, 0xf2} }

// PanelLine is the colour of panel edges and grid lines.
func PanelLine() color.RGBA { return color.RGBA{0x32, 0x3c, 0x46, 0xff} }

// Text is the colour of body text.
func Text() color.RGBA { return color.RGBA{0xdc, 0xe3, 0xe8, 0xff} }

// Dim is the colour of secondary text.
func Dim() color.RGBA { return color.RGBA{0x8c, 0x98, 0xa2, 0xff} }

// Accent is the colour of headings, focus and warnings.
func Accent() color.RGBA { return color.RGBA{0xf0, 0xc0, 0x4a, 0xff} }

// Danger is the colour of losses and high risk.
func Danger() color.RGBA { return color.RGBA{0xe8, 0x5d, 0x4f, 0xff} }

// Good is the colour of objectives met and low risk.
func Good() color.RGBA { return color.RGBA{0x6c, 0xc2, 0x7a, 0xff} }

// Button is the colour of buttons at rest.
func Button() color.RGBA { return color.RGBA{0x24, 0x2e, 0x38, 0xff} }

// ButtonHot is the colour of buttons under the pointer.
func ButtonHot() color.RGBA { return color.RGBA{0x2f, 0x3d, 0x4b, 0xff} }

// ButtonDown is the colour of buttons held down.
func ButtonDown() color.RGBA { return color.RGBA{0x1a, 0x22, 0x2a, 0xff} }

// CountryTag is the colour of country names on the map.
func CountryTag() color.RGBA { return color.RGBA{0x7a, 0x86, 0x90, 0xff} }

// ActorColor is an actor's colour; neutral grey for no actor.
func ActorColor(a sim.Actor) color.RGBA {
	if a < sim.NumActors {
		return DefaultPalette().Owners[a]
	}
	return Dim()
}

// Palette holds the colours a player must tell apart: each owner's, and
// the hazard's levels (Hazard is indexed by HazardLevel).
type Palette struct {
	Owners [sim.NumActors]color.RGBA
	Hazard [NumHazardLevels]color.RGBA
}

// HazardLevel is how alarming an attack hazard is, as the top-bar badges,
// the rings around the player's sites and the help's legend colour it.
type HazardLevel uint8

// The hazard levels and the chances (micro) where they start.
const (
	HazardLow    HazardLevel = iota // under 1%: noted, not alarming (no ring on the map)
	HazardRaised                    // 1% to 5%
	HazardHigh                      // 5% or more
	NumHazardLevels

	hazardRaisedAt = 10_000 // 1%
	hazardHighAt   = 50_000 // 5%
)

// LevelOf returns the level of a hazard (micro).
func LevelOf(hazard int64) HazardLevel {
	switch {
	case hazard >= hazardHighAt:
		return HazardHigh
	case hazard >= hazardRaisedAt:
		return HazardRaised
	}
	return HazardLow
}

// String names the level with its range, for the legend.
func (l HazardLevel) String() string {
	return [NumHazardLevels]string{"low hazard (under 1%)", "raised hazard (1–5%)", "high hazard (5% or more)"}[l]
}

// HazardOwners are the owners of the sites that carry an attack hazard
// (the engine's exposed sites: US sites and Israeli positions): their
// colours are the ones hazard colours are shown next to.
func HazardOwners() []sim.Actor { return []sim.Actor{sim.USA, sim.Israel} }

// DefaultPalette is the game's usual look.
func DefaultPalette() Palette {
	var p Palette
	p.Owners[sim.Hezbollah] = color.RGBA{0xe3, 0xb2, 0x3c, 0xff}
	p.Owners[sim.Iran] = color.RGBA{0xe8, 0x5d, 0x4f, 0xff}
	p.Owners[sim.ISIS] = color.RGBA{0xa0, 0xa0, 0xa0, 0xff}
	p.Owners[sim.Israel] = color.RGBA{0x3c, 0xc8, 0xd8, 0xff}
	p.Owners[sim.Russia] = color.RGBA{0xd6, 0xd6, 0xe4, 0xff}
	p.Owners[sim.SDF] = color.RGBA{0x7d, 0xc8, 0x6a, 0xff}
	p.Owners[sim.Syria] = color.RGBA{0xb0, 0x84, 0xe0, 0xff}
	p.Owners[sim.Turkey] = color.RGBA{0xee, 0x8c, 0xb0, 0xff}
	p.Owners[sim.USA] = color.RGBA{0x4f, 0x8e, 0xf7, 0xff}
	p.Hazard = [NumHazardLevels]color.RGBA{Good(), Accent(), Danger()}
	return p
}

// ColourBlindPalette keeps every owner and every hazard level apart for
// players with deuteranopia or protanopia (and normal vision): each pair is
// at least 20 ΔE apart under each (see Distance), and so is each hazard
// level from the colours of the owners it is shown with (HazardOwners) and
// from the land and panels it is drawn on.
func ColourBlindPalette() Palette {
	var p Palette
	p.Owners[sim.Hezbollah] = color.RGBA{0xf0, 0xf0, 0x30, 0xff}
	p.Owners[sim.Iran] = color.RGBA{0xd8, 0x60, 0x60, 0xff}
	p.Owners[sim.ISIS] = color.RGBA{0xd8, 0xf0, 0x90, 0xff}
	p.Owners[sim.Israel] = color.RGBA{0x90, 0xd8, 0xf0, 0xff}
	p.Owners[sim.Russia] = color.RGBA{0xc0, 0xf0, 0xc0, 0xff}
	p.Owners[sim.SDF] = color.RGBA{0x78, 0xc0, 0x30, 0xff}
	p.Owners[sim.Syria] = color.RGBA{0xa8, 0x60, 0xc0, 0xff}
	p.Owners[sim.Turkey] = color.RGBA{0xf0, 0x78, 0xa8, 0xff}
	p.Owners[sim.USA] = color.RGBA{0x78, 0x60, 0xf0, 0xff}
	// Okabe–Ito bluish green, yellow and vermillion (their sky blue is
	// within 20 ΔE of Israel's blue under protanopia)
	p.Hazard = [NumHazardLevels]color.RGBA{{0x00, 0x9e, 0x73, 0xff}, {0xf0, 0xe4, 0x42, 0xff}, {0xd5, 0x5e, 0x00, 0xff}}
	return p
}

// Fade returns c with its alpha scaled by f (premultiplied, as Ebiten wants).
func Fade(c color.RGBA, f float64) color.RGBA {
	f = min(max(f, 0), 1)
	return color.RGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), uint8(float64(c.A) * f)}
}
