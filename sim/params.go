package sim

// Param names one model constant a scenario may tune under [params].
type Param uint8

// The model constants.
const (
	ParamSortiesPerTurn Param = iota
	ParamDetectShipment
	ParamDetectSite
	ParamDetectWindow
	ParamDetectAttack
	ParamStandoffKm
	ParamRequestExpiry
	ParamViolationDiscovery
	ParamViolationTrustCost
	ParamApprovalTrustGain
	ParamDenialTrustCost
	ParamWarningTrustGain
	ParamTrustRecovery
	ParamRussiaIncident
	ParamRussiaLeak
	ParamIncidentAirDefence
	ParamStrikeSmall
	ParamStrikeMedium
	ParamStrikeLarge
	ParamInterceptPerKm
	ParamAircraftLoss
	ParamCollateral
	ParamComplicityPerStrike
	ParamComplicityDecay
	ParamAttributionUS
	ParamGrievancePerStrike
	ParamGrievanceDecay
	ParamGrievanceSpent
	ParamGrievancePerResponse
	ParamRetaliationBase
	ParamRetaliationIsrael
	ParamHazardCap
	ParamLethalityRockets
	ParamLethalityDrones
	ParamInjuryRate
	ParamEscalationPerStrike
	ParamEscalationPerAttack
	ParamEscalationPerDeath
	ParamEscalationPerResponse
	ParamEscalationPerBlame
	ParamEscalationDecay
	ParamDeterrencePerResponse
	ParamDeterrenceDecay
	ParamTalksRate
	ParamTalksLossPerDeath
	ParamTalksLossPerBlame
	ParamTalksLossPerAttack
	ParamCounterISRate
	ParamCounterISLossPerViolation
	ParamPrivateMessageEffect
	ParamPrivateMessageCooldown
	ParamEvacuationTurns
	ParamBatteryLoss
	ParamReviewLeak
	ParamLeakComplicity
	ParamProtestEscalation
	ParamInsurgency
	ParamRaidLoss
	ParamOffensiveLoss
	ParamDivertSlowdown
	ParamTermsLoss
	ParamGrievancePerSilence
	NumParams
)

// Unit says how a parameter's TOML value maps to its integer form.
type Unit uint8

// The parameter units.
const (
	UnitCount    Unit = iota // a whole number, stored as is
	UnitFraction             // a fraction 0..1 (or more), stored ×1e6
	UnitLevel                // ladder levels, grievance or trust points, stored ×1000
	UnitKm                   // kilometres, stored as metres
)

// Scale is the integer multiplier of the unit.
func (u Unit) Scale() int64 {
	switch u {
	case UnitFraction:
		return Micro
	case UnitLevel:
		return Milli
	case UnitKm:
		return 1000
	}
	return 1
}

// String names the unit for documentation and error messages.
func (u Unit) String() string {
	return [...]string{"count", "fraction", "level", "km"}[u]
}

// ParamSpec documents one tunable constant: its key, unit, default and range.
type ParamSpec struct {
	Key      string
	Unit     Unit
	Default  float64
	Min, Max float64
	Doc      string
}

// paramSpecs documents every model constant, in Param order.
var paramSpecs = [NumParams]ParamSpec{
	ParamSortiesPerTurn:            {"sorties_per_turn", UnitCount, 2, 0, 50, "strike missions Israel may plan each turn"},
	ParamDetectShipment:            {"detect_shipment", UnitFraction, 0.08, 0, 1, "chance per turn that Israeli ISR detects a shipment in transit (×2 while it unloads at a depot)"},
	ParamDetectSite:                {"detect_site", UnitFraction, 0.03, 0, 1, "chance per turn that Israeli ISR detects activity at a target site (depot, base …) that stands"},
	ParamDetectWindow:              {"detect_window", UnitCount, 3, 1, 365, "turns a detected target stays strikable"},
	ParamDetectAttack:              {"detect_attack", UnitFraction, 0.35, 0, 1, "chance that Israel detects a planned proxy attack on US forces"},
	ParamStandoffKm:                {"standoff_km", UnitKm, 30, 0, 500, "a target this close to US troops needs US review"},
	ParamRequestExpiry:             {"request_expiry", UnitCount, 3, 1, 365, "turns a deferred request waits before it expires"},
	ParamViolationDiscovery:        {"violation_discovery", UnitFraction, 0.5, 0, 1, "chance the US discovers an unapproved strike in its zones or a halt"},
	ParamViolationTrustCost:        {"violation_trust_cost", UnitLevel, 8, 0, 100, "Israel–US trust lost per discovered violation (points of 100)"},
	ParamApprovalTrustGain:         {"approval_trust_gain", UnitLevel, 0.05, 0, 100, "trust gained per approved request"},
	ParamDenialTrustCost:           {"denial_trust_cost", UnitLevel, 1.5, 0, 100, "trust lost per denied request"},
	ParamWarningTrustGain:          {"warning_trust_gain", UnitLevel, 4, 0, 100, "trust gained when Israel warns the US of an attack"},
	ParamTrustRecovery:             {"trust_recovery", UnitLevel, 0.02, 0, 10, "trust points regained per turn toward the starting level"},
	ParamRussiaIncident:            {"russia_incident", UnitFraction, 0.01, 0, 1, "chance of an incident with Russian forces per strike through their zone at standard notice (×4 on short notice, ÷4 on long)"},
	ParamRussiaLeak:                {"russia_leak", UnitFraction, 0.08, 0, 1, "chance a long notice to Russia leaks to the target (÷4 at standard notice; short notice never leaks)"},
	ParamIncidentAirDefence:        {"incident_air_defence", UnitLevel, 0.5, 0, 5, "Syrian air-defence level added after an incident with Russia"},
	ParamStrikeSmall:               {"strike_small", UnitFraction, 0.55, 0, 1, "base chance a 2-aircraft package destroys its target"},
	ParamStrikeMedium:              {"strike_medium", UnitFraction, 0.75, 0, 1, "base chance a 4-aircraft package destroys its target"},
	ParamStrikeLarge:               {"strike_large", UnitFraction, 0.9, 0, 1, "base chance an 8-aircraft package destroys its target"},
	ParamInterceptPerKm:            {"intercept_per_km", UnitFraction, 0.0008, 0, 1, "interception chance per km flown inside air-defence cover, per air-defence level"},
	ParamAircraftLoss:              {"aircraft_loss", UnitFraction, 0.04, 0, 1, "share of interceptions that down an aircraft"},
	ParamCollateral:                {"collateral", UnitFraction, 0.05, 0, 1, "chance a successful strike causes collateral casualties"},
	ParamComplicityPerStrike:       {"complicity_per_strike", UnitFraction, 0.004, 0, 1, "perceived US complicity added by a strike flown through a US zone"},
	ParamComplicityDecay:           {"complicity_decay", UnitFraction, 0.002, 0, 1, "share of perceived complicity lost per turn"},
	ParamAttributionUS:             {"attribution_us", UnitFraction, 0.5, 0, 1, "share of a strike's grievance also aimed at the US, with a chance equal to the perceived complicity"},
	ParamGrievancePerStrike:        {"grievance_per_strike", UnitLevel, 0.12, 0, 10, "Iranian grievance per destroyed target of value 1"},
	ParamGrievanceDecay:            {"grievance_decay", UnitFraction, 0.02, 0, 1, "share of grievance lost per turn"},
	ParamGrievancePerResponse:      {"grievance_per_response", UnitLevel, 0.5, 0, 10, "Iranian grievance toward the US per US retaliatory strike"},
	ParamGrievanceSpent:            {"grievance_spent", UnitFraction, 0.5, 0, 1, "share of grievance an executed attack discharges"},
	ParamRetaliationBase:           {"retaliation_base", UnitFraction, 0.01, 0, 1, "attack hazard per turn at a site at grievance 1, complicity 1, proximity 1"},
	ParamRetaliationIsrael:         {"retaliation_israel", UnitFraction, 0.03, 0, 1, "attack hazard factor for Israeli positions (Iran rarely strikes Israel directly)"},
	ParamHazardCap:                 {"hazard_cap", UnitFraction, 0.2, 0, 1, "largest attack hazard at one site per turn"},
	ParamLethalityRockets:          {"lethality_rockets", UnitFraction, 0.00012, 0, 1, "chance each troop present is killed by a rocket salvo"},
	ParamLethalityDrones:           {"lethality_drones", UnitFraction, 0.00024, 0, 1, "chance each troop present is killed by a drone attack"},
	ParamInjuryRate:                {"injury_rate", UnitFraction, 0.005, 0, 1, "chance each troop present is injured by an attack"},
	ParamEscalationPerStrike:       {"escalation_per_strike", UnitLevel, 0.015, 0, 5, "Israel–Iran ladder rise per destroyed target of value 1"},
	ParamEscalationPerAttack:       {"escalation_per_attack", UnitLevel, 0.18, 0, 5, "US–Iran ladder rise per attack on US forces (×2 on the Israel–Iran ladder per attack on Israel)"},
	ParamEscalationPerDeath:        {"escalation_per_death", UnitLevel, 0.6, 0, 5, "US–Iran ladder rise per US death"},
	ParamEscalationPerResponse:     {"escalation_per_response", UnitLevel, 0.2, 0, 5, "US–Iran ladder rise per US retaliatory strike"},
	ParamEscalationPerBlame:        {"escalation_per_blame", UnitLevel, 0.15, 0, 5, "US–Iran ladder rise when the US blames Iran in public"},
	ParamEscalationDecay:           {"escalation_decay", UnitLevel, 0.01, 0, 5, "ladder fall per turn"},
	ParamDeterrencePerResponse:     {"deterrence_per_response", UnitFraction, 0.15, 0, 1, "deterrence gained by a retaliatory strike (half by a public blame)"},
	ParamDeterrenceDecay:           {"deterrence_decay", UnitFraction, 0.01, 0, 1, "share of deterrence lost per turn"},
	ParamTalksRate:                 {"talks_rate", UnitLevel, 0.15, 0, 100, "talks progress per turn (percent) while the US–Iran ladder is below 2"},
	ParamTalksLossPerDeath:         {"talks_loss_per_death", UnitLevel, 8, 0, 100, "talks progress lost per US death (percent)"},
	ParamTalksLossPerBlame:         {"talks_loss_per_blame", UnitLevel, 3, 0, 100, "talks progress lost when the US blames Iran in public (percent)"},
	ParamTalksLossPerAttack:        {"talks_loss_per_attack", UnitLevel, 0.5, 0, 100, "talks progress lost per attack on US forces (percent)"},
	ParamCounterISRate:             {"counter_is_rate", UnitLevel, 0.1, 0, 100, "counter-IS progress per turn (percent), times the share of US troops not evacuated"},
	ParamCounterISLossPerViolation: {"counter_is_loss_per_violation", UnitLevel, 2, 0, 100, "counter-IS progress lost per strike that violates a halt or operation area"},
	ParamPrivateMessageEffect:      {"private_message_effect", UnitFraction, 0.3, 0, 1, "share of perceived complicity a private message to Tehran removes (half that share of grievance toward the US)"},
	ParamPrivateMessageCooldown:    {"private_message_cooldown", UnitCount, 30, 1, 3650, "turns before another private message carries weight"},
	ParamEvacuationTurns:           {"evacuation_turns", UnitCount, 5, 1, 365, "turns an evacuated garrison stays thinned out"},
	ParamProtestEscalation:         {"protest_escalation", UnitLevel, 0.2, 0, 5, "Israel–Russia ladder rise when Russia protests a strike on the hotline"},
	ParamInsurgency:                {"insurgency", UnitFraction, 0.03, 0, 1, "chance a turn that the Islamic State finds an opening, times the slack in the pressure on it (half the share of US troops away, half the counter-IS campaign still to go)"},
	ParamRaidLoss:                  {"raid_loss", UnitLevel, 0.2, 0, 100, "counter-IS progress (percent) an Islamic State raid sets back"},
	ParamOffensiveLoss:             {"offensive_loss", UnitLevel, 2, 0, 100, "counter-IS progress (percent) a Turkish offensive in the north sets back, as the SDF turns north (nothing when its forces already stand there)"},
	ParamDivertSlowdown:            {"divert_slowdown", UnitFraction, 0.5, 0, 1, "share of the counter-IS campaign's daily progress lost while the SDF's forces stand in the north"},
	ParamTermsLoss:                 {"terms_loss", UnitLevel, 1.5, 0, 100, "counter-IS progress (percent) lost when the SDF seeks terms with Damascus and Moscow and cedes ground to them"},
	ParamGrievancePerSilence:       {"grievance_per_silence", UnitLevel, 0, 0, 10, "Iranian grievance toward the US per attack on US forces the US leaves without a retaliatory strike: unpunished, the militias grow bolder"},
	ParamReviewLeak:                {"review_leak", UnitFraction, 0, 0, 1, "chance that a US answer to a review (approval, condition or denial) leaks to Tehran"},
	ParamLeakComplicity:            {"leak_complicity", UnitFraction, 0.02, 0, 1, "perceived US complicity a leaked approval or condition adds and a leaked denial removes"},
	ParamBatteryLoss:               {"battery_loss", UnitFraction, 0.02, 0, 1, "chance that Israel destroys a Syrian battery whose cover a raid crossed, when it fired at the raid (times the share that fired)"},
}

// ParamSpecs returns the specification of every model constant (a copy).
func ParamSpecs() []ParamSpec { return append([]ParamSpec(nil), paramSpecs[:]...) }

// Spec returns the parameter's specification.
func (p Param) Spec() ParamSpec { return paramSpecs[p] }

// Params holds every model constant in its integer form.
type Params [NumParams]int64

// DefaultParams returns the defaults of every model constant.
func DefaultParams() Params {
	var p Params
	for i, s := range paramSpecs {
		p[i] = FixedFromFloat(s.Default, s.Unit)
	}
	return p
}

// FixedFromFloat converts a TOML number to the unit's integer form, rounding
// half away from zero. The explicit conversion rounds the product before the
// addition, so no platform may fuse the two into one multiply-add.
func FixedFromFloat(v float64, u Unit) int64 {
	x := float64(v * float64(u.Scale()))
	if x < 0 {
		return -int64(-x + 0.5)
	}
	return int64(x + 0.5)
}

// ParseParam maps a parameter key to its Param.
func ParseParam(key string) (Param, bool) {
	for i, s := range paramSpecs {
		if s.Key == key {
			return Param(i), true
		}
	}
	return 0, false
}
