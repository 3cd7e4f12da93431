package ui

import (
	"context"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The same draft open in two tabs. Each tab remembers the SavedAt of the stored version it
// last opened or wrote (saveState.base), and every write is a compare-and-write in one atomic
// step of the store (draft.Store.PutIfUnchanged): a version saved later comes from another
// tab, and is never overwritten in silence.
//
// Tabs also tell each other at once: a tab that wrote a draft posts {id, savedAt} on the
// BroadcastChannel "bando-drafts" (announceDraft, browser.go; browsers without one are
// skipped, and the check at the next write still holds). A tab that has that draft open
//
//   - with nothing unsaved loads the new version at once, and says so politely
//     ("Bozza aggiornata da un'altra scheda");
//   - with unsaved changes shows the conflict alert at once: nothing is written, autosave
//     pauses, the answers stay on screen, and the applicant loads the other version or keeps
//     theirs as a separate copy.
//
// Either way nothing is overwritten. The channel only says that something changed: the
// version itself is always read from the store.

func init() {
	texts["conflict.text"] = [2]string{
		"Questa bozza è stata modificata in un'altra scheda. Per non sovrascrivere nulla, il salvataggio automatico è sospeso: scegli quale versione tenere.",
		"This draft was changed in another tab. So that nothing is overwritten, autosave is paused: choose which version to keep.",
	}
	texts["conflict.reload"] = [2]string{"Carica la versione dell'altra scheda", "Load the other tab's version"}
	texts["conflict.copy"] = [2]string{"Tieni la mia come copia separata", "Keep mine as a separate copy"}
	texts["tabs.updated"] = [2]string{"Bozza aggiornata da un'altra scheda.", "Draft updated from another tab."}
	texts["tabs.ok"] = [2]string{"Ho capito", "Got it"}
}

// otherTabSaved: another tab wrote draft id, saved at savedAt (its message on the channel).
// When it is the draft on screen and a version this tab has not seen, the version is read from
// the store and shown (otherVersion).
func (s *session) otherTabSaved(id string, savedAt time.Time) {
	if s.mode != "" || s.d == nil || id != s.id || s.store == nil {
		return // scratch drafts are never saved; the applicant's, set aside, is checked when written
	}
	s.mu.Lock()
	base := s.save.base
	s.mu.Unlock()
	if !savedAt.After(base) {
		return // this tab has that version, or a later one
	}
	st := s.store
	s.shell.Async(func() {
		defer s.background()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		cur, err := st.Get(ctx, id)
		cancel()
		if err != nil {
			return // deleted, or storage failing: the next write checks again
		}
		s.run(func() { s.otherVersion(cur) })
	})
}

// otherVersion shows cur, a version of the open draft saved by another tab: at once when this
// tab has nothing unsaved, else as a conflict for the applicant to settle. A write of this tab
// still in flight counts as unsaved.
func (s *session) otherVersion(cur draft.Record) {
	if s.mode != "" || s.d == nil || cur.ID != s.id {
		return
	}
	s.mu.Lock()
	newer := cur.SavedAt.After(s.save.base)
	dirty := s.save.changes != s.save.saved
	s.mu.Unlock()
	switch {
	case !newer:
		return
	case dirty || s.conflict != nil:
		s.conflict = &cur
	case s.adoptOther(cur):
		s.otherTab = true
	default:
		s.conflict = &cur // a version this tab cannot open as it is: the applicant chooses
	}
}

// adoptOther makes cur, a version of the open draft of the same call, the one on screen,
// without looking the call up again. It reports false when cur cannot be opened so.
func (s *session) adoptOther(cur draft.Record) bool {
	d, err := cur.Draft()
	if err != nil || s.call == nil || d.Call != s.call.ID {
		return false
	}
	rep, err := draft.Open(d, s.call)
	if err != nil {
		return false
	}
	s.use(cur.ID, s.call, d)
	s.mu.Lock()
	s.save.base = cur.SavedAt
	s.mu.Unlock()
	s.migrated(rep)
	return true
}

// writeBase is the base of a write of the open draft that starts now (see saveState.started),
// and records the write as started.
func (s *session) writeBase(rec draft.Record) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	base := s.save.base
	if s.save.started.After(base) {
		base = s.save.started
	}
	s.save.started = rec.SavedAt
	return base
}

// conflicted records that writing rec found cur, saved by another tab.
func (s *session) conflicted(rec, cur draft.Record) {
	if rec.ID != s.id || s.d == nil {
		return
	}
	s.conflict = &cur
}

// takeOther opens the version the other tab saved, dropping this tab's unsaved changes.
func (s *session) takeOther() {
	if s.conflict == nil {
		return
	}
	cur := *s.conflict
	// use, inside, does not save while the conflict is set.
	if s.adoptOther(cur) {
		return
	}
	if !s.openRecord(cur) {
		s.conflict = nil // openErr says why; this tab's answers stay on screen
	}
}

// keepMine keeps this tab's answers as a new draft beside the other tab's version; the next
// saveNow writes it.
func (s *session) keepMine() {
	if s.conflict == nil || s.d == nil {
		return
	}
	s.conflict = nil
	s.mu.Lock()
	s.id = draft.NewID(time.Now())
	s.save.base = time.Time{}
	s.save.saved = 0
	if s.save.changes == 0 {
		s.save.changes = 1
	}
	s.mu.Unlock()
	localSet(keyCurrent, s.id)
	s.ver++
}

// otherTabNotice tells, politely, that the draft on screen was just loaded again as another tab
// saved it.
func otherTabNotice(l schema.Lang) app.UI {
	return app.Div().ID("draft-updated").Class("alert alert-info d-flex flex-wrap gap-3 align-items-center").
		Attr("role", "status").Body(
		app.P().Class("flex-grow-1 mb-0").Text(tr(l, "tabs.updated")),
		app.Button().Type("button").Class("btn btn-sm btn-outline-primary").ID("draft-updated-ok").
			Text(tr(l, "tabs.ok")).OnClick(func(ctx app.Context, e app.Event) {
			defer sess.recovered()
			sess.otherTab = false
		}),
	)
}

// conflictBanner offers the two ways out of a conflict.
func conflictBanner(l schema.Lang) app.UI {
	return app.Div().ID("draft-conflict").Class("alert alert-warning d-flex flex-wrap gap-3 align-items-center").
		Attr("role", "alert").Body(
		app.P().Class("flex-grow-1 mb-0").Text(tr(l, "conflict.text")),
		app.Button().Type("button").Class("btn btn-outline-primary").ID("conflict-reload").
			Text(tr(l, "conflict.reload")).OnClick(func(ctx app.Context, e app.Event) {
			defer sess.recovered()
			sess.takeOther()
		}),
		app.Button().Type("button").Class("btn btn-primary").ID("conflict-copy").
			Text(tr(l, "conflict.copy")).OnClick(func(ctx app.Context, e app.Event) {
			defer sess.recovered()
			sess.keepMine()
			sess.saveNow()
		}),
	)
}
