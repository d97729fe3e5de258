package game

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/deconflict/deconflict/game/camera"
	"github.com/deconflict/deconflict/game/keymap"
	"github.com/deconflict/deconflict/game/layout"
	"github.com/deconflict/deconflict/game/save"
	"github.com/deconflict/deconflict/game/seat"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/turnflow"
	"github.com/deconflict/deconflict/game/ui"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/geo"
)

// playKind says whether the play screen runs a game or a replay of one.
type playKind uint8

const (
	playLive   playKind = iota // a game: the player (or the AI, for a spectator) decides
	playWatch                  // a replay of recorded orders
	playServed                 // a seat of a served game: the server runs the game
)

// overlayKind is the window open over the play screen.
type overlayKind uint8

const (
	overlayNone overlayKind = iota
	overlayHelp
	overlayPause
	overlayConfirm
	overlayLoad
	overlaySettings // the settings window, or the keys window opened from it
	overlayGuide
	overlayPass // a hot-seat game: the screen passes to the next player, who uncovers it
)

// playLayout are the regions of the play screen.
type playLayout struct {
	bar, mapR, panel, log, hints ui.Rect
}

// Play is the play screen.
type Play struct {
	g         *Game
	sess      session.Game     // the game shown
	local     *session.Session // the same game when it runs here (saves, undo, the end screen), else nil
	served    *seat.Session    // the same game when it is a served game's seat, else nil
	shownRev  int64            // the served session's revision when the screen last redrew for it
	overrides []string
	kind      playKind
	l         playLayout
	cam       camera.Camera
	camSet    bool
	st        ui.State
	cs        controls
	panel     panelContent
	flowX     float64 // where the next flowed button goes
	flowH     float64

	cards    []view.Card
	free     []view.Choice
	cardsKey string
	// the lines each open card keeps for its preview
	previewRoom layout.PreviewRoom
	cardOpt     view.CardOptions
	hover       *view.Choice // the choice under the pointer, for its preview
	selected    int32        // the site picked on the map, or -1
	hoverObj    mapHit

	filter      view.Category
	entries     []view.LogLine // the log entries the role sees, worded
	lines       []view.LogLine // entries with the turn summaries among them, as shown
	linesKey    [3]int         // log length, filter, number of changes: the lines were made for these
	logScroll   ui.Scroll
	panelScroll ui.Scroll

	flow        *turnflow.Flow
	saver       *turnflow.Autosaver // nil: nothing is autosaved
	logMark     int                 // the first log entry of the turn being animated
	summary     []string            // what moved in the last turn and why, until dismissed
	summaryTurn int32               // the turn it tells of
	guide       view.Guide          // where the player is in the first game's guide
	anims       []anim
	animStart   time.Time
	animSpeed   float64
	ships       shipTracks

	overlay    overlayKind
	ovSt       ui.State
	ovCs       controls
	saves      []saveEntry // files listed by the load overlay
	loadScroll ui.Scroll
	// settingsWin are the settings and keys windows, open while the
	// overlay is overlaySettings
	settingsWin settingsWindows

	toast      string
	toastBad   bool
	toastUntil time.Time

	dragging  bool
	dragMoved bool
	dragX     float64
	dragY     float64

	started      time.Time
	autosavePath string
	notice       string    // the served game's last refusal, once shown
	shown        sim.Actor // a hot-seat game: the seat whose player has uncovered the screen
}

func newPlay(g *Game, s *session.Session, overrides []string, kind playKind) *Play {
	p := &Play{g: g, sess: s, local: s, overrides: overrides, kind: kind, shown: session.Spectator}
	if g.store.Dir != "" && kind == playLive && !p.hotSeat() {
		p.setAutosave(g.store.Name(time.Now(), s.Scenario().ID))
	}
	return p.start()
}

// newServedPlay shows a served game's seat.
func newServedPlay(g *Game, s *seat.Session) *Play {
	p := &Play{g: g, sess: s, served: s, kind: playServed}
	return p.start()
}

// hotSeat reports whether several players take turns at this screen.
func (p *Play) hotSeat() bool { return p.local != nil && len(p.local.Seats()) > 0 }

// passScreen covers a hot-seat game's screen when it has passed to a seat
// whose player has not uncovered it yet, so no one sees another's secrets.
func (p *Play) passScreen() {
	if p.hotSeat() && p.sess.Role() != p.shown && p.overlay != overlayPass {
		p.openOverlay(overlayPass)
	}
}

// uncover shows the screen to the seat it passed to, forgetting what was
// shown to the seat before: its log lines, cards, summary and pick.
func (p *Play) uncover() {
	p.shown = p.sess.Role()
	p.overlay = overlayNone
	p.cardsKey, p.linesKey = "", [3]int{-1, -1, -1}
	p.summary, p.hover, p.selected = nil, nil, -1
	p.anims = p.anims[:0]
	p.logScroll, p.panelScroll = ui.Scroll{}, ui.Scroll{}
	p.beginTurn()
}

// start sets up a new play screen's state and its flow.
func (p *Play) start() *Play {
	p.selected, p.started, p.animSpeed, p.summaryTurn = -1, time.Now(), 1, -1
	p.settingsWin.g = p.g
	p.cardOpt = view.CardOptions{Package: sim.PackageMedium, Notice: sim.NoticeStandard}
	s := p.sess
	sc := s.Scenario()
	p.flow = turnflow.New(turnflow.Config{Session: s, Clock: turnflow.SystemClock{}, Screen: p, Spectating: p.spectating(),
		Following: p.kind == playServed, Saver: p.saver,
		Important: func(e sim.Entry) bool { return view.Important(sc, s.Role(), e) }})
	p.ships.reset(s.Observation())
	return p
}

// setAutosave makes the game save itself to path as it goes.
func (p *Play) setAutosave(path string) {
	p.autosavePath = path
	store, ov := p.g.store, p.overrides
	p.saver = turnflow.NewAutosaver(turnflow.SystemClock{}, func(snap session.Snapshot, at time.Time) func() error {
		v := p.saveView() // read on the game's goroutine, before the save runs beside it
		return func() error {
			g, err := save.FromSnapshot(snap, ov, v, at)
			if err == nil {
				err = store.Write(path, g)
			}
			store.Prune()
			return err
		}
	})
	if p.flow != nil {
		p.flow.Saver = p.saver
	}
}

// TurnBegins remembers where the turn starts, for its animation
// (turnflow.Screen).
func (p *Play) TurnBegins() { p.beginTurn() }

// TurnShown animates what happened since the turn began, and sums up the
// turn that has just ended (turnflow.Screen).
func (p *Play) TurnShown(speed float64) {
	p.animateTurn(p.g.input.Now, speed)
	last := p.sess.Turn() - 1
	if p.sess.Over() {
		last = p.sess.Turn()
	}
	if last >= 0 && last != p.summaryTurn {
		p.summaryTurn = last
		p.summary = view.TurnSummary(p.sess.Scenario(), p.sess.Role(), p.sess.Changes(), last)
	}
}

// Say shows a short message (turnflow.Screen).
func (p *Play) Say(msg string, bad bool) { p.say(msg, bad) }

func (p *Play) obs() *sim.Observation { return p.sess.Observation() }

// spectating reports whether the player only watches: a replay, the
// spectator, or a side that makes no decisions (it gets the speed controls
// too, since there is nothing to wait for).
func (p *Play) spectating() bool {
	return p.kind == playWatch || p.sess.Role() == session.Spectator || !view.Decides(p.sess.Role())
}

func (p *Play) layout() playLayout {
	w, h := p.g.Size()
	l := layout.PlayScreen(w, h, p.g.Scale())
	return playLayout{bar: l.Bar, mapR: l.Map, panel: l.Panel, log: l.Log, hints: l.Hints}
}

// fitCamera points the camera at Syria the first time, and keeps the
// viewport in step with the window.
func (p *Play) fitCamera() {
	bounds := p.g.mapLayer.Bounds()
	if !p.camSet {
		p.cam = layout.InitialCamera(p.l.mapR, bounds)
		p.camSet = true
		return
	}
	layout.Limit(&p.cam, p.l.mapR, bounds)
}

// Update handles a tick of the play screen.
func (p *Play) Update(in *Input) error {
	g := p.g
	p.l = p.layout()
	p.fitCamera()
	p.pollSave()
	p.pollServer()
	p.passScreen()
	p.refreshCards()
	p.build()
	if p.overlay != overlayNone {
		p.updateOverlay(in)
		p.advance()
		return nil
	}
	focused := p.st.HasFocus()
	enter, _ := p.enterKey()
	if enter == view.EnterPress {
		in.Activate()
	}
	res := p.st.Update(in.UI, p.cs.widgets())
	p.hover = p.choiceAt(p.st.Hover)
	if res.Activated != "" {
		p.cs.run(res.Activated)
	}
	p.hotkeys(in, focused, enter)
	p.mapInput(in, res.Consumed)
	if in.UI.WheelY != 0 {
		switch {
		case p.l.panel.Contains(in.UI.X, in.UI.Y):
			p.panelScroll.Wheel(in.UI.WheelY, g.Px(48))
		case p.l.log.Contains(in.UI.X, in.UI.Y):
			p.logScroll.Wheel(in.UI.WheelY, 3*p.logRowH())
		}
	}
	p.advance()
	p.checkOver()
	return nil
}

// enterKey is what Enter does now, and the footer's words for it.
func (p *Play) enterKey() (view.EnterAction, string) {
	label := ""
	for i := range p.cs.list {
		if c := &p.cs.list[i]; c.ID == p.st.Focus {
			label = c.Label
		}
	}
	return view.PlayEnter(p.st.Focus, label, p.spectating(), p.g.settings.Keys)
}

// hotkeys does what the player's bound keys ask (see package keymap).
func (p *Play) hotkeys(in *Input, focused bool, enter view.EnterAction) {
	keys := p.g.settings.Keys
	did := func(a keymap.Action) bool { return in.Did(keys, a) }
	// Enter presses a focused button instead, when the footer says so
	enterTaken := enter == view.EnterPress && (in.Pressed(ebiten.KeyEnter) || in.Pressed(ebiten.KeyNumpadEnter))
	switch {
	case did(keymap.Help):
		p.openOverlay(overlayHelp)
	case in.Pressed(ebiten.KeyEscape):
		if p.st.Focus != "" {
			p.st.Focus = ""
		} else {
			p.openOverlay(overlayPause)
		}
	case did(keymap.EndTurn):
		p.endTurnKey()
	case did(keymap.NextDecision) && !enterTaken:
		p.nextDecision()
	case did(keymap.ZoomIn):
		p.cam.ZoomAt(p.cam.X+p.cam.W/2, p.cam.Y+p.cam.H/2, 1.25)
	case did(keymap.ZoomOut):
		p.cam.ZoomAt(p.cam.X+p.cam.W/2, p.cam.Y+p.cam.H/2, 0.8)
	case did(keymap.ShowAll):
		p.camSet = false
	case did(keymap.Save):
		p.saveGame()
	case did(keymap.Undo) && p.kind == playLive && !p.spectating():
		if p.sess.Undoable() > 0 {
			p.undo(1)
		} else {
			p.say("Nothing to undo: orders stand once you end a turn.", true)
		}
	}
	step := p.g.Px(60)
	if !focused {
		if in.Holds(keys, keymap.PanLeft) {
			p.cam.Pan(step/6, 0)
		}
		if in.Holds(keys, keymap.PanRight) {
			p.cam.Pan(-step/6, 0)
		}
		if in.Holds(keys, keymap.PanUp) {
			p.cam.Pan(0, step/6)
		}
		if in.Holds(keys, keymap.PanDown) {
			p.cam.Pan(0, -step/6)
		}
	}
	if p.spectating() {
		for a := keymap.Speed0; a <= keymap.Speed5; a++ {
			if did(a) {
				p.flow.SetSpeed(int(a - keymap.Speed0))
			}
		}
		return
	}
	// the answer keys choose among the first open decision's choices
	if len(p.cards) > 0 {
		for a := keymap.Answer1; a <= keymap.Answer9; a++ {
			if i := int(a - keymap.Answer1); did(a) && i < len(p.cards[0].Choices) {
				p.choose(p.cards[0].Choices[i])
			}
		}
	}
	p.cam.Clamp()
}

// mapInput handles dragging, zooming and picking on the map.
func (p *Play) mapInput(in *Input, consumed bool) {
	ui := in.UI
	inMap := p.l.mapR.Contains(ui.X, ui.Y)
	if ui.Pressed && inMap && !consumed {
		p.dragging, p.dragMoved, p.dragX, p.dragY = true, false, ui.X, ui.Y
	}
	if p.dragging && ui.Down {
		dx, dy := ui.X-p.dragX, ui.Y-p.dragY
		if dx != 0 || dy != 0 {
			if p.dragMoved || dx*dx+dy*dy > p.g.Px(4)*p.g.Px(4) {
				p.cam.Pan(dx, dy)
				p.cam.Clamp()
				p.dragX, p.dragY, p.dragMoved = ui.X, ui.Y, true
			}
		}
	}
	if ui.Released && p.dragging {
		if !p.dragMoved {
			if hit := p.hitTest(ui.X, ui.Y); hit.site >= 0 {
				p.selected = hit.site
			} else {
				p.selected = -1
			}
			p.cardsKey = ""
		}
		p.dragging = false
	}
	if inMap && ui.WheelY != 0 {
		p.cam.ZoomAt(ui.X, ui.Y, math.Pow(1.2, ui.WheelY))
		p.cam.Clamp()
	}
	p.hoverObj = mapHit{site: -1, ship: -1}
	if inMap && !p.dragMoved {
		p.hoverObj = p.hitTest(ui.X, ui.Y)
	}
}

// refreshCards rebuilds the decision cards when the game has moved on.
func (p *Play) refreshCards() {
	obs := p.obs()
	key := fmt.Sprintf("%d/%d/%d/%d/%d/%d/%d/%d", obs.Turn, obs.Step, p.revision(), p.cardOpt.Package, p.cardOpt.Notice, p.selected, len(obs.Decisions), p.sess.Role())
	if key == p.cardsKey {
		return
	}
	p.cardsKey = key
	if p.spectating() || p.sess.Mode() != session.Live {
		p.cards, p.free = nil, nil
		return
	}
	p.cards = view.BuildCards(obs, p.sess, p.cardOpt, p.sess.Log())
	p.free = view.FreeOrders(obs, p.sess, p.selected)
	p.previewRoom.Keep(func(id int32) bool {
		return slices.ContainsFunc(p.cards, func(c view.Card) bool { return c.Decision.ID == id })
	})
}

// revision changes when the cards may have to be made again: an order was
// given, a served game's preview came.
func (p *Play) revision() int64 {
	if p.served != nil {
		return p.served.Revision()
	}
	return int64(len(p.local.Orders()))
}

// servedNews reports, once, that a served seat's session has changed since
// it last said so: the server's news arrives without input and must be drawn.
func (p *Play) servedNews() bool {
	if p.served == nil {
		return false
	}
	rev := p.served.Revision()
	news := rev != p.shownRev
	p.shownRev = rev
	return news
}

// choose gives the order of a choice.
func (p *Play) choose(c view.Choice) {
	if c.Disabled != "" {
		p.say(c.Disabled, true)
		return
	}
	mark := len(p.sess.Log())
	if err := p.sess.Apply(c.Order); err != nil {
		p.say(err.Error(), true)
		return
	}
	p.cardsKey = ""
	switch {
	case c.Order.Kind == sim.OrderStrike:
		p.say("Strike planned: "+c.Label, false)
	case c.Order.Decision == 0:
		// an order given any time: confirm it and show it on the map now
		if p.served != nil {
			p.say("Sent: "+c.Label, false)
		} else {
			p.say("Done: "+c.Label+" ("+p.g.settings.Keys.Label(keymap.Undo)+" takes it back until you end the turn)", false)
		}
		if p.flow.Mode() == turnflow.Idle {
			p.logMark = mark
			p.ships.reset(p.obs()) // the convoys stay where they are
			p.animateTurn(time.Now(), 1)
		}
	}
	p.flow.Answered(c.Order) // every decision of this stop answered: the turn carries on
}

// undo takes back the role's last n orders of this turn.
func (p *Play) undo(n int) {
	if p.flow.Running() {
		p.say("Wait for the turn to stop before undoing.", true)
		return
	}
	if err := p.sess.Undo(n); err != nil {
		p.say(err.Error(), true)
		return
	}
	p.cardsKey = ""
	p.anims = p.anims[:0]
	p.beginTurn()
	// a summary of a turn taken back tells of what no longer happened
	p.summary, p.summaryTurn = nil, p.sess.Turn()-1
	if n == 1 {
		p.say("Your last order is taken back.", false)
	} else {
		p.say(fmt.Sprintf("Your %d orders of this turn are taken back.", n), false)
	}
}

// endTurnKey is Space: end the turn, asking first when decisions are open.
func (p *Play) endTurnKey() {
	switch p.flow.EndTurn() {
	case turnflow.ToEnd:
		p.toEnd()
	case turnflow.Confirm:
		p.openOverlay(overlayConfirm)
	}
}

// confirmEndTurn answers the open decisions by default and ends the turn.
func (p *Play) confirmEndTurn() {
	p.overlay = overlayNone
	if err := p.flow.ConfirmEndTurn(); err != nil {
		p.say(err.Error(), true)
		return
	}
	p.cardsKey = ""
}

// nextDecision is Enter: skip ahead to the player's next decision.
func (p *Play) nextDecision() {
	if p.flow.NextDecision() == turnflow.ToEnd {
		p.toEnd()
	}
}

// beginTurn remembers where the turn starts, for its animation.
func (p *Play) beginTurn() {
	p.logMark = len(p.sess.Log())
	p.ships.reset(p.obs())
}

// advance moves the engine on for this frame (a window over the screen
// pauses a spectator's playback).
func (p *Play) advance() {
	if p.flow.Running() {
		p.flow.Tick(p.overlay != overlayNone)
		if p.served == nil { // a served game's news changes the cards' key
			p.cardsKey = ""
		}
	}
}

// checkOver moves to the end screen once the last turn has been shown.
func (p *Play) checkOver() {
	if p.flow.OverFor(p.animLength() + 1500*time.Millisecond) {
		p.toEnd()
	}
}

func (p *Play) toEnd() {
	if p.served != nil {
		p.g.setScreen(&Joined{g: p.g, sess: p.served})
		return
	}
	p.g.setScreen(newEnd(p.g, p.local, p.overrides))
}

// say shows a short message in the hint bar (engine errors start in lower
// case; the bar shows a sentence).
func (p *Play) say(s string, bad bool) {
	if r, size := utf8.DecodeRuneInString(s); size > 0 {
		s = string(unicode.ToUpper(r)) + s[size:]
	}
	p.toast, p.toastBad, p.toastUntil = s, bad, time.Now().Add(4*time.Second)
}

// saveView is what a save keeps of the screen.
func (p *Play) saveView() save.View {
	return save.View{CenterX: p.cam.CX, CenterY: p.cam.CY, Scale: p.cam.Scale / p.g.Scale(), LogFilter: p.filter.String()}
}

// applyView restores a saved screen state.
func (p *Play) applyView(v save.View) {
	p.filter = view.ParseCategory(v.LogFilter)
	if v.Scale > 0 {
		p.l = p.layout()
		p.fitCamera()
		p.cam.CX, p.cam.CY, p.cam.Scale = v.CenterX, v.CenterY, v.Scale*p.g.Scale()
		p.fitCamera()
	}
}

// pollServer shows the server's refusal of a message of the seat, once.
func (p *Play) pollServer() {
	if p.served == nil {
		return
	}
	if n := p.served.Status().Notice; n != p.notice {
		p.notice = n
		p.say("The server refused: "+n, true)
	}
}

// pollSave reports a background save that failed.
func (p *Play) pollSave() {
	if p.saver == nil {
		return
	}
	if err := p.saver.Poll(); err != nil {
		p.say("Autosave failed: "+err.Error(), true)
	}
}

// flushSave waits for a background save to finish.
func (p *Play) flushSave() {
	if p.saver != nil {
		p.saver.Flush() // its error was the autosave's, reported as it happened or moot as the game closes
	}
}

// saveGame writes a save the player asked for.
func (p *Play) saveGame() {
	switch {
	case p.kind == playWatch:
		p.say("This is a replay: the game it shows is saved already.", true)
		return
	case p.kind == playServed:
		p.say("The server records this game: it is saved in its directory.", true)
		return
	case p.hotSeat():
		p.say("A hot-seat game is not saved: its seats' turns cannot be resumed yet.", true)
		return
	}
	g, err := save.FromSession(p.local, p.overrides, p.saveView(), time.Now())
	if err != nil {
		p.say("Nothing to save yet: end the first turn first.", true)
		return
	}
	name := fmt.Sprintf("%s-turn%d-%s.json", p.sess.Scenario().ID, p.sess.Turn()+1, time.Now().Format("20060102-150405"))
	path := filepath.Join(p.g.saveDir, name)
	if p.g.saveDir == "" {
		p.say(fmt.Sprintf("Saving is off: %v.", p.g.storeErr), true)
		return
	}
	if err := p.g.store.Write(path, g); err != nil {
		p.say(err.Error(), true)
		return
	}
	p.say("Saved as "+name, false)
}

// loadGame resumes a saved game on a new play screen.
func (g *Game) loadGame(path string) (*Play, error) {
	sv, err := save.Read(path)
	if err != nil {
		return nil, err
	}
	s, err := sv.Resume()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	p := newPlay(g, s, sv.Replay.Overrides, playLive)
	if strings.HasPrefix(path, g.store.Dir+string(filepath.Separator)) {
		p.setAutosave(path)
	}
	p.applyView(sv.View)
	p.say("Loaded "+filepath.Base(path), false)
	return p, nil
}

// finalSave writes the game's autosave now and waits for it.
func (p *Play) finalSave() {
	if p.saver != nil {
		if err := p.saver.Final(p.local); err != nil {
			p.say("Autosave failed: "+err.Error(), true)
		}
	}
}

// leave saves and returns to the menu.
func (p *Play) leave() {
	if p.served != nil {
		p.served.Close()
		p.g.setScreen(newMenu(p.g))
		return
	}
	p.finalSave()
	p.g.last = lastGame{scenario: p.sess.Scenario().ID, role: p.sess.Role(), seed: p.local.Seed()}
	p.g.setScreen(newMenu(p.g))
}

// shipTracks remembers shipment positions at the start of a turn, to move
// the convoys smoothly to where they end it.
type shipTracks struct {
	from map[int32]geo.Point
}

func (t *shipTracks) reset(obs *sim.Observation) {
	t.from = make(map[int32]geo.Point, len(obs.Shipments))
	for _, s := range obs.Shipments {
		t.from[s.ID] = s.Pos
	}
}

// Busy reports whether the play screen changes without input: the engine
// runs, a turn's animation plays, a message waits to expire, a save is
// being written, the map is about to be redrawn for a new view, or a
// tooltip is about to show, or a served game's news (an observation, a
// preview) came since the last frame.
func (p *Play) Busy() bool {
	now := p.g.input.Now
	return p.servedNews() || p.flow.Running() || p.flow.Ending() ||
		p.animProgress() < 1 || now.Sub(p.animStart) < p.animLength() ||
		p.toast != "" && now.Before(p.toastUntil) ||
		p.saver != nil && p.saver.Busy() ||
		p.g.mapLayer.Settling(&p.cam) ||
		p.st.TipPending() || p.ovSt.TipPending() || p.settingsWin.st.TipPending()
}
