package builder

import (
	"reflect"

	"bando/schema"
)

// Which fields an edit changed, for the preview (ui.PreviewEdit): putting the edited call on
// the preview anew renders every field of the call again (with the FAMI call, a few hundred
// milliseconds a keystroke on a slow machine), while most edits change one field (its label, a
// rule, an option) or the order of fields. An edit that can change how other fields show or
// compute (a field added, removed or renamed; a type, condition, formula, repeat, list source
// or uniqueness changed; the call's totals or application) goes the long way.
//
// This lives here, not in package ui beside PreviewEdit: there, code the applicant's program
// never calls still made it larger.

// previewChanges lists the answer paths of the sections' own fields ("ats.stato") whose
// definition differs between the calls a and b; ok is false when the edit is more than that
// (see above). Fields that only moved are not changed.
func previewChanges(a, b *schema.Call) (changed []string, ok bool) {
	if !sameExported(reflect.ValueOf(a.Totals), reflect.ValueOf(b.Totals)) ||
		!sameExported(reflect.ValueOf(a.Application), reflect.ValueOf(b.Application)) {
		return nil, false
	}
	before := map[string]*schema.Field{}
	for _, sec := range a.Sections {
		for _, f := range sec.Fields {
			before[sec.ID+"."+f.ID] = f
		}
	}
	n := 0
	for _, sec := range b.Sections {
		for _, f := range sec.Fields {
			p := sec.ID + "." + f.ID
			old := before[p]
			if old == nil || !sameShape(old, f) {
				return nil, false
			}
			n++
			if !sameExported(reflect.ValueOf(old).Elem(), reflect.ValueOf(f).Elem()) {
				changed = append(changed, p)
			}
		}
	}
	return changed, n == len(before)
}

// sameShape reports whether two definitions of a field (and of the fields of its items) agree
// on what other fields can depend on: ids, types, conditions, formulas, repeats, list
// sources, uniqueness.
func sameShape(a, b *schema.Field) bool {
	if a.ID != b.ID || a.Type != b.Type || a.When != b.When || a.Expr != b.Expr || a.Unique != b.Unique ||
		!reflect.DeepEqual(a.Repeat, b.Repeat) || !reflect.DeepEqual(a.OptionsFrom, b.OptionsFrom) ||
		len(a.Fields) != len(b.Fields) {
		return false
	}
	for i := range a.Fields {
		if !sameShape(a.Fields[i], b.Fields[i]) {
			return false
		}
	}
	return true
}

// sameExported compares two values of the same type by their exported parts only: what the
// call file says, not what Load derives from it.
func sameExported(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		if a.Kind() == reflect.Interface && a.Elem().Type() != b.Elem().Type() {
			return false
		}
		return sameExported(a.Elem(), b.Elem())
	case reflect.Struct:
		t := a.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() && !sameExported(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameExported(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if v := b.MapIndex(k); !v.IsValid() || !sameExported(a.MapIndex(k), v) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	}
	return false // funcs and channels: not in a call file
}
