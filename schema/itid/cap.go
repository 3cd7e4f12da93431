package itid

import "strings"

// CAP, Codice di Avviamento Postale: the five-digit Italian postal code of Poste Italiane
// (introduced in 1967). "00000" is not a code but the usual placeholder of a missing address,
// so it gets its own reason. Whether a code exists, and matches the comune, needs the Poste
// Italiane list and is not checked.

// CAP checks a postal code: exactly five digits, not 00000. Surrounding white space is
// ignored; white space inside is an error.
func CAP(s string) error {
	var b [5]byte
	n, cls := scan(strings.TrimSpace(s), b[:], false)
	switch {
	case n == 0:
		return fail(KindCAP, ReasonLength)
	case cls != clsDigit:
		return fail(KindCAP, ReasonCharset)
	case n != len(b):
		return fail(KindCAP, ReasonLength)
	case string(b[:]) == "00000":
		return fail(KindCAP, ReasonZero)
	}
	return nil
}
