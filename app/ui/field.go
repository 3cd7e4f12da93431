package ui

import (
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fieldView is one question. It is its own component so that a keystroke renders this field
// and its message again, not the form: with 40 members of 22 fields, rendering the whole step
// costs more than a frame. Its props are small values; the answer and the message are read from
// the session at render time.
type fieldView struct {
	app.Compo
	Path string // answer path, "ats.membri[2].cf"
	Lang schema.Lang
	Ver  int  // see session.ver
	Cell bool // a cell of a table (table.go)
}

func (f *fieldView) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	if sess.open.call == nil {
		return app.Div()
	}
	def := sess.open.call.Field(f.Path)
	if def == nil {
		return app.Div()
	}
	p := fieldProps{
		def: def, path: f.Path, lang: f.Lang,
		value: sess.open.answers().Get(f.Path), ui: sess.ui[f.Path],
	}
	if f.Cell {
		p.row = rowName(f.Path, f.Lang)
	}
	return renderField(p, f)
}

// fieldProps is what renderField needs to draw one question.
type fieldProps struct {
	def   *schema.Field
	path  string
	lang  schema.Lang
	value any
	ui    *fieldUI // nil when the field has shown nothing yet
	row   string   // in a table's cell, the row's name ("Voce di spesa 3"; table.go)
}

func (p fieldProps) issue() *schema.Issue {
	if p.ui == nil {
		return nil
	}
	return p.ui.issue
}

// invalid reports whether the field shows an error; a warning is shown beside it too, but the
// answer is not invalid (no aria-invalid, no red border).
func (p fieldProps) invalid() bool {
	is := p.issue()
	return is != nil && !is.IsWarning()
}

// onText handles typing in a text-like input. An error shown once is checked again at every
// keystroke, so it goes away as soon as the answer is right.
func (f *fieldView) onText(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	def := sess.open.call.Field(f.Path)
	v := e.Get("target").Get("value").String()
	u := sess.fieldUI(f.Path)
	if def.Type == schema.TypeMoney || def.Type == schema.TypeNumber || def.Type == schema.TypeDate {
		u.raw = v
	}
	sess.set(f.Path, parseInput(def, v))
	if u.showing {
		sess.check(f.Path)
	} else {
		sess.recheckItem(f.Path)
	}
}

// onBlur checks the answer when the applicant leaves the field, and shows an amount the way it
// will be read ("1234,5" becomes "1.234,50").
func (f *fieldView) onBlur(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	sess.fieldUI(f.Path).raw = ""
	sess.check(f.Path)
	sess.progressChanged()
}

// onChoice handles a radio button or a select.
func (f *fieldView) onChoice(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	v := e.Get("target").Get("value").String()
	if v == "" {
		sess.set(f.Path, nil)
	} else {
		sess.set(f.Path, v)
	}
	sess.check(f.Path)
	sess.progressChanged()
}

func (f *fieldView) onBool(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	sess.set(f.Path, e.Get("target").Get("value").String() == "true")
	sess.check(f.Path)
	sess.progressChanged()
}

func (f *fieldView) onMulti(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	t := e.Get("target")
	opts := sess.open.call.Options(sess.open.answers(), f.Path)
	sess.set(f.Path, toggle(opts, sess.open.answers().Get(f.Path), t.Get("value").String(), t.Get("checked").Bool()))
	sess.check(f.Path)
	sess.progressChanged()
}

func (f *fieldView) onDeclaration(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	if e.Get("target").Get("checked").Bool() {
		sess.set(f.Path, true)
	} else {
		sess.set(f.Path, nil)
	}
	sess.check(f.Path)
	sess.progressChanged()
}

// OnMount paints the message of a field that appears with one (after "next", or shown again by
// a `when`). A field without one is rendered with an empty box already: a step of 40 members
// mounts 880 fields, and each call into the page counts.
func (f *fieldView) OnMount(ctx app.Context) {
	defer sess.guard.recovered()
	sess.mountLive(f, ctx)
	if u := sess.ui[f.Path]; u != nil && u.issue != nil {
		ctx.Defer(func(app.Context) {
			defer sess.guard.recovered()
			f.paint()
		})
	}
}

// OnDismount forgets the field in the list of choices to render again (live.go).
func (f *fieldView) OnDismount() {
	defer sess.guard.recovered()
	delete(sess.liveChoices, f)
}

// OnUpdate runs when the parent gives this field new props: another item moved into its place,
// another draft was opened, another step reuses its input, errors were revealed, the language
// changed. go-app cannot clear an input's value through an empty attribute, so the input is set
// from the answer once the render is done, and the message painted again.
func (f *fieldView) OnUpdate(ctx app.Context) {
	defer sess.guard.recovered()
	ctx.Defer(func(app.Context) {
		defer sess.guard.recovered()
		f.syncValue()
		f.paint()
	})
}

func (f *fieldView) paint() {
	var is *schema.Issue
	if u := sess.ui[f.Path]; u != nil {
		is = u.issue
	}
	paintMessage(f.Path, is, f.Lang)
}

func (f *fieldView) syncValue() {
	if sess.open.call == nil {
		return
	}
	def := sess.open.call.Field(f.Path)
	if def == nil {
		return
	}
	switch def.Type {
	case schema.TypeText, schema.TypeTextArea, schema.TypeEmail, schema.TypeNumber, schema.TypeMoney, schema.TypeDate:
	default:
		return // radios, checkboxes and selects follow their checked and selected attributes
	}
	want := inputText(def, sess.open.answers().Get(f.Path), f.Lang)
	if u := sess.ui[f.Path]; u != nil && u.raw != "" {
		want = u.raw
	}
	_ = jsTry(func() {
		if el := app.Window().GetElementByID(FieldID(f.Path)); el.Truthy() && el.Get("value").String() != want {
			el.Set("value", want)
		}
	})
}
