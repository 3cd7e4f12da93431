package itid

import "strings"

// RUNTS, Registro Unico Nazionale del Terzo Settore (artt. 45-53 D.lgs. 3 luglio 2017 n. 117,
// Codice del Terzo settore; DM 15 settembre 2020 n. 106). Art. 46 c. 1 divides it into
// sections, each entity being registered in one:
//
//	a  organizzazioni di volontariato (ODV)
//	b  associazioni di promozione sociale (APS)
//	c  enti filantropici
//	d  imprese sociali, incluse le cooperative sociali
//	e  reti associative
//	f  società di mutuo soccorso
//	g  altri enti del Terzo settore
//
// A registration is written here as the section letter followed by the repertorio number the
// registry gives the entity (1 to 9 digits, as shown on the RUNTS portal), e.g. "B/123456".
// The number has no check digit, so only its shape is checked.

// RUNTS checks a RUNTS registration: a section letter a-g (case-insensitive), an optional
// separator (space, "-", "/" or ":", with spaces around it allowed, e.g. "B / 123") and the
// repertorio number, 1 to 9 digits, not all zeros. Surrounding white space is ignored.
func RUNTS(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return fail(KindRUNTS, ReasonLength)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnumASCII(c) && c != ' ' && c != '-' && c != '/' && c != ':' {
			return fail(KindRUNTS, ReasonCharset)
		}
	}
	section := s[0] | 0x20 // ASCII lower case; s[0] is a letter or digit here
	if !('a' <= section && section <= 'z') || len(s) > 1 && !isDigit(s[1]) && isAlnumASCII(s[1]) {
		// No section letter, or a word ("AB12", "sez b") instead of a single letter.
		return fail(KindRUNTS, ReasonFormat)
	}
	if section > 'g' {
		return fail(KindRUNTS, ReasonSection)
	}
	rest := strings.TrimLeft(s[1:], " ")
	if rest != "" && (rest[0] == '-' || rest[0] == '/' || rest[0] == ':') {
		rest = strings.TrimLeft(rest[1:], " ")
	}
	if rest == "" {
		return fail(KindRUNTS, ReasonFormat)
	}
	zero := true
	for i := 0; i < len(rest); i++ {
		if !isDigit(rest[i]) {
			return fail(KindRUNTS, ReasonFormat)
		}
		zero = zero && rest[i] == '0'
	}
	if len(rest) > 9 {
		return fail(KindRUNTS, ReasonLength)
	}
	if zero {
		return fail(KindRUNTS, ReasonZero)
	}
	return nil
}
