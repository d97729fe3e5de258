package sim

// The model's fixed constants: the shape of the rules, which no scenario
// tunes (the tunable ones are the Params). Each is named where the rules use
// it and stated with its unit in docs/model.md.
const (
	// MaxAirDefence is the top of the Syrian air-defence level, in milli-levels (5).
	MaxAirDefence = 5 * Milli
	// MaxPoints is the top of trust, grievance, talks and counter-IS progress:
	// 100 points or percent, in milli.
	MaxPoints = 100 * Milli

	// dispatchSlip is the chance (micro) that a corridor's due dispatch slips a turn: 1 in 5.
	dispatchSlip = Micro / 5
	// damagedDepotDwell multiplies a corridor's dwell (turns) at a depot that is out of action.
	damagedDepotDwell = 2
	// dwellDetection multiplies detect_shipment while a shipment unloads at a depot.
	dwellDetection = 2

	// interceptCap is the highest interception chance, micro (90%).
	interceptCap = 9 * Micro / 10
	// referencePackage is the package size (aircraft) whose interception
	// chance is the route's: a package of n aircraft is intercepted with
	// the route's chance × n / referencePackage (see PackageIntercept).
	referencePackage = 4
	// leakSuccessDivisor divides the strike success chance when the notice to Russia leaked.
	leakSuccessDivisor = 2
	// shortNoticeIncident multiplies russia_incident on short notice.
	shortNoticeIncident = 4
	// longNoticeIncident divides russia_incident on long notice.
	longNoticeIncident = 4
	// standardNoticeLeak divides russia_leak at standard notice (short notice never leaks).
	standardNoticeLeak = 4
	// incidentEscalation is the Israel–Russia ladder rise per incident, milli-levels (1 level).
	incidentEscalation = Milli
	// missGrievanceDivisor divides the grievance of a strike that missed (a quarter of a hit's).
	missGrievanceDivisor = 4
	// collateralFactor multiplies the value of a hit with collateral casualties, milli (×1.5).
	collateralFactor = 1500
	// disabledDays is how long a struck site (or a militia site hit by a US
	// response) stays out of action, in days.
	disabledDays = 30

	// selectiveFire is the share (milli) of Syrian cover that fires, and of
	// its batteries' risk, when Syria fires selectively.
	selectiveFire = 500

	// attackLeadTurns is how many turns after Iran orders it an attack lands.
	attackLeadTurns = 1
	// israelAttackEscalation multiplies escalation_per_attack for an attack on an Israeli position:
	// Iranian fire on Israel itself is a far higher rung than a proxy salvo at a US base (May 2018).
	israelAttackEscalation = 5
	// claimedEscalation multiplies the US–Iran ladder rise of a claimed attack, milli (×1.5).
	claimedEscalation = 1500
	// claimedTalksLoss multiplies the talks lost to a claimed attack.
	claimedTalksLoss = 2
	// hardenedLethality divides the lethality of an attack on a hardened site.
	hardenedLethality = 2
	// evacuationKeeps divides the troops of an evacuated site: a tenth stay.
	evacuationKeeps = 10
	// blameDeterrence divides deterrence_per_response for a public blame.
	blameDeterrence = 2
	// messageGrievance divides private_message_effect for the grievance toward
	// the US a private message removes (half the share of complicity it removes).
	messageGrievance = 2

	// talksAdvanceBelow is the US–Iran ladder level (milli) below which open talks advance.
	talksAdvanceBelow = 2 * Milli
	// talksSlipFrom is the US–Iran ladder level (milli) from which open talks slip back.
	talksSlipFrom = 3 * Milli

	// complicityEstimate is the step (micro, 0.05) to which actors other than
	// Iran see the complicity Iran perceives.
	complicityEstimate = 50_000
	// grievanceEstimate is the step (milli-points, 0.1) to which actors other
	// than Iran see Iran's grievance.
	grievanceEstimate = 100

	// maxConditionDelay is the longest delay a conditional approval may ask, in turns.
	maxConditionDelay = 30
	// minHaltRadius and maxHaltRadius bound the radius of a halt the US orders, in metres.
	minHaltRadius, maxHaltRadius = 10_000, 500_000
	// maxHaltDays is the longest halt the US may order, in days.
	maxHaltDays = 30
	// maxDispatchInterval is the longest interval Iran may set on a corridor, in turns.
	maxDispatchInterval = 365
)
