package ui

import (
	"strconv"
	"strings"
	"time"

	"bando/app/job"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The third step of /firma: the signed file dropped back, each signature checked by the
// worker against the PDF made here, with trust anchors the applicant may give offline.

func (p *signPage) signedSection(l schema.Lang) app.UI {
	if sess.open.d.FinalisedAt == nil {
		return section("sign-check", tr(l, "sign.check.title"), app.P().ID("signed-wait").Text(tr(l, "sign.check.first")))
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
	// one signed file at a time: several dropped together, the first is checked (its name is
	// shown with the verdict, so which one was read is never in doubt)
	zone := fileZone{id: "signed-zone", class: "p-4", dragging: &p.signed.dragging,
		input: "signed-file", help: "signed-help", choose: tr(l, "sign.check.choose"), button: "btn btn-outline-primary",
		accept: ".p7m,.pdf,.p7s,application/pkcs7-mime,application/pdf",
		take:   func(ctx app.Context, files []app.Value) { p.check(ctx, files[0]) }}
	return section("sign-check", tr(l, "sign.check.title"),
		zone.render([]app.UI{app.P().ID("signed-help").Text(tr(l, "sign.check.help"))}),
		p.trustZone(l),
		app.Div().ID("verify-status").Class("mt-3").Aria("live", "polite").DataSet("checked", strconv.Itoa(p.checked)).Body(result...),
	)
}

// trustZone takes trust anchors: offline the EU trusted list cannot be read, so the
// applicant (or an office) can give the qualified CAs' certificates to check chains against.
func (p *signPage) trustZone(l schema.Lang) app.UI {
	zone := fileZone{id: "trust-zone", class: "p-3 mt-3", dragging: &p.trust.dragging,
		input: "trust-file", help: "trust-help", choose: tr(l, "sign.trust.choose"), button: "btn btn-sm btn-outline-secondary",
		accept: ".pem,.crt,.cer,application/x-pem-file,application/x-x509-ca-cert", multiple: true,
		take: p.setTrust}
	return zone.render([]app.UI{
		app.H3().Class("h6").Text(tr(l, "sign.trust.title")),
		app.P().Class("small").ID("trust-help").Text(tr(l, "sign.trust.help")),
	},
		// always rendered (hidden when empty): the job started by its button answers through
		// the button's context, which must still be mounted then
		app.Div().Class("mt-2").Hidden(len(p.trust.names) == 0).Body(
			app.Span().ID("trust-given").Class("small me-2").Text(tr(l, "sign.trust.given", strings.Join(p.trust.names, ", "))),
			app.Button().Type("button").ID("trust-clear").Class("btn btn-sm btn-link").Text(tr(l, "sign.trust.clear")).
				OnClick(func(ctx app.Context, e app.Event) {
					defer sess.guard.recovered()
					p.setTrust(ctx, nil)
				}),
		),
	)
}

// setTrust replaces the trust anchors (nil: none) and checks the signed file again.
func (p *signPage) setTrust(ctx app.Context, files []app.Value) {
	p.trust.files, p.trust.names = files, nil
	for _, f := range files {
		p.trust.names = append(p.trust.names, f.Get("name").String())
	}
	if p.signed.file != nil && !p.signed.checking {
		p.check(ctx, p.signed.file)
	}
}

// check asks the worker whether file is the proposal signed by everyone who must sign.
func (p *signPage) check(ctx app.Context, file app.Value) {
	raw, err := sess.encoded()
	if err != nil {
		return
	}
	name := file.Get("name").String()
	fin := sess.open.d.FinalisedAt
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

// markSigned records in the open draft that the signed file with that hash, named name, was
// verified against it (draft.Signed): the list of drafts then says "signed and verified"
// until an answer changes. fin is when the draft the worker checked was finalised: finalised
// again since, or changed (draft.MarkSigned refuses), it is another version, and nothing is
// recorded.
func (s *session) markSigned(sha256, name string, fin *time.Time) {
	if s.open.d == nil || s.scratch.mode != "" || fin == nil || s.open.d.FinalisedAt == nil || !s.open.d.FinalisedAt.Equal(*fin) {
		return
	}
	s.mu.Lock()
	ok := s.open.d.MarkSigned(sha256, name, time.Now().UTC().Truncate(time.Second))
	s.mu.Unlock()
	if ok {
		s.changed()
		s.saveNow()
	}
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
