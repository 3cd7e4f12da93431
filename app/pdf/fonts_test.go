package pdf

import "testing"

func TestFontsCoverItalian(t *testing.T) {
	for _, r := range "àèéìòùÀÈÉÌÒÙ€’‘“”«»–—…•·°ªºçñ" {
		if !covered[r] {
			t.Errorf("%q (U+%04X) is not in all three fonts", r, r)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Italian text unchanged", "Perché è già “così” – l’€", "Perché è già “così” – l’€"},
		{"CRLF and CR become LF", "a\r\nb\rc", "a\nb\nc"},
		{"decomposed accents composed", "perche\u0301 citta\u0300", "perché città"},
		{"substitutes", "≤ 5 ✓\tx", "<= 5 X    x"},
		{"control characters and soft hyphens dropped", "a\x00b\x07c\u00add", "abcd"},
		{"missing glyphs become ?", "emoji 😀 and 中", "emoji ? and ?"},
		{"invalid UTF-8 dropped", "a\xffb", "ab"},
		{"stray combining mark dropped", "\u0301x", "x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := clean(tc.in); got != tc.want {
				t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
