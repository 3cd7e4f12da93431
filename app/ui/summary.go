package ui

import (
	"strconv"
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// errorSummary lists the problems "next" found in a step, each a link to its field (the GOV.UK
// error summary): the errors first, then the warnings under their own heading — a warning
// never stops the applicant. A problem fixed since disappears from the list at once; the list
// is rebuilt at the next "next".
type errorSummary struct {
	app.Compo
	Lang    schema.Lang
	Section string
	Ver     int
}

func (es *errorSummary) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	if sess.summaryFor != es.Section || len(sess.summary) == 0 {
		return app.Div().ID("error-summary-slot")
	}
	l := es.Lang
	var errs, warns []app.UI
	for _, path := range sess.summary {
		u := sess.ui[path]
		if u == nil || u.issue == nil {
			continue
		}
		li := app.Li().Body(summaryLink(path, "#"+targetID(path), labelled(pathLabel(sess.open.call, path, l), u.issue.Message)))
		if u.issue.IsWarning() {
			warns = append(warns, li)
		} else {
			errs = append(errs, li)
		}
	}
	if len(errs)+len(warns) == 0 {
		return app.Div().ID("error-summary-slot")
	}
	steps := shownSections(sess.open.call, sess.open.answers())
	next := PathReview
	for i, s := range steps {
		if s.ID == es.Section && i+1 < len(steps) {
			next = sectionPath(steps[i+1].ID)
		}
	}
	skip := tr(l, "summary.skip")
	if len(errs) == 0 {
		skip = tr(l, "summary.warn.skip")
	}
	return summaryBox(errs, warns, l, app.A().Class("summary-skip").Href(next).Text(skip))
}

// summaryBox is the box of a list of problems, the step's or the review's: a heading that
// counts the errors (or, with none, the warnings), their list, and the warnings' own list.
func summaryBox(errs, warns []app.UI, l schema.Lang, after ...app.UI) app.UI {
	cls := "error-summary p-4 mb-4"
	var title string
	switch {
	case len(errs) == 1:
		title = tr(l, "summary.one")
	case len(errs) > 1:
		title = tr(l, "summary.many", len(errs))
	case len(warns) == 1:
		title, cls = tr(l, "summary.warn.one"), cls+" warning-summary"
	default:
		title, cls = tr(l, "summary.warn.many", len(warns)), cls+" warning-summary"
	}
	body := []app.UI{app.H2().Class("h4").ID("error-summary-title").Text(title)}
	if len(errs) > 0 {
		body = append(body, app.Ul().Class("error-summary-list").Body(errs...))
	}
	if len(warns) > 0 {
		if len(errs) > 0 {
			body = append(body, app.H3().Class("h5 mt-3").ID("warning-summary-title").Text(tr(l, "summary.warn.title")))
		}
		body = append(body,
			app.P().Class("warning-summary-note mb-2").Text(tr(l, "summary.warn.note")),
			app.Ul().Class("warning-summary-list").ID("warning-summary-list").Body(warns...))
	}
	return app.Div().ID("error-summary").Class(cls).TabIndex(-1).
		Aria("labelledby", "error-summary-title").Body(append(body, after...)...)
}

// labelled puts a field's label before its message: "CAP: Questo campo è obbligatorio.", and
// for a label that is a question, "È il capofila dell'ATS? Scegli una risposta." (not "?:").
func labelled(label, msg string) string {
	if strings.HasSuffix(label, "?") || strings.HasSuffix(label, ":") {
		return label + " " + msg
	}
	return label + ": " + msg
}

// summaryLink goes to a field: on the same page it moves the focus to the input itself, not
// only the view (a plain #fragment link would leave the focus behind).
func summaryLink(path, href, text string) app.UI {
	return app.A().Href(href).DataSet("target", targetID(path)).Text(text).OnClick(func(ctx app.Context, e app.Event) {
		defer sess.guard.recovered()
		id := e.Get("currentTarget").Get("dataset").Get("target").String()
		if focusID(id) {
			e.PreventDefault()
		}
	})
}

// pathLabel names an answer path for people: "Membro 2 › Codice fiscale". The section is left
// out: the summary sits in its step, and the review page groups by section.
func pathLabel(c *schema.Call, path string, l schema.Lang) string {
	elems, err := schema.ParsePath(path)
	if err != nil || len(elems) < 2 {
		return path
	}
	sec := c.Section(elems[0].Name)
	if sec == nil {
		return path
	}
	fields := sec.Fields
	var parts []string
	for _, e := range elems[1:] {
		var f *schema.Field
		for _, x := range fields {
			if x.ID == e.Name {
				f = x
			}
		}
		if f == nil {
			return path
		}
		if e.Index >= 0 {
			parts = append(parts, capitalize(itemName(f, l))+" "+strconv.Itoa(e.Index+1))
		} else {
			parts = append(parts, f.Label.In(l))
		}
		fields = f.Fields
	}
	return strings.Join(parts, " › ")
}
