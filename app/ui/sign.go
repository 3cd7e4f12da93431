package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"bando/app/draft"
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
	defer sess.recovered()
	s.start()
}

func (s *signEntry) OnUpdate(ctx app.Context) {
	defer sess.recovered()
	s.start()
}

func (s *signEntry) start() {
	if s.Ready && sess.mode == "" {
		startWorker()
	}
}

func (s *signEntry) Render() (ui app.UI) {
	defer sess.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	if sess.mode != "" {
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
	defer sess.recovered()
	if sess.mode != "" {
		return // not available (scratch.go)
	}
	startWorker()
	p.refreshPackage(ctx)
}

func (p *signPage) OnDismount() {
	defer sess.recovered()
	revokeURL(p.pdf.url)
	revokeURL(p.pec.eml.url)
}

func (p *signPage) Render() (ui app.UI) {
	defer sess.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l, c, a := p.Lang, sess.call, sess.answers()
	if sess.mode != "" {
		return scratchUnavailable(l) // a scratch draft is never signed nor sent (scratch.go)
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

// 1. Finalise and make the PDF.

func (p *signPage) pdfSection(l schema.Lang) app.UI {
	fin := sess.d.FinalisedAt
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
	defer sess.recovered()
	if p.pdf.running {
		return
	}
	if sess.d.FinalisedAt == nil || sess.finalStale() {
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
	s.d.Finalise(at)
	if s.appVersion != "" {
		s.d.AppVersion = s.appVersion
	}
	s.mu.Unlock()
	s.changed()
	s.saveNow()
}

// finalStale reports whether the open draft was changed after it was finalised (draft.Edited).
func (s *session) finalStale() bool { return s.d.Stale() }

// markSigned records in the open draft that the signed file with that hash, named name, was
// verified against it (draft.Signed): the list of drafts then says "signed and verified"
// until an answer changes. fin is when the draft the worker checked was finalised: finalised
// again since, or changed (draft.MarkSigned refuses), it is another version, and nothing is
// recorded.
func (s *session) markSigned(sha256, name string, fin *time.Time) {
	if s.d == nil || s.mode != "" || fin == nil || s.d.FinalisedAt == nil || !s.d.FinalisedAt.Equal(*fin) {
		return
	}
	s.mu.Lock()
	ok := s.d.MarkSigned(sha256, name, time.Now().UTC().Truncate(time.Second))
	s.mu.Unlock()
	if ok {
		s.changed()
		s.saveNow()
	}
}

// encoded is the open draft as the worker reads it.
func (s *session) encoded() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return draft.Encode(s.d)
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

// 3. The signed file.

func (p *signPage) signedSection(l schema.Lang) app.UI {
	if sess.d.FinalisedAt == nil {
		return section("sign-check", tr(l, "sign.check.title"), app.P().ID("signed-wait").Text(tr(l, "sign.check.first")))
	}
	zone := "import-zone p-4"
	if p.signed.dragging {
		zone += " import-zone-active"
	}
	var result []app.UI
	switch {
	case p.signed.checking:
		result = append(result, app.P().Text(tr(l, "sign.check.running", p.signed.name)))
	case p.signed.err != nil:
		result = append(result, errorAlert("verify-error", p.signed.err, l))
	case p.signed.verdict != nil:
		result = append(result, verdictView(p.signed.name, p.signed.verdict, l))
	}
	return section("sign-check", tr(l, "sign.check.title"),
		app.Div().Class(zone).ID("signed-zone").
			OnDragOver(p.dragOver).OnDragLeave(p.dragLeave).OnDrop(p.drop).Body(
			app.P().ID("signed-help").Text(tr(l, "sign.check.help")),
			app.Label().Class("btn btn-outline-primary").For("signed-file").Text(tr(l, "sign.check.choose")),
			app.Input().Type("file").ID("signed-file").Class("visually-hidden").
				Accept(".p7m,.pdf,.p7s,application/pkcs7-mime,application/pdf").Aria("describedby", "signed-help").OnChange(p.picked),
		),
		p.trustZone(l),
		app.Div().ID("verify-status").Class("mt-3").Aria("live", "polite").DataSet("checked", strconv.Itoa(p.checked)).Body(result...),
	)
}

// trustZone takes trust anchors: offline the EU trusted list cannot be read, so the
// applicant (or an office) can give the qualified CAs' certificates to check chains against.
func (p *signPage) trustZone(l schema.Lang) app.UI {
	zone := "import-zone p-3 mt-3"
	if p.trust.dragging {
		zone += " import-zone-active"
	}
	return app.Div().Class(zone).ID("trust-zone").
		OnDragOver(func(ctx app.Context, e app.Event) {
			defer sess.recovered()
			e.PreventDefault()
			p.trust.dragging = true
		}).
		OnDragLeave(func(ctx app.Context, e app.Event) {
			defer sess.recovered()
			p.trust.dragging = false
		}).
		OnDrop(func(ctx app.Context, e app.Event) {
			defer sess.recovered()
			e.PreventDefault()
			p.trust.dragging = false
			p.setTrust(ctx, e.Get("dataTransfer").Get("files"))
		}).Body(
		app.H3().Class("h6").Text(tr(l, "sign.trust.title")),
		app.P().Class("small").ID("trust-help").Text(tr(l, "sign.trust.help")),
		app.Label().Class("btn btn-sm btn-outline-secondary").For("trust-file").Text(tr(l, "sign.trust.choose")),
		app.Input().Type("file").ID("trust-file").Class("visually-hidden").Multiple(true).
			Accept(".pem,.crt,.cer,application/x-pem-file,application/x-x509-ca-cert").Aria("describedby", "trust-help").
			OnChange(func(ctx app.Context, e app.Event) {
				defer sess.recovered()
				input := e.Get("target")
				p.setTrust(ctx, input.Get("files"))
				input.Set("value", "")
			}),
		// always rendered (hidden when empty): the job started by its button answers through
		// the button's context, which must still be mounted then
		app.Div().Class("mt-2").Hidden(len(p.trust.names) == 0).Body(
			app.Span().ID("trust-given").Class("small me-2").Text(tr(l, "sign.trust.given", strings.Join(p.trust.names, ", "))),
			app.Button().Type("button").ID("trust-clear").Class("btn btn-sm btn-link").Text(tr(l, "sign.trust.clear")).
				OnClick(func(ctx app.Context, e app.Event) {
					defer sess.recovered()
					p.setTrust(ctx, nil)
				}),
		),
	)
}

// setTrust replaces the trust anchors (nil: none) and checks the signed file again.
func (p *signPage) setTrust(ctx app.Context, files app.Value) {
	p.trust.files, p.trust.names = nil, nil
	if files != nil {
		for i := range files.Length() {
			f := files.Index(i)
			p.trust.files = append(p.trust.files, f)
			p.trust.names = append(p.trust.names, f.Get("name").String())
		}
	}
	if p.signed.file != nil && !p.signed.checking {
		p.check(ctx, p.signed.file)
	}
}

func (p *signPage) dragOver(ctx app.Context, e app.Event) {
	defer sess.recovered()
	e.PreventDefault()
	if p.signed.dragging {
		ctx.PreventUpdate()
	}
	p.signed.dragging = true
}

func (p *signPage) dragLeave(ctx app.Context, e app.Event) {
	defer sess.recovered()
	p.signed.dragging = false
}

func (p *signPage) drop(ctx app.Context, e app.Event) {
	defer sess.recovered()
	e.PreventDefault()
	p.signed.dragging = false
	if file, n := droppedFiles(e); n > 0 {
		p.check(ctx, file)
	}
}

func (p *signPage) picked(ctx app.Context, e app.Event) {
	defer sess.recovered()
	if file, ok := pickedFile(e); ok {
		p.check(ctx, file)
	}
}

// check asks the worker whether file is the proposal signed by everyone who must sign.
func (p *signPage) check(ctx app.Context, file app.Value) {
	raw, err := sess.encoded()
	if err != nil {
		return
	}
	name := file.Get("name").String()
	fin := sess.d.FinalisedAt
	p.signed = signedState{file: file, name: name, checking: true}
	req := job.Request{Op: job.OpVerify, Lang: p.Lang, Draft: raw, Signed: &job.File{Name: name}}
	blobs := []app.Value{file}
	for i, f := range p.trust.files {
		req.Trust = append(req.Trust, job.File{Name: p.trust.names[i], Blob: len(blobs)})
		blobs = append(blobs, f)
	}
	runJob(ctx, req, blobs, nil,
		func(r jobResult) {
			p.signed.checking = false
			p.checked++
			if r.Error != nil || r.Verdict == nil {
				p.signed.err = orFailure(r)
			} else {
				p.signed.verdict = r.Verdict
				if r.Verdict.OK {
					sess.markSigned(r.Verdict.SHA256, name, fin)
				}
			}
			p.refreshPackage(ctx) // the size counts the signed file once it is checked
		})
}

func verdictView(name string, v *job.Verdict, l schema.Lang) app.UI {
	var head app.UI
	if v.OK {
		head = app.Div().ID("verify-ok").Class("alert alert-success").Attr("role", "status").Text(tr(l, "sign.verdict.ok", name))
	} else {
		var reasons []job.Message
		for _, m := range v.Problems {
			if m.Key != "sig.missing" { // listed below, by person
				reasons = append(reasons, m)
			}
		}
		why := tr(l, "sign.verdict.bad", name)
		if len(reasons) == 0 {
			why = tr(l, "sign.verdict.missing", name)
		}
		head = app.Div().ID("verify-bad").Class("alert alert-danger").Attr("role", "alert").Body(
			app.P().Class("mb-1").Text(why),
			slot(len(reasons) > 0, func() app.UI { return messageList("verify-problems", reasons, l) }),
		)
	}
	rows := make([]app.UI, len(v.Signers))
	for i, s := range v.Signers {
		state := app.Span().Class("badge bg-success signer-valid").Text(tr(l, "sign.signer.valid"))
		if !s.Valid {
			state = app.Span().Class("badge bg-danger signer-invalid").Text(tr(l, "sign.signer.invalid"))
		}
		var notes []app.UI
		if s.Problem != nil {
			notes = append(notes, app.Div().Class("small").Text(s.Problem.Text.In(l)))
		}
		if !s.Required {
			notes = append(notes, app.Div().Class("small text-muted").Text(tr(l, "sign.signer.extra")))
		}
		if s.Counter {
			notes = append(notes, app.Div().Class("small text-muted").Text(tr(l, "sign.signer.counter")))
		}
		if s.Timestamp != nil {
			notes = append(notes, app.Div().Class("small text-muted signer-ts").Text(tr(l, "sign.signer.ts", schema.InRome(*s.Timestamp).Format("02/01/2006 15:04"))))
		}
		if s.Chain == "trusted" {
			notes = append(notes, app.Div().Class("small text-muted signer-trusted").Text(tr(l, "sign.signer.trusted")))
		}
		for _, w := range s.Warnings {
			notes = append(notes, app.Div().Class("small text-warning-emphasis").Text(w.Text.In(l)))
		}
		rows[i] = app.Li().Class("list-group-item signer").DataSet("cf", s.CF).Body(append([]app.UI{
			app.Div().Class("d-flex flex-wrap gap-2 align-items-baseline").Body(
				app.Strong().Text(s.Name),
				app.Span().Text(tr(l, "sign.signer.cf")+": "+orDash(s.CF)),
				state,
			)}, notes...)...,
		)
	}
	missing := make([]app.UI, len(v.Missing))
	for i, s := range v.Missing {
		missing[i] = app.Li().DataSet("cf", s.CF).Text(signerLine(s))
	}
	notes := make([]app.UI, len(v.Notes))
	for i, n := range v.Notes {
		notes[i] = app.P().Class("small text-muted verify-note").Text(n.In(l))
	}
	return app.Div().ID("verify-result").DataSet("ok", strconv.FormatBool(v.OK)).Body(
		head,
		app.H3().Class("h5 mt-3").ID("signers-title").Text(tr(l, "sign.signers.caption")),
		app.Ul().Class("list-group mb-3").Aria("labelledby", "signers-title").Body(rows...),
		slot(len(missing) > 0, func() app.UI {
			return app.Div().ID("verify-missing").Class("alert alert-warning").Body(
				app.P().Class("mb-1").Text(tr(l, "sign.missing")),
				app.Ul().Body(missing...),
			)
		}),
		app.Div().Body(notes...),
	)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// 4. The PEC message.

func (p *signPage) pecSection(c *schema.Call, a schema.Answers, l schema.Lang) app.UI {
	pkg := p.pec.pkg
	var deadline app.UI = placeholder()
	if pkg != nil {
		switch {
		case pkg.Passed:
			deadline = app.Div().ID("pec-deadline").Class("alert alert-warning").Attr("role", "alert").DataSet("passed", "true").Body(
				app.Strong().Text(pkg.Deadline.In(l)), app.Text(" "), app.Span().Text(tr(l, "sign.deadline.passed")))
		case pkg.Urgent:
			deadline = app.Div().ID("pec-deadline").Class("alert alert-warning").Attr("role", "alert").Text(pkg.Deadline.In(l))
		default:
			deadline = app.P().ID("pec-deadline").Text(pkg.Deadline.In(l))
		}
	}
	eml := p.pec.eml
	canSend := p.signed.verdict != nil && p.signed.verdict.OK && pkg != nil && pkg.SizeLevel != "refuse" && !eml.busy
	why := ""
	switch {
	case p.signed.verdict == nil || !p.signed.verdict.OK:
		why = tr(l, "sign.eml.needsigned")
	case pkg != nil && pkg.SizeLevel == "refuse":
		why = tr(l, "sign.eml.toolarge")
	}
	return section("sign-pec", tr(l, "sign.pec.title"),
		deadline,
		app.Dl().Class("pec-fields").Body(
			copyRow("to", tr(l, "sign.pec.to"), c.Submission.To, l, p.copy),
			copyRow("subject", tr(l, "sign.pec.subject"), c.Submission.Subject, l, p.copy),
		),
		app.P().ID("copy-status").Class("small").Aria("live", "polite").Text(p.copiedText(l)),
		p.checklist(c, a, l),
		p.sizeView(l),
		slot(p.pec.err != nil, func() app.UI { return errorAlert("pec-error", p.pec.err, l) }),
		app.Div().Class("d-flex flex-wrap gap-3 align-items-center mt-4").Body(
			app.Button().Type("button").ID("eml-make").Class("btn btn-primary").Disabled(!canSend).
				Aria("describedby", "eml-why").Text(tr(l, "sign.eml.make")).OnClick(p.makeEML),
			slot(eml.url != "" && !eml.busy, func() app.UI {
				return app.A().ID("eml-download").Class("btn btn-success").Href(eml.url).Attr("download", eml.name).
					Text(tr(l, "sign.eml.download", eml.name, (eml.size+1023)/1024))
			}),
			app.Span().ID("eml-why").Class("small text-muted").Text(why),
		),
		app.Div().ID("eml-status").Aria("live", "polite").Body(
			slot(eml.busy, func() app.UI { return app.P().Text(tr(l, "sign.eml.running")) }),
			slot(eml.url != "" && !eml.busy, func() app.UI { return app.P().Text(tr(l, "sign.eml.ready")) }),
			slot(eml.err != nil, func() app.UI { return errorAlert("eml-error", eml.err, l) }),
		),
		slot(pkg != nil, func() app.UI {
			return app.Section().ID("pec-guide").Class("mt-4").Aria("labelledby", "pec-guide-title").Body(
				app.H3().Class("h5").ID("pec-guide-title").Text(tr(l, "sign.guide")),
				app.P().Class("pec-guide-text").Style("white-space", "pre-wrap").Text(pkg.Guide.In(l)),
			)
		}),
	)
}

// copyRow is a value to copy exactly (the recipient, the subject) with its copy button.
func copyRow(id, label, value string, l schema.Lang, onCopy app.EventHandler) app.UI {
	return app.Div().Class("pec-field mb-3").Body(
		app.Dt().ID("pec-"+id+"-label").Text(label),
		app.Dd().Class("d-flex flex-wrap gap-2 align-items-start").Body(
			app.Span().ID("pec-"+id).Class("pec-value font-monospace flex-grow-1").Text(value),
			app.Button().Type("button").ID("copy-"+id).Class("btn btn-sm btn-outline-primary").DataSet("what", id).
				Aria("label", tr(l, "sign.copy")+": "+label).Text(tr(l, "sign.copy")).OnClick(onCopy),
		),
	)
}

func (p *signPage) copy(ctx app.Context, e app.Event) {
	defer sess.recovered()
	what := e.Get("currentTarget").Get("dataset").Get("what").String()
	text := sess.call.Submission.To
	if what == "subject" {
		text = sess.call.Submission.Subject
	}
	p.pec.copied = ""
	copyText(ctx, text, func(ok bool) {
		if ok {
			p.pec.copied = what
		} else {
			p.pec.copied = "failed"
		}
	})
}

func (p *signPage) copiedText(l schema.Lang) string {
	switch p.pec.copied {
	case "":
		return ""
	case "failed":
		return tr(l, "sign.copy.failed")
	}
	return tr(l, "sign.copied."+p.pec.copied)
}

// checklist is the call's attachments for these answers, each with the files added for it.
func (p *signPage) checklist(c *schema.Call, a schema.Answers, l schema.Lang) app.UI {
	// done ticks an attachment only when a file was given for it: an optional one with no
	// file does not block the package, but a ✓ beside it would say it is there.
	done := map[string]bool{}
	if p.pec.pkg != nil {
		for _, it := range p.pec.pkg.Checklist {
			done[it.ID] = len(it.Files) > 0
		}
	}
	var items []app.UI
	for _, at := range c.RequiredAttachments(a) {
		id := "att-" + at.ID
		var files []app.UI
		for i, f := range p.pec.files {
			if f.For != at.ID {
				continue
			}
			files = append(files, app.Li().Class("d-flex gap-2 align-items-center").Body(
				app.Span().Class("attached-name").Text(fmt.Sprintf("%s (%d KB)", f.name, (f.size+1023)/1024)),
				app.Button().Type("button").Class("btn btn-sm btn-link").DataSet("index", strconv.Itoa(i)).
					Aria("label", tr(l, "sign.att.remove")+": "+f.name).Text(tr(l, "sign.att.remove")).OnClick(p.removeFile),
			))
		}
		need := tr(l, "field.optional")
		if at.Required {
			need = "(" + tr(l, "review.required") + ")"
		}
		mark := ""
		if done[at.ID] {
			mark = "✓ "
		}
		items = append(items, app.Li().Class("list-group-item attachment").DataSet("id", at.ID).DataSet("done", strconv.FormatBool(done[at.ID])).Body(
			app.P().Class("mb-1").Body(app.Strong().Text(mark+at.Label.In(l)), app.Text(" "+need)),
			slot(!at.Help.IsZero(), func() app.UI { return app.P().Class("small text-muted mb-1").ID(id + "-help").Text(at.Help.In(l)) }),
			app.Ul().Class("list-unstyled mb-1").Body(files...),
			app.Label().Class("btn btn-sm btn-outline-primary").For(id).Body(
				app.Text(tr(l, "sign.att.add")), app.Span().Class("visually-hidden").Text(": "+at.Label.In(l))),
			app.Input().Type("file").ID(id).Class("visually-hidden").Multiple(true).DataSet("for", at.ID).OnChange(p.addFiles),
		))
	}
	if len(items) == 0 {
		return placeholder()
	}
	var incomplete app.UI = placeholder()
	if p.pec.pkg != nil && !p.pec.pkg.Complete {
		incomplete = app.P().ID("att-incomplete").Class("text-warning-emphasis").Text(tr(l, "sign.att.incomplete"))
	}
	return app.Div().Class("mt-4").Body(
		app.H3().Class("h5").Text(tr(l, "sign.att.title")),
		app.Ul().Class("list-group").ID("pec-attachments").Body(items...),
		incomplete,
	)
}

func (p *signPage) addFiles(ctx app.Context, e app.Event) {
	defer sess.recovered()
	input := e.Get("target")
	at := input.Get("dataset").Get("for").String()
	files := input.Get("files")
	for i := range files.Length() {
		f := files.Index(i)
		p.pec.files = append(p.pec.files, attached{name: f.Get("name").String(), size: f.Get("size").Int(), For: at, file: f})
	}
	input.Set("value", "")
	p.refreshPackage(ctx)
}

func (p *signPage) removeFile(ctx app.Context, e app.Event) {
	defer sess.recovered()
	i, err := strconv.Atoi(e.Get("currentTarget").Get("dataset").Get("index").String())
	if err != nil || i < 0 || i >= len(p.pec.files) {
		return
	}
	p.pec.files = append(p.pec.files[:i], p.pec.files[i+1:]...)
	p.refreshPackage(ctx)
}

func (p *signPage) sizeView(l schema.Lang) app.UI {
	pkg := p.pec.pkg
	if pkg == nil || pkg.Size == 0 {
		return placeholder()
	}
	cls := map[string]string{"ok": "alert alert-success", "warn": "alert alert-warning", "refuse": "alert alert-danger"}[pkg.SizeLevel]
	return app.Div().ID("pec-size").Class(cls+" mt-3").Attr("role", "status").DataSet("level", pkg.SizeLevel).
		DataSet("bytes", strconv.FormatInt(pkg.Size, 10)).Text(pkg.SizeMessage.In(l))
}

// packageRequest is the PEC package as it stands: the signed file once it is checked, and
// the attachments added.
func (p *signPage) packageRequest(op job.Op) (job.Request, []app.Value, error) {
	raw, err := sess.encoded()
	if err != nil {
		return job.Request{}, nil, err
	}
	req := job.Request{Op: op, Lang: p.Lang, Draft: raw}
	var blobs []app.Value
	if p.signed.verdict != nil && p.signed.file != nil {
		req.Signed = &job.File{Name: p.signed.name, Blob: 0}
		blobs = append(blobs, p.signed.file)
	}
	for _, f := range p.pec.files {
		req.Attachments = append(req.Attachments, job.File{Name: f.name, For: f.For, Blob: len(blobs)})
		blobs = append(blobs, f.file)
	}
	return req, blobs, nil
}

// refreshPackage asks the worker for the checklist, size, deadline and guide again. An .eml
// made before no longer matches the files: it goes.
func (p *signPage) refreshPackage(ctx app.Context) {
	req, blobs, err := p.packageRequest(job.OpPackage)
	if err != nil {
		return
	}
	revokeURL(p.pec.eml.url)
	p.pec.eml = emlState{}
	p.pec.asked++
	asked := p.pec.asked
	runJob(ctx, req, blobs, nil, func(r jobResult) {
		if asked != p.pec.asked {
			return // an answer to an older question
		}
		p.pec.err = r.Error
		if r.Package != nil {
			p.pec.pkg = r.Package
		}
	})
}

// makeEML asks the worker for the .eml draft and offers it as a link.
func (p *signPage) makeEML(ctx app.Context, e app.Event) {
	defer sess.recovered()
	req, blobs, err := p.packageRequest(job.OpEML)
	if err != nil || p.pec.eml.busy {
		return
	}
	revokeURL(p.pec.eml.url)
	p.pec.eml = emlState{busy: true}
	runJob(ctx, req, blobs, nil, func(r jobResult) {
		p.pec.eml.busy = false
		if r.Package != nil {
			p.pec.pkg = r.Package
		}
		if r.Error != nil || r.Package == nil {
			p.pec.eml.err = orFailure(r)
			return
		}
		size := 0
		_ = jsTry(func() { size = r.Data.Get("byteLength").Int() })
		p.pec.eml = emlState{name: r.Package.EMLName, size: size, url: objectURL(blobOf(r.Data, "message/rfc822"))}
	})
}

// now is the page's clock in milliseconds, for the figures of make bench.
func now() float64 {
	var t float64
	_ = jsTry(func() { t = app.Window().Get("performance").Call("now").Float() })
	return t
}

// blobOf wraps a file the worker made (an ArrayBuffer) as a Blob for a link or a download.
func blobOf(data app.Value, mime string) app.Value {
	var b app.Value
	_ = jsTry(func() { b = app.Window().Get("Blob").New([]any{data}, map[string]any{"type": mime}) })
	return b
}

// objectURL and revokeURL give a Blob an address for a link, and take it back.
func objectURL(blob app.Value) string {
	var u string
	_ = jsTry(func() { u = app.Window().Get("URL").Call("createObjectURL", blob).String() })
	return u
}

func revokeURL(u string) {
	if u != "" {
		_ = jsTry(func() { app.Window().Get("URL").Call("revokeObjectURL", u) })
	}
}

// copyText puts text on the clipboard; done, on ctx's goroutine, says whether it worked.
func copyText(ctx app.Context, text string, done func(ok bool)) {
	var p app.Value
	if err := jsTry(func() { p = app.Window().Get("navigator").Get("clipboard").Call("writeText", text) }); err != nil {
		done(false)
		return
	}
	ctx.Async(func() {
		defer sess.background()
		c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := awaitPromise(c, p)
		cancel()
		ctx.Dispatch(func(app.Context) {
			defer sess.recovered()
			done(err == nil)
		})
	})
}
