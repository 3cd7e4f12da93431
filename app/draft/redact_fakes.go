package draft

// Fakes for the support bundle's redaction (see redact.go): each function turns one personal
// value into another that the same check judges the same way. They take any input without
// panicking and aim at the original's verdict; redact.go verifies every fake against the
// field's rules and tries again when a fake misses, so a function may be approximate for
// inputs no check distinguishes anyway.
//
// Every function receives a *rand.Rand seeded from a salt the bundle never contains: the
// fakes say nothing about the original beyond what the verdict needs (its shape and length).

import (
	"errors"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"bando/schema/itid"
)

const (
	upperLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	// omocodiaLetters replace the digits 0-9 of a codice fiscale, in this order.
	omocodiaLetters = "LMNPQRSTUV"
	// plainLetters are the letters that are not omocodia letters: in a digit position of a
	// codice fiscale they make a format error, which a fake must keep.
	plainLetters = "ABCDEFGHIJKOWXYZ"
	// cfMonths are the month letters of a codice fiscale, January to December.
	cfMonths = "ABCDEHLMPRST"
)

// cfMonthDays is the number of days of each month in cfMonths; February has 29 because the
// code holds two digits of the year only (itid accepts 29 February in any year).
var cfMonthDays = [12]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// mask replaces every letter and digit of src and keeps everything else (spaces, line breaks,
// punctuation, symbols), so that lengths, blank-ness and the character classes every check
// looks at stay as they were. With rnd nil it writes the plain form (x, X, 0), which reads as
// obviously fake; otherwise random letters and digits, so different values stay different.
// Digits that are all zeros stay zeros: 00000 is a placeholder the checks single out (CAP,
// RUNTS, partita IVA), and it hides nothing.
func mask(src []rune, rnd *rand.Rand) []rune {
	zeros := true
	for _, c := range src {
		if '1' <= c && c <= '9' {
			zeros = false
			break
		}
	}
	out := make([]rune, len(src))
	for i, c := range src {
		switch {
		case 'A' <= c && c <= 'Z':
			out[i] = pick(rnd, upperLetters, 'X')
		case 'a' <= c && c <= 'z':
			out[i] = unicode.ToLower(pick(rnd, upperLetters, 'X'))
		case '0' <= c && c <= '9':
			out[i] = '0'
			if !zeros {
				out[i] = pick(rnd, "0123456789", '0')
			}
		// Outside ASCII a letter stays a letter of the same case and a digit a digit, so that
		// validator's alpha/alphaunicode/numeric tags and the ASCII-only Italian checks agree.
		case unicode.IsUpper(c):
			out[i] = 'À'
		case unicode.IsLower(c):
			out[i] = 'à'
		case unicode.IsLetter(c):
			out[i] = 'ª'
		case unicode.IsDigit(c):
			out[i] = '٠'
		default:
			out[i] = c
		}
	}
	return out
}

// pick returns a random character of set, or plain when rnd is nil.
func pick(rnd *rand.Rand, set string, plain rune) rune {
	if rnd == nil {
		return plain
	}
	return rune(set[rnd.IntN(len(set))])
}

// pickOther returns a random character of set other than not: a wrong check character.
func pickOther(rnd *rand.Rand, set string, not byte) byte {
	for {
		if c := set[rnd.IntN(len(set))]; c != not {
			return c
		}
	}
}

// fakeText is the plain mask of free text: every rune count, blank line and punctuation mark
// stays, so maxChars, min/max/len and required judge it as they judged the original.
func fakeText(s string, rnd *rand.Rand) string { return string(mask([]rune(s), rnd)) }

// significant returns the runes of s that identifier checks count: all but white space, which
// the codice fiscale, partita IVA and IBAN checks drop wherever it is.
func significant(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, c := range s {
		if !unicode.IsSpace(c) {
			out = append(out, c)
		}
	}
	return out
}

// place writes fake, one rune per significant rune of orig, into orig's layout: white space
// stays where the applicant typed it (so maxChars and max= count the same) and an ASCII letter
// typed in lower case stays lower case.
func place(orig string, fake []rune) string {
	var b strings.Builder
	b.Grow(len(orig))
	i := 0
	for _, c := range orig {
		if unicode.IsSpace(c) {
			b.WriteRune(c)
			continue
		}
		if i >= len(fake) { // never with the fakes here; if it were, mask rather than leak
			b.WriteRune(mask([]rune{c}, nil)[0])
			continue
		}
		f := fake[i]
		i++
		if 'a' <= c && c <= 'z' && 'A' <= f && f <= 'Z' {
			f += 'a' - 'A'
		}
		b.WriteRune(f)
	}
	return b.String()
}

// upperASCII returns the significant runes of s as upper-case ASCII bytes, or ok false when
// one is not an ASCII letter or digit.
func upperASCII(sig []rune) (b []byte, ok bool) {
	b = make([]byte, len(sig))
	for i, c := range sig {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = byte(c) - ('a' - 'A')
		case 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			b[i] = byte(c)
		default:
			return nil, false
		}
	}
	return b, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// reason is the itid reason of err, "" when err is nil.
func reason(err error) string {
	if ie := (*itid.Error)(nil); errors.As(err, &ie) {
		return ie.Reason
	}
	if err != nil {
		return "error"
	}
	return ""
}

// fakeCF fakes a codice fiscale. A well-shaped code keeps its shape position by position: the
// same omocodia positions, the same sex (day over 40) and a day the new month has; a valid code
// gets a correct check character, a wrong one a wrong one; an impossible date is kept as written
// (two characters of an impossible date say nothing). Anything else (wrong length, stray
// characters) keeps its length and character classes.
func fakeCF(s string, rnd *rand.Rand) string { return fakeCFSex(s, rnd, true) }

// fakeCFBorn fakes a valid personal code whose birth date a check may compare with another
// answer: the birth date it holds is the one born gives (the bundle's move of the original one,
// see redactor.birthDay), so that the fake code and the faked date of birth still agree, or
// still disagree; the sex stays unless keepSex is false. Any other code is faked as fakeCF does.
func fakeCFBorn(s string, rnd *rand.Rand, keepSex bool, born func(string) (time.Time, bool)) string {
	t, ok := born(s)
	if !ok {
		return fakeCFSex(s, rnd, keepSex)
	}
	fake := []byte(fakeCFSex(significantString(s), rnd, keepSex))
	orig := []byte(strings.ToUpper(significantString(s)))
	day := t.Day()
	if cfDay(fake) > 40 {
		day += 40
	}
	fake[8] = cfMonths[t.Month()-1]
	for i, d := range [4]int{t.Year() / 10 % 10, t.Year() % 10, day / 10, day % 10} {
		at := [4]int{6, 7, 9, 10}[i]
		fake[at] = byte('0' + d)
		if !isDigit(orig[at]) { // omocodia there stays omocodia
			fake[at] = omocodiaLetters[d]
		}
	}
	fake[15], _ = itid.CFCheckChar(string(fake[:15]))
	return place(s, []rune(string(fake)))
}

func significantString(s string) string { return string(significant(s)) }

func fakeCFSex(s string, rnd *rand.Rand, keepSex bool) string {
	sig := significant(s)
	b, ok := upperASCII(sig)
	if !ok || len(b) != 16 {
		return place(s, mask(sig, rnd))
	}
	why := reason(itid.CodiceFiscale(s))
	out := make([]byte, 16)
	digit := func(i int, d int) { // writes digit d at digit position i, as a letter if the original used omocodia there
		out[i] = byte('0' + d)
		if !isDigit(b[i]) {
			out[i] = omocodiaLetters[d]
		}
	}
	for i, c := range b {
		switch {
		case cfDigitPos(i) && isDigit(c):
			digit(i, rnd.IntN(10))
		case cfDigitPos(i) && strings.IndexByte(omocodiaLetters, c) >= 0:
			digit(i, rnd.IntN(10))
		case cfDigitPos(i): // a plain letter where a digit belongs: the format error stays
			out[i] = plainLetters[rnd.IntN(len(plainLetters))]
		case isDigit(c): // a digit where a letter belongs: the format error stays
			out[i] = byte('0' + rnd.IntN(10))
		default:
			out[i] = upperLetters[rnd.IntN(26)]
		}
	}
	switch why {
	case itid.ReasonFormat:
		return place(s, []rune(string(out)))
	case itid.ReasonDate:
		copy(out[8:11], b[8:11])
	default: // valid or checksum: a new possible birth date, same sex
		m := rnd.IntN(12)
		out[8] = cfMonths[m]
		day := 1 + rnd.IntN(cfMonthDays[m])
		if keepSex && cfDay(b) > 40 || !keepSex && rnd.IntN(2) == 0 {
			day += 40
		}
		digit(9, day/10)
		digit(10, day%10)
	}
	check, _ := itid.CFCheckChar(string(out[:15]))
	out[15] = check
	if why != "" {
		out[15] = pickOther(rnd, upperLetters, check)
	}
	return place(s, []rune(string(out)))
}

// cfDigitPos reports whether position i (0-based) of a codice fiscale holds a digit (or its
// omocodia letter): year, day and the three digits of the place of birth.
func cfDigitPos(i int) bool {
	switch i {
	case 6, 7, 9, 10, 12, 13, 14:
		return true
	}
	return false
}

// cfDay returns the day of birth as written (women add 40), omocodia undone.
func cfDay(b []byte) int {
	d := func(c byte) int {
		if isDigit(c) {
			return int(c - '0')
		}
		return strings.IndexByte(omocodiaLetters, c)
	}
	return d(b[9])*10 + d(b[10])
}

// fakeEleven fakes an 11-digit codice fiscale of an entity or partita IVA (one function, so
// that an association whose partita IVA equals its codice fiscale keeps that equality). The
// first digit (8 and 9 mark non-commercial entities) and the office code (digits 8-10, one of
// about a hundred provincial offices) stay, so office-code verdicts hold; the progressive
// number becomes random unless it is all zeros; the check digit is right if it was right and
// wrong if it was wrong. An "IT" prefix stays. Other inputs keep length and character classes.
func fakeEleven(s string, rnd *rand.Rand) string {
	sig := significant(s)
	prefix := 0
	if len(sig) >= 2 && unicode.ToUpper(sig[0]) == 'I' && unicode.ToUpper(sig[1]) == 'T' {
		prefix = 2
	}
	b, ok := upperASCII(sig[prefix:])
	if !ok || len(b) != 11 || !allDigits(b) {
		out := append(append([]rune{}, sig[:prefix]...), mask(sig[prefix:], rnd)...)
		return place(s, out)
	}
	out := append([]byte{}, b...)
	if string(b[:7]) != "0000000" {
		for i := 1; i < 7; i++ {
			out[i] = byte('0' + rnd.IntN(10))
		}
	}
	want, _ := itid.ElevenDigitCheck(string(b[:10]))
	check, _ := itid.ElevenDigitCheck(string(out[:10]))
	out[10] = check
	if b[10] != want {
		out[10] = pickOther(rnd, "0123456789", check)
	}
	return place(s, append([]rune(string(sig[:prefix])), []rune(string(out))...))
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// fakeIBAN fakes an IBAN: the country code stays (and with it the expected length), the BBAN
// becomes random letters and digits in the same places, and the MOD 97-10 check digits and, for
// Italy and San Marino, the CIN are each right if they were right and wrong if they were wrong.
// Check digits outside 02-98 (never produced by ISO 7064) stay as written.
func fakeIBAN(s string, rnd *rand.Rand) string {
	sig := significant(s)
	b, ok := upperASCII(sig)
	if !ok || len(b) < 4 || !isDigit(b[2]) || !isDigit(b[3]) || isDigit(b[0]) || isDigit(b[1]) {
		out := mask(sig, rnd)
		if len(sig) >= 2 && unicode.IsLetter(sig[0]) && unicode.IsLetter(sig[1]) {
			copy(out, sig[:2]) // a country code is not personal, and keeps an unknown country unknown
		}
		return place(s, out)
	}
	cc, bban := string(b[:2]), b[4:]
	fake := []byte(string(mask([]rune(string(bban)), rnd)))
	if (cc == "IT" || cc == "SM") && len(bban) == 23 && !isDigit(bban[0]) && allDigits(bban[1:11]) {
		want, _ := itid.ItalianCIN(string(bban[1:6]), string(bban[6:11]), string(bban[11:]))
		cin, _ := itid.ItalianCIN(string(fake[1:6]), string(fake[6:11]), string(fake[11:]))
		fake[0] = cin
		if bban[0] != want {
			fake[0] = pickOther(rnd, upperLetters, cin)
		}
	}
	cd := string(b[2:4])
	if want, ok := itid.IBANCheckDigits(cc, string(bban)); ok && cd >= "02" && cd <= "98" {
		newCD, _ := itid.IBANCheckDigits(cc, string(fake))
		if cd == want {
			cd = newCD
		} else {
			for cd = newCD; cd == newCD; {
				n := 2 + rnd.IntN(97)
				cd = string([]byte{byte('0' + n/10), byte('0' + n%10)})
			}
		}
	}
	return place(s, []rune(cc+cd+string(fake)))
}

// fakeAddress fakes an e-mail or PEC address: letters and digits become random ones and every
// '@', dot, hyphen and other mark stays, so the address syntax check (lengths, labels, the
// all-digit top-level domain rule, stray characters) judges it the same. A short top-level
// domain (".it", ".coop") stays, for readability: it is shared by millions. A longer one is
// masked like the rest, as it could be a name typed after a stray dot.
func fakeAddress(s string, rnd *rand.Rand) string {
	r := []rune(s)
	keep := len(r)
	if dot, at := lastIndex(r, '.'), lastIndex(r, '@'); dot > at && at >= 0 && len(r)-dot <= 5 {
		keep = dot
	}
	return string(append(mask(r[:keep], rnd), r[keep:]...))
}

func lastIndex(r []rune, c rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == c {
			return i
		}
	}
	return -1
}

// fakeRUNTS fakes a RUNTS registration: a section letter becomes another of the same kind
// (a-g, the sections, or h-z, none) and the repertorio number random digits of the same length.
func fakeRUNTS(s string, rnd *rand.Rand) string {
	r := []rune(s)
	out := mask(r, rnd)
	for i, c := range r {
		if unicode.IsSpace(c) {
			continue
		}
		if l := unicode.ToLower(c); 'a' <= l && l <= 'z' {
			set := "abcdefg"
			if l > 'g' {
				set = "hijklmnopqrstuvwxyz"
			}
			out[i] = pick(rnd, set, l)
			if unicode.IsUpper(c) {
				out[i] = unicode.ToUpper(out[i])
			}
		}
		break
	}
	return string(out)
}

// fakeShape fakes an identifier that only has a shape (CUP): random letters and digits in the
// same places.
func fakeShape(s string, rnd *rand.Rand) string { return string(mask([]rune(s), rnd)) }

// fakeDate moves a valid date (YYYY-MM-DD) to a random day of the same year: a birth year
// alone identifies no one, and keeping it keeps "how old" plausible for the helpdesk. Any other
// text is masked, and a mask of zeros can never be a valid date (month 00), so an invalid date
// stays invalid.
func fakeDate(s string, rnd *rand.Rand) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || rnd == nil {
		return fakeText(s, nil)
	}
	first := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	days := first.AddDate(1, 0, 0).Sub(first).Hours() / 24
	return first.AddDate(0, 0, rnd.IntN(int(days))).Format(time.DateOnly)
}

// fakeDateCoarse moves a valid date to a random day up to 15 years before or after: with it the
// birth year goes too (the applicant chose to coarsen). The redactor keeps it only when every
// check judges it as the original; otherwise fakeDate, which keeps the year, is tried.
func fakeDateCoarse(s string, rnd *rand.Rand) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || rnd == nil {
		return fakeText(s, nil)
	}
	return t.AddDate(0, 0, rnd.IntN(2*15*365+1)-15*365).Format(time.DateOnly)
}

// provinceList is drawn from by fakeProvincia.
var provinceList = itid.Province()

// fakeProvincia replaces a valid sigla of a provincia by a random one, in the same case; an
// invalid one keeps its shape (another invalid one).
func fakeProvincia(s string, rnd *rand.Rand) string {
	if itid.Provincia(s) != nil {
		return fakeText(s, rnd)
	}
	p := provinceList[rnd.IntN(len(provinceList))]
	trimmed := strings.TrimSpace(s)
	if strings.ToLower(trimmed) == trimmed {
		p = strings.ToLower(p)
	}
	return strings.Replace(s, trimmed, p, 1)
}
