package draft

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"bando/schema/itid"
)

// withCheck completes the start of a code with its check character: itid.CFCheckChar for
// 15 characters of a codice fiscale, itid.ElevenDigitCheck for 10 digits of a partita IVA.
func withCheck(t *testing.T, check func(string) (byte, bool), start string) string {
	t.Helper()
	c, ok := check(start)
	if !ok {
		t.Fatalf("no check character for %q", start)
	}
	return start + string(c)
}

// withIBANCheck writes the correct check digits of an IBAN given as country + "??" + BBAN.
func withIBANCheck(t *testing.T, s string) string {
	t.Helper()
	cd, ok := itid.IBANCheckDigits(s[:2], s[4:])
	if !ok {
		t.Fatalf("IBANCheckDigits(%q)", s)
	}
	return s[:2] + cd + s[4:]
}

func reasonOf(check func(string) error, s string) string { return reason(check(s)) }

// TestFakesKeepTheReason checks each fake on its own, without the retries of redact.go: over
// many seeds the fake of every value gets the same verdict (valid, or invalid for the same
// itid reason), the same rune count and white space in the same places, and differs from the
// original unless nothing in it can change.
func TestFakesKeepTheReason(t *testing.T) {
	type fake = func(string, *rand.Rand) string
	const (
		rarely    = 3   // chance alone
		sometimes = 80  // a RUNTS section letter of seven: about 43
		always    = 300 // nothing in it can change (all zeros, kept office and first digit)
	)
	cf, eleven, iban, addr := fake(fakeCF), fake(fakeEleven), fake(fakeIBAN), fake(fakeAddress)
	cases := []struct {
		name   string
		fake   fake
		checks []func(string) error // every check must judge fake and original alike
		in     string
		want   string // the reason of the original, to prove the case tests what it says
		same   int    // how many of the 300 fakes may equal the original
	}{
		{"cf valid", cf, []func(string) error{itid.CodiceFiscale}, "RSSMCL99M07F205Y", "", rarely},
		{"cf valid woman", cf, []func(string) error{itid.CodiceFiscale}, withCheck(t, itid.CFCheckChar, "BRTGLU78E54D612"), "", rarely},
		{"cf valid omocodia", cf, []func(string) error{itid.CodiceFiscale}, withCheck(t, itid.CFCheckChar, "RSSMCL99M0TF2LR"), "", rarely},
		{"cf valid lower case with spaces", cf, []func(string) error{itid.CodiceFiscale}, "rssmcl 99m07 f205y", "", rarely},
		{"cf checksum", cf, []func(string) error{itid.CodiceFiscale}, "RSSMCL99M07F205Z", itid.ReasonChecksum, rarely},
		{"cf day 31 February", cf, []func(string) error{itid.CodiceFiscale}, "RSSMCL99B31F205Y", itid.ReasonDate, rarely},
		{"cf month letter Z", cf, []func(string) error{itid.CodiceFiscale}, "RSSMCL99Z07F205Y", itid.ReasonDate, rarely},
		{"cf day 00 omocodia", cf, []func(string) error{itid.CodiceFiscale}, "RSSMCL99MLLF205Y", itid.ReasonDate, rarely},
		{"cf letter O for zero", cf, []func(string) error{itid.CodiceFiscale}, "RSSMCL99M07F2O5Y", itid.ReasonFormat, rarely},
		{"cf digit in the surname", cf, []func(string) error{itid.CodiceFiscale}, "R5SMCL99M07F205Y", itid.ReasonFormat, rarely},
		{"cf too short", cf, []func(string) error{itid.CodiceFiscale}, "RSSMCL99M07F20", itid.ReasonLength, rarely},
		{"cf stray dot", cf, []func(string) error{itid.CodiceFiscale}, "RSSMCL99M07F205.", itid.ReasonCharset, rarely},
		{"cf accented letter", cf, []func(string) error{itid.CodiceFiscale}, "RSSMCL99M07F205È", itid.ReasonCharset, rarely},

		{"eleven valid", eleven, []func(string) error{itid.CodiceFiscaleEnte, itid.PartitaIVA}, "00743110157", "", rarely},
		{"eleven association", eleven, []func(string) error{itid.CodiceFiscaleEnte, itid.PartitaIVA}, "94123450481", "", rarely},
		{"eleven office not a VAT office", eleven, []func(string) error{itid.CodiceFiscaleEnte, itid.PartitaIVA}, "12345678903", "", rarely},
		{"eleven zero progressive", eleven, []func(string) error{itid.CodiceFiscaleEnte, itid.PartitaIVA}, withCheck(t, itid.ElevenDigitCheck, "0000000015"), "", always},
		{"eleven checksum", eleven, []func(string) error{itid.CodiceFiscaleEnte, itid.PartitaIVA}, "00743110158", itid.ReasonChecksum, rarely},
		{"eleven all zeros", eleven, []func(string) error{itid.CodiceFiscaleEnte, itid.PartitaIVA}, "00000000000", itid.ReasonZero, always},
		{"eleven ten digits", eleven, []func(string) error{itid.CodiceFiscaleEnte, itid.PartitaIVA}, "0074311015", itid.ReasonLength, rarely},
		{"eleven letter O", eleven, []func(string) error{itid.CodiceFiscaleEnte, itid.PartitaIVA}, "0074311O157", itid.ReasonCharset, rarely},
		{"piva IT prefix and spaces", eleven, []func(string) error{itid.PartitaIVA}, "it 007 431 101 57", "", rarely},

		{"iban valid", iban, []func(string) error{itid.IBAN}, "IT60X0542811101000000123456", "", rarely},
		{"iban valid printed form", iban, []func(string) error{itid.IBAN}, "it60 x054 2811 1010 0000 0123 456", "", rarely},
		{"iban valid German", iban, []func(string) error{itid.IBAN}, "DE89370400440532013000", "", rarely},
		{"iban mod 97", iban, []func(string) error{itid.IBAN}, "IT60X0542811101000000123457", itid.ReasonChecksum, rarely},
		{"iban CIN only", iban, []func(string) error{itid.IBAN}, withIBANCheck(t, "IT??Y0542811101000000123456"), itid.ReasonChecksum, rarely},
		{"iban check digits 00", iban, []func(string) error{itid.IBAN}, "IT00X0542811101000000123456", itid.ReasonChecksum, rarely},
		{"iban unknown country", iban, []func(string) error{itid.IBAN}, "XX60X0542811101000000123456", itid.ReasonCountry, rarely},
		{"iban short", iban, []func(string) error{itid.IBAN}, "IT60X054281110100000012345", itid.ReasonLength, rarely},
		{"iban Italian BBAN shape", iban, []func(string) error{itid.IBAN}, "IT6000542811101000000123456", itid.ReasonFormat, rarely},
		{"iban digit in country", iban, []func(string) error{itid.IBAN}, "I160X0542811101000000123456", itid.ReasonFormat, rarely},
		{"iban stray dot", iban, []func(string) error{itid.IBAN}, "IT60X05428111010000001234.6", itid.ReasonCharset, rarely},

		{"pec valid", addr, []func(string) error{itid.PEC}, "segreteria@pec.pontidiparole.it", "", rarely},
		{"pec one label", addr, []func(string) error{itid.PEC}, "mario.rossi@pec", itid.ReasonFormat, rarely},
		{"pec space inside", addr, []func(string) error{itid.PEC}, "mario rossi@pec.it", itid.ReasonCharset, rarely},
		{"pec two at signs", addr, []func(string) error{itid.PEC}, "mario@@pec.it", itid.ReasonFormat, rarely},
		{"pec accented", addr, []func(string) error{itid.PEC}, "màrio@pec.it", itid.ReasonCharset, rarely},
		{"pec numeric top-level domain", addr, []func(string) error{itid.PEC}, "mario@pec.123", itid.ReasonFormat, rarely},
		{"pec double dot", addr, []func(string) error{itid.PEC}, "mario..rossi@pec.it", itid.ReasonFormat, rarely},
		{"pec hyphen ending a label", addr, []func(string) error{itid.PEC}, "mario@pec-.it", itid.ReasonFormat, rarely},
		{"pec local part too long", addr, []func(string) error{itid.PEC}, strings.Repeat("m", 65) + "@pec.it", itid.ReasonLength, rarely},

		{"runts valid", fakeRUNTS, []func(string) error{itid.RUNTS}, "A/87231", "", rarely},
		{"runts valid spaced", fakeRUNTS, []func(string) error{itid.RUNTS}, " b - 1234 ", "", rarely},
		{"runts section h", fakeRUNTS, []func(string) error{itid.RUNTS}, "H/123", itid.ReasonSection, rarely},
		{"runts zero", fakeRUNTS, []func(string) error{itid.RUNTS}, "b/0000", itid.ReasonZero, sometimes},
		{"runts ten digits", fakeRUNTS, []func(string) error{itid.RUNTS}, "B/1234567890", itid.ReasonLength, rarely},
		{"runts word", fakeRUNTS, []func(string) error{itid.RUNTS}, "sez b 123", itid.ReasonFormat, rarely},
		{"runts hash", fakeRUNTS, []func(string) error{itid.RUNTS}, "B/1234#", itid.ReasonCharset, rarely},

		{"cup valid", fakeShape, []func(string) error{itid.CUP}, "J14E20000010001", "", rarely},
		{"cup short", fakeShape, []func(string) error{itid.CUP}, "J14E2000001000", itid.ReasonLength, rarely},
		{"cup digit first", fakeShape, []func(string) error{itid.CUP}, "114E20000010001", itid.ReasonFormat, rarely},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := reasonOf(tc.checks[0], tc.in); got != tc.want {
				t.Fatalf("the original's reason is %q, the case says %q", got, tc.want)
			}
			same := 0
			for seed := range uint64(300) {
				out := tc.fake(tc.in, rand.New(rand.NewPCG(seed, 7)))
				for _, check := range tc.checks {
					if a, b := reasonOf(check, tc.in), reasonOf(check, out); a != b {
						t.Fatalf("seed %d: %q → %q: reason %q became %q", seed, tc.in, out, a, b)
					}
				}
				sameLayout(t, tc.in, out)
				if out == tc.in {
					same++
				}
			}
			switch {
			case tc.same == always && same != always:
				t.Errorf("%q changed, but nothing in it can", tc.in)
			case same > tc.same:
				t.Errorf("%q came back unchanged %d times out of 300", tc.in, same)
			}
		})
	}
}

// sameLayout fails unless out has as many runes as in, white space in the same places and
// ASCII letters typed in lower case still in lower case.
func sameLayout(t *testing.T, in, out string) {
	t.Helper()
	a, b := []rune(in), []rune(out)
	if len(a) != len(b) {
		t.Fatalf("%q → %q: %d runes became %d", in, out, len(a), len(b))
	}
	for i := range a {
		if unicode.IsSpace(a[i]) != unicode.IsSpace(b[i]) || ('a' <= a[i] && a[i] <= 'z') != ('a' <= b[i] && b[i] <= 'z') {
			t.Fatalf("%q → %q: layout changed at rune %d", in, out, i)
		}
	}
}

// TestFakeCFKeepsOmocodiaAndSex: a valid code stays valid with letters in the same omocodia
// positions and the day on the same side of 40.
func TestFakeCFKeepsOmocodiaAndSex(t *testing.T) {
	for _, in := range []string{withCheck(t, itid.CFCheckChar, "RSSMCL99M4TF2LR"), withCheck(t, itid.CFCheckChar, "BRTGLU78E14D612")} {
		for seed := range uint64(200) {
			out := fakeCF(in, rand.New(rand.NewPCG(seed, 1)))
			for i := range 16 {
				if cfDigitPos(i) && isDigit(in[i]) != isDigit(out[i]) {
					t.Fatalf("%s → %s: omocodia changed at %d", in, out, i+1)
				}
			}
			if (cfDay([]byte(in)) > 40) != (cfDay([]byte(out)) > 40) {
				t.Fatalf("%s → %s: sex changed", in, out)
			}
		}
	}
}

func TestFakeDate(t *testing.T) {
	cases := []struct {
		name, in string
		valid    bool
	}{
		{"birth date", "1978-05-14", true},
		{"leap day", "2000-02-29", true},
		{"30 February", "1978-02-30", false},
		{"Italian order", "14/05/1978", false},
		{"words", "14 maggio 1978", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for seed := range uint64(100) {
				out := fakeDate(tc.in, rand.New(rand.NewPCG(seed, 3)))
				d, err := time.Parse(time.DateOnly, out)
				if (err == nil) != tc.valid {
					t.Fatalf("%q → %q: validity changed", tc.in, out)
				}
				if tc.valid && out[:4] != tc.in[:4] {
					t.Fatalf("%q → %q (%v): another year", tc.in, out, d)
				}
				if !tc.valid {
					sameLayout(t, tc.in, out)
				}
			}
		})
	}
}

func TestFakeText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"name", "Giulia Bartolini", "Xxxxxx Xxxxxxxxx"},
		{"address and number", "Via dei Serragli 48", "Xxx xxx Xxxxxxxx 00"},
		{"phone", "+39 055 1234567", "+00 000 0000000"},
		{"lines and punctuation", "Capofila.\n\n– Linea 1: sì!", "Xxxxxxxx.\n\n– Xxxxx 0: xà!"},
		{"accents and other scripts", "Perché Ωμέγα 東京 ٣", "Xxxxxà Ààààà ªª ٠"},
		{"blank", "  \t", "  \t"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := fakeText(tc.in, nil)
			if got != tc.want {
				t.Fatalf("fakeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if utf8.RuneCountInString(got) != utf8.RuneCountInString(tc.in) {
				t.Fatalf("rune count changed")
			}
		})
	}
}
