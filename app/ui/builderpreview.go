package ui

import (
	"strconv"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func init() {
	texts["builder.empty"] = [2]string{"Scrivi o carica uno schema per vedere l'anteprima.", "Write or load a schema to see the preview."}
	texts["builder.preview"] = [2]string{"Anteprima del modulo", "Form preview"}
	texts["builder.stale"] = [2]string{"L'anteprima mostra l'ultima versione valida dello schema.", "The preview shows the last valid version of the schema."}
	texts["builder.plang"] = [2]string{"Lingua dell'anteprima", "Preview language"}
	texts["builder.check"] = [2]string{"Controlla le risposte dell'anteprima", "Check the preview answers"}
	texts["builder.checkok"] = [2]string{"Le risposte dell'anteprima sono complete.", "The preview answers are complete."}
	texts["builder.checkmany"] = [2]string{"%d problemi nelle risposte dell'anteprima.", "%d problems in the preview answers."}
}

// Preview is the call editor's live preview: the form as applicants get it, every step of the
// call on one page, with the same field and group components, on the scratch draft that
// PreviewCall put in the session. It belongs to the editor's program; it lives here because it
// is made of this package's components.
type Preview struct {
	app.Compo
	Lang  schema.Lang  // the interface language
	Ver   int          // the session's render version: the preview follows the session
	Call  *schema.Call // the call last given to PreviewCall; nil before the first valid one
	Stale bool         // the source has problems now: the preview is of the last valid version
	// Vers are the versions of the fields that edits changed, by answer path (see PreviewCall):
	// a field renders again when its version does.
	Vers map[string]int

	checkMsg string
	checked  *schema.Call // the call checkMsg is about
}

func (p *Preview) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui)
	l := p.Lang
	pl := sess.formLang()
	if sess.scratch.mode != "builder" {
		pl = l
	}
	langBtn := func(to schema.Lang, label string) app.UI {
		cls := "btn btn-sm btn-outline-secondary"
		if pl == to {
			cls = "btn btn-sm btn-secondary"
		}
		return app.Button().Type("button").ID("preview-"+string(to)).Class(cls).Attr("lang", string(to)).
			Aria("pressed", strconv.FormatBool(pl == to)).Text(label).
			OnClick(func(ctx app.Context, e app.Event) {
				defer sess.guard.recovered()
				sess.setPreviewLang(to)
			})
	}
	head := app.Div().Class("d-flex flex-wrap align-items-center gap-2 mb-3").Body(
		app.H2().Class("h3 flex-grow-1 mb-0").ID("builder-preview-title").Text(tr(l, "builder.preview")),
		app.Div().Class("btn-group").Attr("role", "group").Aria("label", tr(l, "builder.plang")).Body(
			langBtn(schema.IT, "Italiano"), langBtn(schema.EN, "English"),
		),
	)
	if p.Call == nil || sess.scratch.mode != "builder" || sess.open.call != p.Call {
		return app.Section().ID("builder-preview").Aria("labelledby", "builder-preview-title").Body(
			head, app.P().Class("text-muted").Text(tr(l, "builder.empty")))
	}
	c, a := sess.open.call, sess.open.answers()
	var secs []app.UI
	for _, s := range shownSections(c, a) {
		secs = append(secs, app.Section().Class("preview-section mb-4").Aria("labelledby", "preview-"+s.ID).Body(
			app.H3().Class("h4").ID("preview-"+s.ID).Text(s.Title.In(pl)),
			slot(!s.Intro.IsZero(), func() app.UI { return app.P().Class("section-intro").Text(s.Intro.In(pl)) }),
			app.Div().Class("section-fields").Body(p.questions(s, pl)...),
		))
	}
	return app.Section().ID("builder-preview").Attr("lang", string(pl)).Aria("labelledby", "builder-preview-title").Body(
		head,
		slot(p.Stale, func() app.UI {
			return app.P().ID("builder-stale").Class("alert alert-warning").Text(tr(l, "builder.stale"))
		}),
		app.P().Class("h4 preview-call-title").Text(c.Title.In(pl)),
		app.Div().Body(secs...),
		app.Button().Type("button").ID("builder-check").Class("btn btn-outline-primary").Text(tr(l, "builder.check")).OnClick(p.checkPreview),
		slot(p.checkMsg != "" && p.checked == p.Call, func() app.UI {
			return app.P().ID("builder-check-message").Attr("role", "status").Class("mt-2").Text(p.checkMsg)
		}),
	)
}

// checkPreview shows every problem of the preview answers at its field, as "next" does.
func (p *Preview) checkPreview(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if sess.scratch.mode != "builder" || sess.open.d == nil {
		return
	}
	n := 0
	for _, s := range sess.open.call.Sections {
		errs, warns := sess.showIssues(s.ID)
		n += errs + warns
	}
	p.checked = p.Call
	if n == 0 {
		p.checkMsg = tr(p.Lang, "builder.checkok")
	} else {
		p.checkMsg = tr(p.Lang, "builder.checkmany", n)
	}
}

// questions are the questions of section s, each at its own version: the session's plus its
// version in p.Vers, so that an edit renders again only the fields it changed (both only grow).
func (p *Preview) questions(s *schema.Section, l schema.Lang) []app.UI {
	qs := questions(s.Fields, s.ID+".", l, sess.ver, sess.condVer)
	for _, q := range qs {
		switch q := q.(type) {
		case *fieldView:
			q.Ver += p.Vers[q.Path]
		case *groupView:
			q.Ver += p.Vers[q.Path]
		}
	}
	return qs
}
