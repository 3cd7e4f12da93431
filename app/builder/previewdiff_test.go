package builder

import (
	"slices"
	"testing"

	"bando/app/calledit"
	"bando/schema"
)

// TestPreviewChanges: which fields of the FAMI call an edit changed, or that the preview must
// be drawn anew, for edits an author makes in the tree and the form.
func TestPreviewChanges(t *testing.T) {
	src, err := schema.ShippedSource("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	before, err := schema.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	field := func(doc *calledit.Value, sec, f int) *calledit.Value {
		return calledit.Node(doc, calledit.Path{sec, f})
	}
	tests := []struct {
		name string
		edit func(doc *calledit.Value)
		want []string // nil with ok false: drawn anew
		ok   bool
	}{
		{"nothing", func(*calledit.Value) {}, nil, true},
		{"a label", func(doc *calledit.Value) { setString(field(doc, 0, 1), []string{"label", "it"}, "Nome") }, []string{"ats.denominazione_ats"}, true},
		{"a help text in English", func(doc *calledit.Value) { setString(field(doc, 0, 1), []string{"help", "en"}, "Help") }, []string{"ats.denominazione_ats"}, true},
		{"required", func(doc *calledit.Value) {
			field(doc, 0, 1).Set("rules", calledit.Str("required,max=200"))
		}, []string{"ats.denominazione_ats"}, true},
		{"an option added", func(doc *calledit.Value) {
			o := field(doc, 0, 0).Get("options")
			o.Elems = append(o.Elems, calledit.Str("altro"))
		}, []string{"ats.stato"}, true},
		{"a field of a group's items", func(doc *calledit.Value) {
			setString(calledit.Node(doc, calledit.Path{0, 5, 0}), []string{"label", "it"}, "Ente")
		}, []string{"ats.membri"}, true},
		{"two fields swapped", func(doc *calledit.Value) {
			if _, err := calledit.Move(doc, calledit.Path{0, 0}, calledit.Down); err != nil {
				t.Fatal(err)
			}
		}, nil, true},
		{"the call's title", func(doc *calledit.Value) { setString(doc, []string{"title", "it"}, "Altro") }, nil, true},
		{"a type", func(doc *calledit.Value) { field(doc, 0, 1).Set("type", calledit.Str("textarea")) }, nil, false},
		{"a condition", func(doc *calledit.Value) { field(doc, 0, 1).Set("when", calledit.Str(`ats.stato == "costituita"`)) }, nil, false},
		{"an id", func(doc *calledit.Value) { field(doc, 0, 1).Set("id", calledit.Str("nome_ats")) }, nil, false},
		{"a field added", func(doc *calledit.Value) { calledit.AddField(doc, calledit.Path{0, 1}, "text") }, nil, false},
		{"a field deleted", func(doc *calledit.Value) { calledit.Delete(doc, calledit.Path{0, 1}) }, nil, false},
		{"a group's repeat", func(doc *calledit.Value) {
			calledit.Node(doc, calledit.Path{0, 5}).Get("repeat").Set("min", calledit.Num(3))
		}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := calledit.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			tt.edit(doc)
			after, err := schema.Load(calledit.Marshal(doc))
			if err != nil {
				t.Fatalf("the edit does not load: %v", err)
			}
			got, ok := previewChanges(before, after)
			if ok != tt.ok || !slices.Equal(got, tt.want) {
				t.Errorf("previewChanges = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
