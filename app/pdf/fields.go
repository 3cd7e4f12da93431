package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"bando/schema"
)

// section prints a section's heading and every field the answers show, in the call's order;
// false when the section shows nothing and was left out.
func (d *doc) section(p *proposal, s *schema.Section, n int) bool {
	var fields []*schema.Field
	for _, f := range s.Fields {
		if p.call.Shown(p.answers, s.ID+"."+f.ID) {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return false
	}
	title := fmt.Sprintf("%d. %s", n, s.Title.In(p.lang))
	head := d.textRows(clean(title), stH1, marginL, contentW)
	d.bookmark(head, title)
	head[len(head)-1].keepNext = true
	rule := row{h: 4, keepNext: true, draw: func(y float64) { d.rule(y+1, colAccent, 0.4) }}
	if d.y > bodyTop {
		d.flow([]row{gap(4)})
	}
	d.flow(append(head, rule))
	for _, f := range fields {
		d.field(p, f, s.ID+"."+f.ID, marginL, contentW)
	}
	return true
}

// field prints one shown field at answer path.
func (d *doc) field(p *proposal, f *schema.Field, path string, x, w float64) {
	v := p.visible.Get(path)
	label := clean(f.Label.In(p.lang))
	switch f.Type {
	case schema.TypeGroup:
		d.group(p, f, path, x, w)
	case schema.TypeTextArea:
		d.flow(d.longRows(label, clean(value(f, v, p.lang)), x, w))
	case schema.TypeDeclaration:
		rows := d.longRows(label, clean(f.Statement.In(p.lang)), x, w)
		rows = rows[:len(rows)-1] // the closing gap comes after the verdict
		verdict := stBody
		verdict.font = "B"
		rows = append(rows, gap(1))
		rows = append(rows, d.textRows(clean(value(f, v, p.lang)), verdict, x, w)...)
		d.keep(append(rows, gap(3)))
	default:
		d.flow([]row{d.pairRow(label, clean(value(f, v, p.lang)), x, w)})
	}
}

// longRows is a label over a full-width text that may break across pages between lines.
func (d *doc) longRows(label, text string, x, w float64) []row {
	rows := d.textRows(label, stLabel, x, w)
	rows[len(rows)-1].keepNext = true
	body := d.textRows(text, stBody, x, w)
	if len(body) > 1 {
		body[0].keepNext = true // no single line left behind at the bottom of a page
	}
	rows = append(rows, body...)
	return append(rows, gap(2.5))
}

// pairRow is a label and a short answer side by side, never split.
func (d *doc) pairRow(label, val string, x, w float64) row {
	lw := w * 0.36
	ll := d.lines(label, stLabel, lw-3)
	vl := d.lines(val, stBody, w-lw)
	h := max(float64(len(ll))*stLabel.lineH+0.6, float64(len(vl))*stBody.lineH) + 1.6
	return row{h: h, draw: func(y float64) {
		d.block(ll, stLabel, x, y+0.6, lw-3, "L")
		d.block(vl, stBody, x+lw, y, w-lw, "L")
	}}
}

// column is a field of a group shown for at least one of its items.
type column struct {
	f *schema.Field
	w float64
}

// group prints a repeating group: as a table when its columns fit across the page, otherwise
// as one block per item. Either way an item (a table row) is never split across pages.
func (d *doc) group(p *proposal, g *schema.Field, path string, x, w float64) {
	items := p.visible.Items(path)
	var cols []column
	tabular := true
	for _, sub := range g.Fields {
		for i := range items {
			if p.call.Shown(p.answers, fmt.Sprintf("%s[%d].%s", path, i, sub.ID)) {
				cols = append(cols, column{f: sub})
				switch sub.Type {
				case schema.TypeTextArea, schema.TypeMultiChoice, schema.TypeDeclaration, schema.TypeGroup:
					tabular = false
				}
				break
			}
		}
	}
	head := d.textRows(clean(g.Label.In(p.lang)), stH2, x, w)
	head[len(head)-1].keepNext = true
	d.flow(append([]row{spacer(2)}, head...))
	if len(items) == 0 {
		d.flow([]row{d.textRows(word("none", p.lang), stItalic, x, w)[0], gap(3)})
		return
	}
	if tabular && len(cols) <= 5 && d.fitColumns(p, cols, items, w) {
		d.table(p, path, cols, items, x, w, true)
		return
	}
	for i := range items {
		d.item(p, g, path, i, x, w)
	}
}

// item prints item i of a group as a titled block, kept on one page when it fits.
func (d *doc) item(p *proposal, g *schema.Field, path string, i int, x, w float64) {
	name := g.ItemLabel.In(p.lang)
	if name == "" {
		name = word("item", p.lang)
	}
	title := fmt.Sprintf("%s %d", capitalize(name), i+1)
	m, _ := p.visible.Items(path)[i].(map[string]any)
	for _, sub := range g.Fields { // the item's first text answer names it
		if s, ok := m[sub.ID].(string); ok && sub.Type == schema.TypeText && strings.TrimSpace(s) != "" {
			title += " — " + s
			break
		}
	}
	tl := d.lines(clean(title), stH2, w-4)
	h := float64(len(tl))*stH2.lineH + 2
	rows := []row{{h: h + 1.5, keepNext: true, draw: func(y float64) {
		d.f.SetFillColor(colShade[0], colShade[1], colShade[2])
		d.f.Rect(x, y, w, h, "F")
		d.block(tl, stH2, x+2, y+1, w-4, "L")
	}}}
	at := func(sub *schema.Field) string { return fmt.Sprintf("%s[%d].%s", path, i, sub.ID) }
	// short answers two to a line, label over value, like a paper form; long texts below
	var short, long []*schema.Field
	for _, sub := range g.Fields {
		switch {
		case sub.Type == schema.TypeGroup || !p.call.Shown(p.answers, at(sub)):
		case sub.Type == schema.TypeTextArea || sub.Type == schema.TypeDeclaration:
			long = append(long, sub)
		default:
			short = append(short, sub)
		}
	}
	cellW := (w - 2 - gridGap) / 2
	for k := 0; k < len(short); k += 2 {
		pair := short[k:min(k+2, len(short))]
		cells := make([]labelled, len(pair))
		for j, sub := range pair {
			cells[j] = d.labelled(clean(sub.Label.In(p.lang)), clean(value(sub, p.visible.Get(at(sub)), p.lang)), cellW)
		}
		rows = append(rows, d.gridRow(cells, x+2, cellW))
	}
	for _, sub := range long {
		rows = append(rows, d.longRows(clean(sub.Label.In(p.lang)), clean(value(sub, p.visible.Get(at(sub)), p.lang)), x+2, w-2)...)
	}
	rows = append(rows, gap(3))
	if sum(rows) <= (bodyBottom-bodyTop)/2 {
		d.keep(rows)
	} else {
		// A long item (an ATS member with its texts) flows across pages rather than leave
		// half a page blank, breaking only between its rows; the next page repeats its
		// title so the reader knows whose data continues.
		cont := d.textRows(clean(title+" "+word("continued", p.lang)), stLabel, x+2, w-2)
		cont = append(cont, gap(1))
		d.flow(rows[:2])
		d.repeat = cont
		d.flow(rows[2:])
		d.repeat = nil
	}
	for _, sub := range g.Fields {
		if sub.Type == schema.TypeGroup && p.call.Shown(p.answers, at(sub)) {
			d.group(p, sub, at(sub), x+4, w-4)
		}
	}
}

const gridGap = 6.0

// labelled is a small label over its answer, wrapped to one grid cell.
type labelled struct {
	label, value []string
	h            float64
}

func (d *doc) labelled(label, val string, w float64) labelled {
	l := labelled{label: d.lines(label, stLabel, w), value: d.lines(val, stBody, w)}
	l.h = float64(len(l.label))*stLabel.lineH + float64(len(l.value))*stBody.lineH + 1.4
	return l
}

// gridRow puts cells side by side, each w wide.
func (d *doc) gridRow(cells []labelled, x, w float64) row {
	h := 0.0
	for _, c := range cells {
		h = max(h, c.h)
	}
	return row{h: h, draw: func(y float64) {
		for j, c := range cells {
			cx := x + float64(j)*(w+gridGap)
			lh := d.block(c.label, stLabel, cx, y, w, "L")
			d.block(c.value, stBody, cx, y+lh, w, "L")
		}
	}}
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

const cellPad = 1.2

// fitColumns sizes the columns from their contents; false when they cannot share width w
// without breaking words.
func (d *doc) fitColumns(p *proposal, cols []column, items []any, w float64) bool {
	natural := make([]float64, len(cols))
	minimum := make([]float64, len(cols))
	total, totalMin := 0.0, 0.0
	for j, c := range cols {
		d.use(stTableHd)
		for _, word := range strings.Fields(clean(c.f.Label.In(p.lang))) {
			minimum[j] = max(minimum[j], d.f.GetStringWidth(word))
		}
		natural[j] = max(minimum[j], min(d.f.GetStringWidth(clean(c.f.Label.In(p.lang))), 40))
		d.use(stTable)
		// amounts, numbers and dates are never wrapped: "€ 60.000,00" on two lines misreads
		atomic := isMoney(c.f) || isNumber(c.f) || c.f.Type == schema.TypeDate || c.f.Type == schema.TypeComputed && c.f.Format == schema.FormatDateValue
		for _, it := range items {
			m, _ := it.(map[string]any)
			s := clean(value(c.f, m[c.f.ID], p.lang))
			if atomic {
				minimum[j] = max(minimum[j], d.f.GetStringWidth(s))
			}
			natural[j] = max(natural[j], min(d.f.GetStringWidth(s), 80))
			for _, word := range strings.Fields(s) {
				minimum[j] = max(minimum[j], min(d.f.GetStringWidth(word), 40))
			}
		}
		if atomic { // room for the total too
			minimum[j] *= 1.15
			natural[j] = max(natural[j], minimum[j])
		}
		natural[j] += 2 * cellPad
		minimum[j] += 2 * cellPad
		total += natural[j]
		totalMin += minimum[j]
	}
	if totalMin > w {
		return false
	}
	// share the width in proportion to the natural widths, then lift any column below its
	// minimum and take the difference from the others
	for j := range cols {
		cols[j].w = natural[j] * w / total
	}
	for range cols {
		short, spare := 0.0, 0.0
		for j := range cols {
			if cols[j].w < minimum[j] {
				short += minimum[j] - cols[j].w
				cols[j].w = minimum[j]
			} else {
				spare += cols[j].w - minimum[j]
			}
		}
		if short == 0 {
			break
		}
		for j := range cols {
			if cols[j].w > minimum[j] {
				cols[j].w -= short * (cols[j].w - minimum[j]) / spare
			}
		}
	}
	return true
}

// table prints the items of a group as rows under a header repeated on every page; rows are
// never split, money columns are right-aligned and, when total is set, totalled.
func (d *doc) table(p *proposal, path string, cols []column, items []any, x, w float64, total bool) {
	cells := func(texts []string, st style, fill bool, aligns []string) row {
		wrapped := make([][]string, len(cols))
		lines := 1
		for j, c := range cols {
			wrapped[j] = d.lines(texts[j], st, c.w-2*cellPad)
			lines = max(lines, len(wrapped[j]))
		}
		h := float64(lines)*st.lineH + 2*cellPad
		return row{h: h, draw: func(y float64) {
			if fill {
				d.f.SetFillColor(colShade[0], colShade[1], colShade[2])
				d.f.Rect(x, y, w, h, "F")
			}
			cx := x
			for j, c := range cols {
				d.block(wrapped[j], st, cx+cellPad, y+cellPad, c.w-2*cellPad, aligns[j])
				cx += c.w
			}
			d.f.SetDrawColor(colRule[0], colRule[1], colRule[2])
			d.f.SetLineWidth(0.2)
			d.f.Line(x, y+h, x+w, y+h)
		}}
	}
	heads := make([]string, len(cols))
	aligns := make([]string, len(cols))
	sums := make([]int64, len(cols))
	hasMoney := false
	for j, c := range cols {
		heads[j] = clean(c.f.Label.In(p.lang))
		aligns[j] = "L"
		if isMoney(c.f) || isNumber(c.f) {
			aligns[j] = "R"
		}
		hasMoney = hasMoney || isMoney(c.f)
	}
	header := cells(heads, stTableHd, true, aligns)
	header.keepNext = true
	rows := []row{header}
	for i, it := range items {
		m, _ := it.(map[string]any)
		texts := make([]string, len(cols))
		for j, c := range cols {
			if !p.call.Shown(p.answers, fmt.Sprintf("%s[%d].%s", path, i, c.f.ID)) {
				texts[j] = ""
				continue
			}
			texts[j] = clean(value(c.f, m[c.f.ID], p.lang))
			if cs, ok := schema.Cents(m[c.f.ID]); ok && isMoney(c.f) {
				sums[j] += cs
			}
		}
		rows = append(rows, cells(texts, stTable, false, aligns))
	}
	if hasMoney && total {
		texts := make([]string, len(cols))
		labelled := false
		for j, c := range cols {
			switch {
			case isMoney(c.f):
				texts[j] = schema.FormatMoney(sums[j], p.lang)
			case !labelled:
				texts[j], labelled = word("total", p.lang), true
			}
		}
		rows = append(rows, cells(texts, style{"B", stTable.size, stTable.lineH, colText}, true, aligns))
	}
	// the header goes with the first row; after it, a page break repeats the header
	d.flow(rows[:2])
	d.repeat = []row{header}
	d.flow(rows[2:])
	d.repeat = nil
	d.flow([]row{gap(4)})
}
