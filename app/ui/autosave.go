package ui

import (
	"context"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// Autosave: a change schedules a save saveDelay after the last keystroke (debounce), so a
// burst of typing costs one write. The issue allows at most 500 ms; 300 ms leaves room for the
// write itself before a browser that is killed outright. When the page is hidden or closed the
// draft is also copied to localStorage at once (flushSync): an IndexedDB write started then may
// never commit. Nothing here runs per keystroke beyond resetting a timer.

const saveDelay = 300 * time.Millisecond

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
	s.save.changes++
	if s.save.timer == nil {
		s.save.timer = time.AfterFunc(saveDelay, func() {
			defer s.background()
			s.run(s.saveNow)
		})
	} else {
		s.save.timer.Reset(saveDelay)
	}
	s.mu.Unlock()
}

// snapshot encodes the open draft as a record, with the number of changes it holds. ok is false
// when there is nothing new to write.
func (s *session) snapshot() (rec draft.Record, n int64, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.d == nil || s.mode != "" || s.save.changes == s.save.saved { // scratch.go: never saved
		return draft.Record{}, 0, false
	}
	s.d.SavedAt = time.Now()
	if s.appVersion != "" && s.d.FinalisedAt == nil { // a finalised draft keeps its version: see finalise
		s.d.AppVersion = s.appVersion
	}
	rec, err := draft.NewRecord(s.id, s.d, draft.Title(s.call, s.d))
	if err != nil {
		s.save.err = err
		return draft.Record{}, 0, false
	}
	rec.Errors, rec.State = s.save.errors, s.d.State(s.save.errors)
	s.name = rec.Name
	return rec, s.save.changes, true
}

// saveNow writes the open draft if it changed since the last save. It runs on the UI goroutine
// and returns at once; the write finishes on a goroutine and reports back through run.
func (s *session) saveNow() {
	if s.mode != "" { // nothing is saved as a draft; partner mode saves its sheet (saveSheet)
		if saveSheet != nil {
			saveSheet(s)
		}
		return
	}
	st := s.store
	if st == nil {
		return // storage is still opening: start saves once it is open
	}
	if s.conflict != nil {
		return // another tab saved this draft: the applicant chooses first (conflict.go)
	}
	s.countErrors()
	rec, n, ok := s.snapshot()
	if !ok {
		return
	}
	base := s.writeBase(rec)
	s.shell.Async(func() {
		defer s.background()
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

// saved records the outcome of a write of the draft rec.ID holding n changes, and tells the
// other tabs about a good one (conflict.go).
func (s *session) saved(rec draft.Record, n int64, err error) {
	if err == nil {
		announceDraft(rec.ID, rec.SavedAt)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if rec.ID != s.id {
		if st := s.stash; st != nil && rec.ID == st.id && err == nil && n > st.save.saved {
			st.save.saved, st.save.at = n, rec.SavedAt // written as a scratch draft came on screen
		}
		return // a write of the draft open before: its outcome is not news here
	}
	s.save.err = err
	if err == nil && n > s.save.saved {
		s.save.saved, s.save.at = n, rec.SavedAt
	}
	if err == nil && rec.SavedAt.After(s.save.base) {
		s.save.base = rec.SavedAt
	}
	if err == nil && !s.save.asked {
		s.save.asked = true
		if p, ok := s.store.(interface {
			Persist(context.Context) (bool, error)
		}); ok {
			s.shell.Async(func() {
				defer s.background()
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
	if s.d == nil || s.mode != "" {
		return
	}
	n := 0
	for _, c := range s.openCounts() {
		n += c.errors
	}
	s.mu.Lock()
	s.save.errors = n
	s.mu.Unlock()
}

// flushSync copies unsaved changes to storage that writes before returning, then starts the
// regular write too. It runs on a JavaScript callback when the page is hidden or closed.
func (s *session) flushSync() {
	if sp, ok := s.store.(draft.SyncPutter); ok {
		if rec, _, ok := s.snapshot(); ok && s.conflict == nil {
			// Unlike every other write this one cannot check first (reading IndexedDB waits
			// for a callback): the channel has told this tab of other tabs' writes by now, and
			// then the conflict is set and nothing is written here.
			if sp.PutSync(rec) == nil {
				s.mu.Lock()
				if rec.ID == s.id && rec.SavedAt.After(s.save.base) {
					s.save.base = rec.SavedAt // this tab's own copy is no conflict
				}
				s.mu.Unlock()
				announceDraft(rec.ID, rec.SavedAt)
			}
		}
	}
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
	st := s.store
	if s.conflict != nil {
		return
	}
	rec, n, ok := s.snapshot()
	if st == nil || !ok {
		then()
		return
	}
	base := s.writeBase(rec)
	s.shell.Async(func() {
		defer s.background()
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

// saveStatus describes the autosave for the header.
func (s *session) saveStatus() (text string, bad bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.storeErr != nil:
		return tr(s.lang, "save.memory"), true
	case s.save.err != nil:
		return tr(s.lang, "save.error", s.save.err.Error()), true
	case !s.save.at.IsZero():
		return tr(s.lang, "save.saved", tr(s.lang, "time.rome", schema.InRome(s.save.at).Format("15:04:05"))), false
	}
	return tr(s.lang, "save.pending"), false
}
