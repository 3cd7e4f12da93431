package expr

// Node is an element of the syntax tree. The set of nodes is closed (the marker method is
// unexported): a switch over the types below is exhaustive, which the compiler in schema and
// the checks in this package rely on.
type Node interface {
	// Pos is the byte offset where the node starts; for a binary operation, the operator.
	Pos() Pos
	node()
}

// BoolLit is true or false.
type BoolLit struct {
	At    Pos
	Value bool
}

// NumberLit is a numeric literal; Raw is as written (1_000).
type NumberLit struct {
	At    Pos
	Value float64
	Raw   string
}

// StringLit is a quoted text literal; Value is what is between the quotes.
type StringLit struct {
	At    Pos
	Value string
}

// NullLit is the literal null: no answer.
type NullLit struct {
	At Pos
}

// Path names an answer: ats.stato, ats.membri[].cf, ats.membri[capofila == true].
type Path struct {
	Steps []Step // at least one; Steps[0] is a name
}

// Step is one step of a path: a Name, "[]" (All: every item of a group) or "[Filter]" (the
// items for which Filter holds, evaluated in the item).
type Step struct {
	At     Pos // the name, or the '['
	Name   string
	All    bool
	Filter Node
}

// Call is a function call: count(ats.membri).
type Call struct {
	At   Pos // the function's name
	Func string
	Args []Node
}

// Unary is "!" X or "-" X.
type Unary struct {
	At Pos
	Op string
	X  Node
}

// Binary is X Op Y, with Op one of || && == != < <= > >= + - * /.
type Binary struct {
	At   Pos // the operator: where a type error between the operands is reported
	Op   string
	X, Y Node
}

func (n *BoolLit) Pos() Pos   { return n.At }
func (n *NumberLit) Pos() Pos { return n.At }
func (n *StringLit) Pos() Pos { return n.At }
func (n *NullLit) Pos() Pos   { return n.At }
func (n *Path) Pos() Pos      { return n.Steps[0].At }
func (n *Call) Pos() Pos      { return n.At }
func (n *Unary) Pos() Pos     { return n.At }
func (n *Binary) Pos() Pos    { return n.At }

func (*BoolLit) node()   {}
func (*NumberLit) node() {}
func (*StringLit) node() {}
func (*NullLit) node()   {}
func (*Path) node()      {}
func (*Call) node()      {}
func (*Unary) node()     {}
func (*Binary) node()    {}

// Start is where the source text of n begins: for a binary operation, its left operand.
func Start(n Node) Pos {
	for {
		b, ok := n.(*Binary)
		if !ok {
			return n.Pos()
		}
		n = b.X
	}
}

// Inspect calls f for n and, while f returns true, for every node under it, depth first in
// source order. Trees are at most as deep as the source is long (MaxSource), so the recursion
// is bounded.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch x := n.(type) {
	case *Path:
		for _, s := range x.Steps {
			if s.Filter != nil {
				Inspect(s.Filter, f)
			}
		}
	case *Call:
		for _, a := range x.Args {
			Inspect(a, f)
		}
	case *Unary:
		Inspect(x.X, f)
	case *Binary:
		Inspect(x.X, f)
		Inspect(x.Y, f)
	}
}
