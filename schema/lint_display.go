package schema

import (
	"fmt"
	"slices"
	"strings"
)

// display checks a field's display: only groups take one, it is one of displays, and a table
// holds only fields that fit a cell, at most MaxTableColumns of them.
func (l *linter) display(f *Field, n *jsonNode, p string) {
	if f.Display == "" {
		return
	}
	dn := n.get("display")
	switch {
	case f.Type != TypeGroup:
		l.problem(dn, p+".display", "lint.display",
			"display vale solo per i gruppi (type \"group\"): dice se le voci si mostrano come schede o come tabella",
			"display applies only to groups (type \"group\"): it says whether the items are shown as cards or as a table")
		return
	case !slices.Contains(displays, f.Display):
		l.problem(dn, p+".display", "lint.display",
			"display %q non previsto: usa uno tra %s", "display %q is not known: use one of %s", f.Display, strings.Join(displays, ", "))
		return
	case f.Display != DisplayTable:
		return
	}
	if len(f.Fields) > MaxTableColumns {
		l.problem(dn, p+".display", "lint.display_columns",
			"una tabella ha al massimo %d colonne, questo gruppo ha %d campi: togli display \"table\" (le voci si mostrano come schede)",
			"a table has at most %d columns, this group has %d fields: remove display \"table\" (the items are then shown as cards)", MaxTableColumns, len(f.Fields))
	}
	fn := n.get("fields")
	for i, sub := range f.Fields {
		if !tableColumn(sub.Type) {
			l.problem(orNode(fn.at(i).get("type"), dn), fmt.Sprintf("%s.fields[%d].type", p, i), "lint.display_field",
				"il campo %q (%s) non sta in una cella: un gruppo con display \"table\" ha solo campi brevi (text, number, money, date, choice, boolean, email, computed); togli display o sposta il campo fuori dal gruppo",
				"field %q (%s) does not fit a cell: a group with display \"table\" holds only short fields (text, number, money, date, choice, boolean, email, computed); remove display or move the field out of the group",
				sub.ID, sub.Type)
		}
	}
}
