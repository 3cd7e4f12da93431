package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// writeChecked does what saveNow does once its goroutine is done, without a browser.
func writeChecked(t *testing.T, s *session) {
	t.Helper()
	if s.tabs.conflict != nil {
		return
	}
	rec, n, ok := s.snapshot()
	if !ok {
		return
	}
	cur, conflict, err := s.saver.store.PutIfUnchanged(context.Background(), rec, s.saver.writeBase(rec))
	if conflict {
		s.conflicted(rec, cur)
		return
	}
	s.saved(rec, n, err)
}

func TestTwoTabsNoSilentOverwrite(t *testing.T) {
	c := testCall(t)
	st := draft.NewMemory()
	s := withDraft(t, c, answered(), schema.IT)
	s.saver.store = st
	mark := func(v string) {
		s.mu.Lock()
		_ = s.open.d.Answers.Set("ente.soci[0].denominazione", v)
		s.saver.changes++
		s.mu.Unlock()
	}
	mark("Mia APS")
	writeChecked(t, s)
	if s.tabs.conflict != nil || s.saveFailed() != nil {
		t.Fatalf("the first write: conflict %v, err %v", s.tabs.conflict, s.saveFailed())
	}
	mine, _ := st.Get(context.Background(), s.open.id)

	// Another tab opens the same draft and saves it later.
	d, err := mine.Draft()
	if err != nil {
		t.Fatal(err)
	}
	_ = d.Answers.Set("ente.soci[0].denominazione", "Altra APS")
	d.SavedAt = mine.SavedAt.Add(time.Second)
	other, err := draft.NewRecord(s.open.id, d, "Altra APS")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put(context.Background(), other); err != nil {
		t.Fatal(err)
	}

	// This tab changes the draft again: its write must not replace the other tab's.
	mark("Mia APS ETS")
	writeChecked(t, s)
	if s.tabs.conflict == nil {
		t.Fatal("no conflict reported")
	}
	if got, _ := st.Get(context.Background(), s.open.id); got.Data != other.Data {
		t.Fatal("the other tab's version was overwritten")
	}
	if got := s.open.d.Answers.Get("ente.soci[0].denominazione"); got != "Mia APS ETS" {
		t.Fatalf("this tab's answer is %v", got)
	}
	html := rendered(conflictBanner{Lang: schema.IT, Tabs: &sess.tabs, Guard: &sess.guard}.ui())
	for _, want := range []string{"Questa bozza è stata modificata in un", "altra scheda", `id="conflict-reload"`, `id="conflict-copy"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the banner lacks %q:\n%s", want, html)
		}
	}

	// Keep mine as a copy: a second draft, the other tab's stays as it was.
	firstID := s.open.id
	s.keepMine()
	if s.open.id == firstID || s.tabs.conflict != nil {
		t.Fatalf("keepMine: id %s, conflict %v", s.open.id, s.tabs.conflict)
	}
	writeChecked(t, s)
	rs, _ := st.List(context.Background())
	if len(rs) != 2 {
		t.Fatalf("%d drafts stored, want 2", len(rs))
	}
	if got, _ := st.Get(context.Background(), firstID); got.Data != other.Data {
		t.Fatal("the other tab's version changed")
	}
	copyRec, err := st.Get(context.Background(), s.open.id)
	if err != nil {
		t.Fatal(err)
	}
	cd, _ := copyRec.Draft()
	if got := cd.Answers.Get("ente.soci[0].denominazione"); got != "Mia APS ETS" {
		t.Fatalf("the copy holds %v", got)
	}
}

func TestConflictTakeOther(t *testing.T) {
	c := testCall(t)
	st := draft.NewMemory()
	s := withDraft(t, c, answered(), schema.IT)
	s.saver.store = st
	s.mu.Lock()
	s.saver.changes++
	s.mu.Unlock()
	writeChecked(t, s)
	mine, _ := st.Get(context.Background(), s.open.id)
	d, _ := mine.Draft()
	_ = d.Answers.Set("ente.soci[0].denominazione", "Altra APS")
	d.SavedAt = mine.SavedAt.Add(time.Second)
	other, _ := draft.NewRecord(s.open.id, d, "")
	_ = st.Put(context.Background(), other)

	s.mu.Lock()
	_ = s.open.d.Answers.Set("ente.soci[0].denominazione", "Mia")
	s.saver.changes++
	s.mu.Unlock()
	writeChecked(t, s)
	if s.tabs.conflict == nil {
		t.Fatal("no conflict")
	}
	s.takeOther()
	if s.tabs.conflict != nil {
		t.Fatal("the conflict stays after loading the other version")
	}
	if got := s.open.d.Answers.Get("ente.soci[0].denominazione"); got != "Altra APS" {
		t.Fatalf("the open draft holds %v", got)
	}
	// Now in step with the stored version: the next change is written.
	s.mu.Lock()
	_ = s.open.d.Answers.Set("ente.soci[0].denominazione", "Altra APS ETS")
	s.saver.changes++
	s.mu.Unlock()
	writeChecked(t, s)
	if s.tabs.conflict != nil {
		t.Fatal("a conflict with the version just loaded")
	}
	got, _ := st.Get(context.Background(), s.open.id)
	gd, _ := got.Draft()
	if v := gd.Answers.Get("ente.soci[0].denominazione"); v != "Altra APS ETS" {
		t.Fatalf("stored %v", v)
	}
}
