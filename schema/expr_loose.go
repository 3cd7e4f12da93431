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
	lp := &loosePath{first: first.Name, steps: make([]lstep, 0, len(p.Steps))}
	list := false
	for _, st := range p.Steps {
		if st.Name != "" {
			lp.steps = append(lp.steps, lstep{name: st.Name})
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
		lp.steps = append(lp.steps, ls)
		list = true
	}
	n := &cnode{typ: expr.Of(expr.Null), cost: 1}
	if list {
		n.loose = lp
		n.fn = func(c *evalCtx, e env) any {
			f := fold{op: foldList, list: []any{}}
			lp.fold(c, e, &f)
			return f.list
		}
		return n, nil
	}
	n.fn = func(c *evalCtx, e env) any {
		f := fold{op: foldLast}
		lp.fold(c, e, &f)
		return f.want
	}
	return n, nil
}

// loosePath is a compiled loose path: names looked up in the answers as it runs.
type loosePath struct {
	first string // the first name, looked up from the innermost container outwards
	steps []lstep
}

type lstep struct {
	name   string
	items  bool   // [] or [filter]: the items of the list reached so far
	filter evalFn // evaluated with the item appended to the env
}

// fold hands every answer the path reaches to f, in order.
func (lp *loosePath) fold(c *evalCtx, e env, f *fold) {
	for i := len(e) - 1; i >= 0; i-- {
		if v, ok := e[i][lp.first]; ok {
			lp.walk(c, e, v, 1, f)
			return
		}
	}
}

func (lp *loosePath) walk(c *evalCtx, e env, v any, i int, f *fold) {
	if c.steps++; c.steps > maxExprCost {
		return
	}
	if i == len(lp.steps) {
		if v != nil {
			f.add(v)
		}
		return
	}
	st := &lp.steps[i]
	if !st.items {
		m, _ := v.(map[string]any)
		if m == nil {
			return
		}
		lp.walk(c, e, m[st.name], i+1, f)
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
		lp.walk(c, append(e[:len(e):len(e)], m), m, i+1, f)
	}
}
