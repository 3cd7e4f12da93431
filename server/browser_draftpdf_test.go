package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/pdf"
	"bando/schema"
)

// TestBrowserDraftPDF: on the review of a proposal with errors, "Scarica una bozza in PDF"
// makes the draft PDF in the worker — the very bytes the CLI's `bando pdf --draft` writes —
// named _bozza.pdf, and leaves the draft not finalised.
func TestBrowserDraftPDF(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	example := "../schema/calls/examples/toscana-fami-2024.errors.bando.json"
	b.importDraft(app.url, example)
	b.waitFor(`!!document.getElementById("draft-pdf-make")`, 20*time.Second)
	b.click("draft-pdf-make")
	b.waitFor(`!!document.getElementById("draft-pdf-download") || !!document.getElementById("draft-pdf-error")`, 2*time.Minute)
	if msg := b.text("draft-pdf-error"); msg != "" {
		t.Fatalf("the draft PDF failed: %s", msg)
	}
	name := eval[string](b, `document.getElementById("draft-pdf-download").getAttribute("download")`)
	if !strings.HasSuffix(name, "_bozza.pdf") {
		t.Errorf("offered as %q", name)
	}
	before := b.count("*.pdf")
	b.click("draft-pdf-download")
	got := b.downloaded("*.pdf", before)

	// the worker got the draft as the page holds it: export it and render it here
	before = b.downloads()
	b.click("export")
	d, err := draft.Decode(b.exported(before))
	if err != nil || d.FinalisedAt != nil {
		t.Fatalf("exported draft: %v, finalisedAt %v (a draft PDF must not finalise)", err, d.FinalisedAt)
	}
	c, err := schema.Shipped(d.Call)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := draft.Open(d, c); err != nil {
		t.Fatal(err)
	}
	// a draft not finalised is dated by its last save, and exporting saves it again: date
	// the export as the PDF was dated, to the second
	m := regexp.MustCompile(`/CreationDate \(D:(\d{14})([+-]\d\d)'(\d\d)'\)`).FindSubmatch(got)
	if m == nil {
		t.Fatal("the draft PDF has no creation date")
	}
	at, err := time.Parse("20060102150405-0700", string(m[1])+string(m[2])+string(m[3]))
	if err != nil {
		t.Fatal(err)
	}
	d.SavedAt = at.In(d.SavedAt.Location()) // the zone the page saves in: gofpdf writes it too
	var want bytes.Buffer
	if err := pdf.Write(&want, c, d, pdf.Options{Draft: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the browser's draft PDF (%d bytes) differs from the library's (%d bytes)", len(got), want.Len())
	}
}
