package sim_test

import (
	"testing"
	"time"

	"github.com/deconflict/deconflict/sim"
)

// TestDayNumberKnownValues pins a few dates.
func TestDayNumberKnownValues(t *testing.T) {
	for _, c := range []struct {
		y, m, d int
		want    int32
		text    string
	}{
		{1970, 1, 1, 0, "1970-01-01"},
		{1969, 12, 31, -1, "1969-12-31"},
		{2000, 2, 29, 11016, "2000-02-29"},
		{2017, 1, 1, 17167, "2017-01-01"},
		{2022, 6, 30, 19173, "2022-06-30"},
		{1900, 3, 1, -25508, "1900-03-01"},
	} {
		if got := sim.DayNumber(c.y, c.m, c.d); got != c.want {
			t.Errorf("DayNumber(%d, %d, %d) = %d, want %d", c.y, c.m, c.d, got, c.want)
		}
		if got := sim.FormatDay(c.want); got != c.text {
			t.Errorf("FormatDay(%d) = %s, want %s", c.want, got, c.text)
		}
	}
}

// TestDayNumberRoundTrip: every day from 1900 to 2100 converts to its day
// number and back, and agrees with the standard library's UTC calendar.
func TestDayNumberRoundTrip(t *testing.T) {
	day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)
	prev := sim.DayNumber(1899, 12, 31)
	for ; day.Before(end); day = day.AddDate(0, 0, 1) {
		n := sim.DayNumber(day.Year(), int(day.Month()), day.Day())
		if want := int32(day.Unix() / 86400); n != want {
			t.Fatalf("DayNumber(%s) = %d, want %d", day.Format(time.DateOnly), n, want)
		}
		if n != prev+1 {
			t.Fatalf("DayNumber(%s) = %d follows %d", day.Format(time.DateOnly), n, prev)
		}
		prev = n
		if y, m, d := sim.CivilDate(n); y != day.Year() || m != int(day.Month()) || d != day.Day() {
			t.Fatalf("CivilDate(%d) = %04d-%02d-%02d, want %s", n, y, m, d, day.Format(time.DateOnly))
		}
		if s := sim.FormatDay(n); s != day.Format(time.DateOnly) {
			t.Fatalf("FormatDay(%d) = %s, want %s", n, s, day.Format(time.DateOnly))
		}
	}
}
