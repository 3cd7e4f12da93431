package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// errorsExample is the FAMI example with errors and warnings shipped with the schema.
const errorsExample = "../../schema/calls/examples/toscana-fami-2024.errors.bando.json"

func errorsCall(t testing.TB) *schema.Call  { c, _ := loadDraft(t, errorsExample); return c }
func errorsDraft(t testing.TB) *draft.Draft { _, d := loadDraft(t, errorsExample); return d }

// TestDraftPDF: a draft PDF is made whatever the errors, says BOZZA on every page, has no
// signature blocks, and ends with every open problem — where it is and the form's message,
// in the document's language — so that it can never be taken for the document to sign.
func TestDraftPDF(t *testing.T) {
	c, d := loadDraft(t, errorsExample)
	complete, ok := loadDraft(t, exampleDraft)
	tests := []struct {
		name   string
		c      *schema.Call
		d      *draft.Draft
		lang   schema.Lang
		band   string
		want   []string
		issues schema.Issues
	}{
		{"with errors, Italian", c, d, schema.IT, "BOZZA — non firmare e non inviare — 22 problemi da risolvere, elencati in fondo",
			[]string{"Problemi ancora aperti", "22 problemi da risolvere",
				"Associazione temporanea di scopo (ATS) › Membri dell'ATS › Membro 5 › Codice fiscale dell'ente Lo stesso valore è già indicato per membro 4."},
			c.Validate(d.Answers, schema.IT)},
		{"with errors, English", c, d, schema.EN, "DRAFT — do not sign or send — 22 problems to fix, listed at the end",
			[]string{"Problems still open", "22 problems to fix"}, c.Validate(d.Answers, schema.EN)},
		{"finalised and complete: still a draft", complete, finalised(ok), schema.IT, "BOZZA — non firmare e non inviare: per il documento da firmare, finalizza la domanda",
			[]string{"Nessun problema aperto: la domanda si può finalizzare."}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := makePDF(t, tc.c, tc.d, Options{Lang: tc.lang, Draft: true})
			text := tool(t, out, "pdftotext", "-enc", "UTF-8", "FILE", "-")
			pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
			for i, page := range pages {
				if !strings.Contains(strings.Join(strings.Fields(page), " "), tc.band) {
					t.Errorf("page %d of %d lacks the band %q", i+1, len(pages), tc.band)
				}
			}
			flat := strings.Join(strings.Fields(tool(t, out, "pdftotext", "-raw", "-enc", "UTF-8", "FILE", "-")), " ")
			for _, w := range tc.want {
				if !strings.Contains(flat, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, is := range tc.issues {
				if m := strings.Join(strings.Fields(is.Message), " "); !strings.Contains(flat, m) {
					t.Errorf("problem at %s not listed: %q", is.Path, m)
				}
			}
			for _, never := range []string{"Firmato digitalmente", "Digitally signed", "pronta per la firma", "ready for digital signature"} {
				if strings.Contains(flat, never) {
					t.Errorf("a draft PDF says %q", never)
				}
			}
			if !bytes.Contains(out, []byte("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"+word("draft.mark", tc.lang)+" – ")) {
				t.Error("the metadata title does not start with BOZZA/DRAFT")
			}
			if check := tool(t, out, "qpdf", "--check"); !strings.Contains(check, "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check:\n%s", check)
			}
			if again := makePDF(t, tc.c, tc.d, Options{Lang: tc.lang, Draft: true}); !bytes.Equal(out, again) {
				t.Error("the draft PDF is not deterministic")
			}
		})
	}
}

// TestDraftFileName: the draft PDF's name is the final one's with _bozza, in any language.
func TestDraftFileName(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	if got, want := DraftFileName(c, d), "toscana-fami-2024_toscana-insieme-servizi-accessibili-e_2024-03-01_bozza.pdf"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if FileName(c, d) == DraftFileName(c, d) {
		t.Error("the draft and the final PDF share a name")
	}
}

// TestDraftPDFOfAnEmptyDraft: a draft just started (no answers, no signers, no totals) still
// makes a draft PDF: the opening says who must sign is not known yet, the problems are listed.
func TestDraftPDFOfAnEmptyDraft(t *testing.T) {
	for _, id := range schema.ShippedIDs() {
		t.Run(id, func(t *testing.T) {
			c, err := schema.Shipped(id)
			if err != nil {
				t.Fatal(err)
			}
			d := draft.New(c, "", time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC))
			text := flatText(t, makePDF(t, c, d, Options{Draft: true}), "-raw")
			n := len(c.Validate(d.Answers, schema.IT).Errors())
			for _, w := range []string{"Le risposte non indicano ancora chi deve firmare", fmt.Sprintf("%d problemi da risolvere", n), "Data 20 febbraio 2024"} {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
}
