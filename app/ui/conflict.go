package ui

import (
	"context"
	"errors"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The same draft open in two tabs: each tab remembers the SavedAt of the stored version it
// last opened or wrote (saveState.base). Before a write it reads the stored version; one saved
// later comes from another tab, and is never overwritten in silence: the write is not done,
// autosave pauses, the answers stay on screen and an alert lets the applicant load the other
// version or keep theirs as a separate copy.

func init() {
	texts["conflict.text"] = [2]string{
		"Questa bozza è stata modificata in un'altra scheda. Per non sovrascrivere nulla, il salvataggio automatico è sospeso: scegli quale versione tenere.",
		"This draft was changed in another tab. So that nothing is overwritten, autosave is paused: choose which version to keep.",
	}
	texts["conflict.reload"] = [2]string{"Carica la versione dell'altra scheda", "Load the other tab's version"}
	texts["conflict.copy"] = [2]string{"Tieni la mia come copia separata", "Keep mine as a separate copy"}
}

// putChecked writes rec unless the stored version was saved after base, by another tab: then
// it returns that version and conflict.
func putChecked(ctx context.Context, st draft.Store, rec draft.Record, base time.Time) (cur draft.Record, conflict bool, err error) {
	cur, err = st.Get(ctx, rec.ID)
	switch {
	case err == nil && cur.SavedAt.After(base):
		return cur, true, nil
	case err != nil && !errors.Is(err, draft.ErrNotFound):
		// Reading failed: write anyway. Losing this tab's answers is worse than the rare
		// overwrite of a version that could not even be read.
	}
	return draft.Record{}, false, st.Put(ctx, rec)
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
	// The same call as on screen: no need to look it up again. use, inside, does not save
	// while the conflict is set.
	if d, err := cur.Draft(); err == nil && s.call != nil && d.Call == s.call.ID {
		if rep, err := draft.Open(d, s.call); err == nil {
			s.use(cur.ID, s.call, d)
			s.mu.Lock()
			s.save.base = cur.SavedAt
			s.mu.Unlock()
			s.migrated(rep)
			return
		}
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
