package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// session is the state of the app in this browser tab: the open draft, the language, what each
// field shows, the autosave. There is one per tab (sess). Its fields belong to the UI goroutine:
// goroutines that wait for storage hand their results back through run. The one exception is
// the snapshot taken when the page is hidden, on a JavaScript callback; mu guards the answers
// and the save counters against it.
type session struct {
	mu sync.Mutex

	shell      app.Context // the root component's context, mounted for the life of the tab
	started    bool
	ready      bool // the store is open and the remembered draft, if any, is loaded
	store      draft.Store
	storeErr   error // set when drafts can only be kept in memory
	lang       schema.Lang
	appVersion string

	call    *schema.Call
	id      string
	d       *draft.Draft
	openErr string // why the remembered or chosen draft could not be opened, in lang
	note    string // what opening the draft changed (a newer call version), in lang

	calls   callSet // the calls not shipped: published by the server, opened from files (catalogue.go)
	callErr string  // why some published calls cannot be opened
	// catalogueURLs are the call files the server publishes, for cacheWorkerWasm (another
	// goroutine: guarded by mu)
	catalogueURLs []string

	// ver changes when every field must render again: another draft, errors revealed by
	// "next", items removed or moved, another language. condVer changes when an answer that
	// some `when` reads changes (see conditions.go).
	ver, condVer int
	condNames    map[string]bool
	ui           map[string]*fieldUI
	live         liveValues // computed values and choices fed by items on screen (live.go)
	liveChoices  map[*fieldView]app.Context

	route route // the page on screen, set by the shell

	// progressVer changes when the stepper's counts may have changed (progress.go); visited
	// holds the steps of the open draft the applicant has opened.
	progressVer, countsAt int
	counts                map[string]stepCount
	visited               string

	summary    []string // answer paths listed in the error summary of summaryFor
	summaryFor string   // section id
	summaryVer int

	save            saveState
	updateAvailable bool
	focusAfter      string // id to focus once the next render is done

	// mode is "" for the applicant's own drafts, or "helpdesk" / "builder" / "partner" while a
	// draft that is not theirs is on screen (scratch.go): nothing is saved as a draft then, and
	// stash keeps theirs.
	mode  string
	stash *stash
	// name is the open draft's title as the list of drafts shows it (draft.Title, "" while
	// untitled), kept at each save: the header says which draft is open without working it
	// out at every render.
	name   string
	bundle *draft.Bundle // the support bundle open in helpdesk mode
	// scratch is what a scratch mode keeps besides its draft: partner mode's *openSheet
	// (partnerform.go). Typed any so that the applicant's program, which never enters the
	// mode, does not carry its types.
	scratch any
	plang   schema.Lang // the builder's preview language; "" is lang
	// bundleKept: the bundle is kept for a reload of the tab (helpdesk.go, keepBundle)
	bundleKept bool

	crash    string        // a panic recovered on the UI goroutine (resilience.go)
	conflict *draft.Record // a newer version of the open draft saved by another tab (conflict.go)
	otherTab bool          // the open draft was just loaded again as another tab saved it
}

// fieldUI is what one answer shows beside its input, kept by answer path so that it survives
// the field being hidden and shown, and follows its item when items move (reindex).
type fieldUI struct {
	issue   *schema.Issue // the message shown, if any
	showing bool          // it has shown an error: check again at every keystroke
	raw     string        // an amount or number as typed, until the field loses focus
}

var sess = &session{lang: schema.IT, ui: map[string]*fieldUI{}}

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
	s.lang = schema.ParseLang(localGet(keyLang))
	setDocumentLang(s.lang)
	s.appVersion = app.Getenv("GOAPP_VERSION")
	onHide(s.flushSync)
	listenDrafts(func(id string, savedAt time.Time) { // on a JavaScript callback
		s.run(func() { s.otherTabSaved(id, savedAt) })
	})
	ignoreStrayDrops()
	ctx.Async(func() { // once the form takes input (worker_js.go)
		defer s.background()
		cacheWorkerWasm(s.appVersion)
	})
	ctx.Async(func() {
		defer s.background()
		calls, problems := loadExtraCalls() // before the last draft: it may answer one of them
		s.mu.Lock()
		s.catalogueURLs = calls.catalogueURLs() // cached with the rest once the form takes input
		s.mu.Unlock()
		st, err := openStore(context.Background())
		rec, getErr := lastDraft(st, localGet(keyCurrent))
		s.run(func() {
			s.calls = calls
			if len(problems) > 0 {
				s.callErr = tr(s.lang, "catalogue.error", strings.Join(problems, "; "))
			}
			s.store, s.storeErr = st, err
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
	if !s.ready || s.d != nil || (s.route.page != "section" && s.route.page != "review") {
		return
	}
	c, err := s.lookupCall(schema.DefaultCallID)
	if err != nil {
		s.openErr = err.Error()
		return
	}
	s.newDraft(c)
}

// run runs f on the UI goroutine and renders the page again.
func (s *session) run(f func()) {
	s.shell.Dispatch(func(ctx app.Context) {
		defer s.recovered()
		s.safely(f)
		ctx.Defer(func(app.Context) {
			defer s.recovered()
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
			is.Message = issueText(s.call, is, s.formLang())
			u.issue = &is
		}
	}
}

// openRecord makes a stored draft the open one, or says why it cannot be opened.
func (s *session) openRecord(r draft.Record) bool {
	d, err := r.Draft()
	var c *schema.Call
	var rep *schema.MigrationReport
	if err == nil {
		c, rep, err = callFor(d)
	}
	if err != nil {
		s.openErr = errorText(err, s.lang)
		return false
	}
	s.use(r.ID, c, d)
	s.mu.Lock()
	s.save.base = r.SavedAt
	s.mu.Unlock()
	s.migrated(rep)
	return true
}

// callFor finds the call a draft answers (shipped, published by the server or opened from a
// file: session.lookupCall) and brings the draft to its version (draft.Open). A draft of a
// call this app does not have gets draft's own "another call" message.
func callFor(d *draft.Draft) (*schema.Call, *schema.MigrationReport, error) {
	c, err := sess.lookupCall(d.Call)
	if err != nil {
		if def, derr := schema.Shipped(schema.DefaultCallID); derr == nil {
			if cerr := draft.CheckCall(d, def); cerr != nil {
				return nil, nil, cerr
			}
		}
		return nil, nil, err
	}
	// a draft brought to a newer version of its call keeps, in its history, the answers as
	// they were: the applicant can see what changed and restore them (history.go)
	var before schema.Answers
	if d.CallVersion < c.Version {
		before = d.Answers.Clone()
	}
	rep, err := draft.Open(d, c)
	// recorded when migrated saves the draft (it changed, or has notes to read): otherwise each
	// opening would record it again
	if err == nil && before != nil && (rep.Changed() || len(rep.Notes) > 0) {
		err = draft.AddEvent(d, draft.MigrationEvent(before, rep, time.Now().UTC()))
	}
	return c, rep, err
}

// migrated tells the applicant what opening an older draft changed, and saves the result.
func (s *session) migrated(rep *schema.MigrationReport) {
	if rep == nil || (!rep.Changed() && len(rep.Notes) == 0) {
		return
	}
	l := s.lang
	msg := tr(l, "migrated", rep.From, rep.To)
	moved, computed := rep.Counts()
	msg += counted(l, "migrated.moved", moved)
	msg += counted(l, "migrated.computed", computed)
	msg += counted(l, "migrated.aside", len(rep.SetAside))
	for _, n := range rep.Notes {
		msg += " " + n.In(l)
	}
	s.note = msg
	s.changed()
}

// counted is " " and the text key+"1" for one, key with n for more, "" for none: Italian
// nouns and participles agree with the number.
func counted(l schema.Lang, key string, n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " " + tr(l, key+"1")
	}
	return " " + tr(l, key, n)
}

// errorText is an error in lang: those of draft, pdf and pec (schema.Error) are translated,
// others are not.
func errorText(err error, l schema.Lang) string {
	var de *draft.Error
	if errors.As(err, &de) {
		return de.Message(l)
	}
	return err.Error()
}

// use makes d, stored as id, the open draft. Unsaved changes of the previous draft are
// written first.
func (s *session) use(id string, c *schema.Call, d *draft.Draft) {
	s.saveNow()
	s.mu.Lock()
	s.id, s.call, s.d = id, c, d
	s.name = draft.Title(c, d)
	s.save = saveState{timer: s.save.timer, asked: s.save.asked, errors: -1}
	s.mu.Unlock()
	s.openErr, s.note, s.conflict, s.otherTab = "", "", nil, false
	s.condNames = conditionNames(c)
	s.visited = "," + localGet(keyVisited+id)
	s.redrawAll()
	localSet(keyCurrent, id)
}

// redrawAll forgets what the fields on screen show — their messages, the live values, the
// error summary — and makes every field render again: another draft is open, or the open
// one has other answers (a restore, history.go).
func (s *session) redrawAll() {
	s.live = newLiveValues(s.call)
	s.ui = map[string]*fieldUI{}
	s.summary, s.summaryFor = nil, ""
	s.ver++
}

// newDraft starts an empty draft of call c, with the least number of items each group needs,
// and saves it at once so that it is in the list even before the first answer.
func (s *session) newDraft(c *schema.Call) {
	now := time.Now()
	d := draft.New(c, s.appVersion, now)
	for _, sec := range c.Sections {
		for _, f := range sec.Fields {
			if f.Type == schema.TypeGroup {
				seedGroup(d.Answers, f, sec.ID+"."+f.ID)
			}
		}
	}
	c.AssignItemIDs(d.Answers)
	s.use(draft.NewID(now), c, d)
	s.changed()
	s.saveNow()
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

// answers returns the open draft's answers (nil when none is open).
func (s *session) answers() schema.Answers {
	if s.d == nil {
		return nil
	}
	return s.d.Answers
}

// set stores the answer at path and schedules the autosave.
func (s *session) set(path string, v any) {
	if s.d == nil {
		return
	}
	s.mu.Lock()
	if !draft.SameValue(s.d.Answers.Get(path), v) {
		// a finalised draft is out of date, a verified signature no longer holds; a field
		// left as it was (a blur, a value written again the same) changes neither
		s.d.Edited()
	}
	_ = s.d.Answers.Set(path, v)
	s.mu.Unlock()
	name := lastName(path)
	cond := s.condNames[name]
	if cond {
		s.condVer++
	}
	s.changed()
	s.refreshLive(path, name, cond)
}

// edit changes the answers with f (adding, removing or moving items) and schedules the autosave.
func (s *session) edit(f func(a schema.Answers)) {
	if s.d == nil {
		return
	}
	s.mu.Lock()
	f(s.d.Answers)
	s.d.Edited() // a finalised draft is out of date, a verified signature no longer holds
	// an item added (or copied) gets its id at once; moving or removing keeps the others'
	s.call.AssignItemIDs(s.d.Answers)
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
	u.issue = s.call.ValidateField(s.d.Answers, path, l)
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
	results := s.call.ValidateItem(s.d.Answers, path, s.formLang())
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
