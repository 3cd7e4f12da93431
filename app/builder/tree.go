package builder

import (
	"errors"
	"strconv"

	"bando/app/calledit"
	"bando/app/ui"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The tree: the call, its sections, their fields, and the fields of groups, as nested lists of
// buttons (a button selects its node for the form below). The buttons under the tree act on
// the selected node; with the focus on a node, the keyboard does the same: arrows up and down
// go from node to node, Alt with the arrows moves the node (up, down, into the group before
// it, out of its group), Delete deletes it, Ctrl+Z and Ctrl+Y undo and redo.

// fieldTypes are the types the type pickers offer, in the order an author meets them.
var fieldTypes = []string{"text", "textarea", "number", "money", "date", "choice", "multichoice", "boolean", "declaration", "email", "group", "computed"}

// nodeID is the element id of the tree button of the node at p ("node-call" for the call).
func nodeID(p calledit.Path) string {
	if p == nil {
		return "node-call"
	}
	return "node-" + p.String()
}

func (b *builderPage) treeView(l schema.Lang) app.UI {
	head := app.H2().Class("h4 mt-3").ID("builder-tree-title").Text(tr(l, "tree.title"))
	if b.doc == nil {
		return app.Section().ID("builder-tree").Aria("labelledby", "builder-tree-title").Body(
			head, app.P().Class("text-muted").ID("builder-tree-empty").Text(tr(l, "tree.nojson")))
	}
	var level func(arr *calledit.Value, prefix calledit.Path) app.UI
	level = func(arr *calledit.Value, prefix calledit.Path) app.UI {
		if arr == nil || len(arr.Elems) == 0 {
			return app.Span().Class("d-none")
		}
		items := make([]app.UI, len(arr.Elems))
		for i, n := range arr.Elems {
			p := append(append(calledit.Path{}, prefix...), i)
			items[i] = app.Li().Body(b.nodeButton(l, p, n), level(n.Get("fields"), p))
		}
		return app.Ul().Class("builder-tree-level list-unstyled ps-3 mb-0").Body(items...)
	}
	title := b.doc.Get("title").Str(string(l))
	if title == "" {
		title = b.doc.Get("title").Str("it")
	}
	return app.Section().ID("builder-tree").Aria("labelledby", "builder-tree-title").Body(
		head,
		app.P().Class("small text-muted").ID("builder-tree-help").Text(tr(l, "tree.help")),
		app.Nav().Class("builder-tree border rounded p-2").Aria("labelledby", "builder-tree-title").Body(
			app.Ul().Class("list-unstyled mb-0").Body(app.Li().Body(
				b.treeButton(l, nil, title, tr(l, "tree.call"), ""),
				level(b.doc.Get("sections"), nil),
			)),
		),
		b.treeActions(l),
		slot(b.notice != "", func() app.UI {
			return app.P().ID("builder-tree-notice").Class("small text-danger mt-1").Attr("role", "status").Text(b.notice)
		}),
	)
}

func (b *builderPage) nodeButton(l schema.Lang, p calledit.Path, n *calledit.Value) app.UI {
	if len(p) == 1 {
		return b.treeButton(l, p, textOf(n.Get("title"), l), tr(l, "tree.section"), n.Str("id"))
	}
	return b.treeButton(l, p, textOf(n.Get("label"), l), tr(l, "type."+n.Str("type")), n.Str("id"))
}

// textOf is a bilingual text in l, else in Italian.
func textOf(t *calledit.Value, l schema.Lang) string {
	if s := t.Str(string(l)); s != "" {
		return s
	}
	return t.Str("it")
}

func (b *builderPage) treeButton(l schema.Lang, p calledit.Path, label, kind, id string) app.UI {
	selected := (p == nil && b.sel == nil) || (p != nil && b.sel != nil && b.sel.Equal(p))
	cls := "btn btn-sm text-start builder-node w-100 d-flex flex-wrap gap-2 align-items-baseline"
	if selected {
		cls += " btn-primary"
	} else {
		cls += " btn-link"
	}
	btn := app.Button().Type("button").ID(nodeID(p)).Class(cls).DataSet("path", p.String()).
		Aria("keyshortcuts", "Alt+ArrowUp Alt+ArrowDown Alt+ArrowRight Alt+ArrowLeft Delete").
		Body(
			app.Span().Class("fw-semibold").Text(label),
			app.Span().Class("small").Text("· "+kind),
			slot(id != "", func() app.UI { return app.Span().Class("small font-monospace builder-node-id").Text(id) }),
		).
		OnClick(func(ctx app.Context, e app.Event) {
			defer recovered()
			b.sel, b.notice = p, ""
			b.syncBoxes()
		}, app.EventScope(p.String())).
		OnKeyDown(func(ctx app.Context, e app.Event) {
			defer recovered()
			b.treeKey(ctx, e, p)
		}, app.EventScope(p.String()))
	if selected {
		btn = btn.Aria("current", "true")
	}
	return btn
}

// treeKey is the keyboard on the node at p.
func (b *builderPage) treeKey(ctx app.Context, e app.Event, p calledit.Path) {
	key := e.Get("key").String()
	alt, ctrl := e.Get("altKey").Bool(), e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()
	// Only a key the tree acts on selects the node: Tab passing through the tree on its way to
	// the form must leave the selection (and so the form) as it was.
	act := func(f func()) {
		e.PreventDefault()
		b.sel = p
		f()
		b.focusNode(ctx)
	}
	switch {
	case alt && key == "ArrowUp":
		act(func() { b.move(calledit.Up) })
	case alt && key == "ArrowDown":
		act(func() { b.move(calledit.Down) })
	case alt && key == "ArrowRight":
		act(func() { b.move(calledit.Into) })
	case alt && key == "ArrowLeft":
		act(func() { b.move(calledit.Out) })
	case !alt && !ctrl && (key == "ArrowUp" || key == "ArrowDown"):
		act(func() { b.step(key == "ArrowDown") })
	case !alt && !ctrl && key == "Delete":
		act(b.deleteNode)
	case ctrl && (key == "z" || key == "Z") && !e.Get("shiftKey").Bool():
		act(func() { b.undo(ctx, e) })
	case ctrl && (key == "y" || key == "Y" || (key == "Z" && e.Get("shiftKey").Bool())):
		act(func() { b.redo(ctx, e) })
	}
}

// step selects the node after (or before) the selected one, in the order of the tree.
func (b *builderPage) step(down bool) {
	all := append([]calledit.Path{nil}, nil)
	for _, it := range calledit.Outline(b.doc) {
		all = append(all, it.Path)
	}
	for i, p := range all {
		if (p == nil && b.sel == nil) || (p != nil && b.sel != nil && p.Equal(b.sel)) {
			switch {
			case down && i+1 < len(all):
				b.sel = all[i+1]
			case !down && i > 0:
				b.sel = all[i-1]
			}
			return
		}
	}
}

// focusNode puts the keyboard focus on the selected node once the tree is drawn again. It
// defers on the page's own context, not on the handler's: go-app drops a deferred function
// whose element is gone, and the node the key was pressed on is gone when it was the only
// field of a group moved out of it (the keyboard user would be left on nothing).
func (b *builderPage) focusNode(ctx app.Context) {
	id := nodeID(b.sel)
	if b.mounted {
		ctx = b.ctx
	}
	b.syncBoxes()
	ctx.Defer(func(app.Context) {
		defer recovered()
		_ = ui.JSTry(func() {
			if el := app.Window().GetElementByID(id); el.Truthy() {
				el.Call("focus")
			}
		})
	})
}

func (b *builderPage) move(d calledit.Direction) {
	if b.sel == nil {
		return
	}
	b.notice = ""
	var moved calledit.Path
	var err error
	b.edit("", func(doc *calledit.Value) { moved, err = calledit.Move(doc, b.sel, d) })
	if errors.Is(err, calledit.ErrCannotMove) {
		b.notice = tr(b.Lang, "tree.cannot."+strconv.Itoa(int(d)))
		return
	}
	b.sel = moved
}

func (b *builderPage) deleteNode() {
	if b.sel == nil {
		return
	}
	if calledit.HasContent(b.doc, b.sel) && !ui.Confirmed(tr(b.Lang, "tree.confirmdelete", b.nodeName(b.sel))) {
		return
	}
	var next calledit.Path
	b.edit("", func(doc *calledit.Value) { next = calledit.Delete(doc, b.sel) })
	b.sel = next
	if len(b.sel) == 0 {
		b.sel = nil
	}
}

// nodeName is how the confirmation names a node: its label and id.
func (b *builderPage) nodeName(p calledit.Path) string {
	n := calledit.Node(b.doc, p)
	t := n.Get("label")
	if len(p) == 1 {
		t = n.Get("title")
	}
	return "«" + textOf(t, b.Lang) + "» (" + n.Str("id") + ")"
}

// treeActions are the buttons that act on the selected node.
func (b *builderPage) treeActions(l schema.Lang) app.UI {
	field := len(b.sel) >= 2
	btn := func(id, key string, enabled bool, f func()) app.UI {
		return app.Button().Type("button").ID(id).Class("btn btn-outline-primary btn-sm").Disabled(!enabled).
			Text(tr(l, key)).OnClick(func(ctx app.Context, e app.Event) {
			defer recovered()
			f()
			b.focusNode(ctx)
		}, app.EventScope(id))
	}
	typeOpts := make([]app.UI, len(fieldTypes))
	for i, t := range fieldTypes {
		typeOpts[i] = app.Option().Value(t).Selected(t == b.newType()).Text(tr(l, "type."+t))
	}
	return app.Div().ID("builder-tree-actions").Class("d-flex flex-wrap gap-2 align-items-end mt-2").Body(
		btn("tree-add-section", "tree.addsection", true, func() {
			b.edit("", func(doc *calledit.Value) { b.sel = calledit.AddSection(doc, b.sel) })
		}),
		app.Div().Class("d-flex gap-1 align-items-end").Body(
			app.Div().Body(
				app.Label().Class("form-label small mb-0").For("tree-new-type").Text(tr(l, "tree.newtype")),
				app.Select().ID("tree-new-type").Class("form-select form-select-sm").Body(typeOpts...).
					OnChange(func(ctx app.Context, e app.Event) {
						defer recovered()
						b.addType = e.Get("target").Get("value").String()
					}),
			),
			btn("tree-add-field", "tree.addfield", b.sel != nil && len(b.doc.Get("sections").Elems) > 0, func() {
				var p calledit.Path
				b.edit("", func(doc *calledit.Value) { p = calledit.AddField(doc, b.sel, b.newType()) })
				if p != nil {
					b.sel = p
				}
			}),
		),
		btn("tree-duplicate", "tree.duplicate", b.sel != nil, func() {
			b.edit("", func(doc *calledit.Value) { b.sel = calledit.Duplicate(doc, b.sel) })
		}),
		btn("tree-delete", "tree.delete", b.sel != nil, b.deleteNode),
		btn("tree-up", "tree.up", b.sel != nil, func() { b.move(calledit.Up) }),
		btn("tree-down", "tree.down", b.sel != nil, func() { b.move(calledit.Down) }),
		btn("tree-into", "tree.into", field, func() { b.move(calledit.Into) }),
		btn("tree-out", "tree.out", len(b.sel) >= 3, func() { b.move(calledit.Out) }),
	)
}

// newType is the type of the next field added.
func (b *builderPage) newType() string {
	if b.addType == "" {
		return "text"
	}
	return b.addType
}
