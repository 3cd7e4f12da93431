package schema

import (
	"strconv"
	"strings"
)

// ItemID is the key of an item's stable id inside the item: {"_id": "i3", "denominazione": …}.
// A choice fed by a group's items (OptionsFrom) stores that id, not the item's position or
// name, so that reordering or renaming a member keeps the choice. The id is not an answer:
// validation, the review, the PDF and support-bundle redaction leave it alone, and field ids
// cannot clash with it (they start with a letter).
const ItemID = "_id"

// AssignItemIDs gives every item of every group of the call an id where it has none, and
// reports whether it changed a. Ids are "i1", "i2"…: short, unique within their list, and
// deterministic (the same answers always get the same ids, so a draft opened twice, in the
// browser and in the CLI, agrees). A new id takes the next number above every id in the list
// and every id a choice still names for that group: a removed member's id is never handed to a
// new one, so a choice that named the removed member reports it instead of silently naming
// someone else. An id repeated in a list (an item copied by hand in the file) is kept on its
// first item only. Items that are not objects are left as they are: validation reports them.
func (c *Call) AssignItemIDs(a Answers) bool {
	if a == nil {
		return false
	}
	refs := c.itemRefs(a)
	changed := false
	for _, s := range c.Sections {
		m, ok := a[s.ID].(map[string]any)
		if !ok {
			continue
		}
		changed = assignIn(s.Fields, m, refs) || changed
	}
	return changed
}

func assignIn(fs []*Field, m map[string]any, refs map[*Field]int) bool {
	changed := false
	for _, f := range fs {
		if f.Type != TypeGroup {
			continue
		}
		items, ok := m[f.ID].([]any)
		if !ok {
			continue
		}
		// Items past repeat.max are not part of the proposal (see boundItems): they get no id,
		// which keeps opening a hostile draft (a million items) as cheap as a full one.
		items = items[:min(len(items), f.maxItems())]
		changed = assignList(items, refs[f]) || changed
		for _, it := range items {
			if im, ok := it.(map[string]any); ok {
				changed = assignIn(f.Fields, im, refs) || changed
			}
		}
	}
	return changed
}

// assignList gives the items of one list their missing ids; floor is the highest id number
// answers elsewhere name for this group.
func assignList(items []any, floor int) bool {
	next := floor
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		im, ok := it.(map[string]any)
		if !ok {
			continue
		}
		if id, ok := im[ItemID].(string); ok {
			next = max(next, itemIDNumber(id))
		}
	}
	changed := false
	for _, it := range items {
		im, ok := it.(map[string]any)
		if !ok {
			continue
		}
		id, ok := im[ItemID].(string)
		if ok && id != "" && !seen[id] {
			seen[id] = true
			continue
		}
		next++
		id = "i" + strconv.Itoa(next)
		im[ItemID] = id
		seen[id] = true
		changed = true
	}
	return changed
}

// NewItemID is the id AssignItemIDs would give an item appended to the group at answer path
// group: the UI sets it when it adds or duplicates an item.
func (c *Call) NewItemID(a Answers, group string) string {
	next := 0
	if f := c.Field(group); f != nil {
		next = c.itemRefs(a)[f]
	}
	for _, it := range a.Items(group) {
		if im, ok := it.(map[string]any); ok {
			if id, ok := im[ItemID].(string); ok {
				next = max(next, itemIDNumber(id))
			}
		}
	}
	return "i" + strconv.Itoa(next+1)
}

// itemIDNumber is n for an id "i<n>", else 0: ids written by hand in another shape are kept
// and simply do not count.
func itemIDNumber(id string) int {
	if !strings.HasPrefix(id, "i") || len(id) > 10 {
		return 0
	}
	n, err := strconv.Atoi(id[1:])
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// itemRefs returns, for each group that feeds a choice (OptionsFrom), the highest id number
// the answers to those choices name.
func (c *Call) itemRefs(a Answers) map[*Field]int {
	var out map[*Field]int
	for _, f := range c.fromFields {
		g := c.index[f.OptionsFrom.Items]
		if g == nil {
			continue
		}
		for _, v := range c.answersOf(a, f) {
			n := 0
			switch x := v.(type) {
			case string:
				n = itemIDNumber(x)
			case []any:
				for _, e := range x {
					if s, ok := e.(string); ok {
						n = max(n, itemIDNumber(s))
					}
				}
			}
			if n > 0 {
				if out == nil {
					out = map[*Field]int{}
				}
				out[g] = max(out[g], n)
			}
		}
	}
	return out
}

// answersOf lists every answer to field f, in every item of its enclosing groups.
func (c *Call) answersOf(a Answers, f *Field) []any {
	parts := strings.Split(f.path, ".")
	var out []any
	var walk func(v any, i int)
	walk = func(v any, i int) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		child, ok := m[parts[i]]
		if !ok {
			return
		}
		if i == len(parts)-1 {
			out = append(out, child)
			return
		}
		if items, ok := child.([]any); ok && i > 0 {
			if g := c.index[strings.Join(parts[:i+1], ".")]; g != nil {
				items = items[:min(len(items), g.maxItems())]
			}
			for _, it := range items {
				walk(it, i+1)
			}
			return
		}
		walk(child, i+1)
	}
	walk(map[string]any(a), 0)
	return out
}

// WithoutItemIDs returns a copy of v (answers, or any part of them) without the ItemID key of
// any object: bookkeeping, not answers. The PDF's answer digest leaves ids out (a draft gets
// them when opened, and must keep the digest of a PDF signed before), and what the applicant
// reads of answers kept aside does not show them.
func WithoutItemIDs(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if k != ItemID {
				out[k] = WithoutItemIDs(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = WithoutItemIDs(e)
		}
		return out
	}
	return v
}
