package ui

import (
	"errors"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Scratch drafts: the helpdesk shows an applicant's bundle and the builder previews a call
// being written with the very components of the form, which read the session. While one is on
// screen the session holds it in place of the applicant's own draft, kept aside in a stash, and
// saves nothing (snapshot refuses in any mode): the drafts in this browser are never touched.
//
// Nothing of a scratch draft leaves the page either: signing (/firma), the export of the draft
// and "send to the helpdesk" belong to the applicant's own drafts. In helpdesk mode /firma
// stays in the mode and says so (scratchUnavailable) instead of quietly showing the signing
// page of the applicant's own draft, where "finalise" would change it; the export button and
// the support box give way to the same kind of message, and session.export refuses.

// scratchMode is what the session holds while a draft that is not the applicant's is on
// screen: which mode, the applicant's own state set aside, and what the mode keeps besides its
// draft. It is its own part so that "is this the applicant's draft?" is asked of one value
// (mode == "").
type scratchMode struct {
	// mode is "" for the applicant's own drafts, or "helpdesk" / "builder" / "partner" while a
	// draft that is not theirs is on screen: nothing is saved as a draft then, and stash keeps
	// theirs.
	mode   string
	stash  *stash
	bundle *draft.Bundle // the support bundle open in helpdesk mode
	// kept is what a scratch mode keeps besides its draft: partner mode's *openSheet
	// (partnerform.go). Typed any so that the applicant's program, which never enters the
	// mode, does not carry its types.
	kept  any
	plang schema.Lang // the builder's preview language; "" is lang
	// bundleKept: the bundle is kept for a reload of the tab (helpdesk.go, keepBundle)
	bundleKept bool
	// leave puts the applicant's own draft back on screen (session.leaveScratch)
	leave func()
}

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
	if s.scratch.mode == "" {
		s.saveNow()
		s.mu.Lock()
		s.scratch.stash = &stash{id: s.open.id, call: s.open.call, d: s.open.d, ui: s.ui,
			condNames: s.open.condNames, summary: s.summary, summaryFor: s.summaryFor,
			save: s.saver.saveState}
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.scratch.mode = mode
	s.open.id, s.open.call, s.open.d = "", c, d
	s.saver.saveState = saveState{timer: s.saver.timer, asked: s.saver.asked}
	s.mu.Unlock()
	s.open.condNames = conditionNames(c)
	s.live = newLiveValues(c)
	s.ui = map[string]*fieldUI{}
	s.summary, s.summaryFor = nil, ""
	s.open.visited = "" // a scratch draft's steps are never marked done
	s.ver++
	s.condVer++
}

// leaveScratch puts the applicant's own draft back on screen, as it was.
func (s *session) leaveScratch() {
	if s.scratch.mode == "" {
		return
	}
	st := s.scratch.stash
	if st == nil {
		st = &stash{ui: map[string]*fieldUI{}}
	}
	if s.scratch.mode == "helpdesk" {
		forgetBundle() // left on purpose: a reload must not bring the bundle back
	}
	s.saveNow() // the scratch mode's own: partner mode's sheet
	s.mu.Lock()
	s.scratch.mode, s.scratch.stash, s.scratch.bundle, s.scratch.kept = "", nil, nil, nil
	s.open.id, s.open.call, s.open.d = st.id, st.call, st.d
	timer := s.saver.timer
	s.saver.saveState = st.save
	s.saver.timer = timer
	s.mu.Unlock()
	s.ui, s.open.condNames = st.ui, st.condNames
	s.open.visited = "," + localGet(keyVisited+s.open.id)
	s.live = newLiveValues(s.open.call)
	if s.ui == nil {
		s.ui = map[string]*fieldUI{}
	}
	s.summary, s.summaryFor = st.summary, st.summaryFor
	s.ver++
	s.condVer++
}

func init() {
	texts["scratch.nosave"] = [2]string{"Nessuna bozza viene salvata in questa modalità", "No draft is saved in this mode"} // partner mode saves its sheet, and says so
	texts["staff.label"] = [2]string{"Per gli enti e l'assistenza", "For authorities and the helpdesk"}
	texts["scratch.sign"] = [2]string{
		"La firma e l'invio non sono disponibili in modalità assistenza: la domanda sullo schermo è quella del pacchetto di assistenza, non una bozza di questo computer. Per firmare una domanda di questo computer chiudi prima la modalità assistenza.",
		"Signing and sending are not available in helpdesk mode: the application on screen is the support bundle's, not a draft on this computer. To sign an application on this computer, close helpdesk mode first.",
	}
	texts["scratch.entry"] = [2]string{"Firma e invio non disponibili in modalità assistenza.", "Signing and sending are not available in helpdesk mode."}
	texts["scratch.export"] = [2]string{
		"Esportazione non disponibile: questa domanda non è una bozza di questo computer.",
		"Export is not available: this application is not a draft on this computer.",
	}
	texts["scratch.support"] = [2]string{
		"Il pacchetto per l'assistenza si crea dalla propria bozza, non dalla domanda di un pacchetto di assistenza né da un'anteprima.",
		"A support bundle is made from one's own draft, not from a support bundle's application nor from a preview.",
	}
}

// saveSheet saves the sheet of partner mode (partnerform.go) when saveNow runs in a scratch
// mode; nil in the applicant's program, which never enters the mode: RoutesWithBuilder sets
// it, so that neither the mode nor package partner weighs on the applicant's download.
var saveSheet func(s *session)

// errScratch is export's answer while a scratch draft is on screen.
var errScratch = errors.New("a scratch draft (helpdesk or builder preview) is not exported")

// scratchFollows leaves a scratch mode when the page on screen no longer belongs to it: the
// helpdesk keeps the steps, the review and /firma (which says it is not available, rather than
// leaving the mode and showing the applicant's own signing page), the builder only its page.
func (s *session) scratchFollows(r route) {
	switch s.scratch.mode {
	case "helpdesk":
		if r.page != "helpdesk" && r.page != "section" && r.page != "review" && r.page != "sign" {
			s.leaveScratch()
		}
	case "builder", "partner":
		if r.page != s.scratch.mode {
			s.leaveScratch()
		}
	}
}

// formLang is the language of the messages of the form on screen: the builder's preview
// language in the builder, else the interface's.
func (s *session) formLang() schema.Lang {
	if s.scratch.mode == "builder" && s.scratch.plang != "" {
		return s.scratch.plang
	}
	return s.lang
}

// setPreviewLang switches the builder's preview, messages already shown included.
func (s *session) setPreviewLang(l schema.Lang) {
	s.scratch.plang = l
	s.ver++
	for _, u := range s.ui {
		if u.issue != nil {
			is := *u.issue
			is.Message = issueText(s.open.call, is, s.formLang())
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

// scratchUnavailable is the page shown instead of signing while a scratch draft is on screen.
// It needs the scratch mode alone: in helpdesk mode it offers to leave it (a view: see sess).
type scratchUnavailable struct {
	Lang    schema.Lang
	Scratch *scratchMode
	Guard   *crashGuard
}

func (p scratchUnavailable) ui() app.UI {
	l := p.Lang
	return app.Div().Class("sign").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "sign.title")),
		app.Div().ID("sign-unavailable").Class("alert alert-warning").Attr("role", "alert").Body(
			app.P().Text(tr(l, "scratch.sign")),
		),
		app.Div().Class("form-nav d-flex flex-wrap gap-3 mt-4").Body(
			app.A().Class("btn btn-outline-primary").ID("sign-unavailable-back").Href(PathReview).Text(tr(l, "sign.back")),
			slot(p.Scratch.mode == "helpdesk", func() app.UI {
				return leaveHelpdeskButton(l, "sign-unavailable-leave", p.Scratch, p.Guard)
			}),
		),
	)
}
