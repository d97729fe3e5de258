package sim

// LogKind is the kind of an event-log entry.
type LogKind uint8

// The log entry kinds.
const (
	LogEvent             LogKind = iota // a scripted event fired
	LogShipmentSent                     // Iran dispatched a shipment
	LogShipmentDelivered                // a shipment reached Hezbollah
	LogDetection                        // Israel detected a target
	LogRequest                          // a mission was submitted for US review
	LogApproved                         // the US approved a request
	LogConditioned                      // the US approved on condition
	LogDenied                           // the US denied a request
	LogDeferred                         // the US deferred a request
	LogExpired                          // a deferred request expired
	LogWithdrawn                        // Israel withdrew a mission
	LogHalt                             // a halt came into force
	LogStrikeHit                        // a strike destroyed its target
	LogStrikeMiss                       // a strike failed
	LogViolation                        // a strike flew without approval or inside a halt
	LogViolationFound                   // the US discovered a violation
	LogAircraftLost                     // an Israeli aircraft was lost
	LogCollateral                       // a strike caused collateral casualties
	LogRussiaIncident                   // an incident with Russian forces
	LogLeak                             // a notice to Russia leaked
	LogAttackOrdered                    // Iran ordered a proxy attack
	LogAttack                           // an attack landed
	LogWarning                          // Israel warned the US
	LogEvacuation                       // the US evacuated a garrison
	LogHardening                        // the US hardened a garrison
	LogReturn                           // an evacuated garrison returned to strength
	LogUSResponse                       // the US struck militia facilities
	LogBlame                            // the US blamed Iran in public
	LogSilence                          // the US stayed silent
	LogPrivateMessage                   // the US messaged Tehran
	LogDispatch                         // Iran changed a corridor's rate
	LogPosture                          // Syria set its air-defence posture for the night (Value)
	LogBatteryLost                      // Israel destroyed a Syrian battery that fired (Site)
	LogNoticeAnswer                     // Russia answered Israel's notice of a strike (Value: 0 noted, 1 protest, 2 delay asked)
	LogGolanFire                        // Hezbollah fired at an Israeli position (Site) after losing a shipment (Subject: the attack)
	LogRaid                             // the Islamic State raided; Value is the counter-IS progress lost (milli-percent)
	LogOffensive                        // Turkey attacked the SDF in the north; Value is the counter-IS progress lost (milli-percent)
	LogDivert                           // the SDF turned its forces north; Value is the days they stay there
	LogTerms                            // the SDF sought terms with Damascus and Moscow; Value is the counter-IS progress lost (milli-percent)
	LogShipmentAsked                    // Hezbollah asked Iran to replace the shipment Subject
	LogShipmentAnswer                   // Iran answered Hezbollah's request for the shipment Subject (Value 1 granted: Subject is then the new shipment; 0 declined)
	LogEscalation                       // a ladder rose to a whole level
	LogDeescalation                     // a ladder eased below a whole level
	LogOutcome                          // the run ended
	NumLogKinds
)

// Why Israel withdrew a mission: the Value of a LogWithdrawn entry.
const (
	WithdrawnUnsaid     int64 = iota // no reason recorded
	WithdrawnDenied                  // the US denied it
	WithdrawnRoute                   // Israel would not fly the other route the US asked for
	WithdrawnDelay                   // Israel would not wait as the US asked
	WithdrawnHalt                    // a US halt covers the target
	WithdrawnTargetGone              // the target was already gone
)

var logKindIDs = [NumLogKinds]string{"event", "shipment-sent", "shipment-delivered", "detection", "request", "approved", "conditioned", "denied", "deferred", "expired", "withdrawn", "halt", "strike-hit", "strike-miss", "violation", "violation-discovered", "aircraft-lost", "collateral", "russia-incident", "leak", "attack-ordered", "attack", "warning", "evacuation", "hardening", "return", "us-response", "blame", "silence", "private-message", "dispatch", "air-defence-posture", "battery-lost", "notice-answer", "golan-fire", "raid", "offensive", "divert", "terms", "shipment-asked", "shipment-answer", "escalation", "de-escalation", "outcome"}

// String returns the kind's id, as written to event logs.
func (k LogKind) String() string { return logKindIDs[k] }

// LogKindIDs lists every log kind (a copy).
func LogKindIDs() []string { return append([]string(nil), logKindIDs[:]...) }

// Review says how a flown strike stood with the US review.
type Review uint8

// The review standings of a strike.
const (
	ReviewNone        Review = iota // no review was needed
	ReviewApproved                  // approved outright
	ReviewConditioned               // approved on condition, and the condition was met
	ReviewViolation                 // flown without a needed approval or inside a halt
)

// String returns the standing's id.
func (r Review) String() string {
	return [...]string{"none", "approved", "conditioned", "violation"}[r]
}

// Entry is one line of the event log, as structured data. Describe turns it
// into text. Which fields matter depends on Kind: for a halt, Subject is the
// scenario zone it names (or -1) and Site the site it is centred on (or -1);
// for strikes, Review tells how the strike stood with the US.
type Entry struct {
	Turn    int32
	Day     int32
	Kind    LogKind
	Actor   Actor // who acted
	Other   Actor // toward whom, or NoActor
	Site    int32 // a site index, or -1
	Subject int32 // a mission, request, attack, shipment or event index, or -1
	Value   int64 // a number the kind explains (casualties, level, size …)
	Review  Review
}

// SeenBy reports whether a role may know of a log entry: the secret review
// stays between the US and Israel, Israel's intelligence with Israel, Iran's
// orders with Iran, the US's private channel with the US and Iran. A
// spectator (NoActor) sees everything. The game's log view and a served
// game's seats show a role only these.
func (e Entry) SeenBy(role Actor) bool {
	if role == NoActor {
		return true
	}
	switch e.Kind {
	case LogRequest, LogApproved, LogConditioned, LogDenied, LogDeferred, LogExpired,
		LogWithdrawn, LogHalt, LogViolationFound:
		return role == USA || role == Israel
	case LogViolation, LogDetection, LogLeak:
		return role == Israel
	case LogWarning:
		return role == USA || role == Israel
	case LogAttackOrdered, LogDispatch:
		return role == Iran
	case LogPrivateMessage:
		return role == USA || role == Iran
	case LogShipmentSent:
		return role == Iran || role == Hezbollah
	case LogRussiaIncident:
		return role == Israel || role == Russia
	case LogNoticeAnswer:
		return role == Israel || role == Russia // the hotline is between them
	case LogPosture:
		return role == Syria || role == Russia // Damascus's orders to its batteries
	case LogEvacuation, LogHardening, LogReturn:
		return role == USA
	}
	return true
}
