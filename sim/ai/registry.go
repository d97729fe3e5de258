// Package ai holds the AI policies that play actors nobody else plays.
// A policy reads only the actor's Observation and answers with Orders, like a
// human player would; each is parameterised from the scenario's [[actor]]
// table so analysts can tune and sweep it.
package ai

import "github.com/deconflict/deconflict/sim"

// Spec describes one policy: its name, what it does and its parameters.
type Spec struct {
	Actor  sim.Actor
	Name   string
	Doc    string
	Params []sim.ParamSpec // keys sorted; units as for model constants
	make   func(p paramSet, rng sim.PCG) sim.Policy
}

// specs lists every policy; each one's Params are sorted by key.
var specs = []Spec{
	{Actor: sim.Israel, Name: "opportunist", Doc: "strikes every worthwhile target it detects, at a tempo that rises with Iran's entrenchment and falls with stronger Syrian air defences, takes the route with the least air-defence exposure, sometimes strikes despite a denial or a halt",
		Params: []sim.ParamSpec{
			{Key: "ad_restraint", Unit: sim.UnitFraction, Default: 1.2, Min: 0, Max: 2, Doc: "share of the targets it finds that it passes over per level of Syrian air defence above the scenario's starting level"},
			{Key: "alarm", Unit: sim.UnitCount, Default: 0, Min: 0, Max: 1000000, Doc: "weapons Iran sent west over the past year (weapon units, delivered or destroyed) at which it strikes every worthwhile target it finds; below it, it strikes each with a chance in proportion (0: every one)"},
			{Key: "defiance", Unit: sim.UnitFraction, Default: 0.25, Min: 0, Max: 1, Doc: "chance of striking anyway after a denial or inside a halt"},
			{Key: "long_notice", Unit: sim.UnitFraction, Default: 0.2, Min: 0, Max: 1, Doc: "share of strikes near Russian forces given long notice (the rest standard; a target strikable for this turn only gets short notice)"},
			{Key: "min_value", Unit: sim.UnitLevel, Default: 0.5, Min: 0, Max: 100, Doc: "least target value worth a sortie"},
			{Key: "reroute_days", Unit: sim.UnitCount, Default: 10, Min: 0, Max: 365, Doc: "days after a US denial during which it prefers routes that need no review, even at more air-defence exposure (0: it keeps its routes)"},
			{Key: "russia_caution", Unit: sim.UnitLevel, Default: 1.5, Min: 0, Max: 5, Doc: "Israel–Russia ladder at which it stops striking past Russian forces until the ladder eases (0: it never strikes past them)"},
			{Key: "skip_review", Unit: sim.UnitFraction, Default: 0.03, Min: 0, Max: 1, Doc: "chance of not submitting a mission that needs US review"},
			{Key: "tolerance", Unit: sim.UnitCount, Default: 5000, Min: 0, Max: 50000, Doc: "growth of Hezbollah's arsenal since the Syrian air defences last rose (weapon units) from which they no longer hold it back (0: they never do)"},
		}, make: newOpportunist},
	{Actor: sim.Israel, Name: "cautious", Doc: "strikes only valuable targets, prefers routes outside US zones and Russian cover, complies with denials and halts",
		Params: []sim.ParamSpec{
			{Key: "max_intercept", Unit: sim.UnitFraction, Default: 0.25, Min: 0, Max: 1, Doc: "largest interception risk it accepts"},
			{Key: "min_value", Unit: sim.UnitLevel, Default: 1, Min: 0, Max: 100, Doc: "least target value worth a sortie"},
			{Key: "warn", Unit: sim.UnitFraction, Default: 1, Min: 0, Max: 1, Doc: "chance of warning the US of a detected attack"},
		}, make: newCautious},
	{Actor: sim.USA, Name: "permissive", Doc: "approves most requests, answers attacks in kind, stays publicly silent during talks and writes to Tehran only when it is seen as Israel's accomplice",
		Params: []sim.ParamSpec{
			{Key: "approval_threshold", Unit: sim.UnitFraction, Default: 0.5, Min: 0, Max: 1, Doc: "approves while the hazard it foresees at its sites stays under this share of the cap"},
			{Key: "blame", Unit: sim.UnitFraction, Default: 0.2, Min: 0, Max: 1, Doc: "chance of blaming Iran in public when talks are not under way"},
			{Key: "defer_operations", Unit: sim.UnitFraction, Default: 0.3, Min: 0, Max: 1, Doc: "chance of deferring a request whose strike falls in an active US operation area (Israel asks again next turn; a request deferred for request_expiry turns expires)"},
			{Key: "message_complicity", Unit: sim.UnitFraction, Default: 0.5, Min: 0, Max: 1, Doc: "perceived complicity at which it sends Tehran a private message, at most once per private_message_cooldown (0: whenever the cool-down allows; 1: only at full complicity)"},
			{Key: "modify", Unit: sim.UnitFraction, Default: 0.15, Min: 0, Max: 1, Doc: "chance of asking for a day's delay when a strike touches a US operation area"},
			{Key: "respond", Unit: sim.UnitFraction, Default: 0.5, Min: 0, Max: 1, Doc: "chance of a proportionate strike after an attack"},
			{Key: "trust_floor", Unit: sim.UnitLevel, Default: 40, Min: 0, Max: 100, Doc: "Israel–US trust below which it approves requests it would deny or defer, to keep the alliance (0: never)"},
			{Key: "wary_days", Unit: sim.UnitCount, Default: 10, Min: 0, Max: 365, Doc: "days after an attack on US forces during which it sends strikes through its zones by another route, or denies them when none reaches (0: never wary)"},
		}, make: newPermissive},
	{Actor: sim.USA, Name: "force-protection", Doc: "denies or reroutes strikes that raise the risk to its garrisons, evacuates on warning, hardens threatened sites, halts Israeli strikes around a garrison attacked or when the campaign against IS loses ground, and sends private messages",
		Params: []sim.ParamSpec{
			{Key: "approval_threshold", Unit: sim.UnitFraction, Default: 0.15, Min: 0, Max: 1, Doc: "approves while the hazard it foresees at its sites stays under this share of the cap"},
			{Key: "defer_operations", Unit: sim.UnitFraction, Default: 0.5, Min: 0, Max: 1, Doc: "chance of deferring a request whose strike falls in an active US operation area (Israel asks again next turn; a request deferred for request_expiry turns expires)"},
			{Key: "halt_days", Unit: sim.UnitCount, Default: 7, Min: 0, Max: 30, Doc: "days of the halt on Israeli strikes within 100 km it declares around a garrison just attacked, and around its most manned garrison when the counter-IS campaign lost ground since it last decided (0: it declares none)"},
			{Key: "message_complicity", Unit: sim.UnitFraction, Default: 0.25, Min: 0, Max: 1, Doc: "perceived complicity at which it sends Tehran a private message, at most once per private_message_cooldown (0: whenever the cool-down allows; 1: only at full complicity)"},
			{Key: "modify", Unit: sim.UnitFraction, Default: 0.5, Min: 0, Max: 1, Doc: "chance of asking for a day's delay when a strike touches a US operation area"},
			{Key: "respond", Unit: sim.UnitFraction, Default: 0.8, Min: 0, Max: 1, Doc: "chance of a proportionate strike after an attack"},
			{Key: "trust_floor", Unit: sim.UnitLevel, Default: 40, Min: 0, Max: 100, Doc: "Israel–US trust below which it approves requests it would deny or defer, to keep the alliance (0: never)"},
			{Key: "wary_days", Unit: sim.UnitCount, Default: 30, Min: 0, Max: 365, Doc: "days after an attack on US forces during which it sends strikes through its zones by another route, or denies them when none reaches (0: never wary)"},
		}, make: newForceProtection},
	{Actor: sim.Iran, Name: "tit-for-tat", Doc: "answers grievance with proxy attacks as soon as an opportunity arises, denying them",
		Params: []sim.ParamSpec{
			{Key: "claim", Unit: sim.UnitFraction, Default: 0.1, Min: 0, Max: 1, Doc: "chance an attack is claimed"},
			{Key: "drones", Unit: sim.UnitFraction, Default: 0.4, Min: 0, Max: 1, Doc: "share of attacks by drone rather than rockets"},
			{Key: "lie_low", Unit: sim.UnitFraction, Default: 0.45, Min: 0, Max: 1, Doc: "share of the weapons sent that Israel destroys above which it halves the dispatch rate of its corridors until the share falls back (1: never)"},
			{Key: "resupply", Unit: sim.UnitLevel, Default: 4, Min: 0, Max: 5, Doc: "Israel–Iran ladder below which it grants Hezbollah's request to replace a lost shipment (a shipment leaves at once; 0: it always declines)"},
			{Key: "threshold", Unit: sim.UnitLevel, Default: 0.4, Min: 0, Max: 100, Doc: "grievance above which it attacks"},
		}, make: newTitForTat},
	{Actor: sim.Iran, Name: "restrained", Doc: "holds fire while the nuclear talks run and attacks only when grievance is high",
		Params: []sim.ParamSpec{
			{Key: "lie_low", Unit: sim.UnitFraction, Default: 0.3, Min: 0, Max: 1, Doc: "share of the weapons sent that Israel destroys above which it halves the dispatch rate of its corridors until the share falls back (1: never)"},
			{Key: "resupply", Unit: sim.UnitLevel, Default: 2.5, Min: 0, Max: 5, Doc: "Israel–Iran ladder below which it grants Hezbollah's request to replace a lost shipment (a shipment leaves at once; 0: it always declines)"},
			{Key: "talks_restraint", Unit: sim.UnitFraction, Default: 0.5, Min: 0, Max: 1, Doc: "chance of holding fire while talks are under way"},
			{Key: "threshold", Unit: sim.UnitLevel, Default: 0.8, Min: 0, Max: 100, Doc: "grievance above which it attacks"},
		}, make: newRestrained},
	{Actor: sim.Syria, Name: "defiant", Doc: "meets every raid through its cover with fire, whatever it costs in batteries",
		Params: []sim.ParamSpec{
			{Key: "selective", Unit: sim.UnitFraction, Default: 0.2, Min: 0, Max: 1, Doc: "chance of firing selectively (half the cover, half the risk to its batteries) rather than with everything"},
		}, make: newDefiant},
	{Actor: sim.Syria, Name: "prudent", Doc: "fires selectively to spare its batteries, and holds fire once too many are out of action",
		Params: []sim.ParamSpec{
			{Key: "hold_after", Unit: sim.UnitCount, Default: 2, Min: 0, Max: 50, Doc: "batteries out of action at which it holds fire until they are back (0: it always holds fire)"},
		}, make: newPrudent},
	{Actor: sim.Russia, Name: "pragmatic", Doc: "keeps the hotline working: takes note of most notices, and answers short ones with a request to wait or, failing that, a protest",
		Params: []sim.ParamSpec{
			{Key: "delay", Unit: sim.UnitFraction, Default: 0.5, Min: 0, Max: 1, Doc: "chance of asking Israel to wait a turn (with standard notice) when a strike is announced on short notice"},
			{Key: "protest", Unit: sim.UnitFraction, Default: 0.3, Min: 0, Max: 1, Doc: "chance of protesting a strike announced on short notice, when it did not ask Israel to wait"},
		}, make: newPragmatic},
	{Actor: sim.Russia, Name: "patron", Doc: "stands by Damascus and Tehran: protests strikes near its forces whatever the notice, and never bargains over timing",
		Params: []sim.ParamSpec{
			{Key: "protest", Unit: sim.UnitFraction, Default: 0.3, Min: 0, Max: 1, Doc: "chance of protesting a strike near its forces"},
		}, make: newPatron},
	{Actor: sim.Hezbollah, Name: "measured", Doc: "answers a few of the shipments Israel destroys with rockets at the Golan, at random, unless the Israel–Iran ladder is already high",
		Params: []sim.ParamSpec{
			{Key: "answer", Unit: sim.UnitFraction, Default: 0.01, Min: 0, Max: 1, Doc: "chance of firing at the Golan when Israel destroys a shipment bound for it"},
			{Key: "ask", Unit: sim.UnitFraction, Default: 0.25, Min: 0, Max: 1, Doc: "chance of asking Iran to replace a shipment Israel destroyed, when it does not fire"},
			{Key: "ceiling", Unit: sim.UnitLevel, Default: 2, Min: 0, Max: 5, Doc: "Israel–Iran ladder at which it holds fire, to keep out of open war (0: it always holds)"},
		}, make: newMeasured},
	{Actor: sim.Hezbollah, Name: "forbearing", Doc: "absorbs its losses and answers only when they add up",
		Params: []sim.ParamSpec{
			{Key: "patience", Unit: sim.UnitCount, Default: 120, Min: 1, Max: 1000, Doc: "shipments lost, since it last fired, at which it fires at the Golan"},
		}, make: newForbearing},
	{Actor: sim.ISIS, Name: "insurgent", Doc: "raids whenever the pressure on it leaves an opening, most of the time",
		Params: []sim.ParamSpec{
			{Key: "raid", Unit: sim.UnitFraction, Default: 0.8, Min: 0, Max: 1, Doc: "chance of raiding when it finds an opening"},
		}, make: newInsurgent},
	{Actor: sim.ISIS, Name: "patient", Doc: "rebuilds while the campaign against it goes well and raids every opening once it falters",
		Params: []sim.ParamSpec{
			{Key: "below", Unit: sim.UnitLevel, Default: 50, Min: 0, Max: 100, Doc: "counter-IS progress (percent) under which it raids every opening (0: it never raids)"},
		}, make: newPatient},
	{Actor: sim.Turkey, Name: "watchful", Doc: "attacks the SDF in the north once, at the first weekly review after the US forces there have thinned out, then keeps the ceasefire",
		Params: []sim.ParamSpec{
			{Key: "max_troops", Unit: sim.UnitCount, Default: 300, Min: 0, Max: 5000, Doc: "US troops present in the northern border strip at or under which it attacks"},
		}, make: newBorderWatch},
	{Actor: sim.Turkey, Name: "hawk", Doc: "attacks the SDF at random reviews, whatever the US presence in the north",
		Params: []sim.ParamSpec{
			{Key: "attack", Unit: sim.UnitFraction, Default: 0.02, Min: 0, Max: 1, Doc: "chance of attacking at each weekly review"},
		}, make: newHawk},
	{Actor: sim.SDF, Name: "frontline", Doc: "keeps its forces on the front against the Islamic State while the US stands beside it in the north; once the US troops there thin out it turns north (on the withdrawal, or when a Turkish offensive comes), and seeks terms with Damascus and Moscow when an offensive finds its forces there all the same",
		Params: []sim.ParamSpec{
			{Key: "max_troops", Unit: sim.UnitCount, Default: 400, Min: 0, Max: 5000, Doc: "US troops present in the northern border strip below which it acts on a withdrawal or an offensive (0: it never acts)"},
		}, make: newFrontline},
	{Actor: sim.SDF, Name: "broker", Doc: "never turns north: once the US troops in the north thin out it seeks terms with Damascus and Moscow (on the withdrawal, or when a Turkish offensive comes), ceding ground to keep Turkey out",
		Params: []sim.ParamSpec{
			{Key: "max_troops", Unit: sim.UnitCount, Default: 400, Min: 0, Max: 5000, Doc: "US troops present in the northern border strip below which it seeks terms on a withdrawal or an offensive (0: it never does)"},
		}, make: newBroker},
}

// Lookup returns the policy named name for the actor (a copy of its spec).
func Lookup(actor sim.Actor, name string) (Spec, bool) {
	if s := lookup(actor, name); s != nil {
		return s.clone(), true
	}
	return Spec{}, false
}

// lookup finds a policy's spec in the table.
func lookup(actor sim.Actor, name string) *Spec {
	for i := range specs {
		if s := &specs[i]; s.Actor == actor && s.Name == name {
			return s
		}
	}
	return nil
}

// Names lists the policies available for an actor (empty for NoActor).
func Names(actor sim.Actor) []string {
	var out []string
	for _, s := range specs {
		if s.Actor == actor {
			out = append(out, s.Name)
		}
	}
	return out
}

// Specs lists every policy (a copy: writing to it changes no policy).
func Specs() []Spec {
	out := make([]Spec, len(specs))
	for i, s := range specs {
		out[i] = s.clone()
	}
	return out
}

// clone copies a spec with its own Params.
func (s Spec) clone() Spec {
	s.Params = append([]sim.ParamSpec(nil), s.Params...)
	return s
}

// Default returns the policy an actor gets when its scenario names none.
func Default(actor sim.Actor) string {
	switch actor {
	case sim.Israel:
		return "opportunist"
	case sim.USA:
		return "permissive"
	case sim.Iran:
		return "tit-for-tat"
	case sim.Syria:
		return "defiant"
	case sim.Russia:
		return "pragmatic"
	case sim.Hezbollah:
		return "measured"
	case sim.ISIS:
		return "insurgent"
	case sim.Turkey:
		return "watchful"
	case sim.SDF:
		return "frontline"
	}
	return ""
}
