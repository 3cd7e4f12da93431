package schema

import "bando/schema/expr"

// Loose expressions read answers the call does not describe: a migration step computes a new
// answer from the answers as they were saved, under the names of an older version of the call
// (`before(runts, "/")` splitting "B/104587"). Names are looked up when the expression runs,
// from the innermost container of the env outwards; every path is of unknown type (no answer
// fits every type, see expr.Fit), so typing only refuses what could never work, and the
// functions already read whatever they are given as no answer when it is not what they take.
// Everything else is the language as usual: same parser, functions, limits and no-answer rules.

// compileLoose compiles src with names resolved at run time. Its env is the chain of
// containers from the answers' root down to the one the result belongs in.
func compileLoose(src string, c *Call) (*Expr, error) {
	return compileExpr(src, &scope{call: c, loose: true})
}

// eval evaluates x once over the containers e. A loose expression has no repeat.max to bound
// it at lint, so its walks count their steps: past maxExprCost the walk stops and the result
// is no answer, whatever the answers hold.
func (x *Expr) eval(e env) any {
	c := &evalCtx{}
	v := x.fn(c, e)
	if c.steps > maxExprCost {
		return nil
	}
	return v
}

func compileLoosePath(p *expr.Path, sc *scope) (*cnode, error) {
	first := p.Steps[0]
	switch first.Name {
	case "this":
		return nil, exprErr(first.At, "this non ha senso qui: l'espressione non appartiene a una voce", "this makes no sense here: the expression belongs to no item")
	case "deadline":
		if len(p.Steps) == 1 {
			return deadlineNode(sc.call), nil
		}
	}
	type lstep struct {
		name   string
		items  bool   // [] or [filter]: the items of the list reached so far
		filter evalFn // evaluated with the item appended to the env
	}
	steps := make([]lstep, 0, len(p.Steps))
	list := false
	for _, st := range p.Steps {
		if st.Name != "" {
			steps = append(steps, lstep{name: st.Name})
			continue
		}
		ls := lstep{items: true}
		if st.Filter != nil {
			f, err := compileNode(st.Filter, sc)
			if err != nil {
				return nil, err
			}
			ls.filter = f.fn
		}
		steps = append(steps, ls)
		list = true
	}
	var walk func(c *evalCtx, e env, v any, i int, yield func(any))
	walk = func(c *evalCtx, e env, v any, i int, yield func(any)) {
		if c.steps++; c.steps > maxExprCost {
			return
		}
		if i == len(steps) {
			if v != nil {
				yield(v)
			}
			return
		}
		st := steps[i]
		if !st.items {
			m, _ := v.(map[string]any)
			if m == nil {
				return
			}
			walk(c, e, m[st.name], i+1, yield)
			return
		}
		items, _ := v.([]any)
		for _, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				continue
			}
			if st.filter != nil && !truthy(st.filter(c, append(e[:len(e):len(e)], m))) {
				continue
			}
			walk(c, append(e[:len(e):len(e)], m), m, i+1, yield)
		}
	}
	// start finds the container of the first name, innermost first.
	start := func(e env) (map[string]any, bool) {
		for i := len(e) - 1; i >= 0; i-- {
			if _, ok := e[i][first.Name]; ok {
				return e[i], true
			}
		}
		return nil, false
	}
	each := func(c *evalCtx, e env, yield func(any)) {
		if m, ok := start(e); ok {
			walk(c, e, m[first.Name], 1, yield)
		}
	}
	n := &cnode{typ: expr.Of(expr.Null), cost: 1}
	if list {
		n.each = each
		n.fn = func(c *evalCtx, e env) any {
			out := []any{}
			each(c, e, func(v any) { out = append(out, v) })
			return out
		}
		return n, nil
	}
	n.fn = func(c *evalCtx, e env) any {
		var out any
		each(c, e, func(v any) { out = v })
		return out
	}
	return n, nil
}
