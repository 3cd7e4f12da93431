package ui

import (
	"regexp"
	"strings"
	"testing"

	"bando/schema"
)

// TestStepperTrueProgress: a step is done only when opened and without errors, whatever the
// step on screen; each step with errors says how many, in words, and links to the first.
func TestStepperTrueProgress(t *testing.T) {
	c := testCall(t)
	steps := c.Sections // ente, progetto
	tests := []struct {
		name    string
		cur     int
		visited []string
		counts  map[string]stepCount
		want    []string
		notWant []string
	}{
		{"past an empty step is not done", 1, nil, map[string]stepCount{"ente": {errors: 36, first: "ente.nome"}},
			[]string{`<li class="step" data-step="1">`, `<a href="/sezione/ente">Ente · 36 problemi</a>`, "passi completati: 0"},
			[]string{"step-done"}},
		{"opened with errors is not done", 1, []string{"ente"}, map[string]stepCount{"ente": {errors: 1, first: "ente.nome"}},
			[]string{"Ente · 1 problema<"}, []string{"step-done"}},
		{"opened without errors is done", 1, []string{"ente"}, nil,
			[]string{`<li class="step step-done" data-step="1">`, `<span aria-hidden class="step-number">✓</span>`, "(completato)", "passi completati: 1", `aria-valuenow="1"`},
			[]string{"problem"}},
		{"the review leads to the first problem", 2, nil, map[string]stepCount{"progetto": {errors: 2, first: "progetto.sintesi"}},
			[]string{`href="/sezione/progetto#f-progetto--sintesi">Progetto · 2 problemi<`}, nil},
		{"never opened, no errors, not done", 0, []string{"ente"}, nil,
			[]string{`<li class="step" data-step="2">`}, []string{"passi completati: 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			withDraft(t, c, schema.Answers{}, schema.IT)
			sess.open.visited = ","
			if tt.cur == len(steps) {
				sess.route.page = "review"
			}
			for _, v := range tt.visited {
				sess.open.visited += v + ","
			}
			got := regexp.MustCompile(`\n\s*`).ReplaceAllString(rendered(stepper(steps, tt.cur, schema.IT, tt.counts)), "")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("unexpected %q in\n%s", w, got)
				}
			}
		})
	}
}

// TestStepCounts counts errors per section, not warnings; problems of the whole form count
// under "", which no step shows (the list of drafts counts them).
func TestStepCounts(t *testing.T) {
	issues := schema.Issues{
		{Path: "ente.nome", Key: "required"},
		{Path: "ente.soci[1].cf", Key: "cf"},
		{Path: "progetto.sintesi", Key: "w", Severity: schema.SeverityWarning},
		{Path: "", Key: "form"},
	}
	got := stepCounts(issues)
	if got["ente"] != (stepCount{errors: 2, first: "ente.nome"}) || got[""].errors != 1 || len(got) != 2 {
		t.Fatalf("stepCounts = %+v", got)
	}
}
