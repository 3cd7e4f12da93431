package schema

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// tableCall is a call with one section holding group, a field's JSON.
func tableCall(group string) []byte {
	return []byte(`{"format": "bando-call", "formatVersion": 1, "id": "tabella", "version": 1,
  "title": {"it": "Bando di prova"}, "authority": {"name": {"it": "Regione di prova"}},
  "submission": {"channel": "pec", "to": "bandi@pec.example.it", "subject": "Domanda", "deadline": "2024-03-04"},
  "sections": [{"id": "budget", "title": {"it": "Budget"}, "fields": [` + group + `]}]}`)
}

// TestDocsTableExample: the example of "Tables (`display`)" in docs/schema.md loads as a call's
// field, without problems, and makes a table.
func TestDocsTableExample(t *testing.T) {
	data, err := os.ReadFile("../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, "### Tables (`display`)")
	if start < 0 {
		t.Fatal("no Tables section in docs/schema.md")
	}
	_, block, ok := strings.Cut(doc[start:], "```json\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatal("no JSON example in the Tables section of docs/schema.md")
	}
	c, err := Load(tableCall(block))
	if err != nil {
		t.Fatalf("the documented example does not load:\n%v", err)
	}
	if f := c.Field("budget.voci"); f == nil || !f.IsTable() {
		t.Fatalf("the documented example is not a table: %+v", f)
	}
}

func TestLintDisplay(t *testing.T) {
	field := func(id, typ string) string {
		extra := ""
		switch typ {
		case "choice", "multichoice":
			extra = `, "options": ["a", "b"]`
		case "declaration":
			extra = `, "statement": {"it": "Dichiaro."}`
		case "group":
			extra = `, "repeat": {"max": 2}, "fields": [{"id": "x", "type": "text", "label": {"it": "X"}}]`
		case "computed":
			extra = `, "expr": "1", "format": "number"`
		}
		return fmt.Sprintf(`{"id": %q, "type": %q, "label": {"it": "Campo"}%s}`, id, typ, extra)
	}
	group := func(display string, fields ...string) string {
		d := ""
		if display != "" {
			d = fmt.Sprintf(`"display": %q, `, display)
		}
		return `{"id": "voci", "type": "group", ` + d + `"label": {"it": "Voci"}, "repeat": {"max": 10}, "fields": [` + strings.Join(fields, ", ") + `]}`
	}
	var short, wide []string
	for i, typ := range []string{"text", "number", "money", "date", "choice", "boolean", "email", "computed"} {
		short = append(short, field(fmt.Sprintf("c%d", i), typ))
	}
	wide = append(append(wide, short...), field("c9", "text"))
	cases := []struct {
		name  string
		group string
		key   string // "" when the call loads
		path  string
	}{
		{"default", group("", short...), "", ""},
		{"cards", group("cards", field("a", "textarea")), "", ""},
		{"table of every short type", group("table", short...), "", ""},
		{"table too wide", group("table", wide...), "lint.display_columns", "$.sections[0].fields[0].display"},
		{"textarea in a table", group("table", field("a", "text"), field("b", "textarea")), "lint.display_field", "$.sections[0].fields[0].fields[1].type"},
		{"multichoice in a table", group("table", field("a", "multichoice")), "lint.display_field", "$.sections[0].fields[0].fields[0].type"},
		{"declaration in a table", group("table", field("a", "declaration")), "lint.display_field", "$.sections[0].fields[0].fields[0].type"},
		{"group in a table", group("table", field("a", "group")), "lint.display_field", "$.sections[0].fields[0].fields[0].type"},
		{"unknown display", group("grid", short...), "lint.display", "$.sections[0].fields[0].display"},
		{"display on a text field", `{"id": "note", "type": "text", "display": "table", "label": {"it": "Note"}}`, "lint.display", "$.sections[0].fields[0].display"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(tableCall(tc.group))
			if tc.key == "" {
				if err != nil {
					t.Fatalf("want no problem, got:\n%v", err)
				}
				if want := strings.Contains(tc.group, `"display": "table"`); c.Sections[0].Fields[0].IsTable() != want {
					t.Fatalf("IsTable() = %v, want %v", !want, want)
				}
				return
			}
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			for _, p := range le.Problems {
				if p.Key == tc.key && p.Path == tc.path {
					if p.Msg.IT == "" || p.Msg.EN == "" {
						t.Fatalf("message missing a language: %+v", p)
					}
					return
				}
			}
			t.Fatalf("no %s at %s; got:\n%s", tc.key, tc.path, le.Format(EN))
		})
	}
}
