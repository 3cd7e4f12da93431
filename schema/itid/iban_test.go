package itid

import (
	"fmt"
	"strings"
	"testing"
)

const (
	ibanIT = "IT60X0542811101000000123456"
	// ibanITLetters has letters in the account number; CIN R and check digits 59 computed with
	// ItalianCIN and IBANCheckDigits, confirmed independently (Python big-integer mod 97).
	ibanITLetters = "IT59R0306909606CC0123456789"
	// ibanITWrongCIN is ibanIT with CIN A instead of X and the ISO check digits recomputed
	// (65), so MOD 97-10 passes and only the Italian CIN catches the error.
	ibanITWrongCIN = "IT65A0542811101000000123456"
)

func TestIBAN(t *testing.T) {
	runCases(t, KindIBAN, IBAN, []tcase{
		{"IT", ibanIT, ""},
		{"IT letters in account", ibanITLetters, ""},
		{"IT print form", "IT60 X054 2811 1010 0000 0123 456", ""},
		{"IT lower case with spaces", " it60 x054 2811 1010 0000 0123 456 ", ""},
		{"IT no-break spaces", "IT60\u00a0X054\u00a02811\u00a01010\u00a00000\u00a00123\u00a0456", ""},
		{"DE", "DE89370400440532013000", ""},
		{"FR letters in account", "FR1420041010050500013M02606", ""},
		{"GB", "GB29NWBK60161331926819", ""},
		{"NL", "NL91ABNA0417164300", ""},
		{"BE", "BE68539007547034", ""},
		{"NO shortest", "NO9386011117947", ""},
		{"CH", "CH9300762011623852957", ""},
		{"ES", "ES9121000418450200051332", ""},
		{"AT", "AT611904300234573201", ""},
		{"SM with Italian CIN", "SM86U0322509800000000270100", ""},
		{"VA", "VA59001123000012345678", ""},
		{"MT 31 chars", "MT84MALT011000012345MTLCAST001S", ""},

		{"empty", "", ReasonLength},
		{"shared vector: mod-97", "IT60X0542811101000000123457", ReasonChecksum},
		{"wrong CIN, mod-97 correct", ibanITWrongCIN, ReasonChecksum},
		{"SM wrong CIN, mod-97 correct", "SM06A0322509800000000270100", ReasonChecksum},
		{"wrong check digits", "IT61X0542811101000000123456", ReasonChecksum},
		{"transposed digits", "IT60X0542811101000000123465", ReasonChecksum},
		{"GB wrong", "GB29NWBK60161331926818", ReasonChecksum},
		{"IT 26 chars", "IT60X054281110100000012345", ReasonLength},
		{"IT 28 chars", "IT60X05428111010000001234567", ReasonLength},
		{"DE 21 chars", "DE8937040044053201300", ReasonLength},
		{"too short", "IT6", ReasonLength},
		{"over 34 chars", "IT60X0542811101000000123456000000000", ReasonLength},
		{"unknown country", "XX60X0542811101000000123456", ReasonCountry},
		{"territory code is not an IBAN prefix", "GP1420041010050500013M02606", ReasonCountry},
		{"digit as country", "1T60X0542811101000000123456", ReasonFormat},
		{"letter as check digit", "ITA0X0542811101000000123456", ReasonFormat},
		{"digit as CIN", "IT6010542811101000000123456", ReasonFormat},
		{"letter in ABI", "IT60XA542811101000000123456", ReasonFormat},
		{"letter in CAB", "IT60X054281110A000000123456", ReasonFormat},
		{"punctuation", "IT60X0542811101000000123456!", ReasonCharset},
		{"hyphens", "IT60-X054-2811-1010-0000-0123-456", ReasonCharset},
		{"non-ASCII", "IT60X0542811101000000123456\u00c8", ReasonCharset},
	})
}

// TestIBANCheckDigitsRange: check digits 00, 01 and 99 satisfy MOD 97-10 whenever 97, 98
// and 02 do, but ISO 7064 only produces 02-98, so they are refused.
func TestIBANCheckDigitsRange(t *testing.T) {
	alias := map[string]string{"97": "00", "98": "01", "02": "99"}
	found := map[string]bool{}
	for i := 0; i < 100000 && len(found) < len(alias); i++ {
		bban := fmt.Sprintf("37040044%010d", i)
		cd, ok := IBANCheckDigits("DE", bban)
		if !ok {
			t.Fatal("IBANCheckDigits not ok")
		}
		bad, interesting := alias[cd]
		if !interesting || found[cd] {
			continue
		}
		found[cd] = true
		good := "DE" + cd + bban
		wrong := "DE" + bad + bban
		if mod97(mod97(0, []byte(bban)), []byte(wrong[:4])) != 1 {
			t.Fatalf("%s should satisfy mod 97", wrong)
		}
		t.Run(good+"/"+bad, func(t *testing.T) {
			expectReason(t, KindIBAN, good, IBAN(good), "")
			expectReason(t, KindIBAN, wrong, IBAN(wrong), ReasonChecksum)
		})
	}
	if len(found) != len(alias) {
		t.Fatalf("only found %v", found)
	}
}

// TestIBANWrongCIN builds the wrong-CIN vector again, so the constant above stays honest.
func TestIBANWrongCIN(t *testing.T) {
	cd, ok := IBANCheckDigits("IT", ibanITWrongCIN[4:])
	if !ok || cd != ibanITWrongCIN[2:4] {
		t.Fatalf("IBANCheckDigits = %q, %v; want %q", cd, ok, ibanITWrongCIN[2:4])
	}
	cin, ok := ItalianCIN("05428", "11101", "000000123456")
	if !ok || cin != 'X' || cin == ibanITWrongCIN[4] {
		t.Fatalf("ItalianCIN = %q, %v", cin, ok)
	}
}

// TestIBANLengthTable guards the registry table against typos.
func TestIBANLengthTable(t *testing.T) {
	sepa := []string{"AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
		"GB", "GI", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MT", "NL",
		"NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA"}
	for _, cc := range sepa {
		if ibanLength[cc] == 0 {
			t.Errorf("SEPA country %s missing", cc)
		}
	}
	for cc, n := range ibanLength {
		if len(cc) != 2 || !isLetter(cc[0]) || !isLetter(cc[1]) || n < 15 || n > 34 {
			t.Errorf("bad entry %q: %d", cc, n)
		}
	}
	if ibanLength["IT"] != 27 || ibanLength["SM"] != 27 || ibanLength["DE"] != 22 ||
		ibanLength["NO"] != 15 || ibanLength["RU"] != 33 {
		t.Error("known lengths changed")
	}
}

func TestIBANCheckDigits(t *testing.T) {
	cases := []struct {
		name, cc, bban, want string
		ok                   bool
	}{
		{"IT", "IT", "X0542811101000000123456", "60", true},
		{"DE lower-case country", "de", "370400440532013000", "89", true},
		{"GB lower-case bban", "GB", "nwbk60161331926819", "29", true},
		{"unknown country still computed", "XX", "123", "", true},
		{"one-letter country", "I", "X0542811101000000123456", "", false},
		{"digit country", "I1", "123", "", false},
		{"empty bban", "IT", "", "", false},
		{"bban with space", "IT", "X054 2811", "", false},
		{"bban of 31", "IT", strings.Repeat("1", 31), "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := IBANCheckDigits(c.cc, c.bban)
			if ok != c.ok || (c.want != "" && got != c.want) {
				t.Fatalf("IBANCheckDigits(%q, %q) = %q, %v; want %q, %v", c.cc, c.bban, got, ok, c.want, c.ok)
			}
			if ok {
				if len(got) != 2 || got < "02" || got > "98" {
					t.Fatalf("check digits %q out of range", got)
				}
			}
		})
	}
}

func TestItalianCIN(t *testing.T) {
	cases := []struct {
		name, abi, cab, conto string
		want                  byte
		ok                    bool
	}{
		{"known", "05428", "11101", "000000123456", 'X', true},
		{"letters in account", "03069", "09606", "CC0123456789", 'R', true},
		{"lower-case account", "03069", "09606", "cc0123456789", 'R', true},
		{"San Marino example", "03225", "09800", "000000270100", 'U', true},
		{"short ABI", "0542", "11101", "000000123456", 0, false},
		{"letter in ABI", "0542A", "11101", "000000123456", 0, false},
		{"letter in CAB", "05428", "1110B", "000000123456", 0, false},
		{"short account", "05428", "11101", "00000123456", 0, false},
		{"punctuation in account", "05428", "11101", "00000-123456", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ItalianCIN(c.abi, c.cab, c.conto)
			if got != c.want || ok != c.ok {
				t.Fatalf("ItalianCIN = %q, %v; want %q, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

func TestNormalizeAndFormatIBAN(t *testing.T) {
	cases := []struct{ name, in, norm, format string }{
		{"electronic", ibanIT, ibanIT, "IT60 X054 2811 1010 0000 0123 456"},
		{"print form", "IT60 X054 2811 1010 0000 0123 456", ibanIT, "IT60 X054 2811 1010 0000 0123 456"},
		{"messy", " it60x0542 811101000000 123456\t", ibanIT, "IT60 X054 2811 1010 0000 0123 456"},
		{"multiple of four", "NL91ABNA0417164300", "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"},
		{"exactly 16", "BE68539007547034", "BE68539007547034", "BE68 5390 0754 7034"},
		{"short", "it6", "IT6", "IT6"},
		{"non-ASCII counts as one character", "ab€cdef", "AB€CDEF", "AB€C DEF"},
		{"empty", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := NormalizeIBAN(c.in); got != c.norm {
				t.Errorf("NormalizeIBAN(%q) = %q, want %q", c.in, got, c.norm)
			}
			if got := FormatIBAN(c.in); got != c.format {
				t.Errorf("FormatIBAN(%q) = %q, want %q", c.in, got, c.format)
			}
		})
	}
}

func TestIBANNoAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = IBAN("IT60 X054 2811 1010 0000 0123 456") }); n != 0 {
		t.Errorf("IBAN allocates %v times for valid input", n)
	}
}

func FuzzIBAN(f *testing.F) {
	for _, s := range []string{ibanIT, ibanITLetters, ibanITWrongCIN, "IT60 X054 2811 1010 0000 0123 456",
		"DE89370400440532013000", "GB29NWBK60161331926819", "SM86U0322509800000000270100",
		"MT84MALT011000012345MTLCAST001S", "", "IT", "\u00a0", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := IBAN(s)
		checkShape(t, KindIBAN, s, err)
		n := NormalizeIBAN(s)
		if NormalizeIBAN(n) != n {
			t.Fatalf("NormalizeIBAN not idempotent on %q", s)
		}
		if (IBAN(n) == nil) != (err == nil) || (IBAN(FormatIBAN(s)) == nil) != (err == nil) {
			t.Fatalf("verdict changes after NormalizeIBAN/FormatIBAN: %q", s)
		}
		if NormalizeIBAN(FormatIBAN(s)) != n {
			t.Fatalf("FormatIBAN loses characters: %q", s)
		}
		if err != nil {
			return
		}
		if cd, ok := IBANCheckDigits(n[:2], n[4:]); !ok || cd != n[2:4] {
			t.Fatalf("valid %q but IBANCheckDigits = %q, %v", n, cd, ok)
		}
		if n[:2] == "IT" || n[:2] == "SM" {
			if cin, ok := ItalianCIN(n[5:10], n[10:15], n[15:]); !ok || cin != n[4] {
				t.Fatalf("valid %q but ItalianCIN = %q, %v", n, cin, ok)
			}
		}
	})
}

func BenchmarkIBAN(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if IBAN(ibanIT) != nil {
			b.Fatal("invalid")
		}
	}
}
