package pdf

import (
	"fmt"
	"strings"
	"time"

	"bando/schema"
)

// Facts are what the cover, the running header and the document metadata say about the
// proposal, read from the call and the answers.
type Facts struct {
	Applicant string // the ATS or partnership name; the lead's name when it has none
	Lead      string // the lead organisation (capofila)
	Members   int    // items of the signers' group (ATS members)
}

// ReadFacts finds the applicant and the lead by two conventions of the call schema, since a
// call does not (yet) name them explicitly:
//   - the applicant's name is the first top-level text field whose id starts with
//     "denominazione" (FAMI: ats.denominazione_ats);
//   - the lead is the item of a signers' group whose boolean "capofila" answer is true, named
//     by that rule's entity field (FAMI: ats.membri[capofila == true].denominazione).
//
// A call that names things otherwise gets a cover without them, never a wrong one.
func ReadFacts(c *schema.Call, visible schema.Answers) Facts {
	var fx Facts
	for _, s := range c.Sections {
		for _, f := range s.Fields {
			if fx.Applicant == "" && f.Type == schema.TypeText && strings.HasPrefix(f.ID, "denominazione") {
				fx.Applicant, _ = visible.Get(s.ID + "." + f.ID).(string)
			}
		}
	}
	for _, sg := range c.Signers {
		items := visible.Items(sg.Items)
		if len(items) > fx.Members {
			fx.Members = len(items)
		}
		for _, it := range items {
			m, _ := it.(map[string]any)
			if lead, _ := m["capofila"].(bool); lead && fx.Lead == "" {
				fx.Lead, _ = m[sg.Entity].(string)
			}
		}
	}
	fx.Applicant = strings.TrimSpace(fx.Applicant)
	fx.Lead = strings.TrimSpace(fx.Lead)
	if fx.Applicant == "" {
		fx.Applicant = fx.Lead
	}
	return fx
}

// maxCoverSigners is how many signers the cover names one by one.
const maxCoverSigners = 8

// cover draws the first page: who asks what of whom, when, and who must sign.
func (d *doc) cover(p *proposal) {
	l := p.lang
	d.use(stLabel)
	y := bodyTop + 4
	auth := p.call.Authority.Name.In(l)
	if off := p.call.Authority.Office.In(l); off != "" {
		auth += " — " + off
	}
	y += d.block(d.lines(clean(auth), stH2, contentW), style{"B", 11.5, 5.8, colAccent}, marginL, y, contentW, "L")
	d.rule(y+3, colAccent, 0.6)
	y += 14
	y += d.block(d.lines(clean(word("application", l)), stH2, contentW), stH2, marginL, y, contentW, "L") + 2
	y += d.block(d.lines(clean(p.call.Title.In(l)), stTitle, contentW), stTitle, marginL, y, contentW, "L") + 2
	y += d.block(d.lines(fmt.Sprintf("%s %s, %s %d", word("call", l), p.call.ID, word("version", l), p.call.Version), stSmall, contentW), stSmall, marginL, y, contentW, "L")
	y += 10

	type fact struct{ key, val string }
	facts := []fact{}
	if p.facts.Applicant != "" {
		facts = append(facts, fact{word("applicant", l), p.facts.Applicant})
	}
	if p.facts.Lead != "" && p.facts.Lead != p.facts.Applicant {
		facts = append(facts, fact{word("lead", l), p.facts.Lead})
	}
	k, v := p.placeDate()
	facts = append(facts, fact{k, v})
	status := word("final", l)
	switch {
	case p.draft:
		status = p.draftNote("draft.status")
	case !p.final:
		status = word("draft", l)
	}
	facts = append(facts, fact{word("status", l), status})
	if s := p.call.Submission; s.To != "" {
		facts = append(facts, fact{word("send", l), fmt.Sprintf(word("send.text", l), s.To, deadlineHour(s), shortDate(s.Deadline, l))})
		if s.Subject != "" {
			facts = append(facts, fact{word("subject", l), s.Subject})
		}
	}
	switch n := len(p.signers); {
	case n > maxCoverSigners: // the cover is one page: a large ATS is listed at the end
		facts = append(facts, fact{word("signers", l), fmt.Sprintf(word("signers.many", l), n)})
	case n > 0:
		names := make([]string, n)
		for i, s := range p.signers {
			names[i] = s.Name
			if s.Entity != "" {
				names[i] = fmt.Sprintf("%s (%s)", s.Name, s.Entity)
			}
		}
		facts = append(facts, fact{word("signers", l), strings.Join(names, "\n")})
	}
	const keyW = 45.0
	for _, fc := range facts {
		ls := d.lines(clean(fc.val), stBody, contentW-keyW)
		st := stBody
		if fc.key == word("status", l) && !p.final {
			st.font, st.color = "B", [3]int{180, 30, 30}
		}
		d.block(d.lines(clean(fc.key), stCoverKey, keyW-4), stCoverKey, marginL, y+0.4, keyW-4, "L")
		y += d.block(ls, st, marginL+keyW, y, contentW-keyW, "L") + 3
	}
	y = d.coverTotals(p, y+2)
	d.rule(y+2, colRule, 0.3)
	y += 6
	d.block(d.lines(clean(word("contents.note", l)), stItalic, contentW), stItalic, marginL, y, contentW, "L")
}

// placeDate is the document's one date, with its label: the place and date of signature the
// answers give (schema.Application: "Firenze, 1 marzo 2024"), or, while the date is not
// answered or the call names no such field, the day the draft was finalised (saved, before
// finalising) in Italian time.
func (p *proposal) placeDate() (key, val string) {
	l := p.lang
	t, err := time.Parse("2006-01-02", p.signed)
	if err != nil {
		return word("date", l), schema.LongDate(schema.InRome(p.date), l)
	}
	val = schema.LongDate(t, l)
	if place := strings.TrimSpace(p.place); place != "" {
		return word("place.date", l), place + ", " + val
	}
	return word("date", l), val
}

// deadlineHour is the hour the call gives, or 23:59 (the end of the day) when it gives none.
func deadlineHour(s schema.Submission) string {
	if len(s.Time) >= 5 {
		return s.Time[:5]
	}
	return "23:59"
}

// pageFrame draws the running header (from page 2) and the footer of page n of total: the
// call, its version, the page count, the digest of the answers and the call's hash, so a
// loose page can be matched to its document, to the answers it prints and to its call.
func (d *doc) pageFrame(p *proposal, n, total int) {
	d.f.SetPage(n)
	// gofpdf skips a font change it believes is current; on a page revisited the stream's
	// last font may differ, so select another size first to force the change out.
	d.f.SetFont(family, "", 1)
	l := p.lang
	if p.draft {
		d.draftBand(p)
	}
	if n > 1 {
		left := p.facts.Applicant
		if left == "" {
			left = p.call.Title.In(l)
		}
		d.text(fit(d, clean(left), stSmall, contentW*0.6), stSmall, marginL, 11, contentW*0.6, "L")
		d.text(fit(d, clean(p.call.Authority.Name.In(l)), stSmall, contentW*0.4), stSmall, marginL+contentW*0.6, 11, contentW*0.4, "R")
		d.rule(15.5, colRule, 0.2)
	}
	y := pageH - 17
	d.rule(y, colRule, 0.2)
	y += 1.5
	d.text(fmt.Sprintf("%s · %s %d", p.call.ID, word("version", l), p.call.Version), stFoot, marginL, y, contentW/2, "L")
	d.text(fmt.Sprintf(word("page", l), n, fmt.Sprint(total)), stFoot, marginL+contentW/2, y, contentW/2, "R")
	d.text(word("digest", l)+": "+p.digest, stFoot, marginL, y+stFoot.lineH, contentW, "L")
	// The call's own hash (docs/call-identity.md): a proposal made on an altered copy of the
	// call shows another one than the call published.
	if h := p.call.Hash(); h != "" {
		d.text(word("call.digest", l)+": "+h, stFoot, marginL, y+2*stFoot.lineH, contentW, "L")
	}
}

// fit shortens a one-line text with an ellipsis until it fits width w.
func fit(d *doc, s string, st style, w float64) string {
	d.use(st)
	if d.f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}
