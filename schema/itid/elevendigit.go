package itid

import (
	"strings"
	"unicode"
)

// The 11-digit numeric codice fiscale of entities and the partita IVA share one structure
// (DM 23 dicembre 1976; DPR 26 ottobre 1972 n. 633, art. 35):
//
//	digits 1-7   progressive number (matricola) given by the office
//	digits 8-10  code of the provincial office that issued it
//	digit  11    check digit
//
// The check digit is Luhn-like: digits in odd positions count as they are, digits in even
// positions are doubled (minus 9 when the double exceeds 9); the check digit brings the sum
// to a multiple of 10. Companies have partita IVA = codice fiscale; associations without VAT
// activity have a codice fiscale only (often starting with 8 or 9). Temporary codici fiscali
// that the Agenzia gives to persons also have this shape, so CodiceFiscaleEnte accepts them.

// elevenSum returns the check digit (0-9) of ten digits.
func elevenSum(b []byte) int {
	sum := 0
	for i, c := range b {
		d := int(c - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10 - sum%10) % 10
}

// checkEleven checks charset, length, all-zeros and check digit, in this order, and returns
// the digits for further checks.
func checkEleven(kind, s string) (b [11]byte, err error) {
	n, cls := scan(s, b[:], true)
	switch {
	case n == 0:
		return b, fail(kind, ReasonLength)
	case cls != clsDigit:
		return b, fail(kind, ReasonCharset)
	case n != len(b):
		return b, fail(kind, ReasonLength)
	case string(b[:]) == "00000000000":
		// The check digit of ten zeros is 0, so the checksum alone would accept it.
		return b, fail(kind, ReasonZero)
	case elevenSum(b[:10]) != int(b[10]-'0'):
		return b, fail(kind, ReasonChecksum)
	}
	return b, nil
}

// CodiceFiscaleEnte checks the 11-digit codice fiscale of an entity (association, foundation,
// company): digits only, check digit, not all zeros. White space is ignored. The office code
// is not checked: the office-code ranges are published for VAT numbers (VIES) only, and a
// false rejection of an association's codice fiscale would block its application.
func CodiceFiscaleEnte(s string) error {
	_, err := checkEleven(KindCFEnte, s)
	return err
}

// PartitaIVA checks an Italian partita IVA: 11 digits, optionally preceded by the "IT" VAT
// country prefix (as on invoices and in VIES), white space ignored. Beyond the checks of
// CodiceFiscaleEnte it rejects a zero progressive number (ReasonZero) and an office code
// (digits 8-10) outside 001-100, 120, 121, 888, 999 (ReasonOffice), the ranges the EU VIES
// algorithm for Italy accepts.
func PartitaIVA(s string) error {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if len(t) >= 2 && (t[0]|0x20) == 'i' && (t[1]|0x20) == 't' {
		s = t[2:]
	}
	b, err := checkEleven(KindPIVA, s)
	if err != nil {
		return err
	}
	if string(b[:7]) == "0000000" {
		return fail(KindPIVA, ReasonZero)
	}
	office := int(b[7]-'0')*100 + int(b[8]-'0')*10 + int(b[9]-'0')
	switch {
	case 1 <= office && office <= 100, office == 120, office == 121, office == 888, office == 999:
		return nil
	}
	return fail(KindPIVA, ReasonOffice)
}

// ElevenDigitCheck returns the check digit, as an ASCII character '0'-'9', of a codice
// fiscale ente or partita IVA from its first 10 digits. ok is false unless first10 is
// exactly 10 ASCII digits.
func ElevenDigitCheck(first10 string) (byte, bool) {
	if len(first10) != 10 {
		return 0, false
	}
	for i := 0; i < len(first10); i++ {
		if !isDigit(first10[i]) {
			return 0, false
		}
	}
	return byte('0' + elevenSum([]byte(first10))), true
}
