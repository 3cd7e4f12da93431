package schema

import "strings"

// Application says how the proposal document opens and is dated. Every key is optional: a
// call without them gets the opening of Italian practice and the finalising day.
//
//	"application": {
//	  "request": {"it": "di partecipare alla manifestazione di interesse …"},
//	  "place": "dichiarazioni.luogo", "date": "dichiarazioni.data"}
type Application struct {
	// Request is what the signers ask (after "CHIEDE"/"CHIEDONO" in the formal opening),
	// worded by the call; without it the document asks to take part in the call by its title.
	Request Text `json:"request,omitzero"`
	// Place and Date are the paths of the answers giving where and when the document is
	// signed (a text field and a date field outside any group): the document's one date.
	Place  string `json:"place,omitempty"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
}

// Totals names the computed figures that sum a proposal up: printed on the cover of the
// document and recapped, with a row per line, at the end of a section.
//
//	"totals": {"section": "budget", "lines": "azioni.linee",
//	           "fields": ["azioni.totale_richiesto", "azioni.residuo"]}
type Totals struct {
	// Section is the section whose end carries the recap (the budget); the last section
	// when empty.
	Section string `json:"section,omitempty"`
	// Lines is a group outside any other whose items are the budget lines: the recap has a
	// row per item with its amounts (its money fields, typed or computed).
	Lines string `json:"lines,omitempty"`
	// Fields are computed fields outside any group: the totals, in this order.
	Fields []string `json:"fields,omitempty"`
	Source string   `json:"source,omitempty"`
}

// topLevel is a field path directly inside a section ("budget.totale").
func topLevel(path string) bool { return strings.Count(path, ".") == 1 }

// application checks the application and totals keys: every path names a field of the right
// type outside any group.
func (l *linter) application(c *Call, root *jsonNode) {
	an := root.get("application")
	field := func(n *jsonNode, p, path string, want ...FieldType) *Field {
		n = orNode(n, root)
		f := c.index[path]
		if f == nil || !topLevel(path) {
			l.problem(n, p, "lint.unknown_name", "%q non è un campo fuori dai gruppi", "%q is not a field outside the groups", path)
			return nil
		}
		for _, t := range want {
			if f.Type == t {
				return f
			}
		}
		l.problem(n, p, "lint.application", "il campo %q deve essere di tipo %s", "field %q must be of type %s", path, want[0])
		return nil
	}
	if a := c.Application; a.Place != "" {
		field(an.get("place"), "$.application.place", a.Place, TypeText)
	}
	if a := c.Application; a.Date != "" {
		field(an.get("date"), "$.application.date", a.Date, TypeDate)
	}
	tn := root.get("totals")
	t := c.Totals
	if t.Section != "" && c.sectionByID[t.Section] == nil {
		l.problem(tn.get("section"), "$.totals.section", "lint.unknown_name", "la sezione %q non esiste", "section %q does not exist", t.Section)
	}
	if t.Lines != "" {
		field(tn.get("lines"), "$.totals.lines", t.Lines, TypeGroup)
	}
	fn := tn.get("fields")
	for i, p := range t.Fields {
		field(fn.at(i), "$.totals.fields["+itoa(i)+"]", p, TypeComputed)
	}
}
