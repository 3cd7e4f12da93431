package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"bando/app/draft"
	"bando/schema"
)

// The draft PDF (Options.Draft) is the proposal as it stands, to circulate among partners
// before everything is valid. It can never be taken for the document to sign: every page
// carries BOZZA across it and in a red band at the top, its metadata title starts with
// BOZZA, its file name ends in "_bozza.pdf", it has no signature blocks, and it ends with
// the list of the problems still open — the same messages the form shows, with the step
// and field each one belongs to.

// DraftFileName is the name to offer for the draft PDF: FileName with "_bozza" before ".pdf",
// in either language, so that the two can never overwrite or be mistaken for each other.
func DraftFileName(c *schema.Call, d *draft.Draft) string { return fileName(c, d, "_bozza.pdf") }

// watermark draws BOZZA (DRAFT) large and pale across the page, under everything drawn
// after it. It is opaque ink in a light grey, not transparency: PDF/A-1 forbids
// transparency, and the files meet PDF/A-1b too.
func (d *doc) watermark() {
	if d.mark == "" {
		return
	}
	d.f.SetFont(family, "B", 110)
	d.f.SetTextColor(236, 226, 226)
	w := d.f.GetStringWidth(d.mark)
	cx, cy := pageW/2, pageH/2
	d.f.TransformBegin()
	d.f.TransformRotate(math.Atan2(pageH, pageW)*180/math.Pi, cx, cy)
	d.f.SetXY(cx-w/2, cy-20)
	d.f.CellFormat(w, 40, d.mark, "", 0, "C", false, 0, "")
	d.f.TransformEnd()
}

// draftBand is the red line at the top of every page of a draft PDF.
func (d *doc) draftBand(p *proposal) {
	st := style{"B", 8.5, 4, [3]int{180, 30, 30}}
	d.text(fit(d, clean(p.draftNote("draft.band")), st, contentW), st, marginL, 5, contentW, "C")
}

// draftNote says what the file is and how many problems are open, for the band at the top
// of every page (key "draft.band") or the cover's status ("draft.status").
func (p *proposal) draftNote(key string) string {
	errs, warns := len(p.issues.Errors()), len(p.issues.Warnings())
	switch {
	case errs > 0:
		return fmt.Sprintf(word(key, p.lang), plural(errs, "draft.problem", p.lang))
	case warns > 0:
		return fmt.Sprintf(word(key, p.lang), plural(warns, "draft.warning", p.lang))
	}
	return word(key+".ok", p.lang)
}

// plural is "1 problema" or "3 problemi": key+".1" and key+".n" in words.
func plural(n int, key string, l schema.Lang) string {
	if n == 1 {
		return fmt.Sprintf(word(key+".1", l), n)
	}
	return fmt.Sprintf(word(key+".n", l), n)
}

// problems closes a draft PDF in place of the signatures: the errors, then the warnings, each
// with where it is ("Piano finanziario › Voce di spesa 2 › Importo") and the form's message.
func (d *doc) problems(p *proposal, n int) {
	l := p.lang
	title := fmt.Sprintf("%d. %s", n, word("draft.problems", l))
	head := d.textRows(clean(title), stH1, marginL, contentW)
	d.bookmark(head, title)
	rows := append([]row{gap(4)}, head...)
	rows = append(rows, row{h: 4, draw: func(y float64) { d.rule(y+1, colAccent, 0.4) }})
	rows = append(rows, d.textRows(clean(word("draft.problems.intro", l)), stBody, marginL, contentW)...)
	rows = append(rows, gap(3))
	for i := range rows {
		rows[i].keepNext = true
	}
	d.flow(rows)
	if len(p.issues) == 0 {
		d.keep(d.textRows(clean(word("draft.problems.none", l)), stItalic, marginL, contentW))
		return
	}
	list := func(is schema.Issues, key string) {
		if len(is) == 0 {
			return
		}
		head := d.textRows(clean(plural(len(is), key, l)), stH2, marginL, contentW)
		head[len(head)-1].keepNext = true
		d.flow(append([]row{spacer(2)}, head...))
		for i, x := range is {
			where := word("draft.whole", l)
			if x.Path != "" {
				where = pathLabel(p.call, x.Path, l)
			}
			num := strconv.Itoa(i+1) + "."
			rows := d.textRows(clean(where), stLabel, marginL+8, contentW-8)
			rows[0] = numbered(d, rows[0], num)
			rows[len(rows)-1].keepNext = true
			rows = append(rows, d.textRows(clean(x.Message), stBody, marginL+8, contentW-8)...)
			d.keep(append(rows, gap(2)))
		}
	}
	list(p.issues.Errors(), "draft.errors")
	list(p.issues.Warnings(), "draft.warnings")
}

// numbered draws a list number in the margin beside row r.
func numbered(d *doc, r row, num string) row {
	draw := r.draw
	r.draw = func(y float64) {
		d.text(num, stLabel, marginL, y, 7, "L")
		draw(y)
	}
	return r
}

// pathLabel names an answer path for a reader: the section's title, each group's item by its
// name and number, and the field's label ("Associazione temporanea di scopo (ATS) › Membro 2 ›
// Legale rappresentante: codice fiscale"). A path the call does not know is printed as it is.
func pathLabel(c *schema.Call, path string, l schema.Lang) string {
	elems, err := schema.ParsePath(path)
	if err != nil || len(elems) == 0 {
		return path
	}
	sec := c.Section(elems[0].Name)
	if sec == nil {
		return path
	}
	parts := []string{sec.Title.In(l)}
	fields := sec.Fields
	for _, e := range elems[1:] {
		var f *schema.Field
		for _, x := range fields {
			if x.ID == e.Name {
				f = x
			}
		}
		if f == nil {
			return strings.Join(append(parts, e.Name), " › ")
		}
		parts = append(parts, f.Label.In(l))
		if e.Index >= 0 {
			name := f.ItemLabel.In(l)
			if name == "" {
				name = word("item", l)
			}
			parts = append(parts, capitalize(name)+" "+strconv.Itoa(e.Index+1))
		}
		fields = f.Fields
	}
	return strings.Join(parts, " › ")
}
