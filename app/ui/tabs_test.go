package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// TestOtherTabSaved: another tab wrote the open draft and said so on the channel. A tab with
// nothing unsaved shows the new version at once; one with unsaved changes shows the conflict
// alert and writes nothing. Never an overwrite either way.
func TestOtherTabSaved(t *testing.T) {
	const name = "ente.soci[0].denominazione"
	tests := []struct {
		name string
		// before prepares this tab once it has written its version; it returns the record the
		// other tab's message leads to.
		before       func(t *testing.T, s *session, other draft.Record) draft.Record
		wantOnScreen string // the answer on screen afterwards
		wantConflict bool
		wantNotice   bool
	}{
		{"nothing unsaved: the other version is loaded at once", nil, "Altra APS", false, true},
		{"unsaved changes: the conflict alert, this tab's answers kept", func(t *testing.T, s *session, other draft.Record) draft.Record {
			mark(s, name, "Mia APS ETS")
			return other
		}, "Mia APS ETS", true, false},
		{"a write still in flight counts as unsaved", func(t *testing.T, s *session, other draft.Record) draft.Record {
			mark(s, name, "Mia APS ETS")
			if _, _, ok := s.snapshot(); !ok { // taken for a write whose answer has not come
				t.Fatal("nothing to write")
			}
			return other
		}, "Mia APS ETS", true, false},
		{"a second message while in conflict keeps the alert", func(t *testing.T, s *session, other draft.Record) draft.Record {
			mark(s, name, "Mia APS ETS")
			s.otherVersion(other)
			later := other
			later.SavedAt = other.SavedAt.Add(time.Second)
			return later
		}, "Mia APS ETS", true, false},
		{"a version this tab has seen already is ignored", func(t *testing.T, s *session, other draft.Record) draft.Record {
			old := other
			old.SavedAt = s.saver.base
			return old
		}, "Mia APS", false, false},
		{"a message about another draft is ignored", func(t *testing.T, s *session, other draft.Record) draft.Record {
			other.ID = "another-draft"
			return other
		}, "Mia APS", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withDraft(t, testCall(t), answered(), schema.IT)
			st := draft.NewMemory()
			s.saver.store = st
			mark(s, name, "Mia APS")
			writeChecked(t, s)
			other := otherTabWrites(t, st, s.open.id, name, "Altra APS")
			cur := other
			if tt.before != nil {
				cur = tt.before(t, s, other)
			}
			s.otherVersion(cur)
			if got := s.open.d.Answers.Get(name); got != tt.wantOnScreen {
				t.Errorf("on screen %v, want %q", got, tt.wantOnScreen)
			}
			if (s.tabs.conflict != nil) != tt.wantConflict {
				t.Errorf("conflict %v, want %v", s.tabs.conflict != nil, tt.wantConflict)
			}
			if s.tabs.otherTab != tt.wantNotice {
				t.Errorf("notice %v, want %v", s.tabs.otherTab, tt.wantNotice)
			}
			// Whatever happened, this tab's next write does not replace the other tab's version.
			writeChecked(t, s)
			got, _ := st.Get(context.Background(), s.open.id)
			gd, _ := got.Draft()
			if v := gd.Answers.Get(name); tt.wantConflict && v != "Altra APS" {
				t.Errorf("stored %v: the other tab's version was overwritten", v)
			}
			html := rendered(&shell{})
			if strings.Contains(html, `id="draft-updated"`) != tt.wantNotice {
				t.Errorf("the notice shown: %v, want %v", !tt.wantNotice, tt.wantNotice)
			}
			if strings.Contains(html, `id="draft-conflict"`) != tt.wantConflict {
				t.Errorf("the conflict alert shown: %v, want %v", !tt.wantConflict, tt.wantConflict)
			}
		})
	}
}

// After the other version was loaded, this tab goes on from it: its next change is written.
func TestOtherTabSavedThenTyping(t *testing.T) {
	const name = "ente.soci[0].denominazione"
	s := withDraft(t, testCall(t), answered(), schema.IT)
	st := draft.NewMemory()
	s.saver.store = st
	mark(s, name, "Mia APS")
	writeChecked(t, s)
	s.otherVersion(otherTabWrites(t, st, s.open.id, name, "Altra APS"))
	mark(s, name, "Altra APS ETS")
	writeChecked(t, s)
	if s.tabs.conflict != nil {
		t.Fatal("a conflict with the version just loaded")
	}
	got, _ := st.Get(context.Background(), s.open.id)
	gd, _ := got.Draft()
	if v := gd.Answers.Get(name); v != "Altra APS ETS" {
		t.Fatalf("stored %v", v)
	}
	html := rendered(otherTabNotice{Lang: schema.IT, Tabs: &sess.tabs, Guard: &sess.guard}.ui())
	for _, want := range []string{"Bozza aggiornata da un", "altra scheda", `role="status"`, `id="draft-updated-ok"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the notice lacks %q:\n%s", want, html)
		}
	}
}

// mark changes the answer at path as typing does, without the autosave timer.
func mark(s *session, path, v string) {
	s.mu.Lock()
	_ = s.open.d.Answers.Set(path, v)
	s.saver.changes++
	s.mu.Unlock()
}

// otherTabWrites stores, as another tab would, the draft id with the answer at path set to v,
// a second after the version stored now.
func otherTabWrites(t *testing.T, st draft.Store, id, path, v string) draft.Record {
	t.Helper()
	mine, err := st.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	d, err := mine.Draft()
	if err != nil {
		t.Fatal(err)
	}
	_ = d.Answers.Set(path, v)
	d.SavedAt = mine.SavedAt.Add(time.Second)
	other, err := draft.NewRecord(id, d, v)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	return other
}
