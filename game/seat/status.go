package seat

import (
	"strings"

	"github.com/deconflict/deconflict/internal/netproto"
)

// Line words one seat for the list of seats: its role, whether its player
// is connected, and who answers for it when not its player.
func Line(info netproto.SeatInfo) string {
	state := "not connected"
	if info.Connected {
		state = "connected"
	}
	switch info.By {
	case netproto.ByAI:
		state += ", played by the AI"
	case netproto.ByUmpire:
		state += ", played by the umpire"
	}
	return info.Role + ": " + state
}

// Situation words where the game stands for the seat, for the line under
// the play screen; bad says it is trouble (the server cannot be reached).
func (s *Session) Situation() (msg string, bad bool) {
	st := s.c.Status()
	switch {
	case st.Refused != nil:
		return st.Refused.Error(), true
	case st.Over != nil:
		return "The game is over: " + st.Over.Outcome + ".", false
	case !st.Connected:
		return st.Gone, true
	case st.Observe == nil:
		return "", false
	case st.Paused:
		return "The umpire has paused the game.", false
	case s.Waiting():
		return "Your turn: the game waits for your answers.", false
	}
	var names []string
	for _, role := range st.Waiting {
		name := role
		for _, info := range st.Seats {
			if info.Role == role && !info.Connected {
				name += " (not connected)"
			}
		}
		names = append(names, name)
	}
	if len(names) > 0 {
		return "The game waits for " + strings.Join(names, ", ") + ".", false
	}
	return "The other sides are moving…", false
}
