package calledit

import (
	"errors"
	"strconv"
)

// Path names a node of the call's tree by indices: {s} is section s, {s, f} field f of
// section s, {s, f, g} field g of the group f, and so on.
type Path []int

// Equal reports whether two paths name the same node.
func (p Path) Equal(q Path) bool {
	if len(p) != len(q) {
		return false
	}
	for i := range p {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// String is the path as "1.2.3", for element ids.
func (p Path) String() string {
	s := ""
	for i, n := range p {
		if i > 0 {
			s += "."
		}
		s += strconv.Itoa(n)
	}
	return s
}

// ErrCannotMove: the move asked for has no meaning where the node is (the first one up, a
// field into something that is not a group, a section's own field out).
var ErrCannotMove = errors.New("cannot move there")

// list is the array holding the node at p, and the node's index in it; nil when p names none.
func list(doc *Value, p Path) (*Value, int) {
	if len(p) == 0 {
		return nil, -1
	}
	arr := doc.Get("sections")
	for depth, i := range p {
		if arr == nil || arr.Kind != Array || i < 0 || i >= len(arr.Elems) {
			return nil, -1
		}
		if depth == len(p)-1 {
			return arr, i
		}
		arr = arr.Elems[i].Get("fields")
	}
	return nil, -1
}

// Node is the node at p, nil when there is none.
func Node(doc *Value, p Path) *Value {
	arr, i := list(doc, p)
	if arr == nil {
		return nil
	}
	return arr.Elems[i]
}

// Item is one line of the tree as the editor lists it.
type Item struct {
	Path    Path
	Section bool   // a section; else a field
	ID      string // the id as written
	Type    string // a field's type
	Label   string // the section's title or the field's label, in Italian
	Kids    int    // fields inside (a section's, a group's)
}

// Outline lists every node, depth first, sections and their fields in document order.
func Outline(doc *Value) []Item {
	var out []Item
	var walk func(arr *Value, prefix Path)
	walk = func(arr *Value, prefix Path) {
		if arr == nil || arr.Kind != Array {
			return
		}
		for i, n := range arr.Elems {
			p := append(append(Path{}, prefix...), i)
			it := Item{Path: p, Section: len(p) == 1, ID: n.Str("id"), Type: n.Str("type")}
			if it.Section {
				it.Label = n.Get("title").Str("it")
			} else {
				it.Label = n.Get("label").Str("it")
			}
			if f := n.Get("fields"); f != nil && f.Kind == Array {
				it.Kids = len(f.Elems)
			}
			out = append(out, it)
			walk(n.Get("fields"), p)
		}
	}
	walk(doc.Get("sections"), nil)
	return out
}

// NewSection and NewField are what Add puts in the tree: the parts lint asks for, in Italian
// and English, to be replaced by the author.
func NewSection(id string) *Value {
	return Obj("id", Str(id), "title", Obj("it", Str("Nuova sezione"), "en", Str("New section")), "fields", Arr())
}

func NewField(id, typ string) *Value {
	f := Obj("id", Str(id), "type", Str(typ), "label", Obj("it", Str("Nuova domanda"), "en", Str("New question")))
	switch typ {
	case "choice", "multichoice":
		f.Set("options", Arr(Str("si"), Str("no")))
	case "group":
		f.Set("label", Obj("it", Str("Nuovo gruppo"), "en", Str("New group")))
		f.Set("repeat", Obj("min", Num(1), "max", Num(10)))
		f.Set("fields", Arr(NewField("campo", "text")))
	case "declaration":
		f.Set("statement", Obj("it", Str("Dichiaro che…"), "en", Str("I declare that…")))
	case "computed":
		f.Set("expr", Str("0"))
		f.Set("format", Str("number"))
	case "textarea":
		f.Set("maxChars", Num(2000))
	}
	return f
}

// uniqueID is base, or base_2, base_3… the first that no element of arr has as id.
func uniqueID(arr *Value, base string) string {
	taken := map[string]bool{}
	if arr != nil {
		for _, e := range arr.Elems {
			taken[e.Str("id")] = true
		}
	}
	if !taken[base] {
		return base
	}
	for n := 2; ; n++ {
		if id := base + "_" + strconv.Itoa(n); !taken[id] {
			return id
		}
	}
}

func insert(arr *Value, i int, x *Value) {
	arr.Elems = append(arr.Elems, nil)
	copy(arr.Elems[i+1:], arr.Elems[i:])
	arr.Elems[i] = x
}

func remove(arr *Value, i int) *Value {
	x := arr.Elems[i]
	arr.Elems = append(arr.Elems[:i:i], arr.Elems[i+1:]...)
	return x
}

// AddSection adds a new section after the section of at (at the end when at is empty) and
// returns its path.
func AddSection(doc *Value, at Path) Path {
	secs := doc.Get("sections")
	if secs == nil || secs.Kind != Array {
		secs = Arr()
		doc.Set("sections", secs)
	}
	i := len(secs.Elems)
	if len(at) > 0 && at[0] < len(secs.Elems) {
		i = at[0] + 1
	}
	insert(secs, i, NewSection(uniqueID(secs, "sezione")))
	return Path{i}
}

// AddField adds a new field of type typ: inside the section or group at (at its end), or
// after the field at. It returns the new field's path, nil when at names no node.
func AddField(doc *Value, at Path, typ string) Path {
	n := Node(doc, at)
	if n == nil {
		return nil
	}
	var arr *Value
	var p Path
	if len(at) == 1 || n.Str("type") == "group" {
		arr = n.Get("fields")
		if arr == nil || arr.Kind != Array {
			arr = Arr()
			n.Set("fields", arr)
		}
		p = append(append(Path{}, at...), len(arr.Elems))
	} else {
		arr, _ = list(doc, at)
		p = append(append(Path{}, at[:len(at)-1]...), at[len(at)-1]+1)
	}
	insert(arr, p[len(p)-1], NewField(uniqueID(arr, "campo"), typ))
	return p
}

// Duplicate puts a copy of the node at p after it, with an id of its own, and returns the
// copy's path.
func Duplicate(doc *Value, p Path) Path {
	arr, i := list(doc, p)
	if arr == nil {
		return nil
	}
	c := arr.Elems[i].Clone()
	c.Set("id", Str(uniqueID(arr, c.Str("id")+"_copia")))
	insert(arr, i+1, c)
	q := append(Path{}, p...)
	q[len(q)-1]++
	return q
}

// HasContent reports whether deleting the node at p loses anything the author wrote: a
// section or group with fields, or a field that is no longer as AddField made it (apart from
// its id). The editor asks before deleting such a node.
func HasContent(doc *Value, p Path) bool {
	n := Node(doc, p)
	if n == nil {
		return false
	}
	var fresh *Value
	if len(p) == 1 {
		if f := n.Get("fields"); f != nil && len(f.Elems) > 0 {
			return true
		}
		fresh = NewSection(n.Str("id"))
	} else {
		fresh = NewField(n.Str("id"), n.Str("type"))
	}
	return !n.Equal(fresh)
}

// Delete removes the node at p and returns the path to select next: the node that took its
// place, else the one before, else its parent.
func Delete(doc *Value, p Path) Path {
	arr, i := list(doc, p)
	if arr == nil {
		return nil
	}
	remove(arr, i)
	q := append(Path{}, p...)
	switch {
	case i < len(arr.Elems):
	case i > 0:
		q[len(q)-1]--
	default:
		q = q[:len(q)-1]
	}
	return q
}

// Direction is where Move takes a node.
type Direction int

const (
	Up   Direction = iota // before the previous sibling; a section's first field to the end of the section before
	Down                  // after the next sibling; a section's last field to the start of the section after
	Into                  // a field into the group just before it, at the end
	Out                   // a field of a group out of it, just after the group
)

// Move moves the node at p and returns its new path, or ErrCannotMove.
func Move(doc *Value, p Path, d Direction) (Path, error) {
	arr, i := list(doc, p)
	if arr == nil {
		return nil, ErrCannotMove
	}
	parent := p[:len(p)-1]
	at := func(q Path, idx int) Path { return append(append(Path{}, q...), idx) }
	switch d {
	case Up, Down:
		j := i - 1
		if d == Down {
			j = i + 1
		}
		if j >= 0 && j < len(arr.Elems) {
			arr.Elems[i], arr.Elems[j] = arr.Elems[j], arr.Elems[i]
			return at(parent, j), nil
		}
		// A section's own field crosses into the next section, the way a reader goes.
		if len(p) != 2 {
			return nil, ErrCannotMove
		}
		secs := doc.Get("sections")
		s := p[0] - 1
		if d == Down {
			s = p[0] + 1
		}
		if s < 0 || s >= len(secs.Elems) {
			return nil, ErrCannotMove
		}
		dst := secs.Elems[s].Get("fields")
		if dst == nil || dst.Kind != Array {
			dst = Arr()
			secs.Elems[s].Set("fields", dst)
		}
		x := remove(arr, i)
		k := len(dst.Elems)
		if d == Down {
			k = 0
		}
		insert(dst, k, x)
		return Path{s, k}, nil
	case Into:
		if len(p) < 2 || i == 0 || arr.Elems[i-1].Str("type") != "group" {
			return nil, ErrCannotMove
		}
		g := arr.Elems[i-1]
		dst := g.Get("fields")
		if dst == nil || dst.Kind != Array {
			dst = Arr()
			g.Set("fields", dst)
		}
		x := remove(arr, i)
		dst.Elems = append(dst.Elems, x)
		return append(at(parent[:len(parent)], i-1), len(dst.Elems)-1), nil
	case Out:
		if len(p) < 3 {
			return nil, ErrCannotMove
		}
		outer, g := list(doc, parent)
		x := remove(arr, i)
		insert(outer, g+1, x)
		return at(parent[:len(parent)-1], g+1), nil
	}
	return nil, ErrCannotMove
}
