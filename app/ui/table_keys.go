package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Keys of a table (table.go), read by one keydown listener on the group rather than a go-app
// handler on every cell: a go-app handler renders its component and every ancestor at each
// keystroke, and this one does nothing for keys that are not its own.
//
//   - ↑ / ↓ in a cell: the same column of the row above or below (with Ctrl in a select,
//     whose arrows change the choice);
//   - Alt+Shift+↑ / ↓: move the row, the focus staying in its cell.

// listenKeys puts the listener on the group's element; it only acts while the group is a table
// (go-app may reuse the component for another group when the step changes).
func (g *groupView) listenKeys(ctx app.Context) {
	_ = jsTry(func() {
		el := ctx.JSSrc()
		if !el.Truthy() {
			return
		}
		g.keys = app.FuncOf(func(this app.Value, args []app.Value) any {
			defer sess.guard.background()
			if len(args) > 0 {
				g.onKey(ctx, args[0])
			}
			return nil
		})
		g.keysEl = el
		el.Call("addEventListener", "keydown", g.keys)
	})
}

func (g *groupView) stopKeys() {
	if g.keys == nil {
		return
	}
	_ = jsTry(func() { g.keysEl.Call("removeEventListener", "keydown", g.keys) })
	g.keys.Release()
	g.keys, g.keysEl = nil, nil
}

func (g *groupView) onKey(ctx app.Context, e app.Value) {
	key := e.Get("key").String()
	if key != "ArrowUp" && key != "ArrowDown" || sess.open.call == nil {
		return
	}
	if def := sess.open.call.Field(g.Path); def == nil || !def.IsTable() {
		return
	}
	t := e.Get("target")
	td, tr := t.Call("closest", "[data-col]"), t.Call("closest", "[data-index]")
	if !td.Truthy() || !tr.Truthy() {
		return
	}
	from, err := strconv.Atoi(tr.Get("dataset").Get("index").String())
	if err != nil || tr.Get("dataset").Get("path").String() != itemPath(g.Path, from) {
		return // a row of a table nested in this group's items
	}
	col := td.Get("dataset").Get("col").String()
	to := from + 1
	if key == "ArrowUp" {
		to = from - 1
	}
	alt, shift, ctrl, meta := e.Get("altKey").Bool(), e.Get("shiftKey").Bool(), e.Get("ctrlKey").Bool(), e.Get("metaKey").Bool()
	switch {
	case alt && shift && !ctrl && !meta:
		e.Call("preventDefault")
		group, lang := g.Path, g.Lang
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			n := len(sess.open.answers().Items(group))
			if def := sess.open.call.Field(group); def != nil && def.Repeat != nil && def.Repeat.Max > 0 {
				n = min(n, def.Repeat.Max)
			}
			it := &itemView{Path: itemPath(group, from), Index: from, Count: n, Lang: lang}
			it.moveTo(ctx, to, FieldID(itemPath(group, to)+"."+col))
		})
	case alt || shift || meta:
	case t.Get("tagName").String() == "SELECT" && !ctrl:
	default:
		next := app.Window().GetElementByID(FieldID(itemPath(g.Path, to) + "." + col))
		if next.Truthy() && to >= 0 {
			e.Call("preventDefault")
			next.Call("focus")
		}
	}
}
