// Command worker is Bando's second browser program (GOOS=js GOARCH=wasm, built as
// web/worker.wasm): the proposal PDF (app/pdf), the signed-file check and the PEC package
// (app/pec), run in a dedicated Web Worker. Keeping them out of app.wasm keeps the PDF engine,
// its fonts and crypto/x509 (about 470 KB brotli) out of the download every applicant waits
// for; this program is fetched by the service worker, started by the page only when the
// applicant reaches the review (app/ui/worker_js.go), and never blocks typing: it runs on
// its own thread.
//
// web/worker.js loads it (no inline script, so it runs under the app's CSP). The messages are
// package job's; this file is the jobs themselves, free of syscall/js so they are tested
// natively (jobs_test.go), and main_js.go is the glue to the worker's message port.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"time"

	"bando/app/draft"
	"bando/app/job"
	"bando/app/partner"
	"bando/app/pdf"
	"bando/app/pec"
	"bando/schema"
)

// worker runs the jobs one at a time and keeps the last proposals it made: checking a signed
// file regenerates the proposal, and with 40 members that takes seconds.
type worker struct {
	now   func() time.Time
	cache map[string][]byte // proposal PDFs by draft digest and language
	key   string            // the draft the cache holds
}

func newWorker() *worker { return &worker{now: time.Now, cache: map[string][]byte{}} }

// blobs reads the i-th file sent with a request.
type blobs func(i int) ([]byte, error)

// run does one job. data is the file made, if any (the PDF, the .eml).
func (w *worker) run(req job.Request, files blobs, progress func(done, total int)) (res job.Result, data []byte) {
	fail := func(err error) (job.Result, []byte) { return job.Result{Error: message(err)}, nil }
	d, err := draft.Decode(req.Draft)
	if err != nil {
		return fail(err)
	}
	c, err := callOf(req, d)
	if err != nil {
		return fail(err)
	}
	if _, err := draft.Open(d, c); err != nil { // as the app and the CLI open drafts
		return fail(err)
	}
	l := schema.ParseLang(string(req.Lang))
	w.forDraft(req.Draft)
	switch req.Op {
	case job.OpPDF:
		p, err := w.proposal(c, d, l, progress)
		if err != nil {
			return fail(err)
		}
		sum := sha256.Sum256(p)
		return job.Result{PDF: &job.PDF{FileName: pdf.FileName(c, d), Size: len(p), SHA256: hex.EncodeToString(sum[:])}}, p
	case job.OpDraftPDF:
		var buf bytes.Buffer
		if err := pdf.Write(&buf, c, d, pdf.Options{Lang: l, Progress: progress, Draft: true}); err != nil {
			return fail(err)
		}
		p := buf.Bytes()
		sum := sha256.Sum256(p)
		return job.Result{PDF: &job.PDF{FileName: pdf.DraftFileName(c, d), Size: len(p), SHA256: hex.EncodeToString(sum[:])}}, p
	case job.OpVerify:
		if req.Signed == nil {
			return fail(errNoSigned)
		}
		data, err := files(req.Signed.Blob)
		if err != nil {
			return fail(err)
		}
		signed, err := pec.Open(data)
		if err != nil {
			return fail(err)
		}
		o := pec.Options{Now: w.now(), Finalised: d.FinalisedAt}
		for _, f := range req.Trust {
			b, err := files(f.Blob)
			if err != nil {
				return fail(err)
			}
			a, err := pec.ParseAnchors(b)
			if err != nil {
				return fail(err)
			}
			o.Anchors = append(o.Anchors, a...)
		}
		render := func(pl schema.Lang) ([]byte, error) { return w.proposal(c, d, pl, progress) }
		r, lang, err := signed.CheckRendered(render, []schema.Lang{l, other(l)}, c.RequiredSigners(d.Answers), o)
		if err != nil {
			return fail(err)
		}
		v := verdict(r, lang)
		sum := sha256.Sum256(data)
		v.SHA256 = hex.EncodeToString(sum[:])
		return job.Result{Verdict: v}, nil
	case job.OpPackage, job.OpEML:
		return w.pack(req, c, d, files)
	case job.OpBundle:
		return w.bundle(req, c, d, l)
	case job.OpSheet:
		sheet, err := partner.Export(d, c, req.Member, w.now())
		if err != nil {
			return fail(err)
		}
		data, err := partner.Encode(sheet)
		if err != nil {
			return fail(err)
		}
		return job.Result{Sheet: &job.Bundle{FileName: partner.FileName(sheet), Size: len(data)}}, data
	}
	return fail(errorf("job.op", "Richiesta sconosciuta al generatore di documenti: %q.", "Unknown request to the document generator: %q.", req.Op))
}

// warmUp renders a sample proposal and throws it away. The worker starts while the applicant
// reads the review; the first PDF of a tab otherwise takes several times longer than the next
// ones (the browser compiles the hot code paths, the fonts are read), and it is the one the
// applicant waits for. It runs only when no job is waiting.
func warmUp() error {
	c, err := schema.Shipped(schema.DefaultCallID)
	if err != nil {
		return err
	}
	d := draft.New(c, "", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	d.Answers = schema.Sample(c, func(*schema.Field) int { return 3 })
	return pdf.Write(io.Discard, c, d, pdf.Options{})
}

// forDraft empties the cache when the draft changed.
func (w *worker) forDraft(raw []byte) {
	sum := sha256.Sum256(raw)
	if key := hex.EncodeToString(sum[:]); key != w.key {
		w.key = key
		clear(w.cache)
	}
}

// proposal is the PDF of d in lang, made once per draft and language.
func (w *worker) proposal(c *schema.Call, d *draft.Draft, l schema.Lang, progress func(done, total int)) ([]byte, error) {
	if p, ok := w.cache[string(l)]; ok {
		if progress != nil {
			progress(1, 1)
		}
		return p, nil
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, c, d, pdf.Options{Lang: l, Progress: progress}); err != nil {
		return nil, err
	}
	w.cache[string(l)] = buf.Bytes()
	return buf.Bytes(), nil
}

// pack prepares the PEC message: the checklist of attachments, its size, the deadline, the
// guide and, for OpEML, the .eml draft itself. Without a signed file yet, the message holds
// the name the signed proposal will have and its size is not known (0).
func (w *worker) pack(req job.Request, c *schema.Call, d *draft.Draft, files blobs) (job.Result, []byte) {
	fail := func(err error) (job.Result, []byte) { return job.Result{Error: message(err)}, nil }
	base := strings.TrimSuffix(pdf.FileName(c, d), ".pdf")
	signed := pec.File{Name: base + ".pdf.p7m"}
	if req.Signed != nil {
		data, err := files(req.Signed.Blob)
		if err != nil {
			return fail(err)
		}
		signed = pec.File{Name: req.Signed.Name, Data: data}
	} else if req.Op == job.OpEML {
		return fail(errNoSigned)
	}
	var attachments []pec.File
	for _, f := range req.Attachments {
		data, err := files(f.Blob)
		if err != nil {
			return fail(err)
		}
		attachments = append(attachments, pec.File{Name: f.Name, Data: data, For: f.For})
	}
	items, complete := pec.Checklist(c, d.Answers, attachments)
	m := pec.NewMessage(c, signed, attachments, pdf.ReadFacts(c, c.Visible(d.Answers)).Applicant, schema.ParseLang(string(req.Lang)))
	m.From = req.From
	now := w.now()
	dl, err := pec.CheckDeadline(c.Submission, now)
	if err != nil {
		return fail(err)
	}
	p := &job.Package{
		To: m.To, Subject: m.Subject, Complete: complete, Checklist: []job.Item{},
		Deadline: dl.Message, Passed: dl.Passed, Urgent: dl.Urgent,
		Guide:   schema.Text{IT: pec.Guide(m, dl, schema.IT), EN: pec.Guide(m, dl, schema.EN)},
		EMLName: base + ".eml",
	}
	for _, it := range items {
		p.Checklist = append(p.Checklist, job.Item{ID: it.Attachment.ID, Files: it.Files, Required: it.Attachment.Required, Done: it.Done})
	}
	if req.Signed != nil {
		size := pec.CheckSize(m.Size(now))
		p.Size, p.SizeLevel, p.SizeMessage = size.Bytes, string(size.Level), size.Message
		if req.Op == job.OpEML && size.Level == pec.SizeRefuse {
			return job.Result{Package: p, Error: &job.Message{Key: "pec.too_large", Text: size.Message}}, nil
		}
	}
	if req.Op == job.OpEML {
		return job.Result{Package: p}, m.EML(now)
	}
	return job.Result{Package: p}, nil
}

// verdict is the report as the page shows it.
func verdict(r *pec.Report, lang schema.Lang) *job.Verdict {
	v := &job.Verdict{OK: r.OK(), Format: string(r.Format), Same: r.Same, Lang: lang,
		Signers: []job.Signer{}, Missing: r.Missing, Problems: messages(r.Problems), Notes: r.Notes}
	for _, ts := range r.Timestamps {
		if ts.Problem != nil { // an unverified document timestamp: said, not counted
			v.Notes = append(v.Notes, ts.Problem.Msg)
		}
	}
	for _, s := range r.Signers {
		q := s.Qualified
		js := job.Signer{Name: s.Name, CF: s.CF, Organization: s.Organization, Issuer: s.Issuer,
			SigningTime: s.SigningTime, Timestamp: s.Timestamp, Qualified: q.Compliance && q.SSCD && q.ESign && !q.SelfSigned,
			Chain: s.Chain, Counter: s.Counter, Valid: s.Valid, Required: s.Required, Warnings: messages(s.Warnings)}
		if s.Problem != nil {
			js.Problem = message(s.Problem)
		}
		v.Signers = append(v.Signers, js)
	}
	return v
}

func messages(errs []*pec.Error) []job.Message {
	out := make([]job.Message, len(errs))
	for i, e := range errs {
		out[i] = *message(e)
	}
	return out
}

// message turns an error of the packages used here (draft, pdf and pec all return
// schema.Error) into a message in both languages.
func message(err error) *job.Message {
	if e, ok := errors.AsType[*schema.Error](err); ok {
		return &job.Message{Key: e.Key, Text: e.Msg}
	}
	return &job.Message{Key: "job.failed", Text: schema.Text{IT: "Errore imprevisto: " + err.Error(), EN: "Unexpected error: " + err.Error()}}
}

var errNoSigned = errorf("job.no_signed", "Manca il file firmato.", "The signed file is missing.")

func errorf(key, it, en string, args ...any) *schema.Error {
	return schema.Errorf(key, nil, it, en, args...)
}

func other(l schema.Lang) schema.Lang {
	if l == schema.EN {
		return schema.IT
	}
	return schema.EN
}

// callOf is the call of the request's draft: the text the page sent when the call is not
// shipped (published by the server or opened from a file), else the shipped one.
func callOf(req job.Request, d *draft.Draft) (*schema.Call, error) {
	if len(req.Call) == 0 {
		return schema.Shipped(d.Call)
	}
	c, err := schema.Load(req.Call)
	if err != nil {
		return nil, err
	}
	if c.ID != d.Call {
		return nil, errorf("job.call", "Il bando inviato (%s) non è quello della bozza (%s).", "The call sent (%s) is not the draft's (%s).", c.ID, d.Call)
	}
	return c, nil
}

// bundle makes the applicant's support bundle of d (the review page's "send to the helpdesk"),
// redacted unless the applicant asked to include personal data.
func (w *worker) bundle(req job.Request, c *schema.Call, d *draft.Draft, l schema.Lang) (job.Result, []byte) {
	fail := func(err error) (job.Result, []byte) { return job.Result{Error: message(err)}, nil }
	s := req.Support
	if s == nil {
		s = &job.Support{}
	}
	b, err := draft.NewBundle(c, d, draft.BundleOptions{
		AppVersion: s.AppVersion, Screen: s.Screen, Lang: l, Now: w.now(),
		Browser: draft.Browser{
			UserAgent: s.UserAgent, Language: s.Language,
			StorageUsage: s.StorageUsage, StorageQuota: s.StorageQuota, StoragePersisted: s.StoragePersisted,
		},
		IncludePersonalData: s.Personal, Coarsen: s.Coarsen && !s.Personal,
	})
	if err != nil {
		return fail(err)
	}
	data, err := draft.EncodeBundle(b)
	if err != nil {
		return fail(err)
	}
	// named as every file of a draft (draft.FileName), with "assistenza" and the time for a
	// title: the bundle hides the names the draft's title would show
	at := schema.InRome(b.CreatedAt)
	name := draft.FileName(b.Call, "assistenza "+at.Format("15.04"), at, draft.BundleExt)
	return job.Result{Bundle: &job.Bundle{FileName: name, Size: len(data)}}, data
}
