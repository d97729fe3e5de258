// Package seat plays one seat of a served game (deconflict-sim serve) as a
// session.Game, so that the play screen shows it as it shows a local game:
// the seat's observation, its open decisions with their previews, and the
// log and changes its role may know, all as the server sends them (never
// the whole state). The player's orders go to the server, which checks
// them against the seat's role. It has no graphics dependency: the desktop
// and browser builds share it.
package seat

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/deconflict/deconflict/game/netclient"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// sendWait bounds the time an order may take to be sent.
const sendWait = 5 * time.Second

// ErrNotReady is returned by New before the server has welcomed the seat
// and sent its first observation.
var ErrNotReady = errors.New("the server has not sent the seat's game yet")

// Session is one seat of a served game. Step takes the server's news; the
// other methods read what the last Step took, so the screen sees one state
// for a whole frame. Its methods are for one goroutine; the client and the
// previews work beside it.
type Session struct {
	c        *netclient.Client
	sc       *sim.Scenario
	role     sim.Actor               // session.Spectator for the umpire
	msg      *netproto.ServerMessage // the observe message taken last
	obs      sim.Observation
	awaiting bool             // an order was sent: the decisions wait for the server's word on it
	sent     netclient.Status // the client's counts when it was sent
	rev      int64            // bumped when the decisions may show differently (an order sent, the server's answer)
	closed   int64            // the last stop whose answer the player closed
	turn     int32            // the turn last reported by Step
	waited   int64            // the last stop reported as Waited
	log      []sim.Entry
	changes  []sim.Change
	missions map[int32]sim.Mission
	maxEsc   [sim.NumPairs]int64 // the highest ladders seen (the peak metrics)
	pv       *previews
}

// New makes the seat's session from a client the server has welcomed and
// sent an observation (ErrNotReady before that). The session owns the
// client from then on: Close closes both.
func New(c *netclient.Client) (*Session, error) {
	st := c.Status()
	if st.Canonical == "" || st.Observe == nil || st.Observe.Observation == nil {
		return nil, ErrNotReady
	}
	sc, err := scenario.Load(st.Scenario+" (served)", []byte(st.Canonical), nil)
	if err != nil {
		return nil, fmt.Errorf("the server's scenario: %w", err)
	}
	role, ok := sim.ParseActor(st.Role)
	if !ok {
		role = session.Spectator // the umpire watches everything
	}
	s := &Session{c: c, sc: sc, role: role, missions: map[int32]sim.Mission{}, turn: -1, waited: -1, closed: -1}
	s.pv = newPreviews(c)
	s.take(st)
	s.turn = s.obs.Turn
	return s, nil
}

// Close stops the previews and hangs up.
func (s *Session) Close() {
	s.pv.close()
	s.c.Close()
}

// Status returns what the client knows now: the connection, the seats,
// who the game waits for, the server's last refusal and the end.
func (s *Session) Status() netclient.Status { return s.c.Status() }

// Revision changes whenever the decisions may show differently without a
// new observation: an order was sent or refused, a preview has come back.
func (s *Session) Revision() int64 { return s.rev + s.pv.revision() }

// Scenario returns the served scenario.
func (s *Session) Scenario() *sim.Scenario { return s.sc }

// Role returns the seat's role (session.Spectator for the umpire).
func (s *Session) Role() sim.Actor { return s.role }

// Mode is always session.Live: the player answers the seat's decisions.
func (s *Session) Mode() session.Mode { return session.Live }

// Turn returns the current turn.
func (s *Session) Turn() int32 { return s.obs.Turn }

// Over reports whether the game has ended.
func (s *Session) Over() bool { return s.obs.Outcome != sim.OutcomeRunning }

// Outcome returns how the game ended.
func (s *Session) Outcome() sim.Outcome { return s.obs.Outcome }

// Observation returns the seat's observation as the server last sent it,
// without the decisions the player has answered since.
func (s *Session) Observation() *sim.Observation { return &s.obs }

// Log returns the entries of the event log the role may know.
func (s *Session) Log() []sim.Entry { return s.log }

// Changes returns the recorded changes the role may know.
func (s *Session) Changes() []sim.Change { return s.changes }

// Mission returns a strike mission the role has seen, by id.
func (s *Session) Mission(id int32) (sim.Mission, bool) {
	m, ok := s.missions[id]
	return m, ok
}

// Metric returns a metric as the role's observation shows it
// (sim.Observation.Metric), and a ladder's peak as the highest the seat has
// seen.
func (s *Session) Metric(m sim.Metric) int64 {
	switch m {
	case sim.MetricMaxEscalationUSIran:
		return s.maxEsc[sim.USAIran]
	case sim.MetricMaxEscalationIsraelIran:
		return s.maxEsc[sim.IsraelIran]
	}
	return s.obs.Metric(m)
}

// ObjectiveValue returns the value objective i is judged on, as far as the
// role's observation shows it: its metric (see Metric) for an objective
// over the whole run; a scoped or windowed objective's value is the
// server's to know, and reads 0.
func (s *Session) ObjectiveValue(i int) int64 {
	o := &s.sc.Objectives[i]
	if o.Windowed() || o.Scope.Kind != sim.ScopeRun {
		return 0
	}
	return s.Metric(o.Metric)
}

// Objectives returns nil: the server decides the objectives and says how
// they ended when the game does (the screen shows their current values).
func (s *Session) Objectives() []sim.ObjectiveState { return nil }

// Waiting reports whether the game waits for this seat's answer.
func (s *Session) Waiting() bool {
	return s.msg != nil && s.msg.YourTurn && s.closed != s.msg.Stop && len(s.obs.Decisions) > 0 && !s.Over()
}

// Err returns nil: a lost connection is retried, and its state is in Status.
func (s *Session) Err() error { return nil }

// Step takes what the server has sent since the last Step and says what it
// brings: a turn's end, the end of the game, the seat's turn to answer, a
// new observation (Decided), or nothing yet (Pending).
func (s *Session) Step() (session.Event, error) {
	news := s.take(s.c.Status())
	switch {
	case s.obs.Turn > s.turn:
		s.turn = s.obs.Turn
		return session.TurnDone, nil
	case s.Over():
		return session.Ended, nil
	case s.Waiting() && s.waited != s.msg.Stop:
		s.waited = s.msg.Stop
		return session.Waited, nil
	case news:
		return session.Decided, nil
	}
	return session.Pending, nil
}

// take reads the client's news; it reports whether a new observation came.
func (s *Session) take(st netclient.Status) bool {
	log, changes := s.c.Log(len(s.log), len(s.changes))
	s.log = append(s.log, log...)
	s.changes = append(s.changes, changes...)
	if s.awaiting && (st.Refusals != s.sent.Refusals || st.Welcomes != s.sent.Welcomes || st.Seen > s.sent.Accepted) {
		// refused (the decisions stand as they were), or lost with the
		// connection, or accepted with an observation that shows it
		s.awaiting = false
		s.rev++
	}
	if st.Observe == nil || st.Observe == s.msg || st.Observe.Observation == nil {
		return false
	}
	m := st.Observe
	if s.msg == nil || !reflect.DeepEqual(s.msg.Observation, m.Observation) {
		// the previews were for a state the seat no longer sees: the
		// cards ask for the new state's (an observation that shows
		// nothing new, such as one sent as another seat's turn begins,
		// keeps them)
		s.pv.reset()
	}
	s.msg = m
	s.rev++ // the cards are made again
	s.obs = *m.Observation
	s.obs.Scenario = s.sc
	for _, ms := range s.obs.Missions {
		s.missions[ms.ID] = ms
	}
	for p := range s.maxEsc {
		s.maxEsc[p] = max(s.maxEsc[p], s.obs.Escalation[p])
	}
	return true
}

// playable says why the player cannot give orders now, or nil.
func (s *Session) playable() error {
	switch {
	case s.role == session.Spectator:
		return errors.New("the umpire gives no orders from this screen")
	case s.Over():
		return errors.New("the game is over")
	case s.msg == nil:
		return ErrNotReady
	}
	return nil
}

// Check tells whether the role may give the order now, as far as the
// server's previews have said (the server checks every order it is sent).
func (s *Session) Check(o sim.Order) error {
	if err := s.playable(); err != nil {
		return err
	}
	if o.Decision != 0 && !s.open(o.Decision) {
		return errors.New("that decision is answered")
	}
	if s.awaiting {
		return errors.New("waiting for the server's word on your last order")
	}
	return s.pv.refusal(o)
}

// open reports whether a decision of the role is open now.
func (s *Session) open(id int32) bool {
	return slices.ContainsFunc(s.obs.Decisions, func(d sim.Decision) bool { return d.ID == id })
}

// Preview returns what the order would change, as the server previews it
// for the seat; until the server's answer comes it returns session.ErrPreviewPending
// (and Revision changes when it comes).
func (s *Session) Preview(o sim.Order) (sim.Preview, error) {
	if err := s.playable(); err != nil {
		return sim.Preview{}, err
	}
	return s.pv.get(o)
}

// Apply sends an order of the seat's role to the server, which checks it
// and gives it in the role's name. Until the server has refused it, or
// accepted it and sent an observation since, Check refuses further orders:
// the decisions on screen are the ones the order answered.
func (s *Session) Apply(o sim.Order) error {
	if err := s.Check(o); err != nil {
		return err
	}
	sent := s.c.Status()
	ctx, cancel := context.WithTimeout(context.Background(), sendWait)
	defer cancel()
	if err := s.c.Send(ctx, s.msg.Stop, []sim.Order{o}, false); err != nil {
		return fmt.Errorf("send the order to the server: %w", err)
	}
	s.awaiting, s.sent = true, sent
	s.rev++
	return nil
}

// AnswerRest asks the server to answer the seat's open decisions with their
// default answers, which ends the seat's turn.
func (s *Session) AnswerRest() error {
	if err := s.playable(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), sendWait)
	defer cancel()
	if err := s.c.Send(ctx, s.msg.Stop, nil, true); err != nil {
		return fmt.Errorf("send the end of your turn to the server: %w", err)
	}
	s.closed = s.msg.Stop
	return nil
}

// Commit does nothing: a served game's orders stand once sent.
func (s *Session) Commit() {}

// Undoable returns 0: orders sent to the server cannot be taken back.
func (s *Session) Undoable() int { return 0 }

// Undo refuses: orders sent to the server cannot be taken back.
func (s *Session) Undo(int) error {
	return errors.New("orders sent to the server stand: they cannot be taken back")
}

var _ session.Game = (*Session)(nil)
