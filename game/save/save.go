// Package save writes and reads saved games. A save is the engine's replay
// of the whole turns played (sim/replay's JSON Lines, so the simulator's
// tools can verify it), the orders given since, and the state of the screen
// (camera, log filter). Saves are kept by path on a shelf: files on the
// desktop, the page's local storage in the browser build. Either way a save
// is replaced atomically: the old one stays intact until the new one is
// complete.
package save

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/internal/infile"
	"github.com/deconflict/deconflict/internal/webstorage"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/replay"
)

// Format identifies save files.
const (
	Marker  = "deconflict-save"
	Version = 1
)

// MaxSize bounds the save files read.
const MaxSize = 64 << 20

// Errors that callers may tell apart; the errors returned wrap them. A save
// of another engine version gives a *sim.VersionError instead.
var (
	// ErrNotSave: the file is not a Deconflict save (another kind of file,
	// another save format, or too large to be one).
	ErrNotSave = errors.New("not a Deconflict save")
	// ErrDamaged: the file is a Deconflict save, but cut short or altered.
	ErrDamaged = errors.New("the save is damaged")
)

// View is the state of the play screen kept with a save.
type View struct {
	CenterX   float64 `json:"center_x"` // camera centre, world metres
	CenterY   float64 `json:"center_y"`
	Scale     float64 `json:"scale"`      // pixels per metre at UI scale 1
	LogFilter string  `json:"log_filter"` // all, strikes, retaliation or diplomacy
}

// Game is a saved game.
type Game struct {
	Replay  *replay.Replay // the whole turns played
	Partial []sim.Recorded // orders given since the last whole turn
	View    View
	Saved   time.Time // when it was written
}

// FromSession captures a game in progress (or over). overrides are the
// --set arguments the scenario was loaded with. It fails before the first
// turn has ended: there is nothing to save yet.
func FromSession(s *session.Session, overrides []string, view View, now time.Time) (*Game, error) {
	return FromSnapshot(s.Snapshot(), overrides, view, now)
}

// FromSnapshot is FromSession for a snapshot taken earlier (saves are
// built off the game's goroutine).
func FromSnapshot(sn session.Snapshot, overrides []string, view View, now time.Time) (*Game, error) {
	res, partial, err := sn.Recording()
	if err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	role := replay.Spectator
	if sn.Role != session.Spectator {
		role = sn.Role.String()
	}
	rp, err := replay.New(sn.Scenario, overrides, role, &res)
	if err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	return &Game{Replay: rp, Partial: append([]sim.Recorded(nil), partial...), View: view, Saved: now}, nil
}

// Resume rebuilds the saved game where it was left, checking every turn
// against the hashes the save recorded.
func (g *Game) Resume() (*session.Session, error) {
	rp := g.Replay
	sc, err := rp.Scenario()
	if err != nil {
		return nil, err
	}
	role := session.Spectator
	if rp.Role != replay.Spectator {
		a, ok := sim.ParseActor(rp.Role)
		if !ok {
			return nil, fmt.Errorf("%w: unknown role %q", ErrNotSave, rp.Role)
		}
		role = a
	}
	s, err := session.Resume(sc, rp.Seed, role, g.Orders(), rp.Hashes, g.Turns())
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Orders returns every order of the game: the replay's, then the partial turn's.
func (g *Game) Orders() []sim.Recorded {
	return append(append([]sim.Recorded(nil), g.Replay.Orders...), g.Partial...)
}

// Turns returns the number of whole turns the save holds.
func (g *Game) Turns() int32 { return int32(len(g.Replay.Hashes)) }

type file struct {
	Format  string         `json:"format"`
	Version int            `json:"version"`
	Saved   time.Time      `json:"saved"`
	Replay  string         `json:"replay"`
	Partial []partialOrder `json:"partial,omitempty"`
	View    View           `json:"view"`
}

// partialOrder is one order of the unfinished turn.
type partialOrder struct {
	Turn  int32     `json:"turn"`
	Step  string    `json:"step"`
	Actor string    `json:"actor"`
	Order sim.Order `json:"order"`
}

// Encode renders a saved game. It refuses one larger than Decode reads.
func Encode(g *Game) ([]byte, error) {
	return encode(g, MaxSize)
}

// encode is Encode with the size limit as a parameter, so tests can reach
// it cheaply.
func encode(g *Game, maxSize int) ([]byte, error) {
	var rp bytes.Buffer
	if err := replay.Write(&rp, g.Replay); err != nil {
		return nil, fmt.Errorf("encode save: %w", err)
	}
	f := file{Format: Marker, Version: Version, Saved: g.Saved.UTC(), Replay: rp.String(), View: g.View}
	for _, r := range g.Partial {
		f.Partial = append(f.Partial, partialOrder{Turn: r.Turn, Step: r.Step.String(), Actor: r.Actor.String(), Order: r.Order})
	}
	out, err := json.MarshalIndent(&f, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode save: %w", err)
	}
	if len(out) >= maxSize {
		return nil, fmt.Errorf("encode save: the game is too long to save: %s, more than the %s a save may hold", infile.MiB(int64(len(out)+1)), infile.MiB(int64(maxSize)))
	}
	return append(out, '\n'), nil
}

// Decode parses a saved game. Foreign files (ErrNotSave), damaged saves
// (ErrDamaged) and saves of another engine version (*sim.VersionError) give
// an error that says which, and what is wrong, in words a player understands.
func Decode(data []byte) (*Game, error) {
	return decode("the save", data, MaxSize)
}

// decode is Decode; name is what a version error calls the file, and
// maxSize the size limit.
func decode(name string, data []byte, maxSize int) (*Game, error) {
	if len(data) > maxSize {
		return nil, fmt.Errorf("%w: %v", ErrNotSave, &infile.TooLargeError{Size: int64(len(data)), Limit: int64(maxSize)})
	}
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte(`{"format":"`+replay.Marker+`"`)) {
		return nil, fmt.Errorf("%w: it is a replay; check it with deconflict-sim replay", ErrNotSave)
	}
	var f file
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		return nil, decodeError(data, err)
	}
	switch {
	case f.Format != Marker:
		return nil, fmt.Errorf("%w: the file's format is %q", ErrNotSave, f.Format)
	case f.Version != Version:
		return nil, fmt.Errorf("%w: it is a version %d save and this game reads version %d", ErrNotSave, f.Version, Version)
	case len(bytes.TrimSpace(data[dec.InputOffset():])) > 0:
		return nil, fmt.Errorf("%w: it goes on after its end, at byte %d", ErrDamaged, dec.InputOffset())
	}
	rp, err := replay.Read(strings.NewReader(f.Replay))
	if err != nil {
		return nil, fmt.Errorf("%w: the turns it records do not read: %w", ErrDamaged, err)
	}
	if err := sim.CheckVersion(name, rp.Engine, "saved", "load it with that version"); err != nil {
		return nil, err
	}
	g := &Game{Replay: rp, View: f.View, Saved: f.Saved}
	turns := int32(len(rp.Hashes))
	prev := turns
	for i, p := range f.Partial {
		step, ok1 := sim.ParseStep(p.Step)
		actor, ok2 := sim.ParseActor(p.Actor)
		if !ok1 || !ok2 || p.Turn < prev || p.Order.Kind >= sim.NumOrderKinds {
			return nil, fmt.Errorf("%w: order %d of the unfinished turn is not a valid order", ErrDamaged, i+1)
		}
		prev = p.Turn
		g.Partial = append(g.Partial, sim.Recorded{Turn: p.Turn, Step: step, Actor: actor, Order: p.Order})
	}
	return g, nil
}

// decodeError explains why a file does not decode as a save: another kind
// of file, or a save cut short or altered.
func decodeError(data []byte, err error) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%w: the file is empty", ErrNotSave)
	}
	// a save names its format first, within its first line or two
	if !bytes.Contains(data[:min(len(data), 64)], []byte(`"`+Marker+`"`)) {
		return fmt.Errorf("%w: the file is of another kind (%v)", ErrNotSave, err)
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: it ends early, after %d bytes: it was not written completely, or was cut short when copied", ErrDamaged, len(data))
	case errors.As(err, &syntax):
		return fmt.Errorf("%w: it was altered at byte %d: %v", ErrDamaged, syntax.Offset, err)
	case errors.As(err, &typ):
		return fmt.Errorf("%w: field %q holds a JSON %s", ErrDamaged, typ.Field, typ.Value)
	}
	return fmt.Errorf("%w: %v", ErrDamaged, err)
}

// Summary describes a saved game for a list of saves.
type Summary struct {
	ScenarioID string
	Role       string // an actor id, or replay.Spectator
	Turns      int32  // whole turns played
	Over       bool   // the run had ended
}

// Summary describes the game.
func (g *Game) Summary() Summary {
	return Summary{ScenarioID: g.Replay.ScenarioID, Role: g.Replay.Role, Turns: g.Turns(), Over: g.Replay.Outcome != sim.OutcomeRunning}
}

// Read loads a saved game from path. A save over MaxSize bytes is refused
// before it is read.
func Read(path string) (*Game, error) {
	return read(platform(), path)
}

func read(sh shelf, path string) (*Game, error) {
	name := filepath.Base(path)
	data, err := sh.read(path)
	var big *infile.TooLargeError
	switch {
	case errors.As(err, &big):
		return nil, fmt.Errorf("%s: %w: %v", name, ErrNotSave, big)
	case err != nil:
		return nil, fmt.Errorf("%s: cannot read the save: %w", name, err)
	}
	g, err := decode(name, data, MaxSize)
	var ve *sim.VersionError
	switch {
	case errors.As(err, &ve):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return g, nil
}

// Store is the directory of automatic saves: one save per game, the newest
// one being "the last game".
type Store struct {
	Dir  string
	Keep int // how many autosaves to keep (0: all)
}

// DefaultStore returns the autosave directory under the user's
// configuration directory (in the browser, the page's local storage).
func DefaultStore() (Store, error) {
	dir, err := configDir()
	if err != nil {
		return Store{}, err
	}
	// in the browser, twenty autosaves of whole shadow-war games take 40%
	// of the storage a site may keep (see kvShelf)
	return Store{Dir: filepath.Join(dir, "deconflict", "autosave"), Keep: 20}, nil
}

// Name returns the path of the autosave of a game that started at the
// given time.
func (s Store) Name(started time.Time, scenarioID string) string {
	return filepath.Join(s.Dir, started.UTC().Format("20060102-150405")+"-"+scenarioID+".json")
}

// Latest returns the newest autosave, or ok false when there is none.
func (s Store) Latest() (latest Entry, ok bool) {
	return s.latest(platform())
}

func (s Store) latest(sh shelf) (Entry, bool) {
	saves := list(sh, s.Dir)
	if len(saves) == 0 {
		return Entry{}, false
	}
	return saves[len(saves)-1], true
}

// Write saves a game to path (an autosave or any other save) atomically.
// When the storage is full (the browser's quota) it removes the store's
// oldest autosaves, one at a time, until the save fits, but never the one
// at path nor the newest; when the save cannot fit, it says so and the old
// save at path is kept.
func (s Store) Write(path string, g *Game) error {
	return s.write(platform(), path, g)
}

func (s Store) write(sh shelf, path string, g *Game) error {
	data, err := Encode(g)
	if err != nil {
		return err
	}
	name := filepath.Base(path)
	for {
		err := sh.write(path, data, g.Saved)
		switch {
		case err == nil:
			return nil
		case !errors.Is(err, webstorage.ErrFull):
			return fmt.Errorf("cannot save %s: %w", name, err)
		}
		old, ok := s.oldest(sh, path)
		if !ok {
			return fmt.Errorf("cannot save %s: %w, even with the older autosaves removed; no save was overwritten", name, webstorage.ErrFull)
		}
		if err := sh.remove(old); err != nil {
			return fmt.Errorf("cannot save %s: the storage is full, and the oldest autosave would not go: %w", name, err)
		}
	}
}

// oldest returns the oldest autosave that may go to make room for a save
// at path: neither that one nor the newest (the last game, which the menu
// offers to continue).
func (s Store) oldest(sh shelf, path string) (string, bool) {
	saves := list(sh, s.Dir)
	for _, e := range saves[:max(len(saves)-1, 0)] {
		if e.Path != path {
			return e.Path, true
		}
	}
	return "", false
}

// Prune removes the oldest autosaves beyond Keep and what interrupted
// writes left behind.
func (s Store) Prune() { s.prune(platform()) }

func (s Store) prune(sh shelf) {
	if s.Dir == "" {
		return
	}
	sh.tidy(s.Dir)
	saves := list(sh, s.Dir)
	for s.Keep > 0 && len(saves) > s.Keep {
		sh.remove(saves[0].Path)
		saves = saves[1:]
	}
}
