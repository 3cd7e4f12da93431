package ui

import (
	"reflect"
	"testing"

	"bando/schema"
)

func TestAsideEntries(t *testing.T) {
	tests := []struct {
		name  string
		aside map[string]any
		want  []asideEntry
	}{
		{"none", nil, []asideEntry{}},
		{"text of a removed field", map[string]any{"v1:azioni.contesto": "Quartieri periferici"},
			[]asideEntry{{Path: "azioni.contesto", Version: 1, Value: "Quartieri periferici"}}},
		{"older versions first, then by path", map[string]any{
			"v2:b.x": "2", "v1:z.y": true, "v1:a.b": 12.5,
		}, []asideEntry{
			{Path: "a.b", Version: 1, Value: "12.5"},
			{Path: "z.y", Version: 1, Value: "true"},
			{Path: "b.x", Version: 2, Value: "2"},
		}},
		{"a whole group item is shown as JSON, without its id", map[string]any{"v3:ats.soci": []any{map[string]any{"_id": "i1", "nome": "Alfa"}}},
			[]asideEntry{{Path: "ats.soci", Version: 3, Value: `[{"nome":"Alfa"}]`}}},
		{"a hand-edited key is shown as it is", map[string]any{"vecchio campo": "x", "vX:a": "y"},
			[]asideEntry{{Path: "vX:a", Value: "y"}, {Path: "vecchio campo", Value: "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := asideEntries(tt.aside); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestAsidePlace(t *testing.T) {
	c, err := schema.Shipped(schema.DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path, want string }{
		{"a removed field of a step", "azioni.contesto_locale", "Proposta progettuale e linee d'azione › contesto_locale"},
		{"a removed field of a group item", "ats.membri[1].telefono_vecchio", "Associazione temporanea di scopo (ATS) › " + c.Field("ats.membri").ItemLabel.In(schema.IT) + " 2 › telefono_vecchio"},
		{"a field the call still has", "azioni.contesto", "Proposta progettuale e linee d'azione › " + c.Field("azioni.contesto").Label.In(schema.IT)},
		{"a step that no longer exists", "vecchia.sezione", "vecchia.sezione"},
		{"a hand-edited key", "vecchio campo", "vecchio campo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := asidePlace(c, tt.path, schema.IT); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
