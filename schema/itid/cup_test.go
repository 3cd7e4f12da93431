package itid

import "testing"

func TestCUP(t *testing.T) {
	runCases(t, KindCUP, CUP, []tcase{
		{"example 1", "E37H18000630005", ""},
		{"example 2", "J14E20000010001", ""},
		{"example 3", "F79J22001380004", ""},
		{"lower case", "e37h18000630005", ""},
		{"surrounding spaces", " E37H18000630005\n", ""},

		{"empty", "", ReasonLength},
		{"14 chars", "E37H1800063000", ReasonLength},
		{"16 chars", "E37H180006300055", ReasonLength},
		{"inner space", "E37H 18000630005", ReasonCharset},
		{"hyphen", "E37H-18000630005", ReasonCharset},
		{"non-ASCII", "È37H18000630005", ReasonCharset},
		{"digit first", "337H18000630005", ReasonFormat},
		{"letter second", "EA7H18000630005", ReasonFormat},
		{"letter third", "E3AH18000630005", ReasonFormat},
		{"digit fourth", "E37118000630005", ReasonFormat},
		{"letter in the number", "E37H1800063000X", ReasonFormat},
		{"letter O for zero", "E37H18OOO630005", ReasonFormat},
	})
}
