package schema

import (
	"strconv"
	"strings"
)

// Checks with "each" run once per shown item of their group, in the item's scope, during the
// same walk that checks the answers: an item a `when` hides (with its group or its section) is
// never reached, so it is never checked. Their issues follow the item's own, in form order;
// the call-level checks come last.

// newList prepares the walk of a new list of group g: the answers of its unique fields are
// compared within this list only (the voci of one linea, not of every linea); it has n items.
func (v *validation) newList(g *Field, n int) {
	if len(g.uniques) == 0 {
		return
	}
	x := v.x.more()
	if x.seen == nil {
		x.seen = map[*Field]map[string]int{}
	}
	for _, f := range g.uniques {
		if m := x.seen[f]; m != nil {
			clear(m)
		} else {
			x.seen[f] = make(map[string]int, n) // grown once, not rehashed along the list
		}
	}
}

// itemChecks runs the per-item checks of group g on the item at env level `level`; v.path is
// the item's path ("ats.membri[2]"). The item's name for people and the issues' parameters
// ({item: the name}) are made once, when its first check fails, and shared by the issues of its
// other checks; their paths are spelled at the end of the walk (see pathBatch).
func (v *validation) itemChecks(g *Field, level int) {
	e := v.env[:level+1]
	var named *itemNamed
	for _, ch := range g.itemChecks {
		if ch.rule.holds(v.x, e) {
			continue
		}
		if named == nil {
			named = v.named(g, v.index[level])
			if named.item == nil {
				named.item = map[string]string{"item": named.s}
			}
		}
		item := len(v.path)
		if f := itemCheckField(v.x, ch, e); f != "" {
			v.path = append(append(v.path, '.'), f...)
		}
		v.report(itemCheckFailed(ch, named.item, v.lang))
		v.path = v.path[:item]
	}
}

// itemCheckIssue is the issue of per-item check ch failing on the item at path, whose
// containers are e, with parameters {item: its name for people (itemNumber)}: at the field the
// check names, or at the item when it names none or that field is hidden in this item (a
// message at a hidden field could not be read nor reached).
func itemCheckIssue(x *evalCtx, ch *Check, item string, params map[string]string, e env, lang Lang) Issue {
	is := itemCheckFailed(ch, params, lang)
	is.Path = item
	if f := itemCheckField(x, ch, e); f != "" {
		is.Path = item + "." + f
	}
	return is
}

// itemCheckField is the field of the item whose containers are e that per-item check ch
// reports at, or "" for the item itself (see itemCheckIssue).
func itemCheckField(x *evalCtx, ch *Check, e env) string {
	if ch.field != nil && x.fieldShown(ch.field, e) {
		return ch.field.ID
	}
	return ""
}

// itemCheckFailed is itemCheckIssue without its path.
func itemCheckFailed(ch *Check, params map[string]string, lang Lang) Issue {
	return Issue{
		Key:      ch.issueKey(),
		Params:   params,
		Message:  checkMessageNamed(ch, params["item"], lang),
		Severity: ch.Severity.issue(),
	}
}

// checkMessage is the check's message in lang; with Each, {item} names the item (index i).
func checkMessage(ch *Check, i int, lang Lang) string {
	if ch.group != nil && i >= 0 {
		return checkMessageNamed(ch, itemNumber(ch.group, i, lang), lang)
	}
	return checkMessageNamed(ch, "", lang)
}

// checkMessageNamed is checkMessage for the item whose name (itemNumber) is name; "" outside
// items, where {item} stays as written.
func checkMessageNamed(ch *Check, name string, lang Lang) string {
	if ch.Message.IsZero() {
		return Message(lang, "check", nil)
	}
	s := ch.Message.In(lang)
	if ch.group != nil && name != "" {
		s = strings.ReplaceAll(s, "{item}", name)
	}
	return s
}

// CheckResult is one per-item check evaluated for one item, for the keystroke path: where it
// reports and what it found.
type CheckResult struct {
	Key   string // "check." + the check's id
	Item  string // the item's answer path, "ats.membri[2]"
	Field string // the field the check names, "ats.membri[2].forma"; "" when it names none
	Issue *Issue // nil when the rule holds (or the item is not shown)
}

// ValidateItem runs the per-item checks of every item that holds the answer at path (the
// member being typed in, and the linea around a voce), as the applicant types. Each result
// says where its check reports, so that a message fixed by this keystroke can go away. Like
// ValidateField, its cost does not depend on the size of the form, only on the checks' own
// rules. Uniqueness, which compares the whole list, waits for Validate.
func (c *Call) ValidateItem(a Answers, path string, lang Lang) []CheckResult {
	p, err := ParsePath(path)
	if err != nil || len(p) < 2 {
		return nil
	}
	s := c.sectionByID[p[0].Name]
	if s == nil {
		return nil
	}
	a, _ = c.boundItems(a) // checks see what Validate sees
	x := &evalCtx{}
	var buf [maxEnv]map[string]any // the containers of the item
	e := append(buf[:0], a)
	shown := x.sectionShown(s, e)
	m, _ := a[s.ID].(map[string]any)
	e = append(e, m)
	fs := s.Fields
	var out []CheckResult
	item := append(make([]byte, 0, len(path)), s.ID...)
	for _, el := range p[1:] {
		f := findField(fs, el.Name)
		if f == nil || el.Index < 0 || f.Type != TypeGroup || len(e) >= maxEnv || el.Index >= f.maxItems() {
			break // past repeat.max: not validated, like in Validate
		}
		shown = shown && x.fieldShown(f, e)
		items, _ := m[f.ID].([]any)
		if el.Index >= len(items) {
			break
		}
		m, _ = items[el.Index].(map[string]any)
		e = append(e, m)
		item = append(strconv.AppendInt(append(append(append(item, '.'), f.ID...), '['), int64(el.Index), 10), ']')
		for _, ch := range f.itemChecks {
			r := CheckResult{Key: ch.issueKey(), Item: string(item)}
			if ch.field != nil {
				r.Field = r.Item + "." + ch.field.ID
			}
			if shown && !ch.rule.holds(x, e) {
				is := itemCheckIssue(x, ch, r.Item, map[string]string{"item": itemNumber(f, el.Index, lang)}, e, lang)
				r.Issue = &is
			}
			out = append(out, r)
		}
		fs = f.Fields
	}
	return out
}

// Reword returns the message of an issue in lang: the call's own checks through their message
// (with the item they name), the rest through the catalogue, naming items in lang. The browser
// uses it when the applicant switches language with messages on screen.
func (c *Call) Reword(is Issue, lang Lang) string {
	if id, ok := strings.CutPrefix(is.Key, "check."); ok {
		for _, ch := range c.Checks {
			if ch.ID == id {
				return checkMessage(ch, lastIndex(is.Path), lang)
			}
		}
	}
	if is.Key == "unique" && is.Params["n"] != "" {
		if f := c.Field(is.Path); f != nil {
			if n, err := strconv.Atoi(is.Params["n"]); err == nil {
				params := map[string]string{"item": itemNumber(f.group, n-1, lang), "n": is.Params["n"]}
				return Message(lang, is.Key, params)
			}
		}
	}
	return Message(lang, is.Key, is.Params)
}

// lastIndex is the index of the innermost item in an answer path ("ats.membri[2].forma": 2),
// or -1 when there is none.
func lastIndex(path string) int {
	p, err := ParsePath(path)
	if err != nil {
		return -1
	}
	for i := len(p) - 1; i >= 0; i-- {
		if p[i].Index >= 0 {
			return p[i].Index
		}
	}
	return -1
}
