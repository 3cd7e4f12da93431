package builder

import (
	"strings"
	"testing"

	"bando/app/calledit"
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

func TestSetString(t *testing.T) {
	doc, err := calledit.Parse([]byte(`{"checks": [{"id": "a", "rule": "true"}], "title": {"it": "T"}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path []string
		v    string
		want string
	}{
		{[]string{"checks", "0", "rule"}, "x == 1", `"rule": "x == 1"`},
		{[]string{"checks", "0", "each"}, "", `"id": "a"`},
		{[]string{"checks", "5", "rule"}, "y", `"checks": [`},
		{[]string{"title", "en"}, "Title", `"en": "Title"`},
		{[]string{"title", "it"}, "", `"en": "Title"`},
		{[]string{"authority", "name", "it"}, "Comune", `"it": "Comune"`},
	} {
		setString(doc, tc.path, tc.v)
		if out := string(calledit.Marshal(doc)); !strings.Contains(out, tc.want) {
			t.Errorf("%v = %q:\n%s", tc.path, tc.v, out)
		}
	}
	if doc.Get("checks").Kind != calledit.Array || getString(doc, []string{"checks", "0", "rule"}) != "x == 1" {
		t.Error("the checks are no longer a list")
	}
	if doc.Get("title").Get("it") != nil {
		t.Error("an emptied text stays")
	}
}
