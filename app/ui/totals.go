package ui

import (
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The totals box: what the call computes in money (the total requested, what is left under the
// ceiling, the total of the budget items) and, for each item of a group that computes an
// amount (an action line), its amounts side by side (requested, and the budget items given to
// it). It stands at the top of every step that asks for an amount and on the review, so that
// an applicant sees the figures while typing them, not only in the field that computes them
// further down. Its values follow the typing as computed fields do (live.go): written into
// their <output>s by the keystroke's handler; the box itself renders only when items come and
// go or the language changes.

// totalsView is the box, as its own component so that a keystroke does not build it again.
type totalsView struct {
	app.Compo
	Lang schema.Lang
	Ver  int
}

func (v *totalsView) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	return totalsBox(sess.open.call, sess.open.answers(), v.Lang)
}

// isMoney reports whether f is an amount, typed or computed.
func isMoney(f *schema.Field) bool {
	return f.Type == schema.TypeMoney || f.Type == schema.TypeComputed && f.Format == schema.FormatMoneyValue
}

// asksMoney reports whether a section has an amount among its fields, at any depth.
func asksMoney(fs []*schema.Field) bool {
	for _, f := range fs {
		if isMoney(f) || asksMoney(f.Fields) {
			return true
		}
	}
	return false
}

// totalsBox is the box for the answers a; a placeholder when the call computes no amount.
// It is written as HTML (app.Raw): built element by element, the box cost the wasm ~20 KB.
func totalsBox(c *schema.Call, a schema.Answers, l schema.Lang) app.UI {
	var rows, tables strings.Builder
	for _, s := range c.Sections {
		for _, f := range s.Fields {
			path := s.ID + "." + f.ID
			switch {
			case f.Type == schema.TypeComputed && isMoney(f) && c.Shown(a, path):
				rows.WriteString(`<div class="totals-row"><dt>` + esc(f.Label.In(l)) + `</dt><dd>` + liveCopy(f, path, l) + `</dd></div>`)
			case f.Type == schema.TypeGroup && computesMoney(f) && len(a.Items(path)) > 0:
				itemTotals(&tables, f, path, a, l)
			}
		}
	}
	if rows.Len() == 0 {
		return placeholder()
	}
	return app.Raw(`<section id="totals" class="totals-box p-3 mb-4" aria-labelledby="totals-title"><h2 class="h5" id="totals-title">` +
		esc(tr(l, "totals.title")) + `</h2><dl class="totals-list mb-0">` + rows.String() + `</dl>` + tables.String() + `</section>`)
}

var esc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace

// liveCopy is the value of the field at path in the box, kept current while typing.
func liveCopy(f *schema.Field, path string, l schema.Lang) string {
	id := "sum-" + FieldID(path)
	return `<output id="` + id + `">` + esc(sess.live.show(id, f, path, l)) + `</output>`
}

// computesMoney reports whether the items of group g compute an amount.
func computesMoney(g *schema.Field) bool {
	for _, f := range g.Fields {
		if f.Type == schema.TypeComputed && isMoney(f) {
			return true
		}
	}
	return false
}

// itemTotals writes a table of the amounts of each item of group g: a row per item, a column
// per amount.
func itemTotals(b *strings.Builder, g *schema.Field, path string, a schema.Answers, l schema.Lang) {
	var cols []*schema.Field
	b.WriteString(`<table class="totals-items mt-2"><caption>` + esc(g.Label.In(l)) + `</caption><tr><th scope="col">` + esc(capitalize(itemName(g, l))) + `</th>`)
	for _, f := range g.Fields {
		if isMoney(f) {
			cols = append(cols, f)
			b.WriteString(`<th scope="col">` + esc(f.Label.In(l)) + `</th>`)
		}
	}
	b.WriteString(`</tr>`)
	for i := range a.Items(path) {
		item := itemPath(path, i)
		b.WriteString(`<tr><th scope="row">` + esc(itemName2(g, a, item, i, l)) + `</th>`)
		for _, f := range cols {
			b.WriteString(`<td>` + liveCopy(f, item+"."+f.ID, l) + `</td>`)
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</table>`)
}

// itemName2 names an item in the totals by its first text answer, else its first choice ("4 –
// Interventi di outreach"), else its number ("Linea d'azione 3").
func itemName2(g *schema.Field, a schema.Answers, item string, i int, l schema.Lang) string {
	name := itemTitle(g, a, item)
	for _, f := range g.Fields {
		if name == "" && f.Type == schema.TypeChoice {
			name = answerText(sess.open.call, a, f, item+"."+f.ID, l)
		}
	}
	if name == "" {
		return tr(l, "group.item", capitalize(itemName(g, l)), i+1)
	}
	return name
}
