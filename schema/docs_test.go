package schema

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"bando/schema/expr"
)

// TestDocsExpressions: every function of the language has a row in docs/schema.md, and every
// example there compiles (in the scope of a field of section d of testdata/docs.json, or of a
// member of ats.membri when it uses this).
func TestDocsExpressions(t *testing.T) {
	data, err := os.ReadFile("../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, "### Functions")
	end := strings.Index(doc[start:], "\n### ")
	if start < 0 || end < 0 {
		t.Fatal("no Functions section in docs/schema.md")
	}
	table := doc[start : start+end]
	c := loadTestCall(t, "docs.json")
	section := &scope{parent: &scope{call: c}, level: 1, call: c, section: c.sectionByID["d"]}
	item := groupScope(c, c.Field("ats.membri"))
	code := regexp.MustCompile("`([^`]+)`")
	documented := map[string]bool{}
	examples := 0
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.ReplaceAll(line, `\|`, "\x00"), "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			name, _, _ := strings.Cut(m[1], "(")
			documented[name] = true
		}
		if !code.MatchString(cells[3]) {
			t.Errorf("no example in %q", line)
		}
		for _, m := range code.FindAllStringSubmatch(cells[3], -1) {
			src := strings.ReplaceAll(m[1], "\x00", "|")
			sc := section
			if strings.Contains(src, "this.") {
				sc = item
			}
			if _, err := compileExpr(src, sc); err != nil {
				t.Errorf("example %q: %v", src, err)
			}
			examples++
		}
	}
	for _, name := range expr.FuncNames() {
		if !documented[name] {
			t.Errorf("function %s has no row in docs/schema.md", name)
		}
	}
	// The examples at the top of the section, and in the prose, compile too.
	for _, src := range []string{
		`ats.stato == "costituenda"`, `count(ats.membri[capofila == true]) == 1`, `sum(azioni.linee[].importo) <= 246400000`,
		`answered(bollo_id) || bollo == "esente"`, `contains(destinatari, "donne")`, `cfBirthDate(rl_cf) == rl_nascita`,
		`data_firma <= deadline`, `data_firma <= "2024-03-04"`, `246400000 - totale`, `totale <= 246400000`,
	} {
		if !strings.Contains(doc, src) {
			t.Errorf("%q is no longer in docs/schema.md: update this test", src)
		}
		if _, err := compileExpr(src, section); err != nil {
			t.Errorf("example %q: %v", src, err)
		}
	}
	for src, sc := range map[string]*scope{
		`count(ats.membri[cf == this.cf]) == 1`:       item,
		`sum(budget.voci[linea == this._id].importo)`: groupScope(c, c.Field("azioni.linee")),
	} {
		if !strings.Contains(doc, src) {
			t.Errorf("%q is no longer in docs/schema.md: update this test", src)
		}
		if _, err := compileExpr(src, sc); err != nil {
			t.Errorf("example %q: %v", src, err)
		}
	}
	if examples < 20 {
		t.Errorf("only %d examples in the Functions table", examples)
	}
}
