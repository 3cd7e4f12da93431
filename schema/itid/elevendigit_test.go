package itid

import (
	"strings"
	"testing"
)

// eleven appends the check digit to ten digits.
func eleven(t testing.TB, first10 string) string {
	t.Helper()
	c, ok := ElevenDigitCheck(first10)
	if !ok {
		t.Fatalf("ElevenDigitCheck(%q) not ok", first10)
	}
	return first10 + string(c)
}

func TestCodiceFiscaleEnte(t *testing.T) {
	runCases(t, KindCFEnte, CodiceFiscaleEnte, []tcase{
		{"valid", "00743110157", ""},
		{"valid, office 890 is fine for a codice fiscale", "12345678903", ""},
		{"association code starting with 9", eleven(t, "9712345058"), ""},
		{"association code starting with 8", eleven(t, "8001234063"), ""},
		{"spaces", " 007 431 101 57 ", ""},
		{"no-break space", "00743110157\u00a0", ""},

		{"empty", "", ReasonLength},
		{"10 digits", "0074311015", ReasonLength},
		{"12 digits", "007431101570", ReasonLength},
		{"wrong check digit", "00743110158", ReasonChecksum},
		{"transposed digits", "07043110157", ReasonChecksum},
		{"all zeros", "00000000000", ReasonZero},
		{"letter", "0074311015A", ReasonCharset},
		{"VAT prefix is not part of a codice fiscale", "IT00743110157", ReasonCharset},
		{"person code", cfBase, ReasonCharset},
		{"hyphen", "00743-110157", ReasonCharset},
		{"letter beyond eleven digits", "00743110157X", ReasonCharset},
	})
}

func TestPartitaIVA(t *testing.T) {
	runCases(t, KindPIVA, PartitaIVA, []tcase{
		{"valid", "00743110157", ""},
		{"IT prefix", "IT00743110157", ""},
		{"it prefix lower case with space", "it 00743110157", ""},
		{"spaces everywhere", "  IT 007 431 101 57 ", ""},
		{"office 001", eleven(t, "1234567001"), ""},
		{"office 100", eleven(t, "1234567100"), ""},
		{"office 120", eleven(t, "1234567120"), ""},
		{"office 121", eleven(t, "1234567121"), ""},
		{"office 888", eleven(t, "1234567888"), ""},
		{"office 999", eleven(t, "1234567999"), ""},

		{"empty", "", ReasonLength},
		{"prefix only", "IT", ReasonLength},
		{"10 digits", "0074311015", ReasonLength},
		{"prefix and 10 digits", "IT0074311015", ReasonLength},
		{"wrong check digit", "00743110158", ReasonChecksum},
		{"all zeros", "00000000000", ReasonZero},
		{"prefix and all zeros", "IT00000000000", ReasonZero},
		{"zero progressive number", eleven(t, "0000000015"), ReasonZero},
		{"office 000", eleven(t, "1234567000"), ReasonOffice},
		{"office 101", eleven(t, "1234567101"), ReasonOffice},
		{"office 119", eleven(t, "1234567119"), ReasonOffice},
		{"office 122", eleven(t, "1234567122"), ReasonOffice},
		{"office 887", eleven(t, "1234567887"), ReasonOffice},
		{"office 890 (shared test vector)", "12345678903", ReasonOffice},
		{"other country prefix", "DE00743110157", ReasonCharset},
		{"double prefix", "ITIT00743110157", ReasonCharset},
		{"letter", "0074311015A", ReasonCharset},
		{"punctuation", "00743.110.157", ReasonCharset},
	})
}

func TestElevenDigitCheck(t *testing.T) {
	cases := []struct {
		name, in string
		want     byte
		ok       bool
	}{
		{"known", "0074311015", '7', true},
		{"known 2", "1234567890", '3', true},
		{"zeros", "0000000000", '0', true},
		{"empty", "", 0, false},
		{"9 digits", "007431101", 0, false},
		{"11 digits", "00743110157", 0, false},
		{"letter", "007431101A", 0, false},
		{"space", "00743 1101", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ElevenDigitCheck(c.in)
			if got != c.want || ok != c.ok {
				t.Fatalf("ElevenDigitCheck(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
			}
		})
	}
}

// TestElevenDigitCheckSingleErrors: the check digit catches every single-digit change.
func TestElevenDigitCheckSingleErrors(t *testing.T) {
	valid := "00743110157"
	for i := 0; i < 10; i++ {
		for d := byte('0'); d <= '9'; d++ {
			if d == valid[i] {
				continue
			}
			s := valid[:i] + string(d) + valid[i+1:]
			if err := CodiceFiscaleEnte(s); err == nil {
				t.Errorf("%q accepted", s)
			}
		}
	}
}

func TestPartitaIVANoAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = PartitaIVA("IT 00743110157") }); n != 0 {
		t.Errorf("PartitaIVA allocates %v times for valid input", n)
	}
}

func FuzzPartitaIVA(f *testing.F) {
	for _, s := range []string{"00743110157", "IT00743110157", "it 007 431 101 57", "12345678903",
		"00000000000", "IT", "I", "0074311015\u00a0", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := PartitaIVA(s)
		checkShape(t, KindPIVA, s, err)
		checkShape(t, KindCFEnte, s, CodiceFiscaleEnte(s))
		if err != nil {
			return
		}
		digits := NormalizeCF(s) // white space dropped, upper-cased
		digits = strings.TrimPrefix(digits, "IT")
		if len(digits) != 11 {
			t.Fatalf("valid %q has digits %q", s, digits)
		}
		if c, ok := ElevenDigitCheck(digits[:10]); !ok || c != digits[10] {
			t.Fatalf("valid %q but ElevenDigitCheck = %q, %v", s, c, ok)
		}
		// A valid partita IVA is also a valid codice fiscale ente.
		if err := CodiceFiscaleEnte(digits); err != nil {
			t.Fatalf("valid partita IVA %q refused as codice fiscale ente: %v", digits, err)
		}
		if err := PartitaIVA("IT" + digits); err != nil {
			t.Fatalf("prefixed %q refused: %v", digits, err)
		}
	})
}
