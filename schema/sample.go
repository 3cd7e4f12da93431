package schema

import (
	"strconv"
	"strings"
)

// Sample fills every field of c with a plausible valid-looking answer, with items(g) items in
// each group g. It is for benchmarks, load tests and UI performance runs that need a large
// proposal (40 members, 200 budget lines) without typing one; it does not try to satisfy
// cross-field checks.
func Sample(c *Call, items func(g *Field) int) Answers {
	a := Answers{}
	for _, s := range c.Sections {
		a[s.ID] = sampleFields(s.Fields, items, 0)
	}
	c.AssignItemIDs(a)
	return a
}

func sampleFields(fs []*Field, items func(*Field) int, n int) map[string]any {
	m := map[string]any{}
	for _, f := range fs {
		switch {
		case f.Type == TypeGroup:
			k := items(f)
			l := make([]any, k)
			for i := range l {
				l[i] = sampleFields(f.Fields, items, i)
			}
			m[f.ID] = l
		case f.Type == TypeComputed:
			// computed by the form, never answered
		case f.from != nil:
			// An item of the group the choice offers, by the id AssignItemIDs gives it.
			if k := items(f.from); k > 0 {
				id := "i" + strconv.Itoa(n%k+1)
				if f.Type == TypeMultiChoice {
					m[f.ID] = []any{id}
				} else {
					m[f.ID] = id
				}
			}
		default:
			m[f.ID] = sampleAnswer(f, n)
		}
	}
	return m
}

// sampleIDs are valid identifiers for our tags.
var sampleIDs = map[string][]string{
	"cf":        {"RSSMCL99M07F205Y", "RCCMNL83S18D969H"},
	"cf_ente":   {"00743110157", "12345678903"},
	"piva":      {"00743110157", "12345670157"},
	"iban":      {"IT60X0542811101000000123456"},
	"pec":       {"segreteria@pec.esempio.it"},
	"runts":     {"B/123456"},
	"cup":       {"J14E20000010001"},
	"cap":       {"50122"},
	"provincia": {"FI"},
}

func sampleAnswer(f *Field, n int) any {
	if f.rule != nil {
		for _, st := range f.rule.steps {
			if ids, ok := sampleIDs[st.tag]; ok {
				return ids[n%len(ids)]
			}
		}
	}
	switch f.Type {
	case TypeNumber:
		return float64(1 + n%10)
	case TypeMoney:
		return int64(100000 + n)
	case TypeDate:
		return "2024-02-15"
	case TypeChoice:
		return f.Options[n%len(f.Options)].Value
	case TypeMultiChoice:
		return []any{f.Options[0].Value}
	case TypeBoolean, TypeDeclaration:
		return true
	case TypeEmail:
		return "info@esempio.it"
	}
	s := "Testo di prova " + strings.Repeat("x", n%5)
	if f.MaxChars > 0 && len(s) > f.MaxChars {
		s = s[:f.MaxChars]
	}
	return s
}
