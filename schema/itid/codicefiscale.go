package itid

// Codice fiscale of a natural person (DPR 29 settembre 1973 n. 605; DM 23 dicembre 1976).
//
//	positions  1-3  surname consonants/vowels (X pads short names)   letters
//	           4-6  name                                              letters
//	           7-8  year of birth, last two digits                    digits*
//	           9    month letter A B C D E H L M P R S T (Jan..Dec)   letter
//	          10-11 day of birth, +40 for women                       digits*
//	          12    Belfiore code of the comune or foreign state      letter
//	          13-15                                                   digits*
//	          16    check character                                   letter
//
// (*) Omocodia: when two people would get the same code, the Agenzia delle Entrate replaces
// digits, from the right, by letters (0=L 1=M 2=N 3=P 4=Q 5=R 6=S 7=T 8=U 9=V) and computes
// the check character again on the new code. Any mix of substituted positions is accepted:
// the order of substitution is an internal practice, and rejecting a code actually issued
// would block an application, while the check character already catches typing mistakes.

// cfOmocodia maps a letter (index c-'A') to the digit it replaces, or -1.
var cfOmocodia = [26]int8{
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, // A-K
	0, 1, 2, // L M N
	-1,                  // O (looks like 0 but is not an omocodia letter: ReasonFormat)
	3, 4, 5, 6, 7, 8, 9, // P Q R S T U V
	-1, -1, -1, -1, // W X Y Z
}

// cfMonthDays maps a month letter (index c-'A') to the days of that month, 0 for letters
// that are not months. February has 29: the code holds only two digits of the year, so a
// 29 February cannot be ruled out.
var cfMonthDays = [26]int8{
	'A' - 'A': 31, 'B' - 'A': 29, 'C' - 'A': 31, 'D' - 'A': 30, 'E' - 'A': 31, 'H' - 'A': 30,
	'L' - 'A': 31, 'M' - 'A': 31, 'P' - 'A': 30, 'R' - 'A': 31, 'S' - 'A': 30, 'T' - 'A': 31,
}

// cfOdd holds the values of A-Z in odd positions (1st, 3rd, ...) from the Ministry table;
// the digits 0-9 have the values of A-J. In even positions A-Z are 0-25 and 0-9 are 0-9.
// The same tables give the CIN of Italian bank coordinates (see ItalianCIN).
var cfOdd = [26]uint8{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // A-J (and 0-9)
	2, 4, 18, 20, 11, 3, 6, 8, 12, 14, // K-T
	16, 10, 22, 25, 24, 23, // U-Z
}

// oddEvenCheck returns the check letter of b (upper-case letters and digits only) with the
// odd/even tables: the sum modulo 26 as a letter. Position 1 is odd.
func oddEvenCheck(b []byte) byte {
	sum := 0
	for i, c := range b {
		v := c - 'A'
		if isDigit(c) {
			v = c - '0'
		}
		if i%2 == 0 {
			sum += int(cfOdd[v])
		} else {
			sum += int(v)
		}
	}
	return byte('A' + sum%26)
}

// cfDigitAt reports whether position i (0-based) holds a digit or an omocodia letter.
func cfDigitAt(i int) bool {
	switch i {
	case 6, 7, 9, 10, 12, 13, 14:
		return true
	}
	return false
}

// cfDigit returns the digit at a digit position, undoing omocodia. The caller has checked
// the shape, so c is a digit or an omocodia letter.
func cfDigit(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	return int(cfOmocodia[c-'A'])
}

// CodiceFiscale checks the 16-character codice fiscale of a natural person. The input is
// normalised as NormalizeCF does (white space dropped, upper-cased).
func CodiceFiscale(s string) error {
	var b [16]byte
	n, cls := scan(s, b[:], true)
	switch {
	case n == 0:
		return fail(KindCF, ReasonLength)
	case cls&clsOther != 0:
		return fail(KindCF, ReasonCharset)
	case n != len(b):
		return fail(KindCF, ReasonLength)
	}
	for i, c := range b {
		if cfDigitAt(i) {
			if !isDigit(c) && cfOmocodia[c-'A'] < 0 {
				return fail(KindCF, ReasonFormat)
			}
		} else if !isLetter(c) {
			return fail(KindCF, ReasonFormat)
		}
	}
	days := int(cfMonthDays[b[8]-'A'])
	day := cfDigit(b[9])*10 + cfDigit(b[10])
	if day > 40 { // women: DM 23/12/1976 adds 40 to the day
		day -= 40
	}
	if days == 0 || day < 1 || day > days {
		return fail(KindCF, ReasonDate)
	}
	if oddEvenCheck(b[:15]) != b[15] {
		return fail(KindCF, ReasonChecksum)
	}
	return nil
}

// NormalizeCF returns s without white space (anywhere, Unicode included) and with ASCII
// letters upper-cased: the form to store and print. Other characters are kept (invalid UTF-8
// becomes U+FFFD), so an invalid code stays invalid.
func NormalizeCF(s string) string { return normalize(s) }

// CFCheckChar returns the check character (A-Z) of a codice fiscale from its first 15
// characters, as written: omocodia letters are part of the computation, exactly as the
// Agenzia delle Entrate computes the check character of an omocodic code. Lower case is
// accepted. ok is false unless first15 holds exactly 15 ASCII letters and digits; the
// positions are not otherwise checked, so callers building fakes must keep the shape.
func CFCheckChar(first15 string) (byte, bool) {
	var b [15]byte
	if len(first15) != len(b) {
		return 0, false
	}
	n, cls := scan(first15, b[:], false)
	if n != len(b) || cls&clsOther != 0 {
		return 0, false
	}
	return oddEvenCheck(b[:]), true
}
