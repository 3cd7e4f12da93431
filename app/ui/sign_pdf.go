package ui

import (
	"strconv"
	"time"

	"bando/app/draft"
	"bando/app/job"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The first step of /firma: finalise the draft and make the proposal PDF in the worker.

func (p *signPage) pdfSection(l schema.Lang) app.UI {
	fin := sess.open.d.FinalisedAt
	var intro app.UI
	label := tr(l, "sign.pdf.make")
	if fin == nil {
		intro = app.P().ID("finalise-help").Text(tr(l, "sign.finalise.help"))
		label = tr(l, "sign.pdf.finalise")
	} else if at := schema.InRome(*fin); sess.finalStale() {
		intro = app.Div().ID("finalised-stale").Class("alert alert-danger").Attr("role", "alert").
			Text(tr(l, "sign.finalised.stale", longDate(at, l), tr(l, "time.rome", at.Format("15:04"))))
		label = tr(l, "sign.pdf.refinalise")
	} else {
		intro = app.Div().Body(
			app.P().ID("finalised").Body(app.Strong().Text(tr(l, "sign.finalised", longDate(at, l), tr(l, "time.rome", at.Format("15:04"))))),
			app.Div().Class("alert alert-warning").Attr("role", "note").Text(tr(l, "sign.finalised.warn")),
		)
	}
	var status []app.UI
	switch {
	case p.pdf.running:
		total := max(p.pdf.step.Total, 1)
		status = append(status,
			app.P().ID("pdf-progress-text").Text(tr(l, "sign.pdf.progress", p.pdf.step.Done, total)),
			progressBar("pdf-progress-text", p.pdf.step.Done, total))
	case p.pdf.err != nil:
		status = append(status, errorAlert("pdf-error", p.pdf.err, l))
	case p.pdf.info != nil:
		status = append(status, app.P().Class("text-success").Text(tr(l, "sign.pdf.ready")))
	}
	return section("sign-pdf", tr(l, "sign.pdf.title"),
		intro,
		app.Div().Class("d-flex flex-wrap gap-3 align-items-center").Body(
			app.Button().Type("button").ID("pdf-make").Class("btn btn-primary").Disabled(p.pdf.running).
				Text(label).OnClick(p.makePDF),
			slot(p.pdf.info != nil && !p.pdf.running, func() app.UI {
				return app.A().ID("pdf-download").Class("btn btn-success").Href(p.pdf.url).Attr("download", p.pdf.info.FileName).
					DataSet("ms", strconv.FormatFloat(p.pdf.ms, 'f', 0, 64)).DataSet("size", strconv.Itoa(p.pdf.info.Size)).
					Text(tr(l, "sign.pdf.download", p.pdf.info.FileName, (p.pdf.info.Size+1023)/1024))
			}),
		),
		app.Div().ID("pdf-status").Class("mt-3").Aria("live", "polite").Body(status...),
	)
}

func progressBar(labelledBy string, done, total int) app.UI {
	return app.Div().Class("progress").Attr("role", "progressbar").Aria("labelledby", labelledBy).
		Aria("valuemin", "0").Aria("valuemax", strconv.Itoa(total)).Aria("valuenow", strconv.Itoa(done)).Body(
		app.Div().Class("progress-bar").Style("width", strconv.Itoa(done*100/total)+"%"),
	)
}

// makePDF finalises the draft if it is not yet, then asks the worker for the PDF.
func (p *signPage) makePDF(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if p.pdf.running {
		return
	}
	if sess.open.d.FinalisedAt == nil || sess.finalStale() {
		sess.finalise(time.Now()) // again, after a change: the PDF made before is out of date
	}
	raw, err := sess.encoded()
	if err != nil {
		p.pdf.err = &job.Message{Key: "draft.encode", Text: textOf("worker.failed", err.Error())}
		return
	}
	revokeURL(p.pdf.url)
	p.pdf = pdfState{running: true}
	runJob(ctx, job.Request{Op: job.OpPDF, Lang: p.Lang, Draft: raw}, nil,
		func(pr job.Progress) { p.pdf.step = pr },
		func(r jobResult) {
			p.pdf.running = false
			if r.Error != nil || r.PDF == nil {
				p.pdf.err = orFailure(r)
				return
			}
			p.pdf.info, p.pdf.ms = r.PDF, r.Ms
			p.pdf.url = objectURL(blobOf(r.Data, "application/pdf"))
			p.refreshPackage(ctx) // the names in the guide follow the finalised draft
		})
}

// orFailure is the error of a result that should have carried something and did not.
func orFailure(r jobResult) *job.Message {
	if r.Error != nil {
		return r.Error
	}
	return jobFailure("").Error
}

// finalise marks the open draft as final at (to the second: the PDF's date) and saves it. The
// app version that finalised it stays in the draft from now on, so the PDF made again later
// (to check the signed file) is the same to the byte even after the app updates.
func (s *session) finalise(at time.Time) {
	s.mu.Lock()
	s.open.d.Finalise(at)
	if s.appVersion != "" {
		s.open.d.AppVersion = s.appVersion
	}
	s.mu.Unlock()
	s.changed()
	s.saveNow()
}

// finalStale reports whether the open draft was changed after it was finalised (draft.Edited).
func (s *session) finalStale() bool { return s.open.d.Stale() }

// encoded is the open draft as the worker reads it.
func (s *session) encoded() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return draft.Encode(s.open.d)
}
