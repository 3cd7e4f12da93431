package pdf

import (
	"strconv"

	"bando/schema"
)

// printed returns the shown answers as the document prints them: computed fields hold their
// value (a stored one is not an answer, see schema.Computed), and choices fed by a group's
// items hold the names of the chosen items instead of their ids ("Alfa APS", not "i1"). The
// fingerprint on the cover is of the answers themselves (AnswersDigest), not of this copy.
func printed(c *schema.Call, a, visible schema.Answers, lang schema.Lang) schema.Answers {
	out := visible.Clone()
	for _, s := range c.Sections {
		m, ok := out[s.ID].(map[string]any)
		if !ok {
			continue
		}
		printedIn(c, a, s.Fields, m, s.ID+".", lang)
	}
	return out
}

func printedIn(c *schema.Call, a schema.Answers, fs []*schema.Field, m map[string]any, prefix string, lang schema.Lang) {
	for _, f := range fs {
		path := prefix + f.ID
		switch {
		case f.Type == schema.TypeComputed:
			if v := c.Computed(a, path); v != nil {
				m[f.ID] = v
			}
		case f.OptionsFrom != nil:
			name := func(s string) string {
				if t := c.OptionText(a, path, s, lang); t != s {
					return t
				}
				return word("item.gone", lang) // an id means nothing to a reader
			}
			switch v := m[f.ID].(type) {
			case string:
				m[f.ID] = name(v)
			case []any:
				for i, x := range v {
					if s, ok := x.(string); ok {
						v[i] = name(s)
					}
				}
			}
		case f.Type == schema.TypeGroup:
			items, _ := m[f.ID].([]any)
			for i, it := range items {
				if im, ok := it.(map[string]any); ok {
					printedIn(c, a, f.Fields, im, path+"["+strconv.Itoa(i)+"].", lang)
				}
			}
		}
	}
}

// isMoney and isNumber tell amounts and numbers, typed or computed: right-aligned, never
// wrapped, amounts totalled under a table.
func isMoney(f *schema.Field) bool {
	return f.Type == schema.TypeMoney || f.Type == schema.TypeComputed && f.Format == schema.FormatMoneyValue
}

func isNumber(f *schema.Field) bool {
	return f.Type == schema.TypeNumber || f.Type == schema.TypeComputed && f.Format == schema.FormatNumberValue
}
