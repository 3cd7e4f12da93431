package itid

import (
	"strings"
	"testing"
)

func TestRUNTS(t *testing.T) {
	runCases(t, KindRUNTS, RUNTS, []tcase{
		{"slash", "B/123456", ""},
		{"space lower case", "a 12", ""},
		{"hyphen", "g-7", ""},
		{"colon", "C:1", ""},
		{"no separator", "d123456789", ""},
		{"spaces around separator", "  E / 42 ", ""},
		{"several spaces", "f   9", ""},
		{"leading zeros", "A/000123", ""},
		{"nine digits", "B/999999999", ""},

		{"empty", "", ReasonLength},
		{"section h", "h/123", ReasonSection},
		{"section Z", "Z 1", ReasonSection},
		{"letter only", "B", ReasonFormat},
		{"separator without number", "B/", ReasonFormat},
		{"number without section", "123456", ReasonFormat},
		{"separator first", "/123", ReasonFormat},
		{"two letters", "AB123", ReasonFormat},
		{"word", "sez b 12", ReasonFormat},
		{"double separator", "B//12", ReasonFormat},
		{"two different separators", "B/-12", ReasonFormat},
		{"letter in number", "B/12a", ReasonFormat},
		{"space in number", "B/12 34", ReasonFormat},
		{"trailing separator", "B/12/", ReasonFormat},
		{"ten digits", "B/1234567890", ReasonLength},
		{"zero", "B/0", ReasonZero},
		{"zeros", "b 000", ReasonZero},
		{"underscore", "B_12", ReasonCharset},
		{"dot", "B.12", ReasonCharset},
		{"tab inside", "B\t12", ReasonCharset},
		{"non-ASCII", "È/12", ReasonCharset},
		{"non-ASCII digit", "B/١٢", ReasonCharset},
	})
}

func FuzzRUNTS(f *testing.F) {
	for _, s := range []string{"B/123456", "a 12", "g-7", "C:1", " E / 42 ", "h/1", "B/0", "B//1", "", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := RUNTS(s)
		checkShape(t, KindRUNTS, s, err)
		if (RUNTS(strings.ToUpper(s)) == nil) != (err == nil) && isASCII(s) {
			t.Fatalf("verdict depends on case: %q", s)
		}
		if err != nil {
			return
		}
		s = strings.TrimSpace(s)
		if sec := s[0] | 0x20; sec < 'a' || sec > 'g' {
			t.Fatalf("valid %q with section %q", s, s[0])
		}
		last := s[len(s)-1]
		if !isDigit(last) {
			t.Fatalf("valid %q does not end with a digit", s)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func TestRUNTSParts(t *testing.T) {
	for _, tc := range []struct{ in, section, number string }{
		{"B/104587", "b", "104587"},
		{"  a 87231 ", "a", "87231"},
		{"G - 215506", "g", "215506"},
		{"e:12", "e", "12"},
		{"C000123", "c", "000123"},
		{"H/1", "", ""},      // no section H
		{"B/0000", "", ""},   // all zeros
		{"sez b 12", "", ""}, // a word, not a letter
		{"", "", ""},
	} {
		sec, num, ok := RUNTSParts(tc.in)
		if ok != (tc.section != "") || sec != tc.section || num != tc.number {
			t.Errorf("RUNTSParts(%q) = %q, %q, %v; want %q, %q", tc.in, sec, num, ok, tc.section, tc.number)
		}
	}
}
