package draft

import (
	"strings"

	"bando/schema"
)

// Title names a draft in the list of drafts and in its files' names: the title the applicant
// gave it (Draft.Title), else the proposal's title (a text field of a section whose id begins
// with "titolo"), else the partnership's name (such a field beginning with "denominazione":
// the ATS), else the organisation of the lead member (the signers' item marked capofila, else
// the first). It is "" while none is answered: the caller says "untitled" in its language.
// Only answers the proposal shows count (schema.Call.Visible): a name typed and then hidden
// by a choice is not the proposal's.
func Title(c *schema.Call, d *Draft) string {
	if t := strings.TrimSpace(d.Title); t != "" {
		return t
	}
	a := c.Visible(d.Answers)
	for _, prefix := range [...]string{"titolo", "denominazione"} {
		for _, s := range c.Sections {
			for _, f := range s.Fields {
				if f.Type == schema.TypeText && strings.HasPrefix(f.ID, prefix) {
					if v, _ := a.Get(s.ID + "." + f.ID).(string); strings.TrimSpace(v) != "" {
						return strings.TrimSpace(v)
					}
				}
			}
		}
	}
	var first string
	for _, sg := range c.Signers {
		for _, it := range a.Items(sg.Items) {
			m, _ := it.(map[string]any)
			name, _ := m[sg.Entity].(string)
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			if lead, _ := m["capofila"].(bool); lead {
				return name
			}
			if first == "" {
				first = name
			}
		}
	}
	return first
}

// ShortID is the part of a draft id that tells apart two untitled drafts: its random end.
func ShortID(id string) string {
	if i := strings.LastIndexByte(id, '-'); i >= 0 && len(id)-i > 4 {
		return id[i+1 : i+5]
	}
	return id
}
