package schema

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
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

// PartnerPart returns the call's partner part with its names resolved, nil when the call has
// none, or the problems of a part that names no group, or fields that are not the group's.
//
// Load leaves the partner part alone: it is checked here, where sheets are made or merged, and
// by `bando lint` (LintPartner), never on an applicant's first visit, whose download the
// checking code would weigh on (README, first-visit budget).
//
// Each call reads the part afresh (a few microseconds): the Call keeps no state, so copies of
// it stay independent.
func (c *Call) PartnerPart() (*Partner, error) {
	if c.Partner == nil {
		return nil, nil
	}
	data, err := json.Marshal(map[string]any{"partner": c.Partner})
	if err != nil {
		return nil, err
	}
	return lintPartner(data, c)
}

// LintPartner reports the problems of the partner part of call c, loaded from data, with
// their lines and columns, as `bando lint` lists them; nil when there are none.
func LintPartner(data []byte, c *Call) error {
	_, err := lintPartner(data, c)
	return err
}

// lintPartner reads and checks the "partner" key of the JSON object data, a call (or a call's
// partner part alone) of which c is the loaded call.
func lintPartner(data []byte, c *Call) (*Partner, error) {
	root, err := parseJSONPos(data)
	if err != nil || root.kind != 'o' || root.get("partner") == nil {
		return nil, nil // Load has reported it, or there is no partner part
	}
	n := root.get("partner")
	l := &linter{data: data}
	l.shape(n, reflect.TypeOf(Partner{}), "$.partner")
	var v struct{ Partner *Partner }
	if len(l.problems) == 0 {
		if err := json.Unmarshal(data, &v); err != nil || v.Partner == nil {
			l.problem(n, "$.partner", "lint.partner", "partner deve essere un oggetto { }", "partner must be an object { }")
		} else {
			l.partner(c, v.Partner, n)
		}
	}
	if len(l.problems) > 0 {
		return nil, l.err()
	}
	return v.Partner, nil
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

// partner checks the call's partner part. It runs in the browser with every call loaded, so
// it says what is wrong in few words and few places (see the first-visit budget, README).
func (l *linter) partner(c *Call, p *Partner, n *jsonNode) {
	g := c.index[p.Items]
	if g == nil || g.Type != TypeGroup || strings.Count(p.Items, ".") != 1 {
		l.problem(orNode(n.get("items"), n), "$.partner.items", "lint.partner", "items deve indicare un gruppo posto direttamente in una sezione, es. ats.membri",
			"items must name a group placed directly in a section, e.g. ats.membri")
		return
	}
	p.group = g
	if lf := findField(g.Fields, p.Label); lf == nil || (lf.Type != TypeText && lf.Type != TypeTextArea) {
		l.problem(orNode(n.get("label"), n), "$.partner.label", "lint.partner", "label deve indicare un campo di testo del gruppo che nomina il membro",
			"label must name a text field of the group that names the member")
	}
	ids := p.Fields
	if len(ids) == 0 {
		for _, f := range g.Fields {
			if f.Type != TypeComputed {
				ids = append(ids, f.ID)
			}
		}
	}
	for i, id := range ids {
		f := findField(g.Fields, id)
		if f == nil || f.Type == TypeComputed || slices.Contains(p.fields, f) {
			l.problem(orNode(n.get("fields").at(i), n), "$.partner.fields["+strconv.Itoa(i)+"]", "lint.partner",
				"deve essere un campo del gruppo, non calcolato e non ripetuto", "must be a field of the group, not computed and not repeated")
			continue
		}
		p.fields = append(p.fields, f)
	}
	for i, path := range p.Declarations {
		f := c.index[path]
		if f == nil || f.Type != TypeDeclaration || f.group != nil || slices.Contains(p.decls, f) {
			l.problem(orNode(n.get("declarations").at(i), n), "$.partner.declarations["+strconv.Itoa(i)+"]", "lint.partner",
				"deve essere una dichiarazione fuori da ogni gruppo, non ripetuta (es. dichiarazioni.dpr445)", "must be a declaration outside any group, not repeated (e.g. dichiarazioni.dpr445)")
			continue
		}
		p.decls = append(p.decls, f)
	}
}
