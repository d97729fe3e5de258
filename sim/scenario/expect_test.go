package scenario_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/scenario"
)

// TestExpectations loads [[expect]] blocks of every check into the test
// theatre and checks what they compile to.
func TestExpectations(t *testing.T) {
	text := string(readFile(t, "testdata/levant.toml")) + `
[[expect]]
id = "mean"
text = "M"
check = "mean"
metric = "us_casualties"
max = 0.5

[[expect]]
id = "share"
text = "S"
check = "share"
metric = "max_escalation_us_iran"
op = "<="
value = 3
min = 0.8

[[expect]]
id = "event"
text = "E"
check = "event"
kind = "attack"
site = "tanf"
actor = "iran"
before = 2018-06-30
min = 0.25
max = 0.75

[[expect]]
id = "verdict"
text = "V"
check = "verdict"
role = "usa"
verdict = "lost"
max = 0.1
`
	sc, ex, err := scenario.LoadWithExpectations("levant.toml", []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 4 {
		t.Fatalf("%d expectations, want 4", len(ex))
	}
	tanf := int32(-1)
	for i := range sc.Sites {
		if sc.Sites[i].ID == "tanf" {
			tanf = int32(i)
		}
	}
	if x := ex[0]; x.Check != scenario.ExpectMean || x.Metric != sim.MetricUSCasualties || x.Max != 0.5 || x.Min != -1e9 {
		t.Errorf("mean: %+v", x)
	}
	// 3 on a Milli-scaled metric is stored as 3000.
	if x := ex[1]; x.Check != scenario.ExpectShare || x.Op != sim.OpAtMost || x.Value != 3000 || x.Min != 0.8 || x.Max != 1 {
		t.Errorf("share: %+v", x)
	}
	if x := ex[2]; x.Kind != sim.LogAttack || x.Site != tanf || x.Actor != sim.Iran || x.Before != sim.DayNumber(2018, 6, 30) || x.After != -1 || x.Min != 0.25 || x.Max != 0.75 {
		t.Errorf("event: %+v", x)
	}
	if x := ex[3]; x.Role != sim.USA || x.Verdict != sim.VerdictLost || x.Min != 0 || x.Max != 0.1 {
		t.Errorf("verdict: %+v", x)
	}
	// Expectations leave the scenario, and so its hash, alone.
	plain := mustLoad(t, "levant.toml", readFile(t, "testdata/levant.toml"))
	if scenario.Hash(sc) != scenario.Hash(plain) {
		t.Error("expectations change the scenario hash")
	}
}

// TestExpectationErrors checks the messages for mistakes in [[expect]].
func TestExpectationErrors(t *testing.T) {
	text := string(readFile(t, "testdata/levant.toml"))
	lines := strings.Count(text, "\n")
	text += `
[[expect]]
id = "a"
text = "A"
check = "meen"
min = 1

[[expect]]
id = "b"
text = "B"
check = "mean"
metric = "us_casualties"
role = "usa"
min = 2
max = 1

[[expect]]
id = "c"
text = "C"
check = "objective"
role = "usa"
objective = "no-such"

[[expect]]
id = "d"
text = "D"
check = "event"
kind = "attack"
within_days = 3
min = 1.5
`
	_, err := scenario.Load("levant.toml", []byte(text), nil)
	if err == nil {
		t.Fatal("loads")
	}
	// Line lines+1 is blank, lines+2 the first [[expect]].
	at := func(n int) string { return "levant.toml:" + strconv.Itoa(lines+n) }
	for _, want := range []string{
		at(5) + `:9: expect.a.check: unknown check "meen" (did you mean "mean"?)`,
		at(13) + `:1: expect.b.role: check "mean" takes no role (it takes metric)`,
		at(14) + `:7: expect.b.min: min 2 is above max 1`,
		at(22) + `:13: expect.c.objective: usa has no objective "no-such" (one of "casualties", "no-war", "talks")`,
		at(17) + `:1: expect.c.min: missing required key (give min, max or both)`,
		at(29) + `:1: expect.d.within_days: within_days goes with after (name the scripted event, such as after = "vow")`,
		at(30) + `:7: expect.d.min: 1.5 is out of range (must lie in 0..1)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %s\nin:\n%s", want, err)
		}
	}
}

// TestObjectiveTextQuotesValue: {value} in an objective's text becomes its
// threshold, in the metric's unit, and follows an override.
func TestObjectiveTextQuotesValue(t *testing.T) {
	text := string(readFile(t, "testdata/levant.toml")) + `
[[objective]]
id = "quoted"
role = "israel"
metric = "trust"
op = ">="
value = 62.5
text = "Keep trust at {value} or more."
`
	for _, c := range []struct {
		set  []scenario.Override
		want string
	}{
		{nil, "Keep trust at 62.5 or more."},
		{[]scenario.Override{{Key: "objective.quoted.value", Value: "70"}}, "Keep trust at 70 or more."},
	} {
		sc := mustLoad(t, "levant.toml", []byte(text), c.set...)
		for _, o := range sc.Objectives {
			if o.ID == "quoted" && o.Text != c.want {
				t.Errorf("text %q, want %q", o.Text, c.want)
			}
		}
	}
}
