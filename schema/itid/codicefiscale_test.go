package itid

import (
	"testing"
)

// Omocodic variants of RSSMCL99M07F205Y, worked out by hand with the Ministry tables and
// checked again by TestCFCheckCharOmocodia.
//
// RSSMCL99M07F205 (odd positions use the odd table, even positions the even table):
//
//	pos  1 R odd  8   2 S even 18   3 S odd 12   4 M even 12   5 C odd  5
//	pos  6 L even 11  7 9 odd 21    8 9 even 9   9 M odd 18   10 0 even 0
//	pos 11 7 odd 17  12 F even 5   13 2 odd  5  14 0 even 0   15 5 odd 13
//	odd sum 99 + even sum 55 = 154; 154 mod 26 = 24 -> Y            RSSMCL99M07F205Y
//
// Level 1, position 15 5 -> R: odd value 13 becomes 8, sum 149, 149 mod 26 = 19 -> T
//
//	RSSMCL99M07F20RT
//
// Level 2, also position 14 0 -> L: even value 0 becomes 11, sum 160, 160 mod 26 = 4 -> E
//
//	RSSMCL99M07F2LRE
//
// All seven positions (9->V, 9->V, 0->L, 7->T, 2->N, 0->L, 5->R): the values change by
// -11 +12 +11 -3 +15 +11 -5 = +30, sum 184, 184 mod 26 = 2 -> C
//
//	RSSMCLVVMLTFNLRC
//
// Woman, day 47 (7 + 40), position 10 0 -> 4: even value +4, sum 158, 158 mod 26 = 2 -> C
//
//	RSSMCL99M47F205C
const (
	cfBase      = "RSSMCL99M07F205Y"
	cfOmo1      = "RSSMCL99M07F20RT"
	cfOmo2      = "RSSMCL99M07F2LRE"
	cfOmoAll    = "RSSMCLVVMLTFNLRC"
	cfFemale    = "RSSMCL99M47F205C"
	cfSecondKey = "RCCMNL83S18D969H"
)

func TestCodiceFiscale(t *testing.T) {
	runCases(t, KindCF, CodiceFiscale, []tcase{
		{"valid", cfBase, ""},
		{"valid second", cfSecondKey, ""},
		{"lower case", "rssmcl99m07f205y", ""},
		{"mixed case", "RssMcl99m07F205y", ""},
		{"spaces around and inside", "  RSS MCL 99M07 F205Y ", ""},
		{"tab and newline", "\tRSSMCL99M07F205Y\n", ""},
		{"no-break space from a PDF", "RSSMCL99M07F205Y\u00a0", ""},
		{"omocodia level 1", cfOmo1, ""},
		{"omocodia level 2", cfOmo2, ""},
		{"omocodia all seven", cfOmoAll, ""},
		{"omocodia lower case", "rssmclvvmltfnlrc", ""},
		{"female day+40", cfFemale, ""},

		{"empty", "", ReasonLength},
		{"too short", "RSSMCL99M07F20", ReasonLength},
		{"too long", cfBase + "Y", ReasonLength},
		{"eleven digits is not a person code", "00743110157", ReasonLength},
		{"wrong check char", "RSSMCL99M07F205Z", ReasonChecksum},
		{"omocodic with base check char", "RSSMCL99M07F20RY", ReasonChecksum},
		{"transposed digits", "RSSMCL99M07F250Y", ReasonChecksum},
		{"letter O for zero", "RSSMCL99M07F2O5Y", ReasonFormat},
		{"letter W in a digit place", "RSSMCL99M07F20WY", ReasonFormat},
		{"digit in surname", "R5SMCL99M07F205Y", ReasonFormat},
		{"digit as month", "RSSMCL99007F205Y", ReasonFormat},
		{"digit as comune letter", "RSSMCL99M079205Y", ReasonFormat},
		{"digit as check char", "RSSMCL99M07F2059", ReasonFormat},
		{"punctuation", "RSSMCL99M07F205Y.", ReasonCharset},
		{"hyphen", "RSS-MCL-99M07F205Y", ReasonCharset},
		{"accented letter", "RSSMCL99M07F205È", ReasonCharset},
		{"long s does not upper-case to S", "RSSMCL99M07F205\u017f", ReasonCharset},
		{"zero-width space", "RSSMCL99M07\u200bF205Y", ReasonCharset},
		{"invalid UTF-8", "RSSMCL99M07F205\xff", ReasonCharset},
		{"month letter F", "RSSMCL99F07F205Y", ReasonDate},
		{"month letter O", "RSSMCL99O07F205Y", ReasonDate},
		{"day 32", "RSSMCL99M32F205Y", ReasonDate},
		{"day 00", "RSSMCL99M00F205Y", ReasonDate},
		{"day 40", "RSSMCL99M40F205Y", ReasonDate},
		{"day 72", "RSSMCL99M72F205Y", ReasonDate},
		{"month letter Z, omocodic day", "RSSMCL99Z0VF205Y", ReasonDate},
	})
}

// withCheck appends the check character to 15 characters.
func withCheck(t *testing.T, first15 string) string {
	t.Helper()
	c, ok := CFCheckChar(first15)
	if !ok {
		t.Fatalf("CFCheckChar(%q) not ok", first15)
	}
	return first15 + string(c)
}

// TestCodiceFiscaleDates builds codes with a correct check character around the date rules,
// so that the date check, not the checksum, decides.
func TestCodiceFiscaleDates(t *testing.T) {
	cases := []struct{ name, monthDay, want string }{
		{"31 January", "A31", ""},
		{"1 January woman", "A41", ""},
		{"31 January woman", "A71", ""},
		{"29 February (century unknown)", "B29", ""},
		{"29 February woman", "B69", ""},
		{"30 February", "B30", ReasonDate},
		{"30 February woman", "B70", ReasonDate},
		{"30 April", "D30", ""},
		{"31 April", "D31", ReasonDate},
		{"31 June", "H31", ReasonDate},
		{"31 September", "P31", ReasonDate},
		{"31 November", "S31", ReasonDate},
		{"31 December woman", "T71", ""},
		{"day 0", "A00", ReasonDate},
		{"day 32", "A32", ReasonDate},
		{"day 40", "A40", ReasonDate},
		{"day 72", "A72", ReasonDate},
		{"omocodic day MT = 17", "AMT", ""},
		{"omocodic woman day QM = 41", "AQM", ""},
		{"omocodic day PN = 32", "APN", ReasonDate},
		{"month G", "G10", ReasonDate},
		{"month Z", "Z10", ReasonDate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cf := withCheck(t, "RSSMCL99"+c.monthDay+"F205")
			expectReason(t, KindCF, cf, CodiceFiscale(cf), c.want)
		})
	}
}

func TestCFCheckCharOmocodia(t *testing.T) {
	for _, cf := range []string{cfBase, cfOmo1, cfOmo2, cfOmoAll, cfFemale, cfSecondKey} {
		t.Run(cf, func(t *testing.T) {
			c, ok := CFCheckChar(cf[:15])
			if !ok || c != cf[15] {
				t.Fatalf("CFCheckChar(%q) = %q, %v; want %q", cf[:15], c, ok, cf[15])
			}
		})
	}
	// Every single omocodia substitution, with the check character recomputed, is valid.
	subst := "LMNPQRSTUV"
	for _, pos := range []int{6, 7, 9, 10, 12, 13, 14} {
		b := []byte(cfBase[:15])
		b[pos] = subst[b[pos]-'0']
		cf := withCheck(t, string(b))
		if err := CodiceFiscale(cf); err != nil {
			t.Errorf("omocodic %q at position %d: %v", cf, pos+1, err)
		}
	}
}

func TestCFCheckChar(t *testing.T) {
	cases := []struct {
		name, in string
		want     byte
		ok       bool
	}{
		{"base", "RSSMCL99M07F205", 'Y', true},
		{"lower case", "rssmcl99m07f205", 'Y', true},
		{"omocodic", "RSSMCLVVMLTFNLR", 'C', true},
		{"empty", "", 0, false},
		{"14 chars", "RSSMCL99M07F20", 0, false},
		{"16 chars", "RSSMCL99M07F205Y", 0, false},
		{"space", "RSSMCL99M07F 05", 0, false},
		{"non-ASCII", "RSSMCL99M07F2\u00c805"[:15], 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := CFCheckChar(c.in)
			if got != c.want || ok != c.ok {
				t.Fatalf("CFCheckChar(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
			}
		})
	}
}

func TestNormalizeCF(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"already normal", cfBase, cfBase},
		{"lower and spaces", " rss mcl 99m07 f205y ", cfBase},
		{"no-break space", "RSSMCL\u00a099M07F205Y", cfBase},
		{"other characters kept", "rss-mcl", "RSS-MCL"},
		{"non-ASCII kept as is", "àb\u017f", "àB\u017f"},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", "A\uFFFDB"},
		{"stray bytes around a space do not join", "\xc2 \xa0", "\uFFFD\uFFFD"},
		{"empty", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := NormalizeCF(c.in); got != c.want {
				t.Fatalf("NormalizeCF(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestCodiceFiscaleNoAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = CodiceFiscale(" rss mcl 99m07 f205y ") }); n != 0 {
		t.Errorf("CodiceFiscale allocates %v times for valid input", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = NormalizeCF(cfBase) }); n != 0 {
		t.Errorf("NormalizeCF allocates %v times for normal input", n)
	}
}

func FuzzCodiceFiscale(f *testing.F) {
	for _, s := range []string{cfBase, cfOmo1, cfOmoAll, cfFemale, "rss mcl 99m07 f205y", "RSSMCL99M07F2O5Y",
		"", "\u00a0", "RSSMCL99M07F205\u017f", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CodiceFiscale(s)
		checkShape(t, KindCF, s, err)
		n := NormalizeCF(s)
		if NormalizeCF(n) != n {
			t.Fatalf("NormalizeCF not idempotent on %q", s)
		}
		if (CodiceFiscale(n) == nil) != (err == nil) {
			t.Fatalf("verdict changes after NormalizeCF: %q -> %q", s, n)
		}
		if err != nil {
			return
		}
		if len(n) != 16 {
			t.Fatalf("valid %q normalises to %q", s, n)
		}
		if c, ok := CFCheckChar(n[:15]); !ok || c != n[15] {
			t.Fatalf("valid %q but CFCheckChar = %q, %v", s, c, ok)
		}
		// Any other check character must be refused as a checksum error.
		wrong := n[:15] + string('A'+(n[15]-'A'+1)%26)
		expectReason(t, KindCF, wrong, CodiceFiscale(wrong), ReasonChecksum)
	})
}

func BenchmarkCodiceFiscale(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if CodiceFiscale(cfOmo2) != nil {
			b.Fatal("invalid")
		}
	}
}
