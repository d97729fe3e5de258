package netplay

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/deconflict/deconflict/internal/atomicfile"
	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim/replay"
)

// Files a game keeps in its directory.
const (
	gameFile    = "game.json"     // the setup and the seat codes, written once
	journalFile = "journal.jsonl" // every input the game consumed, appended line by line
	replayFile  = "replay.jsonl"  // the finished game as a replay (deconflict-sim replay checks it)
)

// gameFormat marks a game file.
const gameFormat = "deconflict-served-game"

// Setup is what a served game is made of: enough to start it again.
type Setup struct {
	Format        string     `json:"format"`
	Version       int        `json:"version"`
	Engine        string     `json:"engine"`
	ScenarioID    string     `json:"scenario_id"`
	Scenario      string     `json:"scenario"` // canonical TOML, overrides applied
	Seed          uint64     `json:"seed"`
	Overrides     []string   `json:"overrides"`
	Seats         []SeatCode `json:"seats"`
	TurnTimeoutMS int64      `json:"turn_timeout_ms,omitempty"`
}

// SeatCode is a seat's role and its secret code.
type SeatCode struct {
	Role string `json:"role"`
	Code string `json:"code"`
}

// codeBytes is the number of random bytes in a seat code: 128 bits, written
// as 22 URL-safe base64 characters.
const codeBytes = 16

// NewCode returns a fresh, unguessable seat code.
func NewCode() (string, error) {
	b := make([]byte, codeBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("seat code: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// entry is one journal line: an input the game consumed, at the stop it
// was consumed.
type entry struct {
	Kind   string               `json:"kind"` // start, orders, timeout, pause, resume, inject, takeover
	Stop   int64                `json:"stop"`
	Role   string               `json:"role,omitempty"`
	By     string               `json:"by,omitempty"`
	Orders []netproto.WireOrder `json:"orders,omitempty"`
	Done   bool                 `json:"done,omitempty"`
	Event  string               `json:"event,omitempty"`
}

// store is a game's directory.
type store struct {
	dir     string
	journal *os.File
}

// Exists reports whether dir holds a game.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, gameFile))
	return err == nil
}

// create makes dir (private: the codes are secrets) and writes the setup.
func create(dir string, s *Setup) (*store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("game directory: %w", err)
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("game setup: %w", err)
	}
	path := filepath.Join(dir, gameFile)
	if err := atomicfile.WriteFile(path, append(data, '\n')); err != nil {
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, fmt.Errorf("game setup: %w", err)
	}
	return openJournal(dir)
}

// LoadSetup reads a game directory's setup.
func LoadSetup(dir string) (*Setup, error) {
	path := filepath.Join(dir, gameFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("resume: %w", err)
	}
	var s Setup
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("resume: %s: %w", path, err)
	}
	if s.Format != gameFormat || s.Version != 1 {
		return nil, fmt.Errorf("resume: %s is not a served game of format version 1", path)
	}
	return &s, nil
}

func openJournal(dir string) (*store, error) {
	f, err := os.OpenFile(filepath.Join(dir, journalFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return &store{dir: dir, journal: f}, nil
}

// readJournal reads the journal's whole lines. A last line cut short by a
// crash is dropped and cut from the file, so appends go on after the last
// whole line; a corrupt line elsewhere is an error.
func readJournal(dir string) ([]entry, error) {
	path := filepath.Join(dir, journalFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	var out []entry
	good := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 1<<16), 4*netproto.MaxMessage)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		end := good + len(line) + 1
		var e entry
		if err := json.Unmarshal(line, &e); err != nil || end > len(data) {
			if end >= len(data) { // the last line, cut short
				break
			}
			return nil, fmt.Errorf("journal %s:%d: corrupt line: %v", path, n, err)
		}
		out = append(out, e)
		good = end
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("journal %s: %w", path, err)
	}
	if good < len(data) {
		if err := os.Truncate(path, int64(good)); err != nil {
			return nil, fmt.Errorf("journal: drop the cut line: %w", err)
		}
	}
	return out, nil
}

// append writes one entry as a line and syncs it to disk before returning.
func (s *store) append(e *entry) error {
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if _, err := s.journal.Write(append(data, '\n')); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := s.journal.Sync(); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// writeReplay writes the finished game's replay.
func (s *store) writeReplay(rp *replay.Replay) error {
	return atomicfile.Write(filepath.Join(s.dir, replayFile), func(w io.Writer) error { return replay.Write(w, rp) })
}

func (s *store) close() error { return s.journal.Close() }
