package calledit

import "strings"

// Rules are a field's validator tags ("rules") as the editor's controls show them: required,
// the length of a text, the range of a number or amount, one Italian identifier, and every
// other tag as written. Parse then String gives back the same checks, in a fixed order.
type Rules struct {
	Required bool
	ID       string // one of IDChecks, or ""
	MinLen   string // text length, validator's min= on a string
	MaxLen   string // text length, max=
	Min      string // a number's or amount's least value, gte=
	Max      string // its greatest value, lte=
	Other    []string
}

// IDChecks are the Italian identifier checks the editor offers as one choice.
var IDChecks = []string{"cf", "cf_ente", "piva", "iban", "pec", "runts", "cup", "cap", "provincia"}

// textual reports whether a field type's answer is text, whose min= and max= are lengths.
func textual(typ string) bool {
	return typ == "text" || typ == "textarea" || typ == "email" || typ == ""
}

// numeric reports whether a field type's answer is a number (money: cents).
func numeric(typ string) bool { return typ == "number" || typ == "money" }

// ParseRules reads the rules of a field of type typ. Tags it does not show as a control, and
// every tag from a `dive` on (they apply to a list's elements), stay in Other as written.
func ParseRules(s, typ string) Rules {
	var r Rules
	tags := strings.Split(s, ",")
	for i, tag := range tags {
		t := strings.TrimSpace(tag)
		if t == "" {
			continue
		}
		if t == "dive" {
			r.Other = append(r.Other, tags[i:]...)
			break
		}
		name, param, hasParam := strings.Cut(t, "=")
		switch {
		case t == "required" && !r.Required:
			r.Required = true
		case !hasParam && r.ID == "" && isIDCheck(t):
			r.ID = t
		case hasParam && textual(typ) && name == "min" && r.MinLen == "":
			r.MinLen = param
		case hasParam && textual(typ) && name == "max" && r.MaxLen == "":
			r.MaxLen = param
		case hasParam && numeric(typ) && name == "gte" && r.Min == "":
			r.Min = param
		case hasParam && numeric(typ) && name == "lte" && r.Max == "":
			r.Max = param
		default:
			r.Other = append(r.Other, t)
		}
	}
	return r
}

func isIDCheck(t string) bool {
	for _, c := range IDChecks {
		if c == t {
			return true
		}
	}
	return false
}

// String writes the tags: required, the identifier, length or range, then the others.
func (r Rules) String() string {
	var tags []string
	add := func(cond bool, t string) {
		if cond {
			tags = append(tags, t)
		}
	}
	add(r.Required, "required")
	add(r.ID != "", r.ID)
	add(r.MinLen != "", "min="+r.MinLen)
	add(r.MaxLen != "", "max="+r.MaxLen)
	add(r.Min != "", "gte="+r.Min)
	add(r.Max != "", "lte="+r.Max)
	for _, t := range r.Other {
		add(strings.TrimSpace(t) != "", strings.TrimSpace(t))
	}
	return strings.Join(tags, ",")
}

// OtherText and SetOtherText are Other as the free tag box shows it.
func (r Rules) OtherText() string { return strings.Join(r.Other, ",") }

func (r *Rules) SetOtherText(s string) {
	r.Other = nil
	for t := range strings.SplitSeq(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			r.Other = append(r.Other, t)
		}
	}
}

// SetRules writes r into the field f: "rules" when there are tags, no key when there are none.
func SetRules(f *Value, r Rules) {
	if s := r.String(); s != "" {
		f.Set("rules", Str(s))
	} else {
		f.Delete("rules")
	}
}
