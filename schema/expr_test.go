package schema

import (
	"testing"
)

func TestExprEval(t *testing.T) {
	c := loadTestCall(t, "mini.json")
	a := loadTestAnswers(t, "mini.answers.json")
	root := &scope{call: c}
	cases := []struct {
		name string
		src  string
		want any
	}{
		{"choice equality", `ats.stato == "costituenda"`, true},
		{"count filter", `count(ats.membri[capofila == true])`, 1.0},
		{"count bare group", `count(ats.membri)`, 2.0},
		{"sum money", `sum(budget.voci[].importo)`, 5000000.0},
		{"hidden answer reads as none", `count(ats.membri[answered(runts)])`, 1.0},
		{"and or not", `!(ats.stato == "costituita") && (1 < 2 || false)`, true},
		{"arithmetic", `2 + 3 * 4 - 10 / 5`, 12.0},
		{"division by zero is null", `1 / 0 == null`, true},
		{"string order (dates)", `"2024-03-04" < "2024-12-01"`, true},
		{"unanswered compares false", `budget.note == "x"`, false},
		{"answered", `answered(budget.note)`, false},
		{"any", `any(ats.membri[].ets)`, true},
		{"all", `all(ats.membri[].ets)`, false},
		{"contains", `contains(ats.membri[].denominazione, "Beta coop")`, true},
		{"len", `len(ats.membri[capofila == true].rl_nome)`, nil}, // a list, not a text: compile error below
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			x, err := compileExpr(tc.src, root)
			if tc.want == nil {
				if err == nil {
					t.Fatal("want a compile error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := x.fn(&evalCtx{}, env{a}); got != tc.want {
				t.Fatalf("%s = %v (%T), want %v", tc.src, got, got, tc.want)
			}
		})
	}
}

func TestExprErrors(t *testing.T) {
	c := loadTestCall(t, "mini.json")
	root := &scope{call: c}
	cases := []struct {
		name, src string
		col       int // 1-based column the error points at
	}{
		{"typo suggests", `ats.stat == "x"`, 5},
		{"single equals", `ats.stato = "costituita"`, 11},
		{"unknown function", `cnt(ats.membri)`, 1},
		{"chained comparison", `1 < 2 < 3`, 7},
		{"unclosed string", `ats.stato == "x`, 14},
		{"option typo", `ats.stato == "costituito"`, 14},
		{"group without brackets", `ats.membri.cf`, 12},
		{"section is not a value", `ats == 1`, 1},
		{"type mismatch", `ats.stato == 3`, 11},
		{"sum of texts", `sum(ats.membri[].cf)`, 5},
		{"empty", ``, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compileExpr(tc.src, root)
			ee, ok := err.(*ExprError)
			if !ok {
				t.Fatalf("want *ExprError, got %v", err)
			}
			if int(ee.Pos)+1 != tc.col {
				t.Fatalf("column %d, want %d (%s)", ee.Pos+1, tc.col, ee.EN)
			}
			if ee.IT == "" || ee.EN == "" {
				t.Fatalf("message missing a language: %+v", ee)
			}
		})
	}
}

func TestConditionCycle(t *testing.T) {
	data := mutate(t, `{"id": "rl_nome", "type": "text", "label": {"it": "Legale rappresentante"}, "rules": "required"}`,
		`{"id": "rl_nome", "type": "text", "label": {"it": "Legale rappresentante"}, "rules": "required", "when": "answered(rl_cf)"}`)
	s := string(data)
	s = replaceOnce(t, s, `{"id": "rl_cf", "type": "text"`, `{"id": "rl_cf", "when": "answered(rl_nome)", "type": "text"`)
	_, err := Load([]byte(s))
	le, ok := err.(*LoadError)
	if !ok || le.Problems[0].Key != "lint.cycle" {
		t.Fatalf("want lint.cycle, got %v", err)
	}
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	i := indexOnce(s, old)
	if i < 0 {
		t.Fatalf("%q not found once", old)
	}
	return s[:i] + new + s[i+len(old):]
}

func indexOnce(s, sub string) int {
	first := -1
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			if first >= 0 {
				return -1
			}
			first = i
		}
	}
	return first
}
