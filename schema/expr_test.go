package schema

import (
	"strings"
	"testing"

	"bando/schema/expr"
)

// exprAnswers are the answers the evaluation table reads (testdata/expr.json).
func exprAnswers() Answers {
	return Answers{"p": map[string]any{
		"nome":       "  Alfa APS ",
		"runts":      "B/104587",
		"rl_cf":      "RSSMRA85T10H501O",
		"rl_nascita": "1985-12-10",
		"firma":      "2024-03-01",
		"tetto":      int64(246400000),
		"ets":        true,
		"forma":      "aps",
		"settori":    []any{"a", "c"},
		"membri": []any{
			map[string]any{"_id": "i1", "cf": "00743110157", "nome": "Alfa", "importo": 100000.0, "capofila": true, "nascita": "2000-02-29"},
			map[string]any{"_id": "i2", "cf": "12345678903", "nome": "Beta", "importo": 200000.0, "capofila": false},
			map[string]any{"_id": "i3", "cf": " 00743110157", "nome": "Gamma", "capofila": false, "nascita": "garbage"},
		},
	}}
}

// exprScope is where a table case compiles: the call root, or the item of p.membri.
func exprScope(c *Call, inItem bool) *scope {
	if inItem {
		return groupScope(c, c.Field("p.membri"))
	}
	return &scope{call: c}
}

func TestExprEval(t *testing.T) {
	c := loadTestCall(t, "expr.json")
	a := exprAnswers()
	items := a.Items("p.membri")
	day := func(s string) expr.Day { d, _ := expr.ParseDate(s); return d }
	cases := []struct {
		name   string
		src    string
		inItem int // 1-based item of p.membri the expression is attached to; 0 for the root
		want   any
	}{
		// literals, operators, no answer
		{"arithmetic precedence", `2 + 3 * 4 - 10 / 5`, 0, 12.0},
		{"unary minus", `-(2 - 5)`, 0, 3.0},
		{"division by zero is no answer", `1 / 0 == null`, 0, true},
		{"no answer in arithmetic is no answer", `p.quota + 1 == null`, 0, true},
		{"no answer compares false", `p.quota < 3`, 0, false},
		{"no answer compares false the other way", `p.quota >= 3`, 0, false},
		{"not of no answer", `!answered(p.quota)`, 0, true},
		{"and or not", `!(p.forma == "odv") && (1 < 2 || false)`, 0, true},
		// choices and lists
		{"choice equality", `p.forma == "aps"`, 0, true},
		{"multichoice contains", `contains(p.settori, "c")`, 0, true},
		{"multichoice does not contain", `contains(p.settori, "b")`, 0, false},
		{"len of a list", `len(p.settori)`, 0, 2.0},
		{"len of a text counts characters", `len("città")`, 0, 5.0},
		{"count of a group", `count(p.membri)`, 0, 3.0},
		{"count with a filter", `count(p.membri[capofila])`, 0, 1.0},
		{"count skips no answer", `count(p.membri[].importo)`, 0, 2.0},
		{"any", `any(p.membri[].capofila)`, 0, true},
		{"all", `all(p.membri[].capofila)`, 0, false},
		{"contains in a field of the items", `contains(p.membri[].nome, "Beta")`, 0, true},
		// money
		{"sum of amounts", `sum(p.membri[].importo)`, 0, 300000.0},
		{"amount compared with cents", `p.tetto <= 246400000`, 0, true},
		{"euro is an amount in euros", `euro(2464000) == p.tetto`, 0, true},
		{"amount minus amount", `p.tetto - sum(p.membri[].importo)`, 0, 246100000.0},
		{"cents minus an amount", `246400000 - p.tetto`, 0, 0.0},
		{"amount times a number", `p.tetto * 0.1`, 0, 24640000.0},
		{"amount divided by a number", `p.tetto / 4`, 0, 61600000.0},
		{"amount divided by an amount is a ratio", `sum(p.membri[].importo) / euro(3000)`, 0, 1.0},
		{"computed total", `p.totale == euro(3000)`, 0, true},
		{"min of amounts", `min(p.tetto, euro(1000))`, 0, 100000.0},
		{"max of numbers", `max(2, 7)`, 0, 7.0},
		{"min with no answer is no answer", `min(p.quota, 3) == null`, 0, true},
		// dates
		{"date field against a literal", `p.firma <= "2024-03-04"`, 0, true},
		{"literal against a date field", `"2024-03-02" > p.firma`, 0, true},
		{"date field against the deadline", `p.firma <= deadline`, 0, true},
		{"dates compare as days", `date("2024-02-29") < date("2024-03-01")`, 0, true},
		{"date of a text answer", `date(p.membri[capofila].nascita[0]) == null`, 0, nil},
		{"year", `year(p.rl_nascita)`, 0, 1985.0},
		{"year of the deadline", `year(deadline)`, 0, 2024.0},
		{"max of dates", `max(p.firma, deadline)`, 0, day("2024-03-04")},
		{"computed date", `p.ultima == "2024-03-01"`, 0, true},
		{"invalid date answer is no answer", `count(p.membri[].nascita)`, 0, 1.0},
		{"date equality with a literal", `p.rl_nascita == "1985-12-10"`, 0, true},
		// text
		{"trim", `trim(p.nome) == "Alfa APS"`, 0, true},
		{"upper", `upper(trim(p.nome))`, 0, "ALFA APS"},
		{"lower", `lower("ODV")`, 0, "odv"},
		{"startsWith", `startsWith(p.runts, "B/")`, 0, true},
		{"endsWith", `endsWith(p.runts, "/1")`, 0, false},
		{"before", `before(p.runts, "/")`, 0, "B"},
		{"after", `after(p.runts, "/")`, 0, "104587"},
		{"before without the separator is no answer", `answered(before(p.runts, "-"))`, 0, false},
		{"text function of no answer", `upper(p.note) == null`, 0, true},
		// codice fiscale
		{"birth date from the codice fiscale", `cfBirthDate(p.rl_cf) == p.rl_nascita`, 0, true},
		{"sex from the codice fiscale", `cfSex(p.rl_cf)`, 0, "M"},
		{"birthplace from the codice fiscale", `cfBirthplace(p.rl_cf)`, 0, "H501"},
		{"an entity's code gives no birth date", `answered(cfBirthDate(p.membri[capofila].cf[0]))`, 0, nil},
		{"an invalid code gives no sex", `answered(cfSex("RSSMRA85T10H501A"))`, 0, false},
		// uniqueness
		{"distinct compares trimmed", `distinct(p.membri[].cf)`, 0, false},
		{"distinct of different values", `distinct(p.membri[].nome)`, 0, true},
		{"distinct ignores no answer", `distinct(p.membri[].importo)`, 0, true},
		// if
		{"if true", `if(p.ets, "ETS", "altro")`, 0, "ETS"},
		{"if false", `if(!p.ets, euro(1), 5)`, 0, 5.0},
		{"if true gives its amount", `if(p.ets, euro(1), 5)`, 0, 100.0},
		// this and _id
		{"this inside a filter", `count(p.membri[cf == this.cf])`, 1, 1.0},
		{"this of another item", `count(p.membri[nome == this.nome]) == 1`, 2, true},
		{"own field by name in the item", `nome`, 2, "Beta"},
		{"this field by name", `this.nome`, 3, "Gamma"},
		{"an item's id", `count(p.membri[_id == "i2"])`, 0, 1.0},
		{"this item's id", `this._id`, 2, "i2"},
		{"ids of the items", `contains(p.membri[]._id, "i3")`, 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			x, err := compileExpr(tc.src, exprScope(c, tc.inItem > 0))
			if tc.want == nil && strings.Contains(tc.src, "[0]") {
				if err == nil {
					t.Fatal("want a compile error: items are not indexed")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			e := env{a, a["p"].(map[string]any)}
			if tc.inItem > 0 {
				e = append(e, items[tc.inItem-1].(map[string]any))
			}
			if got := x.fn(&evalCtx{}, e); got != tc.want {
				t.Fatalf("%s = %v (%T), want %v (%T)", tc.src, got, got, tc.want, tc.want)
			}
		})
	}
}

func TestExprErrors(t *testing.T) {
	c := loadTestCall(t, "expr.json")
	cases := []struct {
		name, src string
		inItem    bool
		col       int    // 1-based column the error points at
		en        string // part of the English message
	}{
		{"typo suggests", `p.nmoe == "x"`, false, 3, `did you mean "nome"`},
		{"single equals", `p.forma = "aps"`, false, 9, "use =="},
		{"unknown function suggests", `cuont(p.membri)`, false, 1, "did you mean count"},
		{"unknown function lists", `frobnicate(1)`, false, 1, "known: after, all"},
		{"wrong number of arguments", `contains(p.settori)`, false, 1, "takes 2 argument(s), not 1"},
		{"chained comparison", `1 < 2 < 3`, false, 7, "cannot be chained"},
		{"unclosed string", `p.forma == "x`, false, 12, "not closed"},
		{"option typo", `p.forma == "apss"`, false, 12, `"apss" is not an option of p.forma`},
		{"group without brackets", `p.membri.cf`, false, 10, "repeating group"},
		{"section is not a value", `p == 1`, false, 1, "section, not a value"},
		{"text against a number", `p.nome == 3`, false, 8, "comparing a text with a number"},
		{"amount plus a number field", `p.tetto + p.quota`, false, 9, "write euro(n)"},
		{"amount times an amount", `p.tetto * p.tetto`, false, 9, "multiplying two amounts"},
		{"number divided by an amount", `3 / p.tetto`, false, 3, "dividing a number by an amount"},
		{"amount against a number field", `p.tetto > p.quota`, false, 9, "an amount is in cents"},
		{"date against a number", `p.firma < 3`, false, 9, "two dates"},
		{"texts do not order", `p.nome < "b"`, false, 8, "does not order texts"},
		{"invalid date literal", `p.firma <= "2024-02-30"`, false, 12, `"2024-02-30" is not a date`},
		{"invalid date literal in date()", `date("4/3/2024") < deadline`, false, 6, "is not a date"},
		{"date against a text field", `p.firma == p.nome`, false, 9, "date(text)"},
		{"this outside any item", `this.cf == "x"`, false, 1, "not inside any item"},
		{"this alone", `count(p.membri[this])`, true, 16, "this needs a field"},
		{"this with an unknown field", `this.cff`, true, 6, `did you mean "cf"`},
		{"not of a text", `!p.nome`, false, 2, "! needs a true/false value"},
		{"and of a number", `p.ets && p.quota`, false, 10, "&& joins true/false conditions"},
		{"filter is not a condition", `count(p.membri[nome])`, false, 16, "filter in [ ] is a true/false condition"},
		{"sum of texts", `sum(p.membri[].cf)`, false, 5, "sum needs a list of numbers or amounts"},
		{"sum of a value", `sum(p.tetto)`, false, 5, "adds up a list"},
		{"upper of a number", `upper(p.quota)`, false, 7, "upper: needs a text"},
		{"euro of an amount", `euro(p.tetto)`, false, 6, "needs a number of euros"},
		{"year of a text", `year(p.nome)`, false, 6, "year: needs a date"},
		{"if branches differ", `if(p.ets, 1, "x")`, false, 14, "if gives one type of value"},
		{"if condition not bool", `if(p.nome, 1, 2)`, false, 4, "the condition is true/false"},
		{"list compared with a value", `p.settori == "a"`, false, 11, "compares values, not lists"},
		{"contains the wrong type", `contains(p.settori, 3)`, false, 21, "contains looks for a text"},
		{"any of amounts", `any(p.membri[].importo)`, false, 5, "needs a list of true/false"},
		{"distinct of items", `distinct(p.membri)`, false, 10, "compares the values of one field"},
		{"min of a date and a number", `min(p.firma, 3)`, false, 14, "min needs two numbers, two amounts or two dates"},
		{"deadline typo suggests", `p.firma <= dealine`, false, 12, `did you mean "deadline"`},
		{"this typo suggests in an item", `thsi.cf == "x"`, true, 1, `did you mean "this"`},
		{"deadline has no fields", `deadline.year == 1`, false, 1, `unknown name "deadline"`},
		{"empty", ``, false, 1, "empty expression"},
		{"too deep", strings.Repeat("!", 100) + "p.ets", false, 65, "nested too deeply"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compileExpr(tc.src, exprScope(c, tc.inItem))
			ee, ok := err.(*ExprError)
			if !ok {
				t.Fatalf("want *ExprError, got %v", err)
			}
			if int(ee.Pos)+1 != tc.col || !strings.Contains(ee.EN, tc.en) {
				t.Fatalf("column %d %q, want column %d and %q", ee.Pos+1, ee.EN, tc.col, tc.en)
			}
			if ee.IT == "" || ee.IT == ee.EN {
				t.Fatalf("message missing its Italian: %+v", ee)
			}
		})
	}
}

// TestExprEveryFunctionCompiles: every function package expr types has a closure here.
func TestExprEveryFunctionCompiles(t *testing.T) {
	c := loadTestCall(t, "expr.json")
	args := map[string]string{
		"count": "p.membri", "sum": "p.membri[].importo", "any": "p.membri[].capofila", "all": "p.membri[].capofila",
		"answered": "p.nome", "contains": `p.settori, "a"`, "len": "p.nome", "distinct": "p.membri[].cf",
		"upper": "p.nome", "lower": "p.nome", "trim": "p.nome", "startsWith": `p.nome, "A"`, "endsWith": `p.nome, "A"`,
		"before": `p.runts, "/"`, "after": `p.runts, "/"`, "cfBirthDate": "p.rl_cf", "cfSex": "p.rl_cf",
		"cfBirthplace": "p.rl_cf", "date": "p.nome", "year": "p.firma", "euro": "p.quota", "min": "1, 2", "max": "1, 2",
		"if": "p.ets, 1, 2",
	}
	for _, name := range expr.FuncNames() {
		a, ok := args[name]
		if !ok {
			t.Errorf("no arguments for %s in this test", name)
			continue
		}
		x, err := compileExpr(name+"("+a+")", &scope{call: c})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		x.fn(&evalCtx{}, env{exprAnswers()})
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

// FuzzEval: any expression compiles or fails with an *ExprError, and a compiled one evaluates
// without panicking on well-formed and on garbage answers alike, at the root and in an item,
// typed or loose (compileLoose).
func FuzzEval(f *testing.F) {
	for _, s := range []string{
		`count(p.membri[cf == this.cf]) == 1`, `sum(p.membri[].importo) <= p.tetto`, `cfBirthDate(p.rl_cf) == p.rl_nascita`,
		`distinct(p.membri[].cf)`, `if(p.ets, euro(1), 5) > 0`, `max(p.firma, deadline) == "2024-03-04"`, `after(p.runts, "/")`,
		`len(p.settori) + year(p.firma) / 0`, `p.totale - euro(1) * 2`, `count(p.membri[_id == this._id && nascita < deadline])`,
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	c := loadTestCall(f, "expr.json")
	garbage := Answers{"p": map[string]any{
		"nome": 3.0, "firma": true, "tetto": "x", "settori": "a", "ets": "yes", "rl_cf": []any{1.0},
		"membri": []any{"x", nil, map[string]any{"importo": "1", "nascita": 2.0, "cf": false, "_id": 7.0}},
	}}
	f.Fuzz(func(t *testing.T, src string, inItem bool) {
		if l, err := compileLoose(src, c); err == nil {
			for _, a := range []Answers{exprAnswers(), garbage} {
				p, _ := a["p"].(map[string]any)
				l.eval(env{a, p})
			}
		}
		x, err := compileExpr(src, exprScope(c, inItem))
		if err != nil {
			if _, ok := err.(*ExprError); !ok {
				t.Fatalf("compileExpr(%q): %T %v", src, err, err)
			}
			return
		}
		for _, a := range []Answers{exprAnswers(), garbage, {}} {
			p, _ := a["p"].(map[string]any)
			e := env{a, p}
			if inItem {
				var item map[string]any
				if items := a.Items("p.membri"); len(items) > 0 {
					item, _ = items[len(items)-1].(map[string]any)
				}
				e = append(e, item)
			}
			x.fn(&evalCtx{}, e)
		}
	})
}
