package ui

import (
	"errors"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// openDraft is the draft on screen: the call it answers, where it is stored, and what the
// applicant was told about opening it. It is its own part so that what "the open draft" means
// is one value: opening another (session.use), setting the applicant's aside for a scratch
// draft (scratch.go) and restoring it swap these fields together.
type openDraft struct {
	call    *schema.Call
	id      string // its key in the store; "" for a scratch draft, which is never stored
	d       *draft.Draft
	openErr string // why the remembered or chosen draft could not be opened, in lang
	note    string // what opening the draft changed (a newer call version), in lang
	// name is the open draft's title as the list of drafts shows it (draft.Title, "" while
	// untitled), kept at each save: the header says which draft is open without working it
	// out at every render.
	name      string
	condNames map[string]bool // the names of the answers some `when` of call reads (conditions.go)
	// visited holds the steps of the open draft the applicant has opened (progress.go).
	visited string
}

// answers returns the open draft's answers (nil when none is open).
func (o *openDraft) answers() schema.Answers {
	if o.d == nil {
		return nil
	}
	return o.d.Answers
}

// title is which of the drafts is open, as the header names it.
func (o *openDraft) title(l schema.Lang) string {
	return draftTitle(draft.Record{ID: o.id, Name: o.name}, l)
}

// openRecord makes a stored draft the open one, or says why it cannot be opened.
func (s *session) openRecord(r draft.Record) bool {
	d, err := r.Draft()
	var c *schema.Call
	var rep *schema.MigrationReport
	if err == nil {
		c, rep, err = s.callFor(d)
	}
	if err != nil {
		s.open.openErr = errorText(err, s.lang)
		return false
	}
	s.use(r.ID, c, d)
	s.mu.Lock()
	s.saver.base = r.SavedAt
	s.mu.Unlock()
	s.migrated(rep)
	return true
}

// callFor finds the call a draft answers (shipped, published by the server or opened from a
// file: session.lookupCall) and brings the draft to its version (draft.Open). A draft of a
// call this app does not have gets draft's own "another call" message.
func (s *session) callFor(d *draft.Draft) (*schema.Call, *schema.MigrationReport, error) {
	c, err := s.lookupCall(d.Call)
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
	s.open.note = msg
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
	s.open.id, s.open.call, s.open.d = id, c, d
	s.open.name = draft.Title(c, d)
	s.saver.saveState = saveState{timer: s.saver.timer, asked: s.saver.asked, errors: -1}
	s.mu.Unlock()
	s.open.openErr, s.open.note, s.tabs.conflict, s.tabs.otherTab = "", "", nil, false
	s.open.condNames = conditionNames(c)
	s.open.visited = "," + localGet(keyVisited+id)
	s.redrawAll()
	localSet(keyCurrent, id)
}

// redrawAll forgets what the fields on screen show — their messages, the live values, the
// error summary — and makes every field render again: another draft is open, or the open
// one has other answers (a restore, history.go).
func (s *session) redrawAll() {
	s.live = newLiveValues(s.open.call)
	s.ui = map[string]*fieldUI{}
	s.summary, s.summaryFor = nil, ""
	s.ver++
}

// newDraft starts an empty draft of call c, with the least number of items each group needs,
// and saves it at once so that it is in the list even before the first answer.
func (s *session) newDraft(c *schema.Call) {
	id, d := freshDraft(c, time.Now())
	d.AppVersion = s.appVersion
	s.use(id, c, d)
	s.changed()
	s.saveNow()
}

// freshDraft is a new draft of call c, as a browser makes it: each group with the least items
// it needs.
func freshDraft(c *schema.Call, now time.Time) (string, *draft.Draft) {
	d := draft.New(c, "", now)
	for _, sec := range c.Sections {
		for _, f := range sec.Fields {
			if f.Type == schema.TypeGroup {
				seedGroup(d.Answers, f, sec.ID+"."+f.ID)
			}
		}
	}
	c.AssignItemIDs(d.Answers)
	return draft.NewID(now), d
}
