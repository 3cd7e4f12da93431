package pdf

import (
	"fmt"

	"bando/schema"
)

// signatures prints the closing section: one block per required signer (schema
// RequiredSigners: every member's legal representative for an ATS still to be constituted,
// the lead's alone for a constituted one). The blocks name who signs so that a reviewer can
// match each digital signature to a line of the document.
func (d *doc) signatures(p *proposal, n int) {
	l := p.lang
	title := fmt.Sprintf("%d. %s", n, word("sign.title", l))
	head := d.textRows(clean(title), stH1, marginL, contentW)
	d.bookmark(head, title)
	rows := append([]row{gap(4)}, head...)
	rows = append(rows, row{h: 4, draw: func(y float64) { d.rule(y+1, colAccent, 0.4) }})
	rows = append(rows, d.textRows(clean(word("sign.intro", l)), stBody, marginL, contentW)...)
	k, v := p.placeDate()
	rows = append(rows, gap(2), d.pairRow(clean(k), clean(v), marginL, contentW))
	rows = append(rows, gap(3))
	for i := range rows { // the heading and the intro go with the first signature block
		rows[i].keepNext = true
	}
	d.flow(rows)
	if len(p.signers) == 0 {
		d.keep(d.textRows(clean(word("sign.none", l)), stItalic, marginL, contentW))
		return
	}
	const keyW = 40.0
	for i, s := range p.signers {
		pairs := [][2]string{
			{word("sign.entity", l), s.Entity},
			{word("sign.name", l), s.Name},
			{word("sign.cf", l), s.CF},
		}
		if askedRole(p.call) { // the office (carica), when the call asks for it
			pairs = append(pairs, [2]string{word("sign.role", l), s.Role})
		}
		var lines [][2][]string
		h := 2.0
		for _, pr := range pairs {
			k := d.lines(clean(pr[0]), stLabel, keyW-3)
			v := d.lines(clean(orDash(pr[1])), stBody, contentW-keyW-8)
			lines = append(lines, [2][]string{k, v})
			h += max(float64(len(k))*stLabel.lineH, float64(len(v))*stBody.lineH) + 1
		}
		h += 9 // the signature line
		num := fmt.Sprintf("%d", i+1)
		d.keep([]row{{h: h + 3, draw: func(y float64) {
			d.f.SetDrawColor(colRule[0], colRule[1], colRule[2])
			d.f.SetLineWidth(0.3)
			d.f.Rect(marginL, y, contentW, h, "D")
			d.text(num, stH2, marginL+2, y+2, 6, "L")
			yy := y + 2
			for _, ln := range lines {
				d.block(ln[0], stLabel, marginL+8, yy+0.6, keyW-3, "L")
				hv := d.block(ln[1], stBody, marginL+8+keyW, yy, contentW-keyW-8, "L")
				yy += max(float64(len(ln[0]))*stLabel.lineH, hv) + 1
			}
			d.f.SetDrawColor(colLabel[0], colLabel[1], colLabel[2])
			d.f.SetLineWidth(0.2)
			d.f.SetDashPattern([]float64{0.8, 0.8}, 0)
			d.f.Line(marginL+8+keyW, yy+6, marginL+contentW-6, yy+6)
			d.f.SetDashPattern(nil, 0)
			d.text(word("sign.line", l), stItalic, marginL+8, yy+2.5, keyW, "L")
		}}})
	}
}

func orDash(s string) string {
	if s == "" {
		return noAnswer
	}
	return s
}

// askedRole says whether the call names a field for the signers' office (schema.Signers.Role).
func askedRole(c *schema.Call) bool {
	for _, s := range c.Signers {
		if s.Role != "" {
			return true
		}
	}
	return false
}
