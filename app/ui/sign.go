package ui

import (
	"bando/app/job"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// "Firma e invio" (sign and send), after the review: finalise the draft, make the proposal PDF,
// see who must sign and how, drop the signed file back and see each signature checked, then
// the PEC message — recipient and exact subject to copy, the call's attachments, the size PEC
// allows, the deadline, the .eml draft and the webmail guide. The PDF, the checks and the
// message are made by the signing worker (worker_js.go, package job), so this page holds only
// what it shows: the files the applicant picks stay JavaScript File objects, passed to the
// worker by reference and never copied into this program.

// PathSign is the signing page's path.
const PathSign = "/firma"

// jobResult is the worker's answer to one job: the result, the file made (a JavaScript
// ArrayBuffer, undefined when none) and the time from request to answer.
type jobResult struct {
	job.Result
	Data app.Value
	Ms   float64
}

// jobFailure is the answer when the worker cannot run (it did not load, or crashed).
func jobFailure(detail string) jobResult {
	return jobResult{Result: job.Result{Error: &job.Message{Key: "worker.failed", Text: textOf("worker.failed", detail)}}}
}

// textOf is an interface text in both languages.
func textOf(key string, args ...any) schema.Text {
	return schema.Text{IT: tr(schema.IT, key, args...), EN: tr(schema.EN, key, args...)}
}

// signEntry is the review page's way on: a link to the signing page once the proposal has no
// problem left. Showing it starts the signing worker, which then has loaded by the time the
// applicant asks for the PDF; an applicant who only fills in the form never loads it.
type signEntry struct {
	app.Compo
	Lang  schema.Lang
	Ready bool // no problem left
}

func (s *signEntry) OnMount(ctx app.Context) {
	defer sess.guard.recovered()
	s.start()
}

func (s *signEntry) OnUpdate(ctx app.Context) {
	defer sess.guard.recovered()
	s.start()
}

func (s *signEntry) start() {
	if s.Ready && sess.scratch.mode == "" {
		startWorker()
	}
}

func (s *signEntry) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	if sess.scratch.mode != "" {
		return app.P().ID("sign-entry").Class("text-muted mb-0 align-self-center").Text(tr(s.Lang, "scratch.entry"))
	}
	if !s.Ready {
		return app.P().ID("sign-entry").Class("text-muted mb-0 align-self-center").Text(tr(s.Lang, "sign.entry.blocked"))
	}
	return app.A().ID("sign-entry").Class("btn btn-primary").Href(PathSign).Text(tr(s.Lang, "sign.entry"))
}

// signPage is the signing page. Its state is what it shows; it starts again when the
// applicant comes back to it.
type signPage struct {
	app.Compo
	Lang schema.Lang
	Ver  int

	pdf     pdfState
	signed  signedState
	trust   trustState
	checked int // signed files checked so far (data-checked: tests wait for the next verdict)
	pec     pecState
}

type pdfState struct {
	running bool
	step    job.Progress
	info    *job.PDF
	url     string // object URL of the PDF, for the download link
	ms      float64
	err     *job.Message
}

type signedState struct {
	file     app.Value // the signed file picked or dropped (a JavaScript File)
	name     string
	checking bool
	verdict  *job.Verdict
	err      *job.Message
	dragging bool
}

// trustState is the trust anchors the applicant gave (PEM files): kept across checks, sent
// with each one.
type trustState struct {
	files    []app.Value
	names    []string
	dragging bool
}

type pecState struct {
	files  []attached
	pkg    *job.Package
	err    *job.Message
	asked  int // package requests sent; an answer to an older one is dropped
	eml    emlState
	copied string // what was just copied, for the live region
}

// emlState is the .eml draft: made by the worker, offered as a link (a download the
// applicant clicks, which no browser blocks however long the worker took).
type emlState struct {
	busy bool
	name string
	size int
	url  string
	err  *job.Message
}

// attached is a file the applicant added for one of the call's attachments.
type attached struct {
	name string
	size int
	For  string
	file app.Value
}

func (p *signPage) OnMount(ctx app.Context) {
	defer sess.guard.recovered()
	if sess.scratch.mode != "" {
		return // not available (scratch.go)
	}
	startWorker()
	p.refreshPackage(ctx)
}

func (p *signPage) OnDismount() {
	defer sess.guard.recovered()
	revokeURL(p.pdf.url)
	revokeURL(p.pec.eml.url)
}

func (p *signPage) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l, c, a := p.Lang, sess.open.call, sess.open.answers()
	if sess.scratch.mode != "" {
		// a scratch draft is never signed nor sent (scratch.go)
		return scratchUnavailable{Lang: l, Scratch: &sess.scratch, Guard: &sess.guard}.ui()
	}
	if issues := c.Validate(a, l).Errors(); len(issues) > 0 { // warnings never block
		return app.Div().Class("sign").Body(
			app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "sign.title")),
			app.Div().ID("sign-blocked").Class("alert alert-danger").Attr("role", "alert").Body(
				app.P().Text(tr(l, "sign.blocked", len(issues))),
				app.A().Href(PathReview).Text(tr(l, "sign.back")),
			),
		)
	}
	return app.Div().Class("sign").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "sign.title")),
		app.P().Class("lead").Text(tr(l, "sign.intro")),
		p.pdfSection(l),
		signersSection(c.RequiredSigners(a), l),
		p.signedSection(l),
		p.pecSection(c, a, l),
		app.Div().Class("form-nav d-flex flex-wrap gap-3 mt-5 pt-4").Body(
			app.A().Class("btn btn-outline-primary").Href(PathReview).Text(tr(l, "sign.back")),
			exportButton(l),
			app.A().Class("btn btn-link ms-auto").Href(PathHome).Text(tr(l, "nav.home")),
		),
	)
}

// section is one numbered part of the page.
func section(id, title string, body ...app.UI) app.UI {
	return app.Section().Class("sign-step mt-5").Aria("labelledby", id+"-title").Body(
		append([]app.UI{app.H2().Class("h3").ID(id + "-title").Text(title)}, body...)...,
	)
}

// messageList lists messages in lang.
func messageList(id string, ms []job.Message, l schema.Lang) app.UI {
	items := make([]app.UI, len(ms))
	for i, m := range ms {
		items[i] = app.Li().DataSet("key", m.Key).Text(m.Text.In(l))
	}
	return app.Ul().ID(id).Body(items...)
}

func errorAlert(id string, m *job.Message, l schema.Lang) app.UI {
	return app.Div().ID(id).Class("alert alert-danger").Attr("role", "alert").DataSet("key", m.Key).Text(m.Text.In(l))
}

// 2. Who signs, and how.

func signersSection(signers []schema.Signer, l schema.Lang) app.UI {
	items := make([]app.UI, len(signers))
	for i, s := range signers {
		items[i] = app.Li().DataSet("cf", s.CF).Text(signerLine(s))
	}
	intro := tr(l, "sign.who.intro", len(signers))
	if len(signers) == 1 {
		intro = tr(l, "sign.who.one")
	}
	return section("sign-who", tr(l, "sign.who.title"),
		app.P().Text(intro),
		app.Ul().ID("sign-signers").Body(items...),
		app.H3().Class("h5").Text(tr(l, "sign.how.title")),
		app.Ul().Body(
			app.Li().Text(tr(l, "sign.how.cades")),
			app.Li().Text(tr(l, "sign.how.pades")),
		),
		app.P().Class("alert alert-info").Attr("role", "note").Text(tr(l, "sign.how.intact")),
	)
}

func signerLine(s schema.Signer) string {
	line := s.Name
	if s.CF != "" {
		line += " (" + s.CF + ")"
	}
	if s.Entity != "" {
		line += " — " + s.Entity
	}
	return line
}
