// Package narrate turns the engine's structured event-log entries into short
// English sentences, so the game's event log and the simulator's event files
// tell a run the same way. It reads only the scenario and the entry: no
// state, no I/O, and nothing that needs a window.
package narrate

import (
	"fmt"
	"strings"

	"github.com/deconflict/deconflict/sim"
)

// kindDocs says what each log kind records and what its fields hold.
var kindDocs = [sim.NumLogKinds]string{
	sim.LogEvent:             "a scripted event fired; the text is the scenario's log line for it",
	sim.LogShipmentSent:      "Iran dispatched a weapons shipment; `site` is where it left, `value` its size in weapon units",
	sim.LogShipmentDelivered: "a shipment reached Hezbollah; `site` is the last stop, `value` its size",
	sim.LogDetection:         "Israel detected a target: a site (`site`) or a shipment (`subject`)",
	sim.LogRequest:           "Israel submitted a strike mission (`subject`) to the US for review",
	sim.LogApproved:          "the US approved a mission's request",
	sim.LogConditioned:       "the US approved on condition of another route or a delay (`value`, in turns)",
	sim.LogDenied:            "the US denied a mission's request",
	sim.LogDeferred:          "the US put off its answer to a later turn",
	sim.LogExpired:           "a deferred request ran out of time and its mission was dropped",
	sim.LogWithdrawn:         "Israel withdrew a mission (or its target was already gone)",
	sim.LogHalt:              "a halt on Israeli strikes came into force over a zone (`subject`) or around a site for `value` days",
	sim.LogStrikeHit:         "an Israeli strike destroyed its target (`site`, or a shipment)",
	sim.LogStrikeMiss:        "an Israeli strike failed to destroy its target",
	sim.LogViolation:         "a strike flew without a needed US approval or inside a halt",
	sim.LogViolationFound:    "the US discovered a violation",
	sim.LogAircraftLost:      "an Israeli aircraft was lost to air defences",
	sim.LogCollateral:        "a strike caused collateral casualties",
	sim.LogRussiaIncident:    "a mission had an incident with Russian forces",
	sim.LogLeak:              "the notice given to Russia leaked to the target",
	sim.LogAttackOrdered:     "Iran ordered a proxy attack on `site` (`value` 0 rockets, 1 drones)",
	sim.LogAttack:            "a proxy attack landed on `site`; `value` is the number killed",
	sim.LogWarning:           "Israel warned the US of a coming attack on `site`",
	sim.LogEvacuation:        "the US thinned out the garrison at `site`",
	sim.LogHardening:         "the US hardened `site`",
	sim.LogReturn:            "an evacuated garrison at `site` returned to strength",
	sim.LogUSResponse:        "the US struck militia facilities (`site`) in answer to an attack",
	sim.LogBlame:             "the US blamed Iran in public for an attack",
	sim.LogSilence:           "the US stayed publicly silent after an attack",
	sim.LogPrivateMessage:    "the US told Tehran privately that the strikes are not American",
	sim.LogDispatch:          "Iran changed how often a corridor sends shipments (`value`, in turns; 0 pauses it)",
	sim.LogPosture:           "Syria set its air-defence posture for the night's raids (`value`: 0 fire with everything, 1 fire selectively, 2 hold fire)",
	sim.LogNoticeAnswer:      "Russia answered Israel's notice of the strike `subject` on the hotline (`value`: 0 took note, 1 protested, 2 asked it to wait a turn)",
	sim.LogGolanFire:         "Hezbollah fired rockets at the Israeli position at `site` after losing a shipment (`subject` is the attack, `value` the shipment)",
	sim.LogRaid:              "the Islamic State raided and set the counter-IS campaign back (`value`: progress lost, in thousandths of a percent)",
	sim.LogOffensive:         "Turkey attacked the SDF in the north, pinning the US forces there (`value`: counter-IS progress lost, in thousandths of a percent)",
	sim.LogDivert:            "the SDF turned its forces north to the Turkish border (`value`: the days they stay there)",
	sim.LogTerms:             "the SDF sought terms with Damascus and Moscow, whose troops move into the border strip (`value`: counter-IS progress lost, in thousandths of a percent)",
	sim.LogShipmentAsked:     "Hezbollah asked Iran to replace the shipment `subject` that Israel destroyed",
	sim.LogShipmentAnswer:    "Iran answered Hezbollah's request for a shipment (`value` 1 granted: `subject` is the shipment sent, from `site`; 0 declined: `subject` is the shipment lost)",
	sim.LogBatteryLost:       "Israel destroyed the Syrian battery at `site` after it fired at a raid (`subject` is the mission)",
	sim.LogEscalation:        "an escalation ladder rose to a whole level; `value` is the ladder now, in thousandths",
	sim.LogDeescalation:      "an escalation ladder eased below a whole level; `value` is the ladder now, in thousandths",
	sim.LogOutcome:           "the run ended",
}

// KindDoc says what a log kind records, for documentation and tooltips.
func KindDoc(k sim.LogKind) string {
	if k >= sim.NumLogKinds {
		return ""
	}
	return kindDocs[k]
}

// Describe renders one log entry as a single factual sentence, using the
// scenario's names for sites, corridors and events. Entries whose indices
// do not fit the scenario still get a sentence, naming things by number.
func Describe(sc *sim.Scenario, e sim.Entry) string {
	n := namer{sc}
	switch e.Kind {
	case sim.LogEvent:
		if ev, ok := n.event(e.Subject); ok {
			if ev.Log != "" {
				return ev.Log
			}
			return fmt.Sprintf("Scripted event %s took effect.", ev.ID)
		}
		return fmt.Sprintf("Scripted event %d took effect.", e.Subject)
	case sim.LogShipmentSent:
		return fmt.Sprintf("Iran sent a shipment of %s from %s.", units(e.Value), n.site(e.Site))
	case sim.LogShipmentDelivered:
		return fmt.Sprintf("A shipment of %s reached Hezbollah at %s.", units(e.Value), n.site(e.Site))
	case sim.LogDetection:
		if e.Site >= 0 {
			return fmt.Sprintf("Israeli intelligence located a target at %s.", n.site(e.Site))
		}
		return fmt.Sprintf("Israeli intelligence spotted a weapons shipment (shipment %d) on the move.", e.Subject)
	case sim.LogRequest:
		return fmt.Sprintf("Israel asked the US to review strike mission %d (%s).", e.Subject, reasons(sim.Reason(e.Value)))
	case sim.LogApproved:
		return fmt.Sprintf("The US approved strike mission %d.", e.Subject)
	case sim.LogConditioned:
		if e.Value > 0 {
			return fmt.Sprintf("The US approved strike mission %d on conditions, including a delay of %s.", e.Subject, plural(e.Value, "turn"))
		}
		return fmt.Sprintf("The US approved strike mission %d on condition that it fly another route.", e.Subject)
	case sim.LogDenied:
		return fmt.Sprintf("The US denied strike mission %d.", e.Subject)
	case sim.LogDeferred:
		return fmt.Sprintf("The US deferred its answer on strike mission %d.", e.Subject)
	case sim.LogExpired:
		return fmt.Sprintf("The US review of strike mission %d ran out of time; the mission was dropped.", e.Subject)
	case sim.LogWithdrawn:
		why := map[int64]string{
			sim.WithdrawnDenied:     " after the US denied it",
			sim.WithdrawnRoute:      " rather than fly the other route the US asked for",
			sim.WithdrawnDelay:      " rather than wait as the US asked",
			sim.WithdrawnHalt:       " rather than strike inside a US halt",
			sim.WithdrawnTargetGone: ": its target was already gone",
		}[e.Value]
		return fmt.Sprintf("Israel withdrew strike mission %d%s.", e.Subject, why)
	case sim.LogHalt:
		where := "an area"
		switch {
		case e.Subject >= 0 && int(e.Subject) < len(sc.Zones):
			where = sc.Zones[e.Subject].Name
		case e.Site >= 0:
			where = "the area around " + n.site(e.Site)
		}
		return fmt.Sprintf("%s called a halt to Israeli strikes over %s for %s.", n.actor(e.Actor), where, plural(e.Value, "day"))
	case sim.LogStrikeHit:
		if e.Site >= 0 {
			return fmt.Sprintf("Israeli strike mission %d destroyed its target at %s%s.", e.Subject, n.site(e.Site), review(e.Review))
		}
		return fmt.Sprintf("Israeli strike mission %d destroyed a weapons shipment on its way to Hezbollah%s.", e.Subject, review(e.Review))
	case sim.LogStrikeMiss:
		if e.Site >= 0 {
			return fmt.Sprintf("Israeli strike mission %d on %s failed%s.", e.Subject, n.site(e.Site), review(e.Review))
		}
		return fmt.Sprintf("Israeli strike mission %d on a weapons shipment failed%s.", e.Subject, review(e.Review))
	case sim.LogViolation:
		return fmt.Sprintf("Israeli strike mission %d flew without US approval or inside a halt.", e.Subject)
	case sim.LogViolationFound:
		return fmt.Sprintf("The US found out that strike mission %d flew without its approval or inside a halt.", e.Subject)
	case sim.LogAircraftLost:
		return fmt.Sprintf("Israel lost an aircraft to air defences on strike mission %d.", e.Subject)
	case sim.LogCollateral:
		if e.Site >= 0 {
			return fmt.Sprintf("Israeli strike mission %d caused collateral casualties at %s.", e.Subject, n.site(e.Site))
		}
		return fmt.Sprintf("Israeli strike mission %d caused collateral casualties.", e.Subject)
	case sim.LogRussiaIncident:
		return fmt.Sprintf("Israeli strike mission %d had an incident with Russian forces.", e.Subject)
	case sim.LogLeak:
		return fmt.Sprintf("The notice of strike mission %d given to Russia leaked to the target.", e.Subject)
	case sim.LogAttackOrdered:
		return fmt.Sprintf("Iran ordered a proxy %s attack on %s.", method(e.Value), n.site(e.Site))
	case sim.LogAttack:
		if e.Value == 0 {
			return fmt.Sprintf("A proxy attack hit %s; no one was killed.", n.site(e.Site))
		}
		return fmt.Sprintf("A proxy attack hit %s and killed %s.", n.site(e.Site), plural(e.Value, "person"))
	case sim.LogWarning:
		return fmt.Sprintf("Israel warned the US of a coming attack on %s.", n.site(e.Site))
	case sim.LogEvacuation:
		if e.Value > 0 {
			return fmt.Sprintf("The US evacuated most of its troops from %s for %s.", n.site(e.Site), plural(e.Value, "turn"))
		}
		return fmt.Sprintf("The US evacuated most of its troops from %s.", n.site(e.Site))
	case sim.LogHardening:
		return fmt.Sprintf("The US hardened its defences at %s.", n.site(e.Site))
	case sim.LogReturn:
		return fmt.Sprintf("US troops returned to %s.", n.site(e.Site))
	case sim.LogUSResponse:
		if e.Site >= 0 {
			return fmt.Sprintf("The US struck militia facilities at %s in answer to an attack.", n.site(e.Site))
		}
		return "The US struck militia facilities in answer to an attack."
	case sim.LogBlame:
		return "The US publicly blamed Iran for the attack."
	case sim.LogSilence:
		return "The US stayed publicly silent about the attack."
	case sim.LogPrivateMessage:
		return "The US told Tehran privately that the strikes are not American."
	case sim.LogDispatch:
		if e.Value == 0 {
			return fmt.Sprintf("Iran paused shipments on %s.", n.corridor(e.Subject))
		}
		if e.Value == 1 {
			return fmt.Sprintf("Iran set shipments on %s to leave every turn.", n.corridor(e.Subject))
		}
		return fmt.Sprintf("Iran set shipments on %s to leave every %s.", n.corridor(e.Subject), plural(e.Value, "turn"))
	case sim.LogPosture:
		switch e.Value {
		case sim.PostureFireSelective:
			return "Syrian air defences fire selectively at tonight's raids."
		case sim.PostureHoldFire:
			return "Syrian air defences hold their fire tonight, sparing their batteries."
		}
		return "Syrian air defences fire with everything at tonight's raids."
	case sim.LogNoticeAnswer:
		switch e.Value {
		case 1:
			return "Russia protested an Israeli strike near its forces on the hotline."
		case 2:
			return "Russia asked Israel on the hotline to hold a strike for a day."
		}
		return "Russia took note of Israel's notice of a strike."
	case sim.LogGolanFire:
		return fmt.Sprintf("Hezbollah answered the loss of a shipment with rockets at %s.", n.site(e.Site))
	case sim.LogRaid:
		return fmt.Sprintf("Islamic State fighters raided in the east; the campaign against them lost %d.%03d points.", e.Value/1000, e.Value%1000)
	case sim.LogOffensive:
		if e.Value == 0 {
			return "Turkey attacked the SDF in the north; US troops there stand aside, and the SDF, already turned north, keeps the campaign against IS where it was."
		}
		return fmt.Sprintf("Turkey attacked the SDF in the north; US troops there stand aside and the campaign against IS lost %d.%03d points.", e.Value/1000, e.Value%1000)
	case sim.LogDivert:
		return fmt.Sprintf("The SDF turned its forces north to the Turkish border for %s; the campaign against IS slows.", plural(e.Value, "day"))
	case sim.LogTerms:
		return fmt.Sprintf("The SDF sought terms with Damascus and Moscow: their troops move into the border strip and the campaign against IS lost %d.%03d points.", e.Value/1000, e.Value%1000)
	case sim.LogShipmentAsked:
		return "Hezbollah asked Iran to replace a shipment Israel destroyed."
	case sim.LogShipmentAnswer:
		if e.Value == 1 {
			return fmt.Sprintf("Iran granted Hezbollah's request: a shipment leaves %s at once.", n.site(e.Site))
		}
		return "Iran declined Hezbollah's request for another shipment."
	case sim.LogBatteryLost:
		return fmt.Sprintf("Israel destroyed the Syrian air-defence battery at %s after it fired.", n.site(e.Site))
	case sim.LogEscalation:
		return fmt.Sprintf("The %s escalation ladder rose to level %d of 5.", ladder(e.Subject), e.Value/sim.Milli)
	case sim.LogDeescalation:
		return fmt.Sprintf("The %s escalation ladder eased below level %d of 5.", ladder(e.Subject), e.Value/sim.Milli+1)
	case sim.LogOutcome:
		return outcome(e.Subject)
	}
	return fmt.Sprintf("Unknown event kind %d.", e.Kind)
}

// namer looks up scenario names, falling back to numbers for indices the
// scenario does not have.
type namer struct{ sc *sim.Scenario }

func (n namer) site(i int32) string {
	if n.sc == nil || i < 0 || int(i) >= len(n.sc.Sites) {
		return fmt.Sprintf("site %d", i)
	}
	s := &n.sc.Sites[i]
	if s.Name != "" {
		return s.Name
	}
	return s.ID
}

func (n namer) corridor(i int32) string {
	if n.sc == nil || i < 0 || int(i) >= len(n.sc.Corridors) {
		return fmt.Sprintf("corridor %d", i)
	}
	c := &n.sc.Corridors[i]
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}

func (n namer) event(i int32) (*sim.Event, bool) {
	if n.sc == nil || i < 0 || int(i) >= len(n.sc.Events) {
		return nil, false
	}
	return &n.sc.Events[i], true
}

func (n namer) actor(a sim.Actor) string {
	if a == sim.USA {
		return "The US"
	}
	if a < sim.NumActors {
		return a.Name()
	}
	return "Someone"
}

func units(v int64) string { return plural(v, "weapon unit") }

// plural renders a count with its noun, such as "1 day" or "3 days".
func plural(v int64, noun string) string {
	if v == 1 {
		return "1 " + noun
	}
	if noun == "person" {
		return fmt.Sprintf("%d people", v)
	}
	return fmt.Sprintf("%d %ss", v, noun)
}

func method(v int64) string {
	if v == sim.MethodDrones {
		return "drone"
	}
	return "rocket"
}

func reasons(r sim.Reason) string {
	words := map[string]string{
		"zone":      "it passes a US deconfliction zone",
		"standoff":  "the target is near US troops",
		"operation": "it enters a US operation area",
		"denied":    "it was denied",
		"condition": "it was approved on condition",
		"halt":      "it falls in a halt",
		"russia":    "it passes Russian forces",
	}
	var out []string
	for _, w := range r.Strings() {
		out = append(out, words[w])
	}
	if len(out) == 0 {
		return "no reason given"
	}
	return strings.Join(out, "; ")
}

func ladder(p int32) string {
	switch sim.Pair(p) {
	case sim.IsraelIran:
		return "Israel–Iran"
	case sim.IsraelRussia:
		return "Israel–Russia"
	case sim.USAIran:
		return "US–Iran"
	}
	return fmt.Sprintf("ladder %d", p)
}

func outcome(o int32) string {
	switch sim.Outcome(o) {
	case sim.OutcomeCompleted:
		return "The run reached its end date."
	case sim.OutcomeUSDrawnIn:
		return "The run ended: the United States was drawn into open conflict with Iran."
	case sim.OutcomeRegionalWar:
		return "The run ended: Israel and Iran went to open war."
	case sim.OutcomeAllianceRupture:
		return "The run ended: Israel–US trust collapsed."
	}
	return fmt.Sprintf("The run ended (outcome %d).", o)
}

// review words how a strike stood with the US review, as a trailing clause.
func review(r sim.Review) string {
	switch r {
	case sim.ReviewApproved:
		return " (approved by the US)"
	case sim.ReviewConditioned:
		return " (approved by the US on conditions)"
	case sim.ReviewViolation:
		return " (without US approval)"
	}
	return ""
}
