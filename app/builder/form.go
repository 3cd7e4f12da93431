package builder

import (
	"strconv"
	"strings"

	"bando/app/calledit"
	"bando/app/ui"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The form of the selected node: every property of its kind, texts in Italian and English
// side by side, validator tags as controls. Each control edits the call at once (edit); the
// handlers are scoped by the node and the property, so that go-app never keeps one that
// edits another node (it tells handlers of the same code apart by their scope only).

// selected is the node of the form: the call itself when nothing else is selected.
func (b *builderPage) selected() *calledit.Value {
	if b.sel == nil {
		return b.doc
	}
	return calledit.Node(b.doc, b.sel)
}

// scope names a control of the selected node for go-app.
func (b *builderPage) scope(prop string) string { return b.sel.String() + "|" + prop }

// setString sets or, when empty, removes the string at key of the object at path (keys
// below the node, created as needed).
func setString(n *calledit.Value, path []string, v string) {
	for _, k := range path[:len(path)-1] {
		if i, err := strconv.Atoi(k); err == nil && n.Kind == calledit.Array { // "checks.0.rule"
			if i >= len(n.Elems) {
				return
			}
			n = n.Elems[i]
			continue
		}
		c := n.Get(k)
		if c == nil || c.Kind != calledit.Object && c.Kind != calledit.Array {
			if v == "" {
				return
			}
			c = calledit.Obj()
			n.Set(k, c)
		}
		n = c
	}
	last := path[len(path)-1]
	if v == "" {
		n.Delete(last)
	} else {
		n.Set(last, calledit.Str(v))
	}
}

// getString is the string at path below n.
func getString(n *calledit.Value, path []string) string {
	return at(n, path[:len(path)-1]).Str(path[len(path)-1])
}

// at is the value at path below n ("checks", "0"), nil when there is none.
func at(n *calledit.Value, path []string) *calledit.Value {
	for _, k := range path {
		if i, err := strconv.Atoi(k); err == nil && n != nil && n.Kind == calledit.Array {
			if i >= len(n.Elems) {
				return nil
			}
			n = n.Elems[i]
			continue
		}
		n = n.Get(k)
	}
	return n
}

// box records the value the box id shows (for syncBoxes) and returns it.
func (b *builderPage) box(id, v string) string {
	if b.boxes == nil {
		b.boxes = map[string]string{}
	}
	b.boxes[id] = v
	return v
}

// syncBoxes gives every box of the form the value it was last drawn with, once the page is
// drawn. go-app reuses an input for the box at the same place in the next node's form, and
// cannot clear it through an empty value (it removes the attribute, which leaves what the
// input shows): the help box of a field would show the summary of the call selected before,
// and what the author typed there would go to the wrong node. The box being typed in is left
// alone.
func (b *builderPage) syncBoxes() {
	if !b.mounted {
		return
	}
	b.ctx.Defer(func(app.Context) {
		defer recovered()
		_ = ui.JSTry(func() {
			doc := app.Window().Get("document")
			active := doc.Get("activeElement")
			for id, v := range b.boxes {
				el := doc.Call("getElementById", id)
				if el.Truthy() && !el.Equal(active) && el.Get("value").String() != v {
					el.Set("value", v)
				}
			}
		})
	})
}

// textBox is a labelled one-line input of the string at prop ("label.it", "submission.to").
func (b *builderPage) textBox(l schema.Lang, prop, label string, extra ...string) app.UI {
	path := strings.Split(prop, ".")
	id := "prop-" + strings.ReplaceAll(prop, ".", "-")
	n := b.selected()
	typ := "text"
	if len(extra) > 0 {
		typ = extra[0]
	}
	return app.Div().Class("mb-2").Body(
		app.Label().Class("form-label small mb-0").For(id).Text(label),
		app.Input().Type(typ).ID(id).Class("form-control form-control-sm").Value(b.box(id, getString(n, path))).
			Attr("autocomplete", "off").
			OnInput(func(ctx app.Context, e app.Event) {
				defer recovered()
				v := e.Get("target").Get("value").String()
				b.edit(b.scope(prop), func(*calledit.Value) { setString(b.selected(), path, v) })
			}, app.EventScope(b.scope(prop))),
	)
}

// textArea is textBox on several lines.
func (b *builderPage) textArea(l schema.Lang, prop, label string) app.UI {
	path := strings.Split(prop, ".")
	id := "prop-" + strings.ReplaceAll(prop, ".", "-")
	return app.Div().Class("mb-2").Body(
		app.Label().Class("form-label small mb-0").For(id).Text(label),
		app.Textarea().ID(id).Class("form-control form-control-sm").Rows(2).Attr("value", b.box(id, getString(b.selected(), path))).
			OnInput(func(ctx app.Context, e app.Event) {
				defer recovered()
				v := e.Get("target").Get("value").String()
				b.edit(b.scope(prop), func(*calledit.Value) { setString(b.selected(), path, v) })
			}, app.EventScope(b.scope(prop))),
	)
}

// bilingual is a text in Italian and English side by side.
func (b *builderPage) bilingual(l schema.Lang, prop, label string, long bool) app.UI {
	box := b.textBox
	if long {
		box = func(l schema.Lang, prop, label string, _ ...string) app.UI { return b.textArea(l, prop, label) }
	}
	return app.FieldSet().Class("mb-2").Body(
		app.Legend().Class("form-label small fw-bold mb-0 fs-6").Text(label),
		app.Div().Class("row g-2").Body(
			app.Div().Class("col-sm-6").Attr("lang", "it").Body(box(l, prop+".it", "Italiano")),
			app.Div().Class("col-sm-6").Attr("lang", "en").Body(box(l, prop+".en", "English")),
		),
	)
}

// numberBox is a labelled input of the integer at prop; empty removes it.
func (b *builderPage) numberBox(l schema.Lang, prop, label string) app.UI {
	path := strings.Split(prop, ".")
	id := "prop-" + strings.ReplaceAll(prop, ".", "-")
	n := at(b.selected(), path[:len(path)-1])
	val := ""
	if x := n.Get(path[len(path)-1]); x != nil && x.Kind == calledit.Number {
		val = x.S
	}
	return app.Div().Class("mb-2").Body(
		app.Label().Class("form-label small mb-0").For(id).Text(label),
		app.Input().Type("number").ID(id).Class("form-control form-control-sm").Value(b.box(id, val)).
			OnInput(func(ctx app.Context, e app.Event) {
				defer recovered()
				v := strings.TrimSpace(e.Get("target").Get("value").String())
				b.edit(b.scope(prop), func(*calledit.Value) {
					m := b.selected()
					for _, k := range path[:len(path)-1] {
						c := m.Get(k)
						if c == nil {
							c = calledit.Obj()
							m.Set(k, c)
						}
						m = c
					}
					if k, err := strconv.Atoi(v); err == nil {
						m.Set(path[len(path)-1], calledit.Num(k))
					} else if v == "" {
						m.Delete(path[len(path)-1])
					}
				})
			}, app.EventScope(b.scope(prop))),
	)
}

// checkBox is a labelled box of the boolean at prop; unticked removes it.
func (b *builderPage) checkBox(l schema.Lang, prop, label string) app.UI {
	id := "prop-" + strings.ReplaceAll(prop, ".", "-")
	path := strings.Split(prop, ".")
	on := false
	if x := at(b.selected(), path); x != nil && x.Kind == calledit.Bool {
		on = x.B
	} else if x != nil && x.Kind == calledit.String && x.S != "" { // "unique": "warning"
		on = true
	}
	return app.Div().Class("form-check mb-2").Body(
		app.Input().Type("checkbox").ID(id).Class("form-check-input").Checked(on).
			OnChange(func(ctx app.Context, e app.Event) {
				defer recovered()
				v := e.Get("target").Get("checked").Bool()
				b.edit("", func(*calledit.Value) {
					n := at(b.selected(), path[:len(path)-1])
					if n == nil {
						return
					}
					if v {
						n.Set(path[len(path)-1], calledit.Boolean(true))
					} else {
						n.Delete(path[len(path)-1])
					}
				})
			}, app.EventScope(b.scope(prop))),
		app.Label().Class("form-check-label").For(id).Text(label),
	)
}

// choiceBox is a labelled select of the string at prop among values (named by names).
func (b *builderPage) choiceBox(l schema.Lang, prop, label string, values, names []string, set func(n *calledit.Value, v string)) app.UI {
	id := "prop-" + strings.ReplaceAll(prop, ".", "-")
	cur := getString(b.selected(), strings.Split(prop, "."))
	opts := make([]app.UI, len(values))
	for i, v := range values {
		opts[i] = app.Option().Value(v).Selected(v == cur).Text(names[i])
	}
	return app.Div().Class("mb-2").Body(
		app.Label().Class("form-label small mb-0").For(id).Text(label),
		app.Select().ID(id).Class("form-select form-select-sm").Body(opts...).
			OnChange(func(ctx app.Context, e app.Event) {
				defer recovered()
				v := e.Get("target").Get("value").String()
				b.edit("", func(*calledit.Value) { set(b.selected(), v) })
			}, app.EventScope(b.scope(prop))),
	)
}

func (b *builderPage) nodeForm(l schema.Lang) app.UI {
	head := app.H2().Class("h4 mt-4").ID("builder-form-title")
	if b.doc == nil {
		return app.Span().Class("d-none")
	}
	var body []app.UI
	switch {
	case b.sel == nil:
		head = head.Text(tr(l, "form.call"))
		body = b.callForm(l)
	case len(b.sel) == 1:
		head = head.Text(tr(l, "form.section"))
		body = []app.UI{
			b.textBox(l, "id", tr(l, "form.id")),
			b.bilingual(l, "title", tr(l, "form.title"), false),
			b.bilingual(l, "intro", tr(l, "form.intro"), true),
			b.exprBox(l, "when", tr(l, "form.when")),
			b.textBox(l, "source", tr(l, "form.source")),
		}
	default:
		head = head.Text(tr(l, "form.field"))
		body = b.fieldForm(l)
	}
	return app.Section().ID("builder-form").Aria("labelledby", "builder-form-title").Body(
		head,
		app.Div().Class("border rounded p-3").Body(body...),
		b.nodeProblems(l),
	)
}

func (b *builderPage) fieldForm(l schema.Lang) []app.UI {
	n := b.selected()
	typ := n.Str("type")
	names := make([]string, len(fieldTypes))
	for i, t := range fieldTypes {
		names[i] = tr(l, "type."+t)
	}
	out := []app.UI{
		app.Div().Class("row g-2").Body(
			app.Div().Class("col-sm-6").Body(b.textBox(l, "id", tr(l, "form.id"))),
			app.Div().Class("col-sm-6").Body(b.choiceBox(l, "type", tr(l, "form.type"), fieldTypes, names, changeType)),
		),
		b.bilingual(l, "label", tr(l, "form.label"), false),
		b.bilingual(l, "help", tr(l, "form.help"), true),
	}
	switch typ {
	case "choice", "multichoice":
		out = append(out, b.optionsTable(l))
	case "group":
		out = append(out,
			app.Div().Class("row g-2").Body(
				app.Div().Class("col-6").Body(b.numberBox(l, "repeat.min", tr(l, "form.repeatmin"))),
				app.Div().Class("col-6").Body(b.numberBox(l, "repeat.max", tr(l, "form.repeatmax"))),
			),
			b.bilingual(l, "itemLabel", tr(l, "form.itemlabel"), false),
		)
	case "declaration":
		out = append(out, b.bilingual(l, "statement", tr(l, "form.statement"), true))
	case "computed":
		out = append(out,
			b.exprBox(l, "expr", tr(l, "form.expr")),
			b.choiceBox(l, "format", tr(l, "form.format"), []string{"number", "money", "text", "date"},
				[]string{tr(l, "type.number"), tr(l, "type.money"), tr(l, "type.text"), tr(l, "type.date")},
				func(n *calledit.Value, v string) { n.Set("format", calledit.Str(v)) }),
		)
	case "textarea":
		out = append(out, b.numberBox(l, "maxChars", tr(l, "form.maxchars")))
	}
	if typ != "group" && typ != "computed" && typ != "declaration" {
		out = append(out, b.rulesControls(l, typ))
	}
	if len(b.sel) >= 3 && typ != "group" && typ != "computed" {
		out = append(out, b.checkBox(l, "unique", tr(l, "form.unique")))
	}
	out = append(out,
		b.exprBox(l, "when", tr(l, "form.when")),
		b.conditionPicker(l, "when"),
		b.checkBox(l, "personal", tr(l, "form.personal")),
		b.textBox(l, "source", tr(l, "form.source")),
	)
	return out
}

// changeType gives field n type typ: what the new type needs is added as AddField makes it,
// what only the old type had is dropped (undo brings it back).
func changeType(n *calledit.Value, typ string) {
	old := n.Str("type")
	if old == typ {
		return
	}
	n.Set("type", calledit.Str(typ))
	only := map[string][]string{
		"choice": {"options", "optionsFrom"}, "multichoice": {"options", "optionsFrom"},
		"group": {"repeat", "fields", "itemLabel"}, "declaration": {"statement"},
		"computed": {"expr", "format"}, "textarea": {"maxChars"},
	}
	keep := map[string]bool{}
	for _, k := range only[typ] {
		keep[k] = true
	}
	for _, k := range only[old] {
		if !keep[k] {
			n.Delete(k)
		}
	}
	if typ == "group" || typ == "computed" || typ == "declaration" {
		n.Delete("rules")
	} else if r := n.Str("rules"); r != "" {
		calledit.SetRules(n, calledit.ParseRules(r, typ))
	}
	fresh := calledit.NewField(n.Str("id"), typ)
	for i, k := range fresh.Keys {
		if n.Get(k) == nil {
			n.Set(k, fresh.Elems[i])
		}
	}
}

// rulesControls are the validator tags as controls: required, an Italian identifier, a
// text's length or a number's range, and a box for any other tag.
func (b *builderPage) rulesControls(l schema.Lang, typ string) app.UI {
	r := calledit.ParseRules(b.selected().Str("rules"), typ)
	set := func(key string, f func(r *calledit.Rules, v string)) func(ctx app.Context, e app.Event) {
		return func(ctx app.Context, e app.Event) {
			defer recovered()
			v := strings.TrimSpace(e.Get("target").Get("value").String())
			if e.Get("target").Get("type").String() == "checkbox" {
				v = strconv.FormatBool(e.Get("target").Get("checked").Bool())
			}
			b.edit(b.scope("rules."+key), func(*calledit.Value) {
				n := b.selected()
				r := calledit.ParseRules(n.Str("rules"), n.Str("type"))
				f(&r, v)
				calledit.SetRules(n, r)
			})
		}
	}
	idValues := append([]string{""}, calledit.IDChecks...)
	idOpts := make([]app.UI, len(idValues))
	for i, v := range idValues {
		idOpts[i] = app.Option().Value(v).Selected(v == r.ID).Text(tr(l, "id."+v))
	}
	small := func(id, label, val, key string, f func(r *calledit.Rules, v string)) app.UI {
		return app.Div().Class("col-6").Body(
			app.Label().Class("form-label small mb-0").For(id).Text(label),
			app.Input().Type("number").ID(id).Class("form-control form-control-sm").Value(val).
				OnInput(set(key, f), app.EventScope(b.scope(key))),
		)
	}
	var limits app.UI = app.Span().Class("d-none")
	switch {
	case typ == "text" || typ == "textarea" || typ == "email":
		limits = app.Div().Class("row g-2 mb-2").Body(
			small("rule-minlen", tr(l, "rule.minlen"), r.MinLen, "minlen", func(r *calledit.Rules, v string) { r.MinLen = v }),
			small("rule-maxlen", tr(l, "rule.maxlen"), r.MaxLen, "maxlen", func(r *calledit.Rules, v string) { r.MaxLen = v }),
		)
	case typ == "number" || typ == "money":
		limits = app.Div().Class("row g-2 mb-2").Body(
			small("rule-min", tr(l, "rule.min."+typ), r.Min, "min", func(r *calledit.Rules, v string) { r.Min = v }),
			small("rule-max", tr(l, "rule.max."+typ), r.Max, "max", func(r *calledit.Rules, v string) { r.Max = v }),
		)
	}
	showID := typ == "text" || typ == "email"
	return app.FieldSet().ID("builder-rules").Class("border rounded p-2 mb-2").Body(
		app.Legend().Class("form-label small fw-bold mb-0 fs-6 float-none w-auto px-1").Text(tr(l, "rule.title")),
		app.Div().Class("form-check mb-2").Body(
			app.Input().Type("checkbox").ID("rule-required").Class("form-check-input").Checked(r.Required).
				OnChange(set("required", func(r *calledit.Rules, v string) { r.Required = v == "true" }), app.EventScope(b.scope("required"))),
			app.Label().Class("form-check-label").For("rule-required").Text(tr(l, "rule.required")),
		),
		slot(showID, func() app.UI {
			return app.Div().Class("mb-2").Body(
				app.Label().Class("form-label small mb-0").For("rule-id").Text(tr(l, "rule.id")),
				app.Select().ID("rule-id").Class("form-select form-select-sm").Body(idOpts...).
					OnChange(set("id", func(r *calledit.Rules, v string) { r.ID = v }), app.EventScope(b.scope("id"))),
			)
		}),
		limits,
		app.Label().Class("form-label small mb-0").For("rule-other").Text(tr(l, "rule.other")),
		app.Input().Type("text").ID("rule-other").Class("form-control form-control-sm font-monospace").Value(r.OtherText()).
			Attr("autocomplete", "off").Attr("spellcheck", "false").
			OnChange(set("other", func(r *calledit.Rules, v string) { r.SetOtherText(v) }), app.EventScope(b.scope("other"))),
		app.P().Class("small text-muted mb-0 mt-1").Body(app.Text(tr(l, "rule.generated")+" "), app.Code().ID("rule-generated").Text(r.String())),
	)
}

// exprBox is a box for an expression (a condition, a computed value): lint checks it as the
// author types, and its problems show under it (nodeProblems).
func (b *builderPage) exprBox(l schema.Lang, prop, label string) app.UI {
	return b.textBox(l, prop, label)
}

// optionsTable edits a choice's options: value, Italian and English label, one row each.
func (b *builderPage) optionsTable(l schema.Lang) app.UI {
	opts := b.selected().Get("options")
	var rows []app.UI
	if opts != nil {
		for i, o := range opts.Elems {
			value, it, en := o.S, "", ""
			if o.Kind == calledit.Object {
				value, it, en = o.Str("value"), o.Get("label").Str("it"), o.Get("label").Str("en")
			}
			cell := func(part, val, label string) app.UI {
				id := "opt-" + strconv.Itoa(i) + "-" + part
				return app.Td().Body(
					app.Label().Class("visually-hidden").For(id).Text(label+" "+strconv.Itoa(i+1)),
					app.Input().Type("text").ID(id).Class("form-control form-control-sm").Value(val).
						OnInput(func(ctx app.Context, e app.Event) {
							defer recovered()
							v := e.Get("target").Get("value").String()
							b.edit(b.scope(id), func(*calledit.Value) { setOption(b.selected(), i, part, v) })
						}, app.EventScope(b.scope(id))),
				)
			}
			rows = append(rows, app.Tr().Body(
				cell("value", value, tr(l, "opt.value")),
				cell("it", it, tr(l, "opt.it")),
				cell("en", en, tr(l, "opt.en")),
				app.Td().Body(app.Button().Type("button").ID("opt-"+strconv.Itoa(i)+"-del").Class("btn btn-sm btn-outline-danger").
					Aria("label", tr(l, "opt.delete", value)).Text("×").
					OnClick(func(ctx app.Context, e app.Event) {
						defer recovered()
						b.edit("", func(*calledit.Value) {
							o := b.selected().Get("options")
							if i < len(o.Elems) {
								o.Elems = append(o.Elems[:i:i], o.Elems[i+1:]...)
							}
						})
					}, app.EventScope(b.scope("del"+strconv.Itoa(i))))),
			))
		}
	}
	return app.Div().ID("builder-options").Class("mb-2").Body(
		app.Table().Class("table table-sm mb-1").Body(
			app.Caption().Class("caption-top small fw-bold").Text(tr(l, "opt.title")),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(tr(l, "opt.value")),
				app.Th().Scope("col").Text(tr(l, "opt.it")),
				app.Th().Scope("col").Text(tr(l, "opt.en")),
				app.Th().Scope("col").Body(app.Span().Class("visually-hidden").Text(tr(l, "opt.actions"))),
			)),
			app.TBody().Body(rows...),
		),
		app.Button().Type("button").ID("opt-add").Class("btn btn-sm btn-outline-primary").Text(tr(l, "opt.add")).
			OnClick(func(ctx app.Context, e app.Event) {
				defer recovered()
				b.edit("", func(*calledit.Value) {
					n := b.selected()
					o := n.Get("options")
					if o == nil || o.Kind != calledit.Array {
						o = calledit.Arr()
						n.Set("options", o)
					}
					o.Elems = append(o.Elems, calledit.Str("opzione_"+strconv.Itoa(len(o.Elems)+1)))
				})
			}, app.EventScope(b.scope("add"))),
	)
}

// setOption sets part ("value", "it", "en") of option i of field n: a bare option becomes an
// object when it gets a label.
func setOption(n *calledit.Value, i int, part, v string) {
	opts := n.Get("options")
	if opts == nil || i >= len(opts.Elems) {
		return
	}
	o := opts.Elems[i]
	if o.Kind == calledit.String {
		if part == "value" {
			opts.Elems[i] = calledit.Str(v)
			return
		}
		o = calledit.Obj("value", calledit.Str(o.S))
		opts.Elems[i] = o
	}
	if part == "value" {
		o.Set("value", calledit.Str(v))
		return
	}
	setString(o, []string{"label", part}, v)
	if o.Get("label") == nil { // no label left: the bare form again
		opts.Elems[i] = calledit.Str(o.Str("value"))
	}
}

// jsonPath is the lint path of the selected node ("$.sections[0].fields[2]").
func (b *builderPage) jsonPath() string {
	if b.sel == nil {
		return "$"
	}
	s := "$.sections[" + strconv.Itoa(b.sel[0]) + "]"
	for _, i := range b.sel[1:] {
		s += ".fields[" + strconv.Itoa(i) + "]"
	}
	return s
}

// nodeProblems are the lint problems of the selected node (its own, not its fields'), with
// line and column as in the list under the schema box.
func (b *builderPage) nodeProblems(l schema.Lang) app.UI {
	if b.sel == nil {
		return app.Span().Class("d-none")
	}
	at := b.jsonPath()
	var items []app.UI
	for _, p := range b.problems {
		rest, ok := strings.CutPrefix(p.Path, at)
		if !ok || strings.HasPrefix(rest, ".fields[") || strings.HasPrefix(rest, "[") {
			continue
		}
		items = append(items, app.Li().Body(
			app.Span().Class("fw-bold").Text(tr(l, "builder.at", p.Pos.Line, p.Pos.Column)+": "),
			app.Code().Text(p.Path), app.Text(" "+p.Msg.In(l)),
		))
	}
	if len(items) == 0 {
		return app.Span().Class("d-none")
	}
	return app.Div().ID("builder-node-problems").Class("alert alert-danger mt-2 small").Body(
		app.P().Class("fw-bold mb-1").Text(tr(l, "form.problems")),
		app.Ul().Class("mb-0").Body(items...),
	)
}

// callForm is the call's own parts.
func (b *builderPage) callForm(l schema.Lang) []app.UI {
	return []app.UI{
		app.Div().Class("row g-2").Body(
			app.Div().Class("col-sm-8").Body(b.textBox(l, "id", tr(l, "form.callid"))),
			app.Div().Class("col-sm-4").Body(b.numberBox(l, "version", tr(l, "form.version"))),
		),
		b.bilingual(l, "title", tr(l, "form.title"), false),
		b.bilingual(l, "summary", tr(l, "form.summary"), true),
		b.textBox(l, "source", tr(l, "form.source")),
		b.authorityForm(l),
		b.submissionForm(l),
		b.signersForm(l),
		b.attachmentsForm(l),
		b.checksForm(l),
		b.migrationsForm(l),
	}
}
