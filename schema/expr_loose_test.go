package schema

import (
	"testing"
)

func TestLooseExpr(t *testing.T) {
	c := loadTestCall(t, "expr.json")
	root := map[string]any{
		"ente": map[string]any{"runts": "B/104587", "forma": "aps", "vecchi": []any{
			map[string]any{"cf": "A", "quota": 10.0, "ruolo": "capofila"},
			map[string]any{"cf": "B", "quota": 5.0},
			"garbage",
		}},
	}
	ente := root["ente"].(map[string]any)
	item := ente["vecchi"].([]any)[1].(map[string]any)
	cases := []struct {
		name string
		src  string
		e    env
		want any
	}{
		{"split a section", `before(runts, "/")`, env{root, ente}, "B"},
		{"split a number", `after(runts, "/")`, env{root, ente}, "104587"},
		{"absolute name", `upper(ente.forma)`, env{root, ente}, "APS"},
		{"innermost container first", `cf`, env{root, ente, item}, "B"},
		{"outer container", `forma == "aps"`, env{root, ente, item}, true},
		{"a saved list counts its elements", `count(vecchi)`, env{root, ente}, 3.0},
		{"count with []", `count(vecchi[])`, env{root, ente}, 2.0},
		{"filter", `sum(vecchi[ruolo == "capofila"].quota)`, env{root, ente}, 10.0},
		{"sum of a field", `sum(ente.vecchi[].quota)`, env{root}, 15.0},
		{"unknown name is no answer", `answered(nessuno)`, env{root, ente}, false},
		{"wrong shape is no answer", `upper(vecchi)`, env{root, ente}, nil},
		{"deadline", `year(deadline)`, env{root}, 2024.0},
		{"literal dates still typed", `date("2024-03-04") == deadline`, env{root}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			x, err := compileLoose(tc.src, c)
			if err != nil {
				t.Fatal(err)
			}
			if got := x.eval(tc.e); got != tc.want {
				t.Fatalf("%s = %v (%T), want %v", tc.src, got, got, tc.want)
			}
		})
	}
	// A hostile draft cannot make a loose expression run long: past the budget, no answer.
	many := make([]any, 3000)
	for i := range many {
		many[i] = map[string]any{"n": 1.0}
	}
	big := map[string]any{"l": many}
	x, err := compileLoose(`count(l[count(l[n == 1]) > 0])`, c)
	if err != nil {
		t.Fatal(err)
	}
	if got := x.eval(env{big}); got != nil {
		t.Fatalf("9,000,000 steps: got %v, want no answer", got)
	}
	if got, _ := compileLoose(`count(l[n == 1])`, c); got.eval(env{big}) != 3000.0 {
		t.Fatalf("a linear count over 3,000 items must still work")
	}
	for _, bad := range []string{`this.cf`, `date("2024-02-30")`, `1 +`, `frobnicate(x)`} {
		if _, err := compileLoose(bad, c); err == nil {
			t.Errorf("compileLoose(%q): want an error", bad)
		}
	}
}
