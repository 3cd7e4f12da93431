package schema

import (
	"errors"
	"strings"
	"testing"
)

// withPartner is mini.json with a "partner" block before "signers".
func withPartner(t *testing.T, block string) []byte {
	t.Helper()
	return mutate(t, `  "signers": [`, `  "partner": `+block+",\n  \"signers\": [")
}

func TestPartnerLoads(t *testing.T) {
	c, err := Load(withPartner(t, `{"items": "ats.membri", "label": "denominazione", "fields": ["cf", "denominazione", "rl_nome"], "declarations": ["budget.ok"]}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.PartnerPart()
	if err != nil {
		t.Fatal(err)
	}
	if p.Group() != c.Field("ats.membri") {
		t.Fatalf("group %v", p.Group())
	}
	var ids []string
	for _, f := range p.MemberFields() {
		ids = append(ids, f.ID)
	}
	if got := strings.Join(ids, ","); got != "cf,denominazione,rl_nome" {
		t.Fatalf("member fields %s", got)
	}
	if !p.Fills("cf") || p.Fills("capofila") {
		t.Fatal("Fills disagrees with fields")
	}
	if d := p.DeclarationFields(); len(d) != 1 || d[0] != c.Field("budget.ok") {
		t.Fatalf("declarations %v", d)
	}
	// Without fields, the member fills every field of the item.
	c, err = Load(withPartner(t, `{"items": "ats.membri", "label": "denominazione"}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err = c.PartnerPart()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.MemberFields()); n != len(c.Field("ats.membri").Fields) {
		t.Fatalf("%d member fields, want every one", n)
	}
}

func TestPartnerLint(t *testing.T) {
	cases := []struct {
		name, block, key, path string
	}{
		{"no items", `{"label": "denominazione"}`, "lint.partner", "$.partner.items"},
		{"items not a group", `{"items": "ats.stato", "label": "denominazione"}`, "lint.partner", "$.partner.items"},
		{"items unknown", `{"items": "ats.membrii", "label": "denominazione"}`, "lint.partner", "$.partner.items"},
		{"label unknown", `{"items": "ats.membri", "label": "nome"}`, "lint.partner", "$.partner.label"},
		{"label not text", `{"items": "ats.membri", "label": "capofila"}`, "lint.partner", "$.partner.label"},
		{"field unknown", `{"items": "ats.membri", "label": "denominazione", "fields": ["cf", "codice"]}`, "lint.partner", "$.partner.fields[1]"},
		{"field twice", `{"items": "ats.membri", "label": "denominazione", "fields": ["cf", "cf"]}`, "lint.partner", "$.partner.fields[1]"},
		{"declaration not one", `{"items": "ats.membri", "label": "denominazione", "declarations": ["budget.note"]}`, "lint.partner", "$.partner.declarations[0]"},
		{"declaration unknown", `{"items": "ats.membri", "label": "denominazione", "declarations": ["budget.ko"]}`, "lint.partner", "$.partner.declarations[0]"},
		{"declaration twice", `{"items": "ats.membri", "label": "denominazione", "declarations": ["budget.ok", "budget.ok"]}`, "lint.partner", "$.partner.declarations[1]"},
		{"another group", `{"items": "budget.voci", "label": "descrizione", "fields": ["importo", "cf"]}`, "lint.partner", "$.partner.fields[1]"},
		{"unknown key", `{"items": "ats.membri", "label": "denominazione", "field": ["cf"]}`, "json.unknown_key", "$.partner.field"},
		{"not an object", `["ats.membri"]`, "json.type", "$.partner"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := withPartner(t, tc.block)
			c, err := Load(data)
			if err == nil {
				if _, perr := c.PartnerPart(); perr == nil {
					t.Fatal("PartnerPart accepts it")
				}
				err = LintPartner(data, c)
			}
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			for _, p := range le.Problems {
				if p.Key == tc.key && p.Path == tc.path {
					if p.Msg.IT == "" || p.Msg.EN == "" || p.Pos.Line == 0 {
						t.Fatalf("message missing a language or a line: %+v", p)
					}
					return
				}
			}
			t.Fatalf("no %s at %s; got:\n%s", tc.key, tc.path, le.Format(EN))
		})
	}
}

// TestPartnerFAMI: the shipped FAMI call gives each member its data, but not the choice of
// the capofila, and the six declarations each legal representative makes.
func TestPartnerFAMI(t *testing.T) {
	c, err := Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.PartnerPart()
	if err != nil || p == nil {
		t.Fatalf("FAMI has no partner part: %v", err)
	}
	if p.Fills("capofila") || !p.Fills("rl_cf") || !p.Fills("esperienza") {
		t.Fatal("FAMI partner fields")
	}
	if n := len(p.DeclarationFields()); n != 6 {
		t.Fatalf("%d declarations, want 6", n)
	}
}
