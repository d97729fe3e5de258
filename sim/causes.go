package sim

// Quantity is a quantity the game displays whose every change the engine
// records with its cause (see Change), so a frontend can say what moved
// and why without knowing the rules.
type Quantity uint8

// The quantities whose changes are recorded.
const (
	QuantityTalks   Quantity = iota // progress of the nuclear talks (milli-percent)
	QuantityTrust                   // Israel–US trust (milli-points)
	QuantityLadders                 // the first escalation ladder (milli-levels); LadderQuantity gives each pair's
	// QuantityCounterIS is the progress of the campaign against IS (milli-percent).
	QuantityCounterIS = QuantityLadders + Quantity(NumPairs)
	NumQuantities     = QuantityCounterIS + 1
)

// LadderQuantity is the quantity of a pair's escalation ladder.
func LadderQuantity(p Pair) Quantity { return QuantityLadders + Quantity(p) }

// Cause is why a recorded quantity changed.
type Cause uint8

// The causes of a change.
const (
	CauseTalksProgress  Cause = iota // the US–Iran ladder below 2: the talks advance
	CauseLadderHigh                  // the US–Iran ladder at 3 or above: the talks fall back
	CauseAttack                      // a proxy attack on US forces (Site)
	CauseBlame                       // the US blamed Iran in public (Subject: the attack)
	CauseEvent                       // a scripted event (Subject: its index)
	CauseApproval                    // the US approved a strike (Subject: the mission)
	CauseDenial                      // the US denied a strike (Subject: the mission)
	CauseWarning                     // Israel warned the US of an attack (Site)
	CauseRecovery                    // trust drifting back toward where it started
	CauseViolationFound              // the US discovered a strike flown without approval (Subject: the mission)
	CauseDecay                       // a ladder easing with time
	CauseResponse                    // the US struck militia facilities (Subject: the attack)
	CauseStrike                      // an Israeli strike destroyed its target (Subject: the mission)
	CauseRussiaIncident              // an incident with Russian forces (Subject: the mission)
	CauseAttackOnIsrael              // a proxy attack on Israel (Site)
	CauseProtest                     // Russia protested a strike on the hotline (Subject: the mission)
	CauseCampaign                    // the campaign against IS advancing with the US troops in place
	CauseQuietBroken                 // an Israeli strike inside a halt or a US operation area (Subject: the mission)
	CauseRaid                        // an Islamic State raid
	CauseOffensive                   // a Turkish offensive against the SDF
	CauseTerms                       // the SDF sought terms with Damascus and Moscow
	NumCauses
)

// Change is one change of a recorded quantity, with its cause.
type Change struct {
	Turn     int32
	Quantity Quantity
	Before   int64
	After    int64
	Cause    Cause
	Site     int32 // a site the cause concerns, or -1
	Subject  int32 // a mission, attack or event index the cause concerns, or -1
}

// SeenBy reports whether a role may know of a change: trust is between
// Israel and the US; the talks and the ladders are public. A spectator
// (NoActor) sees everything.
func (c Change) SeenBy(role Actor) bool {
	return c.Quantity != QuantityTrust || role == USA || role == Israel || role == NoActor
}

// TakeChanges returns the changes recorded since the last call (only while
// logging, see SetLogging) and forgets them. The slice is reused by the
// engine: copy what you keep.
func (e *Engine) TakeChanges() []Change {
	out := e.changes
	e.changes = e.changes[:0]
	return out
}

// changed records a change of a quantity with its cause, while logging.
func (e *Engine) changed(q Quantity, before, after int64, c Cause, site, subject int32) {
	if e.logging && after != before {
		e.changes = append(e.changes, Change{Turn: e.st.Turn, Quantity: q, Before: before, After: after, Cause: c, Site: site, Subject: subject})
	}
}
