package pdf

import (
	"math"
	"testing"

	"bando/schema"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"keys sorted by bytes", map[string]any{"b": 1, "a": 2, "B": 3, "à": 4}, `{"B":3,"a":2,"b":1,"à":4}`},
		{"integral float as integer", map[string]any{"n": 5.0}, `{"n":5}`},
		{"negative zero", -0.0, `0`},
		{"fraction kept", 2.5, `2.5`},
		{"int64 cents", int64(246400000), `246400000`},
		{"above 2^53 stays a float", 1e17, `1e+17`},
		{"strings: only quote, backslash and controls escaped", "a\"b\\c\n\t\x01 <&> “è”", `"a\"b\\c\n\t\u0001 <&> “è”"`},
		{"nested groups and lists", map[string]any{"g": []any{map[string]any{"y": true, "x": nil}}, "m": []string{"b", "a"}}, `{"g":[{"x":null,"y":true}],"m":["b","a"]}`},
		{"answers type", schema.Answers{"s": map[string]any{"f": "v"}}, `{"s":{"f":"v"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Canonical(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestCanonicalRejects(t *testing.T) {
	tests := []struct {
		name string
		in   any
	}{
		{"NaN", math.NaN()},
		{"infinity", math.Inf(1)},
		{"invalid UTF-8", "\xff"},
		{"unsupported type", struct{}{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Canonical(tc.in); err == nil {
				t.Error("no error")
			}
		})
	}
}

// TestAnswersDigest: the digest covers the shown answers only and does not depend on how
// numbers were typed.
func TestAnswersDigest(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	base, err := AnswersDigest(c, d.Answers)
	if err != nil {
		t.Fatal(err)
	}
	if len(base) != 64 {
		t.Fatalf("digest %q", base)
	}
	hidden := d.Answers.Clone()
	if err := hidden.Set("ats.membri[2].runts_numero", "1"); err != nil { // hidden for a social cooperative
		t.Fatal(err)
	}
	asFloat := d.Answers.Clone()
	v := asFloat.Get("azioni.linee[0].importo").(int64)
	if err := asFloat.Set("azioni.linee[0].importo", float64(v)); err != nil {
		t.Fatal(err)
	}
	changed := d.Answers.Clone()
	if err := changed.Set("azioni.titolo", "Un altro titolo"); err != nil {
		t.Fatal(err)
	}
	withoutIDs := d.Answers.Clone()
	for _, group := range []string{"ats.membri", "azioni.linee", "budget.voci"} {
		for _, it := range withoutIDs.Items(group) {
			delete(it.(map[string]any), schema.ItemID)
		}
	}
	tests := []struct {
		name string
		a    schema.Answers
		same bool
	}{
		{"a hidden answer changes nothing", hidden, true},
		{"item ids change nothing", withoutIDs, true},
		{"an integral float is the same number", asFloat, true},
		{"a shown answer changes the digest", changed, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AnswersDigest(c, tc.a)
			if err != nil {
				t.Fatal(err)
			}
			if (got == base) != tc.same {
				t.Errorf("digest %s, base %s, same=%v wanted", got, base, tc.same)
			}
		})
	}
}
