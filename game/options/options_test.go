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
		{[]string{"--seed", "-1"}, ExitUsage, false, "--seed"},
		{[]string{"--seed", "9007199254740992"}, ExitUsage, false, "2^53"},
		{[]string{"--size", "huge"}, ExitUsage, false, "--size"},
		{[]string{"--screen", "credits"}, ExitUsage, false, "--screen"},
		{[]string{"--set", "novalue"}, ExitUsage, false, "KEY=VALUE"},
		{[]string{"--screenshot", "x.png"}, ExitUsage, false, "need --scenario"},
		{[]string{"--screenshot", "x.png", "--screen", "menu"}, ExitOK, true, ""},
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
		if ok && len(c.args) > 2 && c.args[1] == "tanf-2021" {
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
