package schema

import (
	"strings"

	"bando/schema/expr"
)

// path steps
type stepKind int

const (
	sName stepKind = iota
	sAll
	sFilter
)

type pstep struct {
	kind   stepKind
	name   string
	level  int // sName: level of the container; sAll/sFilter: level of the items
	filter evalFn
	// The field or section this step enters: when it has a `when`, an answer the applicant
	// cannot see reads as no answer, so a hidden amount never counts in a sum. The `when` is
	// read at run time (not copied) because fields are compiled in document order.
	field   *Field
	section *Section
	// eq: the filter compares a value of the item with one from outside it, and a walk
	// finds the matching items through an index instead of trying each (see eqFilter).
	eq *eqFilter
}

// when is the condition of the field or section the step enters, or nil.
func (st *pstep) when() *Expr {
	if st.field != nil {
		return st.field.when
	}
	if st.section != nil {
		return st.section.when
	}
	return nil
}

func compilePath(p *expr.Path, sc *scope) (*cnode, error) {
	first, rest := p.Steps[0], p.Steps[1:]
	var (
		level int
		sec   *Section
		fld   *Field
		at    *scope
	)
	info := sc.root().info
	fromThis := false
	switch first.Name {
	case "this":
		if info == nil || info.this == nil {
			return nil, exprErr(first.At, "this indica la voce di un gruppo a cui l'espressione appartiene, ma questa espressione non sta in nessuna voce", "this names the group item the expression belongs to, but this expression is not inside any item")
		}
		if len(rest) == 0 || rest[0].Name == "" {
			return nil, exprErr(first.At, "dopo this serve il nome di un campo della voce, es. this.cf", "this needs a field of the item after it, e.g. this.cf")
		}
		at = info.this
		info.usesThis = true
		info.itemReads = append(info.itemReads, nil) // the home item: never bound inside a node
		fromThis = true
		first, rest = rest[0], rest[1:]
		if _, fld = at.child(first.Name); fld == nil {
			return nil, unknownName(first.At, first.Name, at)
		}
		level = at.level
	default:
		for s := sc; s != nil; s = s.parent {
			if sec, fld = s.child(first.Name); sec != nil || fld != nil {
				level, at = s.level, s
				break
			}
		}
	}
	if at != nil && !fromThis && at.level >= 2 && info != nil {
		info.itemReads = append(info.itemReads, at)
	}
	if at == nil {
		if first.Name == "deadline" && len(rest) == 0 {
			return deadlineNode(sc.call), nil
		}
		return nil, unknownName(first.At, first.Name, sc)
	}
	steps := []pstep{{kind: sName, name: first.Name, level: level, field: fld, section: sec}}
	// mult is how many containers the walk may stand on after each step; cost adds up the
	// steps over all of them, filters included (see expr_cost.go).
	mult, cost := 1.0, 1.0
	list := false
	// cur describes where the path stands: in a section, on a field, or on a group's items.
	onItems := false
	cur := at
	for _, seg := range rest {
		switch {
		case seg.Name != "":
			var next *scope
			switch {
			case sec != nil:
				next = &scope{parent: cur, level: level + 1, call: sc.call, section: sec}
			case fld != nil && fld.Type == TypeGroup && onItems:
				next = &scope{parent: cur, level: level + 1, call: sc.call, group: fld}
			case fld != nil && fld.Type == TypeGroup:
				return nil, exprErr(seg.At, "%s è un gruppo ripetuto: scrivi %s[].%s per ogni voce, oppure %s[condizione].%s", "%s is a repeating group: write %s[].%s for every item, or %s[condition].%s", fld.path, fld.ID, seg.Name, fld.ID, seg.Name)
			default:
				return nil, exprErr(seg.At, "%s non contiene campi", "%s has no fields inside", fld.path)
			}
			if info != nil {
				info.scopes = append(info.scopes, next)
			}
			_, f := next.child(seg.Name)
			if f == nil {
				return nil, unknownName(seg.At, seg.Name, next)
			}
			cur, level, sec, fld, onItems = next, level+1, nil, f, false
			steps = append(steps, pstep{kind: sName, name: seg.Name, level: level, field: f})
			cost += mult
		default:
			if fld == nil || fld.Type != TypeGroup || onItems {
				return nil, exprErr(seg.At, "[] vale solo per un gruppo ripetuto", "[] applies only to a repeating group")
			}
			st := pstep{kind: sAll, level: level + 1}
			if seg.Filter != nil {
				inner := &scope{parent: cur, level: level + 1, call: sc.call, group: fld}
				if info != nil {
					info.scopes = append(info.scopes, inner)
				}
				fn, err := compileNode(seg.Filter, inner)
				if err != nil {
					return nil, err
				}
				if !fn.typ.Is(expr.Bool) {
					return nil, exprErr(expr.Start(seg.Filter), "il filtro tra [ ] è una condizione vera/falsa sulla voce, es. [capofila == true]; questo è di tipo %s", "the filter in [ ] is a true/false condition on the item, e.g. [capofila == true]; this is a %[2]s", fn.typ.IT(), fn.typ.EN())
				}
				st.kind, st.filter = sFilter, fn.fn
				st.eq = eqFilterOf(fn, inner)
				cost += mult * groupMax(fld) * fn.cost
			}
			mult *= groupMax(fld)
			cost += mult
			steps = append(steps, st)
			onItems, list = true, true
		}
	}
	if sec != nil {
		return nil, exprErr(p.Pos(), "%s è una sezione, non un valore: indica uno dei suoi campi", "%s is a section, not a value: name one of its fields", sec.ID)
	}
	n := &cnode{typ: fieldType(fld), fld: fld, this: fromThis}
	if fld.Type == TypeGroup && !onItems {
		// `count(ats.membri)` reads naturally: a bare group is the list of its items.
		steps = append(steps, pstep{kind: sAll, level: level + 1})
		list, onItems = true, true
		mult *= groupMax(fld)
		cost += mult
	}
	n.cost = cost
	if onItems {
		n.typ, n.fld = expr.ListOf(expr.Item), nil
	}
	if list && !onItems {
		elem := n.typ.Kind
		if n.typ.Kind == expr.List { // multichoice values are flattened
			elem = n.typ.Elem
		}
		n.typ = expr.ListOf(elem)
	}
	for _, st := range steps {
		// A `when` or computed value that paths read may be asked many times in one
		// evaluation: remember it.
		if st.field != nil {
			st.field.readByPath = true
		} else if st.section != nil {
			st.section.readByPath = true
		}
	}
	if info != nil {
		for _, st := range steps {
			if st.field != nil {
				info.refs = append(info.refs, st.field)
			} else if st.section != nil {
				info.refs = append(info.refs, st.section)
			}
		}
	}
	prog := &pathProg{steps: steps, fromThis: fromThis, dates: !onItems && (n.typ.Kind == expr.Date || n.typ.Elem == expr.Date)}
	if list {
		n.fn, n.prog = prog.list, prog
	} else {
		n.fn = prog.oneFn()
	}
	return n, nil
}

// deadlineNode is the constant `deadline`: the call's submission deadline, a date. Validation
// stays deterministic: there is no "today".
func deadlineNode(c *Call) *cnode {
	var v any
	if d, ok := expr.ParseDate(c.Submission.Deadline); ok {
		v = d
	}
	return constant(v, expr.Of(expr.Date), nil)
}

// fieldType is the type of a path that reads field f.
func fieldType(f *Field) expr.Type {
	switch f.Type {
	case TypeBoolean, TypeDeclaration:
		return expr.Of(expr.Bool)
	case TypeNumber:
		return expr.Of(expr.Number)
	case TypeMoney:
		return expr.Of(expr.Money)
	case TypeDate:
		return expr.Of(expr.Date)
	case TypeMultiChoice:
		return expr.ListOf(expr.Text)
	case TypeGroup:
		return expr.ListOf(expr.Item)
	case TypeComputed:
		return computedType(f)
	}
	return expr.Of(expr.Text)
}

func unknownName(pos expr.Pos, name string, sc *scope) *ExprError {
	var all []string
	for s := sc; s != nil; s = s.parent {
		all = append(all, s.names()...)
	}
	all = append(all, "deadline")
	if info := sc.root().info; info != nil && info.this != nil {
		all = append(all, "this")
	}
	best, bestD := "", 3
	for _, n := range all {
		if d := expr.EditDistance(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	switch {
	case best != "":
		return exprErr(pos, "nome %q sconosciuto: forse %q?", "unknown name %q: did you mean %q?", name, best)
	case len(all) > 12:
		all = append(all[:12], "…")
	}
	return exprErr(pos, "nome %q sconosciuto (nomi disponibili qui: %s)", "unknown name %q (names here: %s)", name, joinComma(all))
}

func joinComma(s []string) string { return strings.Join(s, ", ") }

// pathProg follows a compiled path through the answers.
type pathProg struct {
	steps    []pstep
	fromThis bool // the path starts at `this`: its containers are evalCtx.this, not the env
	dates    bool // the path reads date answers: "YYYY-MM-DD" texts become expr.Day values
}

// leaf converts an answer the path reaches into the value expressions see.
func (p *pathProg) leaf(c *evalCtx, v any) any {
	if p.dates {
		return c.toDay(v)
	}
	return v
}

// maxEnv is the deepest env an expression can see: root, section and maxGroupDepth items.
const maxEnv = 2 + maxGroupDepth

// one follows a path without lists. It allocates only when a step enters a field whose `when`
// is not yet known in this evaluation, which then needs the chain of containers as its env.
func (p *pathProg) one(c *evalCtx, e env) any {
	if p.fromThis {
		e = c.this
	}
	var chain [maxEnv]map[string]any // containers entered so far; stays on the stack
	l := p.steps[0].level
	copy(chain[:], e[:l])
	var v any = e[l]
	for i := range p.steps {
		st := &p.steps[i]
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		chain[st.level] = m
		if w := st.when(); w != nil {
			k := memoKeyOf(st.field, st.section, chain[:st.level+1])
			shown, known := c.known(k)
			if !known {
				shown = c.remember(k, w, append(env(nil), chain[:st.level+1]...))
			}
			if !shown {
				return nil
			}
		}
		if st.field != nil && st.field.Type == TypeComputed {
			v = c.computedAt(st.field, chain[:st.level+1])
			continue
		}
		v = m[st.name]
	}
	return p.leaf(c, v)
}

// oneFn is one, or for the commonest path — a field of the expression's own container
// (forma != "srl") or of `this` — a shorter way to the same answer while the field has no
// `when` (a field's `when` may compile after the paths that read it, so it is asked at run
// time).
func (p *pathProg) oneFn() evalFn {
	st := &p.steps[0]
	if len(p.steps) != 1 || st.kind != sName || st.field == nil || st.field.Type == TypeComputed {
		return p.one
	}
	f, l, name := st.field, st.level, st.name
	switch {
	case p.fromThis:
		return func(c *evalCtx, e env) any {
			if f.when != nil {
				return p.one(c, e)
			}
			return p.leaf(c, c.this[l][name])
		}
	case p.dates:
		return func(c *evalCtx, e env) any {
			if f.when != nil {
				return p.one(c, e)
			}
			return c.toDay(e[l][name])
		}
	}
	return func(c *evalCtx, e env) any {
		if f.when != nil {
			return p.one(c, e)
		}
		return e[l][name]
	}
}

func (p *pathProg) list(c *evalCtx, e env) any {
	f := fold{op: foldList, list: make([]any, 0, 16)}
	p.fold(c, e, &f)
	return f.list
}

// fold hands every element the path reaches to f, in order, without building a list.
func (p *pathProg) fold(c *evalCtx, e env, f *fold) {
	if p.fromThis {
		e = c.this
	}
	scratch, mark := c.scratch()
	l := p.steps[0].level
	copy(scratch, e[:l])
	p.walk(c, scratch, e[l], 0, f)
	c.release(mark)
}

// walk follows the steps from v; scratch[:level] holds the containers above the current one.
// Deeper calls only write deeper slots, so one scratch array serves the whole walk.
func (p *pathProg) walk(c *evalCtx, scratch env, v any, i int, f *fold) {
	if i == len(p.steps) {
		switch x := v.(type) {
		case nil:
		case []any: // a multichoice answer
			for _, e := range x {
				f.add(e)
			}
		default:
			if x = p.leaf(c, x); x != nil {
				f.add(x)
			}
		}
		return
	}
	st := &p.steps[i]
	switch st.kind {
	case sName:
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		scratch[st.level] = m
		if w := st.when(); w != nil && !c.remember(memoKeyOf(st.field, st.section, scratch[:st.level+1]), w, scratch[:st.level+1]) {
			return
		}
		next := m[st.name]
		if st.field != nil && st.field.Type == TypeComputed {
			next = c.computed(st.field, scratch[:st.level+1])
		}
		p.walk(c, scratch, next, i+1, f)
	default:
		items, _ := v.([]any)
		if st.eq != nil && len(items) > 0 && !c.ext.plainFilters {
			lk := c.listKeys(st, scratch, items)
			if lk.items == 0 {
				return
			}
			scratch[st.level] = nil // the outer side reads no item of this list
			want := eqKey(st.eq.outer(c, scratch[:st.level+1]))
			if want.kind == keyNone {
				return
			}
			for j, k := range lk.keys {
				if k.matches(want) {
					m := items[j].(map[string]any)
					scratch[st.level] = m
					p.walk(c, scratch, m, i+1, f)
				}
			}
			return
		}
		for _, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				continue
			}
			scratch[st.level] = m
			if st.kind == sFilter && !truthy(st.filter(c, scratch[:st.level+1])) {
				continue
			}
			p.walk(c, scratch, m, i+1, f)
		}
	}
}

// truthy: false for nil, false, 0, "" and empty lists.
