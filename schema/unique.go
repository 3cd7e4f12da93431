package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Unique is the "unique" setting of a field inside a group: no two shown items of the same
// list may give the same answer (two members with one codice fiscale). In JSON it is true
// (an error), "warning" (a warning) or false. The issue is at the later item's field, key
// "unique", and names the earlier item.
type Unique string

const (
	uniqueOff     Unique = ""
	uniqueError   Unique = "error"
	uniqueWarning Unique = "warning"
)

// UnmarshalJSON reads true, false or a string; Load refuses a string other than "warning"
// (or "error") with its position.
func (u *Unique) UnmarshalJSON(b []byte) error {
	var on bool
	if err := json.Unmarshal(b, &on); err == nil {
		*u = uniqueOff
		if on {
			*u = uniqueError
		}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("unique: true, false or \"warning\": %w", err)
	}
	*u = Unique(s)
	return nil
}

// MarshalJSON writes the setting as the call author does: true or "warning".
func (u Unique) MarshalJSON() ([]byte, error) {
	switch u {
	case uniqueOff:
		return []byte("false"), nil
	case uniqueError:
		return []byte("true"), nil
	}
	return json.Marshal(string(u))
}

// uniqueKey is the answer as the comparison sees it: text trimmed and in capitals (a codice
// fiscale typed twice in different case is the same one), numbers in one spelling; "" for no
// answer, which never collides.
func uniqueKey(v any) string {
	if s, ok := v.(string); ok {
		return strings.ToUpper(strings.TrimSpace(s))
	}
	if n, ok := toNum(v); ok {
		return strconv.FormatFloat(n, 'g', -1, 64)
	}
	return ""
}

// uniqueIssue records the answer of field f in the item at index i of the list being walked,
// and returns the issue when an earlier item of the same list gave the same answer. seen is
// the list's record for f, cleared when the walk enters another list.
func (v *validation) uniqueIssue(f *Field, val any, i int, seen map[string]int) *Issue {
	k := uniqueKey(val)
	if k == "" {
		return nil
	}
	prev, dup := seen[k]
	if !dup {
		seen[k] = i
		return nil
	}
	n := strconv.Itoa(prev + 1)
	is := newIssue("", "unique", v.lang, "item", v.itemName(f.group, prev), "n", n)
	is.Severity = Severity(f.Unique).issue()
	return is
}

// itemName is itemNumber in the validation's language. The name made last is kept: the
// duplicates of a list usually name the same earlier item.
func (v *validation) itemName(g *Field, i int) string {
	if v.named.g != g || v.named.i != i || v.named.s == "" {
		v.named.g, v.named.i, v.named.s = g, i, itemNumber(g, i, v.lang)
	}
	return v.named.s
}

// itemNumber names item i of group g for people: "Partner 3" (the item label and its 1-based
// number), as the form's headings do.
func itemNumber(g *Field, i int, lang Lang) string {
	name := ""
	if g != nil {
		name = g.ItemLabel.In(lang)
		if name == "" {
			name = g.Label.In(lang)
		}
	}
	return strings.TrimSpace(name + " " + strconv.Itoa(i+1))
}
