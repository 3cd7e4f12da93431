package pdf

import (
	"bando/schema"
)

// totals are the computed figures the call names as the proposal's totals (schema.Totals),
// with their paths, in the call's order; those of a hidden section are left out.
func (p *proposal) totals() (fs []*schema.Field, paths []string) {
	for _, path := range p.call.Totals.Fields {
		if f := p.call.Field(path); f != nil && p.call.Shown(p.answers, path) {
			fs, paths = append(fs, f), append(paths, path)
		}
	}
	return fs, paths
}

// coverTotals draws the totals on the cover from y, in a shaded box, and returns where the
// box ends. The values are the call's computed fields as the form shows them: the PDF adds
// nothing up itself, so the cover, the form and the checks cannot disagree.
func (d *doc) coverTotals(p *proposal, y float64) float64 {
	fs, paths := p.totals()
	if len(fs) == 0 {
		return y
	}
	const valW, pad = 48.0, 2.5
	labelW := contentW - valW - 3*pad
	type line struct {
		label []string
		val   string
	}
	lines := make([]line, len(fs))
	h := pad
	for i, f := range fs {
		lines[i] = line{d.lines(clean(f.Label.In(p.lang)), stBody, labelW), clean(value(f, p.visible.Get(paths[i]), p.lang))}
		h += float64(len(lines[i].label))*stBody.lineH + 1
	}
	h += pad - 1
	y += 3
	d.f.SetFillColor(colShade[0], colShade[1], colShade[2])
	d.f.Rect(marginL, y, contentW, h, "F")
	d.f.SetFillColor(255, 255, 255)
	bold := stBody
	bold.font = "B"
	yy := y + pad
	for _, ln := range lines {
		h := d.block(ln.label, stBody, marginL+pad, yy, labelW, "L")
		d.text(ln.val, bold, marginL+contentW-valW-pad, yy+h-stBody.lineH, valW, "R") // beside the label's last line
		yy += h + 1
	}
	return y + h
}

// recap closes the budget section (schema.Totals.Section): a row per budget line with its
// amounts, typed and computed (the amount asked, the sum of its cost items), then the totals.
// A proposal with no cost items still gets its total requested here.
func (d *doc) recap(p *proposal) {
	t := p.call.Totals
	fs, paths := p.totals()
	g := p.call.Field(t.Lines)
	var items []any
	if g != nil && g.Type == schema.TypeGroup && p.call.Shown(p.answers, t.Lines) {
		items = p.visible.Items(t.Lines)
	}
	if len(fs) == 0 && len(items) == 0 {
		return
	}
	head := d.textRows(clean(word("recap", p.lang)), stH2, marginL, contentW)
	head[len(head)-1].keepNext = true
	d.flow(append([]row{spacer(2)}, head...))
	if len(items) > 0 {
		var cols []column
		for _, f := range g.Fields { // the line's name: its first choice or text
			if f.Type == schema.TypeChoice || f.Type == schema.TypeText {
				cols = append(cols, column{f: f})
				break
			}
		}
		for _, f := range g.Fields {
			if isMoney(f) {
				cols = append(cols, column{f: f})
			}
		}
		if d.fitColumns(p, cols, items, contentW) {
			d.table(p, t.Lines, cols, items, marginL, contentW, false)
		}
	}
	var rows []row
	for i, f := range fs {
		rows = append(rows, d.pairRow(clean(f.Label.In(p.lang)), clean(value(f, p.visible.Get(paths[i]), p.lang)), marginL, contentW))
	}
	d.keep(append(rows, gap(3)))
}
