package schema

import (
	"fmt"
	"strings"
	"testing"
)

// chainCall is a call whose n text fields f0…f(n-1) are each shown only when the two before
// them are answered: evaluated naively (every path re-deciding the condition of the field it
// enters) it costs Fibonacci(n) conditions. In a group when inGroup, so that the chain repeats
// in every item.
func chainCall(t testing.TB, n int, inGroup bool) *Call {
	t.Helper()
	fields := make([]string, n)
	for i := range fields {
		when := ""
		switch {
		case i == 1:
			when = `, "when": "answered(f0)"`
		case i > 1:
			when = fmt.Sprintf(`, "when": "answered(f%d) && answered(f%d)"`, i-1, i-2)
		}
		fields[i] = fmt.Sprintf(`{"id": "f%d", "type": "text", "label": {"it": "F%d"}%s}`, i, i, when)
	}
	list := strings.Join(fields, ",\n")
	if inGroup {
		list = `{"id": "g", "type": "group", "label": {"it": "G"}, "repeat": {"min": 0, "max": 10}, "fields": [` + list + `]}`
	}
	src := `{"format": "bando-call", "formatVersion": 1, "id": "chain", "version": 1,
  "title": {"it": "Catena"}, "authority": {"name": {"it": "Ente"}},
  "submission": {"channel": "pec", "to": "bandi@pec.example.it", "subject": "Domanda", "deadline": "2024-03-04"},
  "sections": [{"id": "s", "title": {"it": "S"}, "fields": [` + list + `]}]}`
	c, err := Load([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// chainAnswers answers every field of the chain but the one at index gap (none when gap < 0).
func chainAnswers(n, gap int) map[string]any {
	m := map[string]any{}
	for i := range n {
		if i != gap {
			m[fmt.Sprintf("f%d", i)] = "x"
		}
	}
	return m
}

// TestChainedWhenOncePerItem: each condition is evaluated at most once per container in one
// Validate, Visible, Shown or ValidateField, and the answers' visibility is still exact.
func TestChainedWhenOncePerItem(t *testing.T) {
	const n = 40
	flat := chainCall(t, n, false)
	group := chainCall(t, n, true)
	items := func(ms ...map[string]any) Answers {
		l := make([]any, len(ms))
		for i, m := range ms {
			l[i] = m
		}
		return Answers{"s": map[string]any{"g": l}}
	}
	cases := []struct {
		name     string
		call     *Call
		a        Answers
		maxWhens int    // conditions a Validate may evaluate
		path     string // a field whose visibility is asked
		shown    bool
		visible  int // answers left in the section (or in the first item) by Visible
	}{
		{"flat, all answered", flat, Answers{"s": chainAnswers(n, -1)}, n - 1, "s.f39", true, n},
		{"flat, gap hides the rest", flat, Answers{"s": chainAnswers(n, 5)}, n - 1, "s.f39", false, 5},
		{"flat, gap at the start", flat, Answers{"s": chainAnswers(n, 0)}, n - 1, "s.f1", false, 0},
		{"group, three items", group, items(chainAnswers(n, -1), chainAnswers(n, 3), chainAnswers(n, -1)), 3 * (n - 1), "s.g[1].f39", false, n},
		{"group, item shown", group, items(chainAnswers(n, -1), chainAnswers(n, 3)), 2 * (n - 1), "s.g[0].f39", true, n},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			x := &evalCtx{}
			if is := tc.call.validate(x, tc.a, IT); len(is) != 0 {
				t.Fatalf("issues: %v", is)
			}
			if x.whens > tc.maxWhens {
				t.Errorf("Validate evaluated %d conditions, want at most %d", x.whens, tc.maxWhens)
			}
			x = &evalCtx{}
			if got := tc.call.shown(x, tc.a, tc.path); got != tc.shown {
				t.Errorf("Shown(%s) = %v, want %v", tc.path, got, tc.shown)
			}
			if x.whens > n-1 {
				t.Errorf("Shown evaluated %d conditions, want at most %d", x.whens, n-1)
			}
			x = &evalCtx{}
			view, _ := tc.call.pruneRoot(x, tc.a)
			if x.whens > tc.maxWhens {
				t.Errorf("Visible evaluated %d conditions, want at most %d", x.whens, tc.maxWhens)
			}
			s := view["s"].(map[string]any)
			if g, ok := s["g"].([]any); ok {
				s = g[0].(map[string]any)
			}
			if len(s) != tc.visible {
				t.Errorf("Visible kept %d answers, want %d: %v", len(s), tc.visible, s)
			}
		})
	}
}

// BenchmarkValidateChainedWhen: a call of 40 fields each shown only when the two before are
// answered (naively Fibonacci(40) ≈ 10⁸ conditions). Goal: Validate ≤ 10 ms.
func BenchmarkValidateChainedWhen(b *testing.B) {
	c := chainCall(b, 40, false)
	a := Answers{"s": chainAnswers(40, -1)}
	b.ReportAllocs()
	for b.Loop() {
		c.Validate(a, IT)
	}
}

// BenchmarkShownChainedWhen: the visibility of the last of 40 chained fields, as a keystroke
// asks it.
func BenchmarkShownChainedWhen(b *testing.B) {
	c := chainCall(b, 40, false)
	a := Answers{"s": chainAnswers(40, -1)}
	b.ReportAllocs()
	for b.Loop() {
		c.Shown(a, "s.f39")
	}
}

// TestChainedComputedOnce: forty computed fields each adding the one before to itself (naively
// 2^40 evaluations) are each computed once per Validate, and the total is exact.
func TestChainedComputedOnce(t *testing.T) {
	const n = 40
	fields := []string{`{"id": "c0", "type": "number", "label": {"it": "C0"}}`}
	for i := 1; i < n; i++ {
		fields = append(fields, fmt.Sprintf(`{"id": "c%d", "type": "computed", "label": {"it": "C%d"}, "expr": "c%d + c%d", "format": "number"}`, i, i, i-1, i-1))
	}
	src := `{"format": "bando-call", "formatVersion": 1, "id": "chain", "version": 1,
  "title": {"it": "Catena"}, "authority": {"name": {"it": "Ente"}},
  "submission": {"channel": "pec", "to": "bandi@pec.example.it", "subject": "Domanda", "deadline": "2024-03-04"},
  "checks": [{"id": "tetto", "rule": "s.c39 <= 1000", "message": {"it": "Troppo"}}],
  "sections": [{"id": "s", "title": {"it": "S"}, "fields": [` + strings.Join(fields, ",\n") + `]}]}`
	c, err := Load([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := Answers{"s": map[string]any{"c0": 1.0}}
	x := &evalCtx{}
	is := c.validate(x, a, IT)
	if len(is) != 1 || is[0].Key != "check.tetto" {
		t.Fatalf("want the check to fail (2^39 > 1000), got %v", is)
	}
	if x.sums > n-1 {
		t.Fatalf("Validate computed %d values, want at most %d", x.sums, n-1)
	}
	if got, want := c.Computed(a, "s.c39"), float64(int64(1)<<39); got != want {
		t.Fatalf("Computed(s.c39) = %v, want %v", got, want)
	}
}
