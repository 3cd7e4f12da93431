package itid

import "testing"

func TestCAP(t *testing.T) {
	runCases(t, KindCAP, CAP, []tcase{
		{"Roma", "00144", ""},
		{"Milano", "20121", ""},
		{"surrounding spaces", " 90133 ", ""},
		{"lowest", "00010", ""},

		{"empty", "", ReasonLength},
		{"4 digits", "0014", ReasonLength},
		{"6 digits", "001444", ReasonLength},
		{"inner space", "00 144", ReasonCharset},
		{"letter", "0014A", ReasonCharset},
		{"province prefix", "I-00144", ReasonCharset},
		{"zeros", "00000", ReasonZero},
	})
}
