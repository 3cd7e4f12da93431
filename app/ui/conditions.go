package ui

import "bando/schema"

// A keystroke must not cost work in proportion to the form, yet a `when` anywhere may read the
// answer just typed (a field shown for costituenda ATSs, an item field shown for ETS members).
// conditionNames lists every name the call's `when` expressions mention; only a change to a
// field with one of those ids re-renders the containers that decide what is shown. The list is
// a superset (it also holds function names and path steps), which only costs a re-render.

// conditionNames returns the identifiers of every section's and field's `when`.
func conditionNames(c *schema.Call) map[string]bool {
	names := map[string]bool{}
	var walk func([]*schema.Field)
	walk = func(fs []*schema.Field) {
		for _, f := range fs {
			addIdents(names, f.When)
			walk(f.Fields)
		}
	}
	for _, s := range c.Sections {
		addIdents(names, s.When)
		walk(s.Fields)
	}
	return names
}

// addIdents adds the identifiers of expression src, skipping string literals.
func addIdents(names map[string]bool, src string) {
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			i = j + 1
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && (isIdentStart(src[j]) || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			names[src[i:j]] = true
			i = j
		default:
			i++
		}
	}
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// lastName is the field id an answer path ends with: "ats.membri[2].capofila" → "capofila".
func lastName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' {
			return path[i+1:]
		}
	}
	return path
}
