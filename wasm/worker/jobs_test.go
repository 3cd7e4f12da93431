package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"mime"
	"os"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/job"
	"bando/app/partner"
	"bando/app/pdf"
	"bando/app/pec/pectest"
	"bando/schema"
)

// The jobs as the page asks for them, run natively: the same code the worker runs in the
// browser, compared with app/pdf and app/pec called directly (as the CLI does).

var finalised = time.Date(2024, 3, 1, 16, 45, 0, 0, time.UTC)

// example is the complete FAMI example, finalised, as the page sends it.
func example(t *testing.T) (*schema.Call, *draft.Draft, json.RawMessage) {
	t.Helper()
	data, err := os.ReadFile("../../schema/calls/examples/toscana-fami-2024.complete.bando.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	d.FinalisedAt = &finalised
	raw, err := draft.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	c, err := schema.Shipped(d.Call)
	if err != nil {
		t.Fatal(err)
	}
	return c, d, raw
}

func files(bs ...[]byte) blobs {
	return func(i int) ([]byte, error) {
		if i < 0 || i >= len(bs) {
			return nil, errors.New("no such blob")
		}
		return bs[i], nil
	}
}

func testWorker() *worker {
	w := newWorker()
	w.now = func() time.Time { return time.Date(2025, 11, 20, 10, 0, 0, 0, time.UTC) }
	return w
}

func TestPDFJobIsTheCLIsPDF(t *testing.T) {
	c, d, raw := example(t)
	for _, l := range []schema.Lang{schema.IT, schema.EN} {
		var want bytes.Buffer
		if err := pdf.Write(&want, c, d, pdf.Options{Lang: l}); err != nil {
			t.Fatal(err)
		}
		var steps []job.Progress
		res, data := testWorker().run(job.Request{Op: job.OpPDF, Lang: l, Draft: raw}, files(), func(done, total int) {
			steps = append(steps, job.Progress{Done: done, Total: total})
		})
		if res.Error != nil || res.PDF == nil {
			t.Fatalf("%s: %+v", l, res.Error)
		}
		if !bytes.Equal(data, want.Bytes()) {
			t.Errorf("%s: the worker's PDF (%d bytes) differs from pdf.Write's (%d bytes)", l, len(data), want.Len())
		}
		if res.PDF.FileName != pdf.FileName(c, d) || res.PDF.Size != len(data) || len(res.PDF.SHA256) != 64 {
			t.Errorf("%s: %+v", l, res.PDF)
		}
		if len(steps) < 3 || steps[len(steps)-1].Done != steps[len(steps)-1].Total {
			t.Errorf("%s: progress %v does not end at the total", l, steps)
		}
	}
}

func TestVerifyJob(t *testing.T) {
	c, d, raw := example(t)
	required := c.RequiredSigners(d.Answers)
	if len(required) < 2 {
		t.Fatalf("the example needs several signers, has %d", len(required))
	}
	var signers []*pectest.Signer
	for _, s := range required {
		signers = append(signers, pectest.NewSigner(t, s.Name, s.CF, pectest.CertOptions{}))
	}
	proposal := func(l schema.Lang) []byte {
		var b bytes.Buffer
		if err := pdf.Write(&b, c, d, pdf.Options{Lang: l}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	w := testWorker()
	tests := []struct {
		name    string
		file    []byte
		lang    schema.Lang // asked in; the file may be the other language's
		ok      bool
		missing int
		key     string // a problem expected
	}{
		{"all signers", pectest.SignCMS(t, proposal(schema.IT), signers, pectest.CMSOptions{}), schema.IT, true, 0, ""},
		{"English proposal, asked in Italian", pectest.SignCMS(t, proposal(schema.EN), signers, pectest.CMSOptions{}), schema.IT, true, 0, ""},
		{"one signer missing", pectest.SignCMS(t, proposal(schema.IT), signers[1:], pectest.CMSOptions{}), schema.IT, false, 1, "sig.missing"},
		{"another document", pectest.SignCMS(t, []byte("%PDF-1.7 altro"), signers, pectest.CMSOptions{}), schema.EN, false, 0, "signed.other_document"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, data := w.run(job.Request{Op: job.OpVerify, Lang: tc.lang, Draft: raw, Signed: &job.File{Name: "domanda.pdf.p7m"}}, files(tc.file), nil)
			if res.Error != nil || res.Verdict == nil || data != nil {
				t.Fatalf("%+v", res.Error)
			}
			v := res.Verdict
			if v.OK != tc.ok || len(v.Missing) != tc.missing || len(v.Notes) == 0 || v.Format != "cades" {
				t.Errorf("ok %v missing %d notes %d format %s; problems %+v", v.OK, len(v.Missing), len(v.Notes), v.Format, v.Problems)
			}
			if tc.key != "" && !hasKey(v.Problems, tc.key) {
				t.Errorf("no %s among %+v", tc.key, v.Problems)
			}
			if sum := sha256.Sum256(tc.file); v.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("verdict hash %q is not the signed file's", v.SHA256) // the draft records it
			}
			for _, s := range v.Signers {
				if !s.Valid || !s.Required || s.CF == "" {
					t.Errorf("signer %+v", s)
				}
			}
		})
	}
	res, _ := w.run(job.Request{Op: job.OpVerify, Draft: raw, Signed: &job.File{}}, files([]byte("not signed")), nil)
	if res.Error == nil || res.Error.Key != "signed.unknown" || res.Error.Text.EN == "" {
		t.Errorf("a file that is not signed: %+v", res.Error)
	}
}

func hasKey(ms []job.Message, key string) bool {
	for _, m := range ms {
		if m.Key == key {
			return true
		}
	}
	return false
}

func TestPackageAndEMLJobs(t *testing.T) {
	c, d, raw := example(t)
	w := testWorker()
	ats := c.RequiredAttachments(d.Answers)
	if len(ats) == 0 {
		t.Fatal("the example asks for no attachment")
	}

	// Before the signed file: the deadline, the checklist and the guide, no size.
	res, data := w.run(job.Request{Op: job.OpPackage, Draft: raw}, files(), nil)
	p := res.Package
	if res.Error != nil || p == nil || data != nil {
		t.Fatalf("%+v", res.Error)
	}
	if !p.Passed || !strings.Contains(p.Deadline.IT, "è passata") || p.Size != 0 || p.To != c.Submission.To || p.Subject != c.Submission.Subject {
		t.Errorf("package before signing: %+v", p)
	}
	if len(p.Checklist) != len(ats) || !strings.Contains(p.Guide.EN, c.Submission.To) || !strings.HasSuffix(p.EMLName, ".eml") {
		t.Errorf("checklist %+v, guide %q, name %q", p.Checklist, p.Guide.EN, p.EMLName)
	}
	if res, _ := w.run(job.Request{Op: job.OpEML, Draft: raw}, files(), nil); res.Error == nil || res.Error.Key != "job.no_signed" {
		t.Errorf("an .eml without the signed file: %+v", res.Error)
	}

	// With the signed file and one file per attachment: complete, sized, and the .eml.
	signed := []byte("a signed proposal")
	req := job.Request{Op: job.OpEML, Draft: raw, Signed: &job.File{Name: "domanda.pdf.p7m", Blob: 0}}
	blobs := [][]byte{signed}
	for _, at := range ats {
		req.Attachments = append(req.Attachments, job.File{Name: at.ID + ".pdf", For: at.ID, Blob: len(blobs)})
		blobs = append(blobs, []byte("%PDF-1.4 "+at.ID))
	}
	res, data = w.run(req, files(blobs...), nil)
	p = res.Package
	if res.Error != nil || p == nil || !p.Complete || p.SizeLevel != "ok" || p.Size != int64(len(data)) {
		t.Fatalf("error %+v, package %+v, .eml of %d bytes", res.Error, p, len(data))
	}
	eml := string(data)
	subject := ""
	for _, line := range strings.Split(strings.SplitN(eml, "\r\n\r\n", 2)[0], "\r\n") {
		switch {
		case strings.HasPrefix(line, "Subject: "):
			subject = strings.TrimPrefix(line, "Subject: ")
		case strings.HasPrefix(line, " ") && subject != "":
			subject += line
		}
	}
	decoded, err := new(mime.WordDecoder).DecodeHeader(subject)
	if err != nil || decoded != c.Submission.Subject || !strings.Contains(eml, "To: <"+c.Submission.To+">") || !strings.Contains(eml, "X-Unsent: 1") {
		t.Errorf("subject %q (%v), want %q; or a header is missing", decoded, err, c.Submission.Subject)
	}

	// A file the page can no longer read is named as such.
	req.Attachments[0].Blob = 99
	if res, _ := w.run(req, files(blobs...), nil); res.Error == nil {
		t.Error("a missing file gave no error")
	}
}

func TestBadRequests(t *testing.T) {
	_, _, raw := example(t)
	w := testWorker()
	tests := []struct {
		name string
		req  job.Request
		key  string
	}{
		{"not a draft", job.Request{Op: job.OpPDF, Draft: json.RawMessage(`{"format":"x"}`)}, "draft.format"},
		{"unknown op", job.Request{Op: "print", Draft: raw}, "job.op"},
		{"verify without a file", job.Request{Op: job.OpVerify, Draft: raw}, "job.no_signed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := w.run(tc.req, files(), nil)
			if res.Error == nil || res.Error.Key != tc.key || res.Error.Text.IT == "" || res.Error.Text.EN == "" {
				t.Errorf("got %+v, want key %s", res.Error, tc.key)
			}
		})
	}
}

// TestProposalCache: checking a signed file twice renders the proposal once per language;
// another draft empties the cache.
func TestProposalCache(t *testing.T) {
	c, d, raw := example(t)
	w := testWorker()
	w.forDraft(raw)
	a, _ := w.proposal(c, d, schema.IT, nil)
	w.forDraft(raw)
	b, _ := w.proposal(c, d, schema.IT, nil)
	if &a[0] != &b[0] {
		t.Error("the same draft rendered twice")
	}
	w.forDraft(append(raw[:len(raw):len(raw)], ' '))
	if len(w.cache) != 0 {
		t.Error("another draft kept the cache")
	}
}

// TestWarmUp: the sample proposal the worker renders on start renders.
func TestWarmUp(t *testing.T) {
	if err := warmUp(); err != nil {
		t.Fatal(err)
	}
}

// TestDraftPDFJob: the draft PDF job makes the library's draft PDF, with errors in the
// answers too, named _bozza.pdf, and leaves the cache of proposals to sign alone.
// errorsExample is the FAMI example with errors, as its file holds it (data) and decoded.
func errorsExample(t *testing.T) (*schema.Call, *draft.Draft, []byte) {
	t.Helper()
	data, err := os.ReadFile("../../schema/calls/examples/toscana-fami-2024.errors.bando.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := schema.Shipped(d.Call)
	if err != nil {
		t.Fatal(err)
	}
	return c, d, data
}

func TestDraftPDFJob(t *testing.T) {
	c, d, data := errorsExample(t)
	if len(c.Validate(d.Answers, schema.IT).Errors()) == 0 {
		t.Fatal("the example should have errors")
	}
	var want bytes.Buffer
	if err := pdf.Write(&want, c, d, pdf.Options{Lang: schema.EN, Draft: true}); err != nil {
		t.Fatal(err)
	}
	w := testWorker()
	res, out := w.run(job.Request{Op: job.OpDraftPDF, Lang: schema.EN, Draft: data}, files(), nil)
	if res.Error != nil || res.PDF == nil {
		t.Fatalf("%+v", res.Error)
	}
	if !bytes.Equal(out, want.Bytes()) {
		t.Errorf("the worker's draft PDF (%d bytes) differs from pdf.Write's (%d bytes)", len(out), want.Len())
	}
	if res.PDF.FileName != pdf.DraftFileName(c, d) || !strings.HasSuffix(res.PDF.FileName, "_bozza.pdf") || res.PDF.Size != len(out) {
		t.Errorf("%+v", res.PDF)
	}
	if len(w.cache) != 0 {
		t.Error("a draft PDF went into the cache of proposals to sign")
	}
}

// TestBundleJob: the support bundle the worker makes is app/draft's, with the page's facts and
// the applicant's choices: byte for byte when personal data is included, redacted otherwise.
func TestBundleJob(t *testing.T) {
	c, d, data := errorsExample(t)
	if _, err := draft.Open(d, c); err != nil { // as the app opened the draft it sends
		t.Fatal(err)
	}
	w := testWorker()
	br := draft.Browser{UserAgent: "TestBrowser/1.0", Language: "it-IT", StorageUsage: "1,2 MB", StorageQuota: "2 GB", StoragePersisted: "true"}
	support := func(personal, coarsen bool) *job.Support {
		return &job.Support{AppVersion: "v0-test", Screen: "/riepilogo", Personal: personal, Coarsen: coarsen,
			UserAgent: br.UserAgent, Language: br.Language, StorageUsage: br.StorageUsage, StorageQuota: br.StorageQuota, StoragePersisted: br.StoragePersisted}
	}

	res, out := w.run(job.Request{Op: job.OpBundle, Lang: schema.EN, Draft: data, Support: support(true, true)}, files(), nil)
	if res.Error != nil || res.Bundle == nil {
		t.Fatalf("%+v", res.Error)
	}
	b, err := draft.NewBundle(c, d, draft.BundleOptions{AppVersion: "v0-test", Screen: "/riepilogo", Lang: schema.EN, Browser: br, Now: w.now(), IncludePersonalData: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := draft.EncodeBundle(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("the worker's bundle with personal data differs from draft.NewBundle's:\n%.600s\nwant\n%.600s", out, want)
	}
	if name := "toscana-fami-2024_assistenza-11-00_2025-11-20" + draft.BundleExt; // 10:00 UTC is 11:00 in Rome
	res.Bundle.FileName != name || res.Bundle.Size != len(out) {
		t.Errorf("%+v, want %s of %d bytes", res.Bundle, name, len(out))
	}

	for _, coarsen := range []bool{false, true} {
		res, out := w.run(job.Request{Op: job.OpBundle, Lang: schema.IT, Draft: data, Support: support(false, coarsen)}, files(), nil)
		if res.Error != nil || res.Bundle == nil {
			t.Fatalf("coarsen %v: %+v", coarsen, res.Error)
		}
		got, err := draft.DecodeBundle(out)
		if err != nil {
			t.Fatalf("coarsen %v: the bundle does not read back: %v", coarsen, err)
		}
		if !got.Redacted || got.Coarsened != coarsen || got.Browser != br || got.Screen != "/riepilogo" || got.AppVersion != "v0-test" || len(got.Verdicts) == 0 {
			t.Errorf("coarsen %v: %+v", coarsen, got)
		}
		if strings.Contains(string(out), "Giulia Bartolini") {
			t.Errorf("coarsen %v: the redacted bundle holds a name", coarsen)
		}
	}
}

// TestSheetJob: the worker's partner sheet is app/partner's Export of the same member, byte for
// byte, named by the one naming scheme; a member that does not exist is refused with
// partner's message.
func TestSheetJob(t *testing.T) {
	c, d, data := errorsExample(t)
	if _, err := draft.Open(d, c); err != nil { // as the app opened the draft it sends
		t.Fatal(err)
	}
	w := testWorker()
	res, out := w.run(job.Request{Op: job.OpSheet, Lang: schema.IT, Draft: data, Member: 1}, files(), nil)
	if res.Error != nil || res.Sheet == nil {
		t.Fatalf("%+v", res.Error)
	}
	s, err := partner.Export(d, c, 1, w.now())
	if err != nil {
		t.Fatal(err)
	}
	want, err := partner.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("the worker's sheet differs from partner.Export's:\n%.600s\nwant\n%.600s", out, want)
	}
	if res.Sheet.FileName != partner.FileName(s) || !strings.HasSuffix(res.Sheet.FileName, partner.Ext) || res.Sheet.Size != len(out) {
		t.Errorf("%+v, want %s of %d bytes", res.Sheet, partner.FileName(s), len(out))
	}
	got, err := partner.Decode(out)
	if err != nil || got.Member != s.Member {
		t.Fatalf("the sheet does not read back: %v", err)
	}
	res, _ = w.run(job.Request{Op: job.OpSheet, Lang: schema.IT, Draft: data, Member: 99}, files(), nil)
	if res.Error == nil || res.Error.Key != "partner.no_member" {
		t.Errorf("member 100 of the proposal: %+v", res.Error)
	}
}
