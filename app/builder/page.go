package builder

import (
	"context"
	_ "embed"
	"errors"
	"maps"
	"strconv"
	"time"

	"bando/app/calledit"
	"bando/app/ui"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page: a call author loads a call schema file or pastes one, sees its problems as they
// type (schema.Load, debounced), and fills a live preview made of the very components
// applicants get (ui.Preview), on a scratch draft that is never saved.

// lintDelay is how long the builder waits after the last keystroke before checking the schema.
const lintDelay = 300 * time.Millisecond

// callFileExt ends the name of a call file the editor writes.
const callFileExt = ".bando-call.json"

// maxSchemaSize bounds a schema file loaded in the builder.
const maxSchemaSize = 4 << 20

// builderTemplate is where a new call starts: the parts every call has (applicant, signers,
// project, budget lines with a ceiling, the D.P.R. 445/2000 declaration, an attachment), valid
// as it is, to be edited (TestBuilderTemplate keeps it so).
//
//go:embed template.json
var builderTemplate string

// Page is the editor's page, for ui.RoutesWithBuilder.
func Page(l schema.Lang, ver int) app.UI { return &builderPage{Lang: l, Ver: ver} }

// The call being edited is kept in this browser (save.go: an author must never lose work),
// with the version it was loaded as: the published one, for migration proposals.
const (
	keySource    = "bando.builder.source"
	keyPublished = "bando.builder.published"
)

type builderPage struct {
	app.Compo
	Lang schema.Lang
	Ver  int

	src       string                          // the JSON text: the source of truth
	boxText   string                          // the text in the schema box, as last written or typed (box.go)
	doc       *calledit.Value                 // src parsed; nil while src is not JSON
	published *calledit.Value                 // the call as loaded from a file or a shipped call, if any
	sel       calledit.Path                   // the node of the tree selected; nil is the call itself
	hist      calledit.History                // undo and redo
	notice    string                          // what the last tree action could not do
	addType   string                          // the type of the next field added
	picks     map[string]*calledit.CheckShape // the pickers' choices, by picker
	restored  bool
	ctx       app.Context // for the writes of autosave
	mounted   bool
	save      saver // autosave (save.go)

	problems []schema.Problem
	more     int    // problems found past schema.MaxProblems, not listed
	other    string // an error that is not a list of problems
	checked  bool
	call     *schema.Call   // the last valid schema, on preview
	vers     map[string]int // the preview's versions of the fields edits changed (ui.PreviewCall)
	gen      int
	fileMsg  string
	saveMsg  string
	boxes    map[string]string // the value each box of the form was drawn with (syncBoxes)
}

func (b *builderPage) OnMount(ctx app.Context) {
	defer recovered()
	b.ctx, b.mounted = ctx, true
	if app.IsServer {
		return
	}
	b.listenLeave()
	if b.restored {
		return
	}
	b.restored = true
	local, localAt := ui.LocalGet(keySource), ui.LocalGet(keySavedAt)
	ctx.Async(func() {
		defer background()
		src := newest(local, localAt)
		ctx.Dispatch(func(app.Context) {
			defer recovered()
			if src != "" && b.src == "" {
				b.published, _ = calledit.Parse([]byte(ui.LocalGet(keyPublished)))
				b.load(src, false)
			}
		})
	})
}

func (b *builderPage) Render() (out app.UI) {
	defer renderRecovered(&out) // a bug here must not kill the page (resilience.go)
	l := b.Lang
	clear(b.boxes) // filled again by the boxes drawn
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
					app.Button().Type("button").ID("builder-undo").Class("btn btn-outline-secondary btn-sm").
						Disabled(!b.hist.CanUndo()).Aria("keyshortcuts", "Control+Z").Text(tr(l, "builder.undo")).OnClick(b.undo),
					app.Button().Type("button").ID("builder-redo").Class("btn btn-outline-secondary btn-sm").
						Disabled(!b.hist.CanRedo()).Aria("keyshortcuts", "Control+Y").Text(tr(l, "builder.redo")).OnClick(b.redo),
				),
				b.starts(l),
				slot(b.fileMsg != "", func() app.UI {
					return app.Div().ID("builder-file-message").Class("alert alert-danger").Attr("role", "alert").Text(b.fileMsg)
				}),
				slot(b.saveMsg != "", func() app.UI {
					return app.Div().ID("builder-save-message").Class("alert alert-warning").Attr("role", "alert").Text(b.saveMsg)
				}),
				b.treeView(l),
				b.nodeForm(l),
				app.Label().Class("form-label fw-bold mt-4").For("builder-source").Text(tr(l, "builder.source")),
				app.Div().Style("content-visibility", "auto").Style("contain-intrinsic-size", "auto 36rem").Body(
					app.Textarea().ID("builder-source").Class("form-control font-monospace builder-source").
						Rows(24).Attr("wrap", "off").Attr("spellcheck", "false").Attr("autocomplete", "off").
						Aria("describedby", "builder-lint").OnInput(b.typed),
				),
				app.Div().ID("builder-lint").Class("mt-3").Aria("live", "polite").Body(b.lintReport(l)),
			),
			app.Div().Class("col-lg-6").Body(&ui.Preview{Lang: l, Ver: b.Ver, Call: b.call, Stale: len(b.problems) > 0 || b.other != "", Vers: b.vers}),
		),
	)
}

// starts offers the ways to begin that need no file: a blank template, or a shipped call to
// adapt (the next call of a Region is often the last one with changes).
func (b *builderPage) starts(l schema.Lang) app.UI {
	start := func(id, label string, src func() string) app.UI {
		return app.Button().Type("button").ID(id).Class("btn btn-link btn-sm p-0 text-start").Text(label).
			OnClick(func(ctx app.Context, e app.Event) {
				defer recovered()
				if b.src != "" && !ui.Confirmed(tr(b.Lang, "builder.replace")) {
					return
				}
				b.fileMsg = ""
				b.startFrom(src(), id != "builder-template")
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

// startFrom replaces the call being edited by src: a call as published (a file, a shipped
// call), the base of migration proposals, or the template (published false). What undo can
// go back to is kept.
func (b *builderPage) startFrom(src string, published bool) {
	b.published = nil
	if published {
		b.published, _ = calledit.Parse([]byte(src))
	} else {
	}
	b.hist.Record(b.src, "")
	b.sel = nil
	b.load(src, true)
	if !published {
		src = ""
	}
	ui.LocalSet(keyPublished, src)
}

// load puts src in the schema box and checks it at once.
func (b *builderPage) load(src string, save bool) {
	b.syncBoxes()
	b.setSource(src, true)
	if save {
		b.autosave()
	}
	b.lint()
}

// setSource makes src the call being edited: parsed for the tree (kept as it was while src is
// not JSON), and written in the schema box unless it comes from there.
func (b *builderPage) setSource(src string, toBox bool) {
	b.src = src
	b.gen++
	if doc, err := calledit.Parse([]byte(src)); err == nil && doc.Kind == calledit.Object {
		b.doc = doc
		if b.sel != nil && calledit.Node(doc, b.sel) == nil {
			b.sel = nil
		}
	} else {
		b.doc = nil
	}
	if toBox {
		b.toBox()
	}
}

// edit changes the call through the tree or the form: f edits the parsed call, which is
// written back as text, saved and checked at once. key names the property edited, so that
// typing in one box makes one undo step ("" for a step of its own).
func (b *builderPage) edit(key string, f func(doc *calledit.Value)) {
	if b.doc == nil {
		return
	}
	before := b.src
	f(b.doc)
	src := string(calledit.Marshal(b.doc))
	if src == before {
		return
	}
	b.hist.Record(before, key)
	b.syncBoxes()
	b.src = src // b.doc is src parsed already
	b.gen++
	if b.sel != nil && calledit.Node(b.doc, b.sel) == nil {
		b.sel = nil
	}
	b.toBox()
	b.autosave()
	b.lint()
}

func (b *builderPage) undo(ctx app.Context, e app.Event) {
	defer recovered()
	if src, ok := b.hist.Undo(b.src); ok {
		b.load(src, true)
	}
}

func (b *builderPage) redo(ctx app.Context, e app.Event) {
	defer recovered()
	if src, ok := b.hist.Redo(b.src); ok {
		b.load(src, true)
	}
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
					defer recovered()
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

// typed: the schema changed; check it once typing pauses.
func (b *builderPage) typed(ctx app.Context, e app.Event) {
	defer recovered()
	b.hist.Record(b.src, "json")
	b.setSource(e.Get("target").Get("value").String(), false)
	b.boxText = b.src
	b.autosave()
	g := b.gen
	ctx.After(lintDelay, func(ctx app.Context) {
		defer recovered()
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
	old := b.call
	b.call = c
	if old != nil {
		if changed, ok := previewChanges(old, c); ok && ui.PreviewEdit(old, c, changed) {
			vers := maps.Clone(b.vers) // a new map: the preview's props are values
			if vers == nil {
				vers = map[string]int{}
			}
			for _, p := range changed {
				vers[p]++
			}
			b.vers = vers
			return
		}
	}
	ui.PreviewCall(c)
}

func (b *builderPage) picked(ctx app.Context, e app.Event) {
	defer recovered()
	file, ok := ui.PickedFile(e)
	if !ok {
		return
	}
	name := file.Get("name").String()
	if file.Get("size").Int() > maxSchemaSize {
		b.fileMsg = tr(b.Lang, "builder.read", name)
		return
	}
	ctx.Async(func() {
		defer background()
		c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		data, err := ui.ReadFile(c, file)
		cancel()
		ctx.Dispatch(func(ctx app.Context) {
			defer recovered()
			if err != nil {
				b.fileMsg = tr(b.Lang, "builder.read", name)
				return
			}
			b.fileMsg = ""
			b.startFrom(string(data), true)
		})
	})
}

func (b *builderPage) download(ctx app.Context, e app.Event) {
	defer recovered()
	name := "bando" + callFileExt
	if b.call != nil && len(b.problems) == 0 && b.other == "" {
		name = b.call.ID + callFileExt
	}
	if err := ui.Download(name, "application/json", []byte(b.src)); err != nil {
		b.fileMsg = err.Error()
	}
}

// goTo puts the cursor of the schema box at pos (line and column in characters).
func (b *builderPage) goTo(pos schema.Position) {
	off := utf16Offset(b.src, pos)
	_ = ui.JSTry(func() {
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
