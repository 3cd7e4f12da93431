package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// FuzzOpenBundle: whatever file a helpdesk operator drops on /helpdesk, opening it never
// panics, a refused one gives a message, an accepted one renders for review, and the
// applicant's own draft in that browser comes back exactly as it was when the mode is left.
func FuzzOpenBundle(f *testing.F) {
	examples, _ := filepath.Glob("../../schema/calls/examples/*.bando.json")
	for i, name := range examples {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		d, err := draft.Decode(data)
		if err != nil {
			f.Fatal(err)
		}
		c, err := schema.Shipped(d.Call)
		if err != nil {
			f.Fatal(err)
		}
		b, err := draft.NewBundle(c, d, draft.BundleOptions{AppVersion: "fuzz", Screen: "/riepilogo", Lang: schema.IT,
			Now: testTime, Salt: []byte{byte(i)}, IncludePersonalData: i%2 == 1, Coarsen: i%3 == 0})
		if err != nil {
			f.Fatal(err)
		}
		bundle, err := draft.EncodeBundle(b)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bundle)
	}
	// The regression corpus of issue 12 (bounds, hand-edited verdicts) and a coarsened bundle.
	hostile, _ := filepath.Glob("../draft/testdata/hostile/*.json")
	for _, name := range hostile {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", "{}", `{"format":"bando-support"}`, `{"format":"bando-draft"}`,
		`{"format":"bando-support","formatVersion":1,"createdAt":"2024-01-01T00:00:00Z","call":"toscana-fami-2024","lang":"it","verdicts":[{"path":"ats.membri[99].cf","key":"cf"}],"draft":{"format":"bando-draft","formatVersion":1,"call":"toscana-fami-2024","callVersion":1,"answers":{}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := withDraft(t, testCall(t), answered(), schema.IT)
		// Autosave's timer would fire later on a session with no page to dispatch to (host
		// tests have no go-app loop): a plain timer in its place only ever fills a channel.
		s.saver.timer = time.NewTimer(time.Hour)
		id, call := s.open.id, s.open.call
		before, _ := json.Marshal(s.open.d.Answers)
		if _, err := s.openBundle(data); err != nil {
			if errorText(err, schema.IT) == "" {
				t.Fatal("a refused bundle without a message")
			}
		} else {
			if s.scratch.mode != "helpdesk" {
				t.Fatalf("an opened bundle is on screen in mode %q", s.scratch.mode)
			}
			s.open.call.Validate(s.open.answers(), schema.IT)
			_ = rendered(&reviewPage{Lang: schema.IT})
			s.leaveScratch()
		}
		after, _ := json.Marshal(s.open.d.Answers)
		if s.open.id != id || s.open.call != call || string(after) != string(before) {
			t.Fatal("the applicant's own draft changed")
		}
	})
}
