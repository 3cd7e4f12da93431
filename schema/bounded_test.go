package schema

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"
)

func TestLintRepeat(t *testing.T) {
	const membri = `"repeat": {"min": 2, "max": 5}`
	cases := []struct {
		name, repeat string
		key, path    string
		it, en       string
	}{
		{"missing repeat", ``, "lint.repeat_max", "$.sections[0].fields[1].repeat", "manca repeat con max", "repeat with max is missing"},
		{"missing max", `"repeat": {"min": 2}`, "lint.repeat_max", "$.sections[0].fields[1].repeat.max", "da 1 a 1000", "from 1 to 1000"},
		{"max zero", `"repeat": {"min": 0, "max": 0}`, "lint.repeat_max", "$.sections[0].fields[1].repeat.max", "trovato 0", "found 0"},
		{"max negative", `"repeat": {"min": 0, "max": -3}`, "lint.repeat_max", "$.sections[0].fields[1].repeat.max", "trovato -3", "found -3"},
		{"max over 1000", `"repeat": {"min": 2, "max": 1001}`, "lint.repeat_max", "$.sections[0].fields[1].repeat.max", "trovato 1001", "found 1001"},
		{"min negative", `"repeat": {"min": -1, "max": 5}`, "lint.repeat", "$.sections[0].fields[1].repeat.min", "non può essere negativo", "cannot be negative"},
		{"min over max", `"repeat": {"min": 6, "max": 5}`, "lint.repeat", "$.sections[0].fields[1].repeat.min", "maggiore di repeat.max", "greater than repeat.max"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			old, repl := membri+", ", tc.repeat+", "
			if tc.repeat == "" {
				repl = ""
			}
			data := mutate(t, old, repl)
			_, err := Load(data)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			if len(le.Problems) != 1 {
				t.Fatalf("want one problem, got:\n%s", le.Format(EN))
			}
			p := le.Problems[0]
			if p.Key != tc.key || p.Path != tc.path || !strings.Contains(p.Msg.IT, tc.it) || !strings.Contains(p.Msg.EN, tc.en) {
				t.Fatalf("got %s %s\n%s\n%s", p.Key, p.Path, p.Msg.IT, p.Msg.EN)
			}
			if want := lineOf(data, `"id": "membri"`); p.Pos.Line != want {
				t.Fatalf("line %d, want %d", p.Pos.Line, want)
			}
		})
	}
	for _, ok := range []string{`"repeat": {"max": 1}`, `"repeat": {"min": 0, "max": 1000}`, `"repeat": {"min": 5, "max": 5}`} {
		t.Run(ok, func(t *testing.T) {
			data := mutate(t, membri, ok)
			if _, err := Load(data); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// items returns n group items, each a copy of it.
func items(n int, it map[string]any) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = maps.Clone(it)
	}
	return out
}

// TestValidatePastMax: a group over repeat.max gets one repeat.max issue; its extra items are
// neither validated nor seen by checks, and the answers are not modified.
func TestValidatePastMax(t *testing.T) {
	c := loadTestCall(t, "mini.json")
	good := loadTestAnswers(t, "mini.answers.json")
	member := good.Get("ats.membri[1]").(map[string]any)
	lead := good.Get("ats.membri[0]").(map[string]any)
	cases := []struct {
		name    string
		members []any
		want    []string // path key, in order
	}{
		{"at max", items(5, member), []string{"ats.membri check.one_capofila"}},
		{"one past max", append(items(5, member), lead), []string{
			"ats.membri repeat.max", "ats.membri check.one_capofila"}}, // the 6th is the only capofila: unseen
		{"a million empty items", items(1_000_000, map[string]any{}), append(append([]string{"ats.membri repeat.max"},
			emptyMemberIssues(5)...), "ats.membri check.one_capofila")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := good.Clone()
			if err := a.Set("ats.membri", tc.members); err != nil {
				t.Fatal(err)
			}
			before := len(a.Items("ats.membri"))
			is := c.Validate(a, EN)
			var got []string
			for _, x := range is {
				got = append(got, x.Path+" "+x.Key)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if n := len(a.Items("ats.membri")); n != before {
				t.Fatalf("Validate changed the answers: %d items, had %d", n, before)
			}
			if m := is.At("ats.membri"); len(m) > 0 && m[0].Key == "repeat.max" {
				if want := fmt.Sprintf("there are %d", len(tc.members)); !strings.Contains(m[0].Message, want) {
					t.Fatalf("message %q does not say %q", m[0].Message, want)
				}
			}
		})
	}
}

func emptyMemberIssues(n int) []string {
	var out []string
	for i := range n {
		for _, f := range []string{"denominazione", "cf", "ets", "rl_nome", "rl_cf"} {
			k := "required"
			if f == "ets" {
				k = "required.choice"
			}
			out = append(out, fmt.Sprintf("ats.membri[%d].%s %s", i, f, k))
		}
	}
	return out
}

// TestPastMaxNotChecked: the keystroke check and the view the PDF prints agree with Validate.
func TestPastMaxNotChecked(t *testing.T) {
	c := loadTestCall(t, "mini.json")
	a := loadTestAnswers(t, "mini.answers.json")
	_ = a.Set("ats.membri", items(7, map[string]any{"rl_cf": "wrong"}))
	if is := c.ValidateField(a, "ats.membri[4].rl_cf", IT); is == nil || is.Key != "cf.length" {
		t.Fatalf("item 5 of 5 is checked: got %+v", is)
	}
	if is := c.ValidateField(a, "ats.membri[5].rl_cf", IT); is != nil {
		t.Fatalf("item 6 of 5 is not checked: got %+v", is)
	}
	if is := c.ValidateField(a, "ats.membri", IT); is == nil || is.Key != "repeat.max" || is.Params["n"] != "7" {
		t.Fatalf("the group reports its real count: got %+v", is)
	}
	if n := len(c.Visible(a).Items("ats.membri")); n != 5 {
		t.Fatalf("Visible holds %d members, want 5", n)
	}
	if n := len(a.Items("ats.membri")); n != 7 {
		t.Fatalf("the draft lost items: %d", n)
	}
}

// BenchmarkValidateMillionItems: a hostile draft with a million empty members costs what a
// draft of repeat.max members costs.
func BenchmarkValidateMillionItems(b *testing.B) {
	c := loadTestCall(b, "mini.json")
	a := Answers{"ats": map[string]any{"membri": items(1_000_000, map[string]any{})}}
	b.ReportAllocs()
	for b.Loop() {
		c.Validate(a, IT)
	}
}
