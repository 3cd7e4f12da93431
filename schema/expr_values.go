package schema

import (
	"encoding/json"

	"bando/schema/expr"
)

// How compiled expressions read values. No answer (nil) propagates: arithmetic with nil is
// nil, comparisons with nil are false, and lists skip it.

// truthy: false for nil, false, 0, "" and empty lists.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	}
	if f, ok := toNum(v); ok {
		return f != 0
	}
	return true
}

func toNum(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// toDay reads a date answer ("2024-03-04") as a day; nil when it is none.
func toDay(v any) any {
	switch x := v.(type) {
	case expr.Day:
		return x
	case string:
		if d, ok := expr.ParseDate(x); ok {
			return d
		}
	}
	return nil
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func equal(a, b any) bool {
	if x, ok := toNum(a); ok {
		y, ok := toNum(b)
		return ok && x == y
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case expr.Day:
		y, ok := b.(expr.Day)
		return ok && x == y
	}
	return false
}

// compare orders two numbers (amounts) or two days; ok is false for anything else, no
// answer included. Texts are never ordered: dates are days, not strings.
func compare(a, b any) (c int, ok bool) {
	if x, ok := toNum(a); ok {
		y, ok := toNum(b)
		return cmpFloat(x, y), ok
	}
	x, ok1 := a.(expr.Day)
	y, ok2 := b.(expr.Day)
	if !ok1 || !ok2 {
		return 0, false
	}
	return cmpFloat(float64(x), float64(y)), true
}

func ordered(op string, a, b any) bool {
	c, ok := compare(a, b)
	if !ok {
		return false
	}
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
