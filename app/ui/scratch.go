package ui

import (
	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Scratch drafts: the helpdesk shows an applicant's bundle and the builder previews a call
// being written with the very components of the form, which read the session. While one is on
// screen the session holds it in place of the applicant's own draft, kept aside in a stash, and
// saves nothing (snapshot refuses in any mode): the drafts in this browser are never touched.

// stash is the applicant's own state while a scratch draft is on screen.
type stash struct {
	id         string
	call       *schema.Call
	d          *draft.Draft
	ui         map[string]*fieldUI
	condNames  map[string]bool
	summary    []string
	summaryFor string
	save       saveState
}

// enterScratch puts draft d of call c on screen in mode ("helpdesk" or "builder"). Unsaved
// changes of the applicant's draft are written first.
func (s *session) enterScratch(mode string, c *schema.Call, d *draft.Draft) {
	if s.mode == "" {
		s.saveNow()
		s.mu.Lock()
		s.stash = &stash{id: s.id, call: s.call, d: s.d, ui: s.ui, condNames: s.condNames,
			summary: s.summary, summaryFor: s.summaryFor, save: s.save}
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.mode = mode
	s.id, s.call, s.d = "", c, d
	s.save = saveState{timer: s.save.timer, asked: s.save.asked}
	s.mu.Unlock()
	s.condNames = conditionNames(c)
	s.ui = map[string]*fieldUI{}
	s.summary, s.summaryFor = nil, ""
	s.ver++
	s.condVer++
}

// leaveScratch puts the applicant's own draft back on screen, as it was.
func (s *session) leaveScratch() {
	if s.mode == "" {
		return
	}
	st := s.stash
	if st == nil {
		st = &stash{ui: map[string]*fieldUI{}}
	}
	s.mu.Lock()
	s.mode, s.stash, s.bundle = "", nil, nil
	s.id, s.call, s.d = st.id, st.call, st.d
	timer := s.save.timer
	s.save = st.save
	s.save.timer = timer
	s.mu.Unlock()
	s.ui, s.condNames = st.ui, st.condNames
	if s.ui == nil {
		s.ui = map[string]*fieldUI{}
	}
	s.summary, s.summaryFor = st.summary, st.summaryFor
	s.ver++
	s.condVer++
}

func init() {
	texts["scratch.nosave"] = [2]string{"Nulla viene salvato in questa modalità", "Nothing is saved in this mode"}
	texts["staff.label"] = [2]string{"Per gli enti e l'assistenza", "For authorities and the helpdesk"}
}

// scratchFollows leaves a scratch mode when the page on screen no longer belongs to it: the
// helpdesk keeps the steps and the review, the builder only its page.
func (s *session) scratchFollows(r route) {
	switch s.mode {
	case "helpdesk":
		if r.page != "helpdesk" && r.page != "section" && r.page != "review" {
			s.leaveScratch()
		}
	case "builder":
		if r.page != "builder" {
			s.leaveScratch()
		}
	}
}

// formLang is the language of the messages of the form on screen: the builder's preview
// language in the builder, else the interface's.
func (s *session) formLang() schema.Lang {
	if s.mode == "builder" && s.plang != "" {
		return s.plang
	}
	return s.lang
}

// setPreviewLang switches the builder's preview, messages already shown included.
func (s *session) setPreviewLang(l schema.Lang) {
	s.plang = l
	s.ver++
	for _, u := range s.ui {
		if u.issue != nil {
			is := *u.issue
			is.Message = issueText(s.call, is, s.formLang())
			u.issue = &is
		}
	}
}

// staffLinks lead to the pages for call authors and helpdesk operators.
func staffLinks(l schema.Lang) app.UI {
	return app.Nav().Class("staff-links mt-5 small").Aria("label", tr(l, "staff.label")).Body(
		app.Span().Class("me-2").Text(tr(l, "staff.label")+":"),
		app.A().ID("link-builder").Class("me-3").Href(PathBuilder).Text(tr(l, "builder.title")),
		app.A().ID("link-helpdesk").Href(PathHelpdesk).Text(tr(l, "helpdesk.title")),
	)
}
