package builder

import (
	"testing"

	"bando/schema"
)

func TestUTF16Offset(t *testing.T) {
	src := "ab\nàé𝄞x\nz"
	for _, tc := range []struct {
		pos  schema.Position
		want int
	}{
		{schema.Position{Line: 1, Column: 1}, 0},
		{schema.Position{Line: 2, Column: 1}, 3},
		{schema.Position{Line: 2, Column: 3}, 5},
		{schema.Position{Line: 2, Column: 4}, 7},
		{schema.Position{Line: 3, Column: 1}, 9},
	} {
		if got := utf16Offset(src, tc.pos); got != tc.want {
			t.Errorf("%v: %d, want %d", tc.pos, got, tc.want)
		}
	}
}
