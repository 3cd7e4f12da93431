package schema

import (
	"strconv"
	"unicode/utf8"
)

// value is one answer in the Go type its field's rules see. Keeping it unboxed lets the
// common size rules run without reflection or allocation on every keystroke; validator gets
// the boxed value only for the tags we do not compile ourselves.
type value struct {
	s     string
	num   float64
	cents int64
	list  []string
	b     bool
}

func (v *value) boxed(t FieldType) any {
	switch t {
	case TypeNumber:
		return v.num
	case TypeMoney:
		return v.cents
	case TypeMultiChoice:
		return v.list
	case TypeBoolean, TypeDeclaration:
		return v.b
	}
	return v.s
}

// sizeRule is one of validator's size tags (min, max, len, gte, lte, gt, lt) compiled at load:
// validator measures text in runes, lists in items and numbers by value, and so do we.
type sizeRule struct {
	op string
	n  float64
}

func compileSize(tag, param string) *sizeRule {
	switch tag {
	case "min", "max", "len", "gte", "lte", "gt", "lt":
	default:
		return nil
	}
	n, err := strconv.ParseFloat(param, 64)
	if err != nil {
		return nil // validator reports it (tryTag ran first)
	}
	return &sizeRule{tag, n}
}

func (r *sizeRule) holds(t FieldType, v *value) bool {
	var x float64
	switch t {
	case TypeNumber:
		x = v.num
	case TypeMoney:
		x = float64(v.cents)
	case TypeMultiChoice:
		x = float64(len(v.list))
	default:
		x = float64(utf8.RuneCountInString(v.s))
	}
	switch r.op {
	case "min", "gte":
		return x >= r.n
	case "max", "lte":
		return x <= r.n
	case "len":
		return x == r.n
	case "gt":
		return x > r.n
	}
	return x < r.n
}

// holdsNumeric is validator's numeric tag: a number always holds, and a text holds when it
// matches ^[-+]?[0-9]+(?:\.[0-9]+)?$ — validator's own expression, without running it.
func holdsNumeric(t FieldType, v *value) bool {
	if t == TypeNumber || t == TypeMoney {
		return true
	}
	s := v.s
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	i := digits(s)
	if i == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	return s[i] == '.' && i+1 < len(s) && digits(s[i+1:]) == len(s)-i-1
}

// digits is the length of the run of ASCII digits s starts with.
func digits(s string) int {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}
