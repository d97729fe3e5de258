package options

import (
	"fmt"
	"net/url"
)

// FromURL turns the address of the page the browser build runs in into the
// game's command-line arguments. ?code=CODE joins that seat of the game
// served by the page's own host (over ws:// for an http page, wss:// for an
// https one), so the page that `deconflict-sim serve --web` hands out joins
// the server it came from. Without a code the page plays locally:
// ?continue resumes the last game (--continue), ?scenario=ID starts one
// (with &role=ROLE and &seed=SEED if given), and a page with neither opens
// the menu. Other parameters are ignored.
func FromURL(href string) ([]string, error) {
	u, err := url.Parse(href)
	if err != nil {
		return nil, fmt.Errorf("the page's address %q: %w", href, err)
	}
	q := u.Query()
	if !q.Has("code") {
		// a local game: ?continue, or ?scenario=ID with &role= and &seed=
		var args []string
		if q.Has("continue") {
			args = append(args, "--continue")
		}
		for _, name := range []string{"scenario", "role", "seed"} {
			if q.Has(name) {
				args = append(args, "--"+name, q.Get(name))
			}
		}
		return args, nil
	}
	code := q.Get("code")
	if code == "" {
		return nil, fmt.Errorf("the page's address %q has an empty ?code=: give the seat's code as serve printed it", href)
	}
	scheme := "ws"
	switch u.Scheme {
	case "http":
	case "https":
		scheme = "wss"
	default:
		return nil, fmt.Errorf("the page's address %q: want an http or https page, served by deconflict-sim serve", href)
	}
	return []string{"--join", scheme + "://" + u.Host, "--code", code}, nil
}
