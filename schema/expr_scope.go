package schema

// scope is what names mean where an expression is written: the call root (section ids), a
// section (its field ids) or an item of a group (the group's field ids, and the item's own
// id, _id), and what encloses it.
type scope struct {
	parent  *scope
	level   int
	call    *Call
	section *Section
	group   *Field
	info    *compileInfo // set on the outermost scope while an expression compiles
	// loose: names are not resolved against the call but looked up in the answers when the
	// expression runs (see compileLoose).
	loose bool
}

func (s *scope) root() *scope {
	for s.parent != nil {
		s = s.parent
	}
	return s
}

// item is the innermost item scope from s outwards: what `this` names; nil outside items.
func (s *scope) item() *scope {
	for ; s != nil; s = s.parent {
		if s.group != nil {
			return s
		}
	}
	return nil
}

func (s *scope) child(name string) (sec *Section, f *Field) {
	switch {
	case s.section != nil:
		return nil, findField(s.section.Fields, name)
	case s.group != nil:
		if name == ItemID {
			return nil, s.group.idField()
		}
		return nil, findField(s.group.Fields, name)
	default:
		for _, sec := range s.call.Sections {
			if sec.ID == name {
				return sec, nil
			}
		}
	}
	return nil, nil
}

func (s *scope) names() []string {
	var fs []*Field
	var out []string
	switch {
	case s.section != nil:
		fs = s.section.Fields
	case s.group != nil:
		fs = s.group.Fields
		out = append(out, ItemID)
	default:
		for _, sec := range s.call.Sections {
			out = append(out, sec.ID)
		}
		return out
	}
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}

func findField(fs []*Field, id string) *Field {
	for _, f := range fs {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// idField is the implicit text field _id of group g's items (see ItemID): expressions read
// it like any field ("linea == this._id"); it is made once, when the call compiles.
func (g *Field) idField() *Field {
	if g.itemID == nil {
		g.itemID = &Field{ID: ItemID, Type: TypeText, path: g.path + "." + ItemID, group: g}
	}
	return g.itemID
}
