package settings

import (
	"strings"
	"testing"

	"github.com/deconflict/deconflict/game/keymap"
)

// A file written before keys could be bound keeps its preferences and
// gets the default keys, with nothing to report.
func TestParseOldFile(t *testing.T) {
	s, problems := Parse([]byte(`{"ui_scale": 1.2, "fullscreen": true, "guide_done": true, "colour_blind": true}`))
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	want := Settings{UIScale: 1.2, Fullscreen: true, GuideDone: true, ColourBlind: true, Keys: keymap.Default()}
	if s != want {
		t.Errorf("read %+v, want %+v", s, want)
	}
}

// A damaged file gives what can still be read and says what fell back.
func TestParseDamaged(t *testing.T) {
	for _, c := range []struct {
		name, data string
		want       Settings
		problem    string
	}{
		{"cut short", `{"ui_scale": 1.2, "fullscr`, Defaults(), "not readable"},
		{"not JSON", "\x00\x01garbage", Defaults(), "not readable"},
		{"empty", "", Defaults(), "not readable"},
		{"scale out of range", `{"ui_scale": 7, "colour_blind": true}`,
			Settings{UIScale: 1, ColourBlind: true, Keys: keymap.Default()}, "interface scale 7"},
		{"no scale (0)", `{"guide_done": true}`,
			Settings{UIScale: 1, GuideDone: true, Keys: keymap.Default()}, "interface scale 0"},
		{"a bad key", `{"ui_scale": 1.1, "keys": {"help": ["Nonsense"], "save": ["S"]}}`,
			Settings{UIScale: 1.1, Keys: bound(t, keymap.Save, "S")}, "help"},
		{"keys of the wrong type", `{"ui_scale": 1.1, "keys": {"help": "F1"}}`, Defaults(), "not readable"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, problems := Parse([]byte(c.data))
			if s != c.want {
				t.Errorf("read %+v, want %+v", s, c.want)
			}
			if len(problems) == 0 || !strings.Contains(problems[0].Error(), c.problem) {
				t.Errorf("problems %v, want one with %q", problems, c.problem)
			}
		})
	}
}

// bound is the default keymap with one action rebound.
func bound(t *testing.T, a keymap.Action, k keymap.Key) keymap.Keymap {
	t.Helper()
	m := keymap.Default()
	if err := m.Bind(a, k); err != nil {
		t.Fatal(err)
	}
	return m
}

// Settings written come back as they were, and the file names each binding.
func TestMarshalRoundTrip(t *testing.T) {
	s := Defaults()
	s.UIScale, s.ColourBlind, s.GuideDone = 1.3, true, true
	s.Keys = bound(t, keymap.NextDecision, "N")
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if got, problems := Parse(data); got != s || len(problems) > 0 {
		t.Errorf("read back %+v (%v), want %+v", got, problems, s)
	}
	if !strings.Contains(string(data), `"next-decision": [`) || !strings.Contains(string(data), `"N"`) {
		t.Errorf("the file does not name the binding:\n%s", data)
	}
}
