package schema

import (
	"encoding/json"
	"sort"
	"strings"
	"unicode/utf8"
)

// Expr is a compiled expression: every path in it was resolved against the call at load
// time, so evaluation never looks a name up and a typo is a lint error, not a silent false.
type Expr struct {
	src  string
	fn   evalFn
	typ  vtype
	refs []any // the *Field and *Section values its paths enter, for lint's cycle check
}

// String returns the source of the expression.
func (e *Expr) String() string { return e.src }

// env holds the containers an expression can see: env[0] is the answers root, env[1] the
// section's answers, env[2] the item of a group, env[3] the item of a nested group.
type env = []map[string]any

type evalFn func(env) any

// vtype is the static type of an expression; vAny when it cannot be known.
type vtype int

const (
	vAny vtype = iota
	vBool
	vNum
	vStr
	vList
)

func (t vtype) String() string {
	return [...]string{"value", "true/false", "number", "text", "list"}[t]
}

// holds reports whether the expression is true in e (see truthy).
func (x *Expr) holds(e env) bool { return truthy(x.fn(e)) }

// scope is what names mean where an expression is written: the call root (section ids), a
// section (its field ids) or an item of a group (the group's field ids), and what encloses it.
type scope struct {
	parent  *scope
	level   int
	call    *Call
	section *Section
	group   *Field
	refs    *[]any // set on the outermost scope while an expression compiles
}

func (s *scope) root() *scope {
	for s.parent != nil {
		s = s.parent
	}
	return s
}

func (s *scope) child(name string) (sec *Section, f *Field) {
	switch {
	case s.section != nil:
		return nil, findField(s.section.Fields, name)
	case s.group != nil:
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
	switch {
	case s.section != nil:
		fs = s.section.Fields
	case s.group != nil:
		fs = s.group.Fields
	default:
		var out []string
		for _, sec := range s.call.Sections {
			out = append(out, sec.ID)
		}
		return out
	}
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID
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

// compileExpr parses and compiles src in scope sc.
func compileExpr(src string, sc *scope) (*Expr, error) {
	a, err := parseExpr(src)
	if err != nil {
		return nil, err
	}
	var refs []any
	root := sc.root()
	root.refs = &refs
	defer func() { root.refs = nil }()
	n, err := compileNode(a, sc)
	if err != nil {
		return nil, err
	}
	return &Expr{src: src, fn: n.fn, typ: n.typ, refs: refs}, nil
}

type cnode struct {
	fn   evalFn
	each func(env, func(any)) // for list paths: visit each element without building the list
	typ  vtype
	elt  vtype  // element type of a list
	fld  *Field // the field a path names (for option checks)
	lit  *ast   // the literal, when the node is one
}

func compileNode(a *ast, sc *scope) (*cnode, error) {
	switch a.kind {
	case aLit:
		v := a.lit
		t := vAny
		switch v.(type) {
		case bool:
			t = vBool
		case float64:
			t = vNum
		case string:
			t = vStr
		}
		return &cnode{fn: func(env) any { return v }, typ: t, lit: a}, nil
	case aPath:
		return compilePath(a, sc)
	case aCall:
		return compileCall(a, sc)
	case aUnary:
		x, err := compileNode(a.args[0], sc)
		if err != nil {
			return nil, err
		}
		if a.op == "!" {
			return &cnode{fn: func(e env) any { return !truthy(x.fn(e)) }, typ: vBool}, nil
		}
		if err := wantType(a.args[0], x, vNum); err != nil {
			return nil, err
		}
		return &cnode{fn: func(e env) any {
			if f, ok := toNum(x.fn(e)); ok {
				return -f
			}
			return nil
		}, typ: vNum}, nil
	}
	return compileBinary(a, sc)
}

func wantType(a *ast, n *cnode, t vtype) error {
	if n.typ != vAny && n.typ != t {
		return exprErr(a.off, "qui serve un valore di tipo %s, questo è di tipo %s", "a %s is expected here, this is a %s", t, n.typ)
	}
	return nil
}

func compileBinary(a *ast, sc *scope) (*cnode, error) {
	l, err := compileNode(a.args[0], sc)
	if err != nil {
		return nil, err
	}
	r, err := compileNode(a.args[1], sc)
	if err != nil {
		return nil, err
	}
	lf, rf := l.fn, r.fn
	switch a.op {
	case "&&":
		return &cnode{fn: func(e env) any { return truthy(lf(e)) && truthy(rf(e)) }, typ: vBool}, nil
	case "||":
		return &cnode{fn: func(e env) any { return truthy(lf(e)) || truthy(rf(e)) }, typ: vBool}, nil
	case "==", "!=":
		if err := checkOption(l, r); err != nil {
			return nil, err
		}
		if err := checkOption(r, l); err != nil {
			return nil, err
		}
		if l.typ != vAny && r.typ != vAny && l.typ != r.typ {
			return nil, exprErr(a.off, "confrontare un valore di tipo %s con uno di tipo %s dà sempre falso", "comparing a %s with a %s is always false", l.typ, r.typ)
		}
		neg := a.op == "!="
		return &cnode{fn: func(e env) any { return equal(lf(e), rf(e)) != neg }, typ: vBool}, nil
	case "<", "<=", ">", ">=":
		if l.typ != vAny && r.typ != vAny && l.typ != r.typ || l.typ == vBool || l.typ == vList || r.typ == vBool || r.typ == vList {
			return nil, exprErr(a.off, "%s vuole due numeri o due testi (date)", "%s needs two numbers or two texts (dates)", a.op)
		}
		op := a.op
		return &cnode{fn: func(e env) any { return ordered(op, lf(e), rf(e)) }, typ: vBool}, nil
	}
	// arithmetic
	if err := wantType(a.args[0], l, vNum); err != nil {
		return nil, err
	}
	if err := wantType(a.args[1], r, vNum); err != nil {
		return nil, err
	}
	op := a.op
	return &cnode{fn: func(e env) any {
		x, ok1 := toNum(lf(e))
		y, ok2 := toNum(rf(e))
		if !ok1 || !ok2 {
			return nil
		}
		switch op {
		case "+":
			return x + y
		case "-":
			return x - y
		case "*":
			return x * y
		}
		if y == 0 {
			return nil
		}
		return x / y
	}, typ: vNum}, nil
}

// checkOption makes `stato == "costituenda"` a lint error when "costituenda" is not one of the
// field's options: such a typo would otherwise hide a field forever.
func checkOption(path, lit *cnode) error {
	if path.fld == nil || lit.lit == nil {
		return nil
	}
	s, ok := lit.lit.lit.(string)
	if !ok || (path.fld.Type != TypeChoice && path.fld.Type != TypeMultiChoice) {
		return nil
	}
	if path.fld.OptionsFrom != nil {
		return exprErr(lit.lit.off, "%s offre le voci di %s: la risposta è l'identificativo stabile di una voce, non un testo, e confrontarla con %q non ha senso; confronta invece un campo della voce scelta",
			"%s offers the items of %s: its answer is an item's stable id, not a text, and comparing it with %q makes no sense; compare a field of the chosen item instead", path.fld.path, path.fld.OptionsFrom.Items, s)
	}
	if _, ok := path.fld.Option(s); ok {
		return nil
	}
	vals := make([]string, len(path.fld.Options))
	for i, o := range path.fld.Options {
		vals[i] = o.Value
	}
	return exprErr(lit.lit.off, "%q non è un'opzione di %s (opzioni: %s)", "%q is not an option of %s (options: %s)", s, path.fld.path, strings.Join(vals, ", "))
}

func compileCall(a *ast, sc *scope) (*cnode, error) {
	arity := map[string]int{"count": 1, "sum": 1, "any": 1, "all": 1, "answered": 1, "len": 1, "contains": 2}
	want, ok := arity[a.op]
	if !ok {
		names := make([]string, 0, len(arity))
		for n := range arity {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, exprErr(a.off, "funzione %q sconosciuta (disponibili: %s)", "unknown function %q (known: %s)", a.op, strings.Join(names, ", "))
	}
	if len(a.args) != want {
		return nil, exprErr(a.off, "%s vuole %d argomenti, non %d", "%s takes %d argument(s), not %d", a.op, want, len(a.args))
	}
	args := make([]*cnode, len(a.args))
	for i, x := range a.args {
		n, err := compileNode(x, sc)
		if err != nil {
			return nil, err
		}
		args[i] = n
	}
	x := args[0].fn
	// each visits the elements of the argument; list paths do it without building the list.
	each := args[0].each
	if each == nil {
		each = func(e env, yield func(any)) {
			for _, v := range asList(x(e)) {
				yield(v)
			}
		}
	}
	needList := func() error { return wantType(a.args[0], args[0], vList) }
	switch a.op {
	case "count":
		if err := needList(); err != nil {
			return nil, err
		}
		return &cnode{fn: func(e env) any {
			n := 0
			each(e, func(any) { n++ })
			return float64(n)
		}, typ: vNum}, nil
	case "sum":
		if err := needList(); err != nil {
			return nil, err
		}
		if args[0].elt != vAny && args[0].elt != vNum {
			return nil, exprErr(a.args[0].off, "sum vuole un elenco di numeri o importi", "sum needs a list of numbers or amounts")
		}
		return &cnode{fn: func(e env) any {
			var s float64
			each(e, func(v any) {
				if f, ok := toNum(v); ok {
					s += f
				}
			})
			return s
		}, typ: vNum}, nil
	case "any", "all":
		if err := needList(); err != nil {
			return nil, err
		}
		wantAll := a.op == "all"
		return &cnode{fn: func(e env) any {
			for _, v := range asList(x(e)) {
				if truthy(v) != wantAll {
					return !wantAll
				}
			}
			return wantAll
		}, typ: vBool}, nil
	case "answered":
		return &cnode{fn: func(e env) any { return !isEmpty(x(e)) }, typ: vBool}, nil
	case "len":
		if err := wantType(a.args[0], args[0], vStr); err != nil {
			return nil, err
		}
		return &cnode{fn: func(e env) any {
			s, _ := x(e).(string)
			return float64(utf8.RuneCountInString(s))
		}, typ: vNum}, nil
	}
	// contains
	if err := needList(); err != nil {
		return nil, err
	}
	if err := checkOption(args[0], args[1]); err != nil {
		return nil, err
	}
	y := args[1].fn
	return &cnode{fn: func(e env) any {
		want := y(e)
		for _, v := range asList(x(e)) {
			if equal(v, want) {
				return true
			}
		}
		return false
	}, typ: vBool}, nil
}

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
	// hidden is the `when` of the field or section this step enters: an answer the applicant
	// cannot see reads as no answer, so a hidden amount never counts in a sum. Read at run time
	// (not copied) because fields are compiled in document order.
	field   *Field
	section *Section
}

// shown reports whether the step's field or section is shown, given its container in env e.
func (st *pstep) shown(e env) bool {
	var w *Expr
	if st.field != nil {
		w = st.field.when
	} else if st.section != nil {
		w = st.section.when
	}
	return w == nil || w.holds(e)
}

func compilePath(a *ast, sc *scope) (*cnode, error) {
	first := a.segs[0]
	var (
		level int
		sec   *Section
		fld   *Field
		at    *scope
	)
	for s := sc; s != nil; s = s.parent {
		if sec, fld = s.child(first.name); sec != nil || fld != nil {
			level, at = s.level, s
			break
		}
	}
	if at == nil {
		return nil, unknownName(first.off, first.name, sc)
	}
	steps := []pstep{{kind: sName, name: first.name, level: level, field: fld, section: sec}}
	list := false
	// cur describes where the path stands: in a section, on a field, or on a group's items.
	onItems := false
	cur := at
	for _, seg := range a.segs[1:] {
		switch {
		case seg.name != "":
			var next *scope
			switch {
			case sec != nil:
				next = &scope{parent: cur, level: level + 1, call: sc.call, section: sec}
			case fld != nil && fld.Type == TypeGroup && onItems:
				next = &scope{parent: cur, level: level + 1, call: sc.call, group: fld}
			case fld != nil && fld.Type == TypeGroup:
				return nil, exprErr(seg.off, "%s è un gruppo ripetuto: scrivi %s[].%s per ogni voce, oppure %s[condizione].%s", "%s is a repeating group: write %s[].%s for every item, or %s[condition].%s", fld.path, fld.ID, seg.name, fld.ID, seg.name)
			default:
				return nil, exprErr(seg.off, "%s non contiene campi", "%s has no fields inside", fld.path)
			}
			_, f := next.child(seg.name)
			if f == nil {
				return nil, unknownName(seg.off, seg.name, next)
			}
			cur, level, sec, fld, onItems = next, level+1, nil, f, false
			steps = append(steps, pstep{kind: sName, name: seg.name, level: level, field: f})
		default:
			if fld == nil || fld.Type != TypeGroup || onItems {
				return nil, exprErr(seg.off, "[] vale solo per un gruppo ripetuto", "[] applies only to a repeating group")
			}
			st := pstep{kind: sAll, level: level + 1}
			if seg.filter != nil {
				inner := &scope{parent: cur, level: level + 1, call: sc.call, group: fld}
				fn, err := compileNode(seg.filter, inner)
				if err != nil {
					return nil, err
				}
				st.kind, st.filter = sFilter, fn.fn
			}
			steps = append(steps, st)
			onItems, list = true, true
		}
	}
	if sec != nil {
		return nil, exprErr(a.off, "%s è una sezione, non un valore: indica uno dei suoi campi", "%s is a section, not a value: name one of its fields", sec.ID)
	}
	n := &cnode{typ: fieldVType(fld), fld: fld}
	if fld.Type == TypeGroup && !onItems {
		// `count(ats.membri)` reads naturally: a bare group is the list of its items.
		steps = append(steps, pstep{kind: sAll, level: level + 1})
		list, onItems = true, true
	}
	if onItems {
		n.typ, n.elt, n.fld = vList, vAny, nil
	}
	if list && !onItems {
		n.elt = n.typ
		if n.typ == vList { // multichoice values are flattened
			n.elt = vStr
		}
		n.typ = vList
	}
	if r := sc.root().refs; r != nil {
		for _, st := range steps {
			if st.field != nil {
				*r = append(*r, st.field)
			} else if st.section != nil {
				*r = append(*r, st.section)
			}
		}
	}
	p := &pathProg{steps: steps}
	if list {
		n.fn, n.each = p.list, p.each
	} else {
		n.fn = p.one
	}
	return n, nil
}

func fieldVType(f *Field) vtype {
	switch f.Type {
	case TypeBoolean, TypeDeclaration:
		return vBool
	case TypeNumber, TypeMoney:
		return vNum
	case TypeMultiChoice, TypeGroup:
		return vList
	case TypeComputed:
		return computedVType(f)
	}
	return vStr
}

func unknownName(off int, name string, sc *scope) *ExprError {
	var all []string
	for s := sc; s != nil; s = s.parent {
		all = append(all, s.names()...)
	}
	best, bestD := "", 3
	for _, n := range all {
		if d := editDistance(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	switch {
	case best != "":
		return exprErr(off, "nome %q sconosciuto: forse %q?", "unknown name %q: did you mean %q?", name, best)
	case len(all) > 12:
		all = append(all[:12], "…")
	}
	return exprErr(off, "nome %q sconosciuto (nomi disponibili qui: %s)", "unknown name %q (names here: %s)", name, strings.Join(all, ", "))
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

type pathProg struct{ steps []pstep }

// maxEnv is the deepest env an expression can see: root, section and maxGroupDepth items.
const maxEnv = 2 + maxGroupDepth

// one follows a path without lists. It allocates only when a step enters a field that has a
// `when` of its own, which then needs the chain of containers as its env.
func (p *pathProg) one(e env) any {
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
		if st.hasWhen() && !st.shown(append(env(nil), chain[:st.level+1]...)) {
			return nil
		}
		if st.field != nil && st.field.Type == TypeComputed {
			v = st.field.computed(append(env(nil), chain[:st.level+1]...))
			continue
		}
		v = m[st.name]
	}
	return v
}

func (st *pstep) hasWhen() bool {
	return st.field != nil && st.field.when != nil || st.section != nil && st.section.when != nil
}

func (p *pathProg) list(e env) any {
	out := make([]any, 0, 16)
	p.each(e, func(v any) { out = append(out, v) })
	return out
}

// each calls yield for every element the path reaches, in order, without building a list.
func (p *pathProg) each(e env, yield func(any)) {
	var buf [maxEnv]map[string]any
	l := p.steps[0].level
	copy(buf[:], e[:l])
	p.walk(buf[:], e[l], 0, yield)
}

// walk follows the steps from v; scratch[:level] holds the containers above the current one.
// Deeper calls only write deeper slots, so one scratch array serves the whole walk.
func (p *pathProg) walk(scratch env, v any, i int, yield func(any)) {
	if i == len(p.steps) {
		switch x := v.(type) {
		case nil:
		case []any: // a multichoice answer
			for _, e := range x {
				yield(e)
			}
		default:
			yield(x)
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
		if st.hasWhen() && !st.shown(scratch[:st.level+1]) {
			return
		}
		next := m[st.name]
		if st.field != nil && st.field.Type == TypeComputed {
			next = st.field.computed(scratch[:st.level+1])
		}
		p.walk(scratch, next, i+1, yield)
	default:
		items, _ := v.([]any)
		for _, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				continue
			}
			scratch[st.level] = m
			if st.kind == sFilter && !truthy(st.filter(scratch[:st.level+1])) {
				continue
			}
			p.walk(scratch, m, i+1, yield)
		}
	}
}

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
	}
	return false
}

func ordered(op string, a, b any) bool {
	var c int
	if x, ok := toNum(a); ok {
		y, ok := toNum(b)
		if !ok {
			return false
		}
		c = cmpFloat(x, y)
	} else {
		x, ok1 := a.(string)
		y, ok2 := b.(string)
		if !ok1 || !ok2 || x == "" || y == "" {
			return false
		}
		c = strings.Compare(x, y)
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
