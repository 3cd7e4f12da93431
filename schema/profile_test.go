package schema

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestLintProfileKeys: a profile key is known, fits its field, and names one fact once per
// list of fields; each mistake is reported at the key, in both languages.
func TestLintProfileKeys(t *testing.T) {
	base, err := os.ReadFile("calls/toscana-fami-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, old, new string
		key            string
		it, en         string
	}{
		{"typo", `"profile": "ente.sede_cap"`, `"profile": "ente.sede_cp"`, "lint.profile_key",
			`forse "ente.sede_cap"?`, `did you mean "ente.sede_cap"?`},
		{"unknown", `"profile": "ente.rea"`, `"profile": "ente.codice_ateco"`, "lint.profile_key",
			`"ente.codice_ateco" sconosciuta`, `unknown profile key "ente.codice_ateco"`},
		{"same fact twice", `"profile": "ente.email"`, `"profile": "ente.pec"`, "lint.profile_duplicate",
			`è già del campo "pec"`, `already belongs to field "pec"`},
		{"date key on a text", `"profile": "rl.carica"`, `"profile": "rl.nascita_data"`, "lint.profile_type",
			`non si addice a un campo text`, `does not fit a text field`},
		{"text key on a date", `"profile": "rl.nascita_data"`, `"profile": "ente.telefono"`, "lint.profile_type",
			`non si addice a un campo date`, `does not fit a date field`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := string(base)
			if strings.Count(s, tc.old) != 1 {
				t.Fatalf("mutation %q matches %d times", tc.old, strings.Count(s, tc.old))
			}
			_, err := Load([]byte(strings.Replace(s, tc.old, tc.new, 1)))
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			for _, p := range le.Problems {
				if p.Key != tc.key {
					continue
				}
				if !strings.HasSuffix(p.Path, ".profile") {
					t.Errorf("reported at %s, want the profile key", p.Path)
				}
				if !strings.Contains(p.Msg.IT, tc.it) || !strings.Contains(p.Msg.EN, tc.en) || strings.Contains(p.Msg.EN, "sconosciuta") {
					t.Errorf("messages %q / %q, want %q / %q", p.Msg.IT, p.Msg.EN, tc.it, tc.en)
				}
				return
			}
			t.Fatalf("no %s; got:\n%s", tc.key, le.Format(EN))
		})
	}
}

// TestShippedCallsProfileKeys: the members of both shipped calls name the facts a profile
// keeps, so an organisation saved from one fills the other.
func TestShippedCallsProfileKeys(t *testing.T) {
	for id, group := range map[string]string{"toscana-fami-2024": "ats.membri", "toscana-welfare-comunita-2019": "partenariato.partner"} {
		c, err := Shipped(id)
		if err != nil {
			t.Fatal(err)
		}
		keys := map[string]bool{}
		for _, f := range ProfileFields(c.Field(group).Fields) {
			keys[f.Profile] = true
		}
		for _, k := range []string{"ente.denominazione", "ente.cf", "ente.pec", "rl.nome", "rl.cf", "rl.carica", "rl.nascita_data"} {
			if !keys[k] {
				t.Errorf("%s: %s has no field for %s", id, group, k)
			}
		}
	}
}
