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
// It accepts what time.Parse(time.DateOnly, s) accepts, read by hand: a validation reads
// every date answer of a proposal, and time.Parse was a twentieth of its time.
func ParseDate(s string) (Day, bool) {
	if len(s) != len(time.DateOnly) || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	return MakeDate(y, m, d)
}

// digits is the number s writes in decimal digits only.
func digits(s string) (int, bool) {
	n := 0
	for i := range len(s) {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func (d Day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String writes the date as answers hold it: "2024-03-04".
func (d Day) String() string { return d.time().Format(time.DateOnly) }

// Year is the date's year.
func (d Day) Year() int { return d.time().Year() }
