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
// and returns the issue when an earlier item of the same list gave the same answer (without
// its path). seen is the list's record for f, cleared when the walk enters another list.
func (v *validation) uniqueIssue(f *Field, val any, i int, seen map[string]int) (Issue, bool) {
	k := uniqueKey(val)
	if k == "" {
		return Issue{}, false
	}
	prev, dup := seen[k]
	if !dup {
		seen[k] = i
		return Issue{}, false
	}
	named := v.named(f.group, prev)
	if named.unique == nil {
		named.unique = map[string]string{"item": named.s, "n": strconv.Itoa(prev + 1)}
		named.uniqueMsg = Message(v.lang, "unique", named.unique)
	}
	return Issue{Key: "unique", Params: named.unique, Message: named.uniqueMsg, Severity: Severity(f.Unique).issue()}, true
}

// itemName is itemNumber in the validation's language.
func (v *validation) itemName(g *Field, i int) string { return v.named(g, i).s }

// named returns item i of group g as named in the validation's language. The items named last
// are kept, with the parameters and message of the issues that name them: the issues of a
// list name the same few items again and again (the duplicates of a codice fiscale the member
// that gave it first, each member's checks the member), and share them (see Issue).
func (v *validation) named(g *Field, i int) *itemNamed {
	for k := range v.names {
		if n := &v.names[k]; n.g == g && n.i == i && n.s != "" {
			return n
		}
	}
	n := &v.names[v.nextName]
	v.nextName = (v.nextName + 1) % len(v.names)
	*n = itemNamed{g: g, i: i, s: itemNumber(g, i, v.lang)}
	return n
}

// itemNamed is an item named in a validation (see named). The parameters are made when an
// issue first needs them.
type itemNamed struct {
	g         *Field
	i         int
	s         string            // itemNumber
	item      map[string]string // {item: s}, of the checks failing on it
	unique    map[string]string // {item: s, n: its number}, of the duplicates of its answers
	uniqueMsg string
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
