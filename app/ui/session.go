package ui

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// session is the state of the app in this browser tab. There is one per tab (sess). It is
// made of parts that each own one concern, kept as named fields so that every use says which
// part it touches:
//
//   - open: the draft on screen (opendraft.go);
//   - saver: where drafts are kept and how far the open one is saved (autosave.go);
//   - tabs: what the other tabs of this browser did to the open draft (conflict.go);
//   - scratch: a draft that is not the applicant's on screen, and theirs set aside (scratch.go);
//   - guard: the panic boundaries and the crash on record (resilience.go).
//
// What the parts share stays here: the lock, the language, the shell's context, the page on
// screen and the versions that make components render again, with what the fields on screen
// show. The methods that move several parts at once (opening a draft, saving it, entering a
// scratch mode) are the session's, in the file of the concern they serve.
//
// Its fields belong to the UI goroutine: goroutines that wait for storage hand their results
// back through run. The one exception is the snapshot taken when the page is hidden, on a
// JavaScript callback; mu guards the answers and the save counters against it.
type session struct {
	mu sync.Mutex

	shell      app.Context // the root component's context, mounted for the life of the tab
	started    bool
	ready      bool // the store is open and the remembered draft, if any, is loaded
	lang       schema.Lang
	appVersion string

	open    openDraft
	saver   saver
	tabs    tabSync
	scratch scratchMode
	guard   crashGuard

	calls   callSet // the calls not shipped: published by the server, opened from files (catalogue.go)
	callErr string  // why some published calls cannot be opened
	// catalogueURLs are the call files the server publishes, for cacheWorkerWasm (another
	// goroutine: guarded by mu)
	catalogueURLs []string

	// ver changes when every field must render again: another draft, errors revealed by
	// "next", items removed or moved, another language. condVer changes when an answer that
	// some `when` reads changes (see conditions.go).
	ver, condVer int
	ui           map[string]*fieldUI
	live         liveValues // computed values and choices fed by items on screen (live.go)
	liveChoices  map[*fieldView]app.Context

	route route // the page on screen, set by the shell

	// progressVer changes when the stepper's counts may have changed (progress.go).
	progressVer, countsAt int
	counts                map[string]stepCount

	summary    []string // answer paths listed in the error summary of summaryFor
	summaryFor string   // section id
	summaryVer int

	updateAvailable bool
	focusAfter      string // id to focus once the next render is done

	// earlyAt is how many changes of the open draft the early form's snapshot shows, -1 when
	// this tab took none since its last write, and earlyKey its step and language (early.go);
	// earlyIdle: one is asked for when the browser is idle
	earlyAt   int64
	earlyKey  string
	earlyIdle bool
}

// fieldUI is what one answer shows beside its input, kept by answer path so that it survives
// the field being hidden and shown, and follows its item when items move (reindex).
type fieldUI struct {
	issue   *schema.Issue // the message shown, if any
	showing bool          // it has shown an error: check again at every keystroke
	raw     string        // an amount or number as typed, until the field loses focus
}

// sess is the session of this tab.
//
// The pieces of the page that need one part are handed it by their parent, in a field set as
// it builds them, with the crash guard for their buttons: the crash banner (crashBanner: the
// guard), the other tabs' alerts (conflictBanner, otherTabNotice: tabSync), the save status
// in the header (saveStatus: the saver) and helpdesk mode's banner and its page in place of
// signing (helpdeskBanner, scratchUnavailable: scratchMode). They are views, not go-app
// components: structs whose ui method the parent calls in its own Render, inside its render
// boundary. A component type would cost the applicant's wasm some 10 KB (go-app's Compo
// methods, promoted into each), and go-app renders a component again only when a field
// changed, which a pointer to the same part never does.
//
// What still reads the global, and why:
//   - the shell, which builds every page and banner from all the parts at once;
//   - the form's components (steps, fields, groups, tables, the error summary, the review,
//     history) and the signing pages: each reads and writes the open draft's answers, what the
//     fields on screen show (ui, live, summary) and the render versions together, so the part
//     they would be handed is the whole session;
//   - the start page, the list of drafts, the calls, profiles and the importer: they open,
//     make, fill or delete drafts (session.use, newDraft, edit), which moves the open draft,
//     the saver, tabSync and the form's state in one step;
//   - the office's pages (helpdesk, builder host, partner sheets, merge): they enter and leave
//     scratch modes (enterScratch, leaveScratch), which swap the open draft and the saver's
//     state with the stash;
//   - every boundary (`defer sess.guard.recovered()` and kin): the guard of a component built
//     by a page that reads the global anyway.
//
// It is made in init: the parts' hooks lead to code that reads sess (the export's download,
// among others), which a variable's initializer may not.
var sess *session

func init() { sess = newSession(schema.IT) }

// newSession is a session in language l, its parts wired to one another.
func newSession(l schema.Lang) *session {
	s := &session{lang: l, ui: map[string]*fieldUI{}, earlyAt: -1}
	s.saver.mu = &s.mu
	s.guard.alert = func() app.UI { return crashAlert(s.lang, s.exportable(), "", "", &s.guard) }
	s.guard.export = s.exportFromAlert
	s.tabs.settle = s.settleConflict
	s.scratch.leave = s.leaveScratch
	return s
}

const (
	keyLang    = "bando.lang"
	keyCurrent = "bando.current"
)

// start opens storage and the draft last used in this browser. It runs once, from the root
// component's OnMount.
func (s *session) start(ctx app.Context) {
	if s.started {
		return
	}
	s.started = true
	s.shell = ctx
	s.guard.shell, s.guard.started = ctx, true
	s.lang = schema.ParseLang(localGet(keyLang))
	setDocumentLang(s.lang)
	s.appVersion = app.Getenv("GOAPP_VERSION")
	onHide(s.flushSync)
	listenDrafts(func(id string, savedAt time.Time) { // on a JavaScript callback
		s.run(func() { s.otherTabSaved(id, savedAt) })
	})
	ignoreStrayDrops()
	ctx.Async(func() { // once the form takes input (worker_js.go)
		defer s.guard.background()
		cacheWorkerWasm(s.appVersion)
	})
	ctx.Async(func() {
		defer s.guard.background()
		stored := s.openingStore()
		calls, problems := loadExtraCalls() // before the last draft: it may answer one of them
		s.mu.Lock()
		s.catalogueURLs = calls.catalogueURLs() // cached with the rest once the form takes input
		s.mu.Unlock()
		// The call a new draft answers, as most drafts do, loaded (and kept) while the browser
		// opens the store: a first visit's form waited for each in turn.
		schema.Shipped(schema.DefaultCallID)
		st, err := stored()
		rec, getErr := lastDraft(st, localGet(keyCurrent))
		s.run(func() {
			s.calls = calls
			if len(problems) > 0 {
				s.callErr = tr(s.lang, "catalogue.error", strings.Join(problems, "; "))
			}
			s.saver.store, s.saver.storeErr = st, err
			if getErr == nil {
				s.openRecord(rec)
			}
			if resumeHelpdesk != nil { // the staff program only (builderhost.go)
				resumeHelpdesk(s) // before ensureDraft: a reload in helpdesk mode starts no draft
			}
			s.ready = true
			s.ensureDraft()
		})
	})
}

// openingStore starts opening the drafts' store and returns what waits for it. Opening
// IndexedDB is a wait on the browser, and the Go program is single-threaded: the store is
// asked for at once (Gosched runs the opening until it waits), and the caller does its own
// work meanwhile instead of waiting first.
func (s *session) openingStore() func() (draft.Store, error) {
	type opened struct {
		st  draft.Store
		err error
	}
	done := make(chan opened, 1)
	go func() {
		defer s.guard.background()
		st, err := openStore(context.Background())
		done <- opened{st, err}
	}()
	runtime.Gosched()
	return func() (draft.Store, error) {
		o := <-done
		return o.st, o.err
	}
}

// lastDraft is the draft this browser had open: the one localStorage remembers, else the one
// saved last. localStorage is written to disk seconds later than IndexedDB, so after a crash
// or a power cut it may have forgotten which draft was open while the draft itself is safe.
func lastDraft(st draft.Store, current string) (draft.Record, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if current != "" {
		if r, err := st.Get(ctx, current); err == nil {
			return r, nil
		}
	}
	rs, err := st.List(ctx)
	if err != nil {
		return draft.Record{}, err
	}
	if len(rs) == 0 {
		return draft.Record{}, draft.ErrNotFound
	}
	return rs[0], nil
}

// ensureDraft opens a new draft of the default call when a step or the review is on screen
// and no draft is open: a deep link followed on a machine that has none.
func (s *session) ensureDraft() {
	if !s.ready || s.open.d != nil || (s.route.page != "section" && s.route.page != "review") {
		return
	}
	c, err := s.lookupCall(schema.DefaultCallID)
	if err != nil {
		s.open.openErr = err.Error()
		return
	}
	s.newDraft(c)
}

// run runs f on the UI goroutine and renders the page again.
func (s *session) run(f func()) {
	s.shell.Dispatch(func(ctx app.Context) {
		defer s.guard.recovered()
		s.guard.safely(f)
		ctx.Defer(func(app.Context) {
			defer s.guard.recovered()
			s.afterRender()
		})
	})
}

// setLang switches the interface language and remembers it.
func (s *session) setLang(l schema.Lang) {
	s.lang = l
	localSet(keyLang, string(l))
	s.ver++
	for _, u := range s.ui { // messages already shown switch language too
		if u.issue != nil {
			is := *u.issue
			is.Message = issueText(s.open.call, is, s.formLang())
			u.issue = &is
		}
	}
}

// seedGroup adds items to the group at path until it has its minimum.
func seedGroup(a schema.Answers, f *schema.Field, path string) {
	if f.Repeat == nil {
		return
	}
	for len(a.Items(path)) < f.Repeat.Min {
		addItem(a, f, path)
	}
}

// addItem appends an item to the group at path, with the minimum items of its own groups.
func addItem(a schema.Answers, f *schema.Field, path string) int {
	i, err := a.AddItem(path)
	if err != nil {
		return -1
	}
	for _, sub := range f.Fields {
		if sub.Type == schema.TypeGroup {
			seedGroup(a, sub, itemPath(path, i)+"."+sub.ID)
		}
	}
	return i
}

// set stores the answer at path and schedules the autosave.
func (s *session) set(path string, v any) {
	if s.open.d == nil {
		return
	}
	s.mu.Lock()
	if !draft.SameValue(s.open.d.Answers.Get(path), v) {
		// a finalised draft is out of date, a verified signature no longer holds; a field
		// left as it was (a blur, a value written again the same) changes neither
		s.open.d.Edited()
	}
	_ = s.open.d.Answers.Set(path, v)
	s.mu.Unlock()
	name := lastName(path)
	cond := s.open.condNames[name]
	if cond {
		s.condVer++
	}
	s.changed()
	s.refreshLive(path, name, cond)
}

// edit changes the answers with f (adding, removing or moving items) and schedules the autosave.
func (s *session) edit(f func(a schema.Answers)) {
	if s.open.d == nil {
		return
	}
	s.mu.Lock()
	f(s.open.d.Answers)
	s.open.d.Edited() // a finalised draft is out of date, a verified signature no longer holds
	// an item added (or copied) gets its id at once; moving or removing keeps the others'
	s.open.call.AssignItemIDs(s.open.d.Answers)
	s.mu.Unlock()
	s.condVer++
	s.progressChanged()
	s.changed()
	s.refreshLive("", "", true)
}

// fieldUI returns the display state of the answer at path.
func (s *session) fieldUI(path string) *fieldUI {
	u := s.ui[path]
	if u == nil {
		u = &fieldUI{}
		s.ui[path] = u
	}
	return u
}

// check validates the answer at path as it is now and shows the result: its own rules, and the
// checks of the items holding it (schema.ValidateItem), which may report at another field of
// the item or at the item itself. Both cost the same however large the form is.
func (s *session) check(path string) {
	u := s.fieldUI(path)
	l := s.formLang()
	u.issue = s.open.call.ValidateField(s.open.d.Answers, path, l)
	if u.issue != nil {
		u.showing = true
	}
	painted := append(s.itemChecks(path, true), path)
	s.paintAll(painted, l)
	if s.summaryFor != "" && sectionOf(path) == s.summaryFor {
		s.summaryVer++
	}
}

// recheckItem runs, at a keystroke in a field that shows nothing, the checks of the items
// holding it: a message they show elsewhere follows the typing (goes away once the item is
// right), but none appears while the applicant is still typing.
func (s *session) recheckItem(path string) {
	if painted := s.itemChecks(path, false); len(painted) > 0 {
		s.paintAll(painted, s.formLang())
		if s.summaryFor != "" && sectionOf(path) == s.summaryFor {
			s.summaryVer++
		}
	}
}

// itemChecks updates what the checks of the items holding path show: each message they showed
// is replaced by what they say now, and with add, a failing check shows its message where
// nothing (or only a warning, for an error) is shown. It returns the paths to paint again.
func (s *session) itemChecks(path string, add bool) []string {
	var painted []string
	results := s.open.call.ValidateItem(s.open.d.Answers, path, s.formLang())
	for _, r := range results {
		for _, at := range [...]string{r.Item, r.Field} {
			v := s.ui[at]
			if at == "" || at == path && add || v == nil || v.issue == nil || v.issue.Key != r.Key {
				continue
			}
			v.issue = nil
			if r.Issue != nil && r.Issue.Path == at {
				is := *r.Issue
				v.issue = &is
			}
			painted = append(painted, at)
		}
	}
	if !add {
		return painted
	}
	for _, r := range results {
		if r.Issue == nil {
			continue
		}
		v := s.fieldUI(r.Issue.Path)
		if v.issue == nil || v.issue.IsWarning() && !r.Issue.IsWarning() {
			is := *r.Issue
			v.issue = &is
			v.showing = true
			painted = append(painted, r.Issue.Path)
		}
	}
	return painted
}

// paintAll paints the messages at paths as the session holds them.
func (s *session) paintAll(paths []string, l schema.Lang) {
	for _, at := range paths {
		var is *schema.Issue
		if v := s.ui[at]; v != nil {
			is = v.issue
		}
		paintMessage(at, is, l)
	}
}

// issueText renders an issue in lang: validation keys through package schema, the call's own
// checks through their message, items named in lang.
func issueText(c *schema.Call, is schema.Issue, l schema.Lang) string {
	if c != nil {
		return c.Reword(is, l)
	}
	return schema.Message(l, is.Key, is.Params)
}
