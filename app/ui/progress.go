package ui

import (
	"strconv"
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// True progress: a step is done when the applicant has opened it and it has no error left, not
// when a later step is on screen. The stepper says, in words, how many errors each step still
// has. Counting needs the whole validation, which must not run at every keystroke (formPage
// renders at each one): the counts are kept and made again only on another page, on leaving a
// field, on a choice, on adding or removing items ("next" and the review validate anyway).

// stepCount is what the stepper says of one step: its errors, and the first one's path.
type stepCount struct {
	errors int
	first  string
}

// stepCounts counts the errors of each section (warnings never stop anyone); problems of the
// whole form belong to no step: they count under "", for the total only.
func stepCounts(issues schema.Issues) map[string]stepCount {
	out := map[string]stepCount{}
	for _, is := range issues {
		if is.IsWarning() {
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

// openCounts are the stepper's counts for the open draft, validated again only when they may
// have changed: a keystroke renders the step, and must not validate the whole draft.
func (s *session) openCounts() map[string]stepCount {
	if k := s.ver + s.condVer + s.progressVer; s.counts == nil || k != s.countsAt {
		s.counts, s.countsAt = stepCounts(s.open.call.Validate(s.open.d.Answers, s.formLang())), k
	}
	return s.counts
}

// progressChanged says the stepper may count differently now.
func (s *session) progressChanged() { s.progressVer++ }

// visit marks a step as opened, for this draft; remembered by the browser, so a reload keeps
// the steps done. visited is ",id,id,": a map would cost the wasm more than it saves.
func (s *session) visit(sid string) {
	if s.open.d == nil || s.scratch.mode != "" || s.stepVisited(sid) {
		return
	}
	s.open.visited += sid + ","
	localSet(keyVisited+s.open.id, s.open.visited)
	s.progressVer++
}

func (s *session) stepVisited(sid string) bool { return strings.Contains(s.open.visited, ","+sid+",") }

const keyVisited = "bando.visited."

// stepper lists the steps, the final check last; every step is a link, so an applicant missing
// one document can go on and come back. Each step says how many errors it has, with a link to
// the first from the review; a step opened and without errors is done.
func stepper(steps []*schema.Section, cur int, l schema.Lang, counts map[string]stepCount) app.UI {
	total := len(steps) + 1
	items := make([]app.UI, 0, total)
	done := 0
	for i, s := range steps {
		c := counts[s.ID]
		ok := c.errors == 0 && sess.stepVisited(s.ID)
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
		cls, mark, title = cls+" step-done", "✓", title+" ("+tr(l, "step.done")+")"
	}
	if i == cur {
		cls += " step-current"
	}
	switch {
	case c.errors == 1:
		title += " · " + tr(l, "step.problems1")
	case c.errors > 1:
		title += " · " + tr(l, "step.problems", c.errors)
	}
	if c.errors > 0 && cur > i && sess.route.page == "review" {
		href += "#" + targetID(c.first) // the review leads to each step's first problem
	}
	link := app.A().Href(href).Text(title)
	if i == cur {
		link = link.Aria("current", "step")
	}
	return app.Li().Class(cls).DataSet("step", strconv.Itoa(i+1)).Body(
		app.Span().Class("step-number").Aria("hidden", "true").Text(mark),
		link,
	)
}
