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

// tabSync is what the other tabs of this browser did to the open draft: a version saved there
// that this tab must not overwrite (conflict), or one it has just loaded (otherTab). It is its
// own part because its alerts stand apart from the form: they only need to know this, and to
// hand the applicant's choice back (settle).
type tabSync struct {
	conflict *draft.Record // a newer version of the open draft saved by another tab
	otherTab bool          // the open draft was just loaded again as another tab saved it
	// settle carries out the applicant's choice in a conflict: the other tab's version, or
	// theirs kept as a separate copy (session.takeOther, session.keepMine)
	settle func(keepMine bool)
}

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
	if s.scratch.mode != "" || s.open.d == nil || id != s.open.id || s.saver.store == nil {
		return // scratch drafts are never saved; the applicant's, set aside, is checked when written
	}
	s.mu.Lock()
	base := s.saver.base
	s.mu.Unlock()
	if !savedAt.After(base) {
		return // this tab has that version, or a later one
	}
	st := s.saver.store
	s.shell.Async(func() {
		defer s.guard.background()
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
	if s.scratch.mode != "" || s.open.d == nil || cur.ID != s.open.id {
		return
	}
	s.mu.Lock()
	newer := cur.SavedAt.After(s.saver.base)
	dirty := s.saver.changes != s.saver.saved
	s.mu.Unlock()
	switch {
	case !newer:
		return
	case dirty || s.tabs.conflict != nil:
		s.tabs.conflict = &cur
	case s.adoptOther(cur):
		s.tabs.otherTab = true
	default:
		s.tabs.conflict = &cur // a version this tab cannot open as it is: the applicant chooses
	}
}

// adoptOther makes cur, a version of the open draft of the same call, the one on screen,
// without looking the call up again. It reports false when cur cannot be opened so.
func (s *session) adoptOther(cur draft.Record) bool {
	d, err := cur.Draft()
	if err != nil || s.open.call == nil || d.Call != s.open.call.ID {
		return false
	}
	rep, err := draft.Open(d, s.open.call)
	if err != nil {
		return false
	}
	s.use(cur.ID, s.open.call, d)
	s.mu.Lock()
	s.saver.base = cur.SavedAt
	s.mu.Unlock()
	s.migrated(rep)
	return true
}

// conflicted records that writing rec found cur, saved by another tab.
func (s *session) conflicted(rec, cur draft.Record) {
	if rec.ID != s.open.id || s.open.d == nil {
		return
	}
	s.tabs.conflict = &cur
}

// takeOther opens the version the other tab saved, dropping this tab's unsaved changes.
func (s *session) takeOther() {
	if s.tabs.conflict == nil {
		return
	}
	cur := *s.tabs.conflict
	// use, inside, does not save while the conflict is set.
	if s.adoptOther(cur) {
		return
	}
	if !s.openRecord(cur) {
		s.tabs.conflict = nil // openErr says why; this tab's answers stay on screen
	}
}

// keepMine keeps this tab's answers as a new draft beside the other tab's version; the next
// saveNow writes it.
func (s *session) keepMine() {
	if s.tabs.conflict == nil || s.open.d == nil {
		return
	}
	s.tabs.conflict = nil
	s.mu.Lock()
	s.open.id = draft.NewID(time.Now())
	s.saver.base = time.Time{}
	s.saver.saved = 0
	if s.saver.changes == 0 {
		s.saver.changes = 1
	}
	s.mu.Unlock()
	localSet(keyCurrent, s.open.id)
	s.ver++
}

// settleConflict carries out the applicant's choice in a conflict (tabSync.settle).
func (s *session) settleConflict(keepMine bool) {
	if !keepMine {
		s.takeOther()
		return
	}
	s.keepMine()
	s.saveNow()
}

// otherTabNotice tells, politely, that the draft on screen was just loaded again as another tab
// saved it. It needs tabSync alone, whose notice it puts away (a view: see sess).
type otherTabNotice struct {
	Lang  schema.Lang
	Tabs  *tabSync
	Guard *crashGuard
}

func (n otherTabNotice) ui() app.UI {
	return app.Div().ID("draft-updated").Class("alert alert-info d-flex flex-wrap gap-3 align-items-center").
		Attr("role", "status").Body(
		app.P().Class("flex-grow-1 mb-0").Text(tr(n.Lang, "tabs.updated")),
		app.Button().Type("button").Class("btn btn-sm btn-outline-primary").ID("draft-updated-ok").
			Text(tr(n.Lang, "tabs.ok")).OnClick(func(ctx app.Context, e app.Event) {
			defer n.Guard.recovered()
			n.Tabs.otherTab = false
		}),
	)
}

// conflictBanner offers the two ways out of a conflict. It needs tabSync alone, which settles
// the applicant's choice (a view: see sess).
type conflictBanner struct {
	Lang  schema.Lang
	Tabs  *tabSync
	Guard *crashGuard
}

func (b conflictBanner) ui() app.UI {
	l := b.Lang
	return app.Div().ID("draft-conflict").Class("alert alert-warning d-flex flex-wrap gap-3 align-items-center").
		Attr("role", "alert").Body(
		app.P().Class("flex-grow-1 mb-0").Text(tr(l, "conflict.text")),
		app.Button().Type("button").Class("btn btn-outline-primary").ID("conflict-reload").
			Text(tr(l, "conflict.reload")).OnClick(func(ctx app.Context, e app.Event) {
			defer b.Guard.recovered()
			b.Tabs.settle(false)
		}),
		app.Button().Type("button").Class("btn btn-primary").ID("conflict-copy").
			Text(tr(l, "conflict.copy")).OnClick(func(ctx app.Context, e app.Event) {
			defer b.Guard.recovered()
			b.Tabs.settle(true)
		}),
	)
}
