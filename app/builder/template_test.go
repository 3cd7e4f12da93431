package builder

import (
	"testing"

	"bando/schema"
)

// TestBuilderTemplate: the builder's starting template loads with no problem, and a proposal
// answered from it can be complete.
func TestBuilderTemplate(t *testing.T) {
	c, err := schema.Load([]byte(builderTemplate))
	if err != nil {
		t.Fatalf("the template has problems:\n%v", err)
	}
	a := schema.Answers{
		"ente": map[string]any{
			"denominazione": "Associazione Ponti APS", "cf": "94123450481", "ets": true, "runts": "A/87231",
			"pec":            "ponti@pec.it",
			"rappresentanti": []any{map[string]any{"nome": "Giulia Bartolini", "cf": "BRTGLU78E54D612D"}},
		},
		"progetto": map[string]any{
			"titolo": "Ponti", "sintesi": "Un progetto.",
			"voci": []any{map[string]any{"descrizione": "Personale", "importo": int64(2000000)}},
		},
		"dichiarazioni": map[string]any{"dpr445": true},
	}
	if is := c.Validate(a, schema.IT); len(is) != 0 {
		t.Fatalf("a complete answer has issues: %v", is)
	}
	if s := c.RequiredSigners(a); len(s) != 1 || s[0].Entity != "" || s[0].Name != "Giulia Bartolini" {
		t.Fatalf("signers: %+v", s)
	}
}
