package ui

import (
	"os"
	"slices"
	"strings"
	"testing"

	"bando/schema"
)

// checksCall is the test call of per-item checks, warnings and unique fields
// (schema/testdata/checks.json) with its complete answers.
func checksCall(t *testing.T) (*schema.Call, schema.Answers) {
	t.Helper()
	data, err := os.ReadFile("../../schema/testdata/checks.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := schema.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	data, err = os.ReadFile("../../schema/testdata/checks.answers.json")
	if err != nil {
		t.Fatal(err)
	}
	a, err := schema.DecodeAnswers(data)
	if err != nil {
		t.Fatal(err)
	}
	return c, a
}

// TestShowIssuesWarnings: "next" shows errors and warnings at their places (a check on a whole
// item at the item), counts them apart, and lists them apart in the summary.
func TestShowIssuesWarnings(t *testing.T) {
	tests := []struct {
		name        string
		set         map[string]any
		errs, warns int
		summary     []string
	}{
		{"complete", nil, 0, 0, nil},
		{"warnings only", map[string]any{"ats.membri[1].sito": "", "ats.membri[1].rl_cf": "RSSMCL99M07F205Y"}, 0, 2,
			[]string{"ats.membri[1].rl_cf", "ats.membri[1].sito"}},
		{"an item's error and a warning", map[string]any{"ats.membri[0].quota": 60, "ats.membri[1].sito": ""}, 1, 1,
			[]string{"ats.membri[0]", "ats.membri[1].sito"}},
		{"an error wins over a warning at the same place", map[string]any{"ats.membri[1].sito": "", "ats.membri[1].forma": "odv", "ats.membri[1].quota": 70}, 1, 1,
			[]string{"ats.membri[1]", "ats.membri[1].sito"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, a := checksCall(t)
			for p, v := range tt.set {
				_ = a.Set(p, v)
			}
			s := withDraft(t, c, a, schema.IT)
			errs, warns := s.showIssues("ats")
			if errs != tt.errs || warns != tt.warns || !slices.Equal(s.summary, tt.summary) {
				t.Fatalf("errors %d warnings %d summary %v; want %d %d %v", errs, warns, s.summary, tt.errs, tt.warns, tt.summary)
			}
			html := rendered(&errorSummary{Lang: schema.IT, Section: "ats", Ver: s.summaryVer})
			if tt.warns > 0 && !strings.Contains(html, `id="warning-summary-list"`) {
				t.Errorf("no list of warnings:\n%s", html)
			}
			if tt.errs == 0 && tt.warns > 0 && !strings.Contains(html, "warning-summary") {
				t.Errorf("a summary of warnings only is not styled as one:\n%s", html)
			}
		})
	}
}

// TestRenderedWarningsAndItemChecks pins the markup of a step with an item-level error (at the
// item), a warning beside a field (no aria-invalid), the PEC hint, and the summary's two lists.
func TestRenderedWarningsAndItemChecks(t *testing.T) {
	c, a := checksCall(t)
	_ = a.Set("ats.membri[0].quota", 60)
	_ = a.Set("ats.membri[1].sito", "")
	s := withDraft(t, c, a, schema.IT)
	s.showIssues("ats")
	html := rendered(&formPage{Lang: schema.IT, Section: "ats", Ver: s.ver, CondVer: s.condVer, SummaryVer: s.summaryVer})
	golden(t, "checks-warnings", html)
	for _, want := range []string{
		`class="group-item card card-bg mb-4 item-invalid"`,
		`class="field-warning" data-message="painted" id="f-ats--membri-1--sito-err"`,
		`data-target="f-ats--membri-0-title"`,
		"L&#39;app controlla solo che l&#39;indirizzo abbia la forma giusta",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the step lacks %s", want)
		}
	}
	if strings.Contains(html, `aria-invalid="true" autocomplete="off" class="form-control" id="f-ats--membri-1--sito"`) {
		t.Error("a warning made the input invalid")
	}
}

// TestCheckRunsItemChecks: a keystroke (or a choice) shows and clears the checks of its item
// where they report, and leaves other messages alone.
func TestCheckRunsItemChecks(t *testing.T) {
	c, a := checksCall(t)
	s := withDraft(t, c, a, schema.IT)
	s.set("ats.membri[1].forma", "srl")
	s.set("ats.membri[1].capofila", true)
	s.check("ats.membri[1].capofila")
	u := s.ui["ats.membri[1].forma"]
	if u == nil || u.issue == nil || u.issue.Key != "check.capofila_srl" || u.issue.Message != "Partner 2: una S.r.l. non può essere capofila." {
		t.Fatalf("the S.r.l. capofila is not shown at its legal form: %+v", u)
	}
	if u := s.ui["ats.membri[1].capofila"]; u.issue != nil {
		t.Fatalf("the field typed in shows %v", u.issue)
	}
	s.set("ats.membri[0].quota", 80)
	s.check("ats.membri[0].quota")
	if u := s.ui["ats.membri[0]"]; u == nil || u.issue == nil || u.issue.Key != "check.quota_max" {
		t.Fatalf("the item's check is not shown at the item: %+v", u)
	}
	s.set("ats.membri[1].capofila", false)
	s.check("ats.membri[1].capofila")
	if u := s.ui["ats.membri[1].forma"]; u.issue != nil {
		t.Fatalf("fixed, still shown: %v", u.issue)
	}
	if u := s.ui["ats.membri[0]"]; u.issue == nil {
		t.Fatal("a keystroke in one item cleared another item's message")
	}
	s.set("ats.membri[0].quota", 10)
	s.check("ats.membri[0].quota")
	if u := s.ui["ats.membri[0]"]; u.issue != nil {
		t.Fatalf("fixed, still shown at the item: %v", u.issue)
	}
	// Switching language words the item in the new language.
	s.set("ats.membri[1].capofila", true)
	s.check("ats.membri[1].capofila")
	s.setLang(schema.EN)
	if got := s.ui["ats.membri[1].forma"].issue.Message; got != "Partner 2: an S.r.l. cannot be the lead partner." {
		t.Fatalf("in English: %q", got)
	}
}

// TestReviewWarnings: the review lists warnings apart, shows a check on a whole item at the
// item, and lets the applicant go on to sign with warnings only.
func TestReviewWarnings(t *testing.T) {
	c, a := checksCall(t)
	_ = a.Set("ats.membri[1].sito", "")
	withDraft(t, c, a, schema.IT)
	html := rendered(&reviewPage{Lang: schema.IT})
	for _, want := range []string{"warning-summary", "C&#39;è un avviso da rivedere", `class="review-row review-row-warned"`, `id="sign-entry"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the review lacks %s", want)
		}
	}
	if strings.Contains(html, tr(schema.IT, "sign.entry.blocked")) {
		t.Error("a warning blocks signing")
	}
	_ = a.Set("ats.membri[0].quota", 60)
	html = rendered(&reviewPage{Lang: schema.IT})
	if !strings.Contains(html, `data-path="ats.membri[0]"`) || !strings.Contains(html, "La quota di Partner 1 supera il 50%.") {
		t.Errorf("the item's check is not at the item:\n%s", html)
	}
	if !strings.Contains(html, "Correggi i problemi") {
		t.Error("an error does not block signing")
	}
}

// TestRecheckItemWhileTyping: typing in a field that shows nothing clears the message its item
// shows once the item is right, and makes none appear while the applicant is still typing.
func TestRecheckItemWhileTyping(t *testing.T) {
	c, a := checksCall(t)
	_ = a.Set("ats.membri[0].quota", 60)
	s := withDraft(t, c, a, schema.IT)
	s.showIssues("ats")
	if u := s.ui["ats.membri[0]"]; u == nil || u.issue == nil {
		t.Fatal(`"next" did not show the item's check`)
	}
	s.set("ats.membri[0].quota", 30)
	s.recheckItem("ats.membri[0].quota")
	if u := s.ui["ats.membri[0]"]; u.issue != nil {
		t.Fatalf("fixed, still shown: %v", u.issue)
	}
	s.set("ats.membri[0].quota", 70)
	s.recheckItem("ats.membri[0].quota")
	if u := s.ui["ats.membri[0]"]; u.issue != nil {
		t.Fatalf("a message appeared while typing: %v", u.issue)
	}
	if u := s.ui["ats.membri[0].quota"]; u != nil && u.issue != nil {
		t.Fatalf("the field typed in shows %v", u.issue)
	}
}

// TestMovedItemKeepsItsName: a check's message shown at an item names the item by its number,
// which follows the item when it moves.
func TestMovedItemKeepsItsName(t *testing.T) {
	c, a := checksCall(t)
	_ = a.Set("ats.membri[1].quota", 70)
	s := withDraft(t, c, a, schema.IT)
	s.showIssues("ats")
	if u := s.ui["ats.membri[1]"]; u == nil || u.issue == nil || u.issue.Message != "La quota di Partner 2 supera il 50%." {
		t.Fatalf("before the move: %+v", u)
	}
	s.edit(func(a schema.Answers) { _ = a.MoveItem("ats.membri", 1, 0) })
	s.restructured("ats.membri", afterMove(1, 0))
	if u := s.ui["ats.membri[0]"]; u == nil || u.issue == nil || u.issue.Message != "La quota di Partner 1 supera il 50%." {
		t.Fatalf("after the move: %+v", u)
	}
}
