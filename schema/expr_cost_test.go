package schema

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// costCall is a call with a group s.g of at most max items (no max when max is 0), each with
// a nested group h of at most 10, and the given extra field inside g and check.
func costCall(max int, itemField, check string) string {
	repeat := `{"min": 0}`
	if max > 0 {
		repeat = fmt.Sprintf(`{"min": 0, "max": %d}`, max)
	}
	if itemField != "" {
		itemField = ",\n" + itemField
	}
	if check != "" {
		check = `"checks": [` + check + `],`
	}
	return `{"format": "bando-call", "formatVersion": 1, "id": "cost", "version": 1,
  "title": {"it": "Costo"}, "authority": {"name": {"it": "Ente"}},
  "submission": {"channel": "pec", "to": "bandi@pec.example.it", "subject": "Domanda", "deadline": "2024-03-04"},
  ` + check + `
  "sections": [{"id": "s", "title": {"it": "S"}, "fields": [
    {"id": "g", "type": "group", "label": {"it": "G"}, "repeat": ` + repeat + `, "fields": [
      {"id": "cf", "type": "text", "label": {"it": "CF"}},
      {"id": "n", "type": "number", "label": {"it": "N"}},
      {"id": "h", "type": "group", "label": {"it": "H"}, "repeat": {"min": 0, "max": 10}, "fields": [
        {"id": "x", "type": "number", "label": {"it": "X"}}
      ]}` + itemField + `
    ]}
  ]}]}`
}

func TestCostBudget(t *testing.T) {
	check := func(rule string) string { return `{"id": "c", "rule": "` + rule + `", "message": {"it": "No"}}` }
	each := func(rule string) string {
		return `{"id": "c", "each": "s.g", "rule": "` + rule + `", "message": {"it": "No"}}`
	}
	when := func(cond string) string {
		return `{"id": "w", "type": "text", "label": {"it": "W"}, "when": "` + cond + `"}`
	}
	cases := []struct {
		name       string
		max        int
		field, chk string
		refused    bool
		cost       string // the cost the message states, when refused
	}{
		{"sum at the call level", 1000, "", check("sum(s.g[].n) >= 0"), false, ""},
		{"nested list at the call level", 1000, "", check("sum(s.g[].h[].x) >= 0"), false, ""},
		{"a filter at the call level", 1000, "", check("count(s.g[n > 1]) >= 0"), false, ""},
		{"every item against every other, large group", 1000, "", each("count(s.g[cf == this.cf]) == 1"), true, "4,005,000"},
		{"every item against every other, small group", 40, "", each("count(s.g[cf == this.cf]) == 1"), false, ""},
		// A group without max is refused before any cost is computed (TestLintRepeat).
		{"nested filters multiply", 1000, "", check("count(s.g[count(s.g[n == 1]) > 0]) > 0"), true, ""},
		{"nested filters, small group", 100, "", check("count(s.g[count(s.g[n == 1]) > 0]) > 0"), false, ""},
		{"a group total in every item's condition", 1000, when("sum(s.g[].n) > 0"), "", true, "2,005,000"},
		{"a group total in every item's condition, smaller group", 500, when("sum(s.g[].n) > 0"), "", false, ""},
		{"own fields in every item", 1000, when("n > 0 && answered(cf)"), "", false, ""},
		{"a computed subtotal per item", 1000, `{"id": "t", "type": "computed", "label": {"it": "T"}, "expr": "sum(h[].x)", "format": "number"}`, "", false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load([]byte(costCall(tc.max, tc.field, tc.chk)))
			var le *LoadError
			if !tc.refused {
				if err != nil {
					t.Fatalf("want accepted, got %v", err)
				}
				return
			}
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			for _, p := range le.Problems {
				if p.Key != "lint.cost" {
					continue
				}
				if !strings.Contains(p.Msg.EN, "2,000,000") || !strings.Contains(p.Msg.IT, "2.000.000") {
					t.Fatalf("the message must state the budget: %s", p.Format(EN))
				}
				if tc.cost != "" && !strings.Contains(p.Msg.EN, tc.cost) {
					t.Fatalf("the message must state the cost %s: %s", tc.cost, p.Msg.EN)
				}
				return
			}
			t.Fatalf("no lint.cost problem: %s", le.Format(EN))
		})
	}
}
