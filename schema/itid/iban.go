package itid

import (
	"strings"
	"unicode/utf8"
)

// IBAN per ISO 13616-1: country code (2 letters), check digits (2 digits, ISO 7064
// MOD 97-10), BBAN (country-specific, up to 30 letters and digits), at most 34 characters.

// ibanLength is the IBAN length of every country in the SWIFT IBAN Registry (releases of
// 2024-2025). "SEPA" marks the long-standing members of the SEPA schemes, all included.
// Territories that the registry lists under a parent country (Åland under FI, the French
// overseas territories under FR, Jersey, Guernsey and the Isle of Man under GB) use the
// parent's code as IBAN prefix, so they are not listed. A country added to the registry
// later is refused with ReasonCountry until it is added here.
var ibanLength = map[string]int{
	"AD": 24, // Andorra (SEPA)
	"AE": 23, // United Arab Emirates
	"AL": 28, // Albania
	"AT": 20, // Austria (SEPA)
	"AZ": 28, // Azerbaijan
	"BA": 20, // Bosnia and Herzegovina
	"BE": 16, // Belgium (SEPA)
	"BG": 22, // Bulgaria (SEPA)
	"BH": 22, // Bahrain
	"BI": 27, // Burundi
	"BR": 29, // Brazil
	"BY": 28, // Belarus
	"CH": 21, // Switzerland (SEPA)
	"CR": 22, // Costa Rica
	"CY": 28, // Cyprus (SEPA)
	"CZ": 24, // Czechia (SEPA)
	"DE": 22, // Germany (SEPA)
	"DJ": 27, // Djibouti
	"DK": 18, // Denmark (SEPA)
	"DO": 28, // Dominican Republic
	"EE": 20, // Estonia (SEPA)
	"EG": 29, // Egypt
	"ES": 24, // Spain (SEPA)
	"FI": 18, // Finland (SEPA)
	"FK": 18, // Falkland Islands
	"FO": 18, // Faroe Islands
	"FR": 27, // France (SEPA)
	"GB": 22, // United Kingdom (SEPA)
	"GE": 22, // Georgia
	"GI": 23, // Gibraltar (SEPA)
	"GL": 18, // Greenland
	"GR": 27, // Greece (SEPA)
	"GT": 28, // Guatemala
	"HN": 28, // Honduras
	"HR": 21, // Croatia (SEPA)
	"HU": 28, // Hungary (SEPA)
	"IE": 22, // Ireland (SEPA)
	"IL": 23, // Israel
	"IQ": 23, // Iraq
	"IS": 26, // Iceland (SEPA)
	"IT": 27, // Italy (SEPA)
	"JO": 30, // Jordan
	"KW": 30, // Kuwait
	"KZ": 20, // Kazakhstan
	"LB": 28, // Lebanon
	"LC": 32, // Saint Lucia
	"LI": 21, // Liechtenstein (SEPA)
	"LT": 20, // Lithuania (SEPA)
	"LU": 20, // Luxembourg (SEPA)
	"LV": 21, // Latvia (SEPA)
	"LY": 25, // Libya
	"MC": 27, // Monaco (SEPA)
	"MD": 24, // Moldova
	"ME": 22, // Montenegro
	"MK": 19, // North Macedonia
	"MN": 20, // Mongolia
	"MR": 27, // Mauritania
	"MT": 31, // Malta (SEPA)
	"MU": 30, // Mauritius
	"NI": 28, // Nicaragua
	"NL": 18, // Netherlands (SEPA)
	"NO": 15, // Norway (SEPA)
	"OM": 23, // Oman
	"PK": 24, // Pakistan
	"PL": 28, // Poland (SEPA)
	"PS": 29, // Palestine
	"PT": 25, // Portugal (SEPA)
	"QA": 29, // Qatar
	"RO": 24, // Romania (SEPA)
	"RS": 22, // Serbia
	"RU": 33, // Russia
	"SA": 24, // Saudi Arabia
	"SC": 31, // Seychelles
	"SD": 18, // Sudan
	"SE": 24, // Sweden (SEPA)
	"SI": 19, // Slovenia (SEPA)
	"SK": 24, // Slovakia (SEPA)
	"SM": 27, // San Marino (SEPA)
	"SO": 23, // Somalia
	"ST": 25, // Sao Tome and Principe
	"SV": 28, // El Salvador
	"TL": 23, // Timor-Leste
	"TN": 24, // Tunisia
	"TR": 26, // Turkey
	"UA": 29, // Ukraine
	"VA": 22, // Vatican City State (SEPA)
	"VG": 24, // British Virgin Islands
	"XK": 20, // Kosovo
	"YE": 30, // Yemen
}

// mod97 continues the ISO 7064 MOD 97-10 remainder r over b (upper-case letters and digits;
// letters count as 10-35, i.e. two decimal digits). Working digit by digit keeps the numbers
// small, so no big integers are needed.
func mod97(r int, b []byte) int {
	for _, c := range b {
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r
}

// IBAN checks an International Bank Account Number (ISO 13616-1). White space is dropped and
// letters upper-cased, as NormalizeIBAN does. The country must be in the IBAN registry and
// the length the one of that country; the check digits must satisfy MOD 97-10 and be in the
// range 02-98 that ISO 7064 produces. For Italy (and San Marino, which shares the scheme) the
// BBAN must be CIN (letter) + ABI (5 digits) + CAB (5 digits) + account (12 letters or
// digits) and the CIN must match.
func IBAN(s string) error {
	var b [34]byte
	n, cls := scan(s, b[:], true)
	switch {
	case n == 0:
		return fail(KindIBAN, ReasonLength)
	case cls&clsOther != 0:
		return fail(KindIBAN, ReasonCharset)
	case n < 4:
		return fail(KindIBAN, ReasonLength)
	case !isLetter(b[0]) || !isLetter(b[1]) || !isDigit(b[2]) || !isDigit(b[3]):
		return fail(KindIBAN, ReasonFormat)
	}
	want, known := ibanLength[string(b[:2])]
	if !known {
		return fail(KindIBAN, ReasonCountry)
	}
	if n != want {
		return fail(KindIBAN, ReasonLength)
	}
	iban := b[:n]
	// San Marino banks use the Italian coordinates (CIN, ABI, CAB, account): the registry gives
	// SM the same BBAN structure, and its example IBAN carries a correct CIN.
	italian := string(iban[:2]) == "IT" || string(iban[:2]) == "SM"
	if italian && !italianBBANShape(iban[4:]) {
		return fail(KindIBAN, ReasonFormat)
	}
	cd := int(iban[2]-'0')*10 + int(iban[3]-'0')
	if cd < 2 || cd > 98 || mod97(mod97(0, iban[4:]), iban[:4]) != 1 {
		return fail(KindIBAN, ReasonChecksum)
	}
	if italian && oddEvenCheck(iban[5:]) != iban[4] {
		return fail(KindIBAN, ReasonChecksum)
	}
	return nil
}

// italianBBANShape reports whether an Italian BBAN is CIN letter, 10 digits (ABI and CAB)
// and 12 letters or digits (the account number, already known to be alphanumeric).
func italianBBANShape(bban []byte) bool {
	if len(bban) != 23 || !isLetter(bban[0]) {
		return false
	}
	for _, c := range bban[1:11] {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// NormalizeIBAN returns s without white space and with ASCII letters upper-cased: the
// electronic form to store. Other characters are kept (invalid UTF-8 becomes U+FFFD), so an
// invalid IBAN stays invalid.
func NormalizeIBAN(s string) string { return normalize(s) }

// FormatIBAN returns the normalised IBAN in the print form of ISO 13616: groups of four
// characters separated by one space, the last group possibly shorter.
func FormatIBAN(s string) string {
	s = NormalizeIBAN(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i, count := 0, 0; i < len(s); count++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		if count > 0 && count%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

// twoDigits holds "00".."99", so IBANCheckDigits returns a substring instead of allocating.
const twoDigits = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" +
	"30313233343536373839" + "40414243444546474849" + "50515253545556575859" +
	"60616263646566676869" + "70717273747576777879" + "80818283848586878889" +
	"90919293949596979899"

// IBANCheckDigits returns the two ISO 7064 MOD 97-10 check digits ("02".."98") for a country
// code and a BBAN, both case-insensitive. ok is false unless countryCode is two ASCII letters
// and bban holds 1 to 30 ASCII letters or digits. The country is not looked up: any code gets
// its digits, so fakes can be made for countries this package does not know.
func IBANCheckDigits(countryCode, bban string) (string, bool) {
	var cc [2]byte
	var bb [30]byte
	if n, cls := scan(countryCode, cc[:], false); n != len(cc) || cls != clsLetter {
		return "", false
	}
	n, cls := scan(bban, bb[:], false)
	if n == 0 || n > len(bb) || cls&clsOther != 0 {
		return "", false
	}
	r := mod97(mod97(0, bb[:n]), cc[:])
	r = r * 100 % 97 // the "00" placeholder of the check digits
	cd := 98 - r
	return twoDigits[2*cd : 2*cd+2], true
}

// ItalianCIN returns the CIN, the check letter that precedes ABI and CAB in Italian bank
// coordinates and in position 5 of an Italian IBAN. It is computed on ABI (5 digits), CAB
// (5 digits) and account number (12 letters or digits, case-insensitive) with the same
// odd/even tables as the codice fiscale check character. ok is false on any other input;
// account numbers must already be zero-padded to 12 characters as in the IBAN.
func ItalianCIN(abi, cab, conto string) (byte, bool) {
	var b [22]byte
	if len(abi) != 5 || len(cab) != 5 || len(conto) != 12 {
		return 0, false
	}
	if n, cls := scan(abi+cab, b[:10], false); n != 10 || cls != clsDigit {
		return 0, false
	}
	if n, cls := scan(conto, b[10:], false); n != 12 || cls&clsOther != 0 {
		return 0, false
	}
	return oddEvenCheck(b[:]), true
}
