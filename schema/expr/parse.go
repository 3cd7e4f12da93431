package expr

import (
	"strconv"
	"strings"
)

// MaxDepth is the deepest nesting Parse accepts: parentheses, function arguments, filters and
// unary operators each open one level. Deeper expressions are not written by people; refusing
// them keeps every recursive pass over the tree small.
const MaxDepth = 64

// Parse parses one expression. Errors are *Error with the offset of the problem.
func Parse(src string) (Node, error) {
	toks, err := Lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if p.peek().Kind == TokenEOF {
		return nil, Errorf(0, "espressione vuota", "empty expression")
	}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.Kind != TokenEOF {
		return nil, Errorf(t.Pos, "%q inatteso", "unexpected %q", t.Text)
	}
	return n, nil
}

type parser struct {
	toks  []Token
	i     int
	depth int
}

func (p *parser) peek() Token { return p.toks[p.i] }

func (p *parser) next() Token {
	t := p.toks[p.i]
	if t.Kind != TokenEOF {
		p.i++
	}
	return t
}

func (p *parser) isOp(ops ...string) bool {
	t := p.peek()
	if t.Kind != TokenOp {
		return false
	}
	for _, o := range ops {
		if t.Text == o {
			return true
		}
	}
	return false
}

// enter opens a nesting level at t; the caller calls p.depth-- when the level closes.
func (p *parser) enter(t Token) error {
	p.depth++
	if p.depth > MaxDepth {
		return Errorf(t.Pos, "espressione annidata troppo in profondità (al massimo %d livelli)", "expression nested too deeply (at most %d levels)", MaxDepth)
	}
	return nil
}

// binary parses a left-associative chain sub { op sub } iteratively.
func (p *parser) binary(sub func() (Node, error), ops ...string) (Node, error) {
	left, err := sub()
	if err != nil {
		return nil, err
	}
	for p.isOp(ops...) {
		t := p.next()
		right, err := sub()
		if err != nil {
			return nil, err
		}
		left = &Binary{At: t.Pos, Op: t.Text, X: left, Y: right}
	}
	return left, nil
}

func (p *parser) or() (Node, error)      { return p.binary(p.and, "||") }
func (p *parser) and() (Node, error)     { return p.binary(p.not, "&&") }
func (p *parser) sum() (Node, error)     { return p.binary(p.product, "+", "-") }
func (p *parser) product() (Node, error) { return p.binary(p.unary, "*", "/") }

func (p *parser) not() (Node, error) { return p.prefix("!", p.cmp) }
func (p *parser) unary() (Node, error) {
	return p.prefix("-", p.primary)
}

// prefix parses { op } sub without recursing once per operator, so that a chain of ten
// thousand "!" is a depth error, not a stack overflow.
func (p *parser) prefix(op string, sub func() (Node, error)) (Node, error) {
	var ops []Token
	for p.isOp(op) {
		t := p.next()
		if err := p.enter(t); err != nil {
			return nil, err
		}
		ops = append(ops, t)
	}
	x, err := sub()
	if err != nil {
		return nil, err
	}
	for i := len(ops) - 1; i >= 0; i-- {
		x = &Unary{At: ops[i].Pos, Op: op, X: x}
		p.depth--
	}
	return x, nil
}

var comparisons = []string{"==", "!=", "<", "<=", ">", ">="}

func (p *parser) cmp() (Node, error) {
	left, err := p.sum()
	if err != nil {
		return nil, err
	}
	if !p.isOp(comparisons...) {
		return left, nil
	}
	t := p.next()
	right, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.isOp(comparisons...) {
		return nil, Errorf(p.peek().Pos, "i confronti non si concatenano: usa &&", "comparisons cannot be chained: use &&")
	}
	return &Binary{At: t.Pos, Op: t.Text, X: left, Y: right}, nil
}

func (p *parser) primary() (Node, error) {
	t := p.next()
	switch t.Kind {
	case TokenNumber:
		f, err := strconv.ParseFloat(strings.ReplaceAll(t.Text, "_", ""), 64)
		if err != nil {
			return nil, Errorf(t.Pos, "numero non valido %q", "invalid number %q", t.Text)
		}
		return &NumberLit{At: t.Pos, Value: f, Raw: t.Text}, nil
	case TokenText:
		return &StringLit{At: t.Pos, Value: t.Text}, nil
	case TokenName:
		switch t.Text {
		case "true", "false":
			return &BoolLit{At: t.Pos, Value: t.Text == "true"}, nil
		case "null":
			return &NullLit{At: t.Pos}, nil
		}
		if p.isOp("(") {
			return p.call(t)
		}
		return p.path(t)
	case TokenOp:
		if t.Text == "(" {
			if err := p.enter(t); err != nil {
				return nil, err
			}
			x, err := p.or()
			if err != nil {
				return nil, err
			}
			if !p.isOp(")") {
				return nil, Errorf(p.peek().Pos, "manca ')'", "')' expected")
			}
			p.next()
			p.depth--
			return x, nil
		}
	case TokenEOF:
		return nil, Errorf(t.Pos, "l'espressione finisce troppo presto", "the expression ends too early")
	}
	return nil, Errorf(t.Pos, "%q inatteso", "unexpected %q", t.Text)
}

func (p *parser) call(name Token) (Node, error) {
	open := p.next() // (
	if err := p.enter(open); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	c := &Call{At: name.Pos, Func: name.Text}
	if p.isOp(")") {
		p.next()
		return c, nil
	}
	for {
		x, err := p.or()
		if err != nil {
			return nil, err
		}
		c.Args = append(c.Args, x)
		if p.isOp(",") {
			p.next()
			continue
		}
		if !p.isOp(")") {
			return nil, Errorf(p.peek().Pos, "serve ',' o ')'", "',' or ')' expected")
		}
		p.next()
		return c, nil
	}
}

func (p *parser) path(first Token) (Node, error) {
	n := &Path{Steps: []Step{{At: first.Pos, Name: first.Text}}}
	for {
		switch {
		case p.isOp("."):
			p.next()
			t := p.next()
			if t.Kind != TokenName {
				return nil, Errorf(t.Pos, "dopo '.' serve il nome di un campo", "a field name is expected after '.'")
			}
			n.Steps = append(n.Steps, Step{At: t.Pos, Name: t.Text})
		case p.isOp("["):
			open := p.next()
			if p.isOp("]") {
				p.next()
				n.Steps = append(n.Steps, Step{At: open.Pos, All: true})
				continue
			}
			if err := p.enter(open); err != nil {
				return nil, err
			}
			f, err := p.or()
			if err != nil {
				return nil, err
			}
			if !p.isOp("]") {
				return nil, Errorf(p.peek().Pos, "manca ']'", "']' expected")
			}
			p.next()
			p.depth--
			n.Steps = append(n.Steps, Step{At: open.Pos, Filter: f})
		default:
			return n, nil
		}
	}
}
