package itid

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// class is a set of character classes met while scanning an input.
type class uint8

const (
	clsDigit  class = 1 << iota // 0-9
	clsLetter                   // A-Z after upper-casing
	clsOther                    // anything else: punctuation, non-ASCII, inner white space kept
)

// scan copies s into buf with ASCII letters upper-cased and returns how many characters s
// holds and which classes they belong to. With dropSpace, white space (Unicode, so U+00A0
// pasted from PDFs too) is skipped; otherwise it counts as clsOther. n may exceed len(buf):
// only the first len(buf) characters are written, so callers check n before reading buf.
// Only ASCII is upper-cased on purpose: strings.ToUpper would turn e.g. U+017F (long s)
// into "S" and let a non-ASCII character pass as a valid one.
//
// It works on the stack and does not allocate, so the checks stay allocation-free for valid
// input (they run on every keystroke in the browser).
func scan(s string, buf []byte, dropSpace bool) (n int, cls class) {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if dropSpace && unicode.IsSpace(r) {
				continue
			}
			cls |= clsOther
			n++
			continue
		}
		i++
		switch {
		case '0' <= c && c <= '9':
			cls |= clsDigit
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
			cls |= clsLetter
		case 'A' <= c && c <= 'Z':
			cls |= clsLetter
		case dropSpace && isASCIISpace(c):
			continue
		default:
			cls |= clsOther
		}
		if n < len(buf) {
			buf[n] = c
		}
		n++
	}
	return n, cls
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// normalize drops white space (the same set scan drops) and upper-cases ASCII letters. Other
// characters are kept, so a check of the result gives the same verdict as a check of s. Each
// invalid UTF-8 byte becomes U+FFFD: kept as is, two stray bytes around a dropped space could
// join into a new character (\xc2 \xa0 into a no-break space), and normalising twice would
// change the result. It returns s itself when nothing changes.
func normalize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || isASCIISpace(c) || ('a' <= c && c <= 'z') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b.WriteRune(utf8.RuneError)
			case !unicode.IsSpace(r):
				b.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		i++
		switch {
		case isASCIISpace(c):
		case 'a' <= c && c <= 'z':
			b.WriteByte(c - ('a' - 'A'))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' }
