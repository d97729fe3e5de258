package view

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// TurnSummary says what moved in a turn and why, one line a quantity the
// role can see: "Talks 22.0% → 18.0%: you blamed Iran in public (−2.0), the
// US–Iran ladder stood at 3 or above (−2.0)". It words the engine's record
// of changes (sim.Change); the biggest causes come first. Nothing is
// returned for a turn in which nothing the role sees moved.
func TurnSummary(sc *sim.Scenario, role sim.Actor, changes []sim.Change, turn int32) []string {
	var out []string
	for q := sim.Quantity(0); q < sim.NumQuantities; q++ {
		if q == sim.QuantityTrust && role != sim.USA && role != sim.Israel && role != sim.NoActor {
			continue // trust is between Israel and the US
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
		if !seen {
			continue
		}
		slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(abs(b.delta), abs(a.delta)) })
		m, name := sim.MetricTalksProgress, "Talks"
		if q == sim.QuantityTrust {
			m, name = sim.MetricTrust, "Trust"
		}
		words := make([]string, 0, len(parts))
		for _, p := range parts {
			words = append(words, fmt.Sprintf("%s (%s)", causeWords(sc, role, p.cause, p.site), signed(p.delta)))
		}
		out = append(out, fmt.Sprintf("%s %s → %s: %s", name, MetricValue(m, first), MetricValue(m, last), strings.Join(words, ", ")))
	}
	return out
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
	place := "a US site"
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
	}
	return "other causes"
}
