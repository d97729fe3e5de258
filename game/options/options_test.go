package options

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	cases := []struct {
		args []string
		code int
		ok   bool
		want string // in the output
	}{
		{[]string{}, ExitOK, true, ""},
		{[]string{"--scenario", "tanf-2021", "--role", "usa", "--seed", "7", "--set", "params.standoff_km=40", "--turns", "3", "--screenshot", "x.png", "--size", "960x600"}, ExitOK, true, ""},
		{[]string{"--role", "spectator"}, ExitOK, true, ""},
		{[]string{"--join", "127.0.0.1:8080", "--code", "abc"}, ExitOK, true, ""},
		{[]string{"--join", "127.0.0.1:8080"}, ExitUsage, false, "--join and --code go together"},
		{[]string{"--code", "abc"}, ExitUsage, false, "--join and --code go together"},
		{[]string{"--join", "127.0.0.1:8080", "--code", "abc", "--scenario", "tanf-2021"}, ExitUsage, false, "takes no --scenario"},
		{[]string{"--role", "nobody"}, ExitUsage, false, "unknown role"},
		{[]string{"--seats", "usa,israel"}, ExitOK, true, ""},
		{[]string{"--continue"}, ExitOK, true, ""},
		{[]string{"--continue", "--scenario", "tanf-2021"}, ExitUsage, false, "--continue resumes the last game: it takes no --scenario"},
		{[]string{"--continue", "--join", "127.0.0.1:8080", "--code", "abc"}, ExitUsage, false, "--continue resumes the last game"},
		{[]string{"--scenario", "tanf-2021", "--seats", "usa, israel,iran"}, ExitOK, true, ""},
		{[]string{"--seats", "usa"}, ExitUsage, false, "two or more roles"},
		{[]string{"--seats", "usa,usa"}, ExitUsage, false, "usa given twice"},
		{[]string{"--seats", "usa,spectator"}, ExitUsage, false, "a spectator takes no seat"},
		{[]string{"--seats", "usa,nobody"}, ExitUsage, false, "unknown role"},
		{[]string{"--seats", "usa,israel", "--role", "usa"}, ExitUsage, false, "takes no --role"},
		{[]string{"--seats", "usa,israel", "--join", "h:1", "--code", "c"}, ExitUsage, false, "takes no --role, --join"},
		{[]string{"--seed", "-1"}, ExitUsage, false, "--seed"},
		{[]string{"--seed", "9007199254740992"}, ExitUsage, false, "2^53"},
		{[]string{"--size", "huge"}, ExitUsage, false, "--size"},
		{[]string{"--screen", "credits"}, ExitUsage, false, "--screen"},
		{[]string{"--set", "novalue"}, ExitUsage, false, "KEY=VALUE"},
		{[]string{"--screenshot", "x.png"}, ExitUsage, false, "need --scenario"},
		{[]string{"--screenshot", "x.png", "--screen", "menu"}, ExitOK, true, ""},
		{[]string{"--screenshot", "x.png", "--screen", "menu-settings"}, ExitOK, true, ""},
		{[]string{"--watch", "my.toml", "--screen", "menu-settings", "--screenshot", "x.png"}, ExitUsage, false, "shows no menu"},
		{[]string{"--watch", "my.toml", "--role", "usa"}, ExitOK, true, ""},
		{[]string{"--watch", "my.toml", "--screenshot", "x.png"}, ExitOK, true, ""},
		{[]string{"--watch", "my.toml", "--scenario", "tanf-2021"}, ExitUsage, false, "not both"},
		{[]string{"--watch", "my.toml", "--screen", "menu", "--screenshot", "x.png"}, ExitUsage, false, "shows no menu"},
		{[]string{"--join", "127.0.0.1:8080", "--code", "abc", "--watch", "my.toml"}, ExitUsage, false, "takes no --scenario, --watch"},
		{[]string{"extra"}, ExitUsage, false, "unexpected argument"},
		{[]string{"--bogus"}, ExitUsage, false, "bogus"},
		{[]string{"--help"}, ExitOK, false, "usage: deconflict"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		opt, code, ok := Parse(c.args, &out, &errOut, time.Now())
		if code != c.code || ok != c.ok {
			t.Errorf("%v: code %d ok %v, want %d %v (%s)", c.args, code, ok, c.code, c.ok, errOut.String())
		}
		if !strings.Contains(out.String()+errOut.String(), c.want) {
			t.Errorf("%v: output lacks %q: %s%s", c.args, c.want, out.String(), errOut.String())
		}
		if ok && len(c.args) == 4 && c.args[2] == "--seats" && strings.Join(opt.Seats, "+") != "usa+israel+iran" {
			t.Errorf("--seats %q parsed as %q", c.args[3], opt.Seats)
		}
		if ok && len(c.args) > 4 && c.args[1] == "tanf-2021" {
			if opt.Seed != 7 || opt.Width != 960 || opt.Height != 600 || opt.Turns != 3 || len(opt.Overrides) != 1 || opt.Role != "usa" {
				t.Errorf("parsed %+v", opt)
			}
		}
	}
}

// --colour-blind asks for the colour-blind palette; it is off by default.
func TestParseColourBlind(t *testing.T) {
	var out, errOut bytes.Buffer
	if opt, _, ok := Parse([]string{"--colour-blind"}, &out, &errOut, time.Now()); !ok || !opt.ColourBlind {
		t.Errorf("--colour-blind: ok %v, ColourBlind %v", ok, opt.ColourBlind)
	}
	if opt, _, _ := Parse(nil, &out, &errOut, time.Now()); opt.ColourBlind {
		t.Error("the colour-blind palette is on by default")
	}
}

func TestFromURL(t *testing.T) {
	cases := []struct {
		href string
		want []string
		err  string
	}{
		{"http://127.0.0.1:7420/?code=Ab-9_x", []string{"--join", "ws://127.0.0.1:7420", "--code", "Ab-9_x"}, ""},
		{"https://game.example:443/index.html?code=Zq1&x=1#top", []string{"--join", "wss://game.example:443", "--code", "Zq1"}, ""},
		{"http://[::1]:8080/?code=a%2Bb", []string{"--join", "ws://[::1]:8080", "--code", "a+b"}, ""},
		{"http://127.0.0.1:7420/", nil, ""},
		{"http://127.0.0.1:7420/?continue", []string{"--continue"}, ""},
		{"http://127.0.0.1:7420/?scenario=tanf-2021&role=spectator&seed=7&x=1", []string{"--scenario", "tanf-2021", "--role", "spectator", "--seed", "7"}, ""},
		{"http://127.0.0.1:7420/?code=abc&continue", []string{"--join", "ws://127.0.0.1:7420", "--code", "abc"}, ""},
		{"http://127.0.0.1:7420/?code=", nil, "empty ?code="},
		{"file:///tmp/index.html?code=abc", nil, "want an http or https page"},
		{"http://%zz/?code=a", nil, "the page's address"},
	}
	for _, c := range cases {
		got, err := FromURL(c.href)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want one saying %q", c.href, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.href, err)
		case strings.Join(got, " ") != strings.Join(c.want, " ") || len(got) != len(c.want):
			t.Errorf("%s: %q, want %q", c.href, got, c.want)
		}
	}
	// what FromURL gives, Parse takes as a join
	args, err := FromURL("http://127.0.0.1:7420/?code=abc")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	opt, _, ok := Parse(args, &out, &errOut, time.Now())
	if !ok || opt.Join != "ws://127.0.0.1:7420" || opt.Code != "abc" {
		t.Errorf("Parse(%q): ok %v, join %q code %q: %s", args, ok, opt.Join, opt.Code, errOut.String())
	}
}
