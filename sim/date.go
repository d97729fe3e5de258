package sim

import "fmt"

// DayNumber converts a calendar date to days since 1970-01-01 (proleptic
// Gregorian, no time zone), so dates never depend on the machine's zone.
func DayNumber(year, month, day int) int32 {
	y := int64(year)
	m := int64(month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// CivilDate converts a day number back to year, month and day.
func CivilDate(days int32) (year, month, day int) {
	z := int64(days) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}

// FormatDay renders a day number as YYYY-MM-DD.
func FormatDay(days int32) string {
	y, m, d := CivilDate(days)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}
