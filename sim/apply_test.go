package sim

import "testing"

// The cool-down's refusal counts turns from 1 and never names a turn after
// the scenario's end.
func TestCooldownText(t *testing.T) {
	cases := []struct {
		turn, last, cool, turns int32
		want                    string
	}{
		// sent on turn index 3, cool-down 4: carries weight again at index 7, shown as turn 8
		{3, 3, 4, 31, "Tehran heard from Washington this turn; another message carries weight from turn 8"},
		{4, 3, 4, 31, "Tehran heard from Washington last turn; another message carries weight from turn 8"},
		{6, 3, 4, 31, "Tehran heard from Washington 3 turns ago; another message carries weight from turn 8"},
		// sent on index 29 of 31, cool-down 7: index 36 lies past the last turn (index 30)
		{30, 29, 7, 31, "Tehran heard from Washington last turn; no other message will carry weight before the scenario ends"},
		// index 30 is the last turn: still in time
		{27, 26, 4, 31, "Tehran heard from Washington last turn; another message carries weight from turn 31"},
	}
	for _, c := range cases {
		if got := cooldownText(c.turn, c.last, c.cool, c.turns); got != c.want {
			t.Errorf("cooldownText(%d, %d, %d, %d) = %q, want %q", c.turn, c.last, c.cool, c.turns, got, c.want)
		}
	}
}
