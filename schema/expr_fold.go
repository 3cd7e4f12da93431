package schema

// How list functions read their list. A list path (count(ats.membri[capofila == true]),
// sum(budget.voci[].importo)) hands each element it reaches to a fold, without building the
// list. The fold is a value, not a closure, and every walk that feeds it is a direct call, so
// that one count over a list allocates nothing however often a per-item check asks for it.

type foldOp uint8

const (
	foldCount    foldOp = iota // count, len of a list
	foldSum                    // sum
	foldAny                    // any
	foldAll                    // all
	foldContains               // contains(list, want)
	foldDistinct               // distinct
	foldList                   // the list itself
	foldLast                   // the last element (in want): the value of a path without lists
)

// fold accumulates the elements of one list for one function call.
type fold struct {
	op   foldOp
	n    int
	sum  float64
	flag bool // any, all: the result; contains: found; distinct: a duplicate was met
	want any  // contains: the value looked for
	seen map[any]bool
	list []any
}

func (f *fold) add(v any) {
	switch f.op {
	case foldCount:
		f.n++
	case foldSum:
		if x, ok := toNum(v); ok {
			f.sum += x
		}
	case foldAny:
		f.flag = f.flag || truthy(v)
	case foldAll:
		f.flag = f.flag && truthy(v)
	case foldContains:
		f.flag = f.flag || equal(v, f.want)
	case foldDistinct:
		k := distinctKey(v)
		if k == nil || f.flag {
			return
		}
		if f.seen == nil {
			f.seen = map[any]bool{}
		}
		f.flag = f.seen[k]
		f.seen[k] = true
	case foldList:
		f.list = append(f.list, v)
	case foldLast:
		f.want = v
	}
}

// listArg is a function's list argument: a path of the call, a loose path, or any other
// list-valued expression.
type listArg struct {
	prog  *pathProg
	loose *loosePath
	fn    evalFn
}

func listArgOf(n *cnode) listArg { return listArg{prog: n.prog, loose: n.loose, fn: n.fn} }

// fold hands every element of the list, in order, to f; elements with no answer are skipped.
func (l *listArg) fold(c *evalCtx, e env, f *fold) {
	switch {
	case l.prog != nil:
		l.prog.fold(c, e, f)
	case l.loose != nil:
		l.loose.fold(c, e, f)
	default:
		for _, v := range asList(l.fn(c, e)) {
			if v != nil {
				f.add(v)
			}
		}
	}
}

// boxedCounts are the values of small counts as expressions see them (float64 in an any),
// made once: boxing a float64 allocates, and a count per item per check adds up.
var boxedCounts = func() (b [256]any) {
	for i := range b {
		b[i] = float64(i)
	}
	return b
}()

func boxCount(n int) any {
	if n >= 0 && n < len(boxedCounts) {
		return boxedCounts[n]
	}
	return float64(n)
}
