package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"bando/schema"
)

// answered is a draft of the test call partly answered, with mistakes.
func answered() schema.Answers {
	return schema.Answers{
		"ente": map[string]any{
			"nome": "Associazione di promozione sociale con un nome decisamente troppo lungo", "nato": "2019-05-01",
			"addetti": int64(12), "forma": "aps", "ambiti": []any{"cultura"}, "ets": true,
			"soci": []any{
				map[string]any{"_id": "i1", "denominazione": "Alfa APS", "capofila": true, "nome": "Mario Rossi", "cf": "RSSMRA80A01H501X"},
				map[string]any{"_id": "i2", "denominazione": "Beta ODV", "capofila": true},
			},
		},
		"progetto": map[string]any{"sintesi": "Una sintesi troppo lunga per il limite", "importo": int64(123450), "veritiero": true, "referente": "i2", "coinvolti": []any{"i1", "i7"}},
	}
}

// TestRenderedSteps pins the markup of each kind of question, empty, answered and with errors
// shown, in both languages (golden files: go test -update rewrites them).
func TestRenderedSteps(t *testing.T) {
	tests := []struct {
		name    string
		section string
		lang    schema.Lang
		a       func() schema.Answers
		next    bool // "next" was pressed: errors revealed
	}{
		{"ente-new", "ente", schema.IT, func() schema.Answers { return schema.Answers{"ente": map[string]any{"soci": []any{map[string]any{}}}} }, false},
		{"ente-errors", "ente", schema.IT, answered, true},
		{"progetto-en", "progetto", schema.EN, answered, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testCall(t)
			s := withDraft(t, c, tt.a(), tt.lang)
			if tt.next {
				s.showIssues(tt.section)
			}
			golden(t, tt.name, rendered(&formPage{Lang: tt.lang, Section: tt.section, Ver: s.ver, CondVer: s.condVer, SummaryVer: s.summaryVer}))
		})
	}
}

func TestRenderedReview(t *testing.T) {
	c := testCall(t)
	withDraft(t, c, answered(), schema.IT)
	golden(t, "review", rendered(&reviewPage{Lang: schema.IT}))
}

func TestRenderedCallCard(t *testing.T) {
	c := testCall(t)
	tests := []struct {
		name string
		now  time.Time
		want string
	}{
		{"before the deadline", time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC), "Mancano 3 giorni e 12 ore."},
		{"after the deadline", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC), "La scadenza del bando è passata (4 marzo 2024 alle 23:59, ora italiana)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &homePage{Lang: schema.IT, now: tt.now}
			if got := rendered(h.callCard(c, schema.IT)); !strings.Contains(got, tt.want) {
				t.Fatalf("the card does not say %q:\n%s", tt.want, got)
			}
		})
	}
}

// TestAccessibleMarkup checks, on every step rendered with errors, what the browser test checks
// live: every input is named by a label (or its fieldset's legend), and every
// aria-describedby names an element of the page.
func TestAccessibleMarkup(t *testing.T) {
	c := testCall(t)
	s := withDraft(t, c, answered(), schema.IT)
	for _, sec := range c.Sections {
		s.showIssues(sec.ID)
		html := rendered(&formPage{Lang: schema.IT, Section: sec.ID, Ver: s.ver})
		ids := map[string]bool{}
		for _, m := range idAttr.FindAllStringSubmatch(html, -1) {
			ids[m[1]] = true
		}
		labelled := map[string]bool{}
		for _, m := range forAttr.FindAllStringSubmatch(html, -1) {
			labelled[m[1]] = true
		}
		for _, tag := range control.FindAllString(html, -1) {
			id := idAttr.FindStringSubmatch(tag)
			if id == nil || !labelled[id[1]] {
				t.Errorf("%s: input without a label: %s", sec.ID, tag)
			}
			if d := describedAttr.FindStringSubmatch(tag); d != nil {
				for _, ref := range strings.Fields(d[1]) {
					if !ids[ref] {
						t.Errorf("%s: %s is described by a missing #%s", sec.ID, id[1], ref)
					}
				}
			}
		}
	}
}

var (
	idAttr        = regexp.MustCompile(`\sid="([^"]+)"`)
	forAttr       = regexp.MustCompile(`\sfor="([^"]+)"`)
	control       = regexp.MustCompile(`<(?:input|select|textarea)\s[^>]*>`)
	describedAttr = regexp.MustCompile(`\saria-describedby="([^"]+)"`)
)

// TestGroupPastMax: a draft with far more items than repeat.max (soci: at most 3) renders the
// first 3 and a note counting the others; their markup is never built.
func TestGroupPastMax(t *testing.T) {
	c := testCall(t)
	soci := make([]any, 100_000)
	for i := range soci {
		soci[i] = map[string]any{}
	}
	withDraft(t, c, schema.Answers{"ente": map[string]any{"soci": soci}}, schema.IT)
	got := rendered(&formPage{Lang: schema.IT, Section: "ente"})
	if n := strings.Count(got, `class="group-item `); n != 3 {
		t.Fatalf("%d items rendered, want 3", n)
	}
	if !strings.Contains(got, "Altre 99997 voci, oltre le 3 ammesse, non sono mostrate né controllate") {
		t.Fatalf("no note about the items past max:\n%s", got)
	}
	if strings.Contains(got, "group-add") {
		t.Fatal("the add button is offered past max")
	}
}
