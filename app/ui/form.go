package ui

import (
	"slices"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// formPage is one step: one section of the call, with the stepper, the error summary and the
// buttons. It renders on every keystroke (go-app renders every ancestor of the component that
// handled an event), so it only lays out its direct children: no validation, no walk of the
// answers.
type formPage struct {
	app.Compo
	Lang       schema.Lang
	Section    string
	Ver        int
	CondVer    int
	SummaryVer int
}

// shownSections are the steps of the form for these answers.
func shownSections(c *schema.Call, a schema.Answers) []*schema.Section {
	out := make([]*schema.Section, 0, len(c.Sections))
	for _, s := range c.Sections {
		if c.SectionShown(a, s.ID) {
			out = append(out, s)
		}
	}
	return out
}

// current returns the steps and the index of the one to show: the section of the URL, or the
// first step when the URL names a section this draft's call does not have or hides.
func (p *formPage) current() ([]*schema.Section, int) {
	steps := shownSections(sess.open.call, sess.open.answers())
	for i, s := range steps {
		if s.ID == p.Section {
			return steps, i
		}
	}
	return steps, 0
}

func (p *formPage) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l := p.Lang
	steps, cur := p.current()
	if len(steps) == 0 {
		return app.P().Text(tr(l, "notfound"))
	}
	sec := steps[cur]
	sess.visit(sec.ID) // once per draft and step; the stepper below counts it done when right
	fields := questions(sec.Fields, sec.ID+".", l, p.Ver, p.CondVer)
	back := PathHome
	if cur > 0 {
		back = sectionPath(steps[cur-1].ID)
	}
	nextLabel := tr(l, "nav.next")
	if cur == len(steps)-1 {
		nextLabel = tr(l, "nav.review")
	}
	return app.Div().Class("form-step").Body(
		stepper(steps, cur, l, sess.openCounts()),
		app.H1().ID("page-title").TabIndex(-1).Class("mt-4").Text(sec.Title.In(l)),
		slot(!sec.Intro.IsZero(), func() app.UI { return app.P().Class("lead section-intro").Text(sec.Intro.In(l)) }),
		&errorSummary{Lang: l, Section: sec.ID, Ver: p.SummaryVer + p.Ver},
		slot(asksMoney(sec.Fields), func() app.UI { return &totalsView{Lang: l, Ver: p.Ver + p.CondVer + sess.progressVer} }),
		app.Div().Class("section-fields").Body(fields...),
		app.Div().Class("form-nav d-flex flex-wrap gap-3 mt-5 pt-4").Body(
			app.A().Class("btn btn-outline-primary").ID("back").Href(back).Text(tr(l, "nav.back")),
			app.Button().Type("button").Class("btn btn-primary").ID("next").Text(nextLabel).OnClick(p.next),
			exportButton(l),
			app.A().Class("btn btn-link ms-auto").Href(PathHome).Text(tr(l, "nav.home")),
		),
	)
}

// questions are the components of the fields under prefix that are shown now: a section's, or
// an item's. Fields a `when` hides are left out; their answers stay in the draft.
func questions(fields []*schema.Field, prefix string, l schema.Lang, ver, condVer int) []app.UI {
	a := sess.open.answers()
	out := make([]app.UI, 0, len(fields))
	for _, f := range fields {
		path := prefix + f.ID
		if !sess.open.call.Shown(a, path) {
			continue
		}
		if f.Type == schema.TypeGroup {
			out = append(out, &groupView{Path: path, Lang: l, Ver: ver, CondVer: condVer})
		} else {
			out = append(out, &fieldView{Path: path, Lang: l, Ver: ver})
		}
	}
	return out
}

// next checks the whole step. With errors, they are shown beside their fields and in the
// summary, which takes the focus (GOV.UK pattern); without, the next step opens. Warnings are
// shown the same way once, and never stop the applicant: "next" again, with nothing new to
// say, goes on.
func (p *formPage) next(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	steps, cur := p.current()
	sec := steps[cur]
	seen := sess.summaryFor == sec.ID && len(sess.summary) > 0
	before := append([]string(nil), sess.summary...)
	errs, warns := sess.showIssues(sec.ID)
	if errs > 0 || warns > 0 && !(seen && slices.Equal(before, sess.summary)) {
		sess.focusLater(ctx, "error-summary")
		return
	}
	if cur+1 < len(steps) {
		ctx.Navigate(sectionPath(steps[cur+1].ID))
		return
	}
	ctx.Navigate(PathReview)
}

// showIssues validates the whole draft and shows the issues of section sid beside their
// fields (or items) and in the summary: at each place its first error, else its first warning.
// It returns how many places show an error, and how many a warning.
func (s *session) showIssues(sid string) (errs, warns int) {
	all := s.open.call.Validate(s.open.d.Answers, s.formLang())
	for path, u := range s.ui {
		if sectionOf(path) == sid {
			u.issue = nil
		}
	}
	var paths []string
	for _, is := range all {
		if is.Path == "" || sectionOf(is.Path) != sid {
			continue
		}
		u := s.fieldUI(is.Path)
		switch {
		case u.issue == nil:
			paths = append(paths, is.Path)
		case u.issue.IsWarning() && !is.IsWarning():
		default:
			continue
		}
		is := is
		u.issue = &is
		u.showing = true
	}
	for _, p := range paths {
		if s.ui[p].issue.IsWarning() {
			warns++
		} else {
			errs++
		}
	}
	s.summary, s.summaryFor = paths, sid
	s.summaryVer++
	s.progressChanged()
	s.ver++
	return errs, warns
}
