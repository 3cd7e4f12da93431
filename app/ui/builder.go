package ui

import (
	"context"
	_ "embed"
	"errors"
	"maps"
	"strconv"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The builder (/builder): a call author loads a call schema file or pastes one, sees its
// problems as they type (schema.Load, debounced), and fills a live preview made of the very
// components applicants get. The preview's draft is a scratch draft (scratch.go): it is never
// saved, and the applicant's drafts in this browser stay as they are. Everything happens in the
// browser, offline too.

// PathBuilder is the builder page.
const PathBuilder = "/builder"

// lintDelay is how long the builder waits after the last keystroke before checking the schema.
const lintDelay = 300 * time.Millisecond

// maxSchemaSize bounds a schema file loaded in the builder.
const maxSchemaSize = 4 << 20

func init() { maps.Copy(texts, builderTexts) }

var builderTexts = map[string][2]string{
	"builder.title":     {"Editor dei bandi", "Call builder"},
	"builder.intro":     {"Scrivi o incolla lo schema di un bando (JSON), oppure caricalo da un file: i problemi compaiono mentre scrivi e l'anteprima mostra il modulo come lo vedranno i richiedenti. Nulla lascia questo computer e nessuna bozza viene salvata.", "Write or paste a call schema (JSON), or load it from a file: problems show as you type and the preview shows the form as applicants will get it. Nothing leaves this computer and no draft is saved."},
	"builder.source":    {"Schema del bando (JSON)", "Call schema (JSON)"},
	"builder.choose":    {"Carica uno schema da file", "Load a schema from a file"},
	"builder.download":  {"Scarica lo schema", "Download the schema"},
	"builder.read":      {"Il file «%s» non si può leggere.", "The file “%s” cannot be read."},
	"builder.empty":     {"Scrivi o carica uno schema per vedere l'anteprima.", "Write or load a schema to see the preview."},
	"builder.ok":        {"Nessun problema: lo schema è valido.", "No problems: the schema is valid."},
	"builder.problems":  {"Problemi nello schema (%d)", "Problems in the schema (%d)"},
	"builder.at":        {"Riga %d, colonna %d", "Line %d, column %d"},
	"builder.preview":   {"Anteprima del modulo", "Form preview"},
	"builder.stale":     {"L'anteprima mostra l'ultima versione valida dello schema.", "The preview shows the last valid version of the schema."},
	"builder.plang":     {"Lingua dell'anteprima", "Preview language"},
	"builder.check":     {"Controlla le risposte dell'anteprima", "Check the preview answers"},
	"builder.checkok":   {"Le risposte dell'anteprima sono complete.", "The preview answers are complete."},
	"builder.checkmany": {"%d problemi nelle risposte dell'anteprima.", "%d problems in the preview answers."},
	"builder.start":     {"Parti da:", "Start from:"},
	"builder.template":  {"un modello vuoto", "a blank template"},
	"builder.replace":   {"Sostituire lo schema nell'editor? Le modifiche non scaricate andranno perse.", "Replace the schema in the editor? Changes not downloaded will be lost."},
}

// builderTemplate is where a new call starts: the parts every call has (applicant, signers,
// project, budget lines with a ceiling, the D.P.R. 445/2000 declaration, an attachment), valid
// as it is, to be edited (TestBuilderTemplate keeps it so).
//
//go:embed builder_template.json
var builderTemplate string

type builderPage struct {
	app.Compo
	Lang schema.Lang
	Ver  int

	src      string
	problems []schema.Problem
	more     int    // problems found past schema.MaxProblems, not listed
	other    string // an error that is not a list of problems
	checked  bool
	call     *schema.Call // the last valid schema, on preview
	gen      int
	fileMsg  string
	checkMsg string
}

func (b *builderPage) Render() (ui app.UI) {
	defer sess.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l := b.Lang
	return app.Div().Class("builder").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "builder.title")),
		app.P().Class("lead").ID("builder-intro").Text(tr(l, "builder.intro")),
		app.Div().Class("row g-4").Body(
			app.Div().Class("col-lg-6").Body(
				app.Div().Class("d-flex flex-wrap gap-2 mb-2").Body(
					app.Label().Class("btn btn-outline-primary btn-sm").For("builder-file").Text(tr(l, "builder.choose")),
					app.Input().Type("file").ID("builder-file").Class("visually-hidden").
						Accept(".json,application/json").OnChange(b.picked),
					app.Button().Type("button").ID("builder-download").Class("btn btn-outline-primary btn-sm").
						Disabled(b.src == "").Text(tr(l, "builder.download")).OnClick(b.download),
				),
				b.starts(l),
				slot(b.fileMsg != "", func() app.UI {
					return app.Div().ID("builder-file-message").Class("alert alert-danger").Attr("role", "alert").Text(b.fileMsg)
				}),
				app.Label().Class("form-label fw-bold").For("builder-source").Text(tr(l, "builder.source")),
				app.Textarea().ID("builder-source").Class("form-control font-monospace builder-source").
					Rows(24).Attr("spellcheck", "false").Attr("autocomplete", "off").
					Aria("describedby", "builder-lint").OnInput(b.typed),
				app.Div().ID("builder-lint").Class("mt-3").Aria("live", "polite").Body(b.lintReport(l)),
			),
			app.Div().Class("col-lg-6").Body(b.preview(l)),
		),
	)
}

// starts offers the ways to begin that need no file: a blank template, or a shipped call to
// adapt (the next call of a Region is often the last one with changes).
func (b *builderPage) starts(l schema.Lang) app.UI {
	start := func(id, label string, src func() string) app.UI {
		return app.Button().Type("button").ID(id).Class("btn btn-link btn-sm p-0 text-start").Text(label).
			OnClick(func(ctx app.Context, e app.Event) {
				defer sess.recovered()
				if b.src != "" && !confirmed(tr(b.Lang, "builder.replace")) {
					return
				}
				b.fileMsg = ""
				b.load(src())
			})
	}
	items := []app.UI{
		app.Li().Body(start("builder-template", tr(l, "builder.template"), func() string { return builderTemplate })),
	}
	for _, id := range schema.ShippedIDs() {
		c, err := schema.Shipped(id)
		if err != nil {
			continue
		}
		items = append(items, app.Li().Body(start("builder-from-"+id, c.Title.In(l), func() string {
			src, _ := schema.ShippedSource(id)
			return string(src)
		})))
	}
	return app.Div().ID("builder-starts").Class("small mb-3").Body(
		app.P().Class("mb-1").Text(tr(l, "builder.start")),
		app.Ul().Class("mb-0").Body(items...),
	)
}

// load puts src in the schema box and checks it at once.
func (b *builderPage) load(src string) {
	b.src = src
	b.gen++
	_ = jsTry(func() {
		if el := app.Window().GetElementByID("builder-source"); el.Truthy() {
			el.Set("value", b.src)
		}
	})
	b.lint()
}

func (b *builderPage) lintReport(l schema.Lang) app.UI {
	switch {
	case !b.checked:
		return app.Div()
	case b.other != "":
		return app.Div().ID("builder-problems").Class("alert alert-danger").Body(app.P().Class("mb-0").Text(b.other))
	case len(b.problems) == 0:
		return app.Div().ID("builder-ok").Class("alert alert-success").Text(tr(l, "builder.ok"))
	}
	items := make([]app.UI, len(b.problems))
	for i, p := range b.problems {
		pos := p.Pos
		items[i] = app.Li().Class("builder-problem").DataSet("line", strconv.Itoa(p.Pos.Line)).Body(
			app.A().Href("#builder-source").Class("fw-bold").Text(tr(l, "builder.at", p.Pos.Line, p.Pos.Column)+":").
				OnClick(func(ctx app.Context, e app.Event) {
					defer sess.recovered()
					e.PreventDefault()
					b.goTo(pos)
				}),
			app.Text(" "),
			app.Code().Text(p.Path),
			app.Text(" "+p.Msg.In(l)),
		)
	}
	if b.more > 0 { // a capped list (schema.MaxProblems): say how many are left out
		items = append(items, app.Li().Class("builder-more").Text((&schema.LoadError{More: b.more}).Omitted(l)))
	}
	return app.Div().ID("builder-problems").Class("alert alert-danger").Body(
		app.P().Class("fw-bold").Text(tr(l, "builder.problems", len(b.problems))),
		app.Ul().Class("mb-0").Body(items...),
	)
}

// preview is the form as applicants get it: every step of the call, with the same field and
// group components, on the scratch draft.
func (b *builderPage) preview(l schema.Lang) app.UI {
	pl := sess.formLang()
	if sess.mode != "builder" {
		pl = l
	}
	langBtn := func(to schema.Lang, label string) app.UI {
		cls := "btn btn-sm btn-outline-secondary"
		if pl == to {
			cls = "btn btn-sm btn-secondary"
		}
		return app.Button().Type("button").ID("preview-"+string(to)).Class(cls).Attr("lang", string(to)).
			Aria("pressed", strconv.FormatBool(pl == to)).Text(label).
			OnClick(func(ctx app.Context, e app.Event) {
				defer sess.recovered()
				sess.setPreviewLang(to)
			})
	}
	head := app.Div().Class("d-flex flex-wrap align-items-center gap-2 mb-3").Body(
		app.H2().Class("h3 flex-grow-1 mb-0").ID("builder-preview-title").Text(tr(l, "builder.preview")),
		app.Div().Class("btn-group").Attr("role", "group").Aria("label", tr(l, "builder.plang")).Body(
			langBtn(schema.IT, "Italiano"), langBtn(schema.EN, "English"),
		),
	)
	if b.call == nil || sess.mode != "builder" || sess.call != b.call {
		return app.Section().ID("builder-preview").Aria("labelledby", "builder-preview-title").Body(
			head, app.P().Class("text-muted").Text(tr(l, "builder.empty")))
	}
	c, a := sess.call, sess.answers()
	var secs []app.UI
	for _, s := range shownSections(c, a) {
		secs = append(secs, app.Section().Class("preview-section mb-4").Aria("labelledby", "preview-"+s.ID).Body(
			app.H3().Class("h4").ID("preview-"+s.ID).Text(s.Title.In(pl)),
			slot(!s.Intro.IsZero(), func() app.UI { return app.P().Class("section-intro").Text(s.Intro.In(pl)) }),
			app.Div().Class("section-fields").Body(questions(s.Fields, s.ID+".", pl, sess.ver, sess.condVer)...),
		))
	}
	return app.Section().ID("builder-preview").Attr("lang", string(pl)).Aria("labelledby", "builder-preview-title").Body(
		head,
		slot(len(b.problems) > 0 || b.other != "", func() app.UI {
			return app.P().ID("builder-stale").Class("alert alert-warning").Text(tr(l, "builder.stale"))
		}),
		app.P().Class("h4 preview-call-title").Text(c.Title.In(pl)),
		app.Div().Body(secs...),
		app.Button().Type("button").ID("builder-check").Class("btn btn-outline-primary").Text(tr(l, "builder.check")).OnClick(b.checkPreview),
		slot(b.checkMsg != "", func() app.UI {
			return app.P().ID("builder-check-message").Attr("role", "status").Class("mt-2").Text(b.checkMsg)
		}),
	)
}

// checkPreview shows every problem of the preview answers at its field, as "next" does.
func (b *builderPage) checkPreview(ctx app.Context, e app.Event) {
	defer sess.recovered()
	if sess.mode != "builder" || sess.d == nil {
		return
	}
	n := 0
	for _, s := range sess.call.Sections {
		errs, warns := sess.showIssues(s.ID)
		n += errs + warns
	}
	if n == 0 {
		b.checkMsg = tr(b.Lang, "builder.checkok")
	} else {
		b.checkMsg = tr(b.Lang, "builder.checkmany", n)
	}
}

// typed: the schema changed; check it once typing pauses.
func (b *builderPage) typed(ctx app.Context, e app.Event) {
	defer sess.recovered()
	b.src = e.Get("target").Get("value").String()
	b.gen++
	g := b.gen
	ctx.After(lintDelay, func(ctx app.Context) {
		defer sess.recovered()
		if g == b.gen {
			b.lint()
		}
	})
}

// lint checks the schema; a valid one replaces the preview, keeping the answers given so far
// when it is the same call.
func (b *builderPage) lint() {
	b.checked = true
	b.problems, b.more, b.other = nil, 0, ""
	c, err := schema.Load([]byte(b.src))
	if err != nil {
		var le *schema.LoadError
		if errors.As(err, &le) {
			b.problems, b.more = le.Problems, le.More
		} else {
			b.other = err.Error()
		}
		return
	}
	d := draft.New(c, sess.appVersion, time.Now())
	if sess.mode == "builder" && sess.d != nil && sess.d.Call == c.ID {
		d.Answers = sess.d.Answers.Clone()
	}
	for _, sec := range c.Sections {
		for _, f := range sec.Fields {
			if f.Type == schema.TypeGroup {
				seedGroup(d.Answers, f, sec.ID+"."+f.ID)
			}
		}
	}
	c.AssignItemIDs(d.Answers)
	b.call = c
	b.checkMsg = ""
	sess.enterScratch("builder", c, d)
}

func (b *builderPage) picked(ctx app.Context, e app.Event) {
	defer sess.recovered()
	file, ok := pickedFile(e)
	if !ok {
		return
	}
	name := file.Get("name").String()
	if file.Get("size").Int() > maxSchemaSize {
		b.fileMsg = tr(b.Lang, "builder.read", name)
		return
	}
	ctx.Async(func() {
		defer sess.background()
		c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		data, err := readFile(c, file)
		cancel()
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.recovered()
			if err != nil {
				b.fileMsg = tr(b.Lang, "builder.read", name)
				return
			}
			b.fileMsg = ""
			b.load(string(data))
		})
	})
}

func (b *builderPage) download(ctx app.Context, e app.Event) {
	defer sess.recovered()
	name := "bando.json"
	if b.call != nil && len(b.problems) == 0 && b.other == "" {
		name = b.call.ID + ".json"
	}
	if err := download(name, "application/json", []byte(b.src)); err != nil {
		b.fileMsg = err.Error()
	}
}

// goTo puts the cursor of the schema box at pos (line and column in characters).
func (b *builderPage) goTo(pos schema.Position) {
	off := utf16Offset(b.src, pos)
	_ = jsTry(func() {
		if el := app.Window().GetElementByID("builder-source"); el.Truthy() {
			el.Call("focus")
			el.Call("setSelectionRange", off, off)
		}
	})
}

// utf16Offset is the offset of pos in src as JavaScript counts (UTF-16 code units).
func utf16Offset(src string, pos schema.Position) int {
	line, col, off := 1, 1, 0
	for _, r := range src {
		if line > pos.Line || (line == pos.Line && col >= pos.Column) {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		if r >= 0x10000 {
			off += 2
		} else {
			off++
		}
	}
	return off
}
