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
	_, _, err := parseRUNTS(s)
	return err
}

// RUNTSParts splits a registration RUNTS accepts into its section letter, lower case ("b"),
// and its repertorio number as written ("104587"); ok is false when RUNTS refuses s. A call
// that asks for section and number apart uses it to carry older answers over.
func RUNTSParts(s string) (section, number string, ok bool) {
	sec, num, err := parseRUNTS(s)
	if err != nil {
		return "", "", false
	}
	return string(sec), num, true
}

func parseRUNTS(s string) (section byte, number string, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, "", fail(KindRUNTS, ReasonLength)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnumASCII(c) && c != ' ' && c != '-' && c != '/' && c != ':' {
			return 0, "", fail(KindRUNTS, ReasonCharset)
		}
	}
	section = s[0] | 0x20 // ASCII lower case; s[0] is a letter or digit here
	if !('a' <= section && section <= 'z') || len(s) > 1 && !isDigit(s[1]) && isAlnumASCII(s[1]) {
		// No section letter, or a word ("AB12", "sez b") instead of a single letter.
		return 0, "", fail(KindRUNTS, ReasonFormat)
	}
	if section > 'g' {
		return 0, "", fail(KindRUNTS, ReasonSection)
	}
	rest := strings.TrimLeft(s[1:], " ")
	if rest != "" && (rest[0] == '-' || rest[0] == '/' || rest[0] == ':') {
		rest = strings.TrimLeft(rest[1:], " ")
	}
	if rest == "" {
		return 0, "", fail(KindRUNTS, ReasonFormat)
	}
	zero := true
	for i := 0; i < len(rest); i++ {
		if !isDigit(rest[i]) {
			return 0, "", fail(KindRUNTS, ReasonFormat)
		}
		zero = zero && rest[i] == '0'
	}
	if len(rest) > 9 {
		return 0, "", fail(KindRUNTS, ReasonLength)
	}
	if zero {
		return 0, "", fail(KindRUNTS, ReasonZero)
	}
	return section, rest, nil
}
