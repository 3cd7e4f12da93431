package schema

import (
	"bando/schema/expr"
	"slices"
)

// Expr is a compiled expression: every path in it was resolved against the call at load
// time, so evaluation never looks a name up and a typo is a lint error, not a silent false.
// Package expr parses and types the language; this file and expr_*.go resolve names against
// the call and compile each node to a closure over the answers.
type Expr struct {
	src  string
	fn   evalFn
	typ  expr.Type
	refs []any   // the *Field and *Section values its paths enter, for lint's cycle check
	cost float64 // worst-case steps over one validation (see expr_cost.go)
}

// String returns the source of the expression.
func (e *Expr) String() string { return e.src }

// env holds the containers an expression can see: env[0] is the answers root, env[1] the
// section's answers, env[2] the item of a group, env[3] the item of a nested group.
type env = []map[string]any

// evalFn evaluates a compiled expression in one evaluation c (see evalCtx) and env e. Values
// are nil (no answer), bool, float64 (numbers, and amounts in cents), string, expr.Day, []any
// (lists) and map[string]any (items).
type evalFn func(c *evalCtx, e env) any

// holds reports whether the expression is true in e (see truthy).
func (x *Expr) holds(c *evalCtx, e env) bool { return truthy(x.fn(c, e)) }

// ExprError is a problem in an expression at byte offset Pos, explained in Italian and English.
type ExprError = expr.Error

// compileExpr parses and compiles src in scope sc. It is the one entry point for every
// expression of a call: conditions, checks (per item: in the item's scope), computed values,
// signers' filters. `this` is the innermost item around sc.
func compileExpr(src string, sc *scope) (*Expr, error) {
	n, err := expr.Parse(src)
	if err != nil {
		return nil, err
	}
	info := compileInfo{this: sc.item()}
	root := sc.root()
	root.info = &info
	defer func() { root.info = nil }()
	c, err := compileNode(n, sc)
	if err != nil {
		return nil, err
	}
	fn := c.fn
	if info.usesThis {
		// `this` is the item the expression is evaluated for, even inside a filter that has
		// moved the env on to other items: remember its containers for the evaluation.
		level, inner := info.this.level, fn
		fn = func(c *evalCtx, e env) any {
			saved := c.this
			c.this = e[:level+1]
			v := inner(c, e)
			c.this = saved
			return v
		}
	}
	return &Expr{src: src, fn: fn, typ: c.typ, refs: info.refs, cost: c.cost * timesEvaluated(sc)}, nil
}

// compileInfo is what compiling one expression learns about it as a whole.
type compileInfo struct {
	refs     []any  // see Expr.refs
	this     *scope // the item `this` names; nil outside any item
	usesThis bool
	// itemReads are the scopes of group items that names were found in, in compile order (nil
	// for `this`), and scopes are the scopes paths made while compiling (their steps and
	// filters): a node whose item reads all fall in scopes it made itself reads no item from
	// outside, so it has one value for every item the expression is evaluated for (see
	// compileNode).
	itemReads []*scope
	scopes    []*scope
}

// invariantMinCost is the cost from which a node of a per-item expression that reads no item
// from outside is computed once per evaluation instead of once per item: `count(ats.membri[
// capofila == true])` in a check on each member is one walk of the members, not forty.
const invariantMinCost = 8

// cnode is a compiled node.
type cnode struct {
	fn evalFn
	// For list paths: walk the elements without building the list (see listArg).
	prog  *pathProg
	loose *loosePath
	typ   expr.Type
	fld   *Field    // the field a path names (for option checks)
	node  expr.Node // the node, for literals (a text literal may stand for a date)
	// cost is the worst-case number of steps one evaluation takes, every group at its
	// repeat.max (see expr_cost.go).
	cost float64
	// reads are the item scopes the node's names were found in (nil for `this`), and made
	// the scopes its own paths made (their steps and filters); see compileInfo.
	reads, made []*scope
	// eq holds the two sides of an equality, for a filter that can be looked up (see eqFilter).
	eq *[2]*cnode
	// this: the node is a path from `this`.
	this bool
	// keyed: the node is a function of a list path with one filter comparing its items with
	// a value of `this` (count(azioni.linee[linea == this.azione])), whose other reads are
	// its own: its value depends on that value alone (see compileNode).
	keyed *eqFilter
}

// readsOnlyOwn reports whether every item the node reads is one its own paths walk: then it
// has one value wherever it is evaluated within one evaluation.
func (n *cnode) readsOnlyOwn() bool { return n.readsOwnAnd(0) }

// readsOwnAnd reports whether the node reads `this` exactly this times, and otherwise only
// items its own paths walk.
func (n *cnode) readsOwnAnd(this int) bool {
	for _, s := range n.reads {
		if s == nil {
			this--
		} else if !slices.Contains(n.made, s) {
			return false
		}
	}
	return this == 0
}

func constant(v any, t expr.Type, n expr.Node) *cnode {
	return &cnode{fn: func(*evalCtx, env) any { return v }, typ: t, node: n, cost: 1}
}

// as is n where type t is expected: a text literal that expr.Fit read as a date becomes that
// date, once, here.
func (n *cnode) as(t expr.Type) *cnode {
	if s, ok := n.node.(*expr.StringLit); ok && t.Kind == expr.Date && n.typ.Kind == expr.Text {
		d, _ := expr.ParseDate(s.Value) // Fit has checked it
		return constant(d, t, n.node)
	}
	return n
}

func compileNode(n expr.Node, sc *scope) (*cnode, error) {
	root := sc.root()
	info := root.info
	if info == nil || root.loose {
		return compileNodeOnce(n, sc)
	}
	reads, scopes := len(info.itemReads), len(info.scopes)
	c, err := compileNodeOnce(n, sc)
	if err != nil {
		return c, err
	}
	c.reads = slices.Clip(info.itemReads[reads:])
	c.made = slices.Clip(info.scopes[scopes:])
	if info.this == nil || c.cost < invariantMinCost || c.typ.Kind == expr.List || c.fn == nil {
		return c, nil
	}
	fn := c.fn
	switch {
	case c.readsOnlyOwn():
		c.fn = func(ctx *evalCtx, e env) any { return ctx.invariant(c, fn, e) }
	case c.keyed != nil && c.readsOwnAnd(1):
		// The one read of `this` is the filter's outer side: one value per value of it.
		k := c.keyed
		c.fn = func(ctx *evalCtx, e env) any { return ctx.keyedValue(c, fn, e, k) }
	}
	return c, nil // else it reads the item the expression is evaluated for
}

func compileNodeOnce(n expr.Node, sc *scope) (*cnode, error) {
	switch x := n.(type) {
	case *expr.BoolLit:
		return constant(x.Value, expr.Of(expr.Bool), n), nil
	case *expr.NumberLit:
		return constant(x.Value, expr.Type{Kind: expr.Number, Const: true}, n), nil
	case *expr.StringLit:
		return constant(x.Value, expr.Of(expr.Text), n), nil
	case *expr.NullLit:
		return constant(nil, expr.Of(expr.Null), n), nil
	case *expr.Path:
		if sc.root().loose {
			return compileLoosePath(x, sc)
		}
		return compilePath(x, sc)
	case *expr.Call:
		return compileCall(x, sc)
	case *expr.Unary:
		return compileUnary(x, sc)
	case *expr.Binary:
		return compileBinary(x, sc)
	}
	panic("schema: unknown expression node") // unreachable: the node set is sealed
}

func compileUnary(u *expr.Unary, sc *scope) (*cnode, error) {
	x, err := compileNode(u.X, sc)
	if err != nil {
		return nil, err
	}
	t, err := expr.UnaryType(u, x.typ)
	if err != nil {
		return nil, err
	}
	cost := 1 + x.cost
	xf := x.fn
	if u.Op == "!" {
		return &cnode{fn: func(c *evalCtx, e env) any { return !truthy(xf(c, e)) }, typ: t, cost: cost}, nil
	}
	return &cnode{fn: func(c *evalCtx, e env) any {
		if f, ok := toNum(xf(c, e)); ok {
			return -f
		}
		return nil
	}, typ: t, cost: cost}, nil
}

func compileBinary(b *expr.Binary, sc *scope) (*cnode, error) {
	l, err := compileNode(b.X, sc)
	if err != nil {
		return nil, err
	}
	r, err := compileNode(b.Y, sc)
	if err != nil {
		return nil, err
	}
	t, lt, rt, err := expr.BinaryType(b, l.typ, r.typ)
	if err != nil {
		return nil, err
	}
	l, r = l.as(lt), r.as(rt)
	cost := 1 + l.cost + r.cost
	lf, rf := l.fn, r.fn
	switch b.Op {
	case "&&":
		return &cnode{fn: func(c *evalCtx, e env) any { return truthy(lf(c, e)) && truthy(rf(c, e)) }, typ: t, cost: cost}, nil
	case "||":
		return &cnode{fn: func(c *evalCtx, e env) any { return truthy(lf(c, e)) || truthy(rf(c, e)) }, typ: t, cost: cost}, nil
	case "==", "!=":
		if err := checkOption(l, r); err != nil {
			return nil, err
		}
		if err := checkOption(r, l); err != nil {
			return nil, err
		}
		neg := b.Op == "!="
		n := &cnode{fn: equalFn(l, r, neg), typ: t, cost: cost}
		if !neg {
			n.eq = &[2]*cnode{l, r}
		}
		return n, nil
	case "<", "<=", ">", ">=":
		op := b.Op
		return &cnode{fn: func(c *evalCtx, e env) any { return ordered(op, lf(c, e), rf(c, e)) }, typ: t, cost: cost}, nil
	}
	op := b.Op
	return &cnode{fn: func(c *evalCtx, e env) any { return arith(op, lf(c, e), rf(c, e)) }, typ: t, cost: cost}, nil
}

// equalFn compares l and r (see equal), negated with neg. Against a text or yes/no literal
// (forma != "srl", capofila == true) it is the same comparison written out: equal says a
// text equals only that text, and a boolean only that boolean.
func equalFn(l, r *cnode, neg bool) evalFn {
	lf, rf := l.fn, r.fn
	for _, side := range [2][2]*cnode{{l, r}, {r, l}} {
		lit, other := side[0], side[1].fn
		switch x := lit.node.(type) {
		case *expr.StringLit:
			if lit.typ.Kind != expr.Text {
				continue // read as a date (see cnode.as)
			}
			want := x.Value
			return func(c *evalCtx, e env) any {
				s, ok := other(c, e).(string)
				return (ok && s == want) != neg
			}
		case *expr.BoolLit:
			want := x.Value
			return func(c *evalCtx, e env) any {
				b, ok := other(c, e).(bool)
				return (ok && b == want) != neg
			}
		}
	}
	return func(c *evalCtx, e env) any { return equal(lf(c, e), rf(c, e)) != neg }
}

// arith is x op y for numbers and amounts; nil when either has no value, or for a division
// by zero.
func arith(op string, a, b any) any {
	x, ok1 := toNum(a)
	y, ok2 := toNum(b)
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
}

// checkOption makes `stato == "costituenda"` a lint error when "costituenda" is not one of the
// field's options: such a typo would otherwise hide a field forever.
func checkOption(path, lit *cnode) error {
	s, ok := lit.node.(*expr.StringLit)
	if path.fld == nil || !ok || lit.typ.Kind != expr.Text {
		return nil
	}
	if path.fld.Type != TypeChoice && path.fld.Type != TypeMultiChoice {
		return nil
	}
	if path.fld.OptionsFrom != nil {
		return exprErr(s.At, "%s offre le voci di %s: la risposta è l'identificativo stabile di una voce, non un testo, e confrontarla con %q non ha senso; confronta invece un campo della voce scelta",
			"%s offers the items of %s: its answer is an item's stable id, not a text, and comparing it with %q makes no sense; compare a field of the chosen item instead", path.fld.path, path.fld.OptionsFrom.Items, s.Value)
	}
	if _, ok := path.fld.Option(s.Value); ok {
		return nil
	}
	vals := make([]string, len(path.fld.Options))
	for i, o := range path.fld.Options {
		vals[i] = o.Value
	}
	return exprErr(s.At, "%q non è un'opzione di %s (opzioni: %s)", "%q is not an option of %s (options: %s)", s.Value, path.fld.path, joinComma(vals))
}

func exprErr(pos expr.Pos, it, en string, args ...any) *ExprError {
	return expr.Errorf(pos, it, en, args...)
}
