package pdf

import (
	"bytes"
	"io"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/jung-kurt/gofpdf"
)

// Options tune Write. The zero value writes Italian.
type Options struct {
	Lang schema.Lang
	// Progress, when set, is called with the steps done out of the total (the cover, each
	// section, the signatures, the PDF/A finishing) so a UI can show a progress bar. It runs
	// on the caller's goroutine: in the browser, yield to the event loop inside it if the bar
	// must repaint before the next step.
	Progress func(done, total int)
	// Draft makes the draft PDF (draft.go) instead of the document to sign: BOZZA on every
	// page, no signature blocks, the open problems listed at the end. It is made whatever
	// the answers' state, errors included.
	Draft bool
}

// proposal is everything the document prints, read once from the call and the draft.
type proposal struct {
	call    *schema.Call
	answers schema.Answers // as in the draft: decides which fields are shown
	visible schema.Answers // c.Visible(answers): what is printed
	lang    schema.Lang
	facts   Facts
	signers []schema.Signer
	digest  string
	date    time.Time // FinalisedAt, or SavedAt for a draft not yet finalised
	// place and signed are the answers the call names for where and when the document is
	// signed (schema.Application): the one date the document prints, when answered.
	place, signed string
	final         bool
	draft         bool          // Options.Draft
	issues        schema.Issues // a draft's open problems, in lang
	producer      string
	creator       string
}

// Producer names the software in the PDF's Info dictionary and XMP (pdf:Producer). It is a
// constant, not the build version: the same draft must give the same bytes in every build
// that renders it alike, and golden files would otherwise change at every commit.
const Producer = "Bando (github.com/jung-kurt/gofpdf 1.16.2, PDF/A-2b)"

// Write renders the proposal of draft d for call c as a PDF/A-2b document, deterministically:
// the same call and draft give the same bytes, in the browser and in the CLI. The document's
// date is d.FinalisedAt; a draft not yet finalised uses d.SavedAt and says on its cover that
// it is a draft not to be signed. Write does not validate the answers: callers decide whether
// an incomplete proposal may be printed (the CLI refuses, the app shows the errors first).
func Write(w io.Writer, c *schema.Call, d *draft.Draft, o Options) error {
	if err := draft.CheckCall(d, c); err != nil {
		return err
	}
	p := &proposal{call: c, answers: d.Answers, lang: o.Lang, final: d.FinalisedAt != nil && !o.Draft, draft: o.Draft, producer: Producer}
	if p.lang != schema.EN {
		p.lang = schema.IT
	}
	if p.answers == nil {
		p.answers = schema.Answers{}
	}
	p.visible = printed(c, p.answers, c.Visible(p.answers), p.lang)
	p.date = d.SavedAt
	if d.FinalisedAt != nil {
		p.date = *d.FinalisedAt
	}
	if p.date.IsZero() {
		return errf("pdf.no_date", nil, "La bozza non ha una data di salvataggio né di finalizzazione: il PDF non può essere datato.", "The draft has neither a save nor a finalisation date: the PDF cannot be dated.")
	}
	var err error
	if p.digest, err = AnswersDigest(c, p.answers); err != nil {
		return errf("pdf.answers", err, "Le risposte contengono un valore che non si può stampare: %v", "The answers hold a value that cannot be printed: %v", err)
	}
	p.facts = ReadFacts(c, p.visible)
	p.place, _ = p.visible.Get(c.Application.Place).(string)
	p.signed, _ = p.visible.Get(c.Application.Date).(string)
	p.signers = c.RequiredSigners(p.answers)
	if p.draft {
		p.issues = c.Validate(p.answers, p.lang)
	}
	p.creator = "Bando"
	if d.AppVersion != "" {
		p.creator += " " + d.AppVersion
	}

	total := len(c.Sections) + 3
	step := func(done int) {
		if o.Progress != nil {
			o.Progress(done, total)
		}
	}
	raw, err := render(p, step)
	if err != nil {
		return err
	}
	out, err := finish(raw, p.meta())
	if err != nil {
		return err
	}
	step(total)
	_, err = w.Write(out)
	return err
}

// render draws the document with gofpdf and returns its output before PDF/A finishing.
func render(p *proposal, step func(int)) ([]byte, error) {
	f := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	f.SetCatalogSort(true)
	f.SetCompression(true)
	// gofpdf stamps time.Now() unless told; the finishing step rewrites the Info dictionary,
	// but the bytes in between must not depend on the clock either.
	f.SetCreationDate(p.date)
	f.SetModificationDate(p.date)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(marginL, bodyTop, marginR)
	f.SetCellMargin(0)
	// a fill colour no text uses, so gofpdf writes the text colour with every cell
	f.SetFillColor(255, 255, 255)
	addFonts(f)
	d := &doc{f: f}
	if p.draft {
		d.mark = word("draft.mark", p.lang)
	}
	d.newPage()
	d.cover(p)
	step(1)
	d.newPage()
	d.opening(p)
	n := 0
	recapAt := p.call.Totals.Section
	if recapAt == "" && len(p.call.Sections) > 0 {
		recapAt = p.call.Sections[len(p.call.Sections)-1].ID
	}
	for i, s := range p.call.Sections {
		if d.section(p, s, n+1) {
			n++
		}
		if s.ID == recapAt {
			d.recap(p)
		}
		step(2 + i)
	}
	if p.draft {
		d.problems(p, n+1) // a draft has no signature blocks: it must never be signed
	} else {
		d.signatures(p, n+1)
	}
	d.flow([]row{gap(0)})
	step(len(p.call.Sections) + 2)
	pages := f.PageCount()
	for i := 1; i <= pages; i++ {
		d.pageFrame(p, i, pages)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, errf("pdf.render", err, "Il PDF non è stato generato: %v", "The PDF could not be made: %v", err)
	}
	return buf.Bytes(), nil
}

// FileName is the name to offer for the proposal PDF: "<call>_<title>_<date>.pdf" (draft.FileName,
// draft.Title), the date being the draft's (finalised, else saved) in Italian time; signing
// tools then make it "….pdf.p7m", and the PEC message is the same name with ".eml".
func FileName(c *schema.Call, d *draft.Draft) string { return fileName(c, d, ".pdf") }

func fileName(c *schema.Call, d *draft.Draft, ext string) string {
	at := d.SavedAt
	if d.FinalisedAt != nil {
		at = *d.FinalisedAt
	}
	return draft.FileName(d.Call, draft.Title(c, d), schema.InRome(at), ext)
}
