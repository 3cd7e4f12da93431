package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestShowIssues(t *testing.T) {
	c := testCall(t)
	s := withDraft(t, c, answered(), schema.IT)
	n, _ := s.showIssues("ente")
	want := []string{"ente.nome", "ente.runts", "ente.soci[0].cf", "ente.soci"}
	if n != len(want) || !slices.Equal(s.summary, want) {
		t.Fatalf("summary %v (%d), want %v", s.summary, n, want)
	}
	if u := s.ui["ente.soci"]; u == nil || u.issue == nil || u.issue.Message != "Serve un capofila." || !u.showing {
		t.Fatalf("the call's check is not shown at its group: %+v", u)
	}
	if s.ui["progetto.sintesi"] != nil {
		t.Fatal("next on one step showed errors of another")
	}
	// Fixing the name clears it at once; the next "next" lists what is left.
	s.set("ente.nome", "Alfa")
	s.check("ente.nome")
	if s.ui["ente.nome"].issue != nil {
		t.Fatalf("still an error: %v", s.ui["ente.nome"].issue)
	}
	if n, _ := s.showIssues("ente"); n != 3 {
		t.Fatalf("%d issues after the fix, want 3", n)
	}
}

func TestCheckOnlyOnceShown(t *testing.T) {
	c := testCall(t)
	s := withDraft(t, c, schema.Answers{}, schema.IT)
	f := &fieldView{Path: "ente.nome", Lang: schema.IT}
	s.set("ente.nome", strings.Repeat("x", 60))
	if u := s.ui["ente.nome"]; u != nil && u.issue != nil {
		t.Fatal("an error before the field was left")
	}
	f.onBlur(app.Context{}, app.Event{})
	if u := s.ui["ente.nome"]; u == nil || u.issue == nil || u.issue.Key != "max.string" {
		t.Fatalf("leaving the field: %+v", u)
	}
}

func TestLanguageSwitchTranslatesShownMessages(t *testing.T) {
	c := testCall(t)
	s := withDraft(t, c, answered(), schema.IT)
	s.showIssues("ente")
	s.setLang(schema.EN)
	if got := s.ui["ente.soci"].issue.Message; got != "One lead member is needed." {
		t.Fatalf("check message: %q", got)
	}
	if got := s.ui["ente.soci[0].cf"].issue.Message; !strings.HasPrefix(got, "The tax code") {
		t.Fatalf("field message: %q", got)
	}
}

func TestRestructuredKeepsStateWithItems(t *testing.T) {
	c := testCall(t)
	s := withDraft(t, c, answered(), schema.IT)
	s.showIssues("ente")
	s.edit(func(a schema.Answers) { _ = a.MoveItem("ente.soci", 0, 1) })
	s.restructured("ente.soci", afterMove(0, 1))
	if s.ui["ente.soci[1].cf"] == nil || s.ui["ente.soci[1].cf"].issue == nil || s.ui["ente.soci[0].cf"] != nil {
		t.Fatalf("the message did not move with its member: %v %v", s.ui["ente.soci[0].cf"], s.ui["ente.soci[1].cf"])
	}
	if s.summaryFor != "" {
		t.Fatal("the summary of the old order is still shown")
	}
}

func TestImportData(t *testing.T) {
	c, err := schema.Shipped(schema.DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	good := draft.New(c, "test", testTime)
	good.Answers = schema.Answers{"ats": map[string]any{"denominazione_ats": "ATS Importata"}}
	goodData, _ := draft.Encode(good)
	tests := []struct {
		name    string
		data    string
		wantKey string // draft.Error key, "" for success
	}{
		{"a draft of this app", string(goodData), ""},
		{"not JSON", "ciao", "draft.syntax"},
		{"a call, not a draft", `{"format": "bando-call", "sections": []}`, "draft.is_call"},
		{"another call", strings.Replace(string(goodData), c.ID, "altro-bando-2030", 1), "draft.other_call"},
		{"a newer format", strings.Replace(string(goodData), `"formatVersion": 1`, `"formatVersion": 9`, 1), "draft.newer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withDraft(t, testCall(t), answered(), schema.IT)
			before := s.open.id
			err := s.importData([]byte(tt.data), "prova.bando.json")
			var de *draft.Error
			switch {
			case tt.wantKey == "" && err != nil:
				t.Fatalf("import failed: %v", err)
			case tt.wantKey == "":
				if s.open.id == before || s.open.call.ID != c.ID || s.open.d.Answers.Get("ats.denominazione_ats") != "ATS Importata" {
					t.Fatalf("the import is not the open draft: %s %s", s.open.id, s.open.call.ID)
				}
			case !errors.As(err, &de) || de.Key != tt.wantKey:
				t.Fatalf("err = %v, want key %s", err, tt.wantKey)
			case s.open.id != before || s.open.d.Answers.Get("ente.soci[0].denominazione") != "Alfa APS":
				t.Fatal("a refused import changed the open draft")
			}
		})
	}
}

// TestRecordSaysWhereTheDraftStands: each save keeps, in the draft's record, its title and
// where it stands with the stepper's count of errors, so the list of drafts validates nothing.
func TestRecordSaysWhereTheDraftStands(t *testing.T) {
	c := testCall(t)
	s := withDraft(t, c, answered(), schema.IT)
	want := len(c.Validate(s.open.d.Answers, schema.IT).Errors())
	s.changed()
	s.saver.timer.Stop() // the session is not started: no autosave may run
	s.countErrors()
	rec, _, ok := s.snapshot()
	if !ok || want == 0 || rec.Name != "Alfa APS" || rec.State != draft.StateProgress || rec.Errors != want {
		t.Fatalf("ok %v, name %q, state %q, errors %d (want %d)", ok, rec.Name, rec.State, rec.Errors, want)
	}
	s.open.d.Title = "Domanda di prova"
	s.finalise(testTime) // the record of a draft with errors is never finalised by the app; here it tests the state
	s.saver.timer.Stop()
	if rec, _, _ = s.snapshot(); rec.Name != "Domanda di prova" || rec.State != draft.StateFinal {
		t.Fatalf("renamed and finalised: %q, %q", rec.Name, rec.State)
	}
	s.set("ente.nome", "Gamma APS")
	s.saver.timer.Stop()
	if rec, _, _ = s.snapshot(); rec.State != draft.StateProgress {
		t.Fatalf("edited after finalising: %q", rec.State)
	}
}

func TestNewDraftHasGroupMinimum(t *testing.T) {
	c := testCall(t)
	s := withDraft(t, c, schema.Answers{}, schema.IT)
	s.newDraft(c)
	if n := len(s.open.d.Answers.Items("ente.soci")); n != 1 {
		t.Fatalf("%d members in a new draft, want the minimum 1", n)
	}
}

func TestPages(t *testing.T) {
	pages := Pages()
	for _, want := range []string{PathHome, PathReview, PathAccessibility, "/sezione/ats", "/sezione/dichiarazioni"} {
		if !slices.Contains(pages, want) {
			t.Errorf("Pages() lacks %s: %v", want, pages)
		}
	}
	for _, p := range pages {
		if r := parseRoute(p); r.page == "" {
			t.Errorf("%s is listed but is no route", p)
		}
	}
}

// TestSaveStatus: the header's line says what the saver knows, or that a scratch draft is never
// saved, or nothing on an office's page, where a failing store still marks the line.
func TestSaveStatus(t *testing.T) {
	s := withDraft(t, testCall(t), schema.Answers{}, schema.IT)
	s.saver.at = testTime
	failing := &saver{mu: &s.mu, storeErr: errors.New("no IndexedDB")}
	tests := []struct {
		name     string
		status   saveStatus
		want     string
		wantsBad bool
	}{
		{"saved", saveStatus{Lang: schema.IT, Saver: &s.saver, Ask: true}, "Bozza salvata su questo computer", false},
		{"not asked before the store opens", saveStatus{Lang: schema.IT, Saver: &s.saver}, `id="save-status"></p>`, false},
		{"memory only", saveStatus{Lang: schema.EN, Saver: failing, Ask: true}, "This browser does not allow drafts to be saved", true},
		{"scratch", saveStatus{Lang: schema.IT, Saver: &s.saver, Ask: true, Scratch: true}, "Nessuna bozza viene salvata", false},
		{"office page", saveStatus{Lang: schema.IT, Saver: failing, Ask: true, Hidden: true}, `id="save-status"></p>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := rendered(tt.status.ui())
			if !strings.Contains(html, tt.want) {
				t.Errorf("got %s, want %q in it", html, tt.want)
			}
			if bad := strings.Contains(html, "save-status-bad"); bad != tt.wantsBad {
				t.Errorf("marked bad: %v, want %v (%s)", bad, tt.wantsBad, html)
			}
		})
	}
}
