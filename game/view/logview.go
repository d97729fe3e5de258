package view

import (
	"fmt"
	"strings"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
	"github.com/deconflict/deconflict/sim/narrate"
)

// Category groups log entries for the log's filter.
type Category uint8

// The log filter's categories.
const (
	All Category = iota
	Strikes
	Retaliation
	Diplomacy
	NumCategories
)

// String returns the category's name, as shown on its button.
func (c Category) String() string {
	if c >= NumCategories {
		return "all"
	}
	return [NumCategories]string{"all", "strikes", "retaliation", "diplomacy"}[c]
}

// ParseCategory maps a name back to its category (All for unknown names).
func ParseCategory(s string) Category {
	for c := All; c < NumCategories; c++ {
		if c.String() == s {
			return c
		}
	}
	return All
}

// CategoryOf says which filter an entry kind belongs to (All when none).
func CategoryOf(k sim.LogKind) Category {
	switch k {
	case sim.LogDetection, sim.LogRequest, sim.LogApproved, sim.LogConditioned, sim.LogDenied, sim.LogDeferred,
		sim.LogExpired, sim.LogWithdrawn, sim.LogStrikeHit, sim.LogStrikeMiss, sim.LogViolation, sim.LogViolationFound,
		sim.LogAircraftLost, sim.LogCollateral, sim.LogRussiaIncident, sim.LogLeak, sim.LogHalt,
		sim.LogPosture, sim.LogBatteryLost:
		return Strikes
	case sim.LogAttackOrdered, sim.LogAttack, sim.LogWarning, sim.LogEvacuation, sim.LogHardening, sim.LogReturn,
		sim.LogUSResponse, sim.LogGolanFire, sim.LogRaid:
		return Retaliation
	case sim.LogBlame, sim.LogSilence, sim.LogPrivateMessage, sim.LogEscalation, sim.LogDeescalation, sim.LogEvent, sim.LogOutcome,
		sim.LogNoticeAnswer:
		return Diplomacy
	}
	return All
}

// Matches reports whether an entry passes the filter.
func (c Category) Matches(k sim.LogKind) bool { return c == All || CategoryOf(k) == c }

// LogLine is one line of the event log as the play screen shows it.
type LogLine struct {
	Index     int // in the session's log
	Turn      int32
	Date      string
	Text      string
	Actor     sim.Actor // whose colour it takes
	Site      int32     // the site involved, or -1
	Pos       geo.Point // where to centre the map when clicked
	HasPos    bool
	Important bool // matters to the player
	Summary   bool // a turn summary (TurnSummary), not an entry of the session's log (Index is -1)
}

// Missions looks up the strike missions the player has seen.
type Missions func(id int32) (sim.Mission, bool)

// Lines renders the log entries the role may know of that pass the filter,
// newest last.
func Lines(sc *sim.Scenario, role sim.Actor, log []sim.Entry, filter Category, missions Missions) []LogLine {
	var out []LogLine
	for i, e := range log {
		if !e.SeenBy(role) || !filter.Matches(e.Kind) {
			continue
		}
		if role != sim.NoActor && role != sim.USA && role != sim.Israel {
			e.Review = sim.ReviewNone // how the US reviewed a strike stays between the two
		}
		ln := LogLine{Index: i, Turn: e.Turn, Date: DateOfTurn(sc, e.Turn), Text: narrate.Describe(sc, e), Actor: e.Actor,
			Site: e.Site, Important: Important(sc, role, e)}
		if e.Actor == sim.NoActor {
			ln.Actor = e.Other
		}
		var m sim.Mission
		seen := false
		if isMissionKind(e.Kind) && missions != nil {
			m, seen = missions(e.Subject)
		}
		switch {
		case e.Site >= 0 && int(e.Site) < len(sc.Sites):
			ln.Pos, ln.HasPos = sc.Sites[e.Site].Pos, true
		case seen:
			ln.Pos, ln.HasPos = m.TargetPos, true
		}
		if isMissionKind(e.Kind) {
			ln.Text = nameMission(sc, ln.Text, e, m, seen)
		}
		out = append(out, ln)
	}
	return out
}

// WithSummaries places the turn summaries in the log: after the last line
// of each turn, the turn's TurnSummary lines ("Turn 4: Talks 22.0% →
// 18.5%: …"), so what moved and why stays readable after the summary panel
// is dismissed. They are filed under diplomacy (talks, trust, ladders) and
// say only what the role may see. lines must be in log order.
func WithSummaries(sc *sim.Scenario, role sim.Actor, lines []LogLine, changes []sim.Change, filter Category) []LogLine {
	if filter != All && filter != Diplomacy {
		return lines
	}
	var turns []int32 // turns with changes, in order
	for _, ch := range changes {
		if len(turns) == 0 || turns[len(turns)-1] != ch.Turn {
			turns = append(turns, ch.Turn)
		}
	}
	out := make([]LogLine, 0, len(lines)+len(turns))
	add := func(turn int32) {
		for _, s := range TurnSummary(sc, role, changes, turn) {
			out = append(out, LogLine{Index: -1, Turn: turn, Date: DateOfTurn(sc, turn), Text: fmt.Sprintf("Turn %d: %s", turn+1, s),
				Actor: sim.NoActor, Site: -1, Summary: true})
		}
	}
	next := 0
	for _, ln := range lines {
		for next < len(turns) && turns[next] < ln.Turn {
			add(turns[next])
			next++
		}
		out = append(out, ln)
	}
	for ; next < len(turns); next++ {
		add(turns[next])
	}
	return out
}

// nameMission replaces "strike mission 54" in a sentence with what the
// mission went after, when the player knows it.
func nameMission(sc *sim.Scenario, text string, e sim.Entry, m sim.Mission, seen bool) string {
	target, full := "", ""
	switch {
	case seen && m.Target.Kind == sim.TargetSite && int(m.Target.ID) < len(sc.Sites):
		full = sc.Sites[m.Target.ID].Name
	case seen:
		target = "a weapons convoy"
	case e.Site >= 0 && int(e.Site) < len(sc.Sites):
		full = sc.Sites[e.Site].Name
	default: // the player never learnt what it went after
		id := fmt.Sprintf("strike mission %d", e.Subject)
		text = strings.Replace(text, "Israeli "+id, "An Israeli strike", 1)
		return strings.Replace(text, id, "a strike", 1)
	}
	if full != "" {
		target = MapName(full)
	}
	id := fmt.Sprintf("strike mission %d", e.Subject)
	if full != "" && strings.Contains(text, full) || strings.Contains(text, id+" on ") { // the sentence names the target already
		text = strings.Replace(text, "Israeli "+id, "An Israeli strike", 1)
		return strings.Replace(text, id, "the strike", 1)
	}
	text = strings.Replace(text, "Israeli "+id, "An Israeli strike on "+target, 1)
	return strings.Replace(text, id, "the strike on "+target, 1)
}

func isMissionKind(k sim.LogKind) bool {
	switch k {
	case sim.LogRequest, sim.LogApproved, sim.LogConditioned, sim.LogDenied, sim.LogDeferred, sim.LogExpired,
		sim.LogWithdrawn, sim.LogStrikeHit, sim.LogStrikeMiss, sim.LogViolation, sim.LogViolationFound,
		sim.LogAircraftLost, sim.LogCollateral, sim.LogRussiaIncident, sim.LogLeak:
		return true
	}
	return false
}

// Important reports whether an entry should stop "advance to the next
// decision" for the role: the end of the run, an attack or strike on its
// sites, an escalation of a ladder it is on, a discovered violation, or a
// halt (for Israel and the US).
func Important(sc *sim.Scenario, role sim.Actor, e sim.Entry) bool {
	if !e.SeenBy(role) {
		return false
	}
	owner := sim.NoActor // the site's owner when the entry was written, which attacks and strikes record
	if e.Site >= 0 && int(e.Site) < len(sc.Sites) {
		owner = e.Other
	}
	switch e.Kind {
	case sim.LogOutcome:
		return true
	case sim.LogAttack:
		return owner == role || role == sim.Iran || role == sim.NoActor
	case sim.LogStrikeHit:
		return owner == role
	case sim.LogEscalation, sim.LogDeescalation: // a ladder at 3 or more, on the way up or down, is worth a look
		return e.Value >= 3*sim.Milli && (role == sim.NoActor || e.Actor == role || e.Other == role)
	case sim.LogViolationFound, sim.LogHalt, sim.LogAircraftLost, sim.LogRussiaIncident:
		return role == sim.Israel || role == sim.USA
	}
	return false
}
