package sim

import (
	"errors"
	"fmt"
)

// Step is one stage of a turn. The design's nine phases are split into the
// stages where someone may have to decide; Step.Phase gives the phase.
type Step uint8

// The steps of a turn, in order.
const (
	StepEvents      Step = iota // 1 scripted events
	StepLogistics               // 2 shipments move
	StepIntel                   // 3 Israeli detection
	StepPlanning                // 4 Israel plans missions (decision)
	StepReview                  // 5 requests to the US (decisions)
	StepResponse                // 5 Israel answers denials, conditions, halts (decisions)
	StepExecution               // 6 strikes resolve
	StepAttacks                 // 7 planned attacks land; the US responds (decisions)
	StepRetaliation             // 7 attribution and Iran's opportunities (decisions)
	StepWarning                 // 7 Israel may warn the US (decisions)
	StepProtection              // 7 the US protects warned sites (decisions)
	StepDiplomacy               // 8 ladders, talks, trust
	StepScore                   // 9 objectives and the end
	NumSteps
)

var stepIDs = [NumSteps]string{"events", "logistics", "intelligence", "planning", "review", "response", "execution", "attacks", "retaliation", "warning", "protection", "diplomacy", "score"}

// String returns the step's id.
func (s Step) String() string {
	if s < NumSteps {
		return stepIDs[s]
	}
	return fmt.Sprintf("step(%d)", uint8(s))
}

// Phase returns the design card's phase number (1–9) of the step.
func (s Step) Phase() int {
	return [NumSteps]int{1, 2, 3, 4, 5, 5, 6, 7, 7, 7, 7, 8, 9}[s]
}

// ParseStep maps a step id to its Step.
func ParseStep(id string) (Step, bool) {
	for i, s := range stepIDs {
		if s == id {
			return Step(i), true
		}
	}
	return 0, false
}

// DecisionKind says what an actor must decide.
type DecisionKind uint8

// The decision kinds.
const (
	DecidePlan           DecisionKind = iota // Israel: plan this turn's strikes
	DecideRequest                            // US: answer a review request
	DecideResponse                           // Israel: a mission was denied, conditioned or falls in a halt
	DecideAttackResponse                     // US: answer an attack on its forces
	DecideRetaliation                        // Iran: proxies can strike a site
	DecideWarning                            // Israel: it detected a coming attack on US forces
	DecideProtection                         // US: it was warned of a coming attack
	DecideAirDefence                         // Syria: raids will cross its batteries' cover tonight
	DecideNotice                             // Russia: Israel gave notice of a strike near its forces
	DecideAnswer                             // Hezbollah: Israel destroyed a shipment bound for it
	DecideInsurgency                         // Islamic State: the pressure on it leaves an opening
	DecideOffensive                          // Turkey: its weekly review of an offensive against the SDF in the north
	DecideFront                              // SDF: its weekly review of its fronts (the Islamic State, the Turkish border)
	DecideSupply                             // Iran: Hezbollah asked for a shipment to replace one Israel destroyed
	NumDecisionKinds
)

var decisionKindIDs = [NumDecisionKinds]string{"plan", "request", "response", "attack-response", "retaliation", "warning", "protection", "air-defence", "notice", "answer", "insurgency", "offensive", "front", "supply"}

// String returns the decision kind's id.
func (k DecisionKind) String() string { return decisionKindIDs[k] }

// Reason is a bit set of why a mission needs a decision.
type Reason uint8

// The reasons.
const (
	ReasonZone      Reason = 1 << iota // route or target inside a US deconfliction zone
	ReasonStandoff                     // target within the stand-off distance of US troops
	ReasonOperation                    // target or route inside an active US operation area
	ReasonDenied                       // the US denied the request
	ReasonCondition                    // the US approved on condition
	ReasonHalt                         // route or target inside an active halt
	ReasonRussia                       // route passes Russian forces (notice needed)
)

// Strings lists the reasons as words.
func (r Reason) Strings() []string {
	names := []string{"zone", "standoff", "operation", "denied", "condition", "halt", "russia"}
	var out []string
	for i, n := range names {
		if r&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// Decision is something an actor must answer before the turn goes on.
type Decision struct {
	ID      int32
	Actor   Actor
	Kind    DecisionKind
	Subject int32 // mission, request or attack id, or site index for retaliation
	Reasons Reason
	Done    bool
}

// OrderKind is the type of an order.
type OrderKind uint8

// The orders. Those marked "free" may be given at any stop, the others answer
// a pending decision named by Order.Decision.
const (
	OrderStrike         OrderKind = iota // Israel, plan: Target, Route, Package, Notice, SkipReview
	OrderEndPlanning                     // Israel, plan: no more strikes this turn
	OrderApprove                         // US, request
	OrderCondition                       // US, request: Route (another route, or -1) and Delay turns
	OrderDeny                            // US, request
	OrderDefer                           // US, request: answer on a later turn
	OrderComply                          // Israel, response: accept the condition, or stand down
	OrderWithdraw                        // Israel, response: cancel the mission
	OrderProceed                         // Israel, response: strike anyway (a violation)
	OrderRetaliate                       // Iran, retaliation: Method, Claim
	OrderHold                            // Iran retaliation, Israel warning, US protection, Hezbollah answer, IS insurgency, Turkey's offensive or the SDF's front: do nothing
	OrderWarn                            // Israel, warning: tell the US
	OrderEvacuate                        // US, protection or free: thin out Site
	OrderHarden                          // US, protection or free: harden Site
	OrderRespond                         // US, attack-response: Strike (proportionate strike) and Blame
	OrderHalt                            // US, free: halt Israeli strikes within Radius of Site for Days
	OrderPrivateMessage                  // US, free: tell Tehran the strikes are not American
	OrderReturn                          // US, free: bring an evacuated Site back to strength
	OrderDispatch                        // Iran, free: set a corridor's Interval (0 pauses it)
	OrderFireAll                         // Syria, air-defence: every battery fires at tonight's raids
	OrderFireSelective                   // Syria, air-defence: only some batteries fire, fewer exposed
	OrderHoldFire                        // Syria, air-defence: batteries stay dark, spared
	OrderAcknowledge                     // Russia, notice: take note
	OrderProtest                         // Russia, notice: protest the strike (Israel–Russia ladder)
	OrderAskDelay                        // Russia, notice: ask Israel to wait a turn (and give standard notice)
	OrderFireGolan                       // Hezbollah, answer: fire rockets at an Israeli position on the Golan
	OrderRaid                            // Islamic State, insurgency: raid, setting the counter-IS campaign back
	OrderOffensive                       // Turkey, offensive: attack the SDF in the north, pinning the US forces there
	OrderDivert                          // SDF, front: turn its forces north to the Turkish border for a month
	OrderSeekTerms                       // SDF, front: seek terms with Damascus and Moscow, whose troops move into the border strip
	OrderAskShipment                     // Hezbollah, answer: ask Iran to replace the shipment lost
	OrderGrant                           // Iran, supply: send a shipment at once
	OrderDecline                         // Iran, supply: send nothing more
	NumOrderKinds
)

var orderKindIDs = [NumOrderKinds]string{"strike", "end-planning", "approve", "condition", "deny", "defer", "comply", "withdraw", "proceed", "retaliate", "hold", "warn", "evacuate", "harden", "respond", "halt", "private-message", "return", "dispatch", "fire-all", "fire-selective", "hold-fire", "acknowledge", "protest", "ask-delay", "fire-golan", "raid", "offensive", "divert", "seek-terms", "ask-shipment", "grant", "decline"}

// String returns the order kind's id.
func (k OrderKind) String() string {
	if k < NumOrderKinds {
		return orderKindIDs[k]
	}
	return fmt.Sprintf("order(%d)", uint8(k))
}

// ParseOrderKind maps an order id to its kind.
func ParseOrderKind(id string) (OrderKind, bool) {
	for i, s := range orderKindIDs {
		if s == id {
			return OrderKind(i), true
		}
	}
	return 0, false
}

// TargetKind says whether a target is a site or a shipment.
type TargetKind uint8

// The target kinds.
const (
	TargetSite TargetKind = iota
	TargetShipment
)

// Target names a strike target: a site index or a shipment id.
type Target struct {
	Kind TargetKind
	ID   int32
}

// Package sizes and notice lengths for strike orders.
const (
	PackageSmall  = 0 // 2 aircraft
	PackageMedium = 1 // 4 aircraft
	PackageLarge  = 2 // 8 aircraft

	NoticeShort    = 0 // about a minute: risks an incident
	NoticeStandard = 1
	NoticeLong     = 2 // an hour or more: risks a leak

	MethodRockets = 0
	MethodDrones  = 1
)

// Syria's air-defence postures (State.Posture), set by its answer to a
// DecideAirDefence for the turn.
const (
	PostureFireAll       = 0 // every battery fires: the full cover, every battery exposed
	PostureFireSelective = 1 // some batteries fire: selectiveFire of the cover and of the risk
	PostureHoldFire      = 2 // no battery fires: no Syrian cover, no battery lost
)

// Order is one command or answer, as plain data. Which fields matter depends
// on Kind (see the OrderKind constants); the rest stay zero.
type Order struct {
	Kind       OrderKind
	Decision   int32 // the decision answered (0 for free orders)
	Target     Target
	Route      int32
	Package    int8
	Notice     int8
	SkipReview bool
	Site       int32
	Method     int8
	Claim      bool
	Strike     bool
	Blame      bool
	Delay      int32
	Radius     int64 // metres
	Days       int32
	Corridor   int32
	Interval   int32
}

// Recorded is an order as a replay keeps it: when it was given and by whom.
type Recorded struct {
	Turn  int32
	Step  Step
	Actor Actor
	Order Order
}

// ErrInvalidOrder is wrapped by every error Apply returns.
var ErrInvalidOrder = errors.New("invalid order")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidOrder, fmt.Sprintf(format, args...))
}
