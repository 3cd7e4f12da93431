package ui

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"bando/app/job"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The last step of /firma: the PEC message — recipient and exact subject to copy, the
// attachments the call asks for, the size PEC allows, the deadline, the .eml and the guide.

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
	defer sess.guard.recovered()
	what := e.Get("currentTarget").Get("dataset").Get("what").String()
	text := sess.open.call.Submission.To
	if what == "subject" {
		text = sess.open.call.Submission.Subject
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
	defer sess.guard.recovered()
	input := e.Get("target")
	at := input.Get("dataset").Get("for").String()
	files := fileList(input.Get("files"))
	input.Set("value", "")
	for _, f := range files {
		p.pec.files = append(p.pec.files, attached{name: f.Get("name").String(), size: f.Get("size").Int(), For: at, file: f})
	}
	p.refreshPackage(ctx)
}

func (p *signPage) removeFile(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
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
	defer sess.guard.recovered()
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
		defer sess.guard.background()
		c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := awaitPromise(c, p)
		cancel()
		ctx.Dispatch(func(app.Context) {
			defer sess.guard.recovered()
			done(err == nil)
		})
	})
}
