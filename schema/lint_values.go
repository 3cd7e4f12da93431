package schema

import (
	"slices"
	"strings"

	"bando/schema/expr"
)

// Lint of the two kinds of field whose value comes from other answers: computed fields (Expr,
// Format) and choices fed by a group's items (OptionsFrom).

// computedShape checks what a computed field must and must not have, before expressions are
// compiled; other fields must not carry expr or format.
func (l *linter) computedShape(f *Field, n *jsonNode, p string) {
	if f.Type != TypeComputed {
		if f.Expr != "" {
			l.problem(n.get("expr"), p+".expr", "lint.computed", "expr vale solo per i campi calcolati (type \"computed\")", "expr applies only to computed fields (type \"computed\")")
		}
		if f.Format != "" {
			l.problem(n.get("format"), p+".format", "lint.computed", "format vale solo per i campi calcolati (type \"computed\")", "format applies only to computed fields (type \"computed\")")
		}
		return
	}
	if strings.TrimSpace(f.Expr) == "" {
		l.problem(orNode(n.get("expr"), n), p+".expr", "lint.required", "manca l'espressione (expr) che calcola il valore, es. sum(budget.voci[].importo)", "the expression (expr) computing the value is missing, e.g. sum(budget.voci[].importo)")
	}
	if !slices.Contains(computedFormats, f.Format) {
		l.problem(orNode(n.get("format"), n), p+".format", "lint.computed_format", "format %q non previsto per un campo calcolato: usa uno tra %s", "format %q is not known for a computed field: use one of %s", f.Format, strings.Join(computedFormats, ", "))
	}
	if strings.TrimSpace(f.Rules) != "" {
		l.problem(n.get("rules"), p+".rules", "lint.computed_rules",
			"un campo calcolato non ha regole (nessuno lo compila): per porre un limite al valore scrivi un controllo (checks) che lo usa",
			"a computed field takes no rules (nobody fills it in): to bound its value, write a check (checks) that uses it")
	}
}

// computedExpr compiles the expression of computed field f in the scope the field sits in, and
// checks that its type fits the format.
func (l *linter) computedExpr(f *Field, n *jsonNode, p string, sc *scope) {
	f.expr = l.expr(f.Expr, n.get("expr"), p+".expr", sc, false)
	if f.expr == nil || !slices.Contains(computedFormats, f.Format) {
		return
	}
	want := computedType(f)
	t, err := expr.Fit(nil, f.expr.typ, want)
	if err == nil && t.Kind != expr.Null && !(t.Kind == want.Kind) {
		l.problem(n.get("expr"), p+".expr", "lint.expr_type",
			"il campo calcolato ha format %[1]q, che vuole un valore di tipo %[2]s, ma l'espressione dà un valore di tipo %[3]s",
			"the computed field has format %[1]q, which needs a %[4]s, but the expression gives a %[5]s", f.Format, want.IT(), t.IT(), want.EN(), t.EN())
		f.expr = nil
	}
}

// computedType is the type a path reading computed field f gives.
func computedType(f *Field) expr.Type {
	switch f.Format {
	case FormatMoneyValue:
		return expr.Of(expr.Money)
	case FormatNumberValue:
		return expr.Of(expr.Number)
	case FormatDateValue:
		return expr.Of(expr.Date)
	}
	return expr.Of(expr.Text)
}

// optionsFrom checks that a choice's OptionsFrom names a group and a text field of its items,
// and that the group's list is one the choice can see: every group around the items' group
// must also be around the choice ("azioni.linee.partner" is offered to a choice inside the same
// linea, never to one elsewhere, which could not say which linea it means).
func (l *linter) optionsFrom(c *Call, f *Field, n *jsonNode, p string) {
	of := f.OptionsFrom
	if of.Items == "" {
		l.problem(orNode(n.get("items"), n), p+".items", "lint.required", "manca items: il gruppo le cui voci diventano le opzioni, es. ats.membri", "items is missing: the group whose items become the options, e.g. ats.membri")
		return
	}
	g := c.index[of.Items]
	if g == nil || g.Type != TypeGroup {
		var groups []string
		for path, x := range c.index {
			if x.Type == TypeGroup {
				groups = append(groups, path)
			}
		}
		slices.Sort(groups)
		it, en := "items %q non è un gruppo (gruppi del bando: %s)", "items %q is not a group (the call's groups: %s)"
		arg := strings.Join(groups, ", ")
		if best := closest(of.Items, groups); best != "" {
			it, en, arg = "items %q non è un gruppo: forse %q?", "items %q is not a group: did you mean %q?", best
		}
		l.problem(orNode(n.get("items"), n), p+".items", "lint.options_from_items", it, en, of.Items, arg)
		return
	}
	for a := groupOf(g.path); strings.Contains(a, "."); a = groupOf(a) {
		if !strings.HasPrefix(f.path, a+".") {
			l.problem(n.get("items"), p+".items", "lint.options_from_items",
				"le voci di %s dipendono dalla voce di %s in cui stanno: una scelta fuori da %s non può sapere quale",
				"the items of %s depend on the item of %s they belong to: a choice outside %s cannot know which one", g.path, a, a)
			return
		}
	}
	if of.Label == "" {
		l.problem(orNode(n.get("label"), n), p+".label", "lint.required", "manca label: il campo delle voci che dà il nome all'opzione, es. denominazione", "label is missing: the items' field naming each option, e.g. denominazione")
		return
	}
	lf := findField(g.Fields, of.Label)
	if lf == nil {
		names := make([]string, len(g.Fields))
		for i, x := range g.Fields {
			names[i] = x.ID
		}
		it, en := "il gruppo %s non ha il campo %q (campi: %s)", "group %s has no field %q (fields: %s)"
		arg := strings.Join(names, ", ")
		if best := closest(of.Label, names); best != "" {
			it, en, arg = "il gruppo %s non ha il campo %q: forse %q?", "group %s has no field %q: did you mean %q?", best
		}
		l.problem(orNode(n.get("label"), n), p+".label", "lint.options_from_label", it, en, g.path, of.Label, arg)
		return
	}
	switch {
	case lf.Type == TypeText, lf.Type == TypeTextArea, lf.Type == TypeEmail:
	case lf.Type == TypeComputed && lf.Format == FormatTextValue:
	default:
		l.problem(orNode(n.get("label"), n), p+".label", "lint.options_from_label",
			"%s è un campo di tipo %s: il nome di un'opzione viene da un campo di testo (text)",
			"%s is a %s field: an option's name comes from a text field", lf.path, lf.Type)
		return
	}
	f.from, f.fromLabel = g, lf
	c.fromFields = append(c.fromFields, f)
}

// closest is the candidate nearest to name by edit distance, or "" when none is close.
func closest(name string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := expr.EditDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// computedOf is the expression of a computed field, for the cycle check.
func computedOf(x any) *Expr {
	if f, ok := x.(*Field); ok && f.Type == TypeComputed {
		return f.expr
	}
	return nil
}
