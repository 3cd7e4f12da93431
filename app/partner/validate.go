package partner

import (
	"strings"

	"bando/schema"
)

// Validate checks a sheet's reduced form by the call's own rules — field rules, conditions,
// the per-item checks — and keeps what the member can act on: problems of the fields it fills,
// of its item as a whole, and of the declarations it makes. What depends on the rest of the
// proposal (the number of members, totals, a capofila's choice) is the capofila's to judge
// once merged. s must have passed Check.
func Validate(s *Sheet, c *schema.Call, lang schema.Lang) schema.Issues {
	p, err := part(c)
	if err != nil {
		return nil
	}
	var out schema.Issues
	for _, is := range c.Validate(s.Answers, lang) {
		if Concerns(p, is.Path) {
			out = append(out, is)
		}
	}
	return out
}

// Concerns reports whether the problem at answer path belongs to the member in a reduced form:
// it is at its item, at a field it fills (or inside one), or at a declaration it makes.
func Concerns(p *schema.Partner, path string) bool {
	item := p.Group().Path() + "[0]"
	if path == item {
		return true
	}
	if rest, ok := strings.CutPrefix(path, item+"."); ok {
		id, _, _ := strings.Cut(rest, ".")
		id, _, _ = strings.Cut(id, "[")
		return p.Fills(id)
	}
	for _, f := range p.DeclarationFields() {
		if path == f.Path() {
			return true
		}
	}
	return false
}
