package ui

import (
	"strconv"
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A group with "display": "table" (budget lines) is a table: a header row naming the columns,
// a row per item (itemView, in its row form), a cell per answer (fieldView with Cell set: the
// question as renderField draws it, its label hidden on a wide screen where the column header
// shows it, and naming its row for screen readers), and a footer summing the money columns.
// The table roles are ARIA roles on divs: each row is its own grid (bando.css), so a keystroke
// lays out its row alone and rows out of view are skipped, as cards are. On a phone the rows
// are stacked and the labels shown. The same components as cards mean the same code: the
// table costs the first visit little.

func init() {
	texts["table.keys"] = [2]string{
		"Nella tabella, ↑ e ↓ portano alla stessa colonna della riga sopra o sotto (in un elenco di scelta con Ctrl); Alt+Maiusc+↑ e Alt+Maiusc+↓ spostano la riga.",
		"In the table, ↑ and ↓ go to the same column of the row above or below (with Ctrl in a list of options); Alt+Shift+↑ and Alt+Shift+↓ move the row.",
	}
	texts["table.number"] = [2]string{"N.", "No."}
	texts["table.actions"] = [2]string{"Azioni sulla riga", "Row actions"}
	texts["table.total"] = [2]string{"Totale", "Total"}
}

// table lays out the items of group def as rows under a header row, with a footer of sums.
func (g *groupView) table(def *schema.Field, items []app.UI) app.UI {
	l := g.Lang
	cols := "3.5rem"
	head := []app.UI{app.Div().Attr("role", "columnheader").Text(tr(l, "table.number"))}
	for _, sub := range def.Fields {
		label := sub.Label.In(l)
		switch sub.Type {
		case schema.TypeChoice, schema.TypeBoolean, schema.TypeDate:
			cols += " 11rem"
		case schema.TypeMoney, schema.TypeNumber, schema.TypeComputed:
			cols += " 10rem"
		default:
			cols += " minmax(10rem,1fr)"
		}
		if sub.Type == schema.TypeMoney {
			label += " (€)"
		}
		head = append(head, app.Div().Attr("role", "columnheader").Text(label))
	}
	head = append(head, app.Div().Attr("role", "columnheader").Text(tr(l, "table.actions")))
	keys := FieldID(g.Path) + "-keys"
	// The wrapper scrolls sideways on a narrow screen: focusable and named, so that a keyboard
	// can scroll it even when the table has no row yet (axe: scrollable-region-focusable).
	return app.Div().Class("table-responsive").TabIndex(0).Attr("role", "region").Aria("labelledby", FieldID(g.Path)+"-title").Body(
		app.P().Class("form-text").ID(keys).Text(tr(l, "table.keys")),
		app.Div().Class("bando-table").ID(FieldID(g.Path)+"-table").Attr("role", "table").Style("--cols", cols+" 16rem").
			Aria("labelledby", FieldID(g.Path)+"-title").Aria("describedby", keys).Body(
			app.Div().Attr("role", "rowgroup").Class("table-head").Body(app.Div().Attr("role", "row").Body(head...)),
			app.Div().Attr("role", "rowgroup").Body(items...),
			g.footer(def, len(items)),
		),
	)
}

// footer sums each money column of the shown items. Where the call has a computed field that
// is exactly that sum (sum(budget.voci[].importo)), the footer shows its value and its label,
// so that the table and the rest of the proposal say the same thing in the same words.
func (g *groupView) footer(def *schema.Field, shown int) app.UI {
	l := g.Lang
	a := sess.open.answers()
	label := tr(l, "table.total")
	var cells []app.UI
	span := 1 // the label spans the number and the columns before the first sum
	for _, sub := range def.Fields {
		switch {
		case sub.Type == schema.TypeMoney:
		case cells == nil:
			span++
			continue
		default:
			cells = append(cells, app.Div().Attr("role", "cell"))
			continue
		}
		var text string
		if f := sumField(sess.open.call, def, sub); f != nil {
			label = f.Label.In(l)
			text = computedText(sess.open.call, a, f, f.Path(), l)
		} else {
			var total int64
			for i := range shown {
				c, _ := schema.Cents(a.Get(itemPath(g.Path, i) + "." + sub.ID))
				total += c
			}
			text = schema.FormatMoney(total, l)
		}
		cells = append(cells, app.Div().Attr("role", "cell").Class("cell-sum").Body(
			app.Output().ID(FieldID(g.Path)+"-sum-"+sub.ID).Aria("live", "polite").Text(text)))
	}
	if cells == nil {
		return placeholder()
	}
	return app.Div().Attr("role", "rowgroup").Class("table-total").Body(app.Div().Attr("role", "row").Body(
		append([]app.UI{app.Div().Attr("role", "rowheader").Style("grid-column", "span "+strconv.Itoa(span)).Class("total-head").Text(label)}, cells...)...))
}

// sumField is a computed field of the call, outside any group, whose expression is the sum of
// column col of the top-level group g: sum(budget.voci[].importo), or sum(voci[].importo) in
// g's own section. Nil when there is none.
func sumField(c *schema.Call, g, col *schema.Field) *schema.Field {
	sec, id, _ := strings.Cut(g.Path(), ".")
	if strings.Contains(id, ".") {
		return nil // a group inside an item: its sums are per item
	}
	for _, s := range c.Sections {
		for _, f := range s.Fields {
			e := strings.ReplaceAll(f.Expr, " ", "")
			if f.Type == schema.TypeComputed && (e == "sum("+g.Path()+"[]."+col.ID+")" || s.ID == sec && e == "sum("+id+"[]."+col.ID+")") {
				return f
			}
		}
	}
	return nil
}

// cells are the cells of a table's row: a question each, or an empty cell where a `when`
// hides it in this item, so that the columns stay in place.
func cells(fields []*schema.Field, prefix string, l schema.Lang, ver int) []app.UI {
	a := sess.open.answers()
	out := make([]app.UI, len(fields))
	for i, f := range fields {
		out[i] = app.Div().Attr("role", "cell")
		if sess.open.call.Shown(a, prefix+f.ID) {
			out[i] = &fieldView{Path: prefix + f.ID, Lang: l, Ver: ver, Cell: true}
		}
	}
	return out
}

// rowName is "Voce di spesa 3" for a cell of that row: it ends the cell's label, which screen
// readers read as the input's name.
func rowName(path string, l schema.Lang) string {
	item := path[:strings.LastIndexByte(path, '.')]
	i := strings.LastIndexByte(item, '[')
	n, _ := strconv.Atoi(item[i+1 : len(item)-1])
	return tr(l, "group.item", capitalize(itemName(sess.open.call.Field(item[:i]), l)), n+1)
}
