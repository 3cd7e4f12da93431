package schema

import (
	"fmt"
	"sort"
	"strings"
)

// checkScope lints where a check looks and reports: without "each", its path is a section or
// a field of the call; with "each", the group whose items it runs on, and its path a field of
// that item. It returns the scope the rule is written in, and false when the rule cannot be
// compiled (its group is unknown: the names in it would only add noise).
func (l *linter) checkScope(c *Call, ch *Check, cn *jsonNode, p string, root *scope) (*scope, bool) {
	if ch.Each == "" {
		if ch.Path != "" && !c.knownPath(ch.Path) {
			l.problem(cn.get("path"), p+".path", "lint.unknown_path", "percorso %q inesistente", "path %q does not exist", ch.Path)
		}
		if strings.Contains(ch.Message.IT+ch.Message.EN, "{item}") {
			l.problem(cn.get("message"), p+".message", "lint.item_placeholder",
				"{item} nomina la voce di un controllo con \"each\": questo controllo vale per tutta la domanda",
				"{item} names the item of a check with \"each\": this check is about the whole application")
		}
		return root, true
	}
	g := c.index[ch.Each]
	if g == nil || g.Type != TypeGroup {
		var groups []string
		for _, f := range c.Fields() {
			if f.Type == TypeGroup {
				groups = append(groups, f.path)
			}
		}
		what := fmt.Sprintf("%q non è un gruppo ripetuto", ch.Each)
		whatEN := fmt.Sprintf("%q is not a repeating group", ch.Each)
		if g == nil {
			what = fmt.Sprintf("gruppo %q inesistente", ch.Each)
			whatEN = fmt.Sprintf("group %q does not exist", ch.Each)
		}
		l.problem(cn.get("each"), p+".each", "lint.each", "%[1]s", "%[2]s", what+suggestIT(ch.Each, groups), whatEN+suggestEN(ch.Each, groups))
		return nil, false
	}
	ch.group = g
	if ch.Path != "" {
		ch.field = findField(g.Fields, ch.Path)
		if ch.field == nil {
			ids := make([]string, len(g.Fields))
			for i, f := range g.Fields {
				ids[i] = f.ID
			}
			l.problem(cn.get("path"), p+".path", "lint.unknown_path", "%[1]s", "%[2]s",
				fmt.Sprintf("con \"each\", path è un campo di una voce di %s: %q non lo è", g.path, ch.Path)+suggestIT(ch.Path, ids),
				fmt.Sprintf("with \"each\", path is a field of an item of %s: %q is not", g.path, ch.Path)+suggestEN(ch.Path, ids))
		}
	}
	return groupScope(c, g), true
}

// severity lints a check's severity: empty (an error), "error" or "warning".
func (l *linter) severity(s Severity, n *jsonNode, p string) {
	if s != "" && s != SeverityError && s != SeverityWarning {
		l.problem(n, p, "lint.severity", "severity %q non prevista: \"error\" (il valore predefinito) o \"warning\"", "severity %q not supported: \"error\" (the default) or \"warning\"", s)
	}
}

// unique lints the unique setting of field f: a field of a group's item, with an answer that
// two items can share (not a yes/no, a declaration or a list of choices).
func (l *linter) unique(f *Field, n *jsonNode, p string) {
	switch {
	case f.Unique == uniqueOff:
		return
	case f.Unique != uniqueError && f.Unique != uniqueWarning:
		l.problem(n.get("unique"), p+".unique", "lint.unique", "unique vale true, false o \"warning\", non %q", "unique is true, false or \"warning\", not %q", f.Unique)
	case f.group == nil:
		l.problem(n.get("unique"), p+".unique", "lint.unique",
			"unique vale solo per un campo dentro un gruppo ripetuto: confronta le risposte delle voci",
			"unique applies only to a field inside a repeating group: it compares the items' answers")
	case f.Type == TypeGroup || f.Type == TypeBoolean || f.Type == TypeDeclaration || f.Type == TypeMultiChoice || f.Type == TypeComputed:
		l.problem(n.get("unique"), p+".unique", "lint.unique",
			"unique non vale per un campo di tipo %s: due voci possono dare la stessa risposta",
			"unique does not apply to a %s field: two items may well give the same answer", f.Type)
	default:
		f.group.uniques = append(f.group.uniques, f)
	}
}

// suggestIT and suggestEN end a message about an unknown name with the closest known one, or
// the list of known ones when none is close.
func suggestIT(name string, known []string) string {
	if best := closest(name, known); best != "" {
		return fmt.Sprintf(": forse %q?", best)
	}
	return " (previsti: " + listed(known) + ")"
}

func suggestEN(name string, known []string) string {
	if best := closest(name, known); best != "" {
		return fmt.Sprintf(": did you mean %q?", best)
	}
	return " (known: " + listed(known) + ")"
}

func listed(known []string) string {
	if len(known) == 0 {
		return "—"
	}
	k := append([]string(nil), known...)
	sort.Strings(k)
	if len(k) > 12 {
		k = append(k[:12], "…")
	}
	return strings.Join(k, ", ")
}
