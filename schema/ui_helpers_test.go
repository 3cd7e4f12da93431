package schema

import "testing"

func TestSectionShown(t *testing.T) {
	c, err := Load([]byte(`{
  "format": "bando-call", "formatVersion": 1, "id": "t", "version": 1,
  "title": {"it": "Prova"}, "authority": {"name": {"it": "Ente"}},
  "submission": {"channel": "pec", "to": "a@pec.example.it", "subject": "S", "deadline": "2024-03-04"},
  "sections": [
    {"id": "a", "title": {"it": "A"}, "fields": [{"id": "x", "type": "boolean", "label": {"it": "X"}}]},
    {"id": "b", "title": {"it": "B"}, "when": "a.x == true", "fields": [{"id": "y", "type": "text", "label": {"it": "Y"}}]}
  ]}`))
	if err != nil {
		t.Fatal(err)
	}
	yes := Answers{"a": map[string]any{"x": true}}
	tests := []struct {
		name string
		a    Answers
		id   string
		want bool
	}{
		{"section without when", Answers{}, "a", true},
		{"condition holds", yes, "b", true},
		{"condition does not hold", Answers{"a": map[string]any{"x": false}}, "b", false},
		{"condition on no answer", Answers{}, "b", false},
		{"unknown section", yes, "nope", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.SectionShown(tt.a, tt.id); got != tt.want {
				t.Fatalf("SectionShown(%q) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

func TestHasRule(t *testing.T) {
	c, err := Load([]byte(`{
  "format": "bando-call", "formatVersion": 1, "id": "t", "version": 1,
  "title": {"it": "Prova"}, "authority": {"name": {"it": "Ente"}},
  "submission": {"channel": "pec", "to": "a@pec.example.it", "subject": "S", "deadline": "2024-03-04"},
  "sections": [{"id": "a", "title": {"it": "A"}, "fields": [
    {"id": "pec", "type": "text", "rules": "required,pec", "label": {"it": "PEC"}},
    {"id": "either", "type": "text", "rules": "pec|email", "label": {"it": "PEC o e-mail"}},
    {"id": "mail", "type": "email", "rules": "required", "label": {"it": "E-mail"}},
    {"id": "none", "type": "text", "label": {"it": "Nota"}}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{"a.pec": true, "a.either": true, "a.mail": false, "a.none": false} {
		if got := c.Field(path).HasRule("pec"); got != want {
			t.Errorf("%s: HasRule(pec) = %v, want %v", path, got, want)
		}
	}
}
