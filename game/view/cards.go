package view

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// Orders checks and previews the player's orders (a game session); its
// Preview returns session.ErrPreviewPending while an answer is on its way.
type Orders interface {
	Check(o sim.Order) error
	Preview(o sim.Order) (sim.Preview, error)
}

// Choice is one button of a decision card or of the free orders: an order
// with what it does and what it would change.
type Choice struct {
	Label    string
	Order    sim.Order
	Tip      string   // what the order does, in words
	Preview  []string // what it would change, from the engine's preview
	Pending  bool     // the preview is on its way (a served game's server works it out)
	Disabled string   // why it cannot be given now, or ""
	Default  bool     // the answer given when the player lets the decision go
	Group    string   // choices of a card are shown in groups (a strike card's targets)
}

// Card is one open decision of the player.
type Card struct {
	Decision sim.Decision
	Title    string
	Reason   string   // why it is asked, in words
	Facts    []string // what the player should know to answer
	Choices  []Choice
	Site     int32 // the site to show on the map, or -1
}

// CardOptions are the player's settings for strike orders.
type CardOptions struct {
	Package int8
	Notice  int8
}

// BuildCards makes a card for each of the player's open decisions. recent
// is the event log (for casualty counts).
func BuildCards(obs *sim.Observation, ord Orders, opt CardOptions, recent []sim.Entry) []Card {
	var cards []Card
	for _, d := range obs.Decisions {
		c := Card{Decision: d, Site: -1}
		switch d.Kind {
		case sim.DecidePlan:
			planCard(&c, obs, opt)
		case sim.DecideRequest:
			requestCard(&c, obs)
		case sim.DecideResponse:
			responseCard(&c, obs)
		case sim.DecideAttackResponse:
			attackResponseCard(&c, obs, recent)
		case sim.DecideRetaliation:
			retaliationCard(&c, obs)
		case sim.DecideWarning:
			warningCard(&c, obs)
		case sim.DecideProtection:
			protectionCard(&c, obs)
		case sim.DecideAirDefence:
			airDefenceCard(&c, obs)
		case sim.DecideNotice:
			noticeCard(&c, obs)
		case sim.DecideAnswer:
			answerCard(&c, obs)
		case sim.DecideInsurgency:
			insurgencyCard(&c, obs)
		case sim.DecideOffensive:
			offensiveCard(&c, obs)
		case sim.DecideFront:
			frontCard(&c, obs)
		case sim.DecideSupply:
			supplyCard(&c, obs)
		}
		def := sim.DefaultOrder(d)
		for i := range c.Choices {
			ch := &c.Choices[i]
			ch.Order.Decision = d.ID
			ch.Default = ch.Order == def
			finish(ch, ord)
		}
		if d.Kind == sim.DecidePlan {
			settlePlanCard(&c)
		}
		cards = append(cards, c)
	}
	return cards
}

// finish fills in a choice's preview, or why it cannot be given.
func finish(ch *Choice, ord Orders) {
	if err := ord.Check(ch.Order); err != nil {
		ch.Disabled = strings.TrimPrefix(err.Error(), sim.ErrInvalidOrder.Error()+": ")
		return
	}
	p, err := ord.Preview(ch.Order)
	switch {
	case errors.Is(err, session.ErrPreviewPending):
		ch.Pending = true
	case err == nil && len(p.Lines) > 0:
		ch.Preview = PreviewLines(p)
	}
}

// TargetName names a strike target for people.
func TargetName(obs *sim.Observation, t sim.Target) string {
	sc := obs.Scenario
	if t.Kind == sim.TargetSite {
		if t.ID >= 0 && int(t.ID) < len(sc.Sites) {
			return sc.Sites[t.ID].Name
		}
		return fmt.Sprintf("site %d", t.ID)
	}
	for _, s := range obs.Shipments {
		if s.ID == t.ID {
			return "convoy on the " + corridorShort(sc.Corridors[s.Corridor].Name)
		}
	}
	return "a weapons convoy"
}

// NearPlace says where a point lies: "at" a site within 5 km, else its
// distance from the nearest named site other than a city ("35 km from
// Al-Bukamal staging area"), so a convoy on the map can be found.
func NearPlace(sc *sim.Scenario, p geo.Point) string {
	best, dist := -1, int64(0)
	for i := range sc.Sites {
		if sc.Sites[i].Kind == sim.SiteCity {
			continue
		}
		if d := geo.Dist(sc.Sites[i].Pos, p); best < 0 || d < dist {
			best, dist = i, d
		}
	}
	switch {
	case best < 0:
		return ""
	case dist < 5_000:
		return "at " + MapName(sc.Sites[best].Name)
	}
	return fmt.Sprintf("%d km from %s", (dist+500)/1000, MapName(sc.Sites[best].Name))
}

// corridorShort keeps the part of a corridor's name before its colon.
func corridorShort(name string) string {
	if i := strings.Index(name, ":"); i > 0 {
		return strings.ToLower(name[:1]) + name[1:i]
	}
	return name
}

// RouteName names a route.
func RouteName(sc *sim.Scenario, r int32) string {
	if r < 0 || int(r) >= len(sc.Routes) {
		return "another route"
	}
	if n := sc.Routes[r].Name; n != "" {
		return n
	}
	return sc.Routes[r].ID
}

// ZoneInForce reports whether scenario zone i binds on the observation's
// turn: within its dates or, for a halt zone, held by a halt in force. A
// halt zone is only an area a halt may name, its dates unused; once its
// halt lapses it binds nothing, and is neither drawn nor listed as crossed.
func ZoneInForce(obs *sim.Observation, i int) bool {
	z := &obs.Scenario.Zones[i]
	if z.Kind != sim.ZoneHalt {
		return z.ActiveOn(obs.Day)
	}
	for j := range obs.Halts {
		if h := &obs.Halts[j]; int(h.Zone) == i && h.Until >= obs.Turn {
			return true
		}
	}
	return false
}

// ZonesCrossed names the zones in force a route to a target passes.
func ZonesCrossed(obs *sim.Observation, route int32, target geo.Point) []string {
	sc := obs.Scenario
	if route < 0 || int(route) >= len(sc.Routes) {
		return nil
	}
	path := append(append([]geo.Point(nil), sc.Routes[route].Path...), target)
	var out []string
	for i := range sc.Zones {
		if z := &sc.Zones[i]; ZoneInForce(obs, i) && z.Area.Touches(path) {
			out = append(out, z.Name)
		}
	}
	return out
}

func findMission(obs *sim.Observation, id int32) *sim.Mission {
	for i := range obs.Missions {
		if obs.Missions[i].ID == id {
			return &obs.Missions[i]
		}
	}
	return nil
}

func findRequest(obs *sim.Observation, id int32) *sim.Request {
	for i := range obs.Requests {
		if obs.Requests[i].ID == id {
			return &obs.Requests[i]
		}
	}
	return nil
}

func findAttack(obs *sim.Observation, id int32) *sim.Attack {
	for i := range obs.Attacks {
		if obs.Attacks[i].ID == id {
			return &obs.Attacks[i]
		}
	}
	return nil
}

func targetSite(t sim.Target) int32 {
	if t.Kind == sim.TargetSite {
		return t.ID
	}
	return -1
}

// PackageWord names a strike package size.
func PackageWord(p int8) string {
	return [3]string{"2 jets", "4 jets", "8 jets"}[min(max(p, 0), 2)]
}

// NoticeWord names a notice length given to Russia.
func NoticeWord(n int8) string {
	return [3]string{"short notice", "standard notice", "long notice"}[min(max(n, 0), 2)]
}

func planCard(c *Card, obs *sim.Observation, opt CardOptions) {
	sc := obs.Scenario
	c.Title = "Plan strikes: " + plural(obs.SortiesLeft, "sortie") + " left"
	c.Reason = "Your intelligence has targets in its sights. Pick a target and a route, or end planning."
	for _, m := range obs.Missions {
		if m.Planned == obs.Turn && m.Status == sim.MissionPlanned {
			c.Facts = append(c.Facts, fmt.Sprintf("Planned: %s via the %s, %s.", TargetName(obs, m.Target), RouteName(sc, m.Route), PackageWord(m.Package)))
		}
	}
	c.Facts = append(c.Facts, fmt.Sprintf("Package %s, %s to Russia (change below).", PackageWord(opt.Package), NoticeWord(opt.Notice)))
	order := make([]int, len(obs.Targets))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return obs.Targets[order[a]].Value > obs.Targets[order[b]].Value })
	for _, ti := range order {
		t := &obs.Targets[ti]
		name := TargetName(obs, t.Target)
		group := fmt.Sprintf("%s · worth %.1f · strikable until %s", name, float64(t.Value)/sim.Milli, DateOfTurn(obs.Scenario, t.Till))
		for oi := t.First; oi < t.First+t.Count; oi++ {
			o := &obs.Options[oi]
			label := fmt.Sprintf("%s — %s", shortRoute(RouteName(obs.Scenario, o.Route)), Percent(o.Success[min(max(opt.Package, 0), 2)]))
			if needsReview(o.Reasons) {
				label += " · review"
			}
			if o.Reasons&sim.ReasonHalt != 0 {
				label += " · halt"
			}
			tip := fmt.Sprintf("Strike %s via the %s with %s. Interception risk %s.", name, RouteName(obs.Scenario, o.Route), PackageWord(opt.Package), Percent(sim.PackageIntercept(o.Intercept, opt.Package)))
			if r := ReasonText(o.Reasons); r != "" {
				tip += " The route " + r + "."
			}
			if zs := ZonesCrossed(obs, o.Route, t.Pos); len(zs) > 0 {
				tip += " Crosses: " + strings.Join(zs, ", ") + "."
			}
			c.Choices = append(c.Choices, Choice{Label: label, Group: group, Tip: tip,
				Order: sim.Order{Kind: sim.OrderStrike, Target: t.Target, Route: o.Route, Package: opt.Package, Notice: opt.Notice}})
		}
	}
	c.Choices = append(c.Choices, Choice{Label: "End planning", Tip: "Plan no more strikes this turn: the planned ones fly (or go to the US for review).", Order: sim.Order{Kind: sim.OrderEndPlanning}})
}

// settlePlanCard words a strike plan for what is left to do once its
// choices are checked: with no strike possible, ending planning is all, and
// the title no longer counts sorties that cannot fly.
func settlePlanCard(c *Card) {
	why := ""
	for _, ch := range c.Choices {
		if ch.Order.Kind != sim.OrderStrike {
			continue
		}
		if ch.Disabled == "" {
			return
		}
		if why == "" {
			why = ch.Disabled
		}
	}
	c.Title = "Plan strikes: no more this turn"
	c.Reason = "No more strikes can be planned this turn"
	if why != "" {
		c.Reason += " (" + why + ")"
	}
	c.Reason += ". End planning to let the planned ones fly."
}

// plural counts a noun: "1 sortie", "2 sorties".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func needsReview(r sim.Reason) bool {
	return r&(sim.ReasonZone|sim.ReasonStandoff|sim.ReasonOperation) != 0
}

// shortRoute drops the words every route name shares.
func shortRoute(name string) string {
	name = strings.TrimSuffix(name, " route")
	return strings.Replace(name, " route", "", 1)
}

func requestCard(c *Card, obs *sim.Observation) {
	sc := obs.Scenario
	r := findRequest(obs, c.Decision.Subject)
	var m *sim.Mission
	if r != nil {
		m = findMission(obs, r.Mission)
	}
	c.Title = "Israeli strike request"
	if m == nil {
		c.Reason = "Israel asks for approval of a strike."
	} else {
		c.Title = "Israeli strike on " + ShortName(TargetName(obs, m.Target))
		c.Site = targetSite(m.Target)
		c.Reason = fmt.Sprintf("The mission %s.", ReasonText(c.Decision.Reasons))
		if m.Target.Kind != sim.TargetSite {
			if at := NearPlace(sc, m.TargetPos); at != "" {
				c.Facts = append(c.Facts, "Target: a weapons convoy "+at+".")
			}
		}
		c.Facts = append(c.Facts, fmt.Sprintf("Route: %s, %s.", RouteName(sc, m.Route), PackageWord(m.Package)))
		if zs := ZonesCrossed(obs, m.Route, m.TargetPos); len(zs) > 0 {
			c.Facts = append(c.Facts, "Crosses: "+strings.Join(zs, ", ")+".")
		}
		if r.Deferrals > 0 {
			c.Facts = append(c.Facts, fmt.Sprintf("You have put this off %s; left too long, the request expires and the mission is dropped.", plural(int64(r.Deferrals), "time")))
		}
	}
	alt := int32(-1)
	for _, v := range obs.Reviews {
		if v.Decision == c.Decision.ID {
			c.Facts = append(c.Facts, fmt.Sprintf("Worst hazard at your sites: now %s, if approved %s.", Percent(v.HazardNow), Percent(v.HazardApproved)))
			if v.AltRoute >= 0 {
				alt = v.AltRoute
				c.Facts = append(c.Facts, fmt.Sprintf("Via the %s it would be %s.", RouteName(sc, v.AltRoute), Percent(v.HazardAlt)))
			}
		}
	}
	c.Choices = append(c.Choices, Choice{Label: "Approve", Tip: "Let the mission fly as planned. Israel's trust rises; Iran may see your hand in it.",
		Order: sim.Order{Kind: sim.OrderApprove, Route: -1}})
	if alt >= 0 {
		c.Choices = append(c.Choices, Choice{Label: "Approve via " + shortRoute(RouteName(sc, alt)),
			Tip:   fmt.Sprintf("Approve on condition that it flies the %s, outside your zones.", RouteName(sc, alt)),
			Order: sim.Order{Kind: sim.OrderCondition, Route: alt}})
	}
	c.Choices = append(c.Choices,
		Choice{Label: "Approve in 2 days", Tip: "Approve on condition that it waits two turns.", Order: sim.Order{Kind: sim.OrderCondition, Route: -1, Delay: 2}},
		Choice{Label: "Deny", Tip: "Refuse the mission. Israel's trust falls; it may strike anyway.", Order: sim.Order{Kind: sim.OrderDeny}},
		Choice{Label: "Defer", Tip: "Answer on a later turn. Left too long, the request expires and the mission is dropped, with no word from you.", Order: sim.Order{Kind: sim.OrderDefer}},
	)
}

func responseCard(c *Card, obs *sim.Observation) {
	sc := obs.Scenario
	m := findMission(obs, c.Decision.Subject)
	c.Title = "Your strike is held up"
	comply := "Stand down"
	if m != nil {
		c.Title = "Strike on " + ShortName(TargetName(obs, m.Target)) + " held up"
		c.Site = targetSite(m.Target)
		if r := findRequest(obs, m.Request); r != nil && c.Decision.Reasons&sim.ReasonCondition != 0 && c.Decision.Reasons&(sim.ReasonDenied|sim.ReasonHalt) == 0 {
			var cond []string
			if r.AltRoute >= 0 {
				cond = append(cond, "fly the "+RouteName(sc, r.AltRoute))
			}
			if r.Delay > 0 {
				cond = append(cond, "wait "+plural(int64(r.Delay), "turn"))
			}
			c.Facts = append(c.Facts, "The US asks you to "+strings.Join(cond, " and ")+".")
			comply = "Accept the condition"
		}
	}
	c.Reason = fmt.Sprintf("The mission %s.", ReasonText(c.Decision.Reasons))
	c.Choices = []Choice{
		{Label: comply, Tip: "Do as the US asks: fly on its terms, or not at all.", Order: sim.Order{Kind: sim.OrderComply}},
		{Label: "Withdraw", Tip: "Cancel the mission.", Order: sim.Order{Kind: sim.OrderWithdraw}},
		{Label: "Strike anyway", Tip: "Fly without approval: a violation the US may discover, costing trust.", Order: sim.Order{Kind: sim.OrderProceed}},
	}
}

func attackResponseCard(c *Card, obs *sim.Observation, recent []sim.Entry) {
	sc := obs.Scenario
	c.Title = "Your forces were attacked"
	if at := findAttack(obs, c.Decision.Subject); at != nil {
		c.Site = at.Site
		c.Title = "Attack on " + ShortName(sc.Sites[at.Site].Name)
		for i := len(recent) - 1; i >= 0; i-- {
			if e := recent[i]; e.Kind == sim.LogAttack && e.Subject == at.ID {
				c.Facts = append(c.Facts, fmt.Sprintf("%d killed.", e.Value))
				break
			}
		}
		if at.Claimed {
			c.Facts = append(c.Facts, "A pro-Iranian group claimed it.")
		} else {
			c.Facts = append(c.Facts, "Nobody claimed it.")
		}
	}
	c.Reason = "Proxy fire hit a US position. How do you answer?"
	c.Choices = []Choice{
		{Label: "Stay silent", Tip: "No strike, no public blame: protects the talks.", Order: sim.Order{Kind: sim.OrderRespond}},
		{Label: "Strike militias", Tip: "Hit militia facilities in Deir ez-Zor: deters, but climbs the ladder.", Order: sim.Order{Kind: sim.OrderRespond, Strike: true}},
		{Label: "Blame Iran", Tip: "Blame Iran in public: deters a little, costs the talks.", Order: sim.Order{Kind: sim.OrderRespond, Blame: true}},
		{Label: "Strike and blame", Tip: "Both: the strongest answer.", Order: sim.Order{Kind: sim.OrderRespond, Strike: true, Blame: true}},
	}
}

func retaliationCard(c *Card, obs *sim.Observation) {
	sc := obs.Scenario
	site := c.Decision.Subject
	c.Site = site
	name := ShortName(sc.Sites[site].Name)
	c.Title = "Opportunity: " + name
	c.Reason = fmt.Sprintf("Your allies can hit %s (%s).", sc.Sites[site].Name, obs.Owner(site).Name())
	if int(site) < len(obs.Sites) && obs.Sites[site].Troops >= 0 {
		c.Facts = append(c.Facts, fmt.Sprintf("About %d troops there.", obs.Sites[site].Present))
	}
	c.Choices = []Choice{
		{Label: "Rockets, deny it", Tip: "A rocket salvo tomorrow, claimed by no one.", Order: sim.Order{Kind: sim.OrderRetaliate, Method: sim.MethodRockets}},
		{Label: "Drones, deny it", Tip: "A drone strike tomorrow, claimed by no one: deadlier.", Order: sim.Order{Kind: sim.OrderRetaliate, Method: sim.MethodDrones}},
		{Label: "Rockets, claim it", Tip: "A rocket salvo, claimed by a proxy group.", Order: sim.Order{Kind: sim.OrderRetaliate, Method: sim.MethodRockets, Claim: true}},
		{Label: "Drones, claim it", Tip: "A drone strike, claimed by a proxy group.", Order: sim.Order{Kind: sim.OrderRetaliate, Method: sim.MethodDrones, Claim: true}},
		{Label: "Hold fire", Tip: "Let the chance pass.", Order: sim.Order{Kind: sim.OrderHold},
			Preview: []string{"no attack: the ladders and the talks stay as they are, and the grievance waits for a later chance"}},
	}
}

func airDefenceCard(c *Card, obs *sim.Observation) {
	c.Title = "Israeli raids tonight"
	if n := len(obs.Missions); n != 1 {
		c.Title = fmt.Sprintf("%d Israeli raids tonight", n)
	}
	c.Reason = "Your radars see Israeli aircraft heading into your batteries' cover."
	for _, m := range obs.Missions {
		c.Facts = append(c.Facts, "Raid on "+TargetName(obs, m.Target))
	}
	c.Choices = []Choice{
		{Label: "Fire with everything", Tip: "Every battery fires: the best chance of downing a jet, and every battery gives itself away.", Order: sim.Order{Kind: sim.OrderFireAll}},
		{Label: "Fire selectively", Tip: "Some batteries fire: half the cover, half the risk of losing one.", Order: sim.Order{Kind: sim.OrderFireSelective}},
		{Label: "Hold fire", Tip: "Stay dark: no jet is downed tonight, and no battery is lost.", Order: sim.Order{Kind: sim.OrderHoldFire}},
	}
}

func noticeCard(c *Card, obs *sim.Observation) {
	c.Title = "Israeli notice on the hotline"
	c.Reason = "Israel announces a strike whose path passes your forces."
	for _, m := range obs.Missions {
		if m.ID != c.Decision.Subject {
			continue
		}
		c.Title = "Notice: strike on " + TargetName(obs, m.Target)
		notice := map[int8]string{sim.NoticeShort: "a minute's notice", sim.NoticeStandard: "standard notice", sim.NoticeLong: "long notice"}[m.Notice]
		c.Facts = append(c.Facts, "Given with "+notice+".")
	}
	c.Choices = []Choice{
		{Label: "Take note", Tip: "Keep the hotline working: nothing changes.", Order: sim.Order{Kind: sim.OrderAcknowledge}},
		{Label: "Protest", Tip: "Make Moscow's anger known: the Israel–Russia ladder rises, and Israel may keep away.", Order: sim.Order{Kind: sim.OrderProtest}},
		{Label: "Ask for a day", Tip: "Ask Israel to wait a day, with proper notice: your crews clear the area.", Order: sim.Order{Kind: sim.OrderAskDelay}},
	}
}

func answerCard(c *Card, obs *sim.Observation) {
	c.Title = "Israel destroyed a shipment"
	c.Reason = "An Israeli strike destroyed a shipment of weapons on its way to you."
	c.Facts = append(c.Facts, fmt.Sprintf("Your arsenal: %d weapon units; %d shipments on their way.", obs.Arsenal, len(obs.Shipments)))
	c.Choices = []Choice{
		{Label: "Absorb the loss", Tip: "Hold fire: the ladders stay as they are.", Order: sim.Order{Kind: sim.OrderHold},
			Preview: []string{"no attack: the Israel–Iran ladder stays as it is, and Israel finds no more targets than it would"}},
		{Label: "Fire at the Golan", Tip: "Rockets at an Israeli position tomorrow, claimed: the Israel–Iran ladder climbs fast, and Israel finds every Iranian target.", Order: sim.Order{Kind: sim.OrderFireGolan}},
		{Label: "Ask Iran for another", Tip: "Hold fire and ask Tehran to replace the shipment: if Iran grants it, another leaves at once.", Order: sim.Order{Kind: sim.OrderAskShipment}},
	}
}

func frontCard(c *Card, obs *sim.Observation) {
	c.Title = "Your fronts this week"
	c.Reason = "Your weekly review: the ground war against the Islamic State, the Turkish border, the Americans beside you."
	c.Facts = append(c.Facts, fmt.Sprintf("US troops in the border strip: %d. The campaign against IS stands at %d%%.", obs.North, obs.CounterIS/sim.Milli))
	switch {
	case obs.Offensive > 0:
		c.Facts = append(c.Facts, fmt.Sprintf("Turkey's offensive in the north runs %d more turns.", obs.Offensive))
	case obs.Terms > 0:
		c.Facts = append(c.Facts, fmt.Sprintf("Regime and Russian troops hold the border strip under your terms for %d more turns.", obs.Terms))
	}
	if obs.Diverted > 0 {
		c.Facts = append(c.Facts, fmt.Sprintf("Your forces stand in the north for %d more turns.", obs.Diverted))
	}
	hold := "no move: the campaign against IS keeps its pace, and a Turkish offensive would find you facing south"
	if obs.Diverted > 0 {
		hold = "no move: your forces stay in the north as long as they were sent there"
	}
	c.Choices = []Choice{
		{Label: "Hold the IS front", Tip: "Keep your forces where they are: on the Islamic State, or in the north until their month there is over.", Order: sim.Order{Kind: sim.OrderHold},
			Preview: []string{hold}},
		{Label: "Turn north", Tip: "Send your forces to the Turkish border for a month: the campaign against IS slows, and an offensive no longer sets it back.", Order: sim.Order{Kind: sim.OrderDivert}},
		{Label: "Seek terms with Damascus", Tip: "Let regime and Russian troops into the border strip: Turkey's offensive stops and none opens for half a year, but you cede ground and the campaign falls back.", Order: sim.Order{Kind: sim.OrderSeekTerms}},
	}
}

func supplyCard(c *Card, obs *sim.Observation) {
	c.Title = "Hezbollah asks for a shipment"
	c.Reason = "Israel destroyed a shipment bound for Lebanon, and Hezbollah asks you to replace it."
	c.Facts = append(c.Facts, fmt.Sprintf("Hezbollah's arsenal: %d weapon units; %d shipments on their way.", obs.Arsenal, len(obs.Shipments)))
	c.Choices = []Choice{
		{Label: "Send another", Tip: "A shipment leaves at once on your first running corridor, on top of its usual pace.", Order: sim.Order{Kind: sim.OrderGrant}},
		{Label: "Decline", Tip: "Send nothing more: your corridors keep their pace.", Order: sim.Order{Kind: sim.OrderDecline},
			Preview: []string{"no shipment: your corridors keep their pace"}},
	}
}

func insurgencyCard(c *Card, obs *sim.Observation) {
	c.Title = "An opening in the desert"
	c.Reason = "The pressure on you has let up enough for a raid."
	c.Facts = append(c.Facts, fmt.Sprintf("The campaign against you stands at %d%%.", obs.CounterIS/sim.Milli))
	c.Choices = []Choice{
		{Label: "Lie low", Tip: "Let the opening pass: the campaign grinds on.", Order: sim.Order{Kind: sim.OrderHold},
			Preview: []string{"no raid: the counter-IS campaign keeps its progress"}},
		{Label: "Raid", Tip: "Strike in the east: the campaign against you falls back.", Order: sim.Order{Kind: sim.OrderRaid}},
	}
}

func offensiveCard(c *Card, obs *sim.Observation) {
	c.Title = "The SDF on your border"
	c.Reason = "Your weekly review of an offensive against the SDF in the north."
	c.Facts = append(c.Facts, fmt.Sprintf("US troops in the border strip: %d. The campaign against IS stands at %d%%.", obs.North, obs.CounterIS/sim.Milli))
	c.Choices = []Choice{
		{Label: "Wait", Tip: "No offensive this week: the US forces in the north stay where they are.", Order: sim.Order{Kind: sim.OrderHold},
			Preview: []string{"no offensive: the northern garrisons and the counter-IS campaign are left as they are"}},
		{Label: "Attack", Tip: "Launch the offensive: the US forces in the north stand aside for a month and the SDF turns north, setting the counter-IS campaign back.", Order: sim.Order{Kind: sim.OrderOffensive}},
	}
}

func warningCard(c *Card, obs *sim.Observation) {
	sc := obs.Scenario
	c.Title = "Attack on US forces coming"
	if at := findAttack(obs, c.Decision.Subject); at != nil {
		c.Site = at.Site
		c.Title = "Plot against " + ShortName(sc.Sites[at.Site].Name)
	}
	c.Reason = "Your intelligence detected a proxy attack being prepared against the Americans."
	c.Choices = []Choice{
		{Label: "Warn the US", Tip: "Pass the warning on: trust rises and the US can protect its troops.", Order: sim.Order{Kind: sim.OrderWarn}},
		{Label: "Keep quiet", Tip: "Keep the source to yourself.", Order: sim.Order{Kind: sim.OrderHold},
			Preview: []string{"Israel–US trust unchanged; the US troops meet the attack unwarned"}},
	}
}

func protectionCard(c *Card, obs *sim.Observation) {
	sc := obs.Scenario
	c.Title = "Warning: attack expected"
	site := int32(-1)
	if at := findAttack(obs, c.Decision.Subject); at != nil {
		site = at.Site
		c.Site = site
		c.Title = "Attack expected on " + ShortName(sc.Sites[site].Name)
	}
	c.Reason = "Israel warns that proxies will strike tomorrow."
	if site >= 0 && int(site) < len(obs.Sites) {
		if v := obs.Sites[site]; v.Troops >= 0 {
			fact := fmt.Sprintf("%d troops there", v.Troops)
			if v.Evacuated {
				fact = fmt.Sprintf("%d of its %d troops there until the evacuation ends after turn %d", v.Present, v.Troops, v.EvacuatedTill+1)
			}
			if v.Hardened {
				fact += ", already dug in"
			}
			c.Facts = append(c.Facts, fact+".")
		}
	}
	c.Choices = []Choice{
		{Label: "Evacuate", Tip: "Thin the garrison out for a while: few are hurt, but the mission pauses.", Order: sim.Order{Kind: sim.OrderEvacuate, Site: site}},
		{Label: "Harden", Tip: "Dig in and add defences: halves the lethality of attacks, for good.", Order: sim.Order{Kind: sim.OrderHarden, Site: site}},
		{Label: "Do nothing", Tip: "Stay as you are.", Order: sim.Order{Kind: sim.OrderHold},
			Preview: []string{"the garrison stays as it is: the attack expected tomorrow meets it at full strength, neither thinned out nor dug in"}},
	}
}

// FreeOrders lists the orders the role may give at any time, each checked
// and previewed. selected is the site picked on the map (for a halt), or -1.
func FreeOrders(obs *sim.Observation, ord Orders, selected int32) []Choice {
	sc := obs.Scenario
	var out []Choice
	switch obs.Actor {
	case sim.USA:
		out = append(out, Choice{Label: "Private message to Tehran", Tip: "Tell Tehran the strikes are not American: lowers perceived complicity (once per cool-down).",
			Order: sim.Order{Kind: sim.OrderPrivateMessage}})
		if selected >= 0 && int(selected) < len(sc.Sites) {
			name := ShortName(sc.Sites[selected].Name)
			out = append(out, Choice{Label: "Halt strikes near " + name + " (100 km, 3 days)",
				Tip: "Ask Israel to halt strikes within 100 km of " + sc.Sites[selected].Name + " for three days: " +
					"its strikes there come to you for review, and one flown anyway is a violation.",
				Order: sim.Order{Kind: sim.OrderHalt, Site: selected, Radius: 100_000, Days: 3}})
		}
		for i := range sc.Sites {
			s := &sc.Sites[i]
			if obs.Owner(int32(i)) != sim.USA || s.Kind == sim.SiteCity || obs.Sites[i].Troops <= 0 {
				continue
			}
			v := obs.Sites[i]
			name := ShortName(s.Name)
			switch {
			case v.Evacuated:
				out = append(out, Choice{Label: "Return to " + name, Tip: "Bring the garrison back to strength.", Order: sim.Order{Kind: sim.OrderReturn, Site: int32(i)}, Group: name})
			default:
				out = append(out, Choice{Label: "Evacuate " + name, Tip: "Thin out the garrison: fewer casualties, the campaign against IS slows.", Order: sim.Order{Kind: sim.OrderEvacuate, Site: int32(i)}, Group: name})
			}
			if !v.Hardened {
				out = append(out, Choice{Label: "Harden " + name, Tip: "Add defences: attacks are half as lethal.", Order: sim.Order{Kind: sim.OrderHarden, Site: int32(i)}, Group: name})
			}
		}
	case sim.Iran:
		for i := range sc.Corridors {
			c := &sc.Corridors[i]
			name := corridorShort(c.Name)
			first := len(out)
			out = append(out,
				Choice{Label: "Pause the " + name, Tip: "Stop sending shipments on this corridor.", Order: sim.Order{Kind: sim.OrderDispatch, Corridor: int32(i), Interval: 0}, Group: name},
				Choice{Label: sendEvery(c.Interval), Tip: "The corridor's usual rate.", Order: sim.Order{Kind: sim.OrderDispatch, Corridor: int32(i), Interval: int32(c.Interval)}, Group: name})
			if fast := c.Interval / 2; fast >= 1 {
				out = append(out, Choice{Label: sendEvery(fast), Tip: "Twice the usual rate: more to deliver, more to detect.",
					Order: sim.Order{Kind: sim.OrderDispatch, Corridor: int32(i), Interval: int32(fast)}, Group: name})
			}
			if i < len(obs.Corridors) {
				markCurrentRate(out[first:], int32(obs.Corridors[i].Interval))
			}
		}
	}
	for i := range out {
		finish(&out[i], ord)
	}
	return out
}

// DefaultAnswers says what letting each card go would answer, as
// "title: answer", for the question before a turn ends with decisions open.
func DefaultAnswers(cards []Card) []string {
	var out []string
	for _, c := range cards {
		for _, ch := range c.Choices {
			if ch.Default {
				out = append(out, c.Title+": "+ch.Label)
				break
			}
		}
	}
	return out
}

// GroupTitle returns the heading to show before choice i of a list: its
// group's name where a group starts whose buttons do not all name it
// ("Send every turn" needs "Land bridge" above it; "Harden Al-Omar" does
// not), else "".
func GroupTitle(choices []Choice, i int) string {
	g := choices[i].Group
	if g == "" || i > 0 && choices[i-1].Group == g {
		return ""
	}
	for j := i; j < len(choices) && choices[j].Group == g; j++ {
		if !strings.Contains(strings.ToLower(choices[j].Label), strings.ToLower(g)) {
			return strings.ToUpper(g[:1]) + g[1:]
		}
	}
	return ""
}

// markCurrentRate labels the dispatch choice that matches the rate in force.
func markCurrentRate(choices []Choice, interval int32) {
	for i := range choices {
		if choices[i].Order.Interval == interval {
			choices[i].Label += " (now)"
		}
	}
}

// sendEvery words a dispatch rate.
func sendEvery(turns int64) string {
	if turns == 1 {
		return "Send every turn"
	}
	return fmt.Sprintf("Send every %d turns", turns)
}
