package pdf

import (
	"github.com/jung-kurt/gofpdf"
)

// Page geometry in millimetres (A4 portrait). gofpdf's automatic page break is off: every
// block is measured before it is drawn, so that a table row, a short answer or a signature
// block is never cut in two and a heading never ends a page.
const (
	pageW, pageH = 210.0, 297.0
	marginL      = 20.0
	marginR      = 20.0
	contentW     = pageW - marginL - marginR
	bodyTop      = 24.0         // below the running header
	bodyBottom   = pageH - 22.0 // above the footer
)

// Colours (RGB): Bootstrap Italia's primary blue for structure, near-black for answers.
var (
	colText   = [3]int{25, 25, 25}
	colLabel  = [3]int{85, 95, 105}
	colAccent = [3]int{0, 102, 204}
	colRule   = [3]int{200, 205, 210}
	colShade  = [3]int{240, 244, 248}
)

// style is a font style and size with the line height that goes with it.
type style struct {
	font  string // "", "B" (SemiBold) or "I"
	size  float64
	lineH float64
	color [3]int
}

var (
	stBody     = style{"", 10, 5, colText}
	stLabel    = style{"B", 8.5, 4, colLabel}
	stSmall    = style{"", 8, 3.8, colLabel}
	stTable    = style{"", 8.5, 4.1, colText}
	stTableHd  = style{"B", 8, 3.9, colLabel}
	stH1       = style{"B", 15, 7, colAccent}
	stH2       = style{"B", 11.5, 5.8, colText}
	stTitle    = style{"B", 20, 9, colText}
	stFoot     = style{"", 7, 3.2, colLabel}
	stItalic   = style{"I", 9, 4.5, colLabel}
	stCoverKey = style{"B", 9, 4.8, colLabel}
)

// row is an unbreakable strip of a page: it is measured first (h) and drawn later at y.
type row struct {
	h    float64
	draw func(y float64)
	// keepNext: do not end a page after this row (a label before its text, a heading).
	keepNext bool
}

// doc is one PDF being drawn.
type doc struct {
	f *gofpdf.Fpdf
	y float64 // where the next row goes
	// header rows are redrawn at the top of a new page while a table is being drawn.
	repeat []row
	// pending rows end with keepNext (a heading, a label): they wait for what follows them.
	pending []row
	// mark is drawn across every page of a draft PDF, under its content ("BOZZA").
	mark string
}

func (d *doc) use(s style) {
	d.f.SetFont(family, s.font, s.size)
	d.f.SetTextColor(s.color[0], s.color[1], s.color[2])
}

// lines wraps text to width w in style s. Empty text is one empty line.
func (d *doc) lines(text string, s style, w float64) []string {
	d.use(s)
	l := d.f.SplitText(text, w)
	if len(l) == 0 {
		return []string{""}
	}
	return l
}

// textRows are the wrapped lines of text as rows, one per line, so long texts break between
// lines; the first line stays with whatever comes before it.
func (d *doc) textRows(text string, s style, x, w float64) []row {
	ls := d.lines(text, s, w)
	out := make([]row, len(ls))
	for i, l := range ls {
		out[i] = row{h: s.lineH, draw: func(y float64) { d.text(l, s, x, y, w, "L") }}
	}
	return out
}

// text draws one line.
func (d *doc) text(l string, s style, x, y, w float64, align string) {
	d.use(s)
	d.f.SetXY(x, y)
	d.f.CellFormat(w, s.lineH, l, "", 0, align, false, 0, "")
}

// block draws wrapped text at (x, y) and returns its height; used inside rows.
func (d *doc) block(ls []string, s style, x, y, w float64, align string) float64 {
	for i, l := range ls {
		d.text(l, s, x, y+float64(i)*s.lineH, w, align)
	}
	return float64(len(ls)) * s.lineH
}

func gap(h float64) row { return row{h: h, draw: func(float64) {}} }

// spacer is a gap before a heading: it goes with the heading, so that the rows chained to
// a heading above it (a section title over a group's label) are not cut apart at the gap.
func spacer(h float64) row { return row{h: h, keepNext: true, draw: func(float64) {}} }

func sum(rows []row) float64 {
	h := 0.0
	for _, r := range rows {
		h += r.h
	}
	return h
}

// newPage starts a page and redraws the repeated header rows, if any.
func (d *doc) newPage() {
	d.f.AddPage()
	d.watermark()
	d.y = bodyTop
	for _, r := range d.repeat {
		r.draw(d.y)
		d.y += r.h
	}
}

// keep places rows so that they stay on one page when they fit on one; otherwise they flow,
// breaking only between rows and never right after a keepNext row.
func (d *doc) keep(rows []row) {
	rows = append(d.pending, rows...)
	d.pending = nil
	if h := sum(rows); d.y+h > bodyBottom && bodyTop+sum(d.repeat)+h <= bodyBottom {
		d.newPage()
	}
	d.flow(rows)
}

// flow places rows one after another, starting a page when the next row — with every
// keepNext row chained to it — does not fit. Trailing keepNext rows wait for the next call.
func (d *doc) flow(rows []row) {
	rows = append(d.pending, rows...)
	k := len(rows)
	for k > 0 && rows[k-1].keepNext {
		k--
	}
	d.pending = append([]row(nil), rows[k:]...)
	rows = rows[:k]
	for i, r := range rows {
		need := r.h
		for j := i; j < len(rows)-1 && rows[j].keepNext; j++ {
			need += rows[j+1].h
		}
		if d.y+need > bodyBottom && d.y > bodyTop+sum(d.repeat)+0.01 {
			d.newPage()
		}
		r.draw(d.y)
		d.y += r.h
	}
}

// bookmark makes the first of rows, where it is drawn, the target of an outline entry (a PDF
// bookmark, level 0) titled title: the reader's table of contents follows the layout.
func (d *doc) bookmark(rows []row, title string) {
	draw := rows[0].draw
	rows[0].draw = func(y float64) {
		draw(y) // sets a font: gofpdf encodes the title as UTF-16 only under a UTF-8 font
		d.f.Bookmark(clean(title), 0, y)
	}
}

// rule is a thin horizontal line across the content width.
func (d *doc) rule(y float64, c [3]int, width float64) {
	d.f.SetDrawColor(c[0], c[1], c[2])
	d.f.SetLineWidth(width)
	d.f.Line(marginL, y, marginL+contentW, y)
}
