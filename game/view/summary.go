package view

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// TurnSummary says what moved in a turn and why (the talks, trust, the
// ladders, the counter-IS campaign for the roles that fight over it), one line a quantity the role can see: "Talks 22.0% → 18.0%: you blamed Iran in public (−2.0), the
// US–Iran ladder stood at 3 or above (−2.0)". It words the engine's record
// of changes (sim.Change); the biggest causes come first. Nothing is
// returned for a turn in which nothing the role sees moved, and causes too
// small to show (under 0.05) are left out.
func TurnSummary(sc *sim.Scenario, role sim.Actor, changes []sim.Change, turn int32) []string {
	var out []string
	for q := sim.Quantity(0); q < sim.NumQuantities; q++ {
		if !(sim.Change{Quantity: q}).SeenBy(role) {
			continue // trust is between Israel and the US
		}
		if q == sim.QuantityCounterIS && !fightsIS(role) {
			continue // the campaign against IS is theirs to watch
		}
		type part struct {
			cause sim.Cause
			site  int32
			delta int64
		}
		var parts []part
		first, last := int64(0), int64(0)
		seen := false
		for _, ch := range changes {
			if ch.Turn != turn || ch.Quantity != q {
				continue
			}
			if !seen {
				first, seen = ch.Before, true
			}
			last = ch.After
			i := slices.IndexFunc(parts, func(p part) bool { return p.cause == ch.Cause && p.site == ch.Site })
			if i < 0 {
				parts = append(parts, part{cause: ch.Cause, site: ch.Site})
				i = len(parts) - 1
			}
			parts[i].delta += ch.After - ch.Before
		}
		m, name := quantityMetric(q)
		if !seen || MetricValue(m, first) == MetricValue(m, last) {
			continue // nothing a player could see moved (a ladder easing by 0.01)
		}
		if q == sim.QuantityCounterIS && !slices.ContainsFunc(parts, func(p part) bool { return !drift(p.cause) }) {
			continue // the campaign's daily advance alone is no news
		}
		slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(abs(b.delta), abs(a.delta)) })
		words := make([]string, 0, len(parts))
		for _, p := range parts {
			if abs(p.delta) < sim.Milli/20 {
				break // a cause too small to show at one decimal explains nothing
			}
			words = append(words, fmt.Sprintf("%s (%s)", causeWords(sc, role, p.cause, p.site), signed(p.delta)))
		}
		if len(words) == 0 && len(parts) > 0 { // small moves that crossed a rounding step: name the biggest, without a number
			words = append(words, causeWords(sc, role, parts[0].cause, parts[0].site))
		}
		out = append(out, fmt.Sprintf("%s %s → %s: %s", name, MetricValue(m, first), MetricValue(m, last), strings.Join(words, ", ")))
	}
	return out
}

// quantityMetric is the metric that shows a recorded quantity, and its
// name in a summary.
func quantityMetric(q sim.Quantity) (sim.Metric, string) {
	switch q {
	case sim.QuantityTalks:
		return sim.MetricTalksProgress, "Talks"
	case sim.QuantityTrust:
		return sim.MetricTrust, "Trust"
	case sim.QuantityCounterIS:
		return sim.MetricCounterIS, "Counter-IS"
	}
	p := sim.Pair(q - sim.QuantityLadders)
	return ladderMetric(p), PairName(p) + " ladder"
}

// signed renders a change of a milli-scaled quantity with its sign.
func signed(d int64) string {
	if d < 0 {
		return "−" + fixed(-d, sim.Milli, 1)
	}
	return "+" + fixed(d, sim.Milli, 1)
}

// causeWords says a cause in a few words, as "you" when the role acted.
func causeWords(sc *sim.Scenario, role sim.Actor, c sim.Cause, site int32) string {
	us := "the US"
	if role == sim.USA {
		us = "you"
	}
	place := "a weapons convoy"
	if site >= 0 && int(site) < len(sc.Sites) {
		place = ShortName(sc.Sites[site].Name)
	}
	switch c {
	case sim.CauseTalksProgress:
		return "the US–Iran ladder stayed below 2"
	case sim.CauseLadderHigh:
		return "the US–Iran ladder stood at 3 or above"
	case sim.CauseAttack:
		return "the attack on " + place
	case sim.CauseBlame:
		return us + " blamed Iran in public"
	case sim.CauseEvent:
		return "events of the day"
	case sim.CauseApproval:
		return us + " approved a strike"
	case sim.CauseDenial:
		return us + " denied a strike"
	case sim.CauseWarning:
		if role == sim.Israel {
			return "you warned of the attack on " + place
		}
		return "Israel warned of the attack on " + place
	case sim.CauseRecovery:
		return "trust recovering with time"
	case sim.CauseViolationFound:
		return "a strike found flown without approval"
	case sim.CauseDecay:
		return "easing with time"
	case sim.CauseResponse:
		return us + " struck militia facilities"
	case sim.CauseStrike:
		if role == sim.Israel {
			return "your strike on " + place
		}
		return "the Israeli strike on " + place
	case sim.CauseRussiaIncident:
		return "an incident with Russian forces"
	case sim.CauseAttackOnIsrael:
		return "the attack on " + place
	case sim.CauseProtest:
		if role == sim.Russia {
			return "you protested a strike on the hotline"
		}
		return "Russia protested a strike on the hotline"
	case sim.CauseCampaign:
		return "the campaign advancing with the US troops in place"
	case sim.CauseQuietBroken:
		return "an Israeli strike broke the quiet " + us + " asked for"
	case sim.CauseRaid:
		if role == sim.ISIS {
			return "your raid"
		}
		return "an Islamic State raid"
	case sim.CauseOffensive:
		if role == sim.Turkey {
			return "your offensive against the SDF"
		}
		return "Turkey's offensive against the SDF"
	case sim.CauseTerms:
		if role == sim.SDF {
			return "you ceded ground to Damascus and Moscow"
		}
		return "the SDF ceded ground to Damascus and Moscow"
	}
	return "other causes"
}

// drift reports whether a cause acts a little every turn (the talks'
// progress, trust's recovery) rather than at a moment.
func drift(c sim.Cause) bool {
	return c == sim.CauseTalksProgress || c == sim.CauseLadderHigh || c == sim.CauseRecovery || c == sim.CauseDecay || c == sim.CauseCampaign
}

// fightsIS reports whether a role has a stake in the campaign against IS
// (its progress shows in the role's turn summaries).
func fightsIS(role sim.Actor) bool {
	return role == sim.USA || role == sim.ISIS || role == sim.Turkey || role == sim.SDF || role == sim.NoActor
}

// Drivers lists the few decisions and events that moved an objective's
// metric most over the run, biggest first, each with its turn and date
// ("turn 14 (2021-10-14): you blamed Iran in public (−2.0)"); a cause that
// acts every turn is summed over the run ("over 12 turns: …"). It reads the
// engine's record of changes, so only metrics with one (the talks, trust,
// the ladders, the counter-IS campaign) have drivers; the ladders' peaks
// are read from their moves.
func Drivers(sc *sim.Scenario, role sim.Actor, m sim.Metric, changes []sim.Change, n int) []Driver {
	q := sim.NumQuantities
	switch m {
	case sim.MetricTalksProgress:
		q = sim.QuantityTalks
	case sim.MetricTrust:
		q = sim.QuantityTrust
	case sim.MetricCounterIS:
		q = sim.QuantityCounterIS
	case sim.MetricEscalationUSIran, sim.MetricMaxEscalationUSIran:
		q = sim.LadderQuantity(sim.USAIran)
	case sim.MetricEscalationIsraelIran, sim.MetricMaxEscalationIsraelIran:
		q = sim.LadderQuantity(sim.IsraelIran)
	}
	type driver struct {
		cause       sim.Cause
		site, turn  int32 // turn -1 for a drift summed over the run
		delta       int64
		turns       int
		lastCounted int32
	}
	var ds []driver
	for _, ch := range changes {
		if ch.Quantity != q {
			continue
		}
		turn := ch.Turn
		if drift(ch.Cause) {
			turn = -1
		}
		i := slices.IndexFunc(ds, func(d driver) bool { return d.cause == ch.Cause && d.site == ch.Site && d.turn == turn })
		if i < 0 {
			ds = append(ds, driver{cause: ch.Cause, site: ch.Site, turn: turn, lastCounted: -1})
			i = len(ds) - 1
		}
		ds[i].delta += ch.After - ch.Before
		if ds[i].lastCounted != ch.Turn {
			ds[i].turns++
			ds[i].lastCounted = ch.Turn
		}
	}
	// a peak is made by what raised it: easing afterwards does not lower it
	ds = slices.DeleteFunc(ds, func(d driver) bool { return d.delta == 0 || Peak(m) && d.delta < 0 })
	slices.SortStableFunc(ds, func(a, b driver) int { return cmp.Compare(abs(b.delta), abs(a.delta)) })
	ds = ds[:min(n, len(ds))]
	out := make([]Driver, 0, len(ds))
	for _, d := range ds {
		when := fmt.Sprintf("over %d turns", d.turns)
		if d.turn >= 0 {
			when = fmt.Sprintf("turn %d (%s)", d.turn+1, DateOfTurn(sc, d.turn))
		}
		out = append(out, Driver{Turn: d.turn, Text: fmt.Sprintf("%s: %s (%s)", when, causeWords(sc, role, d.cause, d.site), signed(d.delta))})
	}
	return out
}

// Driver is one decision or event that moved a metric, in words, with its
// turn (-1 for a cause summed over the run), for a mark on the chart.
type Driver struct {
	Text string
	Turn int32
}
