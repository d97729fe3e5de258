package sim

import "github.com/deconflict/deconflict/sim/geo"

// Outcome is how a run ended.
type Outcome uint8

// The outcomes.
const (
	OutcomeRunning Outcome = iota
	OutcomeCompleted
	OutcomeUSDrawnIn
	OutcomeRegionalWar
	OutcomeAllianceRupture
	NumOutcomes
)

var outcomeIDs = [NumOutcomes]string{"running", "completed", "us-drawn-in", "regional-war", "alliance-rupture"}

// String returns the outcome's id.
func (o Outcome) String() string { return outcomeIDs[o] }

// OutcomeIDs lists the outcomes a finished run can have (a copy).
func OutcomeIDs() []string { return append([]string(nil), outcomeIDs[1:]...) }

// Verdict is a role's result.
type Verdict uint8

// The verdicts.
const (
	VerdictDraw Verdict = iota
	VerdictWon
	VerdictLost
)

// String returns the verdict's id.
func (v Verdict) String() string { return [...]string{"draw", "won", "lost"}[v] }

// MissionStatus is where a strike mission stands.
type MissionStatus uint8

// The mission statuses.
const (
	MissionPlanned    MissionStatus = iota // planned, not yet checked
	MissionRequested                       // waiting for the US
	MissionCleared                         // may fly (approved, conditioned and accepted, or no review needed)
	MissionAwaiting                        // waiting for Israel's answer to a denial, condition or halt
	MissionProceeding                      // flying without approval or inside a halt
	MissionWithdrawn                       // cancelled
	MissionFlown                           // executed
)

var missionStatusIDs = [...]string{"planned", "requested", "cleared", "awaiting", "proceeding", "withdrawn", "flown"}

// String returns the status id.
func (s MissionStatus) String() string { return missionStatusIDs[s] }

// RequestStatus is where a review request stands.
type RequestStatus uint8

// The request statuses.
const (
	RequestOpen RequestStatus = iota
	RequestApproved
	RequestConditioned
	RequestDenied
	RequestDeferred
	RequestExpired
	RequestWithdrawn
)

var requestStatusIDs = [...]string{"open", "approved", "conditioned", "denied", "deferred", "expired", "withdrawn"}

// String returns the status id.
func (s RequestStatus) String() string { return requestStatusIDs[s] }

// Mission is one Israeli strike mission.
type Mission struct {
	ID         int32
	Planned    int32 // the turn it was planned
	Target     Target
	TargetPos  geo.Point
	Route      int32
	Package    int8
	Notice     int8
	SkipReview bool
	Status     MissionStatus
	Reasons    Reason
	Request    int32 // request id, 0 if none
	FlyTurn    int32 // earliest turn it may fly (a conditioned delay)
	Exposure   int64 // metres flown in air-defence cover, weighted by strength
	// SyriaExposure is the part of Exposure inside Syrian batteries' cover,
	// which fires only as Syria's air-defence posture allows.
	SyriaExposure int64
	InUSZone      bool // the path crosses a US deconfliction zone
	Violation     bool
	InHalt        bool
	NearRussia    bool
}

// Request is a mission submitted to the US for review.
type Request struct {
	ID        int32
	Mission   int32
	Reasons   Reason
	Status    RequestStatus
	Raised    int32 // turn
	AltRoute  int32 // the route a conditional approval asks for, or -1
	Delay     int32 // the delay a conditional approval asks for, in turns
	Deferrals int32
}

// Halt is an area where Israel was asked not to strike until a turn.
type Halt struct {
	ID    int32
	Area  Area
	Until int32 // last turn in force
	Zone  int32 // the scenario zone it came from, or -1
}

// Attack is a proxy attack Iran has ordered, landing on Due.
type Attack struct {
	ID       int32
	Site     int32
	Method   int8
	Claimed  bool
	Due      int32
	Detected bool // Israel saw it coming
	Warned   bool // Israel told the US
	Landed   bool
}

// SiteState is what changes about a site.
type SiteState struct {
	Troops        int64
	Hardened      bool
	EvacuatedTill int32 // last turn of an evacuation, or -1
	DetectedTill  int32 // last turn Israel may strike it, or -1
	DisabledTill  int32 // last turn it is out of action after a strike, or -1
}

// Shipment is one Iranian weapons shipment on a corridor.
type Shipment struct {
	ID           int32
	Corridor     int32
	Dist         int64 // metres along the corridor
	NextStop     int32 // index into the corridor's stops
	Size         int64
	DwellTill    int32 // waits at a depot until this turn
	DetectedTill int32
}

// CorridorState is what changes about a corridor.
type CorridorState struct {
	Interval int64 // turns between dispatches (0 paused)
	Next     int32 // turn of the next dispatch
}

// SiteMod is what events may change of a site's fixed attributes (micro).
type SiteMod struct {
	Hardness   int64
	Proximity  int64
	ADStrength int64
}

// ObjectiveState records whether and when an objective was decided.
type ObjectiveState struct {
	Decided bool
	Met     bool
	Turn    int32
}

// Streams of the engine's random numbers, one per purpose, so that a change
// in one phase does not shift the dice of another.
const (
	streamLogistics = iota
	streamIntel
	streamAirDefence
	streamExecution
	streamRetaliation
	streamWarning
	streamInsurgency
	streamLeak
	numStreams
)

// State is everything that changes during a run. It holds only fixed-width
// integers, booleans and slices of them, so it hashes the same everywhere.
type State struct {
	Turn          int32
	Step          Step
	Outcome       Outcome
	EndTurn       int32 // the turn the run ended on
	Escalation    [NumPairs]int64
	MaxEsc        [NumPairs]int64
	Trust         int64
	Complicity    int64
	Grievance     [NumAdversaries]int64 // Iran's toward Israel and the US (TowardIsrael, TowardUSA), milli
	Deterrence    [NumAdversaries]int64 // Israel's and the US's deterrence of Iran's proxies (TowardIsrael, TowardUSA), micro
	Talks         int64
	TalksOpen     bool
	AirDefence    int64
	CounterIS     int64
	Arsenal       int64
	LastMessage   int32  // turn of the last private message, or -1
	OffensiveTill int32  // last turn of Turkey's offensive, or -1
	DivertedTill  int32  // last turn the SDF's forces stand in the north, or -1
	TermsTill     int32  // last turn the SDF's terms with Damascus and Moscow hold, or -1
	Posture       int8   // Syria's air-defence posture this turn (PostureFireAll …)
	Params        Params // the model constants in force (events may change them)
	Count         [numCounters]int64
	Sites         []SiteState
	Corridors     []CorridorState
	Shipments     []Shipment
	Missions      []Mission
	Requests      []Request
	Halts         []Halt
	Attacks       []Attack
	Objectives    []ObjectiveState
	Fired         []bool   // events already fired (or spent on a failed chance)
	Fires         []Fire   // when each anchor event first fired
	Reverts       []Revert // changes to undo, in the order they were made
	EventRand     []PCG    // the dice of chances and random dates; empty when no event uses them
	// The richer language's state, each empty unless the scenario needs it
	// (see Scenario.lang), so other scenarios' runs and hashes stay as they were.
	Tally    []SiteTally // per site, for conditions and objectives on a site or zone
	Orders   []int64     // per actor and order kind (actor*NumOrderKinds+kind), for conditions on an actor's orders
	Windows  []Window    // per objective, for conditional and time-windowed objectives
	Setups   []int32     // per actor, the setup in force (0 the scenario's, k ActorSetup.Later[k-1]), when policy effects exist
	SiteMods []SiteMod   // per site, its hardness, proximity and air-defence strength, when effects change them
	Owners   []Actor     // per site, its owner now, when owner effects change owners
	Watch    []int32     // per corridor, the last turn its shipments are detected (-1 none), when detected effects name corridors
	Pending  []Decision
	NextID   int32 // the next id for missions, requests, halts, attacks, decisions and shipments
	Rand     [numStreams]PCG
}
