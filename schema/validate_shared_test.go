package schema

import (
	"reflect"
	"testing"
)

// sharedCall has one issue of every kind the walk of Validate finds: a field's own rule (on a
// section and on items), a group answered with something that is not a list, a group past its
// repeat.max, per-item checks reported at a field and at the item, and a call-level check.
func sharedCall(t *testing.T) *Call {
	t.Helper()
	src := `{"format": "bando-call", "formatVersion": 1, "id": "shared", "version": 1,
  "title": {"it": "Condivisi"}, "authority": {"name": {"it": "Ente"}},
  "submission": {"channel": "pec", "to": "bandi@pec.example.it", "subject": "Domanda", "deadline": "2024-03-04"},
  "sections": [
    {"id": "s", "title": {"it": "S"}, "fields": [
      {"id": "codice", "type": "text", "label": {"it": "Codice"}, "rules": "numeric"},
      {"id": "righe", "type": "group", "label": {"it": "Righe"}, "itemLabel": {"it": "riga", "en": "row"}, "repeat": {"min": 0, "max": 3}, "fields": [
        {"id": "numero", "type": "text", "label": {"it": "Numero"}, "rules": "numeric"},
        {"id": "nota", "type": "text", "label": {"it": "Nota"}, "rules": "max=3"}
      ]}
    ]},
    {"id": "t", "title": {"it": "T"}, "fields": [
      {"id": "voci", "type": "group", "label": {"it": "Voci"}, "repeat": {"min": 0, "max": 2}, "fields": [
        {"id": "x", "type": "text", "label": {"it": "X"}}
      ]}
    ]}
  ],
  "checks": [
    {"id": "nota_corta", "each": "s.righe", "path": "nota", "rule": "!answered(nota) || nota != \"no\"", "message": {"it": "{item}: nota no.", "en": "{item}: note no."}},
    {"id": "riga_vuota", "each": "s.righe", "rule": "answered(numero)", "message": {"it": "{item} senza numero.", "en": "{item} without a number."}},
    {"id": "codice_dato", "path": "s.codice", "rule": "answered(s.codice)", "message": {"it": "Manca il codice.", "en": "The code is missing."}}
  ]}`
	c, err := Load([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWalkIssuePaths: the paths Validate gives its issues, which it spells into one buffer and
// hands out when the walk ends (pathBatch), are each issue's own, in form order, with the
// call-level checks last; the same on a second validation, which starts with the room the
// first needed (validationHints).
func TestWalkIssuePaths(t *testing.T) {
	c := sharedCall(t)
	row := func(numero, nota string) map[string]any {
		m := map[string]any{"nota": nota}
		if numero != "" {
			m["numero"] = numero
		}
		return m
	}
	cases := []struct {
		name    string
		answers Answers
		want    [][2]string // path, key
	}{
		{"no issue", Answers{"s": map[string]any{"codice": "12"}}, nil},
		{
			name:    "a section's field, an item's fields and the item, a check last",
			answers: Answers{"s": map[string]any{"righe": []any{row("1", "ok"), row("a", "no"), row("", "lunga")}}},
			want: [][2]string{
				{"s.righe[1].numero", "numeric"},
				{"s.righe[1].nota", "check.nota_corta"},
				{"s.righe[2].nota", "max.string"},
				{"s.righe[2]", "check.riga_vuota"},
				{"s.codice", "check.codice_dato"},
			},
		},
		{
			name: "a group that is no list, a group past its maximum",
			answers: Answers{
				"s": map[string]any{"codice": "x", "righe": "tre righe"},
				"t": map[string]any{"voci": []any{map[string]any{}, map[string]any{}, map[string]any{}}},
			},
			want: [][2]string{{"s.codice", "numeric"}, {"s.righe", "type"}, {"t.voci", "repeat.max"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for round := range 2 {
				var got [][2]string
				for _, is := range c.Validate(tc.answers, IT) {
					got = append(got, [2]string{is.Path, is.Key})
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Fatalf("validation %d: %v, want %v", round+1, got, tc.want)
				}
			}
		})
	}
}

// TestSameIssuesShared: a size or numeric rule says the same wherever it fails, so its issues
// in one validation share one Params map and message (sameIssues); each is the issue
// ValidateField makes alone, and a validation in English after one in Italian speaks English.
func TestSameIssuesShared(t *testing.T) {
	c := sharedCall(t)
	a := Answers{"s": map[string]any{"codice": "1", "righe": []any{
		map[string]any{"numero": "a", "nota": "lunga"},
		map[string]any{"numero": "b", "nota": "ok"},
		map[string]any{"numero": "c", "nota": "lunghissima"},
	}}}
	for _, lang := range []Lang{IT, EN, IT} {
		var numeric, max []Issue
		for _, is := range c.Validate(a, lang) {
			switch is.Key {
			case "numeric":
				numeric = append(numeric, is)
			case "max.string":
				max = append(max, is)
			}
			if want := c.ValidateField(a, is.Path, lang); !reflect.DeepEqual(want, &is) {
				t.Errorf("%s %s: in Validate %#v, alone %#v", lang, is.Path, is, want)
			}
		}
		for _, same := range [][]Issue{numeric, max} {
			if len(same) < 2 {
				t.Fatalf("%s: %d issues of one rule, want several: %v", lang, len(same), same)
			}
			for _, is := range same[1:] {
				if reflect.ValueOf(is.Params).Pointer() != reflect.ValueOf(same[0].Params).Pointer() {
					t.Errorf("%s %s: its own Params, not the first issue's", lang, is.Path)
				}
			}
		}
		if lang == EN && numeric[0].Message == Message(IT, "numeric", numeric[0].Params) {
			t.Errorf("EN after IT: %q is the Italian message", numeric[0].Message)
		}
	}
}
