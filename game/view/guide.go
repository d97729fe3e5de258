package view

import (
	"strings"

	"github.com/deconflict/deconflict/game/keymap"
)

// GuidePage is one page of the guided first game.
type GuidePage struct {
	Title string
	Text  string
}

// GuideScenario and GuideRole are the first game: Al-Tanf as the US.
const (
	GuideScenario = "tanf-2021"
	GuideRole     = "usa"
)

// guidePages are the guided first game's pages: what the map shows, how to
// read a request, what the hazard means, what each answer does, how you win.
var guidePages = [...]GuidePage{
	{"The map", "You command the US forces in Syria for October 2021. Rectangles are friendly sites (your garrisons at Al-Tanf and the oil fields), diamonds hostile ones (Iranian depots, militia bases), dashed lines Israel's strike routes and Iran's supply corridors. The circle around Al-Tanf is its deconfliction zone: Israeli strikes that cross it come to you for review. Drag to pan, wheel to zoom."},
	{"A request", "When Israel plans a strike that crosses your zone, a card opens on the right: the target, the route, the jets, and the zones it crosses. The lines under \"If you choose\" show what each answer would change, from the engine itself; hover an answer to see its own."},
	{"The hazard", "The warning signs in the top bar are the chance of a proxy attack on each of your sites this turn. Each strike you approve near your forces makes Iran blame you more; the hazard is base × grievance × complicity × proximity × (1 − deterrence) × (1 + ladder), shown term by term in the preview."},
	{"Your answers", "Approve: Israel strikes, trust rises, Iran's grievance toward you grows. Approve on condition: another route or a delay. Deny: the strike is off or flies anyway, and trust falls. Defer: ask again next turn, until the request expires. After an attack you choose silence, a strike on militias, public blame, or both. {undo} takes an answer back until you end the turn."},
	{"How you win", "Your objectives are listed under the decisions: keep the US–Iran ladder at 2.5 or below, lose no one, leave the talks at 20% or better, keep Israel's trust at 62 or more. Meet them all to win. {end-turn} ends a turn; after it, a summary says what moved the talks and trust and why. {help} opens this guide again."},
}

// WithKeys writes the page's keys ({end-turn}, {undo}, {help}) as the
// player bound them.
func (pg GuidePage) WithKeys(keys keymap.Keymap) GuidePage {
	r := strings.NewReplacer("{end-turn}", keys.Label(keymap.EndTurn), "{undo}", keys.Label(keymap.Undo), "{help}", keys.Label(keymap.Help))
	return GuidePage{Title: pg.Title, Text: r.Replace(pg.Text)}
}

// Guide is where the player is in the guide.
type Guide struct {
	page int
	done bool
}

// Page returns the page shown and its number (from 1) and the count.
func (g *Guide) Page() (GuidePage, int, int) { return guidePages[g.page], g.page + 1, len(guidePages) }

// Next turns the page; past the last one the guide is done.
func (g *Guide) Next() {
	if g.page == len(guidePages)-1 {
		g.done = true
		return
	}
	g.page++
}

// Back turns back a page.
func (g *Guide) Back() { g.page = max(g.page-1, 0) }

// Skip ends the guide at once.
func (g *Guide) Skip() { g.done = true }

// Done reports whether the player has finished or skipped the guide.
func (g *Guide) Done() bool { return g.done }
