package ui

import (
	"strconv"
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// True progress: a step is done when the applicant has opened it and it has no error left, not
// when a later step is on screen. The stepper says, in words, how many errors each step still
// has, and links to the first of them. Counting needs the whole validation, which must not run
// at every keystroke (formPage renders at each one): the stepper is its own component, and
// renders again only when its Ver changes — on another page, on leaving a field, on a choice,
// on adding or removing items ("next" and the review validate anyway).

func init() {
	texts["step.problems1"] = [2]string{"1 problema", "1 problem"}
	texts["step.problems"] = [2]string{"%d problemi", "%d problems"}
	texts["step.done"] = [2]string{"completato", "done"}
	texts["step.progress"] = [2]string{"Passo %d di %d · passi completati: %d", "Step %d of %d · steps done: %d"}
}

// stepCount is what the stepper says of one step: its errors, and the first one's path.
type stepCount struct {
	errors int
	first  string
}

// stepCounts counts the errors of each section (warnings never stop anyone, and problems of
// the whole form belong to no step).
func stepCounts(issues schema.Issues) map[string]stepCount {
	out := map[string]stepCount{}
	for _, is := range issues {
		if is.IsWarning() || is.Path == "" {
			continue
		}
		sid := sectionOf(is.Path)
		c := out[sid]
		if c.errors == 0 {
			c.first = is.Path
		}
		c.errors++
		out[sid] = c
	}
	return out
}

// stepperView is the stepper of a step page, apart from the page so that a keystroke (which
// renders the page) does not validate the draft.
type stepperView struct {
	app.Compo
	Lang    schema.Lang
	Section string
	Ver     int // session.progressVer, bumped whenever the counts may have changed
}

func (v *stepperView) Render() (ui app.UI) {
	defer sess.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	steps := shownSections(sess.call, sess.answers())
	cur := 0
	for i, s := range steps {
		if s.ID == v.Section {
			cur = i
		}
	}
	return stepper(steps, cur, v.Lang, stepCounts(sess.call.Validate(sess.answers(), sess.formLang())))
}

// progressChanged says the stepper may count differently now.
func (s *session) progressChanged() { s.progressVer++ }

// visit marks a step as opened, for this draft; remembered by the browser, so a reload keeps
// the steps done.
func (s *session) visit(sid string) {
	if s.d == nil || s.mode != "" || s.visited[sid] {
		return
	}
	if s.visited == nil {
		s.visited = map[string]bool{}
	}
	s.visited[sid] = true
	ids := make([]string, 0, len(s.visited))
	for id := range s.visited {
		ids = append(ids, id)
	}
	localSet(keyVisited+s.id, strings.Join(ids, ","))
	s.progressVer++
}

// loadVisited reads which steps of draft id were opened.
func loadVisited(id string) map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Split(localGet(keyVisited+id), ",") {
		if s != "" {
			m[s] = true
		}
	}
	return m
}

const keyVisited = "bando.visited."

// stepper lists the steps, the final check last; every step is a link, so an applicant missing
// one document can go on and come back. Each step says how many errors it has, with a link to
// the first; a step opened and without errors is done.
func stepper(steps []*schema.Section, cur int, l schema.Lang, counts map[string]stepCount) app.UI {
	total := len(steps) + 1
	items := make([]app.UI, 0, total)
	done := 0
	for i, s := range steps {
		c := counts[s.ID]
		ok := c.errors == 0 && sess.visited[s.ID]
		if ok {
			done++
		}
		items = append(items, stepItem(sectionPath(s.ID), s.Title.In(l), i, cur, ok, c, l))
	}
	items = append(items, stepItem(PathReview, tr(l, "step.review"), len(steps), cur, false, stepCount{}, l))
	pct := strconv.Itoa(done * 100 / total)
	return app.Nav().Class("bando-stepper").Aria("label", tr(l, "steps.label")).Body(
		app.P().Class("step-of mb-1").ID("step-of").Text(tr(l, "step.progress", cur+1, total, done)),
		app.Div().Class("progress mb-3").Attr("role", "progressbar").Aria("labelledby", "step-of").
			Aria("valuemin", "0").Aria("valuemax", strconv.Itoa(total)).Aria("valuenow", strconv.Itoa(done)).Body(
			app.Div().Class("progress-bar").Style("width", pct+"%"),
		),
		app.Ol().Class("steps").Body(items...),
	)
}

func stepItem(href, title string, i, cur int, done bool, c stepCount, l schema.Lang) app.UI {
	cls, mark := "step", strconv.Itoa(i+1)
	if done {
		cls, mark = cls+" step-done", "✓"
	}
	if i == cur {
		cls += " step-current"
	}
	link := app.A().Href(href).Text(title)
	if i == cur {
		link = link.Aria("current", "step")
	}
	var state app.UI = placeholder()
	switch {
	case c.errors > 0:
		n := tr(l, "step.problems", c.errors)
		if c.errors == 1 {
			n = tr(l, "step.problems1")
		}
		state = app.A().Class("step-problems").Href(href+"#"+targetID(c.first)).
			Aria("label", title+": "+n).Text(n)
	case done:
		state = app.Span().Class("visually-hidden step-ok").Text(" (" + tr(l, "step.done") + ")")
	}
	return app.Li().Class(cls).DataSet("step", strconv.Itoa(i+1)).Body(
		app.Span().Class("step-number").Aria("hidden", "true").Text(mark),
		link,
		state,
	)
}
