package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"bando/schema/expr"
)

// indexCall compares items of one group with items of another in every shape a filter can
// be looked up in: item side left or right, a number, a text, a field hidden by its `when`
// (no answer, which equals no answer), from a computed field of each item and from a check
// on each item, and a filter that is not an equality.
const indexCall = `{
 "format": "bando-call", "formatVersion": 1, "id": "index", "version": 1,
 "title": {"it": "Filtri con indice"}, "authority": {"name": {"it": "Regione di prova"}},
 "submission": {"channel": "pec", "to": "bandi@pec.example.it", "subject": "Domanda", "deadline": "2024-03-04"},
 "sections": [
  {"id": "a", "title": {"it": "A"}, "fields": [
   {"id": "righe", "type": "group", "label": {"it": "Righe"}, "repeat": {"min": 0, "max": 30}, "fields": [
    {"id": "k", "type": "text", "label": {"it": "K"}},
    {"id": "n", "type": "number", "label": {"it": "N"}},
    {"id": "on", "type": "boolean", "label": {"it": "On"}},
    {"id": "k2", "type": "text", "label": {"it": "K2"}, "when": "on == true"},
    {"id": "d", "type": "date", "label": {"it": "D"}},
    {"id": "v", "type": "money", "label": {"it": "V"}},
    {"id": "tot", "type": "computed", "label": {"it": "Tot"}, "expr": "sum(b.voci[ref == this.k].v)", "format": "money"},
    {"id": "tot2", "type": "computed", "label": {"it": "Tot2"}, "expr": "count(b.voci[this.n == num])", "format": "number"},
    {"id": "tot3", "type": "computed", "label": {"it": "Tot3"}, "expr": "count(b.voci[ref2 == this.k2])", "format": "number"},
    {"id": "tot4", "type": "computed", "label": {"it": "Tot4"}, "expr": "count(b.voci[d == this.d])", "format": "number"}
   ]}
  ]},
  {"id": "b", "title": {"it": "B"}, "fields": [
   {"id": "voci", "type": "group", "label": {"it": "Voci"}, "repeat": {"min": 0, "max": 60}, "fields": [
    {"id": "ref", "type": "text", "label": {"it": "Ref"}},
    {"id": "num", "type": "number", "label": {"it": "Num"}},
    {"id": "hide", "type": "boolean", "label": {"it": "Hide"}},
    {"id": "ref2", "type": "text", "label": {"it": "Ref2"}, "when": "hide != true"},
    {"id": "d", "type": "date", "label": {"it": "D"}},
    {"id": "v", "type": "money", "label": {"it": "V"}}
   ]}
  ]}
 ],
 "checks": [
  {"id": "tot", "each": "a.righe", "rule": "tot < euro(2)", "message": {"it": "tot"}},
  {"id": "tot2", "each": "a.righe", "rule": "tot2 != 1", "message": {"it": "tot2"}},
  {"id": "tot3", "each": "a.righe", "rule": "tot3 != 2", "message": {"it": "tot3"}},
  {"id": "tot4", "each": "a.righe", "rule": "tot4 < 2", "message": {"it": "tot4"}},
  {"id": "ref", "each": "b.voci", "rule": "count(a.righe[k == this.ref]) >= 1", "message": {"it": "ref"}},
  {"id": "ref_rev", "each": "b.voci", "rule": "sum(a.righe[this.ref == k].v) < 150", "message": {"it": "ref_rev"}},
  {"id": "ref2", "each": "b.voci", "rule": "count(a.righe[k2 == this.ref2]) <= 1", "message": {"it": "ref2"}},
  {"id": "num", "each": "b.voci", "rule": "count(a.righe[n == this.num]) != 2", "message": {"it": "num"}},
  {"id": "plain", "each": "b.voci", "rule": "count(a.righe[k == this.ref && n > 0]) == 0", "message": {"it": "plain"}},
  {"id": "all", "rule": "count(b.voci[ref == \"x\"]) < 5", "message": {"it": "all"}}
 ]
}`

// TestFilterKeysAsPlainWalk: filters that compare keys give Validate exactly the issues that
// walking every filter item by item gives, on random answers that mix every kind of value
// (texts differing in case, numbers as float64, int64 and json.Number, NaN, booleans, dates,
// lists, no answer, elements that are no item).
func TestFilterKeysAsPlainWalk(t *testing.T) {
	c, err := Load([]byte(indexCall))
	if err != nil {
		t.Fatal(err)
	}
	values := []any{
		nil, "x", "y", "X", "", " x", 1.0, 2.0, int64(1), json.Number("1"), json.Number("1.0"),
		json.Number("uno"), math.NaN(), math.Copysign(0, -1), 0.0, true, false, "2024-03-04",
		[]any{"x"}, map[string]any{},
	}
	pick := func(r *rand.Rand) any { return values[r.IntN(len(values))] }
	item := func(r *rand.Rand, names ...string) any {
		if r.IntN(20) == 0 {
			return "no item"
		}
		m := map[string]any{}
		for _, n := range names {
			if r.IntN(5) > 0 {
				m[n] = pick(r)
			}
		}
		if r.IntN(2) == 0 {
			m["v"] = float64(r.IntN(3) * 100)
		}
		return m
	}
	keyed, plain := 0, 0
	steps := map[*pstep]bool{}      // the filters that compared keys
	keyedNodes := map[*cnode]bool{} // the functions computed once per value of this (keyedValue)
	for seed := range uint64(400) {
		r := rand.New(rand.NewPCG(seed, 11))
		righe := make([]any, r.IntN(8))
		for i := range righe {
			righe[i] = item(r, "k", "n", "on", "k2", "d")
		}
		voci := make([]any, r.IntN(12))
		for i := range voci {
			voci[i] = item(r, "ref", "num", "hide", "ref2", "d")
		}
		a := Answers{"a": map[string]any{"righe": righe}, "b": map[string]any{"voci": voci}}
		x := &evalCtx{}
		got := c.validate(x, a, EN)
		if x.ext != nil {
			for n := range x.ext.keyed {
				keyedNodes[n] = true
			}
		}
		if x.ext != nil && x.ext.lastKeys != nil {
			steps[x.ext.lastList.step] = true
			for k := range x.ext.indexes {
				steps[k.step] = true
			}
		}
		want := c.validate(&evalCtx{ext: &evalExt{plainFilters: true}}, a, EN)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: answers %v\nwith keys:  %v\nplain walk: %v", seed, fmt.Sprint(a), got, want)
		}
		keyed += len(got)
		plain += len(got.At(""))
	}
	if keyed == plain {
		t.Fatal("no check failed on any item: the comparison proves nothing")
	}
	// Eight filters are equalities with an outer side that changes from walk to walk; the
	// one with && and the one with a constant are walked plainly.
	if len(steps) != 8 {
		t.Errorf("%d filters compared keys, want 8", len(steps))
	}
	// Those whose outer side is this.x, and that read nothing else from outside, are computed
	// once per text it gives: the computed totals and the checks but the plain one, less tot4,
	// whose this.d gives days (not remembered: see keyedValue).
	if len(keyedNodes) != 7 {
		t.Errorf("%d functions computed once per text of this, want 7", len(keyedNodes))
	}
}

// TestKeyedOncePerValue: in the largest FAMI proposal, the check on each of 200 voci counts the
// linee of its azione, and each linea's subtotal sums the voci of its line: each is computed
// once per distinct azione, not once per voce (keyedValue), with the same issues as the plain
// walk.
func TestKeyedOncePerValue(t *testing.T) {
	c, err := Shipped(DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	a := bigAnswers(c)
	x := &evalCtx{}
	got := c.validate(x, a, IT)
	want := c.validate(&evalCtx{ext: &evalExt{plainFilters: true}}, a, IT)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("with the memo:\n%v\nplain:\n%v", got, want)
	}
	azioni := map[any]bool{}
	for _, v := range a.Items("budget.voci") {
		azioni[v.(map[string]any)["azione"]] = true
	}
	perNode := map[*cnode]int{}
	for n, m := range x.ext.keyed {
		perNode[n] = len(m.(map[string]any))
	}
	if len(perNode) != 2 {
		t.Errorf("%d functions computed per value of this, want 2 (the voce check, the subtotal)", len(perNode))
	}
	for n, values := range perNode {
		if values > len(azioni) {
			t.Errorf("%v: %d values, more than the %d azioni", n, values, len(azioni))
		}
	}
}

// TestEqualLiteralAsEqual: == and != against a text or yes/no literal, on either side, answer
// as equal does for every kind of value.
func TestEqualLiteralAsEqual(t *testing.T) {
	values := []any{
		nil, "x", "X", "", " x", "true", 1.0, 0.0, int64(1), json.Number("1"), json.Number("x"),
		math.NaN(), true, false, expr.Day(19786), []any{"x"}, []any{true}, map[string]any{},
	}
	lits := []*cnode{
		constant("x", expr.Of(expr.Text), &expr.StringLit{Value: "x"}),
		constant("", expr.Of(expr.Text), &expr.StringLit{Value: ""}),
		constant(true, expr.Of(expr.Bool), &expr.BoolLit{Value: true}),
		constant(false, expr.Of(expr.Bool), &expr.BoolLit{Value: false}),
		constant(expr.Day(19786), expr.Of(expr.Date), &expr.StringLit{Value: "2024-03-04"}), // a literal read as a date
	}
	for _, lit := range lits {
		for _, v := range values {
			other := &cnode{fn: func(*evalCtx, env) any { return v }, typ: expr.Of(expr.Null)}
			for _, neg := range []bool{false, true} {
				for _, litLeft := range []bool{false, true} {
					l, r := other, lit
					if litLeft {
						l, r = lit, other
					}
					got := equalFn(l, r, neg)(&evalCtx{}, nil)
					want := equal(l.fn(nil, nil), r.fn(nil, nil)) != neg
					if got != want {
						t.Errorf("%v == %v (neg %v, literal left %v): got %v, want %v", l.fn(nil, nil), r.fn(nil, nil), neg, litLeft, got, want)
					}
				}
			}
		}
	}
}
