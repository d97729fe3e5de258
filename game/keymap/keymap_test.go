package keymap

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// clashes returns a pair of actions that share a key while their contexts
// overlap, if the keymap has one.
func clashes(m Keymap) (Action, Action, Key, bool) {
	for a := Action(0); a < NumActions; a++ {
		for _, k := range m.Keys(a) {
			if b, ok := m.Holder(a, k); ok {
				return a, b, k, true
			}
		}
	}
	return 0, 0, "", false
}

// The defaults are the keys the game always had, written as the footer
// and the help write them, with no key doing two things at once (the
// digits answer a player and set a spectator's speed, never both).
func TestDefault(t *testing.T) {
	m := Default()
	for _, c := range []struct {
		a    Action
		want string
	}{
		{EndTurn, "Space"},
		{NextDecision, "Enter or Num Enter"},
		{Undo, "Ctrl+Z"},
		{ZoomIn, "= or Num +"},
		{ZoomOut, "- or Num −"},
		{PanLeft, "←"},
		{ShowAll, "Home"},
		{Help, "F1"},
		{Save, "F5"},
		{Fullscreen, "F11"},
		{Answer3, "3"},
		{Speed0, "0"},
	} {
		if got := m.Labels(c.a); got != c.want {
			t.Errorf("%s: %q, want %q", c.a.ID(), got, c.want)
		}
	}
	if got := m.Range(Answer1, Answer9); got != "1–9" {
		t.Errorf("answers: %q, want 1–9", got)
	}
	if got := m.Range(Speed0, Speed5); got != "0–5" {
		t.Errorf("speeds: %q, want 0–5", got)
	}
	if got := m.Range(PanLeft, PanDown); got != "← → ↑ ↓" {
		t.Errorf("pan: %q", got)
	}
	if a, b, k, ok := clashes(m); ok {
		t.Errorf("defaults: %s and %s share %s", a.ID(), b.ID(), k)
	}
	if !m.Pressed(Undo, "Ctrl+Z") || m.Pressed(Undo, "Z") {
		t.Error("undo wants Ctrl+Z, not Z alone")
	}
}

// Bind replaces an action's keys, and refuses a key in use at the same
// time (saying by what), Esc, Tab and keys that cannot be bound, leaving
// the keymap as it was.
func TestBind(t *testing.T) {
	m := Default()
	if err := m.Bind(NextDecision, "N"); err != nil {
		t.Fatal(err)
	}
	if m.Label(NextDecision) != "N" || !m.Pressed(NextDecision, "N") || m.Pressed(NextDecision, "Enter") {
		t.Errorf("next decision after binding N: %q", m.Labels(NextDecision))
	}
	for _, c := range []struct {
		a    Action
		k    Key
		want string // in the refusal
	}{
		{ZoomIn, "Digit1", "1 already does “Choose answer 1”"},
		{Answer1, "Space", "Space already does “End the turn"},
		{Speed0, "Digit1", "1 already does “Spectator speed: 1×”"},
		{Save, "Ctrl+Z", "Ctrl+Z already does “Undo your last order”"},
		{Help, "N", "N already does “Next decision"},
		{Help, "Escape", "Esc is kept"},
		{Help, "Tab", "Tab is kept"},
		{Help, "Shift", "cannot be bound"},
		{Help, "F13", "cannot be bound"},
		{Help, "", "cannot be bound"},
	} {
		before := m
		err := m.Bind(c.a, c.k)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("bind %s to %q: %v, want an error with %q", c.a.ID(), c.k, err, c.want)
		}
		if m != before {
			t.Errorf("a refused binding of %s changed the keymap", c.a.ID())
		}
	}
	// a key in another context is free: 9 answers a player, and may pause a spectator
	if err := m.Bind(Speed0, "Digit9"); err != nil {
		t.Errorf("speed 0 on 9: %v", err)
	}
	// Z alone is not Ctrl+Z
	if err := m.Bind(Save, "Z"); err != nil {
		t.Errorf("save on Z: %v", err)
	}
	if err := m.Bind(Answer3, "Q"); err != nil {
		t.Fatal(err)
	}
	if got := m.Range(Answer1, Answer9); got != "1 2 Q 4 5 6 7 8 9" {
		t.Errorf("answers after binding Q to the third: %q", got)
	}
	// rebinding an action to its own key is no clash
	if err := m.Bind(Answer3, "Q"); err != nil {
		t.Errorf("Q again: %v", err)
	}
	if a, b, k, ok := clashes(m); ok {
		t.Errorf("after binding: %s and %s share %s", a.ID(), b.ID(), k)
	}
}

// A keymap comes back from its saved form as it was.
func TestSavedRoundTrip(t *testing.T) {
	m := Default()
	for _, b := range []struct {
		a Action
		k Key
	}{{NextDecision, "N"}, {Help, "H"}, {Undo, "Ctrl+U"}, {ZoomIn, "PageUp"}} {
		if err := m.Bind(b.a, b.k); err != nil {
			t.Fatal(err)
		}
	}
	got, problems := FromSaved(m.Saved())
	if len(problems) > 0 || got != m {
		t.Errorf("round trip: %v, problems %v", got.Saved(), problems)
	}
	if d, problems := FromSaved(nil); d != Default() || len(problems) > 0 {
		t.Errorf("no saved keys (a file from before keys could be bound): %v, %v", d.Saved(), problems)
	}
}

// A damaged saved keymap keeps what it can, falls back to the defaults
// for the rest, says what it repaired, and never binds a key twice.
func TestFromSavedDamaged(t *testing.T) {
	for _, c := range []struct {
		name    string
		saved   map[string][]string
		check   func(Keymap) string // "" when right
		problem string
	}{
		{"unknown key", map[string][]string{"help": {"Bogus"}, "save": {"S"}},
			func(m Keymap) string { return expect(m, Help, "F1") + expect(m, Save, "S") }, "help"},
		{"Esc", map[string][]string{"help": {"Escape"}},
			func(m Keymap) string { return expect(m, Help, "F1") }, "Esc is kept"},
		{"too many keys", map[string][]string{"zoom-in": {"A", "B", "C"}},
			func(m Keymap) string { return expect(m, ZoomIn, "= or Num +") }, "3 keys"},
		{"two actions on one key", map[string][]string{"help": {"N"}, "save": {"N"}},
			func(m Keymap) string { return expect(m, Help, "N") + expect(m, Save, "F5") }, "already bound to help"},
		{"a saved key takes a default's", map[string][]string{"zoom-in": {"Space"}},
			func(m Keymap) string { return expect(m, ZoomIn, "Space") + expect(m, EndTurn, "unbound") }, "left unbound"},
		{"unknown action", map[string][]string{"launch-nukes": {"L"}},
			func(m Keymap) string { return expect(m, Help, "F1") }, "launch-nukes"},
		{"no keys: unbound by choice", map[string][]string{"fullscreen": {}},
			func(m Keymap) string { return expect(m, Fullscreen, "unbound") }, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, problems := FromSaved(c.saved)
			if msg := c.check(m); msg != "" {
				t.Error(msg)
			}
			all := ""
			for _, p := range problems {
				all += p.Error() + "\n"
			}
			if (c.problem == "") != (len(problems) == 0) || !strings.Contains(all, c.problem) {
				t.Errorf("problems %q, want one with %q", all, c.problem)
			}
			if a, b, k, ok := clashes(m); ok {
				t.Errorf("%s and %s share %s", a.ID(), b.ID(), k)
			}
		})
	}
}

func expect(m Keymap, a Action, want string) string {
	if got := m.Labels(a); got != want {
		return a.ID() + " is " + got + ", want " + want + "; "
	}
	return ""
}

// Whatever a settings file holds, the keymap read from it binds no key to
// two actions that work at the same time.
func TestFromSavedNeverClashes(t *testing.T) {
	names := []string{"A", "N", "Space", "Enter", "Digit1", "Digit5", "Digit9", "F1", "F5", "Ctrl+Z", "Z", "Escape", "Tab", "Bogus", "ArrowLeft", "Home"}
	rapid.Check(t, func(t *rapid.T) {
		saved := map[string][]string{}
		for a := Action(0); a < NumActions; a++ {
			if rapid.Bool().Draw(t, "saved "+a.ID()) {
				saved[a.ID()] = rapid.SliceOfN(rapid.SampledFrom(names), 0, 3).Draw(t, a.ID())
			}
		}
		m, _ := FromSaved(saved)
		if a, b, k, ok := clashes(m); ok {
			t.Fatalf("%s and %s share %s", a.ID(), b.ID(), k)
		}
	})
}
