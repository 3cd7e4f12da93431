package ui

import (
	"bando/app/job"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// draftPDF is the review page's "draft PDF" button: the proposal as it stands, with BOZZA on
// every page and the open problems listed at the end (job.OpDraftPDF, made by the worker), to
// circulate among partners before everything is valid. It never finalises the draft and its
// file is named …_bozza.pdf, so it cannot be taken for the document to sign.
type draftPDF struct {
	app.Compo
	Lang schema.Lang

	running bool
	err     *job.Message
	info    *job.PDF
	url     string
}

func (p *draftPDF) OnDismount() {
	defer sess.guard.recovered()
	revokeURL(p.url)
}

func (p *draftPDF) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui)
	l := p.Lang
	var status app.UI = app.Text("")
	switch {
	case p.running:
		status = app.Span().Class("align-self-center").Text(tr(l, "draftpdf.running"))
	case p.err != nil:
		status = errorAlert("draft-pdf-error", p.err, l)
	case p.info != nil:
		status = app.A().ID("draft-pdf-download").Class("btn btn-outline-success").Href(p.url).Attr("download", p.info.FileName).
			Text(tr(l, "draftpdf.download", p.info.FileName, (p.info.Size+1023)/1024))
	}
	return app.Div().Class("d-flex flex-wrap gap-2").Aria("live", "polite").Body(
		app.Button().Type("button").ID("draft-pdf-make").Class("btn btn-outline-primary").Disabled(p.running).
			Title(tr(l, "draftpdf.help")).Text(tr(l, "draftpdf.make")).OnClick(p.make),
		status,
	)
}

func (p *draftPDF) make(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if p.running {
		return
	}
	raw, err := sess.encoded()
	if err != nil {
		p.err = &job.Message{Key: "draft.encode", Text: textOf("worker.failed", err.Error())}
		return
	}
	revokeURL(p.url)
	p.running, p.err, p.info, p.url = true, nil, nil, ""
	runJob(ctx, job.Request{Op: job.OpDraftPDF, Lang: p.Lang, Draft: raw}, nil, func(job.Progress) {},
		func(r jobResult) {
			p.running = false
			if r.Error != nil || r.PDF == nil {
				p.err = orFailure(r)
				return
			}
			p.info = r.PDF
			p.url = objectURL(blobOf(r.Data, "application/pdf"))
		})
}
