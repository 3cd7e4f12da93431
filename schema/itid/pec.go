package itid

import (
	"strings"
	"unicode/utf8"
)

// PEC addresses (Posta Elettronica Certificata, DPR 11 febbraio 2005 n. 68) are ordinary
// e-mail addresses at a certified provider, so only the address syntax can be checked here;
// whether the box is really a PEC box is known only to the public indexes (INI-PEC, IPA) or
// from a delivery receipt. See the package documentation.
//
// The accepted syntax is the common subset that PEC providers issue:
//   - local part: RFC 5322 dot-atom (letters, digits and !#$%&'*+-/=?^_`{|}~, dots not at
//     the ends and not doubled), 1 to 64 characters (RFC 5321 §4.5.3.1.1). Quoted local
//     parts and comments are refused: no provider issues them and they break many systems.
//   - domain: at least two labels; each label 1 to 63 letters, digits or hyphens, not
//     starting or ending with a hyphen (RFC 1035, RFC 5890 A-labels "xn--" included); the
//     last label (TLD) not all digits, at least two characters; at most 253 characters.
//     Address literals ([192.0.2.1]) are refused.
//   - whole address at most 254 characters (RFC 5321 path limit of 256 minus the brackets).
//   - ASCII only: internationalised addresses (RFC 6531) are not used by Italian PEC
//     providers and many PEC gateways reject them.

// PEC checks the syntax of a PEC address. Surrounding white space is ignored.
func PEC(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return fail(KindPEC, ReasonLength)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] <= ' ' || s[i] == 0x7f {
			return fail(KindPEC, ReasonCharset)
		}
	}
	at := strings.IndexByte(s, '@')
	if at < 0 || strings.IndexByte(s[at+1:], '@') >= 0 {
		return fail(KindPEC, ReasonFormat)
	}
	local, domain := s[:at], s[at+1:]
	if local == "" || domain == "" {
		return fail(KindPEC, ReasonFormat)
	}
	if len(s) > 254 || len(local) > 64 || len(domain) > 253 {
		return fail(KindPEC, ReasonLength)
	}
	if err := pecLocal(local); err != nil {
		return err
	}
	return pecDomain(domain)
}

func pecLocal(local string) error {
	for i := 0; i < len(local); i++ {
		c := local[i]
		switch {
		case c == '.':
			if i == 0 || i == len(local)-1 || local[i-1] == '.' {
				return fail(KindPEC, ReasonFormat)
			}
		case isAlnumASCII(c) || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0:
		case c == '"' || c == '(' || c == ')':
			// Quoted strings and comments are legal in RFC 5322 but refused here.
			return fail(KindPEC, ReasonFormat)
		default:
			return fail(KindPEC, ReasonCharset)
		}
	}
	return nil
}

func pecDomain(domain string) error {
	labels := 0
	for rest := domain; ; {
		label := rest
		dot := strings.IndexByte(rest, '.')
		if dot >= 0 {
			label = rest[:dot]
		}
		switch {
		case label == "":
			return fail(KindPEC, ReasonFormat)
		case len(label) > 63:
			return fail(KindPEC, ReasonLength)
		case label[0] == '-' || label[len(label)-1] == '-':
			return fail(KindPEC, ReasonFormat)
		}
		allDigits := true
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !isAlnumASCII(c) && c != '-' {
				return fail(KindPEC, ReasonCharset)
			}
			allDigits = allDigits && isDigit(c)
		}
		labels++
		if dot < 0 {
			// label is the top-level domain.
			if labels < 2 || allDigits || len(label) < 2 {
				return fail(KindPEC, ReasonFormat)
			}
			return nil
		}
		rest = rest[dot+1:]
	}
}

func isAlnumASCII(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}
