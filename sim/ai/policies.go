package ai

import (
	"fmt"

	"github.com/deconflict/deconflict/sim"
)

// paramSet holds a policy's parameters by key, in their unit's integer form.
type paramSet map[string]int64

// New builds the AI policy an actor's setup names, seeded for this run. It
// returns nil for an actor without policies (NoActor).
//
// When policy effects may switch the actor to other setups (setup.Later), it
// builds one policy per setup and returns one that lets the setup in force
// (Observation.Setup) decide. A policy switched to starts where it was
// built: it has seen nothing of the run until then.
func New(actor sim.Actor, setup sim.ActorSetup, seed uint64) (sim.Policy, error) {
	if len(setup.Later) == 0 {
		return newOne(actor, setup, seed)
	}
	sw := make(switching, 0, 1+len(setup.Later))
	for k, s := range append([]sim.ActorSetup{setup}, setup.Later...) {
		p, err := newOne(actor, s, seed+uint64(k)<<32)
		if err != nil {
			return nil, fmt.Errorf("setup %d: %w", k, err)
		}
		sw = append(sw, p)
	}
	return sw, nil
}

// switching holds one policy per setup of an actor; the setup in force decides.
type switching []sim.Policy

// Decide lets the policy of the setup in force answer.
func (s switching) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	return s[obs.Setup].Decide(obs, out)
}

// newOne builds the policy of one setup.
func newOne(actor sim.Actor, setup sim.ActorSetup, seed uint64) (sim.Policy, error) {
	name := setup.Policy
	if name == "" {
		name = Default(actor)
	}
	spec := lookup(actor, name)
	if spec == nil {
		return nil, fmt.Errorf("no policy %q for %s", name, actor)
	}
	p := paramSet{}
	for _, ps := range spec.Params {
		p[ps.Key] = sim.FixedFromFloat(ps.Default, ps.Unit)
	}
	for _, kv := range setup.Params {
		if _, ok := p[kv.Key]; !ok {
			return nil, fmt.Errorf("policy %s has no parameter %q", name, kv.Key)
		}
		p[kv.Key] = kv.Value
	}
	return spec.make(p, sim.NewPCG(seed, 100+uint64(actor))), nil
}

// ---- Israel ----

type israel struct {
	minValue    int64
	defiance    int64
	longNotice  int64
	skipReview  int64
	warn        int64
	maxRisk     int64 // largest interception chance accepted
	avoidReview bool
	rerouteDays int64 // days after a denial during which it keeps off routes needing review
	deniedTill  int32 // last turn of the current spell of avoiding review (-1: none)
	russiaWary  int64 // Israel–Russia ladder at which it keeps off routes past Russian forces
	tempo       tempo
	route       []int  // scratch: per target, the option it would fly this turn (-1: none, or given a sortie already)
	fly         []bool // per target: whether it is struck this turn if a route allows (Pick's answer)
	picked      bool   // Pick has weighed the targets of the observation Decide is given
	rng         sim.PCG
}

// tempo is how much of what it finds Israel strikes: the more, the more
// weapons Iran has sent west over the past year (its entrenchment, whether
// they got through or not); it holds back while Syria's air defences stand
// above their starting level, until Hezbollah's arsenal has grown by what it
// tolerates since they last rose (the threat outweighs the risk again).
type tempo struct {
	alarm       int64     // weapons sent in a year at which it strikes all it finds (0: always)
	adRestraint int64     // share of targets passed over per level of air defence above the start
	tolerance   int64     // arsenal growth since the air defences last rose at which they no longer hold it back
	airDefence  int64     // Syrian air-defence level when Israel last planned
	rose        int64     // Hezbollah's arsenal when Israel first saw the air defences at a higher level (the start until then)
	marks       [12]int64 // weapons Iran had sent at the last twelve monthly marks (eleven months end to end), a ring
	mark        int       // the oldest mark, next to be overwritten
	nextMark    int32     // turn of the next mark (-1: none taken yet)
	sites       []judged  // per site: its last decision, in force while its till holds (forget keeps one per site)
	shipments   []judged  // the shipments (and sites past sites) it has decided on, while their fix holds
}

// judged is Israel's decision on one detected target: strike it, or pass it
// over until the fix on it runs out. It is taken once per fix, so the tempo
// thins out the targets struck rather than delaying them by a turn.
type judged struct {
	target sim.Target
	till   int32 // last turn the fix holds
	fly    bool
}

// flies reports whether Israel strikes target v at tempo f (micro): the
// first time it weighs the target during a fix it strikes with chance f
// (no draw at f = 1), and it keeps to that answer while the fix holds.
func (t *tempo) flies(v *sim.TargetView, f int64, turn int32, rng *sim.PCG) bool {
	var slot *judged // where the decision is kept: a site's own, or a new one on the list
	if v.Target.Kind == sim.TargetSite && v.Target.ID >= 0 && int(v.Target.ID) < len(t.sites) {
		if slot = &t.sites[v.Target.ID]; slot.till >= turn {
			return slot.fly
		}
	} else {
		for _, j := range t.shipments {
			if j.target == v.Target && j.till >= turn {
				return j.fly
			}
		}
		t.shipments = append(t.shipments, judged{})
		slot = &t.shipments[len(t.shipments)-1]
	}
	fly := f >= sim.Micro || rng.Chance(f)
	*slot = judged{target: v.Target, till: v.Till, fly: fly}
	return fly
}

// forget drops the decisions whose fix has run out by this turn, and makes
// room for one decision per site of a scenario with the given number.
func (t *tempo) forget(turn int32, sites int) {
	for len(t.sites) < sites {
		t.sites = append(t.sites, judged{till: -1})
	}
	kept := t.shipments[:0] // in place, in order (slices.DeleteFunc calls a function per decision)
	for _, j := range t.shipments {
		if j.till >= turn {
			kept = append(kept, j)
		}
	}
	t.shipments = kept
}

// monthDays is the spacing of the marks Israel keeps.
const monthDays = 30

// sent returns the weapons Iran has sent west so far: delivered or destroyed.
func sent(obs *sim.Observation) int64 {
	return obs.Counter(sim.MetricWeaponsDelivered) + obs.Counter(sim.MetricWeaponsDestroyed)
}

// entrenchment records the monthly marks due by this turn and returns the
// weapons Iran has sent since the oldest, eleven to twelve months ago (or
// since Israel first planned).
func (t *tempo) entrenchment(obs *sim.Observation) int64 {
	month := int32(monthDays * 24 / int64(obs.Scenario.TurnHours))
	if month < 1 {
		month = 1
	}
	if t.nextMark < 0 {
		for i := range t.marks {
			t.marks[i] = sent(obs)
		}
		t.rose, t.airDefence, t.nextMark = obs.Arsenal, obs.AirDefence, obs.Turn
	}
	for obs.Turn >= t.nextMark {
		t.marks[t.mark] = sent(obs)
		t.mark = (t.mark + 1) % len(t.marks)
		t.nextMark += month
	}
	return sent(obs) - t.marks[t.mark]
}

// chance is the chance (micro) that Israel strikes a target it finds now.
func (t *tempo) chance(obs *sim.Observation) int64 {
	f := int64(sim.Micro)
	if g := t.entrenchment(obs); t.alarm > 0 && g < t.alarm {
		f = max(g, 0) * sim.Micro / t.alarm
	}
	if obs.AirDefence > t.airDefence {
		t.rose = obs.Arsenal // a new threat: the restraint starts afresh
	}
	t.airDefence = obs.AirDefence
	if above := obs.AirDefence - obs.Scenario.Initial.AirDefence; above > 0 && obs.Arsenal-t.rose < t.tolerance {
		hold := min(sim.Micro, t.adRestraint*above/sim.Milli)
		f = f * (sim.Micro - hold) / sim.Micro
	}
	return f
}

func newOpportunist(p paramSet, rng sim.PCG) sim.Policy {
	return &israel{minValue: p["min_value"], defiance: p["defiance"], longNotice: p["long_notice"],
		skipReview: p["skip_review"], warn: sim.Micro, maxRisk: sim.Micro,
		rerouteDays: p["reroute_days"], deniedTill: -1, russiaWary: p["russia_caution"], rng: rng,
		tempo: tempo{alarm: p["alarm"], adRestraint: p["ad_restraint"], tolerance: p["tolerance"], nextMark: -1}}
}

// aboveTheLadder is a level no ladder reaches: the cautious planner weighs
// Russian cover in its route scores instead of by the ladder.
const aboveTheLadder = sim.MaxLevel + 1

func newCautious(p paramSet, rng sim.PCG) sim.Policy {
	return &israel{minValue: p["min_value"], warn: p["warn"], maxRisk: p["max_intercept"], avoidReview: true,
		russiaWary: aboveTheLadder, rng: rng, tempo: tempo{nextMark: -1}}
}

// Parts: the counters (what Iran has sent), and route options only for the
// targets Pick chooses; none of the other costly parts (it weighs targets,
// routes and its own missions, never site views, shipments, requests,
// halts, attacks or owners).
func (*israel) Parts() sim.Part { return sim.PartCounters }

// Pick weighs the targets of a planning stop (as Decide would at once) and
// returns those it strikes if a route allows: the only ones whose route
// options it reads. At a stop with no plan to make it reads no options; at
// one where another decision comes before the plan (whose draws would come
// first) it weighs nothing yet and reads them all.
func (pol *israel) Pick(obs *sim.Observation) []bool {
	pol.fly = pol.fly[:0]
	for k, d := range obs.Decisions {
		if d.Kind != sim.DecidePlan {
			continue
		}
		if k > 0 {
			return nil
		}
		pol.weigh(obs)
		pol.picked = true
		return pol.fly
	}
	for range obs.Targets {
		pol.fly = append(pol.fly, false)
	}
	return pol.fly
}

func (pol *israel) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	picked := pol.picked
	pol.picked = false
	for _, d := range obs.Decisions {
		switch d.Kind {
		case sim.DecidePlan:
			if !picked {
				pol.weigh(obs)
			}
			picked = false // a second plan is weighed afresh
			out = pol.plan(obs, d, out)
		case sim.DecideResponse:
			if d.Reasons&sim.ReasonDenied != 0 {
				pol.deniedTill = obs.Turn + int32(pol.rerouteDays*24/int64(obs.Scenario.TurnHours))
			}
			k := sim.OrderWithdraw
			switch {
			case d.Reasons&sim.ReasonCondition != 0 && d.Reasons&(sim.ReasonDenied|sim.ReasonHalt) == 0:
				k = sim.OrderComply
			case pol.rng.Chance(pol.defiance):
				k = sim.OrderProceed
			}
			out = append(out, sim.Order{Kind: k, Decision: d.ID})
		case sim.DecideWarning:
			k := sim.OrderHold
			if pol.rng.Chance(pol.warn) {
				k = sim.OrderWarn
			}
			out = append(out, sim.Order{Kind: k, Decision: d.ID})
		}
	}
	return out
}

// weigh brings the tempo up to date and decides, for each target in order
// (the tempo's draws with it), whether it is struck this turn if a route
// allows: pol.fly.
func (pol *israel) weigh(obs *sim.Observation) {
	f := pol.tempo.chance(obs)
	pol.tempo.forget(obs.Turn, len(obs.Scenario.Sites))
	pol.fly = pol.fly[:0]
	for i := range obs.Targets {
		t := &obs.Targets[i]
		pol.fly = append(pol.fly, obs.SortiesLeft > 0 && t.Value >= pol.minValue && !targeted(obs, t.Target) &&
			pol.tempo.flies(t, f, obs.Turn, &pol.rng))
	}
}

// plan picks the most valuable targets weighed to be struck and, for each,
// the route with the best odds that the policy accepts.
func (pol *israel) plan(obs *sim.Observation, d sim.Decision, out []sim.Order) []sim.Order {
	// the route each target would fly, or -1 when it is not struck
	pol.route = pol.route[:0]
	for i := range obs.Targets {
		opt := -1
		if pol.fly[i] {
			opt = pol.bestRoute(obs, &obs.Targets[i])
		}
		pol.route = append(pol.route, opt)
	}
	for left := obs.SortiesLeft; left > 0; left-- {
		best := -1
		for i, opt := range pol.route {
			if opt >= 0 && (best < 0 || obs.Targets[i].Value > obs.Targets[best].Value) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		bestOpt := pol.route[best]
		pol.route[best] = -1 // one sortie a target
		t := &obs.Targets[best]
		pkg := int8(sim.PackageMedium)
		if t.Value >= 2*sim.Milli || pol.avoidReview {
			pkg = sim.PackageLarge
		}
		notice := int8(sim.NoticeStandard)
		switch {
		case t.Till == obs.Turn:
			notice = sim.NoticeShort // a fleeting target: no time to warn Moscow properly
		case pol.rng.Chance(pol.longNotice):
			notice = sim.NoticeLong
		}
		opt := &obs.Options[bestOpt]
		skip := opt.Reasons&(sim.ReasonZone|sim.ReasonStandoff|sim.ReasonOperation) != 0 && pol.rng.Chance(pol.skipReview)
		out = append(out, sim.Order{Kind: sim.OrderStrike, Decision: d.ID, Target: t.Target, Route: opt.Route,
			Package: pkg, Notice: notice, SkipReview: skip})
	}
	return append(out, sim.Order{Kind: sim.OrderEndPlanning, Decision: d.ID})
}

// bestRoute returns the index in obs.Options of the route to fly, or -1.
func (pol *israel) bestRoute(obs *sim.Observation, t *sim.TargetView) int {
	best := -1
	var bestScore int64
	for i := t.First; i < t.First+t.Count; i++ {
		o := &obs.Options[i]
		if o.Intercept > pol.maxRisk || o.Reasons&sim.ReasonHalt != 0 && pol.avoidReview {
			continue
		}
		if o.Reasons&sim.ReasonRussia != 0 && obs.Escalation[sim.IsraelRussia] >= pol.russiaWary {
			continue // Moscow is angry: no strikes past its forces for now
		}
		score := o.Success[sim.PackageMedium]
		if (pol.avoidReview || obs.Turn <= pol.deniedTill) && o.Reasons&(sim.ReasonZone|sim.ReasonStandoff|sim.ReasonOperation|sim.ReasonRussia) != 0 {
			score /= 2
		}
		if best < 0 || score > bestScore {
			best, bestScore = int(i), score
		}
	}
	return best
}

func targeted(obs *sim.Observation, t sim.Target) bool {
	for i := range obs.Missions {
		m := &obs.Missions[i]
		if m.Target == t && m.Status != sim.MissionFlown && m.Status != sim.MissionWithdrawn {
			return true
		}
	}
	return false
}

// ---- United States ----

type usa struct {
	threshold   int64 // share of the hazard cap
	modify      int64 // chance of asking for a delay when a strike touches an operation area
	respond     int64
	blame       int64
	message     int64 // complicity at which it sends a private message (above 1: never)
	deferOps    int64 // chance of deferring a strike into an active US operation area
	haltDays    int64 // days of a halt declared around a garrison just attacked (0: none)
	waryDays    int64 // days after an attack during which strikes through its zones are rerouted or denied
	waryTill    int32 // last turn of the current wary spell (-1: none)
	trustFloor  int64 // Israel–US trust below which it approves what it would deny or defer
	protective  bool
	lastMessage int32
	counterIS   int64 // counter-IS progress when it last decided (-1: not yet)
	rng         sim.PCG
}

// haltRadius is the reach of a halt the US declares around a garrison it
// wants kept out of the line of fire: Al-Tanf's 55 km zone and the air
// corridors past it.
const haltRadius = 100_000 // metres

func newPermissive(p paramSet, rng sim.PCG) sim.Policy {
	return &usa{threshold: p["approval_threshold"], modify: p["modify"], respond: p["respond"], blame: p["blame"],
		deferOps: p["defer_operations"], waryDays: p["wary_days"], waryTill: -1,
		trustFloor: p["trust_floor"], message: p["message_complicity"], lastMessage: -1000, rng: rng}
}

func newForceProtection(p paramSet, rng sim.PCG) sim.Policy {
	return &usa{threshold: p["approval_threshold"], modify: p["modify"], respond: p["respond"], message: p["message_complicity"],
		deferOps: p["defer_operations"], haltDays: p["halt_days"], waryDays: p["wary_days"], waryTill: -1,
		trustFloor: p["trust_floor"], protective: true, lastMessage: -1000, counterIS: -1, rng: rng}
}

// returnTroops sends back the troops of every evacuated garrison with no
// attack on it known to be coming: the threat that emptied it has passed.
func returnTroops(obs *sim.Observation, out []sim.Order) []sim.Order {
	for i := range obs.Sites {
		if !obs.Sites[i].Evacuated || obs.Owner(int32(i)) != sim.USA || obs.Sites[i].Troops == 0 {
			continue // nothing to bring back where Washington has pulled everyone out
		}
		threatened := false
		for _, a := range obs.Attacks {
			if a.Site == int32(i) && !a.Landed {
				threatened = true
			}
		}
		if !threatened {
			out = append(out, sim.Order{Kind: sim.OrderReturn, Site: int32(i)})
		}
	}
	return out
}

// Parts: the views of its own sites, the model constants (the hazard cap,
// the message cooldown), the attacks it knows of and the owners; not the
// other sites, the hazards at its own (it reads those of its reviews), the
// counters, shipments, requests (it reads their reviews) or halts.
func (*usa) Parts() sim.Part {
	return sim.PartOwnSites | sim.PartParams | sim.PartAttacks | sim.PartOwners
}

func (pol *usa) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	limit := obs.Params[sim.ParamHazardCap] * pol.threshold / sim.Micro
	for _, d := range obs.Decisions {
		switch d.Kind {
		case sim.DecideRequest:
			v := review(obs, d.ID)
			o := sim.Order{Kind: sim.OrderApprove, Decision: d.ID, Route: -1}
			switch {
			case pol.protective && d.Reasons&sim.ReasonStandoff != 0:
				o.Kind = sim.OrderDeny
			case obs.Turn <= pol.waryTill && d.Reasons&sim.ReasonZone != 0:
				o.Kind = sim.OrderDeny // no strikes past its garrisons for a while
			case d.Reasons&sim.ReasonOperation != 0 && pol.rng.Chance(pol.deferOps):
				o.Kind = sim.OrderDefer // ask again once the operation allows it
			case v.HazardApproved <= limit && d.Reasons&sim.ReasonOperation != 0 && pol.rng.Chance(pol.modify):
				o.Kind, o.Delay = sim.OrderCondition, 1 // keep clear of the operation for a day
			case v.HazardApproved <= limit:
			case v.AltRoute >= 0 && v.HazardAlt <= limit:
				o.Kind, o.Route = sim.OrderCondition, v.AltRoute
			case pol.protective:
				o.Kind = sim.OrderDeny
			default:
				o.Kind, o.Delay = sim.OrderCondition, 2
			}
			if (o.Kind == sim.OrderDeny || o.Kind == sim.OrderDefer) && obs.Trust >= 0 && obs.Trust < pol.trustFloor {
				o.Kind = sim.OrderApprove // the alliance comes first
			}
			out = append(out, o)
		case sim.DecideProtection:
			site := attackSite(obs, d.Subject)
			k := sim.OrderEvacuate
			if pol.protective && !obs.Sites[site].Hardened {
				k = sim.OrderHarden
			}
			out = append(out, sim.Order{Kind: k, Decision: d.ID, Site: site})
		case sim.DecideAttackResponse:
			pol.waryTill = obs.Turn + int32(pol.waryDays*24/int64(obs.Scenario.TurnHours))
			blame := !obs.TalksOpen && pol.rng.Chance(pol.blame)
			out = append(out, sim.Order{Kind: sim.OrderRespond, Decision: d.ID, Strike: pol.rng.Chance(pol.respond), Blame: blame})
			site := attackSite(obs, d.Subject)
			if pol.protective && site >= 0 && !obs.Sites[site].Hardened && obs.Sites[site].Troops > 0 {
				out = append(out, sim.Order{Kind: sim.OrderHarden, Site: site})
			}
			if pol.haltDays > 0 && site >= 0 {
				out = append(out, sim.Order{Kind: sim.OrderHalt, Site: site, Radius: haltRadius, Days: int32(pol.haltDays)})
			}
		}
	}
	out = returnTroops(obs, out)
	if pol.haltDays > 0 && pol.counterIS >= 0 && obs.CounterIS < pol.counterIS {
		// the campaign against IS lost ground: keep Israeli strikes away from
		// the garrison it is run from while it recovers
		if site := mainGarrison(obs); site >= 0 {
			out = append(out, sim.Order{Kind: sim.OrderHalt, Site: site, Radius: haltRadius, Days: int32(pol.haltDays)})
		}
	}
	pol.counterIS = obs.CounterIS
	if obs.Complicity >= pol.message && obs.Turn-pol.lastMessage >= int32(obs.Params[sim.ParamPrivateMessageCooldown]) {
		pol.lastMessage = obs.Turn
		out = append(out, sim.Order{Kind: sim.OrderPrivateMessage})
	}
	return out
}

// mainGarrison returns the US site with the most troops present (the
// first in site order on a tie), or -1 when none has any.
func mainGarrison(obs *sim.Observation) int32 {
	best, most := int32(-1), int64(0)
	for i := range obs.Sites {
		if obs.Owner(int32(i)) == sim.USA && obs.Sites[i].Present > most {
			best, most = int32(i), obs.Sites[i].Present
		}
	}
	return best
}

func review(obs *sim.Observation, decision int32) sim.ReviewView {
	for _, v := range obs.Reviews {
		if v.Decision == decision {
			return v
		}
	}
	return sim.ReviewView{AltRoute: -1}
}

func attackSite(obs *sim.Observation, attack int32) int32 {
	for _, a := range obs.Attacks {
		if a.ID == attack {
			return a.Site
		}
	}
	return -1
}

// ---- Iran ----

type iran struct {
	threshold int64
	claim     int64
	drones    int64
	restraint int64 // chance of holding while talks run
	lieLow    int64 // interdicted share above which it slows its corridors
	resupply  int64 // Israel–Iran ladder below which it grants Hezbollah a shipment
	rng       sim.PCG
}

// lieLowSlowdown is how many times longer Iran waits between dispatches
// while it lies low after heavy interdiction.
const lieLowSlowdown = 2

func newTitForTat(p paramSet, rng sim.PCG) sim.Policy {
	return &iran{threshold: p["threshold"], claim: p["claim"], drones: p["drones"], lieLow: p["lie_low"], resupply: p["resupply"], rng: rng}
}

func newRestrained(p paramSet, rng sim.PCG) sim.Policy {
	return &iran{threshold: p["threshold"], restraint: p["talks_restraint"], drones: sim.Micro / 2, lieLow: p["lie_low"], resupply: p["resupply"], rng: rng}
}

// supply reviews the corridors whenever Iran decides: while Israel destroys
// more than lieLow of the weapons sent, each corridor still at its
// scenario's pace slows down; once the share falls back, it resumes. A
// corridor an event has set to another pace is left alone.
func (pol *iran) supply(obs *sim.Observation, out []sim.Order) []sim.Order {
	destroyed := obs.Counter(sim.MetricWeaponsDestroyed)
	sent := destroyed + obs.Counter(sim.MetricWeaponsDelivered)
	slow := sent > 0 && destroyed*sim.Micro/sent > pol.lieLow
	for i := range obs.Corridors {
		base, now := obs.Scenario.Corridors[i].Interval, obs.Corridors[i].Interval
		if base <= 0 || now != base && now != lieLowSlowdown*base {
			continue
		}
		want := base
		if slow {
			want = lieLowSlowdown * base
		}
		if now != want {
			out = append(out, sim.Order{Kind: sim.OrderDispatch, Corridor: int32(i), Interval: int32(want)})
		}
	}
	return out
}

// Parts: the counters (what was sent and lost) and the owners (whose site an
// opportunity is at); no site views (it reads the scenario's sites).
func (*iran) Parts() sim.Part { return sim.PartCounters | sim.PartOwners }

func (pol *iran) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	for _, d := range obs.Decisions {
		if d.Kind == sim.DecideSupply {
			out = append(out, pol.resupplyAnswer(obs, d))
			continue
		}
		if d.Kind != sim.DecideRetaliation {
			continue
		}
		toward := sim.TowardIsrael
		if obs.Owner(d.Subject) == sim.USA {
			toward = sim.TowardUSA
		}
		hold := obs.Grievance[toward] < pol.threshold || obs.TalksOpen && pol.rng.Chance(pol.restraint)
		if hold {
			out = append(out, sim.Order{Kind: sim.OrderHold, Decision: d.ID})
			continue
		}
		method := int8(sim.MethodRockets)
		if pol.rng.Chance(pol.drones) {
			method = sim.MethodDrones
		}
		out = append(out, sim.Order{Kind: sim.OrderRetaliate, Decision: d.ID, Method: method, Claim: pol.rng.Chance(pol.claim)})
	}
	return pol.supply(obs, out)
}

// resupplyAnswer grants Hezbollah's request for a shipment while the
// Israel–Iran ladder stands below resupply and a corridor runs, else
// declines.
func (pol *iran) resupplyAnswer(obs *sim.Observation, d sim.Decision) sim.Order {
	if obs.Escalation[sim.IsraelIran] < pol.resupply && obs.RunningCorridor() >= 0 {
		return sim.Order{Kind: sim.OrderGrant, Decision: d.ID}
	}
	return sim.Order{Kind: sim.OrderDecline, Decision: d.ID}
}

// ---- Syria ----

type syria struct {
	selective int64 // chance of firing selectively rather than with everything
	holdAfter int64 // batteries out of action at which it holds fire (-1: never)
	rng       sim.PCG
}

func newDefiant(p paramSet, rng sim.PCG) sim.Policy {
	return &syria{selective: p["selective"], holdAfter: -1, rng: rng}
}

func newPrudent(p paramSet, rng sim.PCG) sim.Policy {
	return &syria{selective: sim.Micro, holdAfter: p["hold_after"], rng: rng}
}

// Parts: the site views and owners only to count its batteries out of
// action, when it holds fire after so many.
func (pol *syria) Parts() sim.Part {
	if pol.holdAfter < 0 {
		return 0
	}
	return sim.PartSites | sim.PartOwners // whose batteries are down
}

func (pol *syria) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	for _, d := range obs.Decisions {
		if d.Kind != sim.DecideAirDefence {
			continue
		}
		k := sim.OrderFireAll
		switch {
		case pol.holdAfter >= 0 && batteriesDown(obs) >= pol.holdAfter:
			k = sim.OrderHoldFire
		case pol.rng.Chance(pol.selective):
			k = sim.OrderFireSelective
		}
		out = append(out, sim.Order{Kind: k, Decision: d.ID})
	}
	return out
}

// batteriesDown counts Syria's air-defence batteries out of action.
func batteriesDown(obs *sim.Observation) int64 {
	var n int64
	for i := range obs.Sites {
		if obs.Owner(int32(i)) == sim.Syria && obs.Scenario.Sites[i].ADRange > 0 && obs.Sites[i].Disabled {
			n++
		}
	}
	return n
}

// ---- Russia ----

type russia struct {
	protest int64 // chance of protesting a strike given on short notice, when it did not ask for a delay
	always  bool  // protests whatever the notice
	delay   int64 // chance of asking for a delay on short notice
	rng     sim.PCG
}

func newPragmatic(p paramSet, rng sim.PCG) sim.Policy {
	return &russia{protest: p["protest"], delay: p["delay"], rng: rng}
}

func newPatron(p paramSet, rng sim.PCG) sim.Policy {
	return &russia{protest: p["protest"], always: true, rng: rng}
}

// Parts: none of the costly ones (it reads the missions notified to it).
func (*russia) Parts() sim.Part { return 0 }

func (pol *russia) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	for _, d := range obs.Decisions {
		if d.Kind != sim.DecideNotice {
			continue
		}
		short := true
		for _, m := range obs.Missions {
			if m.ID == d.Subject {
				short = m.Notice == sim.NoticeShort
			}
		}
		k := sim.OrderAcknowledge
		switch {
		case (short || pol.always) && pol.rng.Chance(pol.delay):
			k = sim.OrderAskDelay
		case (short || pol.always) && pol.rng.Chance(pol.protest):
			k = sim.OrderProtest
		}
		out = append(out, sim.Order{Kind: k, Decision: d.ID})
	}
	return out
}

// ---- Hezbollah ----

type hezbollah struct {
	answer   int64 // chance of firing at the Golan when a shipment is lost
	ceiling  int64 // Israel–Iran ladder at which it holds fire
	patience int64 // shipments lost, since it last fired, at which it fires (0: counts none)
	lost     int64 // shipments lost since it last fired
	ask      int64 // chance of asking Iran to replace a lost shipment it does not answer with fire
	rng      sim.PCG
}

func newMeasured(p paramSet, rng sim.PCG) sim.Policy {
	return &hezbollah{answer: p["answer"], ceiling: p["ceiling"], ask: p["ask"], rng: rng}
}

func newForbearing(p paramSet, rng sim.PCG) sim.Policy {
	return &hezbollah{patience: p["patience"], ceiling: aboveTheLadder, rng: rng}
}

// Parts: none of the costly ones (it reads the ladder).
func (*hezbollah) Parts() sim.Part { return 0 }

func (pol *hezbollah) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	for _, d := range obs.Decisions {
		if d.Kind != sim.DecideAnswer {
			continue
		}
		pol.lost++
		k := sim.OrderHold
		fire := pol.rng.Chance(pol.answer) || pol.patience > 0 && pol.lost >= pol.patience
		if fire && obs.Escalation[sim.IsraelIran] < pol.ceiling {
			k = sim.OrderFireGolan
			pol.lost = 0
		} else if obs.RunningCorridor() >= 0 && pol.rng.Chance(pol.ask) {
			k = sim.OrderAskShipment
		}
		out = append(out, sim.Order{Kind: k, Decision: d.ID})
	}
	return out
}

// ---- Islamic State ----

type isis struct {
	raid  int64 // chance of raiding when it finds an opening
	below int64 // counter-IS progress (milli-percent) under which it raids (everProgress: always)
	rng   sim.PCG
}

// everProgress is above any counter-IS progress: the insurgent raids whatever the campaign's progress.
const everProgress = 100*sim.Milli + 1

func newInsurgent(p paramSet, rng sim.PCG) sim.Policy {
	return &isis{raid: p["raid"], below: everProgress, rng: rng}
}

func newPatient(p paramSet, rng sim.PCG) sim.Policy {
	return &isis{raid: sim.Micro, below: p["below"], rng: rng}
}

// Parts: none of the costly ones (it reads the counter-IS campaign's progress).
func (*isis) Parts() sim.Part { return 0 }

func (pol *isis) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	for _, d := range obs.Decisions {
		if d.Kind != sim.DecideInsurgency {
			continue
		}
		k := sim.OrderHold
		if obs.CounterIS < pol.below && pol.rng.Chance(pol.raid) {
			k = sim.OrderRaid
		}
		out = append(out, sim.Order{Kind: k, Decision: d.ID})
	}
	return out
}

// ---- Turkey ----

type turkey struct {
	maxTroops int64 // US troops present in the north at or under which it attacks once (-1: never on that ground)
	chance    int64 // chance of attacking at a review whatever the US presence
	attacked  bool  // it launched its offensive on the ground of a thin US presence (then it keeps the ceasefire)
	rng       sim.PCG
}

func newBorderWatch(p paramSet, rng sim.PCG) sim.Policy {
	return &turkey{maxTroops: p["max_troops"], rng: rng}
}

func newHawk(p paramSet, rng sim.PCG) sim.Policy {
	return &turkey{maxTroops: -1, chance: p["attack"], rng: rng}
}

// Parts: none of the costly ones (it reads the US troops in the north).
func (*turkey) Parts() sim.Part { return 0 }

func (pol *turkey) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	for _, d := range obs.Decisions {
		if d.Kind != sim.DecideOffensive {
			continue
		}
		k := sim.OrderHold
		if !pol.attacked && obs.North <= pol.maxTroops {
			k, pol.attacked = sim.OrderOffensive, true
		} else if pol.rng.Chance(pol.chance) {
			k = sim.OrderOffensive
		}
		out = append(out, sim.Order{Kind: k, Decision: d.ID})
	}
	return out
}

// ---- SDF ----

type sdf struct {
	maxTroops int64 // US troops present in the north below which it acts
	terms     bool  // it seeks terms at once rather than turning north first
	wasThin   bool  // the US troops in the north stood below maxTroops at its last review
}

func newFrontline(p paramSet, _ sim.PCG) sim.Policy { return &sdf{maxTroops: p["max_troops"]} }

func newBroker(p paramSet, _ sim.PCG) sim.Policy {
	return &sdf{maxTroops: p["max_troops"], terms: true}
}

// Parts: none of the costly ones (it reads the US troops in the north and the fronts).
func (*sdf) Parts() sim.Part { return 0 }

// Decide answers the weekly review of the fronts. It acts only while the
// US troops in the north stand below max_troops, on a withdrawal (the
// first review that finds them so) or a Turkish offensive under way:
// frontline turns north, and seeks terms when the offensive finds its
// forces there all the same; broker seeks terms at once. Neither acts
// while terms hold.
func (pol *sdf) Decide(obs *sim.Observation, out []sim.Order) []sim.Order {
	for _, d := range obs.Decisions {
		if d.Kind != sim.DecideFront {
			continue
		}
		thin := obs.North < pol.maxTroops
		threat := thin && (!pol.wasThin || obs.Offensive > 0)
		pol.wasThin = thin
		k := sim.OrderHold
		switch {
		case obs.Terms > 0 || !threat:
		case pol.terms || obs.Diverted > 0 && obs.Offensive > 0:
			k = sim.OrderSeekTerms
		case obs.Diverted == 0:
			k = sim.OrderDivert
		}
		out = append(out, sim.Order{Kind: k, Decision: d.ID})
	}
	return out
}
