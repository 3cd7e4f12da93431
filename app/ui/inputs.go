package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The markup follows Bootstrap Italia's form classes and the GOV.UK order of a question: label
// (or legend), hint, error message, input. Every input has a label; help, errors and counters
// are tied to it with aria-describedby, and an input with an error has aria-invalid. A warning
// (a check the call marks "warning") is shown in the same place in its own style, without
// aria-invalid: the answer may be right, the applicant is asked to look again.

// maxRadios is the number of options above which a choice is a select: a long list of radios
// pushes the rest of the form far down.
const maxRadios = 6

func renderField(p fieldProps, h *fieldView) app.UI {
	switch p.def.Type {
	case schema.TypeComputed:
		return computedField(p)
	case schema.TypeChoice:
		options := p.options()
		if len(options) > maxRadios || p.def.OptionsFrom != nil && len(options) == 0 || p.row != "" { // radios do not fit a cell
			return selectInput(p, h)
		}
		opts := make([]radioOption, len(options))
		cur, _ := p.value.(string)
		for i, o := range options {
			opts[i] = radioOption{value: o.Value, label: o.Text(p.lang), checked: cur == o.Value}
		}
		return radios(p, opts, false, h.onChoice)
	case schema.TypeBoolean:
		return radios(p, []radioOption{
			{value: "true", label: tr(p.lang, "field.yes"), checked: p.value == true},
			{value: "false", label: tr(p.lang, "field.no"), checked: p.value == false},
		}, true, h.onBool)
	case schema.TypeMultiChoice:
		return checkboxes(p, h)
	case schema.TypeDeclaration:
		return declaration(p, h)
	case schema.TypeTextArea:
		return textArea(p, h)
	}
	return textInput(p, h)
}

// describedBy lists the ids that describe the input: help, the message box (empty when there
// is no error: screen readers skip it), and extra ids.
func describedBy(p fieldProps, extra ...string) string {
	var ids []string
	if hasHelp(p) {
		ids = append(ids, helpID(p.path))
	}
	ids = append(ids, errorID(p.path))
	return strings.Join(append(ids, extra...), " ")
}

func labelText(p fieldProps) []app.UI {
	out := []app.UI{app.Text(p.def.Label.In(p.lang))}
	if !p.def.Required() {
		out = append(out, app.Span().Class("optional").Text(" "+tr(p.lang, "field.optional")))
	}
	if p.def.Type == schema.TypeDate {
		out = append(out, app.Span().Class("optional").Text(" "+tr(p.lang, "field.date.hint")))
	}
	if p.row != "" { // a cell of a table: the column's name and the row's
		out = append(out, app.Span().Class("visually-hidden").Text(p.row))
	}
	return out
}

// hasHelp reports whether the question has a help text: the call's own, or the app's word on
// what a PEC check can know.
func hasHelp(p fieldProps) bool { return !p.def.Help.IsZero() || p.def.HasRule("pec") }

// helpText is the call's help for the question and, for a PEC address, the app's own note that
// only the address's form is checked: whoever reads "valid" must not take it for "a PEC box".
func helpText(p fieldProps) app.UI {
	if !hasHelp(p) {
		return nil
	}
	var body []app.UI
	if !p.def.Help.IsZero() {
		body = append(body, app.Text(p.def.Help.In(p.lang)))
	}
	if p.def.HasRule("pec") {
		if len(body) > 0 {
			body = append(body, app.Text(" "))
		}
		body = append(body, app.Span().Class("pec-hint").Text(tr(p.lang, "field.pec.hint")))
	}
	return app.Div().ID(helpID(p.path)).Class("form-text field-help").Body(body...)
}

// groupError is the message of a repeating group, or an empty placeholder: the elements keep
// their places whether a message is shown or not, so go-app never replaces the items after it.
func groupError(p fieldProps) app.UI {
	is := p.issue()
	if is == nil {
		return placeholder()
	}
	return app.Div().ID(errorID(p.path)).Class(messageClass(is)).Body(
		app.Span().Class("visually-hidden").Text(messagePrefix(is, p.lang)+" "),
		app.Text(is.Message),
	)
}

// messageClass and messagePrefix style and announce a message: an error, or a warning.
func messageClass(is *schema.Issue) string {
	if is.IsWarning() {
		return "field-warning"
	}
	return "field-error"
}

func messagePrefix(is *schema.Issue, l schema.Lang) string {
	if is.IsWarning() {
		return tr(l, "field.warning")
	}
	return tr(l, "field.error")
}

// fieldMessage is the box of a question's message. go-app renders the box but never its
// content: paintMessage writes the message from the event handler itself, in the same task as
// the keystroke, instead of at go-app's next frame (8 ms later, which then waits for the
// browser's next frame too). The box is always there, so the input never moves in the tree.
func fieldMessage(p fieldProps) app.UI {
	return messageBox(p.path, p.issue())
}

// messageBox is the painted box of the message at path (a question, or an item of a group).
func messageBox(path string, is *schema.Issue) app.UI {
	cls := "field-error d-none"
	if is != nil {
		cls = messageClass(is)
	}
	return app.Div().ID(errorID(path)).Class(cls).DataSet("message", "painted")
}

// group wraps one question; invalid questions get a bar on the left, as in GOV.UK, and
// questions with a warning a bar of another colour.
func group(p fieldProps, elems ...app.UI) app.HTMLDiv {
	cls := "bando-field mb-4 field-" + string(p.def.Type)
	switch is := p.issue(); {
	case is == nil:
	case is.IsWarning():
		cls += " field-warned"
	default:
		cls += " field-invalid"
	}
	d := app.Div().Class(cls).DataSet("path", p.path)
	if p.row != "" { // a cell of a table (table.go)
		d = d.Attr("role", "cell").DataSet("col", p.def.ID)
	}
	return d.Body(elems...)
}

func invalid(p fieldProps) string {
	if p.invalid() {
		return "true"
	}
	return ""
}

func textInput(p fieldProps, h *fieldView) app.UI {
	id := FieldID(p.path)
	typ, mode, auto := "text", "", "off"
	text := inputText(p.def, p.value, p.lang)
	if p.ui != nil && p.ui.raw != "" {
		text = p.ui.raw
	}
	switch p.def.Type {
	case schema.TypeEmail:
		typ, mode, auto = "email", "email", "email"
	case schema.TypeDate:
		// our own gg/mm/aaaa text, not type=date: the browser's follows its locale (mm/dd/yyyy
		// in an English-US browser) and lets through dates it cannot represent
		mode = "numeric"
	case schema.TypeNumber, schema.TypeMoney:
		mode = "decimal" // type=number would refuse the Italian decimal comma
	}
	cls := "form-control"
	if p.invalid() {
		cls += " is-invalid"
	}
	in := app.Input().Type(typ).ID(id).Name(id).Class(cls).Value(text).
		Attr("autocomplete", auto).Attr("inputmode", mode).
		Aria("describedby", describedBy(p)).Aria("invalid", invalid(p)).
		OnInput(h.onText).OnBlur(h.onBlur)
	if p.def.Type == schema.TypeMoney {
		in = in.Aria("describedby", describedBy(p, id+"-unit"))
	}
	var field app.UI = in
	if p.def.Type == schema.TypeMoney {
		field = app.Div().Class("input-group money").Body(
			app.Span().Class("input-group-text").ID(id+"-unit").Aria("label", tr(p.lang, "field.money")).Text("€"),
			in,
		)
	}
	return group(p,
		app.Label().For(id).Class("field-label").Body(labelText(p)...),
		helpText(p),
		fieldMessage(p),
		field,
	)
}

func textArea(p fieldProps, h *fieldView) app.UI {
	id := FieldID(p.path)
	text, _ := p.value.(string)
	cls := "form-control"
	if p.invalid() {
		cls += " is-invalid"
	}
	var counter app.UI
	extra := []string{}
	if max := p.def.MaxChars; max > 0 {
		n := utf8.RuneCountInString(text)
		msg, cc := tr(p.lang, "field.chars", n, max), "form-text char-count"
		if n > max {
			msg, cc = tr(p.lang, "field.chars.over", n-max, max), cc+" char-count-over"
		}
		counter = app.Div().ID(id + "-count").Class(cc).Text(msg)
		extra = append(extra, id+"-count")
	}
	rows := 4
	if p.def.MaxChars > 1000 {
		rows = 8
	}
	return group(p,
		app.Label().For(id).Class("field-label").Body(labelText(p)...),
		helpText(p),
		fieldMessage(p),
		app.Textarea().ID(id).Name(id).Class(cls).Rows(rows).Attr("value", text).
			Aria("describedby", describedBy(p, extra...)).Aria("invalid", invalid(p)).
			OnInput(h.onText).OnBlur(h.onBlur),
		counter,
	)
}

// placeholder holds the place of an element that is not shown.
func placeholder() app.UI { return app.Span().Class("d-none") }

// slot is the element f makes when show holds, else a placeholder in its place.
func slot(show bool, f func() app.UI) app.UI {
	if show {
		return f()
	}
	return placeholder()
}

type radioOption struct {
	value, label string
	checked      bool
}

// radios is a choice among a few options; the first radio carries the field's id, so the
// error summary's link lands on it.
func radios(p fieldProps, opts []radioOption, inline bool, onChange app.EventHandler) app.UI {
	id := FieldID(p.path)
	items := make([]app.UI, len(opts))
	for i, o := range opts {
		rid := id
		if i > 0 {
			rid = id + "-" + strconv.Itoa(i)
		}
		cls := "form-check"
		if inline {
			cls += " form-check-inline"
		}
		items[i] = app.Div().Class(cls).Body(
			app.Input().Type("radio").ID(rid).Name(id).Value(o.value).Checked(o.checked).
				Aria("invalid", invalid(p)).OnChange(onChange),
			app.Label().For(rid).Text(o.label),
		)
	}
	return fieldset(p, items...)
}

func fieldset(p fieldProps, body ...app.UI) app.UI {
	return group(p,
		app.FieldSet().Aria("describedby", describedBy(p)).Body(
			app.Legend().Class("field-label").Body(labelText(p)...),
			helpText(p),
			fieldMessage(p),
			app.Div().Class("field-options").Body(body...),
		),
	)
}

func selectInput(p fieldProps, h *fieldView) app.UI {
	id := FieldID(p.path)
	cur, _ := p.value.(string)
	opts := []app.UI{app.Option().Value("").Selected(cur == "").Text(tr(p.lang, "field.choose"))}
	for _, o := range p.options() {
		opts = append(opts, app.Option().Value(o.Value).Selected(cur == o.Value).Text(o.Text(p.lang)))
	}
	return group(p,
		app.Label().For(id).Class("field-label").Body(labelText(p)...),
		helpText(p),
		fieldMessage(p),
		app.Select().ID(id).Name(id).Class("form-select").
			Aria("describedby", describedBy(p)).Aria("invalid", invalid(p)).
			OnChange(h.onChoice).Body(opts...),
	)
}

func checkboxes(p fieldProps, h *fieldView) app.UI {
	id := FieldID(p.path)
	on := map[string]bool{}
	if l, ok := p.value.([]any); ok {
		for _, x := range l {
			if s, ok := x.(string); ok {
				on[s] = true
			}
		}
	}
	options := p.options()
	if p.def.OptionsFrom != nil {
		// a chosen item that is gone stays ticked, named as gone, so that it can be unticked
		offered := map[string]bool{}
		for _, o := range options {
			offered[o.Value] = true
		}
		l, _ := p.value.([]any)
		for _, x := range l {
			if s, ok := x.(string); ok && !offered[s] {
				options = append(options, schema.Option{Value: s, Label: schema.Text{IT: tr(schema.IT, "choice.gone"), EN: tr(schema.EN, "choice.gone")}})
			}
		}
	}
	items := make([]app.UI, len(options))
	for i, o := range options {
		cid := id
		if i > 0 {
			cid = id + "-" + strconv.Itoa(i)
		}
		items[i] = app.Div().Class("form-check").Body(
			app.Input().Type("checkbox").ID(cid).Name(id).Value(o.Value).Checked(on[o.Value]).
				Aria("invalid", invalid(p)).OnChange(h.onMulti),
			app.Label().For(cid).Text(o.Text(p.lang)),
		)
	}
	return fieldset(p, items...)
}

// declaration shows the full statement, kept verbatim from the call, and one checkbox.
func declaration(p fieldProps, h *fieldView) app.UI {
	id := FieldID(p.path)
	stmt := p.def.Statement.In(p.lang)
	return group(p,
		app.FieldSet().Aria("describedby", describedBy(p, id+"-statement")).Body(
			app.Legend().Class("field-label").Body(labelText(p)...),
			helpText(p),
			app.Div().ID(id+"-statement").Class("statement").Text(stmt),
			fieldMessage(p),
			app.Div().Class("form-check").Body(
				app.Input().Type("checkbox").ID(id).Name(id).Value("true").Checked(p.value == true).
					Aria("invalid", invalid(p)).OnChange(h.onDeclaration),
				app.Label().For(id).Text(tr(p.lang, "field.accept")),
			),
		),
	)
}

// options are the options the choice offers now: the call's, or the items of a group.
func (p fieldProps) options() []schema.Option {
	if p.def.OptionsFrom == nil || sess.open.call == nil {
		return p.def.Options
	}
	return sess.open.call.Options(sess.open.answers(), p.path)
}
