package schema

import (
	"fmt"
	"strings"
)

// Partner says which part of the form one item of a group fills on its own: in an ATS each
// member's data and declarations belong to that member, whose legal representative vouches for
// them. The capofila exports a partner sheet per member (package app/partner) holding exactly
// this part; the member fills it in and the capofila merges it back.
//
//	"partner": {"items": "ats.membri", "label": "denominazione",
//	            "fields": ["denominazione", "cf", …],
//	            "declarations": ["dichiarazioni.requisiti_generali", …]}
type Partner struct {
	// Items is the group whose items are the members: a group directly in a section.
	Items string `json:"items"`
	// Label is the field of an item that names the member ("denominazione").
	Label string `json:"label"`
	// Fields are the ids of the item's fields the member fills; every field when empty.
	// Computed fields are never part of it: they follow from the answers.
	Fields []string `json:"fields,omitempty"`
	// Declarations are declarations outside the group (schema paths) that the call asks of
	// each member's legal representative ("ciascun legale rappresentante … dichiara"): the
	// sheet shows their statements and the member accepts each.
	Declarations []string `json:"declarations,omitempty"`
	Source       string   `json:"source,omitempty"`

	group  *Field
	fields []*Field
	decls  []*Field
}

// Group is the group whose items are the members.
func (p *Partner) Group() *Field { return p.group }

// MemberFields are the fields of an item the member fills, in the call's order.
func (p *Partner) MemberFields() []*Field { return p.fields }

// DeclarationFields are the declarations each member makes, in the order the call lists them.
func (p *Partner) DeclarationFields() []*Field { return p.decls }

// Fills reports whether the member fills field id of its item.
func (p *Partner) Fills(id string) bool {
	for _, f := range p.fields {
		if f.ID == id {
			return true
		}
	}
	return false
}

func (l *linter) partner(c *Call, n *jsonNode) {
	p := c.Partner
	if p == nil {
		return
	}
	const at = "$.partner"
	if p.Items == "" {
		l.problem(n, at+".items", "lint.required", "manca items: il gruppo dei membri", "items is missing: the members' group")
		return
	}
	g := c.index[p.Items]
	if g == nil || g.Type != TypeGroup || strings.Count(p.Items, ".") != 1 {
		l.problem(n.get("items"), at+".items", "lint.partner", "items deve indicare un gruppo posto direttamente in una sezione, es. ats.membri",
			"items must name a group placed directly in a section, e.g. ats.membri")
		return
	}
	p.group = g
	if lf := findField(g.Fields, p.Label); lf == nil || (lf.Type != TypeText && lf.Type != TypeTextArea) {
		l.problem(orNode(n.get("label"), n), at+".label", "lint.partner", "label deve indicare un campo di testo del gruppo %s che nomina il membro",
			"label must name a text field of group %s that names the member", g.path)
	}
	ids := p.Fields
	if len(ids) == 0 {
		for _, f := range g.Fields {
			if f.Type != TypeComputed {
				ids = append(ids, f.ID)
			}
		}
	}
	seen := map[string]bool{}
	fn := n.get("fields")
	for i, id := range ids {
		fp := fmt.Sprintf("%s.fields[%d]", at, i)
		f := findField(g.Fields, id)
		switch {
		case f == nil:
			l.problem(orNode(fn.at(i), n), fp, "lint.unknown_name", "il gruppo %s non ha il campo %q", "group %s has no field %q", g.path, id)
		case f.Type == TypeComputed:
			l.problem(fn.at(i), fp, "lint.partner", "%q è calcolato: non lo compila nessuno", "%q is computed: nobody fills it in", id)
		case seen[id]:
			l.problem(fn.at(i), fp, "lint.duplicate_id", "id %q ripetuto", "duplicate id %q", id)
		default:
			seen[id] = true
			p.fields = append(p.fields, f)
		}
	}
	dn := n.get("declarations")
	seenDecl := map[string]bool{}
	for i, path := range p.Declarations {
		dp := fmt.Sprintf("%s.declarations[%d]", at, i)
		f := c.index[path]
		switch {
		case f == nil || f.Type != TypeDeclaration || f.group != nil:
			l.problem(dn.at(i), dp, "lint.partner", "%q deve indicare una dichiarazione fuori da ogni gruppo, es. dichiarazioni.dpr445",
				"%q must name a declaration outside any group, e.g. dichiarazioni.dpr445", path)
		case seenDecl[path]:
			l.problem(dn.at(i), dp, "lint.duplicate_id", "id %q ripetuto", "duplicate id %q", path)
		default:
			seenDecl[path] = true
			p.decls = append(p.decls, f)
		}
	}
}
