package ui

import (
	"context"
	"sync"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Autosave: a change schedules a save saveDelay after the last keystroke (debounce), so a
// burst of typing costs one write. The issue allows at most 500 ms; 300 ms leaves room for the
// write itself before a browser that is killed outright. When the page is hidden or closed the
// draft is also copied to localStorage at once (flushSync): an IndexedDB write started then may
// never commit. Nothing here runs per keystroke beyond resetting a timer.

const saveDelay = 300 * time.Millisecond

// saver is where drafts are kept and how far the open one is saved: the store, and the save
// state of the open draft. It is its own part because the header shows it (status) and
// every way a draft changes, is opened or is set aside moves its counters; the writes
// themselves are the session's (saveNow, flush), as they encode the open draft.
type saver struct {
	// mu is the session's lock (session.mu): the snapshot taken on a JavaScript callback when
	// the page is hidden reads the save counters with the answers.
	mu       *sync.Mutex
	store    draft.Store
	storeErr error // set when drafts can only be kept in memory
	saveState
}

type saveState struct {
	changes int64 // changes made to the open draft
	saved   int64 // changes known to be stored
	at      time.Time
	err     error
	timer   *time.Timer
	asked   bool // navigator.storage.persist() was asked in this tab
	// base is the SavedAt of the stored version this tab last opened or wrote. A stored
	// version saved later was written by another tab: it is not overwritten (conflict.go).
	base time.Time
	// started is the SavedAt of the last write this tab started: a stored version up to then
	// may be this tab's own write still in flight, no conflict.
	started time.Time
	// errors are the open draft's errors as the stepper last counted them, kept in its record
	// for the list of drafts (-1: not counted yet)
	errors int
}

// changed records a change to the open draft and (re)starts the autosave timer.
func (s *session) changed() {
	s.mu.Lock()
	s.saver.changes++
	if s.saver.timer == nil {
		s.saver.timer = time.AfterFunc(saveDelay, func() {
			defer s.guard.background()
			s.run(s.saveNow)
		})
	} else {
		s.saver.timer.Reset(saveDelay)
	}
	s.mu.Unlock()
}

// snapshot encodes the open draft as a record, with the number of changes it holds. ok is false
// when there is nothing new to write.
func (s *session) snapshot() (rec draft.Record, n int64, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open.d == nil || s.scratch.mode != "" || s.saver.changes == s.saver.saved { // scratch.go: never saved
		return draft.Record{}, 0, false
	}
	s.open.d.SavedAt = time.Now()
	if s.appVersion != "" && s.open.d.FinalisedAt == nil { // a finalised draft keeps its version: see finalise
		s.open.d.AppVersion = s.appVersion
	}
	rec, err := draft.NewRecord(s.open.id, s.open.d, draft.Title(s.open.call, s.open.d))
	if err != nil {
		s.saver.err = err
		return draft.Record{}, 0, false
	}
	rec.Errors, rec.State = s.saver.errors, s.open.d.State(s.saver.errors)
	s.open.name = rec.Name
	return rec, s.saver.changes, true
}

// saveNow writes the open draft if it changed since the last save. It runs on the UI goroutine
// and returns at once; the write finishes on a goroutine and reports back through run.
func (s *session) saveNow() {
	if s.scratch.mode != "" { // nothing is saved as a draft; partner mode saves its sheet (saveSheet)
		if saveSheet != nil {
			saveSheet(s)
		}
		return
	}
	st := s.saver.store
	if st == nil {
		return // storage is still opening: start saves once it is open
	}
	if s.tabs.conflict != nil {
		return // another tab saved this draft: the applicant chooses first (conflict.go)
	}
	s.countErrors()
	rec, n, ok := s.snapshot()
	if !ok {
		return
	}
	base := s.saver.writeBase(rec)
	s.shell.Async(func() {
		defer s.guard.background()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		cur, conflict, err := st.PutIfUnchanged(ctx, rec, base)
		cancel()
		if conflict {
			s.run(func() { s.conflicted(rec, cur) })
			return
		}
		s.run(func() { s.saved(rec, n, err) })
	})
}

// writeBase is the base of a write of the open draft that starts now (see saveState.started),
// and records the write as started.
func (sv *saver) writeBase(rec draft.Record) time.Time {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	base := sv.base
	if sv.started.After(base) {
		base = sv.started
	}
	sv.started = rec.SavedAt
	return base
}

// saved records the outcome of a write of the draft rec.ID holding n changes, and tells the
// other tabs about a good one (conflict.go).
func (s *session) saved(rec draft.Record, n int64, err error) {
	if err == nil {
		announceDraft(rec.ID, rec.SavedAt)
		if rec.ID != s.open.id {
			n = -1
		}
		s.earlyWrote(n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if rec.ID != s.open.id {
		if st := s.scratch.stash; st != nil && rec.ID == st.id && err == nil && n > st.save.saved {
			st.save.saved, st.save.at = n, rec.SavedAt // written as a scratch draft came on screen
		}
		return // a write of the draft open before: its outcome is not news here
	}
	s.saver.err = err
	if err == nil && n > s.saver.saved {
		s.saver.saved, s.saver.at = n, rec.SavedAt
	}
	if err == nil && rec.SavedAt.After(s.saver.base) {
		s.saver.base = rec.SavedAt
	}
	if err == nil && !s.saver.asked {
		s.saver.asked = true
		if p, ok := s.saver.store.(interface {
			Persist(context.Context) (bool, error)
		}); ok {
			s.shell.Async(func() {
				defer s.guard.background()
				_, _ = p.Persist(context.Background())
			})
		}
	}
}

// countErrors keeps the open draft's errors for its record: the stepper's counts, which
// validate the draft again only when it may count differently (progress.go), so a save after
// typing costs no validation. The list of drafts then says where each stands without
// validating any.
func (s *session) countErrors() {
	if s.open.d == nil || s.scratch.mode != "" {
		return
	}
	n := 0
	for _, c := range s.openCounts() {
		n += c.errors
	}
	s.mu.Lock()
	s.saver.errors = n
	s.mu.Unlock()
}

// flushSync copies unsaved changes to storage that writes before returning, then starts the
// regular write too. It runs on a JavaScript callback when the page is hidden or closed.
func (s *session) flushSync() {
	if sp, ok := s.saver.store.(draft.SyncPutter); ok {
		if rec, n, ok := s.snapshot(); ok && s.tabs.conflict == nil {
			// Unlike every other write this one cannot check first (reading IndexedDB waits
			// for a callback): the channel has told this tab of other tabs' writes by now, and
			// then the conflict is set and nothing is written here.
			if sp.PutSync(rec) == nil {
				s.mu.Lock()
				if rec.ID == s.open.id && rec.SavedAt.After(s.saver.base) {
					s.saver.base = rec.SavedAt // this tab's own copy is no conflict
				}
				s.mu.Unlock()
				announceDraft(rec.ID, rec.SavedAt)
				s.earlyWrote(n)
			}
		}
	}
	s.keepEarlyPage()
	if s.started {
		s.run(s.saveNow)
	}
}

// flush writes unsaved changes and waits for the write, then calls then on the UI goroutine:
// before a reload, so that updating the app never loses what was typed. The write is checked
// as every other: when another tab saved the draft meanwhile, the conflict alert shows and
// then is not called (the applicant chooses first, the reload can wait); when the write
// fails, a copy written at once (PutSync) must hold the answers before then is called.
func (s *session) flush(then func()) {
	st := s.saver.store
	if s.tabs.conflict != nil {
		return
	}
	rec, n, ok := s.snapshot()
	if st == nil || !ok {
		then()
		return
	}
	base := s.saver.writeBase(rec)
	s.shell.Async(func() {
		defer s.guard.background()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		cur, conflict, err := st.PutIfUnchanged(ctx, rec, base)
		cancel()
		s.run(func() {
			if conflict {
				s.conflicted(rec, cur)
				return
			}
			if err != nil {
				if sp, ok := st.(draft.SyncPutter); !ok || sp.PutSync(rec) != nil {
					s.saved(rec, n, err) // the alert says so, with the export button
					return
				}
				err = nil
			}
			s.saved(rec, n, err)
			then()
		})
	})
}

// saveStatus is the autosave's line in the header, drawn by the shell: it needs the saver
// alone, besides what the shell knows of the page (a view: see sess).
type saveStatus struct {
	Lang    schema.Lang
	Saver   *saver
	Ask     bool // a draft is open once the store is: the saver says how far it is saved
	Scratch bool // a scratch draft is on screen, which is never saved
	Hidden  bool // an office's page, where the applicant's draft is not what it is about
}

func (st saveStatus) ui() app.UI {
	text, bad := "", false
	if st.Ask {
		text, bad = st.Saver.status(st.Lang)
	}
	if st.Scratch {
		text = tr(st.Lang, "scratch.nosave")
	}
	if st.Hidden {
		text = ""
	}
	class := "save-status small"
	if bad {
		class += " save-status-bad"
	}
	return app.P().Class(class).Aria("live", "polite").ID("save-status").Text(text)
}

// status describes the autosave for the header, in l.
func (sv *saver) status(l schema.Lang) (text string, bad bool) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	switch {
	case sv.storeErr != nil:
		return tr(l, "save.memory"), true
	case sv.err != nil:
		return tr(l, "save.error", sv.err.Error()), true
	case !sv.at.IsZero():
		return tr(l, "save.saved", tr(l, "time.rome", schema.InRome(sv.at).Format("15:04:05"))), false
	}
	return tr(l, "save.pending"), false
}
