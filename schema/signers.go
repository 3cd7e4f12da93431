package schema

import "strconv"

// Signer is a person who must sign the proposal: the legal representative of an organisation.
type Signer struct {
	Name   string `json:"name"`
	CF     string `json:"cf"`
	Entity string `json:"entity"`
	// Role, BirthPlace and BirthDate ("YYYY-MM-DD") are empty when the call does not name
	// their fields or the answer is missing.
	Role       string `json:"role,omitempty"`
	BirthPlace string `json:"birthPlace,omitempty"`
	BirthDate  string `json:"birthDate,omitempty"`
	// Path is the answer path of the item the signer comes from, e.g. "ats.membri[2]".
	Path string `json:"path"`
}

// RequiredSigners lists who must sign for these answers: the first `signers` rule of the call
// whose `when` holds picks a group's items (for FAMI: every member of an ATS still to be
// constituted, the capofila alone of one already constituted with a mandate).
// Signers are only defined for groups directly inside a section.
func (c *Call) RequiredSigners(a Answers) []Signer {
	view := c.Visible(a)
	x := &evalCtx{}
	e := env{view}
	for _, s := range c.Signers {
		if s.group == nil || s.when != nil && !s.when.holds(x, e) {
			continue
		}
		section, _, _ := cutFirst(s.Items)
		sm, _ := view[section].(map[string]any)
		out := []Signer{}
		for i, it := range view.Items(s.Items) {
			m, _ := it.(map[string]any)
			if s.filter != nil && !s.filter.holds(x, env{view, sm, m}) {
				continue
			}
			str := func(k string) string { v, _ := m[k].(string); return v }
			out = append(out, Signer{Name: str(s.Name), CF: str(s.CF), Entity: str(s.Entity),
				Role: str(s.Role), BirthPlace: str(s.BirthPlace), BirthDate: str(s.BirthDate),
				Path: s.Items + "[" + strconv.Itoa(i) + "]"})
		}
		return out
	}
	return nil
}

func cutFirst(p string) (string, string, bool) {
	for i := 0; i < len(p); i++ {
		if p[i] == '.' {
			return p[:i], p[i+1:], true
		}
	}
	return p, "", false
}

// RequiredAttachments lists the attachments the call asks of these answers.
func (c *Call) RequiredAttachments(a Answers) []Attachment {
	x := &evalCtx{}
	e := env{c.Visible(a)}
	var out []Attachment
	for _, at := range c.Attachments {
		if at.when == nil || at.when.holds(x, e) {
			out = append(out, at)
		}
	}
	return out
}
