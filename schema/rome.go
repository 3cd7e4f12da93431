package schema

import (
	"strconv"
	"time"
)

// Italian civil time without the time-zone database. Deadlines are in Europe/Rome and the
// PDF prints dates as an Italian reader expects, but time.LoadLocation needs tzdata, which
// the browser does not have and `import _ "time/tzdata"` would add ~450 KB to the Wasm
// build for one zone. Since 1996 Italy follows the EU rule (Directive 2000/84/EC): UTC+1,
// and UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
// October. Earlier dates are outside what a call can ask about; a test compares this with
// time.LoadLocation("Europe/Rome") hour by hour over the years the rule covers.

var (
	cet  = time.FixedZone("CET", 3600)
	cest = time.FixedZone("CEST", 7200)
)

// InRome returns t in Italian civil time (CET or CEST).
func InRome(t time.Time) time.Time {
	if romeSummer(t) {
		return t.In(cest)
	}
	return t.In(cet)
}

// romeSummer reports whether summer time (CEST) is in force in Italy at instant t.
func romeSummer(t time.Time) bool {
	u := t.UTC()
	y := u.Year()
	start := lastSunday(y, time.March).Add(time.Hour)
	end := lastSunday(y, time.October).Add(time.Hour)
	return !u.Before(start) && u.Before(end)
}

// lastSunday is 00:00 UTC of the last Sunday of month m of year y.
func lastSunday(y int, m time.Month) time.Time {
	d := time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	return d.AddDate(0, 0, -int(d.Weekday()))
}

// RomeDate returns the instant at which the Italian wall clock shows the given date and
// time. At the autumn change, when a wall-clock hour happens twice, it is the first
// (summer-time) one; in the spring gap, when an hour does not exist, the clock is read as
// winter time (02:30 becomes 03:30 CEST).
func RomeDate(year int, month time.Month, day, hour, min, sec int) time.Time {
	for _, z := range []*time.Location{cest, cet} {
		t := time.Date(year, month, day, hour, min, sec, 0, z)
		if romeSummer(t) == (z == cest) {
			return t
		}
	}
	return time.Date(year, month, day, hour, min, sec, 0, cet)
}

var monthsIT = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"}

// LongDate writes the day of t as a reader expects it: "4 marzo 2024", "4 March 2024". t is
// taken as it is: convert with InRome first for Italian civil dates.
func LongDate(t time.Time, lang Lang) string {
	if lang == EN {
		return t.Format("2 January 2006")
	}
	return strconv.Itoa(t.Day()) + " " + monthsIT[t.Month()-1] + " " + strconv.Itoa(t.Year())
}
