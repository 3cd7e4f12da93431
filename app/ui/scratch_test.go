package ui

import (
	"os"
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
	own := s.d
	s.save.changes = 3

	other := draft.New(c, "test", testTime)
	s.enterScratch("builder", c, other)
	if s.d != other || s.id != "" || len(s.ui) != 0 {
		t.Fatalf("scratch not on screen: id %q", s.id)
	}
	s.save.changes++
	if _, _, ok := s.snapshot(); ok {
		t.Fatal("a scratch draft would be saved")
	}
	s.scratchFollows(route{page: "builder"})
	if s.mode != "builder" {
		t.Fatal("left the builder on its own page")
	}
	s.scratchFollows(route{page: "home"})
	if s.mode != "" || s.d != own || s.id != "test-draft" || s.ui["x"] == nil || s.save.changes != 3 {
		t.Fatalf("the applicant's draft is not back: mode %q id %q", s.mode, s.id)
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
	own := s.d
	screen, err := s.openBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	if screen != "/sezione/ats" || s.mode != "helpdesk" || s.summaryFor != "ats" {
		t.Fatalf("screen %q mode %q summary for %q", screen, s.mode, s.summaryFor)
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
	if s.d != own {
		t.Error("the applicant's draft is not back")
	}
	if got := bundleScreen(&draft.Bundle{Screen: "/nowhere"}, c); got != sectionPath(c.Sections[0].ID) {
		t.Errorf("unknown screen: %q", got)
	}
}

func TestUTF16Offset(t *testing.T) {
	src := "ab\nàé𝄞x\nz"
	for _, tc := range []struct {
		pos  schema.Position
		want int
	}{
		{schema.Position{Line: 1, Column: 1}, 0},
		{schema.Position{Line: 2, Column: 1}, 3},
		{schema.Position{Line: 2, Column: 3}, 5},
		{schema.Position{Line: 2, Column: 4}, 7},
		{schema.Position{Line: 3, Column: 1}, 9},
	} {
		if got := utf16Offset(src, tc.pos); got != tc.want {
			t.Errorf("%v: %d, want %d", tc.pos, got, tc.want)
		}
	}
}
