package pdf

import (
	"fmt"
	"strings"

	"bando/schema"
	"bando/schema/itid"
)

// opening prints the formal opening of the domanda, before the sections: who asks (each
// signer with birth, codice fiscale, office and organisation), aware of what, what they ask
// and what they declare. It follows the wording of Italian self-declarations under DPR
// 28 December 2000 no. 445: art. 46-47 (dichiarazioni sostitutive, made by the person who
// signs), art. 76 (criminal penalties for false declarations, which the declarant must be
// aware of) and art. 75 (loss of benefits). The request is the call's own
// (schema.Application.Request) where it has one; otherwise the call is named by its title.
// Whatever the answers lack is left out of the sentence, never invented.
func (d *doc) opening(p *proposal) {
	l := p.lang
	title := word("opening.title", l)
	head := d.textRows(clean(title), stH1, marginL, contentW)
	d.bookmark(head, title)
	rows := append(head, row{h: 4, draw: func(y float64) { d.rule(y+1, colAccent, 0.4) }})
	for i := range rows {
		rows[i].keepNext = true
	}
	d.flow(rows)
	n := len(p.signers)
	if n == 0 {
		d.keep(append(d.textRows(clean(word("sign.none", l)), stItalic, marginL, contentW), gap(4)))
		return
	}
	plural := n > 1
	if plural {
		intro := d.textRows(clean(word("opening.we", l)), stBody, marginL, contentW)
		intro[len(intro)-1].keepNext = true
		d.flow(append(intro, row{h: 1.5, keepNext: true, draw: func(float64) {}}))
	}
	for i, s := range p.signers {
		text := signerClause(s, !plural, l)
		if plural {
			end := ";"
			if i == n-1 {
				end = ","
			}
			rows := d.textRows(clean("– "+text+end), stBody, marginL+4, contentW-4)
			d.keep(append(rows, gap(1.5)))
			continue
		}
		d.keep(append(d.textRows(clean(text+","), stBody, marginL, contentW), gap(1.5)))
	}
	form := func(key string) string {
		if plural {
			key += ".n"
		}
		return word(key, l)
	}
	request := p.call.Application.Request.In(l)
	if strings.TrimSpace(request) == "" {
		request = fmt.Sprintf(word("opening.request", l), p.call.Title.In(l), p.call.Authority.Name.In(l))
	}
	request = strings.TrimRight(strings.TrimSpace(request), ".;,") + ";"
	verb := stBody
	verb.font = "B"
	centre := func(text string) row {
		return row{h: verb.lineH + 3, keepNext: true, draw: func(y float64) { d.text(text, verb, marginL, y+1.5, contentW, "C") }}
	}
	var rest []row
	aware := d.textRows(clean(form("opening.aware")), stBody, marginL, contentW)
	aware[len(aware)-1].keepNext = true
	rest = append(rest, aware...)
	rest = append(rest, centre(form("opening.ask")))
	rest = append(rest, d.textRows(clean(request), stBody, marginL, contentW)...)
	rest = append(rest, gap(1.5))
	intro := d.textRows(clean(word("opening.under", l)), stBody, marginL, contentW)
	intro[len(intro)-1].keepNext = true
	rest = append(rest, intro...)
	rest = append(rest, centre(form("opening.declare")))
	rest = append(rest, d.textRows(clean(form("opening.declared")), stBody, marginL, contentW)...)
	d.keep(append(rest, gap(4)))
}

// signerClause is one signer in the opening: "La sottoscritta Giulia Bartolini, nata a
// Firenze il 14/05/1978, codice fiscale …, in qualità di Presidente e legale rappresentante
// di Ponti di Parole APS". alone: the sentence starts with the subject ("La sottoscritta"),
// as when one person signs; in a list of signers the names come bare. The grammatical
// gender is read from the codice fiscale (women's birth day has 40 added); without a valid
// one the form is "Il/La sottoscritto/a … nato/a", as on paper forms; a place of birth
// abroad (a code of a foreign state) takes "in" ("nato in Marocco").
func signerClause(s schema.Signer, alone bool, l schema.Lang) string {
	g, abroad := "x", false
	if b, ok := itid.CFBirthOf(s.CF, 9999); ok {
		// the Belfiore codes of foreign states start with Z
		g, abroad = strings.ToLower(string(b.Sex)), strings.HasPrefix(b.Place, "Z")
	}
	var parts []string
	name := orDash(strings.TrimSpace(s.Name))
	if alone {
		name = word("opening.i."+g, l) + " " + name
	}
	parts = append(parts, name)
	born := ""
	if place := strings.TrimSpace(s.BirthPlace); place != "" {
		in := "opening.born.in"
		if abroad { // "nato in Marocco", not "a Marocco"
			in = "opening.born.abroad"
		}
		born = fmt.Sprintf(word(in, l), place)
	}
	if date := strings.TrimSpace(s.BirthDate); date != "" {
		born = strings.TrimSpace(born + " " + fmt.Sprintf(word("opening.born.on", l), shortDate(date, l)))
	}
	if born != "" {
		parts = append(parts, word("opening.born."+g, l)+" "+born)
	}
	if cf := strings.TrimSpace(s.CF); cf != "" {
		parts = append(parts, fmt.Sprintf(word("opening.cf", l), cf))
	}
	role := strings.TrimSpace(s.Role)
	legal := word("opening.legal", l)
	switch {
	case role == "" || strings.Contains(strings.ToLower(role), strings.ToLower(legal)):
		if role == "" {
			role = legal
		}
	default:
		role = fmt.Sprintf(word("opening.role.and", l), role, legal)
	}
	as := fmt.Sprintf(word("opening.as", l), role)
	if e := strings.TrimSpace(s.Entity); e != "" {
		as += " " + fmt.Sprintf(word("opening.of", l), e)
	}
	parts = append(parts, as)
	return strings.Join(parts, ", ")
}
