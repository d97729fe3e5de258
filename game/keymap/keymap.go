// Package keymap holds the play screen's key bindings: the actions a player
// can bind, their default keys, the rule that no key does two things at
// once, and the bindings' saved form. It has no graphics dependency, so the
// rules are tested without a display; keys are named as Ebiten names them.
package keymap

import (
	"fmt"
	"strings"
)

// Key is one key as Ebiten names it ("A", "Digit1", "ArrowLeft", "F5"),
// with "Ctrl+" in front when it is pressed with Control (or Command).
type Key string

// ctrlPrefix marks a key pressed with Control (or Command).
const ctrlPrefix = "Ctrl+"

// WithCtrl returns the key name as pressed with Control when ctrl is set.
func WithCtrl(name string, ctrl bool) Key {
	if ctrl {
		return Key(ctrlPrefix + name)
	}
	return Key(name)
}

// Ctrl reports whether the key is pressed with Control (or Command).
func (k Key) Ctrl() bool { return strings.HasPrefix(string(k), ctrlPrefix) }

// Name is the key's Ebiten name, without the modifier.
func (k Key) Name() string { return strings.TrimPrefix(string(k), ctrlPrefix) }

// Label is the key as the footer and the help write it: "Space", "1",
// "←", "Num +", "Ctrl+Z".
func (k Key) Label() string {
	l, _ := label(k.Name())
	if k.Ctrl() {
		return ctrlPrefix + l
	}
	return l
}

// Check reports why a key cannot be bound, or nil. Esc (the pause menu and
// "back") and Tab (moving the focus) are fixed, and so are the modifier
// keys on their own.
func (k Key) Check() error {
	switch k.Name() {
	case "Escape":
		return fmt.Errorf("Esc is kept for the pause menu and for going back")
	case "Tab":
		return fmt.Errorf("Tab is kept for moving between buttons")
	}
	if _, ok := label(k.Name()); !ok {
		return fmt.Errorf("the key %q cannot be bound", string(k))
	}
	return nil
}

// label is the written form of a bindable key name; ok is false for a
// name that cannot be bound.
func label(name string) (string, bool) {
	switch {
	case len(name) == 1 && name[0] >= 'A' && name[0] <= 'Z':
		return name, true
	case len(name) == 6 && strings.HasPrefix(name, "Digit") && name[5] >= '0' && name[5] <= '9':
		return name[5:], true
	case len(name) == 7 && strings.HasPrefix(name, "Numpad") && name[6] >= '0' && name[6] <= '9':
		return "Num " + name[6:], true
	case len(name) >= 2 && len(name) <= 3 && name[0] == 'F' && name[1] >= '1' && name[1] <= '9':
		n := 0
		fmt.Sscanf(name[1:], "%d", &n)
		if fmt.Sprintf("F%d", n) == name && n <= 12 {
			return name, true
		}
		return "", false
	}
	switch name {
	case "ArrowLeft":
		return "←", true
	case "ArrowRight":
		return "→", true
	case "ArrowUp":
		return "↑", true
	case "ArrowDown":
		return "↓", true
	case "Space", "Enter", "Home", "End", "Insert", "Delete", "Backspace":
		return name, true
	case "PageUp":
		return "Page Up", true
	case "PageDown":
		return "Page Down", true
	case "NumpadEnter":
		return "Num Enter", true
	case "NumpadAdd":
		return "Num +", true
	case "NumpadSubtract":
		return "Num −", true
	case "NumpadMultiply":
		return "Num *", true
	case "NumpadDivide":
		return "Num /", true
	case "Equal":
		return "=", true
	case "Minus":
		return "-", true
	case "Comma":
		return ",", true
	case "Period":
		return ".", true
	case "Slash":
		return "/", true
	case "Semicolon":
		return ";", true
	case "Quote":
		return "'", true
	case "BracketLeft":
		return "[", true
	case "BracketRight":
		return "]", true
	case "Backslash":
		return `\`, true
	case "Backquote":
		return "`", true
	}
	return "", false
}

// Context is when an action's keys work: whether a player who decides, a
// spectator, or both can use them. Two actions may share a key only when
// their contexts never hold at once.
type Context uint8

// The contexts.
const (
	Always   Context = iota // both players and spectators
	Deciding                // a player with decisions to make
	Watching                // a spectator
)

// overlaps reports whether two contexts can hold at once.
func (c Context) overlaps(d Context) bool { return c == Always || d == Always || c == d }

// Action is something a key does on the play screen.
type Action uint8

// The actions, in the order the keys screen lists them.
const (
	EndTurn      Action = iota // end the turn (a spectator: play or pause)
	NextDecision               // skip ahead to the next decision (a spectator: the next event)
	Answer1                    // Answer1 + i chooses answer i+1 of the first open decision
	Answer2
	Answer3
	Answer4
	Answer5
	Answer6
	Answer7
	Answer8
	Answer9
	Undo   // take back the last order of the turn
	Speed0 // Speed0 + i sets the spectator's speed i (pause, 1×, 4×, 16×, 64×, max)
	Speed1
	Speed2
	Speed3
	Speed4
	Speed5
	PanLeft
	PanRight
	PanUp
	PanDown
	ZoomIn
	ZoomOut
	ShowAll // zoom out to all of Syria
	Help
	Save
	Fullscreen
	NumActions
)

// MaxKeys is how many keys one action can have.
const MaxKeys = 2

// info describes an action: its id in the settings file, its name on the
// keys screen, its context and default keys.
type info struct {
	id, name string
	ctx      Context
	keys     [MaxKeys]Key
}

// describe returns what the keys screen and the settings file say of an
// action.
func describe(a Action) info {
	switch {
	case a >= Answer1 && a <= Answer9:
		n := int(a-Answer1) + 1
		return info{fmt.Sprintf("answer-%d", n), fmt.Sprintf("Choose answer %d", n), Deciding, [MaxKeys]Key{Key(fmt.Sprintf("Digit%d", n))}}
	case a >= Speed0 && a <= Speed5:
		n := int(a - Speed0)
		words := [...]string{"pause", "1×", "4×", "16×", "64×", "as fast as it goes"}
		return info{fmt.Sprintf("speed-%d", n), "Spectator speed: " + words[n], Watching, [MaxKeys]Key{Key(fmt.Sprintf("Digit%d", n))}}
	}
	switch a {
	case EndTurn:
		return info{"end-turn", "End the turn (spectator: play or pause)", Always, [MaxKeys]Key{"Space"}}
	case NextDecision:
		return info{"next-decision", "Next decision (spectator: next event)", Always, [MaxKeys]Key{"Enter", "NumpadEnter"}}
	case Undo:
		return info{"undo", "Undo your last order", Deciding, [MaxKeys]Key{"Ctrl+Z"}}
	case PanLeft:
		return info{"pan-left", "Pan the map left", Always, [MaxKeys]Key{"ArrowLeft"}}
	case PanRight:
		return info{"pan-right", "Pan the map right", Always, [MaxKeys]Key{"ArrowRight"}}
	case PanUp:
		return info{"pan-up", "Pan the map up", Always, [MaxKeys]Key{"ArrowUp"}}
	case PanDown:
		return info{"pan-down", "Pan the map down", Always, [MaxKeys]Key{"ArrowDown"}}
	case ZoomIn:
		return info{"zoom-in", "Zoom in", Always, [MaxKeys]Key{"Equal", "NumpadAdd"}}
	case ZoomOut:
		return info{"zoom-out", "Zoom out", Always, [MaxKeys]Key{"Minus", "NumpadSubtract"}}
	case ShowAll:
		return info{"show-all", "Show all of Syria", Always, [MaxKeys]Key{"Home"}}
	case Help:
		return info{"help", "Help", Always, [MaxKeys]Key{"F1"}}
	case Save:
		return info{"save", "Save the game", Always, [MaxKeys]Key{"F5"}}
	case Fullscreen:
		return info{"fullscreen", "Full screen", Always, [MaxKeys]Key{"F11"}}
	}
	return info{id: fmt.Sprintf("action-%d", a), name: "?"}
}

// ID is the action's name in the settings file.
func (a Action) ID() string { return describe(a).id }

// Name is the action as the keys screen lists it.
func (a Action) Name() string { return describe(a).name }

// Context is when the action's keys work.
func (a Action) Context() Context { return describe(a).ctx }

// Keymap binds each action to up to MaxKeys keys, no key doing two things
// at once. The zero Keymap binds nothing; Default binds the usual keys.
type Keymap struct {
	keys [NumActions][MaxKeys]Key
}

// Default is the keymap the game comes with.
func Default() Keymap {
	var m Keymap
	for a := Action(0); a < NumActions; a++ {
		m.keys[a] = describe(a).keys
	}
	return m
}

// Keys returns the keys bound to an action.
func (m Keymap) Keys(a Action) []Key {
	var out []Key
	for _, k := range m.keys[a] {
		if k != "" {
			out = append(out, k)
		}
	}
	return out
}

// Label is the first key bound to an action as the footer writes it, or
// "unbound".
func (m Keymap) Label(a Action) string {
	if k := m.keys[a][0]; k != "" {
		return k.Label()
	}
	return "unbound"
}

// Labels are all the keys of an action, as the help and the keys screen
// write them: "= or Num +".
func (m Keymap) Labels(a Action) string {
	var ls []string
	for _, k := range m.Keys(a) {
		ls = append(ls, k.Label())
	}
	if len(ls) == 0 {
		return "unbound"
	}
	return strings.Join(ls, " or ")
}

// Range writes a run of actions by their first keys: "1–9" when they are
// digits that follow on, else each key ("← → ↑ ↓", "1 2 Q 4"): for the
// footer's "1–9: choose".
func (m Keymap) Range(first, last Action) string {
	var ls []string
	run := true
	for x := first; x <= last; x++ {
		l := m.Label(x)
		run = run && len(l) == 1 && l[0] >= '0' && l[0] <= '9' && (x == first || l[0] == ls[len(ls)-1][0]+1)
		ls = append(ls, l)
	}
	if run && len(ls) > 2 {
		return ls[0] + "–" + ls[len(ls)-1]
	}
	return strings.Join(ls, " ")
}

// Pressed reports whether a key pressed this tick does the action.
func (m Keymap) Pressed(a Action, pressed Key) bool {
	for _, k := range m.keys[a] {
		if k != "" && k == pressed {
			return true
		}
	}
	return false
}

// Holder returns the action other than a whose keys include k and whose
// context overlaps a's: the action binding k to a would clash with.
func (m Keymap) Holder(a Action, k Key) (Action, bool) {
	for b := Action(0); b < NumActions; b++ {
		if b == a || !a.Context().overlaps(b.Context()) {
			continue
		}
		for _, bk := range m.keys[b] {
			if bk == k {
				return b, true
			}
		}
	}
	return 0, false
}

// Bind makes k the only key of action a. It refuses, with a message the
// keys screen shows, a key that cannot be bound or one another action
// already uses at the same time.
func (m *Keymap) Bind(a Action, k Key) error {
	if a >= NumActions {
		return fmt.Errorf("no action %d", a)
	}
	if err := k.Check(); err != nil {
		return err
	}
	if b, ok := m.Holder(a, k); ok {
		return fmt.Errorf("%s already does “%s”: give that another key first", k.Label(), b.Name())
	}
	m.keys[a] = [MaxKeys]Key{k}
	return nil
}

// Saved is the keymap as the settings file keeps it: each action's id and
// its keys' names.
func (m Keymap) Saved() map[string][]string {
	out := make(map[string][]string, NumActions)
	for a := Action(0); a < NumActions; a++ {
		names := []string{}
		for _, k := range m.Keys(a) {
			names = append(names, string(k))
		}
		out[a.ID()] = names
	}
	return out
}

// FromSaved reads a saved keymap. An action the file does not name keeps
// its default keys (a settings file from before keys could be bound has
// none); an entry with a key that cannot be bound, too many keys, or a key
// another action's entry already took falls back to the defaults, and a
// default that would clash with a saved binding is left unbound. Each such
// repair is reported; the keymap returned never binds a key twice.
func FromSaved(saved map[string][]string) (Keymap, []error) {
	var m Keymap
	var problems []error
	byID := make(map[string]Action, NumActions)
	for a := Action(0); a < NumActions; a++ {
		byID[a.ID()] = a
	}
	for id := range saved {
		if _, ok := byID[id]; !ok {
			problems = append(problems, fmt.Errorf("keys: no action %q (ignored)", id))
		}
	}
	fallback := make([]Action, 0, NumActions)
	for a := Action(0); a < NumActions; a++ {
		names, ok := saved[a.ID()]
		if !ok {
			fallback = append(fallback, a)
			continue
		}
		if err := m.place(a, names); err != nil {
			problems = append(problems, fmt.Errorf("keys: %s: %w; using the default", a.ID(), err))
			fallback = append(fallback, a)
		}
	}
	for _, a := range fallback {
		for _, k := range describe(a).keys {
			if k == "" {
				continue
			}
			if b, ok := m.Holder(a, k); ok {
				problems = append(problems, fmt.Errorf("keys: %s: its default %s is taken by %s; left unbound", a.ID(), k.Label(), b.ID()))
				continue
			}
			m.add(a, k)
		}
	}
	return m, problems
}

// place binds a saved entry whole, or reports why it cannot.
func (m *Keymap) place(a Action, names []string) error {
	if len(names) > MaxKeys {
		return fmt.Errorf("%d keys, at most %d", len(names), MaxKeys)
	}
	for _, n := range names {
		k := Key(n)
		if err := k.Check(); err != nil {
			return err
		}
		if b, ok := m.Holder(a, k); ok {
			return fmt.Errorf("%s is already bound to %s", k.Label(), b.ID())
		}
	}
	m.keys[a] = [MaxKeys]Key{}
	for _, n := range names {
		m.add(a, Key(n))
	}
	return nil
}

// add binds one more key to an action (callers check there is room and no
// clash).
func (m *Keymap) add(a Action, k Key) {
	for i := range m.keys[a] {
		if m.keys[a][i] == "" || m.keys[a][i] == k {
			m.keys[a][i] = k
			return
		}
	}
}
