package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// A scratch draft (helpdesk, builder) is never saved, and leaving puts the applicant's draft
// back as it was.
func TestScratchKeepsTheApplicantsDraft(t *testing.T) {
	c := testCall(t)
	s := withDraft(t, c, schema.Answers{}, schema.IT)
	s.ui["x"] = &fieldUI{raw: "typed"}
	own := s.open.d
	s.saver.changes = 3

	other := draft.New(c, "test", testTime)
	s.enterScratch("builder", c, other)
	if s.open.d != other || s.open.id != "" || len(s.ui) != 0 {
		t.Fatalf("scratch not on screen: id %q", s.open.id)
	}
	s.saver.changes++
	if _, _, ok := s.snapshot(); ok {
		t.Fatal("a scratch draft would be saved")
	}
	s.scratchFollows(route{page: "builder"})
	if s.scratch.mode != "builder" {
		t.Fatal("left the builder on its own page")
	}
	s.scratchFollows(route{page: "home"})
	if s.scratch.mode != "" || s.open.d != own || s.open.id != "test-draft" || s.ui["x"] == nil || s.saver.changes != 3 {
		t.Fatalf("the applicant's draft is not back: mode %q id %q", s.scratch.mode, s.open.id)
	}
}

// openBundle opens the bundle's screen with the recorded errors at their fields.
func TestOpenBundle(t *testing.T) {
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../../schema/calls/examples/toscana-fami-2024.errors.bando.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	b, err := draft.NewBundle(c, d, draft.BundleOptions{Screen: "/sezione/ats?x=1", Now: time.Now(), Lang: schema.IT})
	if err != nil {
		t.Fatal(err)
	}
	data, err := draft.EncodeBundle(b)
	if err != nil {
		t.Fatal(err)
	}
	s := withDraft(t, c, schema.Answers{}, schema.EN)
	own := s.open.d
	screen, err := s.openBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	if screen != "/sezione/ats" || s.scratch.mode != "helpdesk" || s.summaryFor != "ats" {
		t.Fatalf("screen %q mode %q summary for %q", screen, s.scratch.mode, s.summaryFor)
	}
	for _, v := range b.Verdicts {
		if v.Path == "" {
			continue
		}
		u := s.ui[v.Path]
		if u == nil || u.issue == nil || u.issue.Message == "" {
			t.Errorf("%s: no message", v.Path)
		}
	}
	if _, err := s.openBundle([]byte(`{"hello": 1}`)); err == nil {
		t.Error("a file that is not a bundle opened")
	}
	s.leaveScratch()
	if s.open.d != own {
		t.Error("the applicant's draft is not back")
	}
	if got := bundleScreen(&draft.Bundle{Screen: "/nowhere"}, c); got != sectionPath(c.Sections[0].ID) {
		t.Errorf("unknown screen: %q", got)
	}
}

// TestScratchNeverSignedNorSent: while a scratch draft is on screen, /firma, the export and
// "send to the helpdesk" are not offered; clear messages say why. The helpdesk stays in its
// mode on /firma (leaving it there would show the signing page of the applicant's own draft,
// where "finalise" changes it); the builder's preview is left, and its draft with it.
func TestScratchNeverSignedNorSent(t *testing.T) {
	c := testCall(t)
	tests := []struct {
		name     string
		mode     string
		wantMode string // after going to /firma
		want     []string
		notWant  []string
	}{
		{"helpdesk", "helpdesk", "helpdesk",
			[]string{`id="sign-unavailable"`, "non sono disponibili in modalità assistenza", `id="sign-unavailable-leave"`, "Chiudi modalità assistenza"},
			[]string{`id="pdf-make"`, `id="sign-blocked"`}},
		{"builder preview", "builder", "",
			[]string{`id="sign-blocked"`}, // the applicant's own draft, with its own problems
			[]string{`id="sign-unavailable"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withDraft(t, c, schema.Answers{}, schema.IT)
			own := s.open.d
			s.enterScratch(tt.mode, c, draft.New(c, "test", testTime))
			if err := s.export(); err != errScratch {
				t.Errorf("export of a scratch draft: %v", err)
			}
			review := rendered(&reviewPage{Lang: schema.IT})
			for _, want := range []string{`id="export-unavailable"`, `id="support-unavailable"`, "Firma e invio non disponibili"} {
				if !strings.Contains(review, want) {
					t.Errorf("the review lacks %q", want)
				}
			}
			for _, bad := range []string{`id="export"`, `id="support-export"`, `href="/firma"`} {
				if strings.Contains(review, bad) {
					t.Errorf("the review offers %s", bad)
				}
			}
			s.route = route{page: "sign"}
			s.scratchFollows(s.route)
			if s.scratch.mode != tt.wantMode {
				t.Fatalf("on /firma the mode is %q, want %q", s.scratch.mode, tt.wantMode)
			}
			if tt.wantMode == "" && s.open.d != own {
				t.Fatal("the applicant's draft is not back")
			}
			page := rendered(&shell{r: route{page: "sign"}})
			for _, want := range tt.want {
				if !strings.Contains(page, want) {
					t.Errorf("/firma lacks %q:\n%.3000s", want, page)
				}
			}
			for _, bad := range tt.notWant {
				if strings.Contains(page, bad) {
					t.Errorf("/firma shows %s", bad)
				}
			}
		})
	}
}
