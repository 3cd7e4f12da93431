package builder

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// TestBoxEdit: the range replaced in the schema box, in UTF-16 units as JavaScript counts, turns
// the old text into the new one, and never cuts a character (accents, emoji) in two.
func TestBoxEdit(t *testing.T) {
	tests := []struct {
		name, old, new string
		start, end     int
		insert         string
	}{
		{"same", "abc", "abc", 3, 3, ""},
		{"empty to text", "", "{}", 0, 0, "{}"},
		{"text to empty", "{}", "", 0, 2, ""},
		{"letter typed", `"label": "Nome"`, `"label": "Nomi"`, 13, 14, "i"},
		{"added at the end", "ab", "abc", 2, 2, "c"},
		{"added at the start", "bc", "abc", 0, 0, "a"},
		{"repeated letter", "aaa", "aaaa", 3, 3, "a"},
		{"accent before", "è x", "è y", 2, 3, "y"},
		{"accent changed", "caffè", "caffé", 4, 5, "é"},
		{"emoji counts two", "😀a", "😀b", 2, 3, "b"},
		{"same first byte", "à", "á", 0, 1, "á"},
		{"lines moved", "a\nb\nc\n", "b\na\nc\n", 0, 3, "b\na"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end, insert := boxEdit(tt.old, tt.new)
			if start != tt.start || end != tt.end || insert != tt.insert {
				t.Errorf("boxEdit(%q, %q) = %d, %d, %q; want %d, %d, %q", tt.old, tt.new, start, end, insert, tt.start, tt.end, tt.insert)
			}
			// Applied as setRangeText does, on UTF-16 text, it gives the new text.
			u := utf16.Encode([]rune(tt.old))
			got := string(utf16.Decode(append(append(append([]uint16{}, u[:start]...), utf16.Encode([]rune(insert))...), u[end:]...)))
			if got != tt.new {
				t.Errorf("applied: %q, want %q", got, tt.new)
			}
		})
	}
}

// TestBoxEditLargeCall: a one-letter edit in a large call replaces a few units, not the call.
func TestBoxEditLargeCall(t *testing.T) {
	line := `  "label": {"it": "Società", "en": "Company"},` + "\n"
	old := strings.Repeat(line, 2000)
	new := strings.Repeat(line, 1000) + strings.Replace(line, "Società", "Società cooperativa", 1) + strings.Repeat(line, 999)
	start, end, insert := boxEdit(old, new)
	if at := 1000*utf16Len(line) + len(`  "label": {"it": "Società`) - 1; start != at || end != at || insert != " cooperativa" {
		t.Errorf("replaced [%d, %d) by %.40q, want [%d, %d) by \" cooperativa\"", start, end, insert, at, at)
	}
}
