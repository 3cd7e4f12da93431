package ui

import (
	"strconv"
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A group with "display": "table" (budget lines) is a table: a row per item (rowView), a
// column per field, a cell per answer (fieldView with Cell set). Each input is named by its
// column header and its row header (aria-labelledby), its message is painted in the cell as
// a question's is, and a footer sums the money columns. A keystroke renders only the cell typed
// in, like a question: the rows and the footer compare small props. On a phone the rows are
// stacked, each cell with its column's name (bando.css).

func init() {
	texts["table.keys"] = [2]string{
		"Nella tabella, ↑ e ↓ portano alla stessa colonna della riga sopra o sotto (in un elenco di scelta con Ctrl); Alt+Maiusc+↑ e Alt+Maiusc+↓ spostano la riga.",
		"In the table, ↑ and ↓ go to the same column of the row above or below (with Ctrl in a list of options); Alt+Shift+↑ and Alt+Shift+↓ move the row.",
	}
	texts["table.number"] = [2]string{"N.", "No."}
	texts["table.actions"] = [2]string{"Azioni sulla riga", "Row actions"}
	texts["table.total"] = [2]string{"Totale", "Total"}
	texts["table.up"] = [2]string{"↑", "↑"}
	texts["table.down"] = [2]string{"↓", "↓"}
}

// columnID and columnHelpID are the ids of a table's column header and of its help.
func columnID(group, field string) string     { return FieldID(group) + "-col-" + field }
func columnHelpID(group, field string) string { return FieldID(group) + "-colhelp-" + field }
func tableKeysID(group string) string         { return FieldID(group) + "-keys" }

// table lays out the shown items of group def (at g.Path) as rows, with a header, the help of
// the columns and a footer of sums.
func (g *groupView) table(def *schema.Field, shown, n, max int) app.UI {
	l := g.Lang
	head := []app.UI{app.Div().Attr("role", "columnheader").Class("row-head").Text(tr(l, "table.number"))}
	var helps []app.UI
	cols := "3.5rem"
	for _, sub := range def.Fields {
		cols += " " + columnWidth(sub.Type)
		label := sub.Label.In(l)
		if sub.Type == schema.TypeMoney {
			label += " (€)"
		}
		th := app.Div().Attr("role", "columnheader").ID(columnID(g.Path, sub.ID)).Class("col-" + string(sub.Type))
		if !sub.Required() && sub.Type != schema.TypeComputed {
			th = th.Body(app.Text(label), app.Span().Class("optional").Text(" "+tr(l, "field.optional")))
		} else {
			th = th.Text(label)
		}
		head = append(head, th)
		if !sub.Help.IsZero() {
			helps = append(helps, app.Li().ID(columnHelpID(g.Path, sub.ID)).Body(
				app.Strong().Text(sub.Label.In(l)+": "), app.Text(sub.Help.In(l))))
		}
	}
	head = append(head, app.Div().Attr("role", "columnheader").Class("row-actions").Text(tr(l, "table.actions")))
	cols += " 16rem"
	rows := make([]app.UI, shown)
	for i := range shown {
		rows[i] = &rowView{Path: itemPath(g.Path, i), Index: i, Count: shown, Lang: l, Ver: g.Ver, CondVer: g.CondVer,
			Full: max > 0 && n >= max}
	}
	return app.Div().Class("bando-table-wrap").Body(
		app.P().Class("form-text table-keys").ID(tableKeysID(g.Path)).Text(tr(l, "table.keys")),
		slot(len(helps) > 0, func() app.UI { return app.Ul().Class("form-text table-help").Body(helps...) }),
		app.Div().Class("table-responsive").Body(
			app.Div().Class("bando-table").ID(FieldID(g.Path)+"-table").Attr("role", "table").Style("--cols", cols).
				Aria("labelledby", FieldID(g.Path)+"-title").Aria("describedby", tableKeysID(g.Path)).Body(
				app.Div().Attr("role", "rowgroup").Class("table-head").Body(app.Div().Attr("role", "row").Body(head...)),
				app.Div().Attr("role", "rowgroup").Body(rows...),
				g.footer(def, shown),
			),
		),
	)
}

// footer sums each money column of the shown items. Where the call has a computed field that
// is exactly that sum (sum(budget.voci[].importo)), the footer shows its value and its label,
// so the table and the rest of the proposal say the same thing in the same words.
func (g *groupView) footer(def *schema.Field, shown int) app.UI {
	l := g.Lang
	a := sess.answers()
	label := tr(l, "table.total")
	var cells []app.UI
	span := 1 // the label spans the number and the columns before the first sum
	for _, sub := range def.Fields {
		td := app.Div().Attr("role", "cell").DataSet("label", sub.Label.In(l))
		switch {
		case sub.Type == schema.TypeMoney:
		case cells == nil:
			span++
			continue
		default:
			cells = append(cells, td.Class("cell-empty"))
			continue
		}
		text := ""
		if f := sumField(sess.call, def, sub); f != nil {
			label = f.Label.In(l)
			text = computedText(sess.call, a, f, f.Path(), l)
		} else {
			var total int64
			for i := range shown {
				if c, ok := schema.Cents(a.Get(itemPath(g.Path, i) + "." + sub.ID)); ok {
					total += c
				}
			}
			text = schema.FormatMoney(total, l)
		}
		cells = append(cells, td.Class("cell-money cell-sum").Body(
			app.Output().ID(columnID(g.Path, sub.ID)+"-sum").Aria("live", "polite").Text(text)))
	}
	if cells == nil {
		return placeholder()
	}
	head := app.Div().Attr("role", "rowheader").Style("grid-column", "span "+strconv.Itoa(span)).
		Class("total-head").Text(label)
	return app.Div().Attr("role", "rowgroup").Body(app.Div().Attr("role", "row").Class("table-total").Body(
		append(append([]app.UI{head}, cells...), app.Div().Attr("role", "cell").Class("cell-empty"))...))
}

// sumField is a computed field of the call, outside any group, whose expression is the sum of
// column col of the top-level group g: sum(budget.voci[].importo), or sum(voci[].importo) in
// g's own section. Nil when there is none.
func sumField(c *schema.Call, g, col *schema.Field) *schema.Field {
	if c == nil || strings.Contains(g.Path(), "[") || strings.Count(g.Path(), ".") != 1 {
		return nil
	}
	sec, id, _ := strings.Cut(g.Path(), ".")
	for _, s := range c.Sections {
		for _, f := range s.Fields {
			if f.Type != schema.TypeComputed {
				continue
			}
			e := strings.ReplaceAll(f.Expr, " ", "")
			if e == "sum("+g.Path()+"[]."+col.ID+")" || s.ID == sec && e == "sum("+id+"[]."+col.ID+")" {
				return f
			}
		}
	}
	return nil
}

// columnWidth is the width of a table's column for a field of type t: a choice, a date or an
// amount needs about as much as its longest likely value; a text takes what is left.
func columnWidth(t schema.FieldType) string {
	switch t {
	case schema.TypeChoice, schema.TypeBoolean, schema.TypeDate:
		return "11rem"
	case schema.TypeMoney, schema.TypeNumber, schema.TypeComputed:
		return "10rem"
	}
	return "minmax(10rem, 1fr)"
}

// rowView is one item of a table: its number (the row header), a cell per field, its buttons.
// Its props are those of itemView, whose actions it shares.
type rowView struct {
	app.Compo
	Path    string // "budget.voci[2]"
	Index   int
	Count   int
	Lang    schema.Lang
	Ver     int
	CondVer int
	Full    bool
}

func (r *rowView) item() *itemView {
	return &itemView{Path: r.Path, Index: r.Index, Count: r.Count, Lang: r.Lang, Ver: r.Ver, CondVer: r.CondVer, Full: r.Full}
}

func (r *rowView) Render() (ui app.UI) {
	defer sess.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	it := r.item()
	def := sess.call.Field(it.group())
	if def == nil {
		return app.Div()
	}
	l := r.Lang
	a := sess.answers()
	title := tr(l, "group.item", capitalize(itemName(def, l)), r.Index+1)
	cells := make([]app.UI, 0, len(def.Fields)+2)
	cells = append(cells, app.Div().Attr("role", "rowheader").Class("row-head").ID(itemHeadingID(r.Path)).TabIndex(-1).Body(
		app.Span().Class("visually-hidden").Text(capitalize(itemName(def, l))+" "),
		app.Text(strconv.Itoa(r.Index+1)),
	))
	for _, sub := range def.Fields {
		p := r.Path + "." + sub.ID
		if !sess.call.Shown(a, p) {
			cells = append(cells, app.Div().Attr("role", "cell").Class("cell-empty").DataSet("label", sub.Label.In(l)))
			continue
		}
		cells = append(cells, &fieldView{Path: p, Lang: l, Ver: r.Ver, Cell: true})
	}
	var is *schema.Issue // a check on the whole item
	cls := "bando-row"
	if u := sess.ui[r.Path]; u != nil && u.issue != nil {
		is = u.issue
		cls += " item-invalid"
		if is.IsWarning() {
			cls = "bando-row item-warned"
		}
	}
	btn := func(cls, text, label string, h app.EventHandler) app.HTMLButton {
		return app.Button().Type("button").Class("btn btn-sm btn-outline-secondary "+cls).
			Aria("label", label+": "+title).Title(label).Text(text).OnClick(h)
	}
	cells = append(cells, app.Div().Attr("role", "cell").Class("row-actions").DataSet("label", tr(l, "table.actions")).Body(
		messageBox(r.Path, is),
		app.Div().Class("d-flex gap-1").Body(
			btn("item-up", tr(l, "table.up"), tr(l, "group.up"), r.moveUp).Disabled(r.Index == 0),
			btn("item-down", tr(l, "table.down"), tr(l, "group.down"), r.moveDown).Disabled(r.Index == r.Count-1),
			slot(!r.Full, func() app.UI {
				return btn("item-duplicate", tr(l, "group.duplicate"), tr(l, "group.duplicate"), r.duplicate)
			}),
			btn("item-remove btn-outline-danger", tr(l, "group.remove"), tr(l, "group.remove"), r.remove),
		),
	))
	return app.Div().Attr("role", "row").Class(cls).DataSet("path", r.Path).DataSet("index", r.Index).Body(cells...)
}

func (r *rowView) moveUp(ctx app.Context, e app.Event) {
	defer sess.recovered()
	r.item().move(ctx, r.Index-1)
}

func (r *rowView) moveDown(ctx app.Context, e app.Event) {
	defer sess.recovered()
	r.item().move(ctx, r.Index+1)
}

func (r *rowView) duplicate(ctx app.Context, e app.Event) {
	defer sess.recovered()
	r.item().duplicate(ctx, e)
}

func (r *rowView) remove(ctx app.Context, e app.Event) {
	defer sess.recovered()
	r.item().remove(ctx, e)
}

// OnMount and OnUpdate paint the row's message, as itemView does for a card's.
func (r *rowView) OnMount(ctx app.Context) {
	defer sess.recovered()
	if u := sess.ui[r.Path]; u != nil && u.issue != nil {
		ctx.Defer(func(app.Context) {
			defer sess.recovered()
			r.item().paint()
		})
	}
}

func (r *rowView) OnUpdate(ctx app.Context) {
	defer sess.recovered()
	ctx.Defer(func(app.Context) {
		defer sess.recovered()
		r.item().paint()
	})
}

// renderCell is one answer in a table: the input, named by its column and row headers, and
// its message under it. A choice is a select whatever its number of options (radios do not fit
// a cell), and so is a yes/no.
func renderCell(p fieldProps, h *fieldView) app.UI {
	id := FieldID(p.path)
	item := p.path[:strings.LastIndexByte(p.path, '.')]
	group := item[:strings.LastIndexByte(item, '[')]
	names := columnID(group, p.def.ID) + " " + itemHeadingID(item)
	desc := errorID(p.path)
	if !p.def.Help.IsZero() {
		desc = columnHelpID(group, p.def.ID) + " " + desc
	}
	var in app.UI
	switch p.def.Type {
	case schema.TypeComputed:
		text := computedText(sess.call, sess.answers(), p.def, p.path, p.lang)
		if sess.live.shown == nil {
			sess.live.shown = map[string]liveOutput{}
		}
		sess.live.shown[p.path] = liveOutput{f: p.def, item: item, text: text}
		in = app.Output().ID(id).Class("computed-value").Aria("labelledby", names).Aria("live", "polite").Text(text)
	case schema.TypeChoice, schema.TypeBoolean:
		cur := ""
		var opts []schema.Option
		switch v := p.value.(type) {
		case string:
			cur = v
		case bool:
			cur = strconv.FormatBool(v)
		}
		if p.def.Type == schema.TypeBoolean {
			opts = []schema.Option{
				{Value: "true", Label: schema.Text{IT: tr(schema.IT, "field.yes"), EN: tr(schema.EN, "field.yes")}},
				{Value: "false", Label: schema.Text{IT: tr(schema.IT, "field.no"), EN: tr(schema.EN, "field.no")}},
			}
		} else {
			opts = p.options()
		}
		list := []app.UI{app.Option().Value("").Selected(cur == "").Text(tr(p.lang, "field.choose"))}
		for _, o := range opts {
			list = append(list, app.Option().Value(o.Value).Selected(cur == o.Value).Text(o.Text(p.lang)))
		}
		handler := h.onChoice
		if p.def.Type == schema.TypeBoolean {
			handler = h.onCellBool
		}
		in = app.Select().ID(id).Name(id).Class("form-select form-select-sm").
			Aria("labelledby", names).Aria("describedby", desc).Aria("invalid", invalid(p)).
			OnChange(handler).Body(list...)
	default:
		typ, mode, auto := "text", "", "off"
		switch p.def.Type {
		case schema.TypeEmail:
			typ, mode, auto = "email", "email", "email"
		case schema.TypeDate:
			typ = "date"
		case schema.TypeNumber, schema.TypeMoney:
			mode = "decimal"
		}
		text := inputText(p.def, p.value, p.lang)
		if p.ui != nil && p.ui.raw != "" {
			text = p.ui.raw
		}
		cls := "form-control form-control-sm"
		if p.invalid() {
			cls += " is-invalid"
		}
		in = app.Input().Type(typ).ID(id).Name(id).Class(cls).Value(text).
			Attr("autocomplete", auto).Attr("inputmode", mode).
			Aria("labelledby", names).Aria("describedby", desc).Aria("invalid", invalid(p)).
			OnInput(h.onText).OnBlur(h.onBlur)
	}
	cls := "cell cell-" + string(p.def.Type)
	switch is := p.issue(); {
	case is == nil:
	case is.IsWarning():
		cls += " field-warned"
	default:
		cls += " field-invalid"
	}
	return app.Div().Attr("role", "cell").Class(cls).DataSet("label", p.def.Label.In(p.lang)).DataSet("col", p.def.ID).DataSet("path", p.path).Body(
		in,
		messageBox(p.path, p.issue()),
	)
}

// onCellBool handles the select of a yes/no in a table: the empty choice is no answer.
func (f *fieldView) onCellBool(ctx app.Context, e app.Event) {
	defer sess.recovered() // a bug here must not kill the page (resilience.go)
	switch e.Get("target").Get("value").String() {
	case "true":
		sess.set(f.Path, true)
	case "false":
		sess.set(f.Path, false)
	default:
		sess.set(f.Path, nil)
	}
	sess.check(f.Path)
}
