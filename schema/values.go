package schema

import (
	"bando/schema/expr"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Values that come from other answers: computed fields and the options of a choice fed by a
// group's items. The form, the review and the PDF all read them through these functions, so
// they never disagree with validation.

// computed is the value of computed field f for the containers in e (e[len(e)-1] holds the
// field): int64 cents for money (as money answers are), float64 for numbers, a string for text
// and dates; nil when the expression gives no value. Paths reach it through evalCtx.computed,
// which evaluates it once per container in one evaluation.
func (f *Field) computed(x *evalCtx, e env) any {
	if f.expr == nil {
		return nil
	}
	v := f.expr.fn(x, e)
	switch f.Format {
	case FormatMoneyValue, FormatNumberValue:
		n, ok := toNum(v)
		if !ok || math.IsNaN(n) || math.IsInf(n, 0) {
			return nil
		}
		if f.Format == FormatNumberValue {
			return n
		}
		if math.Abs(n) >= 1<<62 {
			return nil // no real amount; an int64 conversion would be undefined
		}
		return int64(math.Round(n))
	}
	switch x := v.(type) {
	case string:
		return x
	case expr.Day:
		return x.String() // a date answer's own form
	}
	return nil
}

// Computed returns the value of the computed field at answer path ("budget.totale",
// "budget.voci[2].subtotale"), nil when it has none or is not shown. See FormatComputed.
func (c *Call) Computed(a Answers, path string) any {
	f := c.Field(path)
	if f == nil || f.Type != TypeComputed || !c.Shown(a, path) {
		return nil
	}
	e, ok := containers(a, path)
	if !ok {
		return nil
	}
	return f.computed(&evalCtx{}, e)
}

// containers is the env of the field at an answer path: the root, its section's answers and
// the items the path goes through.
func containers(a Answers, path string) (env, bool) {
	p, err := ParsePath(path)
	if err != nil || len(p) < 2 {
		return nil, false
	}
	e := make(env, 1, len(p))
	e[0] = a
	var v any = map[string]any(a)
	for _, el := range p[:len(p)-1] {
		m, _ := v.(map[string]any)
		v = m[el.Name]
		if el.Index >= 0 {
			items, _ := v.([]any)
			if el.Index >= len(items) {
				return nil, false
			}
			v = items[el.Index]
		}
		m, _ = v.(map[string]any)
		e = append(e, m)
	}
	return e, true
}

// FormatComputed writes the value of computed field f the way people read it: money
// "€ 1.234,56", numbers "1.234,5" (Italian) or "1,234.5" (English), dates "04/03/2024"; "" for
// no value.
func FormatComputed(f *Field, v any, lang Lang) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		if f.Format == FormatMoneyValue {
			return FormatMoney(x, lang)
		}
		return GroupDigits(x, lang)
	case float64:
		if f.Format == FormatMoneyValue && math.Abs(x) < 1<<62 {
			return FormatMoney(int64(math.Round(x)), lang)
		}
		return formatDecimal(x, lang)
	case string:
		if f.Format == FormatDateValue {
			if d, err := time.Parse(time.DateOnly, x); err == nil {
				if lang == EN {
					return d.Format("2 Jan 2006")
				}
				return d.Format("02/01/2006")
			}
		}
		return x
	}
	return ""
}

// formatDecimal writes n with grouped thousands and at most two decimals.
func formatDecimal(n float64, lang Lang) string {
	r := math.Round(n*100) / 100
	if r == math.Trunc(r) && math.Abs(r) < 1<<62 {
		return GroupDigits(int64(r), lang)
	}
	s := strconv.FormatFloat(math.Abs(r), 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	whole, frac, _ := strings.Cut(s, ".")
	w, _ := strconv.ParseInt(whole, 10, 64)
	sep := ","
	if lang == EN {
		sep = "."
	}
	out := GroupDigits(w, lang) + sep + frac
	if r < 0 {
		out = "-" + out
	}
	return out
}

// ItemsList is the answer path of the list of items that choice f, answered at answer path
// at, offers: "ats.membri" for a choice anywhere, "azioni.linee[2].partner" for a choice
// inside the third linea (lint makes sure the choice sits inside every group around the list).
func ItemsList(f *Field, at string) string {
	if f.from == nil {
		return ""
	}
	parts := strings.Split(f.from.path, ".")
	elems, _ := ParsePath(at)
	for i := range parts[:len(parts)-1] {
		if i < len(elems) && elems[i].Name == parts[i] && elems[i].Index >= 0 {
			parts[i] += "[" + strconv.Itoa(elems[i].Index) + "]"
		}
	}
	return strings.Join(parts, ".")
}

// Options returns the options of the choice at answer path: the call's own, or, for a choice
// fed by a group (OptionsFrom), the shown items of that group in their order, each valued by
// its id and labelled by its label field ("Alfa APS"), or by the item's name and number
// ("Membro 2") while that is empty. Items without an id yet (see AssignItemIDs) are left out.
func (c *Call) Options(a Answers, path string) []Option {
	f := c.Field(path)
	if f == nil {
		return nil
	}
	if f.from == nil {
		return f.Options
	}
	list := ItemsList(f, path)
	if !c.Shown(a, list) {
		return nil
	}
	items := a.Items(list)
	items = items[:min(len(items), f.from.maxItems())] // items past repeat.max are not offered
	out := make([]Option, 0, len(items))
	for i, it := range items {
		im, ok := it.(map[string]any)
		if !ok {
			continue
		}
		id, _ := im[ItemID].(string)
		if id == "" {
			continue
		}
		out = append(out, Option{Value: id, Label: c.itemName(a, f, list, i, im)})
	}
	return out
}

// OptionText is the label of value v among the options of the choice at answer path, as
// Options gives it; v itself when no option has it (an answer the call no longer offers).
func (c *Call) OptionText(a Answers, path, v string, lang Lang) string {
	f := c.Field(path)
	if f == nil {
		return v
	}
	if f.from == nil {
		if o, ok := f.Option(v); ok {
			return o.Text(lang)
		}
		return v
	}
	for _, o := range c.Options(a, path) {
		if o.Value == v {
			return o.Text(lang)
		}
	}
	return v
}

// itemName is how an option names item i of list: its label field's answer, else "Membro 2".
func (c *Call) itemName(a Answers, f *Field, list string, i int, im map[string]any) Text {
	lf := f.fromLabel
	at := list + "[" + strconv.Itoa(i) + "]." + lf.ID
	var s string
	if lf.when == nil || c.Shown(a, at) {
		if lf.Type == TypeComputed {
			s, _ = c.Computed(a, at).(string)
		} else {
			s, _ = im[lf.ID].(string)
		}
	}
	if s = strings.TrimSpace(s); s != "" {
		return Text{IT: s, EN: s}
	}
	return ItemName(f.from, i)
}

// ItemName is "Membro 3": the group's item label (or its label) and the 1-based number of
// item i, in both languages.
func ItemName(g *Field, i int) Text {
	n := " " + strconv.Itoa(i+1)
	name := func(l Lang) string {
		s := g.ItemLabel.In(l)
		if s == "" {
			s = g.Label.In(l)
		}
		return upperFirst(s) + n
	}
	return Text{IT: name(IT), EN: name(EN)}
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// itemIDs are the ids of the shown items of list, items of group g (within repeat.max).
func (c *Call) itemIDs(a Answers, g *Field, list string) map[string]bool {
	if !c.Shown(a, list) {
		return map[string]bool{}
	}
	items := a.Items(list)
	items = items[:min(len(items), g.maxItems())]
	ids := make(map[string]bool, len(items))
	for _, it := range items {
		if im, ok := it.(map[string]any); ok {
			if id, ok := im[ItemID].(string); ok && id != "" {
				ids[id] = true
			}
		}
	}
	return ids
}

// itemChoice checks that the answer of choice f at v.path names shown items of its list.
func (v *validation) itemChoice(f *Field, val any) *Issue {
	if strings.Count(f.from.path, ".") == 1 {
		// A list directly in a section ("azioni.linee") is the same list wherever the choice
		// sits: no need to spell out the choice's path to find it (see ItemsList).
		return v.itemChoiceIn(f, val, f.from.path, Answers(v.env[0]))
	}
	return v.itemChoiceAt(f, val, string(v.path), Answers(v.env[0]))
}

func (v *validation) itemChoiceAt(f *Field, val any, path string, a Answers) *Issue {
	return v.itemChoiceIn(f, val, ItemsList(f, path), a)
}

// itemChoiceIn is itemChoiceAt for the answer path of the list, list.
func (v *validation) itemChoiceIn(f *Field, val any, list string, a Answers) *Issue {
	ids := v.items[list]
	if ids == nil {
		ids = v.call.itemIDs(a, f.from, list)
		if v.items == nil {
			v.items = map[string]map[string]bool{}
		}
		v.items[list] = ids
	}
	check := func(s string) *Issue {
		if ids[s] {
			return nil
		}
		item := f.from.ItemLabel.In(v.lang)
		if item == "" {
			item = f.from.Label.In(v.lang)
		}
		return newIssue("", "choice.item", v.lang, "value", s, "item", item)
	}
	switch x := val.(type) {
	case string:
		if strings.TrimSpace(x) != "" {
			return check(x)
		}
	case []any:
		for _, e := range x {
			s, _ := e.(string)
			if is := check(s); is != nil {
				return is
			}
		}
	}
	return nil
}
