package calledit

import (
	"strconv"
	"strings"
)

// The pickers of conditions and checks write expressions of schema/expr for the author, in the
// shapes calls use; the free box takes the rest. Lint checks whatever comes out.

// Operators the condition picker offers.
var Operators = []string{"==", "!=", "<", "<=", ">", ">="}

// Literal writes value as a literal of the expression language for a field of type typ: a
// boolean, a number, an amount in euros (euro(n)), or a quoted text (choices, dates, texts).
func Literal(typ, value string) string {
	v := strings.TrimSpace(value)
	switch typ {
	case "boolean", "declaration":
		if v == "false" || v == "no" || v == "falso" {
			return "false"
		}
		return "true"
	case "number":
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return v
		}
	case "money":
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return "euro(" + v + ")"
		}
	}
	return strconv.Quote(value)
}

// Condition is "field op value", the value written for the field's type.
func Condition(field, typ, op, value string) string {
	return field + " " + op + " " + Literal(typ, value)
}

// Check shapes the picker offers.
const (
	ShapeCompare    = "compare"    // a field compared with a value: the check holds when it does
	ShapeAtLeastOne = "atleastone" // at least one item of a group whose field has a value
	ShapeExactlyOne = "exactlyone" // exactly one such item
	ShapeSumCeiling = "sumceiling" // the sum of a field over a group's items is at most a ceiling
	ShapeEach       = "each"       // every item of a group: its field compared with a value
)

// Shapes lists the shapes in the picker's order.
var Shapes = []string{ShapeAtLeastOne, ShapeExactlyOne, ShapeSumCeiling, ShapeEach, ShapeCompare}

// CheckShape is a check as the picker builds it.
type CheckShape struct {
	Shape string
	Group string // the group's schema path ("ats.membri"); for ShapeCompare unused
	Field string // the field: of the group's items, or a schema path for ShapeCompare
	Type  string // the field's type, for the literal
	Op    string
	Value string // the value compared with; the ceiling for ShapeSumCeiling
}

// Rule writes the check's rule and, for ShapeEach, the group it runs on each item of.
func (c CheckShape) Rule() (rule, each string) {
	op := c.Op
	if op == "" {
		op = "=="
	}
	switch c.Shape {
	case ShapeAtLeastOne:
		return "count(" + c.Group + "[" + Condition(c.Field, c.Type, op, c.Value) + "]) >= 1", ""
	case ShapeExactlyOne:
		return "count(" + c.Group + "[" + Condition(c.Field, c.Type, op, c.Value) + "]) == 1", ""
	case ShapeSumCeiling:
		return "sum(" + c.Group + "[]." + c.Field + ") <= " + Literal(c.Type, c.Value), ""
	case ShapeEach:
		return Condition(c.Field, c.Type, op, c.Value), c.Group
	}
	return Condition(c.Field, c.Type, op, c.Value), ""
}

// FieldRef is a field the pickers offer: its schema path, type, label, and the group whose
// items hold it ("" for a section's own field).
type FieldRef struct {
	Path, Type, Label, Group string
	ID                       string // the id alone, as an item's scope names it
}

// Fields lists the fields of the call the pickers can name, in document order; groups
// themselves are listed too (Type "group"), for the shapes over a group's items.
func Fields(doc *Value) []FieldRef {
	var out []FieldRef
	var walk func(arr *Value, prefix, group string)
	walk = func(arr *Value, prefix, group string) {
		if arr == nil {
			return
		}
		for _, f := range arr.Elems {
			p := prefix + "." + f.Str("id")
			out = append(out, FieldRef{Path: p, Type: f.Str("type"), Label: f.Get("label").Str("it"), Group: group, ID: f.Str("id")})
			if f.Str("type") == "group" {
				walk(f.Get("fields"), p, p)
			}
		}
	}
	if secs := doc.Get("sections"); secs != nil {
		for _, s := range secs.Elems {
			walk(s.Get("fields"), s.Str("id"), "")
		}
	}
	return out
}
