package builder

import (
	"unicode/utf16"
	"unicode/utf8"

	"bando/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The schema box holds the whole call (the FAMI call: 87 KB, 2,500 lines). Setting its value
// makes the browser lay all of that text out again, which costs more than everything else an
// edit does; so an edit made in the tree or the form replaces only the lines it changed
// (setRangeText, which also keeps the author's cursor and scroll where they were), the box does
// not wrap lines (JSON is read line by line; a long line scrolls), and while the box is out of
// view the browser does not lay it out at all (content-visibility: auto on its frame).

// boxEdit is what turns the text old into new: the UTF-16 range [start, end) of old (as
// JavaScript counts) replaced by insert. Equal texts give an empty range and insert.
func boxEdit(old, new string) (start, end int, insert string) {
	p := 0
	for p < len(old) && p < len(new) && old[p] == new[p] {
		p++
	}
	for p > 0 && (p < len(old) && !utf8.RuneStart(old[p]) || p < len(new) && !utf8.RuneStart(new[p])) {
		p-- // never cut a character in two
	}
	s := 0
	for s < len(old)-p && s < len(new)-p && old[len(old)-1-s] == new[len(new)-1-s] {
		s++
	}
	for s > 0 && (!utf8.RuneStart(old[len(old)-s]) || !utf8.RuneStart(new[len(new)-s])) {
		s--
	}
	start = utf16Len(old[:p])
	return start, start + utf16Len(old[p:len(old)-s]), new[p : len(new)-s]
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// toBox writes the text being edited in the schema box: the part that changed since the box
// was last written or typed in (b.boxText), or all of it when the box holds something else.
func (b *builderPage) toBox() {
	_ = ui.JSTry(func() {
		el := app.Window().GetElementByID("builder-source")
		if !el.Truthy() {
			return
		}
		if el.Get("textLength").Int() != utf16Len(b.boxText) { // its value's length, not a copy
			el.Set("value", b.src)
		} else if start, end, insert := boxEdit(b.boxText, b.src); start != end || insert != "" {
			el.Call("setRangeText", insert, start, end, "preserve")
		}
		b.boxText = b.src
	})
}
