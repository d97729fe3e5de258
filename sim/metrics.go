package sim

// Metric names one number a run reports, that objectives and event
// conditions can test, and that batch summaries aggregate.
type Metric uint8

// The metrics. Counters come first and are stored in State.Count; the rest
// are read from the state.
const (
	MetricStrikes Metric = iota
	MetricTargetsHit
	MetricRequests
	MetricApproved
	MetricConditioned
	MetricDenied
	MetricDeferred
	MetricExpired
	MetricWithdrawn
	MetricHalts
	MetricHaltViolations
	MetricViolations
	MetricViolationsDiscovered
	MetricAttacksOnUS
	MetricAttacksOnIsrael
	MetricUSCasualties
	MetricUSInjured
	MetricAircraftLost
	MetricRussiaIncidents
	MetricLeaks
	MetricWarnings
	MetricEvacuations
	MetricUSResponses
	MetricPrivateMessages
	MetricCollateral
	MetricShipmentsSent
	MetricShipmentsDelivered
	MetricShipmentsDestroyed
	MetricWeaponsDelivered
	MetricWeaponsDestroyed
	MetricBatteriesLost
	numCounters
)

// The derived metrics (read from the state, not counted).
const (
	MetricMaxEscalationUSIran Metric = numCounters + iota
	MetricMaxEscalationIsraelIran
	MetricEscalationUSIran
	MetricEscalationIsraelIran
	MetricEscalationIsraelRussia
	MetricTalksProgress
	MetricTrust
	MetricComplicity
	MetricGrievanceUS
	MetricGrievanceIsrael
	MetricCounterIS
	MetricArsenal
	MetricArsenalGrowth
	MetricInterdictedShare
	MetricUSTroops
	MetricInTransit
	NumMetrics
)

// MetricSpec documents a metric: its key, the unit of its reported value and
// the scale between that value and the integer the engine keeps.
type MetricSpec struct {
	Key   string
	Unit  string
	Scale int64 // reported value = stored integer / Scale
	Doc   string
}

var metricSpecs = [NumMetrics]MetricSpec{
	MetricStrikes:              {"strikes", "missions", 1, "executed Israeli strike missions"},
	MetricTargetsHit:           {"targets_hit", "targets", 1, "targets destroyed by Israeli strikes"},
	MetricRequests:             {"requests", "requests", 1, "strike missions submitted to the US for review"},
	MetricApproved:             {"approved", "requests", 1, "requests the US approved outright"},
	MetricConditioned:          {"approved_conditional", "requests", 1, "requests approved on condition of another route or a delay"},
	MetricDenied:               {"denied", "requests", 1, "requests the US denied"},
	MetricDeferred:             {"deferred", "answers", 1, "times the US deferred a request"},
	MetricExpired:              {"expired", "requests", 1, "deferred requests that expired unanswered"},
	MetricWithdrawn:            {"withdrawn", "missions", 1, "missions Israel withdrew"},
	MetricHalts:                {"halts", "halts", 1, "halts in force during the run (scripted or declared)"},
	MetricHaltViolations:       {"halt_violations", "missions", 1, "strikes flown inside an active halt"},
	MetricViolations:           {"violations", "missions", 1, "strikes flown without a needed approval or inside a halt"},
	MetricViolationsDiscovered: {"violations_discovered", "missions", 1, "violations the US discovered"},
	MetricAttacksOnUS:          {"attacks_on_us", "attacks", 1, "attacks on US forces (each salvo once)"},
	MetricAttacksOnIsrael:      {"attacks_on_israel", "attacks", 1, "attacks from Syria on Israeli positions"},
	MetricUSCasualties:         {"us_casualties", "deaths", 1, "US service members killed"},
	MetricUSInjured:            {"us_injured", "people", 1, "US service members injured"},
	MetricAircraftLost:         {"aircraft_lost", "aircraft", 1, "Israeli aircraft lost"},
	MetricRussiaIncidents:      {"russia_incidents", "incidents", 1, "incidents with Russian forces"},
	MetricLeaks:                {"leaks", "strikes", 1, "strikes whose notice to Russia leaked to the target"},
	MetricWarnings:             {"warnings", "warnings", 1, "Israeli warnings to the US of a coming attack"},
	MetricEvacuations:          {"evacuations", "orders", 1, "US garrison evacuations"},
	MetricUSResponses:          {"us_responses", "strikes", 1, "US retaliatory strikes on militia facilities"},
	MetricPrivateMessages:      {"private_messages", "messages", 1, "private US messages to Tehran"},
	MetricCollateral:           {"collateral", "strikes", 1, "strikes that caused collateral casualties"},
	MetricShipmentsSent:        {"shipments_sent", "shipments", 1, "Iranian weapons shipments dispatched"},
	MetricShipmentsDelivered:   {"shipments_delivered", "shipments", 1, "shipments that reached Hezbollah"},
	MetricShipmentsDestroyed:   {"shipments_destroyed", "shipments", 1, "shipments destroyed in transit"},
	MetricWeaponsDelivered:     {"weapons_delivered", "weapon units", 1, "weapon units delivered to Hezbollah"},
	MetricWeaponsDestroyed:     {"weapons_destroyed", "weapon units", 1, "weapon units destroyed in transit"},
	MetricBatteriesLost:        {"batteries_lost", "batteries", 1, "Syrian air-defence batteries Israel destroyed after they fired at its raids"},
	MetricMaxEscalationUSIran:  {"max_escalation_us_iran", "level 0-5", Milli, "highest US–Iran ladder level reached"},
	MetricMaxEscalationIsraelIran: {"max_escalation_israel_iran", "level 0-5", Milli,
		"highest Israel–Iran ladder level reached"},
	MetricEscalationUSIran:       {"escalation_us_iran", "level 0-5", Milli, "US–Iran ladder level now"},
	MetricEscalationIsraelIran:   {"escalation_israel_iran", "level 0-5", Milli, "Israel–Iran ladder level now"},
	MetricEscalationIsraelRussia: {"escalation_israel_russia", "level 0-5", Milli, "Israel–Russia ladder level now"},
	MetricTalksProgress:          {"talks_progress", "percent", Milli, "progress of the nuclear talks"},
	MetricTrust:                  {"trust", "points 0-100", Milli, "Israel–US trust"},
	MetricComplicity:             {"complicity", "fraction 0-1", Micro, "US complicity as Iran perceives it"},
	MetricGrievanceUS:            {"grievance_us", "grievance", Milli, "Iran's grievance toward the US"},
	MetricGrievanceIsrael:        {"grievance_israel", "grievance", Milli, "Iran's grievance toward Israel"},
	MetricCounterIS:              {"counter_is_progress", "percent", Milli, "progress of the campaign against the Islamic State"},
	MetricArsenal:                {"arsenal", "weapon units", 1, "Hezbollah's arsenal"},
	MetricArsenalGrowth:          {"arsenal_growth", "weapon units", 1, "growth of Hezbollah's arsenal since the start"},
	MetricInterdictedShare:       {"interdicted_share", "percent", Milli, "share of dispatched weapon units destroyed in transit"},
	MetricUSTroops:               {"us_troops", "troops", 1, "US troops in Syria"},
	MetricInTransit:              {"shipments_in_transit", "shipments", 1, "shipments on their way"},
}

// MetricSpecs returns the specification of every metric in Metric order
// (a copy).
func MetricSpecs() []MetricSpec { return append([]MetricSpec(nil), metricSpecs[:]...) }

// Spec returns the metric's specification.
func (m Metric) Spec() MetricSpec { return metricSpecs[m] }

// String returns the metric's key.
func (m Metric) String() string { return metricSpecs[m].Key }

// ParseMetric maps a metric key to its Metric.
func ParseMetric(key string) (Metric, bool) {
	for i, s := range metricSpecs {
		if s.Key == key {
			return Metric(i), true
		}
	}
	return 0, false
}
