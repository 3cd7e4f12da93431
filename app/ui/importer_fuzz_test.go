package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"bando/schema"
)

// FuzzImportData: whatever file an applicant drops on the start page, the import never panics;
// when it is refused, the draft on screen is exactly as it was (same id, same answers); when it
// is taken, the new draft can be validated and rendered for review.
func FuzzImportData(f *testing.F) {
	examples, _ := filepath.Glob("../../schema/calls/examples/*.bando.json")
	for _, name := range examples {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "null", "{}", "[]", `{"format":"bando-draft"}`, `{"format":"bando-call","sections":[]}`,
		`{"format":"bando-draft","formatVersion":1,"call":"toscana-fami-2024","callVersion":0,"answers":{"ats":{"membri":[{"cf":1}]}}}`,
		`{"format":"bando-draft","formatVersion":1,"call":"toscana-fami-2024","callVersion":1,"answers":{"ats":[]}}`,
		`{"format":"bando-support","draft":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := withDraft(t, testCall(t), answered(), schema.IT)
		// Autosave's timer would fire later on a session with no page to dispatch to (host
		// tests have no go-app loop): a plain timer in its place only ever fills a channel.
		s.saver.timer = time.NewTimer(time.Hour)
		id := s.open.id
		before, _ := json.Marshal(s.open.d.Answers)
		if err := s.importData(data, "fuzz.bando.json"); err != nil {
			after, _ := json.Marshal(s.open.d.Answers)
			if s.open.id != id || string(after) != string(before) {
				t.Fatalf("a refused import (%v) changed the open draft", err)
			}
			if msg := errorText(err, schema.IT); msg == "" {
				t.Fatal("a refused import without a message")
			}
			return
		}
		if s.open.d == nil || s.open.call == nil || s.open.id == id {
			t.Fatal("an accepted import is not the open draft")
		}
		s.open.call.Validate(s.open.answers(), schema.IT)
		_ = rendered(&reviewPage{Lang: schema.IT})
	})
}
