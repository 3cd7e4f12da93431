package schema

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// oneFieldCall is a call with one field of type typ and the given rules.
func oneFieldCall(typ FieldType, rules string) []byte {
	opts := ""
	if typ == TypeChoice || typ == TypeMultiChoice {
		opts = `, "options": ["a", "b", "c"]`
	}
	return []byte(fmt.Sprintf(`{"format": "bando-call", "id": "t", "version": 1, "title": {"it": "T"},
  "authority": {"name": {"it": "Ente"}},
  "submission": {"channel": "pec", "to": "bandi@pec.example.it", "subject": "Domanda", "deadline": "2024-03-04"},
  "sections": [{"id": "s", "title": {"it": "S"}, "fields": [
    {"id": "f", "type": %q, "label": {"it": "F"}, "rules": %q%s}
  ]}]}`, typ, rules, opts))
}

// TestRuleParamsAtLint: every alternative of an OR list is tried alone, and size tags take
// only parameters that mean something for the field's type. Each refusal is a lint error in
// Italian and English at the rules; each accepted rule validates any answer without panicking.
func TestRuleParamsAtLint(t *testing.T) {
	cases := []struct {
		name   string
		typ    FieldType
		rules  string
		it, en string // "" when the rules are accepted
	}{
		// OR lists: the alternative after one that holds used to be left untried.
		{"bad param after an alternative that holds", TypeText, "alpha|max=zz", `"max=zz" non vale per un campo di tipo text`, `rule "max=zz" cannot apply to a text field`},
		{"unknown tag after one that holds", TypeText, "alpha|maxx=3", `regola sconosciuta "maxx=3"`, `unknown rule "maxx=3"`},
		{"negative length after one that holds", TypeText, "alpha|len=-1", "len=-1 chiede una lunghezza negativa", "len=-1 asks for a negative length"},
		{"refused tag after one that holds", TypeText, "alpha|eqfield=x", "confronta o attraversa campi", "compares or walks struct fields"},
		{"own tag with a parameter in a list", TypeText, "cf|piva=1", "piva non ha parametri", "piva takes no parameter"},
		{"own tags on a number", TypeNumber, "cf|piva", "cf vale per i campi di testo", "cf applies to text fields"},
		{"empty alternative", TypeText, "alpha|", `alternativa vuota in "alpha|"`, `empty alternative in "alpha|"`},
		{"two good alternatives", TypeText, "cf|piva", "", ""},
		{"alpha or numeric", TypeText, "alpha|numeric", "", ""},
		{"a size or a format", TypeText, "len=11|cf", "", ""},

		// Sizes of text and lists: whole numbers from 0.
		{"negative length", TypeText, "len=-1", "len=-1 chiede una lunghezza negativa", "len=-1 asks for a negative length"},
		{"negative minimum length", TypeTextArea, "min=-1", "min=-1 chiede una lunghezza negativa", "min=-1 asks for a negative length"},
		{"negative max of a list", TypeMultiChoice, "max=-2", "max=-2 chiede una lunghezza negativa", "max=-2 asks for a negative length"},
		{"negative eq of a list", TypeMultiChoice, "eq=-1", "eq=-1 chiede una lunghezza negativa", "eq=-1 asks for a negative length"},
		{"hexadecimal length", TypeText, "max=0x10", "max=0x10 deve essere un numero intero da 0 in su", "max=0x10 must be a whole number from 0 up"},
		{"length with underscores", TypeText, "max=1_000", "max=1_000 deve essere un numero intero da 0 in su", "max=1_000 must be a whole number from 0 up"},
		{"length with a sign", TypeText, "lte=+5", "lte=+5 deve essere un numero intero da 0 in su", "lte=+5 must be a whole number from 0 up"},
		{"fractional length", TypeText, "max=1.5", `"max=1.5" non vale per un campo di tipo text`, `rule "max=1.5" cannot apply`},
		{"unparsable length", TypeText, "gt=venti", `"gt=venti" non vale per un campo di tipo text`, `rule "gt=venti" cannot apply`},
		{"length of an email", TypeEmail, "max=254", "", ""},
		{"zero length", TypeText, "min=0", "", ""},
		{"text equal to a text", TypeText, "eq=-1", "", ""},
		{"text different from a text", TypeChoice, "ne=a", "", ""},
		{"list of at least one", TypeMultiChoice, "min=1,max=2", "", ""},

		// Numbers: finite, in digits; negative bounds are values, not lengths.
		{"NaN bound", TypeNumber, "max=NaN", "max=NaN deve essere un numero finito", "max=NaN must be a finite number"},
		{"infinite bound", TypeNumber, "lte=Inf", "lte=Inf deve essere un numero finito", "lte=Inf must be a finite number"},
		{"infinite bound spelled out", TypeNumber, "gte=-infinity", "gte=-infinity deve essere un numero finito", "gte=-infinity must be a finite number"},
		{"bound too large", TypeNumber, "max=1e400", `"max=1e400" non vale per un campo di tipo number`, `rule "max=1e400" cannot apply`},
		{"hexadecimal bound", TypeNumber, "max=0x1p4", "max=0x1p4 deve essere un numero finito", "max=0x1p4 must be a finite number"},
		{"negative bound", TypeNumber, "min=-5,max=2.5", "", ""},
		{"exponent", TypeNumber, "lt=1e6", "", ""},

		// Amounts: whole cents.
		{"fractional cents", TypeMoney, "lte=1.5", `"lte=1.5" non vale per un campo di tipo money`, `rule "lte=1.5" cannot apply`},
		{"cents with an exponent", TypeMoney, "lte=1e6", `"lte=1e6" non vale per un campo di tipo money`, `rule "lte=1e6" cannot apply`},
		{"hexadecimal cents", TypeMoney, "lte=0x10", "lte=0x10 deve essere un importo intero in centesimi", "lte=0x10 must be a whole amount in cents"},
		{"amount ceiling", TypeMoney, "gte=0,lte=246400000", "", ""},
		{"negative amount bound", TypeMoney, "gte=-100", "", ""},

		{"boolean equal to true", TypeBoolean, "eq=true", "", ""},
	}
	answers := []any{"", "x", "ABC", "-1", "12345678901", "RSSMRA80A01H501U", int64(5), int64(-3), 2.5, true, false,
		[]any{"a"}, []any{"a", "b", "c"}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(oneFieldCall(tc.typ, tc.rules))
			if tc.it == "" {
				if err != nil {
					t.Fatalf("want accepted, got %v", err)
				}
				for _, v := range answers { // never a panic, whatever the answer
					_ = c.Validate(Answers{"s": map[string]any{"f": v}}, IT)
					_ = c.ValidateField(Answers{"s": map[string]any{"f": v}}, "s.f", EN)
				}
				return
			}
			var le *LoadError
			if !errors.As(err, &le) || len(le.Problems) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			p := le.Problems[0]
			if p.Key != "lint.rules" || p.Path != "$.sections[0].fields[0].rules" || p.Pos.Line != 5 {
				t.Fatalf("got %s at %s %v", p.Key, p.Path, p.Pos)
			}
			if !strings.HasPrefix(p.Msg.IT, "regole non valide: ") || !strings.Contains(p.Msg.IT, tc.it) {
				t.Errorf("Italian: %q", p.Msg.IT)
			}
			if !strings.HasPrefix(p.Msg.EN, "invalid rules: ") || !strings.Contains(p.Msg.EN, tc.en) {
				t.Errorf("English: %q", p.Msg.EN)
			}
		})
	}
}
