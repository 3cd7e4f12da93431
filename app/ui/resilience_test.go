package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// quotaStore is a Store whose writes fail as a full browser storage does, until ok is set.
type quotaStore struct {
	*draft.Memory
	ok bool
}

var errQuota = errors.New("QuotaExceededError: The quota has been exceeded.")

func (q *quotaStore) Put(ctx context.Context, r draft.Record) error {
	if !q.ok {
		return errQuota
	}
	return q.Memory.Put(ctx, r)
}

// write does what saveNow does once its goroutine is done, without a browser: snapshot, Put,
// saved.
func write(t *testing.T, s *session) (attempted bool) {
	t.Helper()
	rec, n, ok := s.snapshot()
	if !ok {
		return false
	}
	err := s.saver.store.Put(context.Background(), rec)
	s.saved(rec, n, err)
	return true
}

func TestStorageFullKeepsAnswersAndRetries(t *testing.T) {
	s := withDraft(t, testCall(t), answered(), schema.IT)
	st := &quotaStore{Memory: draft.NewMemory()}
	s.saver.store = st
	mark := func(path, v string) { // s.set without the autosave timer
		s.mu.Lock()
		_ = s.open.d.Answers.Set(path, v)
		s.saver.changes++
		s.mu.Unlock()
	}

	mark("ente.soci[0].denominazione", "Beta APS")
	if !write(t, s) {
		t.Fatal("nothing to write after a change")
	}
	if err := s.saveFailed(); !errors.Is(err, errQuota) {
		t.Fatalf("saveFailed() = %v, want the quota error", err)
	}
	if got := s.open.d.Answers.Get("ente.soci[0].denominazione"); got != "Beta APS" {
		t.Fatalf("the answer in memory is %v after the failed write", got)
	}
	html := rendered(saveFailedBanner(schema.IT, s.saveFailed(), &s.guard))
	for _, want := range []string{"Il browser non riesce più a salvare: esporta subito la bozza", `id="save-failed-export"`, `role="alert"`, "QuotaExceededError"} {
		if !strings.Contains(html, want) {
			t.Errorf("the banner lacks %q:\n%s", want, html)
		}
	}
	if html := rendered(saveFailedBanner(schema.EN, s.saveFailed(), &s.guard)); !strings.Contains(html, "The browser can no longer save") {
		t.Errorf("the English banner:\n%s", html)
	}
	if text, bad := s.saver.status(s.lang); !bad || text == "" {
		t.Errorf("the header says %q, bad=%v", text, bad)
	}

	// Still full: the failure stays on screen, nothing is lost.
	mark("ente.soci[0].denominazione", "Gamma APS")
	if !write(t, s) || s.saveFailed() == nil {
		t.Fatal("a second failed write cleared the alert")
	}
	if _, err := st.Get(context.Background(), s.open.id); !errors.Is(err, draft.ErrNotFound) {
		t.Fatalf("the full store holds the draft: %v", err)
	}

	// Space is freed: the next change is written and the alert goes away.
	st.ok = true
	mark("ente.soci[0].denominazione", "Delta APS")
	if !write(t, s) {
		t.Fatal("no retry after the failure")
	}
	if err := s.saveFailed(); err != nil {
		t.Fatalf("saveFailed() = %v after a good write", err)
	}
	rec, err := st.Get(context.Background(), s.open.id)
	if err != nil {
		t.Fatal(err)
	}
	d, err := rec.Draft()
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Answers.Get("ente.soci[0].denominazione"); got != "Delta APS" {
		t.Fatalf("stored %v, want the last answer", got)
	}
	if write(t, s) {
		t.Fatal("a write with nothing new")
	}
}

func TestStorageFailureRetriedWithoutNewChange(t *testing.T) {
	// A failed write leaves the change counter ahead of the saved one, so the next autosave
	// (any change, or the page being hidden) writes again.
	s := withDraft(t, testCall(t), answered(), schema.IT)
	s.saver.store = &quotaStore{Memory: draft.NewMemory()}
	s.mu.Lock()
	s.saver.changes++
	s.mu.Unlock()
	write(t, s)
	if _, _, ok := s.snapshot(); !ok {
		t.Fatal("after a failed write the draft is not pending")
	}
}

func TestPanicCaughtAtBoundary(t *testing.T) {
	s := withDraft(t, testCall(t), answered(), schema.IT)
	s.guard.safely(func() {
		var m map[string]int
		m["boom"]++ // a nil map write panics
	})
	if s.guard.crash == "" {
		t.Fatal("the panic was not recorded")
	}
	if got := s.open.d.Answers.Get("ente.soci[0].denominazione"); got != "Alfa APS" {
		t.Fatalf("answers changed by the panic: %v", got)
	}
	h := func(ctx app.Context, e app.Event) {
		defer sess.guard.recovered()
		panic("handler")
	}
	s.guard.crash = ""
	h(app.Context{}, app.Event{})
	if s.guard.crash != "handler" {
		t.Fatalf("crash = %q after a panicking handler", s.guard.crash)
	}
	html := rendered(crashBanner{Lang: schema.IT, WithDraft: true, Guard: &sess.guard}.ui())
	for _, want := range []string{"errore imprevisto", `id="crash-export"`, `role="alert"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the crash banner lacks %q:\n%s", want, html)
		}
	}
	if html := rendered(crashBanner{Lang: schema.EN, Guard: &sess.guard}.ui()); strings.Contains(html, "crash-export") || !strings.Contains(html, "Something unexpected") {
		t.Errorf("the crash banner without a draft:\n%s", html)
	}
	ran := false
	s.guard.safely(func() { ran = true })
	if !ran {
		t.Fatal("safely did not run f")
	}
}
