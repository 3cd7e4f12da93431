package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// The early form (web/early.js, docs/early-form.md): before this program runs, the page shows
// the form it will draw and takes input in it. On later visits that form is the page as this
// browser last showed it, a snapshot of a step; the program keeps it truthful and hands over
// to its own fields when they take input:
//
//   - keepEarlyPage takes the snapshot, once every change is written: when the browser is idle
//     after a render (scheduleEarlyPage) and, if it is not current, when the page is hidden
//     (flushSync);
//   - earlyWrote drops it at the first write of a change made after it, in any tab: a
//     snapshot on record always shows the draft as stored, and never a draft another tab has
//     changed since (that tab's write drops it);
//   - markReady calls adopt: what was typed early goes into the program's fields as input
//     events, the same path as a keystroke.

// keepEarlyPage keeps the step on screen for the next load, unless the snapshot on record is
// of this very state. Only a wholly drawn page that earlyPageable allows is kept: the early
// form is for typing answers.
// It runs when the page is hidden and, so that reloading costs nothing then, when the browser
// is idle after a write (scheduleEarlyPage).
func (s *session) keepEarlyPage() {
	if !s.earlyPageable() {
		return
	}
	s.mu.Lock()
	n := s.saver.changes
	s.mu.Unlock()
	key := s.earlyKeyNow()
	if n == s.earlyAt && key == s.earlyKey {
		return
	}
	_ = jsTry(func() {
		w := app.Window()
		e := w.Get("bandoEarly")
		if !e.Truthy() || w.Get("document").Call("querySelector", ".group-drawing").Truthy() {
			return // a long group is still drawn in batches: its page is not the whole step yet
		}
		e.Call("save", s.open.id, string(s.lang))
		s.earlyAt, s.earlyKey = n, key
	})
}

// earlyPageable reports whether the page on screen may be kept for the early form: a step of
// the applicant's own draft, loaded, with no alert about another tab's version or a crash.
func (s *session) earlyPageable() bool {
	return s.ready && s.route.page == "section" && s.open.d != nil && s.scratch.mode == "" &&
		s.tabs.conflict == nil && s.guard.crash == ""
}

// earlyKeyNow names what a snapshot taken now would show besides the answers: the step and
// the language.
func (s *session) earlyKeyNow() string { return s.route.section + "|" + string(s.lang) }

// scheduleEarlyPage asks for keepEarlyPage when the browser is next idle, once the open draft
// is wholly written: after a render, the snapshot is taken at a pause instead of while the page
// unloads, where it made a reload of 40 members wait ~0.2 s.
func (s *session) scheduleEarlyPage() {
	if s.earlyIdle || !s.earlyPageable() {
		return
	}
	s.mu.Lock()
	n, written := s.saver.changes, s.saver.changes == s.saver.saved
	s.mu.Unlock()
	if !written || n == s.earlyAt && s.earlyKeyNow() == s.earlyKey {
		return
	}
	_ = jsTry(func() {
		w := app.Window()
		if w.Get("requestIdleCallback").Type() != app.TypeFunction {
			return
		}
		var idle app.Func
		idle = app.FuncOf(func(app.Value, []app.Value) any {
			defer s.guard.background()
			idle.Release()
			s.shell.Dispatch(func(app.Context) {
				defer s.guard.recovered()
				s.earlyIdle = false
				s.mu.Lock()
				written := s.saver.changes == s.saver.saved
				s.mu.Unlock()
				if written {
					s.keepEarlyPage()
				}
			})
			return nil
		})
		s.earlyIdle = true
		w.Call("requestIdleCallback", idle, map[string]any{"timeout": 5000})
	})
}

// earlyWrote is told of every write of a draft made in this tab, with how many of the open
// draft's changes it holds (n; -1 when the write is not of the open draft's answers): a write
// holding a change made after the snapshot drops the snapshot.
func (s *session) earlyWrote(n int64) {
	if n >= 0 && n <= s.earlyAt {
		return // the same answers the snapshot shows (the regular write after flushSync)
	}
	s.earlyAt = -1
	_ = jsTry(func() {
		if e := app.Window().Get("bandoEarly"); e.Truthy() {
			e.Call("forget")
		}
	})
}

// adoptEarlyForm hands what was typed in the early form to the fields just drawn.
func adoptEarlyForm() {
	_ = jsTry(func() {
		if e := app.Window().Get("bandoEarly"); e.Truthy() {
			e.Call("adopt")
		}
	})
}
