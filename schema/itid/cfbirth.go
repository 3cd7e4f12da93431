package itid

// CFBirth is what a personal codice fiscale says about its holder.
type CFBirth struct {
	Year, Month, Day int    // the birth date; Day may be 29 February of a common year (see below)
	Sex              byte   // 'M' or 'F' (women have 40 added to the day)
	Place            string // Belfiore code of the comune or foreign state of birth, e.g. "H501"
}

// cfMonths maps a month letter (index c-'A') to its month number, 0 for other letters.
var cfMonths = [26]int8{
	'A' - 'A': 1, 'B' - 'A': 2, 'C' - 'A': 3, 'D' - 'A': 4, 'E' - 'A': 5, 'H' - 'A': 6,
	'L' - 'A': 7, 'M' - 'A': 8, 'P' - 'A': 9, 'R' - 'A': 10, 'S' - 'A': 11, 'T' - 'A': 12,
}

// CFBirthOf reads the birth data of a valid personal codice fiscale (see CodiceFiscale;
// omocodia undone); ok is false for anything else, including an entity's 11-digit code.
// The code holds two digits of the year: the year is the latest one not after latestYear
// that ends with them (a code "…85…" read with latestYear 2024 is 1985, "…10…" is 2010), so
// that the answer depends on the caller's reference date, never on today's. The code allows
// 29 February in any year; a caller needing a calendar date checks it.
func CFBirthOf(s string, latestYear int) (b CFBirth, ok bool) {
	if CodiceFiscale(s) != nil {
		return CFBirth{}, false
	}
	var c [16]byte
	scan(s, c[:], true)
	yy := cfDigit(c[6])*10 + cfDigit(c[7])
	b.Year = latestYear - mod(latestYear-yy, 100)
	b.Month = int(cfMonths[c[8]-'A'])
	b.Day = cfDigit(c[9])*10 + cfDigit(c[10])
	b.Sex = 'M'
	if b.Day > 40 {
		b.Day -= 40
		b.Sex = 'F'
	}
	place := [4]byte{c[11], '0' + byte(cfDigit(c[12])), '0' + byte(cfDigit(c[13])), '0' + byte(cfDigit(c[14]))}
	b.Place = string(place[:])
	return b, true
}

// mod is the non-negative remainder of a divided by m.
func mod(a, m int) int {
	r := a % m
	if r < 0 {
		r += m
	}
	return r
}
