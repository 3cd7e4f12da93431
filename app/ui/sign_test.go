package ui

import (
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/job"
	"bando/schema"
)

// complete is a draft of the test call with no problem left.
func complete() schema.Answers {
	return schema.Answers{
		"ente": map[string]any{
			"nome": "Alfa APS", "nato": "2019-05-01", "forma": "aps", "ambiti": []any{"cultura"}, "ets": false,
			"soci": []any{map[string]any{"denominazione": "Alfa APS", "capofila": true, "nome": "Mario Rossi", "cf": "RSSMCL99M07F205Y"}},
		},
		"progetto": map[string]any{"sintesi": "Teatro nei quartieri", "importo": int64(123450), "veritiero": true},
	}
}

// TestRenderedSign pins the signing page's markup: blocked by problems; before finalising, in
// English; and finalised with a PDF, a refused signed file and the PEC package (golden files:
// go test -update rewrites them).
func TestRenderedSign(t *testing.T) {
	c := testCall(t)
	if is := c.Validate(complete(), schema.IT); len(is) > 0 {
		t.Fatalf("the complete test draft has problems: %v", is)
	}
	at := testTime.Add(time.Hour)
	signedAt := testTime.Add(2 * time.Hour)
	msg := func(key, it, en string) job.Message { return job.Message{Key: key, Text: schema.Text{IT: it, EN: en}} }
	missing := msg("sig.missing", "Manca la firma di Mario Rossi.", "Mario Rossi's signature is missing.")
	tests := []struct {
		name  string
		a     schema.Answers
		lang  schema.Lang
		final bool
		page  signPage
	}{
		{"sign-blocked", answered(), schema.IT, false, signPage{}},
		{"sign-new-en", complete(), schema.EN, false, signPage{}},
		{"sign-checked", complete(), schema.IT, true, signPage{
			pdf:     pdfState{info: &job.PDF{FileName: "alltypes-alfa-aps-2024-02-20.pdf", Size: 61234}, url: "blob:pdf", ms: 150},
			checked: 1,
			signed: signedState{name: "domanda.pdf.p7m", verdict: &job.Verdict{
				Format: "cades", Same: true, Lang: schema.IT,
				Signers: []job.Signer{
					{Name: "Anna Bianchi", CF: "BNCNNA80A41H501X", Issuer: "CA di prova", SigningTime: &signedAt, Valid: true,
						Warnings: []job.Message{msg("sig.not_qualified", "Certificato non qualificato.", "Not a qualified certificate.")}},
				},
				Missing:  []schema.Signer{{Name: "Mario Rossi", CF: "RSSMCL99M07F205Y", Entity: "Alfa APS"}},
				Problems: []job.Message{missing},
				Notes:    []schema.Text{{IT: "Lista di fiducia non verificabile senza rete.", EN: "Trusted list not checkable offline."}},
			}},
			pec: pecState{
				files: []attached{{name: "statuto.pdf", size: 2048, For: "statuto"}},
				pkg: &job.Package{
					To: "bandi@pec.example.it", Subject: "Domanda", Complete: true,
					Checklist: []job.Item{{ID: "statuto", Files: []string{"statuto.pdf"}, Required: true, Done: true}},
					Size:      21_000_000, SizeLevel: "warn", SizeMessage: schema.Text{IT: "Il messaggio pesa 21,0 MB.", EN: "The message is 21.0 MB."},
					Deadline: schema.Text{IT: "La scadenza è passata.", EN: "The deadline has passed."}, Passed: true,
					Guide: schema.Text{IT: "Come inviare…", EN: "How to send…"}, EMLName: "alltypes-alfa-aps-2024-02-20.eml",
				},
				copied: "subject",
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withDraft(t, c, tt.a, tt.lang)
			if tt.final {
				s.open.d.FinalisedAt = &at
			}
			p := tt.page
			p.Lang, p.Ver = tt.lang, s.ver
			golden(t, tt.name, rendered(&p))
		})
	}
}

// TestFinaliseKeepsAppVersion: the version that finalised a draft stays in it through saves
// and exports by later versions of the app, so the PDF made again to check the signed file is
// the one that was signed.
func TestFinaliseKeepsAppVersion(t *testing.T) {
	s := withDraft(t, testCall(t), complete(), schema.IT)
	s.appVersion = "v1"
	s.finalise(time.Date(2024, 3, 1, 10, 30, 15, 999, time.UTC))
	if s.saver.timer != nil {
		s.saver.timer.Stop() // the session is not started: no autosave may run
	}
	if f := s.open.d.FinalisedAt; f == nil || !f.Equal(time.Date(2024, 3, 1, 10, 30, 15, 0, time.UTC)) || s.open.d.AppVersion != "v1" {
		t.Fatalf("finalised at %v by %q", f, s.open.d.AppVersion)
	}
	s.appVersion = "v2" // the app updated
	if _, _, ok := s.snapshot(); !ok {
		t.Fatal("nothing to save after finalising")
	}
	if err := s.export(); err != nil {
		t.Fatal(err)
	}
	if s.open.d.AppVersion != "v1" {
		t.Errorf("a save by v2 rewrote the finalised draft's version: %q", s.open.d.AppVersion)
	}
}

// TestFinalStale: a finalised draft changed afterwards — in this tab, or in an earlier visit
// (the draft says so: editedAfterFinal) — has an out-of-date PDF, said plainly on /firma,
// until it is finalised again. A save without a change (an export, the signature marker)
// does not make it out of date.
func TestFinalStale(t *testing.T) {
	at := time.Date(2024, 3, 1, 10, 30, 15, 0, time.UTC)
	tests := []struct {
		name    string
		saved   time.Duration // after finalising
		edit    bool
		earlier bool // changed in an earlier visit
		want    bool
	}{
		{"saved by finalising itself", 800 * time.Millisecond, false, false, false},
		{"an answer changed in this tab", 800 * time.Millisecond, true, false, true},
		{"changed in an earlier visit", time.Minute, false, true, true},
		{"saved later without a change (export)", time.Hour, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withDraft(t, testCall(t), complete(), schema.IT)
			s.open.d.FinalisedAt, s.open.d.SavedAt, s.open.d.EditedAfterFinal = &at, at.Add(tt.saved), tt.earlier
			if tt.edit {
				s.set("ente.nome", "Gamma APS")
				s.saver.timer.Stop() // the session is not started: no autosave may run
			}
			if got := s.finalStale(); got != tt.want {
				t.Fatalf("finalStale = %v, want %v", got, tt.want)
			}
			page := rendered(&signPage{Lang: schema.IT, Ver: s.ver})
			if strings.Contains(page, `id="finalised-stale"`) != tt.want || strings.Contains(page, "Finalizza di nuovo") != tt.want {
				t.Fatalf("/firma does not say it (want %v):\n%s", tt.want, page)
			}
			if tt.want {
				s.finalise(at.Add(2 * time.Hour))
				s.saver.timer.Stop()
				if s.finalStale() {
					t.Fatal("still out of date after finalising again")
				}
			}
		})
	}
}

// TestMarkSigned: a verified signed file is recorded in the draft only if the draft checked is
// the one still open (finalised at the same second, unchanged), and an edit forgets it.
func TestMarkSigned(t *testing.T) {
	at := time.Date(2024, 3, 1, 10, 30, 15, 0, time.UTC)
	other := at.Add(time.Hour)
	s := withDraft(t, testCall(t), complete(), schema.IT)
	s.finalise(at)
	s.saver.timer.Stop() // the session is not started: no autosave may run
	s.markSigned("abc", "domanda.pdf.p7m", &other)
	if s.open.d.Signed != nil {
		t.Fatal("recorded a verdict about a draft finalised at another time")
	}
	s.markSigned("abc", "domanda.pdf.p7m", &at)
	s.saver.timer.Stop()
	if s.open.d.Signed == nil || s.open.d.Signed.SHA256 != "abc" || s.open.d.Signed.File != "domanda.pdf.p7m" || s.open.d.State(0) != draft.StateSigned {
		t.Fatalf("not recorded: %+v", s.open.d.Signed)
	}
	s.set("ente.nome", s.open.d.Answers.Get("ente.nome")) // a field left as it was (blur)
	s.saver.timer.Stop()
	if s.open.d.Signed == nil || s.finalStale() {
		t.Fatal("an answer written again unchanged forgot the signature marker")
	}
	s.set("ente.nome", "Gamma APS")
	s.saver.timer.Stop()
	if s.open.d.Signed != nil || !s.finalStale() {
		t.Fatal("an edit kept the signature marker")
	}
}

// TestChecklistTicksOnlyGivenFiles: an optional attachment with no file does not block the
// package, but it is not ticked either — a ✓ beside it would tell the applicant it is there.
func TestChecklistTicksOnlyGivenFiles(t *testing.T) {
	c := testCall(t)
	c.Attachments = append(c.Attachments, schema.Attachment{ID: "lettere", Label: schema.Text{IT: "Lettere di sostegno"}})
	withDraft(t, c, complete(), schema.IT)
	p := signPage{pec: pecState{
		files: []attached{{name: "statuto.pdf", size: 2048, For: "statuto"}},
		pkg: &job.Package{Complete: true, Checklist: []job.Item{
			{ID: "statuto", Files: []string{"statuto.pdf"}, Required: true, Done: true},
			{ID: "lettere", Files: []string{}, Done: true},
		}},
	}}
	html := rendered(p.checklist(c, complete(), schema.IT))
	for _, want := range []string{
		`data-done data-id="statuto"`, "✓ Statuto",
		`data-done="false" data-id="lettere"`, "<strong>Lettere di sostegno</strong>", "(facoltativo)",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("checklist lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "✓ Lettere") {
		t.Errorf("the optional attachment with no file is ticked:\n%s", html)
	}
}
