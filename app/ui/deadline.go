package ui

import (
	"fmt"
	"strings"
	"time"

	"bando/schema"
)

// Deadlines are wall-clock times in the call's time zone (Europe/Rome unless the call says
// otherwise). The browser build does not embed the time zone database (time/tzdata would add
// ~450 KB to every applicant's download), so Europe/Rome falls back to the EU summer-time rule,
// which is all Italian calls need; the server and tests resolve zones normally.

// deadline is when the call closes: the deadline day at the given time, or its last second.
func deadline(sub schema.Submission) (time.Time, error) {
	day, err := time.Parse(time.DateOnly, sub.Deadline)
	if err != nil {
		return time.Time{}, fmt.Errorf("scadenza %q: %w", sub.Deadline, err)
	}
	h, m, s := 23, 59, 59
	if sub.Time != "" {
		var clock time.Time
		for _, layout := range []string{"15:04:05", "15:04"} {
			if clock, err = time.Parse(layout, sub.Time); err == nil {
				break
			}
		}
		if err != nil {
			return time.Time{}, fmt.Errorf("ora di scadenza %q: %w", sub.Time, err)
		}
		h, m, s = clock.Clock()
	}
	zone := sub.Timezone
	if zone == "" {
		zone = "Europe/Rome"
	}
	if loc, err := time.LoadLocation(zone); err == nil {
		return time.Date(day.Year(), day.Month(), day.Day(), h, m, s, 0, loc), nil
	}
	if zone != "Europe/Rome" {
		return time.Time{}, fmt.Errorf("fuso orario %q sconosciuto", zone)
	}
	wall := time.Date(day.Year(), day.Month(), day.Day(), h, m, s, 0, time.UTC)
	if t := wall.Add(-2 * time.Hour); euSummer(t) {
		return t, nil
	}
	return wall.Add(-time.Hour), nil
}

// euSummer reports whether instant t falls in EU summer time: from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October.
func euSummer(t time.Time) bool {
	t = t.UTC()
	start := lastSunday(t.Year(), time.March).Add(time.Hour)
	end := lastSunday(t.Year(), time.October).Add(time.Hour)
	return !t.Before(start) && t.Before(end)
}

func lastSunday(year int, m time.Month) time.Time {
	d := time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC) // the last day of m
	return d.AddDate(0, 0, -int(d.Weekday()))
}

var monthsIT = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"}

// longDate writes a day as people read it: "4 marzo 2024", "4 March 2024".
func longDate(t time.Time, l schema.Lang) string {
	if l == schema.EN {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsIT[t.Month()-1], t.Year())
}

// deadlineText is the deadline as the call states it, in its own time zone's wall clock, the
// zone named: "4 marzo 2024 alle 23:59, ora italiana". A day without an hour closes at its last
// second (deadline), which reads 23:59 here and everywhere else.
func deadlineText(sub schema.Submission, l schema.Lang) string {
	day, err := time.Parse(time.DateOnly, sub.Deadline)
	if err != nil {
		return sub.Deadline
	}
	clock := "23:59"
	if sub.Time != "" {
		clock = strings.TrimSuffix(sub.Time, ":00")
		if len(clock) < 5 {
			clock = sub.Time
		}
	}
	at := tr(l, "deadline.at", longDate(day, l), clock)
	if sub.Timezone == "" || sub.Timezone == "Europe/Rome" {
		return tr(l, "time.rome", at) // worded as the signing page says it (app/pec)
	}
	return at + ", " + sub.Timezone
}

// countdown says how long is left before dl, or "" once it has passed.
func countdown(now, dl time.Time, l schema.Lang) string {
	left := dl.Sub(now)
	switch {
	case left <= 0:
		return ""
	case left >= 24*time.Hour:
		return tr(l, "deadline.days", int(left/(24*time.Hour)), int(left%(24*time.Hour)/time.Hour))
	case left >= time.Hour:
		return tr(l, "deadline.hours", int(left/time.Hour), int(left%time.Hour/time.Minute))
	}
	return tr(l, "deadline.minutes", int((left+time.Minute-1)/time.Minute))
}
