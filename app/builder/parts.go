package builder

import (
	"strconv"

	"bando/app/calledit"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The call's own parts (authority, submission, signers, attachments, checks, migrations) in the
// form of the call, and the pickers that write conditions and checks.

func fieldset(id, legend string, body ...app.UI) app.UI {
	return app.FieldSet().ID(id).Class("border rounded p-2 mb-3").Body(
		append([]app.UI{app.Legend().Class("form-label fw-bold mb-1 fs-6 float-none w-auto px-1").Text(legend)}, body...)...)
}

func (b *builderPage) authorityForm(l schema.Lang) app.UI {
	return fieldset("builder-authority", tr(l, "part.authority"),
		b.bilingual(l, "authority.name", tr(l, "part.authority.name"), false),
		b.bilingual(l, "authority.office", tr(l, "part.authority.office"), false),
		b.textBox(l, "authority.url", tr(l, "part.authority.url"), "url"),
	)
}

func (b *builderPage) submissionForm(l schema.Lang) app.UI {
	return fieldset("builder-submission", tr(l, "part.submission"),
		b.choiceBox(l, "submission.channel", tr(l, "part.channel"), []string{"pec"}, []string{"PEC"},
			func(n *calledit.Value, v string) { setString(n, []string{"submission", "channel"}, v) }),
		b.textBox(l, "submission.to", tr(l, "part.to"), "email"),
		b.textBox(l, "submission.subject", tr(l, "part.subject")),
		app.Div().Class("row g-2").Body(
			app.Div().Class("col-sm-4").Body(b.textBox(l, "submission.deadline", tr(l, "part.deadline"), "date")),
			app.Div().Class("col-sm-4").Body(b.textBox(l, "submission.time", tr(l, "part.time"), "time")),
			app.Div().Class("col-sm-4").Body(b.textBox(l, "submission.timezone", tr(l, "part.timezone"))),
		),
	)
}

// listForm is a list of objects at key of the call, each drawn by row, with add and remove.
func (b *builderPage) listForm(l schema.Lang, id, key, legend, addLabel string, fresh func(n int) *calledit.Value, row func(i int) []app.UI) app.UI {
	var body []app.UI
	if arr := b.doc.Get(key); arr != nil && arr.Kind == calledit.Array {
		for i := range arr.Elems {
			body = append(body, app.Div().Class("border-top pt-2 mt-2").ID(id+"-"+strconv.Itoa(i)).Body(
				append(row(i), app.Button().Type("button").ID(id+"-"+strconv.Itoa(i)+"-del").Class("btn btn-sm btn-outline-danger").
					Text(tr(l, "part.remove")).OnClick(func(ctx app.Context, e app.Event) {
					defer recovered()
					b.edit("", func(doc *calledit.Value) {
						a := doc.Get(key)
						if a != nil && i < len(a.Elems) {
							a.Elems = append(a.Elems[:i:i], a.Elems[i+1:]...)
						}
						if a != nil && len(a.Elems) == 0 {
							doc.Delete(key)
						}
					})
				}, app.EventScope(key, i)))...,
			))
		}
	}
	body = append(body, app.Button().Type("button").ID(id+"-add").Class("btn btn-sm btn-outline-primary mt-2").Text(addLabel).
		OnClick(func(ctx app.Context, e app.Event) {
			defer recovered()
			b.edit("", func(doc *calledit.Value) {
				a := doc.Get(key)
				if a == nil || a.Kind != calledit.Array {
					a = calledit.Arr()
					doc.Set(key, a)
				}
				a.Elems = append(a.Elems, fresh(len(a.Elems)))
			})
		}, app.EventScope(key)))
	return fieldset(id, legend, body...)
}

func (b *builderPage) signersForm(l schema.Lang) app.UI {
	return b.listForm(l, "builder-signers", "signers", tr(l, "part.signers"), tr(l, "part.signers.add"),
		func(int) *calledit.Value {
			return calledit.Obj("items", calledit.Str(""), "name", calledit.Str(""), "cf", calledit.Str(""))
		},
		func(i int) []app.UI {
			p := "signers." + strconv.Itoa(i) + "."
			return []app.UI{
				b.textBox(l, p+"items", tr(l, "part.signers.items")),
				app.Div().Class("row g-2").Body(
					app.Div().Class("col-sm-4").Body(b.textBox(l, p+"name", tr(l, "part.signers.name"))),
					app.Div().Class("col-sm-4").Body(b.textBox(l, p+"cf", tr(l, "part.signers.cf"))),
					app.Div().Class("col-sm-4").Body(b.textBox(l, p+"entity", tr(l, "part.signers.entity"))),
				),
				b.textBox(l, p+"filter", tr(l, "part.signers.filter")),
				b.textBox(l, p+"when", tr(l, "form.when")),
			}
		})
}

func (b *builderPage) attachmentsForm(l schema.Lang) app.UI {
	return b.listForm(l, "builder-attachments", "attachments", tr(l, "part.attachments"), tr(l, "part.attachments.add"),
		func(n int) *calledit.Value {
			return calledit.Obj("id", calledit.Str("allegato_"+strconv.Itoa(n+1)),
				"label", calledit.Obj("it", calledit.Str("Nuovo allegato"), "en", calledit.Str("New attachment")))
		},
		func(i int) []app.UI {
			p := "attachments." + strconv.Itoa(i) + "."
			return []app.UI{
				b.textBox(l, p+"id", tr(l, "form.id")),
				b.bilingual(l, p+"label", tr(l, "part.attachments.label"), false),
				b.checkBox(l, p+"required", tr(l, "rule.required")),
				b.textBox(l, p+"when", tr(l, "form.when")),
			}
		})
}

func (b *builderPage) checksForm(l schema.Lang) app.UI {
	return b.listForm(l, "builder-checks", "checks", tr(l, "part.checks"), tr(l, "part.checks.add"),
		func(n int) *calledit.Value {
			return calledit.Obj("id", calledit.Str("regola_"+strconv.Itoa(n+1)), "rule", calledit.Str("true"),
				"message", calledit.Obj("it", calledit.Str("Scrivi qui il messaggio."), "en", calledit.Str("Write the message here.")))
		},
		func(i int) []app.UI {
			p := "checks." + strconv.Itoa(i) + "."
			return []app.UI{
				b.textBox(l, p+"id", tr(l, "form.id")),
				b.checkPicker(l, i),
				b.textBox(l, p+"rule", tr(l, "part.checks.rule")),
				b.textBox(l, p+"each", tr(l, "part.checks.each")),
				b.textBox(l, p+"path", tr(l, "part.checks.path")),
				b.choiceBox(l, p+"severity", tr(l, "part.checks.severity"), []string{"", "warning"},
					[]string{tr(l, "part.checks.error"), tr(l, "part.checks.warning")},
					func(n *calledit.Value, v string) { setString(n, []string{"checks", strconv.Itoa(i), "severity"}, v) }),
				b.bilingual(l, p+"message", tr(l, "part.checks.message"), true),
				b.checkProblems(l, i),
			}
		})
}

// checkProblems are the lint problems of check i, under it: its rule is checked as typed.
func (b *builderPage) checkProblems(l schema.Lang, i int) app.UI {
	at := "$.checks[" + strconv.Itoa(i) + "]"
	var items []app.UI
	for _, p := range b.problems {
		if p.Path == at || len(p.Path) > len(at) && p.Path[:len(at)] == at && p.Path[len(at)] == '.' {
			items = append(items, app.Li().Text(tr(l, "builder.at", p.Pos.Line, p.Pos.Column)+": "+p.Msg.In(l)))
		}
	}
	if len(items) == 0 {
		return app.Span().Class("d-none")
	}
	return app.Ul().ID("builder-check-" + strconv.Itoa(i) + "-problems").Class("small text-danger mb-1").Body(items...)
}

// picker is the state of a condition or check picker, by its key: not part of the call.
func (b *builderPage) picker(key string) *calledit.CheckShape {
	if b.picks == nil {
		b.picks = map[string]*calledit.CheckShape{}
	}
	p := b.picks[key]
	if p == nil {
		p = &calledit.CheckShape{Shape: calledit.ShapeAtLeastOne, Op: "=="}
		b.picks[key] = p
	}
	return p
}

// pickSelect is a labelled select of a picker's part.
func (b *builderPage) pickSelect(id, label, cur string, values, names []string, set func(v string)) app.UI {
	opts := make([]app.UI, len(values))
	for i, v := range values {
		opts[i] = app.Option().Value(v).Selected(v == cur).Text(names[i])
	}
	return app.Div().Body(
		app.Label().Class("form-label small mb-0").For(id).Text(label),
		app.Select().ID(id).Class("form-select form-select-sm").Body(opts...).
			OnChange(func(ctx app.Context, e app.Event) {
				defer recovered()
				set(e.Get("target").Get("value").String())
			}, app.EventScope(id, b.sel.String())),
	)
}

// fieldChoices are the fields a picker offers: of group's items when group is set (by their
// id, as the item's scope names them), else every field but groups (by path).
func (b *builderPage) fieldChoices(group string) (values, names []string) {
	values, names = []string{""}, []string{"—"}
	for _, f := range calledit.Fields(b.doc) {
		if f.Type == "group" || (group != "" && f.Group != group) {
			continue
		}
		v := f.Path
		if group != "" {
			v = f.ID
		}
		values, names = append(values, v), append(names, f.Path+" — "+f.Label)
	}
	return values, names
}

// typeOf is the type of the field a picker names.
func (b *builderPage) typeOf(group, field string) string {
	for _, f := range calledit.Fields(b.doc) {
		if (group == "" && f.Path == field) || (group != "" && f.Group == group && f.ID == field) {
			return f.Type
		}
	}
	return ""
}

// conditionPicker writes "field op value" into prop of the selected node.
func (b *builderPage) conditionPicker(l schema.Lang, prop string) app.UI {
	key := "cond|" + b.sel.String()
	p := b.picker(key)
	fv, fn := b.fieldChoices("")
	return app.Details().ID("builder-cond-picker").Class("mb-2 small").Body(
		app.Summary().Text(tr(l, "pick.condition")),
		app.Div().Class("row g-2 align-items-end mt-1").Body(
			app.Div().Class("col-sm-5").Body(b.pickSelect("cond-field", tr(l, "pick.field"), p.Field, fv, fn, func(v string) { p.Field = v })),
			app.Div().Class("col-sm-2").Body(b.pickSelect("cond-op", tr(l, "pick.op"), p.Op, calledit.Operators, calledit.Operators, func(v string) { p.Op = v })),
			app.Div().Class("col-sm-3").Body(b.pickValue("cond-value", l, p)),
			app.Div().Class("col-sm-2").Body(app.Button().Type("button").ID("cond-write").Class("btn btn-sm btn-outline-primary").
				Disabled(p.Field == "").Text(tr(l, "pick.write")).OnClick(func(ctx app.Context, e app.Event) {
				defer recovered()
				cond := calledit.Condition(p.Field, b.typeOf("", p.Field), p.Op, p.Value)
				b.edit("", func(*calledit.Value) { setString(b.selected(), []string{prop}, cond) })
			}, app.EventScope(key))),
		),
	)
}

// pickValue is the value box of a picker.
func (b *builderPage) pickValue(id string, l schema.Lang, p *calledit.CheckShape) app.UI {
	return app.Div().Body(
		app.Label().Class("form-label small mb-0").For(id).Text(tr(l, "pick.value")),
		app.Input().Type("text").ID(id).Class("form-control form-control-sm").Value(b.box(id, p.Value)).
			OnInput(func(ctx app.Context, e app.Event) {
				defer recovered()
				p.Value = e.Get("target").Get("value").String()
			}, app.EventScope(id, b.sel.String())),
	)
}

// checkPicker writes the rule (and each) of check i in one of the shapes calls use.
func (b *builderPage) checkPicker(l schema.Lang, i int) app.UI {
	key := "check|" + strconv.Itoa(i)
	p := b.picker(key)
	n := strconv.Itoa(i)
	shapeNames := make([]string, len(calledit.Shapes))
	for k, s := range calledit.Shapes {
		shapeNames[k] = tr(l, "shape."+s)
	}
	var groups, groupNames []string
	for _, f := range calledit.Fields(b.doc) {
		if f.Type == "group" {
			groups, groupNames = append(groups, f.Path), append(groupNames, f.Path+" — "+f.Label)
		}
	}
	groups, groupNames = append([]string{""}, groups...), append([]string{"—"}, groupNames...)
	overGroup := p.Shape != calledit.ShapeCompare
	group := ""
	if overGroup {
		group = p.Group
	}
	fv, fn := b.fieldChoices(group)
	return app.Details().ID("check-"+n+"-picker").Class("mb-2 small").Body(
		app.Summary().Text(tr(l, "pick.check")),
		app.Div().Class("row g-2 align-items-end mt-1").Body(
			app.Div().Class("col-sm-6").Body(b.pickSelect("check-"+n+"-shape", tr(l, "pick.shape"), p.Shape, calledit.Shapes, shapeNames, func(v string) { p.Shape = v })),
			slot(overGroup, func() app.UI {
				return app.Div().Class("col-sm-6").Body(b.pickSelect("check-"+n+"-group", tr(l, "pick.group"), p.Group, groups, groupNames, func(v string) { p.Group, p.Field = v, "" }))
			}),
			app.Div().Class("col-sm-6").Body(b.pickSelect("check-"+n+"-field", tr(l, "pick.field"), p.Field, fv, fn, func(v string) { p.Field = v })),
			slot(p.Shape != calledit.ShapeSumCeiling, func() app.UI {
				return app.Div().Class("col-sm-2").Body(b.pickSelect("check-"+n+"-op", tr(l, "pick.op"), p.Op, calledit.Operators, calledit.Operators, func(v string) { p.Op = v }))
			}),
			app.Div().Class("col-sm-4").Body(b.pickValue("check-"+n+"-value", l, p)),
			app.Div().Class("col-auto").Body(app.Button().Type("button").ID("check-"+n+"-write").Class("btn btn-sm btn-outline-primary").
				Disabled(p.Field == "" || overGroup && p.Group == "").Text(tr(l, "pick.write")).OnClick(func(ctx app.Context, e app.Event) {
				defer recovered()
				p.Type = b.typeOf(group, p.Field)
				rule, each := p.Rule()
				b.edit("", func(doc *calledit.Value) {
					setString(doc, []string{"checks", n, "rule"}, rule)
					setString(doc, []string{"checks", n, "each"}, each)
				})
			}, app.EventScope(key))),
		),
	)
}

// migrationsForm proposes the migration entry that the changes since the published version
// need (calledit.ProposeMigration), and lists the entries the call has.
func (b *builderPage) migrationsForm(l schema.Lang) app.UI {
	var body []app.UI
	if ms := b.doc.Get("migrations"); ms != nil {
		for _, m := range ms.Elems {
			body = append(body, app.P().Class("small mb-1").Body(app.Code().Text(string(calledit.Marshal(m)))))
		}
	}
	if b.published == nil || b.published.Str("id") != b.doc.Str("id") {
		body = append(body, app.P().Class("small text-muted").Text(tr(l, "mig.nobase")))
		return fieldset("builder-migrations", tr(l, "part.migrations"), body...)
	}
	p := calledit.ProposeMigration(b.published, b.doc)
	if p.Empty() {
		body = append(body, app.P().ID("builder-migration-none").Class("small text-muted").Text(tr(l, "mig.none", p.From)))
		return fieldset("builder-migrations", tr(l, "part.migrations"), body...)
	}
	var items []app.UI
	for _, r := range p.Renamed {
		items = append(items, app.Li().Text(tr(l, "mig.renamed", r.From, r.To)))
	}
	for _, r := range p.Removed {
		items = append(items, app.Li().Text(tr(l, "mig.removed", r)))
	}
	body = append(body, app.Div().ID("builder-migration-proposal").Class("alert alert-warning small").Body(
		app.P().Class("mb-1").Text(tr(l, "mig.proposal", p.From)),
		app.Ul().Class("mb-2").Body(items...),
		app.Button().Type("button").ID("builder-migration-apply").Class("btn btn-sm btn-primary").Text(tr(l, "mig.apply", p.To)).
			OnClick(func(ctx app.Context, e app.Event) {
				defer recovered()
				b.edit("", func(doc *calledit.Value) { calledit.ApplyMigration(doc, calledit.ProposeMigration(b.published, doc)) })
			}),
	))
	return fieldset("builder-migrations", tr(l, "part.migrations"), body...)
}
