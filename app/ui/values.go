package ui

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"bando/schema"
)

// Answers typed as text become the values package schema expects: strings, integer cents for
// money, numbers (int64 when whole, as DecodeAnswers gives them, so an exported and re-imported
// draft is identical), "YYYY-MM-DD" dates. Text that does not parse as an amount or a number is
// stored as typed: validation explains what is wrong and the draft keeps every character.

// parseInput turns the text of an input into the answer to store; nil means no answer.
func parseInput(f *schema.Field, s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	switch f.Type {
	case schema.TypeMoney:
		if c, err := schema.ParseMoney(s); err == nil {
			return c
		}
	case schema.TypeNumber:
		if n, ok := parseNumber(s); ok {
			return n
		}
	case schema.TypeDate:
		if d, ok := parseDate(s); ok {
			return d
		}
	}
	return s
}

// parseDate reads a day as Italians write it, "4/3/2024", "04/03/2024", "04-03-2024",
// "04.03.2024" (or "2024-03-04"), strictly: a day the calendar lacks (31/02) is no date.
// It returns "YYYY-MM-DD".
func parseDate(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if _, err := time.Parse(time.DateOnly, t); err == nil {
		return t, true
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return "", false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return "", false
		}
		n[i] = v
	}
	d := time.Date(n[2], time.Month(n[1]), n[0], 0, 0, 0, 0, time.UTC)
	if d.Day() != n[0] || int(d.Month()) != n[1] || n[2] < 1000 {
		return "", false
	}
	return d.Format(time.DateOnly), true
}

var italianThousands = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})+$`)

// parseNumber reads "1.234,5", "1234.5", "1 234" and "12": a comma is the decimal mark when
// present, and dots grouping digits by three are thousands separators, as Italians write.
func parseNumber(s string) (any, bool) {
	t := strings.NewReplacer(" ", "", "\u00a0", "", "'", "").Replace(strings.TrimSpace(s))
	switch {
	case strings.Contains(t, ","):
		t = strings.ReplaceAll(strings.ReplaceAll(t, ".", ""), ",", ".")
	case italianThousands.MatchString(t):
		t = strings.ReplaceAll(t, ".", "")
	}
	if i, err := strconv.ParseInt(t, 10, 64); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, false
	}
	return f, true
}

// inputText is what an input shows for answer v: amounts and numbers written the way the
// applicant's language writes them ("1.234,50"), anything else as stored.
func inputText(f *schema.Field, v any, l schema.Lang) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if f.Type == schema.TypeDate {
			if d, err := time.Parse(time.DateOnly, x); err == nil {
				return d.Format("02/01/2006") // in either language: the input says gg/mm/aaaa
			}
		}
		return x
	case int64:
		if f.Type == schema.TypeMoney { // "-5,00", never "-€ 5,00": the sign stays outside
			sign := ""
			if x < 0 {
				sign, x = "-", -x
			}
			return sign + strings.TrimSpace(strings.TrimPrefix(schema.FormatMoney(x, l), "€"))
		}
		return formatNumber(float64(x), l)
	case float64:
		return formatNumber(x, l)
	}
	return ""
}

func formatNumber(n float64, l schema.Lang) string {
	s := strconv.FormatFloat(n, 'f', -1, 64)
	if l == schema.IT {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// displayValue is an answer as the review page shows it; "" when there is none.
func displayValue(f *schema.Field, v any, l schema.Lang) string {
	if v == nil {
		return ""
	}
	switch f.Type {
	case schema.TypeMoney:
		if c, ok := v.(int64); ok {
			return schema.FormatMoney(c, l)
		}
	case schema.TypeDate:
		if s, ok := v.(string); ok {
			if d, err := time.Parse(time.DateOnly, s); err == nil {
				return longDate(d, l)
			}
		}
	case schema.TypeChoice:
		if s, ok := v.(string); ok {
			if o, ok := f.Option(s); ok {
				return o.Text(l)
			}
		}
	case schema.TypeMultiChoice:
		l2, _ := v.([]any)
		var names []string
		for _, x := range l2 {
			s, _ := x.(string)
			if o, ok := f.Option(s); ok {
				names = append(names, o.Text(l))
			} else {
				names = append(names, s)
			}
		}
		return strings.Join(names, "; ")
	case schema.TypeBoolean:
		switch v {
		case true:
			return tr(l, "field.yes")
		case false:
			return tr(l, "field.no")
		}
	case schema.TypeDeclaration:
		if v == true {
			return tr(l, "review.accepted")
		}
		return tr(l, "review.notaccepted")
	}
	return inputText(f, v, l)
}

// toggle returns the options of a multichoice answer with value on or off, in the order of
// opts (the call's options, or the items a choice offers), so the same choices always give the
// same answer.
func toggle(opts []schema.Option, v any, value string, on bool) any {
	cur, _ := v.([]any)
	has := map[string]bool{}
	for _, x := range cur {
		if s, ok := x.(string); ok {
			has[s] = true
		}
	}
	has[value] = on
	var out []any
	for _, o := range opts {
		if has[o.Value] {
			out = append(out, o.Value)
			delete(has, o.Value)
		}
	}
	for _, x := range cur { // values the call no longer offers are kept, never dropped
		if s, ok := x.(string); ok && has[s] {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// hasAnswers reports whether an item holds any answer, so removing it needs a confirmation.
func hasAnswers(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return strings.TrimSpace(x) != ""
	case map[string]any:
		for k, e := range x {
			if k != schema.ItemID && hasAnswers(e) { // an item's id is not an answer
				return true
			}
		}
		return false
	case []any:
		for _, e := range x {
			if hasAnswers(e) {
				return true
			}
		}
		return false
	}
	return true
}
