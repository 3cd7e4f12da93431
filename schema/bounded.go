package schema

import (
	"maps"
	"strconv"
)

// Items past a group's repeat.max are an error (one repeat.max issue) and nothing more: they
// are not validated, not counted by expressions, not printed. The draft keeps them — nothing
// is ever dropped from the applicant's file — but the call sees a view of the answers in which
// each group holds at most max items. That is what bounds the cost of a hostile draft (a
// million empty items in a group of at most 40): everything after this view costs what the
// call's own bounds allow, and lint's expression budget holds for every draft.

// boundItems returns a view of a in which every group holds at most its repeat.max items,
// and, for the groups it cut, how many items they really have, by answer path
// ("ats.membri", "azioni.linee[2].voci"); nil when nothing was cut. a is not modified: only
// the maps and lists on the way to a cut list are copied, so a draft within bounds costs no
// allocation. Items past max are not walked at all.
func (c *Call) boundItems(a Answers) (Answers, map[string]int) {
	var cut map[string]int
	out := map[string]any(a)
	copied := false
	for _, s := range c.Sections {
		if !hasGroup(s.Fields) {
			continue
		}
		m, ok := a[s.ID].(map[string]any)
		if !ok {
			continue
		}
		if nm, ch := boundFields(s.Fields, m, s.ID+".", &cut); ch {
			if !copied {
				out, copied = maps.Clone(out), true
			}
			out[s.ID] = nm
		}
	}
	return Answers(out), cut
}

func boundFields(fs []*Field, m map[string]any, prefix string, cut *map[string]int) (map[string]any, bool) {
	out, copied := m, false
	for _, f := range fs {
		if f.Type != TypeGroup {
			continue
		}
		items, ok := m[f.ID].([]any)
		if !ok {
			continue
		}
		path := prefix + f.ID
		changed, shared := false, true // shared: items is still the draft's own array
		if max := f.maxItems(); len(items) > max {
			if *cut == nil {
				*cut = map[string]int{}
			}
			(*cut)[path] = len(items)
			items = items[:max:max] // capped: an append can never write into the draft's array
			changed = true
		}
		if hasGroup(f.Fields) {
			for i, it := range items {
				im, ok := it.(map[string]any)
				if !ok {
					continue
				}
				nm, ch := boundFields(f.Fields, im, path+"["+strconv.Itoa(i)+"].", cut)
				if !ch {
					continue
				}
				if shared {
					items, shared = append([]any(nil), items...), false
				}
				items[i], changed = nm, true
			}
		}
		if !changed {
			continue
		}
		if !copied {
			out, copied = maps.Clone(m), true
		}
		out[f.ID] = items
	}
	return out, copied
}

func hasGroup(fs []*Field) bool {
	for _, f := range fs {
		if f.Type == TypeGroup {
			return true
		}
	}
	return false
}

// maxItems is the number of items of group f the call looks at: repeat.max, which lint
// requires; a call built in code without it is not bounded.
func (f *Field) maxItems() int {
	if f.Repeat == nil || f.Repeat.Max <= 0 {
		return int(^uint(0) >> 1)
	}
	return f.Repeat.Max
}

// pastMax reports whether an answer path goes through an item past its group's repeat.max
// ("ats.membri[45].cf" when membri holds at most 40): such answers are not validated.
func (c *Call) pastMax(p []PathElem) bool {
	s := c.sectionByID[p[0].Name]
	if s == nil {
		return false
	}
	fs := s.Fields
	for _, el := range p[1:] {
		f := findField(fs, el.Name)
		if f == nil {
			return false
		}
		if el.Index >= f.maxItems() {
			return true
		}
		fs = f.Fields
	}
	return false
}
