package sim

import (
	"encoding/binary"
	"encoding/hex"
)

// Visitor receives the state field by field in canonical order: each entity
// (a kind and a number), then its fields as name and integer value.
type Visitor interface {
	Entity(kind string, id int64)
	Field(name string, v int64)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// Visit walks the whole state in canonical order. Hashes, replay digests and
// state diffs are all built on it, so a field left out here is a field no
// check could see: the tests make sure every field is visited.
func (s *State) Visit(v Visitor) {
	v.Entity("world", 0)
	v.Field("turn", int64(s.Turn))
	v.Field("step", int64(s.Step))
	v.Field("outcome", int64(s.Outcome))
	v.Field("end_turn", int64(s.EndTurn))
	v.Field("trust", s.Trust)
	v.Field("complicity", s.Complicity)
	v.Field("grievance.israel", s.Grievance[TowardIsrael])
	v.Field("grievance.usa", s.Grievance[TowardUSA])
	v.Field("deterrence.usa", s.Deterrence[TowardUSA])
	v.Field("deterrence.israel", s.Deterrence[TowardIsrael])
	v.Field("talks", s.Talks)
	v.Field("talks_open", b2i(s.TalksOpen))
	v.Field("air_defence", s.AirDefence)
	v.Field("counter_is", s.CounterIS)
	v.Field("arsenal", s.Arsenal)
	v.Field("last_message", int64(s.LastMessage))
	v.Field("offensive_till", int64(s.OffensiveTill))
	v.Field("diverted_till", int64(s.DivertedTill))
	v.Field("terms_till", int64(s.TermsTill))
	v.Field("posture", int64(s.Posture))
	v.Field("next_id", int64(s.NextID))
	for p := range s.Escalation {
		v.Entity("ladder", int64(p))
		v.Field("escalation", s.Escalation[p])
		v.Field("max_escalation", s.MaxEsc[p])
	}
	v.Entity("params", 0)
	for i, x := range s.Params {
		v.Field(paramSpecs[i].Key, x)
	}
	v.Entity("counters", 0)
	for i, c := range s.Count {
		v.Field(metricSpecs[i].Key, c)
	}
	for i, r := range s.Rand {
		v.Entity("stream", int64(i))
		v.Field("state", int64(r.State))
		v.Field("inc", int64(r.Inc))
	}
	for i := range s.Sites {
		x := &s.Sites[i]
		v.Entity("site", int64(i))
		v.Field("troops", x.Troops)
		v.Field("hardened", b2i(x.Hardened))
		v.Field("evacuated_till", int64(x.EvacuatedTill))
		v.Field("detected_till", int64(x.DetectedTill))
		v.Field("disabled_till", int64(x.DisabledTill))
	}
	for i := range s.Corridors {
		x := &s.Corridors[i]
		v.Entity("corridor", int64(i))
		v.Field("interval", x.Interval)
		v.Field("next", int64(x.Next))
	}
	for i := range s.Shipments {
		x := &s.Shipments[i]
		v.Entity("shipment", int64(x.ID))
		v.Field("corridor", int64(x.Corridor))
		v.Field("dist", x.Dist)
		v.Field("next_stop", int64(x.NextStop))
		v.Field("size", x.Size)
		v.Field("dwell_till", int64(x.DwellTill))
		v.Field("detected_till", int64(x.DetectedTill))
	}
	for i := range s.Missions {
		x := &s.Missions[i]
		v.Entity("mission", int64(x.ID))
		v.Field("planned", int64(x.Planned))
		v.Field("target.kind", int64(x.Target.Kind))
		v.Field("target.id", int64(x.Target.ID))
		v.Field("target_pos.x", x.TargetPos.X)
		v.Field("target_pos.y", x.TargetPos.Y)
		v.Field("route", int64(x.Route))
		v.Field("package", int64(x.Package))
		v.Field("notice", int64(x.Notice))
		v.Field("skip_review", b2i(x.SkipReview))
		v.Field("status", int64(x.Status))
		v.Field("reasons", int64(x.Reasons))
		v.Field("request", int64(x.Request))
		v.Field("fly_turn", int64(x.FlyTurn))
		v.Field("exposure", x.Exposure)
		v.Field("syria_exposure", x.SyriaExposure)
		v.Field("in_us_zone", b2i(x.InUSZone))
		v.Field("violation", b2i(x.Violation))
		v.Field("in_halt", b2i(x.InHalt))
		v.Field("near_russia", b2i(x.NearRussia))
	}
	for i := range s.Requests {
		x := &s.Requests[i]
		v.Entity("request", int64(x.ID))
		v.Field("mission", int64(x.Mission))
		v.Field("reasons", int64(x.Reasons))
		v.Field("status", int64(x.Status))
		v.Field("raised", int64(x.Raised))
		v.Field("alt_route", int64(x.AltRoute))
		v.Field("delay", int64(x.Delay))
		v.Field("deferrals", int64(x.Deferrals))
	}
	for i := range s.Halts {
		x := &s.Halts[i]
		v.Entity("halt", int64(x.ID))
		v.Field("center.x", x.Area.Center.X)
		v.Field("center.y", x.Area.Center.Y)
		v.Field("radius", x.Area.Radius)
		v.Field("ring", int64(len(x.Area.Ring)))
		for _, p := range x.Area.Ring {
			v.Field("ring.x", p.X)
			v.Field("ring.y", p.Y)
		}
		v.Field("until", int64(x.Until))
		v.Field("zone", int64(x.Zone))
	}
	for i := range s.Attacks {
		x := &s.Attacks[i]
		v.Entity("attack", int64(x.ID))
		v.Field("site", int64(x.Site))
		v.Field("method", int64(x.Method))
		v.Field("claimed", b2i(x.Claimed))
		v.Field("due", int64(x.Due))
		v.Field("detected", b2i(x.Detected))
		v.Field("warned", b2i(x.Warned))
		v.Field("landed", b2i(x.Landed))
	}
	for i := range s.Objectives {
		x := &s.Objectives[i]
		v.Entity("objective", int64(i))
		v.Field("decided", b2i(x.Decided))
		v.Field("met", b2i(x.Met))
		v.Field("turn", int64(x.Turn))
	}
	for i, f := range s.Fired {
		v.Entity("event", int64(i))
		v.Field("fired", b2i(f))
	}
	for _, f := range s.Fires {
		v.Entity("fire", int64(f.Event))
		v.Field("turn", int64(f.Turn))
	}
	for i := range s.Reverts {
		x := &s.Reverts[i]
		v.Entity("revert", int64(i))
		v.Field("turn", int64(x.Turn))
		v.Field("kind", int64(x.Kind))
		v.Field("target", int64(x.Target))
		v.Field("set", b2i(x.Set))
		v.Field("value", x.Value)
	}
	for i, r := range s.EventRand {
		v.Entity("event_stream", int64(i))
		v.Field("state", int64(r.State))
		v.Field("inc", int64(r.Inc))
	}
	for i := range s.Tally {
		x := &s.Tally[i]
		v.Entity("tally", int64(i))
		v.Field("strikes", x.Strikes)
		v.Field("hits", x.Hits)
		v.Field("attacks", x.Attacks)
		v.Field("deaths", x.Deaths)
		v.Field("injured", x.Injured)
	}
	for i, n := range s.Orders {
		v.Entity("orders", int64(i))
		v.Field("given", n)
	}
	for i := range s.Windows {
		x := &s.Windows[i]
		v.Entity("window", int64(i))
		v.Field("armed", b2i(x.Armed))
		v.Field("turn", int64(x.Turn))
		v.Field("base", x.Base)
	}
	for i, k := range s.Setups {
		v.Entity("setup", int64(i))
		v.Field("index", int64(k))
	}
	for i := range s.SiteMods {
		x := &s.SiteMods[i]
		v.Entity("site_mod", int64(i))
		v.Field("hardness", x.Hardness)
		v.Field("proximity", x.Proximity)
		v.Field("ad_strength", x.ADStrength)
	}
	for i, a := range s.Owners {
		v.Entity("owner", int64(i))
		v.Field("actor", int64(a))
	}
	for i, w := range s.Watch {
		v.Entity("watch", int64(i))
		v.Field("till", int64(w))
	}
	for i := range s.Pending {
		x := &s.Pending[i]
		v.Entity("decision", int64(x.ID))
		v.Field("actor", int64(x.Actor))
		v.Field("kind", int64(x.Kind))
		v.Field("subject", int64(x.Subject))
		v.Field("reasons", int64(x.Reasons))
		v.Field("done", b2i(x.Done))
	}
}

// Hash is a 64-bit FNV-1a digest of the state's canonical encoding.
type Hash uint64

// String renders the hash as 16 lowercase hex digits.
func (h Hash) String() string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(h))
	return hex.EncodeToString(b[:])
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvWord folds the eight bytes of x, low byte first, into an FNV-1a hash.
func fnvWord(h, x uint64) uint64 {
	for i := 0; i < 8; i++ {
		h ^= x & 0xff
		h *= fnvPrime
		x >>= 8
	}
	return h
}

// fnvString folds the bytes of s into an FNV-1a hash.
func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hasher folds entity markers and field values (not names: the order fixes
// them) into an FNV-1a hash, eight bytes at a time.
type hasher struct{ h uint64 }

func (h *hasher) Entity(kind string, id int64) { h.h = fnvWord(fnvString(h.h, kind), uint64(id)) }

func (h *hasher) Field(_ string, v int64) { h.h = fnvWord(h.h, uint64(v)) }

// Hash returns the hash of the whole state.
func (e *Engine) Hash() Hash {
	h := hasher{h: fnvOffset}
	e.st.Visit(&h)
	return Hash(h.h)
}

// digester reduces every field to one byte, in visiting order: a replay keeps
// these per turn so a mismatch can be traced to its entity and field.
type digester struct {
	out []byte
}

// Entity adds a byte for the entity itself, so a changed id shows too.
func (d *digester) Entity(kind string, id int64) {
	d.Field("", id^int64(fnvString(fnvOffset, kind)))
}

func (d *digester) Field(name string, v int64) {
	h := fnvWord(fnvOffset, uint64(v))
	d.out = append(d.out, byte(h^h>>8^h>>16^h>>24))
}

// Digest appends one byte per state field, in canonical order, to buf.
func (s *State) Digest(buf []byte) []byte {
	d := digester{out: buf}
	s.Visit(&d)
	return d.out
}

// FieldRef names one field of the state and its value.
type FieldRef struct {
	Entity string // such as "site 12" or "mission 40"
	Field  string
	Value  int64
}

type locator struct {
	want, n int
	found   FieldRef
	ok      bool
	kind    string
	id      int64
}

// Entity counts the entity's own digest byte (see digester.Entity).
func (l *locator) Entity(kind string, id int64) {
	l.kind, l.id = kind, id
	if l.n == l.want {
		l.found = FieldRef{Entity: entityName(kind, id), Field: "(id)", Value: id}
		l.ok = true
	}
	l.n++
}

func (l *locator) Field(name string, v int64) {
	if l.n == l.want {
		l.found = FieldRef{Entity: entityName(l.kind, l.id), Field: name, Value: v}
		l.ok = true
	}
	l.n++
}

func entityName(k string, id int64) string {
	if k == "world" || k == "counters" || k == "params" {
		return k
	}
	return k + " " + itoa(id)
}

func itoa(v int64) string {
	if v == 0 {
		return "0"
	}
	neg := v < 0
	if neg {
		v = -v
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// FieldAt names the index-th field in visiting order (the position of a
// byte in Digest).
func (s *State) FieldAt(index int) (FieldRef, bool) {
	l := locator{want: index}
	s.Visit(&l)
	return l.found, l.ok
}
