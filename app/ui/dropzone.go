package ui

import (
	"context"
	"time"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fileZone is the one way a file reaches the app: a labelled picker inside an area a file can
// be dropped on. Every flow that takes files (a draft to import, a call file, a support bundle,
// the signed proposal, trust anchors) differs in what it accepts and what it does with the
// files, never in how they arrive: a picker and a drop give the same list, the picker is
// cleared so that the same file can be chosen again after fixing it, and the area is
// highlighted while a file is over it.
type fileZone struct {
	id    string // of the area
	class string // its spacing ("p-4 mt-4")
	// titled is the id of the area's title, which names it as a region; "" for an area inside
	// a section that names it already.
	titled   string
	dragging *bool // the page's flag, so that the highlight survives the page's renders
	input    string
	help     string // id of the text describing the picker
	choose   string // the picker's label
	button   string // its button classes
	accept   string
	multiple bool
	take     func(ctx app.Context, files []app.Value) // never empty
}

// render is the area: head before the picker (title, help), tail after it (messages).
func (z fileZone) render(head []app.UI, tail ...app.UI) app.UI {
	class := "import-zone " + z.class
	if *z.dragging {
		class += " import-zone-active"
	}
	area := app.Div().ID(z.id).Class(class)
	if z.titled != "" {
		area = area.Attr("role", "region").Aria("labelledby", z.titled)
	}
	input := app.Input().Type("file").ID(z.input).Class("visually-hidden").
		Accept(z.accept).Aria("describedby", z.help).OnChange(z.picked)
	if z.multiple { // only then: go-app would write multiple="false", which HTML reads as multiple
		input = input.Multiple(true)
	}
	body := append(head, app.Label().Class(z.button).For(z.input).Text(z.choose), input)
	return area.OnDragOver(z.over).OnDragLeave(z.leave).OnDrop(z.drop).Body(append(body, tail...)...)
}

func (z fileZone) over(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	e.PreventDefault() // without it the browser would open the file instead of dropping it here
	if *z.dragging {
		ctx.PreventUpdate()
	}
	*z.dragging = true
}

func (z fileZone) leave(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	*z.dragging = false
}

func (z fileZone) drop(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	e.PreventDefault()
	*z.dragging = false
	if files := fileList(e.Get("dataTransfer").Get("files")); len(files) > 0 {
		z.take(ctx, files)
	}
}

func (z fileZone) picked(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	input := e.Get("target")
	files := fileList(input.Get("files"))
	input.Set("value", "") // after reading the list: clearing it replaces the input's FileList
	if len(files) > 0 {
		z.take(ctx, files)
	}
}

// fileList copies a JavaScript FileList: each File keeps its contents after its input is cleared.
func fileList(list app.Value) []app.Value {
	files := make([]app.Value, list.Length())
	for i := range files {
		files[i] = list.Index(i)
	}
	return files
}

// oneFile is take for a flow that reads one file at a time: several dropped together are
// refused with a message (many), rather than reading one of them chosen by the browser.
func oneFile(l schema.Lang, many func(msg string), take func(ctx app.Context, file app.Value)) func(app.Context, []app.Value) {
	return func(ctx app.Context, files []app.Value) {
		if len(files) > 1 {
			many(tr(l, "import.many"))
			return
		}
		take(ctx, files[0])
	}
}

// readPicked reads a file picked or dropped off the UI goroutine, then hands its bytes to use on
// it — or, when the browser cannot read it, says so with fail. The read is bounded (30 s): a
// file on a network share that stops answering must not leave the page waiting for ever.
func readPicked(ctx app.Context, l schema.Lang, file app.Value, fail func(msg string), use func(ctx app.Context, data []byte)) {
	ctx.Async(func() {
		defer sess.guard.background()
		c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		data, err := readFile(c, file)
		cancel()
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			if err != nil {
				fail(tr(l, "import.read"))
				return
			}
			use(ctx, data)
		})
	})
}
