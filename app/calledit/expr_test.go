package calledit

import (
	"strings"
	"testing"

	"bando/schema"
)

func TestLiteralAndCondition(t *testing.T) {
	tests := []struct{ field, typ, op, value, want string }{
		{"ente.ets", "boolean", "==", "true", "ente.ets == true"},
		{"ente.ets", "boolean", "!=", "no", "ente.ets != false"},
		{"ente.stato", "choice", "==", "costituenda", `ente.stato == "costituenda"`},
		{"progetto.durata", "number", ">=", "12", "progetto.durata >= 12"},
		{"progetto.costo", "money", "<=", "50000", "progetto.costo <= euro(50000)"},
		{"progetto.costo", "money", "<=", "tanto", `progetto.costo <= "tanto"`},
		{"ente.nome", "text", "!=", `A "B"`, `ente.nome != "A \"B\""`},
	}
	for _, tc := range tests {
		if got := Condition(tc.field, tc.typ, tc.op, tc.value); got != tc.want {
			t.Errorf("%+v: %s", tc, got)
		}
	}
}

// TestCheckShapesLint: every shape, written into the small call as a check, is a call that
// lint accepts; and the rule is what calls write by hand.
func TestCheckShapesLint(t *testing.T) {
	tests := []struct {
		name      string
		shape     CheckShape
		rule, grp string
	}{
		{"at least one", CheckShape{Shape: ShapeAtLeastOne, Group: "ente.membri", Field: "capofila", Type: "boolean", Value: "true"},
			"count(ente.membri[capofila == true]) >= 1", ""},
		{"exactly one", CheckShape{Shape: ShapeExactlyOne, Group: "ente.membri", Field: "capofila", Type: "boolean", Value: "true"},
			"count(ente.membri[capofila == true]) == 1", ""},
		{"sum under a ceiling", CheckShape{Shape: ShapeSumCeiling, Group: "ente.membri", Field: "quota", Type: "money", Value: "50000"},
			"sum(ente.membri[].quota) <= euro(50000)", ""},
		{"each item", CheckShape{Shape: ShapeEach, Group: "ente.membri", Field: "quota", Type: "money", Op: "<=", Value: "10000"},
			"quota <= euro(10000)", "ente.membri"},
		{"a field", CheckShape{Shape: ShapeCompare, Field: "ente.nome", Type: "text", Op: "!=", Value: "x"},
			`ente.nome != "x"`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rule, each := tc.shape.Rule()
			if rule != tc.rule || each != tc.grp {
				t.Fatalf("rule %q each %q", rule, each)
			}
			doc := mustParse(t, callShell)
			g := Node(doc, Path{0, 1})
			g.Get("fields").Elems = append(g.Get("fields").Elems, NewField("capofila", "boolean"))
			c := Obj("id", Str("regola"), "rule", Str(rule), "message", Obj("it", Str("No"), "en", Str("No")))
			if each != "" {
				c.Set("each", Str(each))
			}
			doc.Set("checks", Arr(c))
			if _, err := schema.Load(Marshal(doc)); err != nil {
				t.Fatalf("lint: %v", err)
			}
		})
	}
}

// callShell is small with the parts every call needs, for lint.
var callShell = strings.Replace(small, `"version": 1,`, `"version": 1, "format": "bando-call", "formatVersion": 1,
  "title": {"it": "Piccolo", "en": "Small"}, "authority": {"name": {"it": "Comune"}},
  "submission": {"channel": "pec", "to": "bandi@pec.example.it", "subject": "Domanda", "deadline": "2030-01-01"},`, 1)

func TestFields(t *testing.T) {
	doc := mustParse(t, small)
	var got []string
	for _, f := range Fields(doc) {
		got = append(got, f.Path+":"+f.Type+":"+f.Group)
	}
	want := "ente.nome:text: ente.membri:group: ente.membri.cf:text:ente.membri ente.membri.quota:money:ente.membri ente.note:textarea: progetto.titolo:text:"
	if strings.Join(got, " ") != want {
		t.Errorf("%s", strings.Join(got, " "))
	}
}
