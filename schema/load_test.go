package schema

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// mutate returns mini.json with old replaced by new (exactly once).
func mutate(t *testing.T, old, new string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/mini.json")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if strings.Count(s, old) != 1 {
		t.Fatalf("mutation %q matches %d times", old, strings.Count(s, old))
	}
	return []byte(strings.Replace(s, old, new, 1))
}

// lineOf returns the 1-based line of the first occurrence of needle in data.
func lineOf(data []byte, needle string) int {
	i := strings.Index(string(data), needle)
	return strings.Count(string(data[:i]), "\n") + 1
}

func TestLoadProblems(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		key      string
		path     string
		at       string // text whose line the problem must point at
	}{
		{"unknown type", `"type": "boolean", "label": {"it": "Capofila"}`, `"type": "bool", "label": {"it": "Capofila"}`, "lint.unknown_type", "$.sections[0].fields[1].fields[2].type", `"bool"`},
		{"duplicate id", `{"id": "ets"`, `{"id": "capofila"`, "lint.duplicate_id", "$.sections[0].fields[1].fields[3].id", `"capofila", "type": "boolean", "label": {"it": "ETS"}`},
		{"when typo", `"when": "ets == true"`, `"when": "etz == true"`, "lint.expr", "$.sections[0].fields[1].fields[4].when", `etz == true`},
		{"check path typo", `count(ats.membri[capofila == true])`, `count(ats.membri[capofla == true])`, "lint.expr", "$.checks[0].rule", `capofla`},
		{"option typo in when", `"when": "ats.stato == \"costituita\""`, `"when": "ats.stato == \"costituito\""`, "lint.expr", "$.attachments[1].when", `costituito`},
		{"bad validator tag", `"rules": "required,max=20"`, `"rules": "required,maxx=20"`, "lint.rules", "$.sections[0].fields[1].fields[0].rules", `maxx=20`},
		{"bad tag param", `"rules": "required,max=20"`, `"rules": "required,max=venti"`, "lint.rules", "$.sections[0].fields[1].fields[0].rules", `max=venti`},
		{"cross-field tag", `"rules": "min=3"`, `"rules": "eqfield=iban"`, "lint.rules", "$.sections[1].fields[1].rules", `eqfield`},
		{"method call tag", `"rules": "min=3"`, `"rules": "validateFn"`, "lint.rules", "$.sections[1].fields[1].rules", `validateFn`},
		{"empty options", `"options": ["costituita", "costituenda"]`, `"options": []`, "lint.no_options", "$.sections[0].fields[0].options", `"options": []`},
		{"missing it text", `"label": {"it": "Stato"}`, `"label": {"en": "State"}`, "lint.missing_it", "$.sections[0].fields[0].label.it", `{"en": "State"}`},
		{"unknown key", `"maxChars": 30`, `"maxChar": 30`, "json.unknown_key", "$.sections[1].fields[0].fields[0].maxChar", `"maxChar"`},
		{"wrong kind", `"repeat": {"min": 1, "max": 50}`, `"repeat": {"min": "uno", "max": 50}`, "json.type", "$.sections[1].fields[0].repeat.min", `"uno"`},
		{"group through without []", `sum(budget.voci[].importo)`, `sum(budget.voci.importo)`, "lint.expr", "$.checks[1].rule", `budget.voci.importo`},
		{"check not boolean", `"rule": "sum(budget.voci[].importo) <= 15000000"`, `"rule": "sum(budget.voci[].importo)"`, "lint.expr_type", "$.checks[1].rule", `"sum(budget.voci[].importo)"`},
		{"reserved id", `{"id": "rl_nome"`, `{"id": "this"`, "lint.reserved_id", "$.sections[0].fields[1].fields[5].id", `"this"`},
		{"bad deadline", `"deadline": "2024-03-04"`, `"deadline": "04/03/2024"`, "lint.date", "$.submission.deadline", `04/03/2024`},
		{"syntax error", `"id": "mini", "version": 1,`, `"id": "mini" "version": 1,`, "json.syntax", "$", `"version": 1`},
		{"table with a textarea", `{"id": "voci", "type": "group", "label": {"it": "Voci"},`, `{"id": "voci", "type": "group", "display": "table", "label": {"it": "Voci"},`, "lint.display_field", "$.sections[1].fields[0].fields[0].type", `"type": "textarea"`},
		{"display on a field", `{"id": "note", "type": "text",`, `{"id": "note", "display": "table", "type": "text",`, "lint.display", "$.sections[1].fields[1].display", `"display": "table", "type": "text"`},
		{"unknown display", `"itemLabel": {"it": "membro", "en": "member"},`, `"itemLabel": {"it": "membro", "en": "member"}, "display": "tabella",`, "lint.display", "$.sections[0].fields[1].display", `"tabella"`},
		{"signer field typo", `"cf": "rl_cf", "entity": "denominazione"},
    {"items"`, `"cf": "rl_cff", "entity": "denominazione"},
    {"items"`, "lint.unknown_name", "$.signers[0].cf", `rl_cff`},
		{"signer role of another type", `"cf": "rl_cf", "entity": "denominazione"},
    {"items"`, `"cf": "rl_cf", "entity": "denominazione", "role": "capofila"},
    {"items"`, "lint.signers", "$.signers[0].role", `"capofila"`},
		{"signer birth date typo", `"cf": "rl_cf", "entity": "denominazione"},
    {"items"`, `"cf": "rl_cf", "entity": "denominazione", "birthDate": "rl_nascita"},
    {"items"`, "lint.unknown_name", "$.signers[0].birthDate", `"rl_nascita"`},
		{"application date not a date", `"signers": [`, `"application": {"date": "budget.note"}, "signers": [`, "lint.application", "$.application.date", `"budget.note"`},
		{"application place inside a group", `"signers": [`, `"application": {"place": "ats.membri.rl_nome"}, "signers": [`, "lint.unknown_name", "$.application.place", `"ats.membri.rl_nome"`},
		{"totals of a typed field", `"signers": [`, `"totals": {"fields": ["budget.note"]}, "signers": [`, "lint.application", "$.totals.fields[0]", `"budget.note"`},
		{"totals of an unknown section", `"signers": [`, `"totals": {"section": "bilancio"}, "signers": [`, "lint.unknown_name", "$.totals.section", `"bilancio"`},
		{"totals lines not a group", `"signers": [`, `"totals": {"lines": "ats.stato"}, "signers": [`, "lint.application", "$.totals.lines", `"ats.stato"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := mutate(t, tc.old, tc.new)
			_, err := Load(data)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			for _, p := range le.Problems {
				if p.Key == tc.key && p.Path == tc.path {
					if want := lineOf(data, tc.at); p.Pos.Line != want {
						t.Fatalf("problem at line %d, want %d: %s", p.Pos.Line, want, p.Format(IT))
					}
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

func TestLoadReportsEveryProblem(t *testing.T) {
	data := mutate(t, `"label": {"it": "Stato"}, "options": ["costituita", "costituenda"]`, `"lable": {"it": "Stato"}, "options": ["costituita", "costituenda"], "colour": 1`)
	_, err := Load(data)
	var le *LoadError
	if !errors.As(err, &le) || len(le.Problems) != 2 {
		t.Fatalf("want 2 problems, got %v", err)
	}
	if !strings.Contains(le.Problems[0].Msg.IT, `"label"`) {
		t.Fatalf("want a suggestion of \"label\": %s", le.Problems[0].Msg.IT)
	}
}

func TestLoadColumn(t *testing.T) {
	data := []byte("{\n  \"id\": \"x\",\n  \"vresion\": 1\n}")
	_, err := Load(data)
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatal(err)
	}
	p := le.Problems[0]
	if p.Pos != (Position{3, 3}) || p.Key != "json.unknown_key" {
		t.Fatalf("got %+v", p)
	}
}

func FuzzLoad(f *testing.F) {
	for _, name := range []string{"testdata/mini.json", "calls/toscana-fami-2024.json"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"sections":[{"id":"a","fields":[{"id":"b","type":"group","repeat":{"max":3},"fields":[{"id":"c","type":"text","when":"count(a.b[c == 1]) > 0"}]}]}]}`))
	f.Add([]byte(`[`))
	// Issue 11: tags that passed lint and then panicked in Validate, a group without max.
	f.Add(oneFieldCall(TypeText, "alpha|max=zz"))
	f.Add(oneFieldCall(TypeText, "len=-1"))
	f.Add(oneFieldCall(TypeNumber, "max=NaN"))
	f.Add([]byte(strings.Replace(string(oneFieldCall(TypeText, "")), `"type": "text"`, `"type": "group", "fields": [{"id": "x", "type": "text", "label": {"it": "X"}, "rules": "max=zz|alpha"}]`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load(data)
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) || len(le.Problems) == 0 {
				t.Fatalf("error without problems: %v", err)
			}
			for _, p := range le.Problems {
				if p.Pos.Line < 1 || p.Pos.Column < 1 || p.Msg.IT == "" {
					t.Fatalf("bad problem %+v", p)
				}
			}
			return
		}
		// A call that loads must validate any answers without panicking: none, and answers
		// of every field (groups of two items), which run every rule.
		_ = c.Validate(Answers{}, IT)
		_ = c.Validate(Sample(c, func(*Field) int { return 2 }), IT)
	})
}

// TestRuleProblemsInBothLanguages: why a rules string is refused is said in Italian and in
// English, not in English inside an Italian sentence.
func TestRuleProblemsInBothLanguages(t *testing.T) {
	mini, err := os.ReadFile("testdata/mini.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, rules, it, en string
	}{
		{"unknown tag", "maxx=3", `regola sconosciuta "maxx=3"`, `unknown rule "maxx=3"`},
		{"disk", "file", "legge file del computer", "reads files of the computer"},
		{"network", "tcp_addr", "interroga la rete (DNS)", "asks the network (DNS)"},
		{"struct walk", "dive", "attraversa campi di una struttura", "walks struct fields"},
		{"own tag with a parameter", "cf_ente=2", "cf_ente non ha parametri", "cf_ente takes no parameter"},
		{"empty rule", "required,,max=3", "regola vuota tra due virgole", "empty rule between commas"},
		{"bad parameter", "max=venti", `la regola "max=venti" non vale per un campo di tipo text`, `parsing "venti"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(mini), `"rules": "required,max=20"`, `"rules": "`+tt.rules+`"`, 1)
			_, err := Load([]byte(src))
			var le *LoadError
			if !errors.As(err, &le) || len(le.Problems) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			msg := le.Problems[0].Msg
			if !strings.HasPrefix(msg.IT, "regole non valide: ") || !strings.Contains(msg.IT, tt.it) {
				t.Errorf("Italian: %q", msg.IT)
			}
			if !strings.HasPrefix(msg.EN, "invalid rules: ") || !strings.Contains(msg.EN, tt.en) {
				t.Errorf("English: %q", msg.EN)
			}
		})
	}
}

// TestLoadExprColumn: a problem inside an expression is reported at its own character of the
// file, however the JSON string escapes what comes before it.
func TestLoadExprColumn(t *testing.T) {
	old := `"when": "ats.stato == \"costituita\""`
	cases := []struct {
		name, when, at string
	}{
		{"plain", `"when": "ats.stat == 1"`, `stat ==`},
		{"after escaped quotes", `"when": "ats.stato == \"costituito\""`, `\"costituito`},
		{"after a unicode escape", `"when": "\u0061ts.stat == 1"`, `stat ==`},
		{"after a surrogate pair", `"when": "\"\ud83d\ude00\" == ats.stat"`, `stat"`},
		{"after accented letters", `"when": "\"città\" == ats.stat"`, `stat"`},
		{"after an escaped newline", `"when": "1 == 1 &&\n ats.stat"`, `stat"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := mutate(t, old, tc.when)
			_, err := Load(data)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			want := PositionAt(data, strings.Index(string(data), tc.at))
			for _, p := range le.Problems {
				if p.Key == "lint.expr" {
					if p.Pos != want {
						t.Fatalf("problem at %v, want %v: %s", p.Pos, want, p.Format(EN))
					}
					return
				}
			}
			t.Fatalf("no lint.expr problem; got:\n%s", le.Format(EN))
		})
	}
}
