package calledit

import "sort"

// A call published and then changed must say how answers saved under the published version
// map onto the new one (schema.Migration): a renamed field's answers move, a removed field's
// are kept aside. ProposeMigration works that entry out from the two versions, so that an
// author who renames or removes a field in the tree is offered it instead of having to know.

// fieldAt is one field of a call by schema path ("ente.membri.cf").
type fieldAt struct {
	path, parent, typ, label string
}

func fieldPaths(doc *Value) map[string]fieldAt {
	out := map[string]fieldAt{}
	var walk func(arr *Value, prefix string)
	walk = func(arr *Value, prefix string) {
		if arr == nil {
			return
		}
		for _, f := range arr.Elems {
			p := prefix + "." + f.Str("id")
			out[p] = fieldAt{path: p, parent: prefix, typ: f.Str("type"), label: f.Get("label").Str("it")}
			walk(f.Get("fields"), p)
		}
	}
	if secs := doc.Get("sections"); secs != nil {
		for _, s := range secs.Elems {
			walk(s.Get("fields"), s.Str("id"))
		}
	}
	return out
}

// Rename is one field's answers moving from one schema path to another.
type Rename struct{ From, To string }

// Proposal is the migration entry from the published version to the call being edited.
type Proposal struct {
	From, To int // the published version and the version the entry is for
	Renamed  []Rename
	Removed  []string
}

// Empty reports whether no answer needs to move or be set aside.
func (p Proposal) Empty() bool { return len(p.Renamed)+len(p.Removed) == 0 }

// ProposeMigration compares the fields of the published call with the current one. A field
// gone from the published version is taken as renamed when one new field has its type and its
// Italian label, or, failing that, is the only new field of its type in the same place;
// otherwise it is removed. What the current call's migrations already say is left out.
func ProposeMigration(published, current *Value) Proposal {
	p := Proposal{From: published.Int("version"), To: published.Int("version") + 1}
	if v := current.Int("version"); v > p.From {
		p.To = v
	}
	covered := map[string]bool{}
	if ms := current.Get("migrations"); ms != nil {
		for _, m := range ms.Elems {
			if m.Int("version") <= p.From {
				continue
			}
			if rs := m.Get("renamed"); rs != nil {
				for _, r := range rs.Elems {
					covered[r.Str("from")] = true
				}
			}
			if rs := m.Get("removed"); rs != nil {
				for _, r := range rs.Elems {
					covered[r.S] = true
				}
			}
		}
	}
	old, now := fieldPaths(published), fieldPaths(current)
	var gone, added []fieldAt
	for path, f := range old {
		if _, ok := now[path]; !ok && !covered[path] && !covered[f.parent] {
			gone = append(gone, f)
		}
	}
	for path, f := range now {
		if _, ok := old[path]; !ok {
			added = append(added, f)
		}
	}
	sort.Slice(gone, func(i, j int) bool { return gone[i].path < gone[j].path })
	sort.Slice(added, func(i, j int) bool { return added[i].path < added[j].path })
	// A group renamed carries its fields: they are not listed one by one.
	renamedParent := map[string]string{}
	used := map[string]bool{}
	match := func(f fieldAt) (fieldAt, bool) {
		var same []fieldAt
		for _, a := range added {
			if !used[a.path] && a.typ == f.typ && a.label == f.label && f.label != "" {
				same = append(same, a)
			}
		}
		if len(same) == 1 {
			return same[0], true
		}
		var here []fieldAt
		for _, a := range added {
			if !used[a.path] && a.typ == f.typ && a.parent == f.parent {
				here = append(here, a)
			}
		}
		n := 0
		for _, g := range gone {
			if g.typ == f.typ && g.parent == f.parent {
				n++
			}
		}
		if len(here) == 1 && n == 1 {
			return here[0], true
		}
		return fieldAt{}, false
	}
	for _, f := range gone {
		if to, ok := renamedParent[f.parent]; ok {
			renamedParent[f.path] = to + f.path[len(f.parent):]
			continue
		}
		if gone := removedAncestor(f.path, p.Removed); gone {
			continue
		}
		if a, ok := match(f); ok {
			used[a.path] = true
			p.Renamed = append(p.Renamed, Rename{From: f.path, To: a.path})
			renamedParent[f.path] = a.path
			continue
		}
		p.Removed = append(p.Removed, f.path)
	}
	return p
}

// removedAncestor reports whether a group holding path is in removed.
func removedAncestor(path string, removed []string) bool {
	for _, r := range removed {
		if len(path) > len(r) && path[:len(r)] == r && path[len(r)] == '.' {
			return true
		}
	}
	return false
}

// ApplyMigration writes p into the call: its version becomes p.To and the migration entry of
// that version gets the renames and removals (added to it when there is one already).
func ApplyMigration(doc *Value, p Proposal) {
	if doc.Int("version") < p.To {
		doc.Set("version", Num(p.To))
	}
	ms := doc.Get("migrations")
	if ms == nil || ms.Kind != Array {
		ms = Arr()
		doc.Set("migrations", ms)
	}
	var m *Value
	for _, e := range ms.Elems {
		if e.Int("version") == p.To {
			m = e
		}
	}
	if m == nil {
		m = Obj("version", Num(p.To))
		ms.Elems = append(ms.Elems, m)
	}
	if len(p.Renamed) > 0 {
		rs := m.Get("renamed")
		if rs == nil {
			rs = Arr()
			m.Set("renamed", rs)
		}
		for _, r := range p.Renamed {
			rs.Elems = append(rs.Elems, Obj("from", Str(r.From), "to", Str(r.To)))
		}
	}
	if len(p.Removed) > 0 {
		rs := m.Get("removed")
		if rs == nil {
			rs = Arr()
			m.Set("removed", rs)
		}
		for _, r := range p.Removed {
			rs.Elems = append(rs.Elems, Str(r))
		}
	}
}
