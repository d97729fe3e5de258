package scenarios_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/scenarios"
	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/runner"
	"github.com/deconflict/deconflict/sim/scenario"
)

// recordRow is one year of testdata/public-record.csv.
type recordRow struct {
	year                   int
	strikesMin, strikesMax float64
	attacksMin, attacksMax float64
}

func readRecord(t *testing.T) []recordRow {
	t.Helper()
	f, err := os.Open("testdata/public-record.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []recordRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "year") {
			continue
		}
		var v [5]float64
		for i, s := range strings.Split(line, ",") {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil || i >= len(v) {
				t.Fatalf("public-record.csv: bad line %q", line)
			}
			v[i] = x
		}
		rows = append(rows, recordRow{int(v[0]), v[1], v[2], v[3], v[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestShadowWarMatchesThePublicRecord plays shadow-war under its default AI
// for 30 seeds and checks, year by year, that Israeli strikes and attacks on
// US forces land in the public record's orders of magnitude; that strikes
// follow the record's shape (a peak in 2018, a fall in 2019-20, a rise in
// 2021); that Israel hits 400 targets or more; that US troops stay between
// 900 and 2,000; and that the US is drawn into open conflict with Iran in
// only a small minority of runs.
func TestShadowWarMatchesThePublicRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("plays shadow-war many times")
	}
	f, ok := scenarios.Lookup("shadow-war")
	if !ok {
		t.Fatal("shadow-war is not embedded")
	}
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	const runs = 30
	strikes := map[int]float64{}
	targets := 0.0
	attacks := map[int]float64{}
	drawnIn := 0
	d := runner.NewDriver(sc)
	for seed := uint64(1); seed <= runs; seed++ {
		troops := func(turn int32, e *sim.Engine) error {
			if n := e.Metric(sim.MetricUSTroops); n < 900 || n > 2000 {
				return fmt.Errorf("%s: %d US troops in Syria", sim.FormatDay(sc.DayOfTurn(turn)), n)
			}
			return nil
		}
		r, err := d.Run(seed, runner.Options{Log: true, EachTurn: troops})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if r.Outcome == sim.OutcomeUSDrawnIn {
			drawnIn++
		}
		targets += float64(r.Metrics[sim.MetricTargetsHit])
		for _, e := range r.Log {
			y, _, _ := sim.CivilDate(e.Day)
			switch e.Kind {
			case sim.LogStrikeHit, sim.LogStrikeMiss:
				strikes[y]++
			case sim.LogAttack:
				if e.Other == sim.USA {
					attacks[y]++
				}
			}
		}
	}
	total := 0.0
	var table strings.Builder
	table.WriteString("| year | Israeli strikes a run | record band | attacks on US forces a run | record band |\n|---|---|---|---|---|\n")
	for _, row := range readRecord(t) {
		label := strconv.Itoa(row.year)
		if row.year == 2022 {
			label += " (to 30 June)"
		}
		fmt.Fprintf(&table, "| %s | %.1f | %g–%g | %.2f | %g–%g |\n", label, strikes[row.year]/runs,
			row.strikesMin, row.strikesMax, attacks[row.year]/runs, row.attacksMin, row.attacksMax)
	}
	fmt.Fprintf(&table, "\nEngine %s, seeds 1 to %d; the US was drawn in on %d of the %d runs.\n", sim.Version, runs, drawnIn, runs)
	checkGenerated(t, "../docs/model.md", "calibration", table.String())
	// attacks on US forces rise in 2021-22 (per year; 2022 is half a year)
	before := (attacks[2018] + attacks[2019] + attacks[2020]) / 3 / runs
	after := (attacks[2021] + 2*attacks[2022]) / 2 / runs
	t.Logf("attacks on US forces a year: %.2f in 2018-20, %.2f in 2021-22", before, after)
	if after <= 3*before {
		t.Errorf("attacks on US forces: %.2f a year in 2021-22, not more than three times the %.2f of 2018-20", after, before)
	}
	t.Logf("strikes 2018/2020 = %.2f, 2021/2020 = %.2f", strikes[2018]/strikes[2020], strikes[2021]/strikes[2020])
	// the record's shape: the IDF's ~200 targets from January 2017 to
	// September 2018 and "2,000 bombs in 2018", 24-50 a year in 2019-20,
	// "operations up by a third" in 2021
	for _, y := range []int{2017, 2019, 2020, 2021} {
		if strikes[2018] <= strikes[y] {
			t.Errorf("strikes do not peak in 2018: %.1f a run in 2018, %.1f in %d", strikes[2018]/runs, strikes[y]/runs, y)
		}
	}
	if strikes[2018] < 1.5*strikes[2020] {
		t.Errorf("strikes in 2018 (%.1f a run) are not 1.5 times those of 2020 (%.1f)", strikes[2018]/runs, strikes[2020]/runs)
	}
	if strikes[2021] < 1.15*strikes[2020] {
		t.Errorf("strikes in 2021 (%.1f a run) are not 1.15 times those of 2020 (%.1f)", strikes[2021]/runs, strikes[2020]/runs)
	}
	if targets/runs < 400 {
		t.Errorf("%.1f targets hit a run; the record says more than 400 by mid-2022", targets/runs)
	}
	for _, row := range readRecord(t) {
		s, a := strikes[row.year]/runs, attacks[row.year]/runs
		total += s
		t.Logf("%d: %6.1f strikes (record %g–%g), %5.2f attacks on US forces (record %g–%g)",
			row.year, s, row.strikesMin, row.strikesMax, a, row.attacksMin, row.attacksMax)
		if s < row.strikesMin || s > row.strikesMax {
			t.Errorf("%d: %.1f Israeli strikes a run, the record says %g to %g", row.year, s, row.strikesMin, row.strikesMax)
		}
		if a < row.attacksMin || a > row.attacksMax {
			t.Errorf("%d: %.2f attacks on US forces a run, the record says %g to %g", row.year, a, row.attacksMin, row.attacksMax)
		}
	}
	if total < 200 || total > 1500 {
		t.Errorf("%.0f Israeli strikes over the whole period; the record says hundreds", total)
	}
	share := float64(drawnIn) / runs
	t.Logf("US drawn in: %d of %d runs", drawnIn, runs)
	if share > 0.15 {
		t.Errorf("the US is drawn into open conflict in %.0f%% of runs; the record suggests a small minority", 100*share)
	}
}

// TestShadowWarScriptsNoModelConstant keeps the campaign's history emergent:
// its events set context (troops, talks, air defences, grievance after a
// historical strike) but never change a model constant.
func TestShadowWarScriptsNoModelConstant(t *testing.T) {
	f, _ := scenarios.Lookup("shadow-war")
	sc, err := scenario.Load(f.Name, f.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range sc.Events {
		for _, ef := range ev.Effects {
			if ef.Kind == sim.EffectParam {
				t.Errorf("event %s sets the model constant %s", ev.ID, ef.Param.Spec().Key)
			}
		}
	}
}

// checkGenerated compares a generated block of a document, between
// "<!-- NAME: generated … -->" and "<!-- end of NAME -->", with want, and
// rewrites it under -update.
func checkGenerated(t *testing.T, path, name, want string) {
	t.Helper()
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	begin := []byte("<!-- " + name + ": generated by go test ./scenarios -update -->\n")
	end := []byte("<!-- end of " + name + " -->\n")
	i, j := bytes.Index(page, begin), bytes.Index(page, end)
	if i < 0 || j < i {
		t.Fatalf("%s: no generated %s between %q and %q", path, name, begin, end)
	}
	if string(page[i+len(begin):j]) == want {
		return
	}
	if !*update {
		t.Errorf("%s shows %s figures the engine no longer gives; run go test ./scenarios -update and check the prose still holds.\nwant:\n%s", path, name, want)
		return
	}
	out := append(append(append([]byte{}, page[:i+len(begin)]...), want...), page[j:]...)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}
