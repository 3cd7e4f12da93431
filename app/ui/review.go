package ui

import (
	"strconv"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// reviewPage is "check your answers": every shown answer with a link to change it, the
// problems left (the whole validation, cross-field checks included, at their fields), who must
// sign and which attachments to prepare. It renders only when opened or changed, so the full
// validation here costs nothing while typing.
type reviewPage struct {
	app.Compo
	Lang    schema.Lang
	Ver     int
	CondVer int
}

func (r *reviewPage) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l, c, a := r.Lang, sess.open.call, sess.open.answers()
	issues := c.Validate(a, l)
	at := map[string][]schema.Issue{}
	for _, is := range issues {
		at[is.Path] = append(at[is.Path], is)
	}
	var sections []app.UI
	for _, s := range shownSections(c, a) {
		rows := reviewRows(c, a, s.Fields, s.ID+".", at, l)
		sections = append(sections, app.Section().Class("review-section mb-5").Aria("labelledby", "review-"+s.ID).Body(append([]app.UI{
			app.Div().Class("d-flex align-items-baseline gap-3").Body(
				app.H2().Class("h3 flex-grow-1").ID("review-"+s.ID).Text(s.Title.In(l)),
				changeLink(sectionPath(s.ID), s.Title.In(l), l),
			)}, rows...)...,
		))
	}
	return app.Div().Class("review").Body(
		stepper(shownSections(c, a), len(shownSections(c, a)), l, stepCounts(issues)),
		app.H1().ID("page-title").TabIndex(-1).Class("mt-4").Text(tr(l, "review.title")),
		app.P().Class("lead").Text(tr(l, "review.intro")),
		reviewSummary(c, issues, l),
		totalsBox(c, a, l),
		app.Div().Body(sections...),
		slot(sess.open.d != nil && len(sess.open.d.Aside) > 0, func() app.UI { return asideBlock(c, sess.open.d.Aside, l) }),
		signersAndAttachments(c, a, l),
		app.Div().Class("form-nav d-flex flex-wrap gap-3 mt-5 pt-4").Body(
			&signEntry{Lang: l, Ready: len(issues.Errors()) == 0}, // warnings never block
			&draftPDF{Lang: l}, // a BOZZA to circulate, errors and all (draftpdf.go)
			exportButton(l),
			app.A().Class("btn btn-link ms-auto").ID("history-link").Href(PathHistory).Text(tr(l, "history.link")),
			app.A().Class("btn btn-link").Href(PathHome).Text(tr(l, "nav.home")),
		),
		&supportBox{Lang: l},
	)
}

// reviewSummary lists every problem left, each linking to its field in its step: the errors,
// then the warnings, which do not stop the applicant from going on to sign.
func reviewSummary(c *schema.Call, issues schema.Issues, l schema.Lang) app.UI {
	if len(issues.Errors()) == 0 && len(issues.Warnings()) == 0 {
		return app.Div().ID("review-ok").Class("alert alert-success").Attr("role", "status").Text(tr(l, "review.ok"))
	}
	var errs, warns []app.UI
	for _, is := range issues {
		var li app.UI
		if is.Path == "" {
			li = app.Li().Text(labelled(tr(l, "review.form"), is.Message))
		} else {
			href := sectionPath(sectionOf(is.Path)) + "#" + targetID(is.Path)
			label := pathLabel(c, is.Path, l)
			if s := c.Section(sectionOf(is.Path)); s != nil {
				label = s.Title.In(l) + " › " + label
			}
			li = app.Li().Body(app.A().Href(href).Text(labelled(label, is.Message)))
		}
		if is.IsWarning() {
			warns = append(warns, li)
		} else {
			errs = append(errs, li)
		}
	}
	return summaryBox(errs, warns, l)
}

// reviewRows lists the shown answers of fields under prefix in description lists, items of
// groups nested between them: a <dl> holds only its rows, so an item's heading and its own
// list close the list before it and open a new one after it.
func reviewRows(c *schema.Call, a schema.Answers, fields []*schema.Field, prefix string, at map[string][]schema.Issue, l schema.Lang) []app.UI {
	var blocks, rows []app.UI
	for _, r := range reviewRowsAndItems(c, a, fields, prefix, at, l) {
		if _, item := r.(reviewItem); !item {
			rows = append(rows, r)
			continue
		}
		if len(rows) > 0 {
			blocks = append(blocks, app.Dl().Class("review-list").Body(rows...))
			rows = nil
		}
		blocks = append(blocks, r.(reviewItem).UI)
	}
	if len(rows) > 0 {
		blocks = append(blocks, app.Dl().Class("review-list").Body(rows...))
	}
	return blocks
}

// reviewItem is an item of a group in the review, outside the description lists.
type reviewItem struct{ app.UI }

func reviewRowsAndItems(c *schema.Call, a schema.Answers, fields []*schema.Field, prefix string, at map[string][]schema.Issue, l schema.Lang) []app.UI {
	var rows []app.UI
	for _, f := range fields {
		path := prefix + f.ID
		if !c.Shown(a, path) {
			continue
		}
		if f.Type != schema.TypeGroup {
			rows = append(rows, reviewRow(path, f.Label.In(l), answerText(c, a, f, path, l), at[path], l))
			continue
		}
		rows = append(rows, reviewRow(path, f.Label.In(l), strconv.Itoa(len(a.Items(path))), at[path], l))
		for i := range a.Items(path) {
			item := itemPath(path, i)
			title := tr(l, "group.item", capitalize(itemName(f, l)), i+1)
			if name := itemTitle(f, a, item); name != "" {
				title += " — " + name
			}
			head := []app.UI{app.H3().Class("h5 mt-3").Text(title)}
			for _, is := range at[item] { // the checks on the whole item
				head = append(head, issueLine(is, l))
			}
			rows = append(rows, reviewItem{app.Div().Class("review-item").DataSet("path", item).Body(append(
				head, reviewRows(c, a, f.Fields, item+".", at, l)...)...,
			)})
		}
	}
	return rows
}

func reviewRow(path, label, value string, issues []schema.Issue, l schema.Lang) app.UI {
	cls := "review-row"
	if len(issues) > 0 {
		cls += " review-row-warned"
		if len(schema.Issues(issues).Errors()) > 0 {
			cls = "review-row review-row-invalid"
		}
	}
	var val app.UI = app.Text(value)
	if value == "" {
		val = app.Span().Class("text-muted").Text(tr(l, "review.noanswer"))
	}
	msgs := make([]app.UI, len(issues))
	for i, is := range issues {
		msgs[i] = issueLine(is, l)
	}
	return app.Div().Class(cls).DataSet("path", path).Body(
		app.Dt().Text(label),
		app.Dd().Class("review-value").Body(append([]app.UI{val}, msgs...)...),
		app.Dd().Class("review-change").Body(
			changeLink(sectionPath(sectionOf(path))+"#"+FieldID(path), label, l),
		),
	)
}

// changeLink is "Modifica", followed for screen readers by what it changes.
func changeLink(href, what string, l schema.Lang) app.UI {
	return app.A().Href(href).Body(
		app.Text(tr(l, "review.change")),
		app.Span().Class("visually-hidden").Text(" "+what),
	)
}

func signersAndAttachments(c *schema.Call, a schema.Answers, l schema.Lang) app.UI {
	var signers []app.UI
	for _, s := range c.RequiredSigners(a) {
		line := s.Name
		if s.CF != "" {
			line += " (" + s.CF + ")"
		}
		if s.Entity != "" {
			line += " — " + s.Entity
		}
		signers = append(signers, app.Li().Text(line))
	}
	var atts []app.UI
	for _, at := range c.RequiredAttachments(a) {
		line := at.Label.In(l)
		if at.Required {
			line += " (" + tr(l, "review.required") + ")"
		}
		atts = append(atts, app.Li().Body(app.Text(line),
			app.If(!at.Help.IsZero(), func() app.UI { return app.Div().Class("small text-muted").Text(at.Help.In(l)) })))
	}
	return app.Div().Class("row mt-4").Body(
		app.If(len(signers) > 0, func() app.UI {
			return app.Section().Class("col-md-6").Body(app.H2().Class("h4").Text(tr(l, "review.signers")), app.Ul().Body(signers...))
		}),
		app.If(len(atts) > 0, func() app.UI {
			return app.Section().Class("col-md-6").Body(app.H2().Class("h4").Text(tr(l, "review.attachments")), app.Ul().Body(atts...))
		}),
	)
}

// issueLine is one message on the review page, an error or a warning, announced as such.
func issueLine(is schema.Issue, l schema.Lang) app.UI {
	return app.Div().Class(messageClass(&is)).Body(
		app.Span().Class("visually-hidden").Text(messagePrefix(&is, l)+" "), app.Text(is.Message))
}
