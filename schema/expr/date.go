package expr

import "time"

// Day is a calendar day, counted from 1 January 1970. Dates compare as days, never as text:
// "2024-3-4" is not a date, and "2024-03-04" < "2024-12-01" is a comparison of days.
type Day int32

// MakeDate returns the day y-m-d; ok is false when it does not exist (30 February).
func MakeDate(y, m, d int) (Day, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d || y < 1 || y > 9999 {
		return 0, false
	}
	return Day(t.Unix() / 86400), true
}

// ParseDate reads "YYYY-MM-DD", the form of date answers; ok is false for anything else.
func ParseDate(s string) (Day, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return MakeDate(t.Year(), int(t.Month()), t.Day())
}

func (d Day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String writes the date as answers hold it: "2024-03-04".
func (d Day) String() string { return d.time().Format(time.DateOnly) }

// Year is the date's year.
func (d Day) Year() int { return d.time().Year() }
