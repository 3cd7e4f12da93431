package schema

import "testing"

func TestParseMoney(t *testing.T) {
	cases := []struct {
		name, in string
		want     int64
		bad      bool
	}{
		{"italian full", "1.234,50", 123450, false},
		{"italian one decimal", "1234,5", 123450, false},
		{"euro sign and spaces", "€ 2 464 000", 246400000, false},
		{"thousands dots only", "2.464.000", 246400000, false},
		{"english", "1,234.50", 123450, false},
		{"dot decimal", "1234.50", 123450, false},
		{"three digits after comma is thousands", "1,234", 123400, false},
		{"EUR suffix", "150 EUR", 15000, false},
		{"negative", "-10", -1000, false},
		{"cents only", "0,05", 5, false},
		{"too many decimals", "1,234,5678", 0, true},
		{"mixed thousands after decimal", "1,234.567", 0, true},
		{"letters", "mille", 0, true},
		{"empty", " ", 0, true},
		{"huge", "1234567890123456789", 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseMoney(tc.in)
			if tc.bad {
				if err == nil {
					t.Fatalf("ParseMoney(%q) = %d, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseMoney(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestFormatMoney(t *testing.T) {
	cases := []struct {
		cents int64
		lang  Lang
		want  string
	}{
		{246400000, IT, "€ 2.464.000,00"},
		{123450, EN, "€1,234.50"},
		{5, IT, "€ 0,05"},
		{-100, IT, "-€ 1,00"},
	}
	for _, tc := range cases {
		if got := FormatMoney(tc.cents, tc.lang); got != tc.want {
			t.Errorf("FormatMoney(%d, %s) = %q, want %q", tc.cents, tc.lang, got, tc.want)
		}
		if back, err := ParseMoney(FormatMoney(tc.cents, IT)); err != nil || back != tc.cents {
			t.Errorf("round trip of %d: %d, %v", tc.cents, back, err)
		}
	}
}
