package game

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/deconflict/deconflict/game/options"
	"github.com/deconflict/deconflict/game/session"
	"github.com/deconflict/deconflict/game/view"
	"github.com/deconflict/deconflict/internal/infile"
	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// source is a scenario file: its name (for error positions) and text.
type source struct {
	Name string
	Data []byte
}

// findScenario reads an embedded scenario by id, or a TOML file by path.
func findScenario(idOrPath string) (source, error) {
	if f, ok := scenarios.Lookup(idOrPath); ok {
		return source{f.Name, f.Data}, nil
	}
	data, err := infile.ReadFile(idOrPath, scenario.MaxFileSize)
	if err != nil {
		var ids []string
		for _, f := range scenarios.Files() {
			ids = append(ids, strings.TrimSuffix(f.Name, ".toml"))
		}
		return source{}, fmt.Errorf("no scenario %q: not an embedded one (%s) nor a readable file: %w", idOrPath, strings.Join(ids, ", "), err)
	}
	return source{filepath.Base(idOrPath), data}, nil
}

// parseOverrides turns KEY=VALUE strings into overrides, numbered in order.
func parseOverrides(args []string) ([]scenario.Override, error) {
	var out []scenario.Override
	for i, a := range args {
		o, err := scenario.ParseOverride(a)
		if err != nil {
			return nil, err
		}
		o.Arg = i + 1
		out = append(out, o)
	}
	return out, nil
}

// ParseRole maps "spectator" or an actor id to a role.
func ParseRole(s string) (sim.Actor, error) {
	if err := options.CheckRole(s); err != nil {
		return 0, err
	}
	if s == options.Spectator {
		return session.Spectator, nil
	}
	a, _ := sim.ParseActor(s)
	return a, nil
}

// gameSetup is what starts a game.
type gameSetup struct {
	src       source
	sc        *sim.Scenario
	role      sim.Actor
	seats     []sim.Actor // hot seat: the roles whose players take turns (role is the first), else nil
	seed      uint64
	overrides []string
}

// hotSeat makes the setup a hot-seat game of seats, each a deciding actor
// of the scenario.
func (s *gameSetup) hotSeat(seats []sim.Actor) error {
	for _, a := range seats {
		if a == session.Spectator || !s.sc.Actors[a].Present || !view.Decides(a) {
			return fmt.Errorf("%s cannot take a seat: it makes no decisions in %s", view.RoleName(a), s.sc.Name)
		}
	}
	s.seats, s.role = seats, seats[0]
	return nil
}

// loadSetup loads a scenario with overrides for a role.
func loadSetup(src source, role sim.Actor, seed uint64, overrides []string) (gameSetup, error) {
	ovs, err := parseOverrides(overrides)
	if err != nil {
		return gameSetup{}, err
	}
	sc, err := scenario.Load(src.Name, src.Data, ovs)
	if err != nil {
		return gameSetup{}, err
	}
	if role == defaultRole {
		role = sc.DefaultRole
	}
	if role != session.Spectator && !sc.Actors[role].Present {
		return gameSetup{}, fmt.Errorf("%s takes no part in %s", role.Name(), sc.Name)
	}
	if seed >= 1<<53 {
		return gameSetup{}, fmt.Errorf("seed %d is not below 2^53", seed)
	}
	return gameSetup{src: src, sc: sc, role: role, seed: seed, overrides: overrides}, nil
}

// startFromOptions starts the game the command line asks for.
func (g *Game) startFromOptions() (*Play, error) {
	setup, err := g.setupFromOptions()
	if err != nil {
		return nil, err
	}
	if len(g.opt.Seats) > 0 {
		seats, err := parseSeats(g.opt.Seats)
		if err != nil {
			return nil, err
		}
		if err := setup.hotSeat(seats); err != nil {
			return nil, err
		}
	}
	return g.newPlay(setup, session.Live)
}

// setupFromOptions loads the scenario the command line names, with its
// role, seed and overrides.
func (g *Game) setupFromOptions() (gameSetup, error) {
	src, err := findScenario(g.opt.Scenario)
	if err != nil {
		return gameSetup{}, err
	}
	role, err := g.roleFromOptions()
	if err != nil {
		return gameSetup{}, err
	}
	return loadSetup(src, role, g.opt.Seed, g.opt.Overrides)
}

// parseSeats maps --seats's actor ids to actors.
func parseSeats(ids []string) ([]sim.Actor, error) {
	seats := make([]sim.Actor, 0, len(ids))
	for _, id := range ids {
		a, ok := sim.ParseActor(id)
		if !ok {
			return nil, fmt.Errorf("no actor %q", id)
		}
		seats = append(seats, a)
	}
	return seats, nil
}

// roleFromOptions returns the role the command line names, or defaultRole
// when it names none (the scenario then suggests one).
func (g *Game) roleFromOptions() (sim.Actor, error) {
	if g.opt.Role == "" {
		return defaultRole, nil
	}
	return ParseRole(g.opt.Role)
}

// defaultRole asks loadSetup for the role the scenario is made for.
const defaultRole sim.Actor = sim.NumActors

// newPlay starts a new game on the play screen.
func (g *Game) newPlay(setup gameSetup, mode session.Mode) (*Play, error) {
	var s *session.Session
	var err error
	if len(setup.seats) > 0 {
		s, err = session.NewHotSeat(setup.sc, setup.seed, setup.seats)
	} else {
		s, err = session.New(setup.sc, setup.seed, setup.role, mode)
	}
	if err != nil {
		return nil, err
	}
	return newPlay(g, s, setup.overrides, playLive), nil
}
