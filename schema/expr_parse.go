package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// The expression language of `when` conditions, cross-field checks and signer rules.
// It is deliberately tiny, so that call authors can read it and lint can check every path:
//
//	expr    = or
//	or      = and { "||" and }
//	and     = not { "&&" not }
//	not     = "!" not | cmp
//	cmp     = sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=") sum ]
//	sum     = product { ("+" | "-") product }
//	product = unary { ("*" | "/") unary }
//	unary   = "-" unary | primary
//	primary = number | string | "true" | "false" | "null" | "(" expr ")"
//	        | name "(" [ expr { "," expr } ] ")"          a function call
//	        | path
//	path    = name { "." name | "[]" | "[" expr "]" }      "[]" all items, "[expr]" a filter
//
// Strings use double or single quotes. Dates are "YYYY-MM-DD" strings and compare as such.
// Functions: count(list), sum(list), any(list), all(list), answered(x), contains(list, x), len(text).

// ExprError is a problem in an expression at byte Offset, explained in Italian and English.
type ExprError struct {
	Offset int
	Msg    Text
}

func (e *ExprError) Error() string { return fmt.Sprintf("at %d: %s", e.Offset+1, e.Msg.EN) }

func exprErr(off int, it, en string, args ...any) *ExprError {
	return &ExprError{off, Text{IT: fmt.Sprintf(it, args...), EN: fmt.Sprintf(en, args...)}}
}

type tokKind int

const (
	tEOF tokKind = iota
	tName
	tNum
	tStr
	tOp
)

type token struct {
	kind tokKind
	text string
	off  int
}

func lexExpr(src string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isNameStart(c):
			j := i + 1
			for j < len(src) && isNamePart(src[j]) {
				j++
			}
			toks = append(toks, token{tName, src[i:j], i})
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.' || src[j] == '_') {
				j++
			}
			toks = append(toks, token{tNum, src[i:j], i})
			i = j
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c {
				j++
			}
			if j >= len(src) {
				return nil, exprErr(i, "testo tra virgolette non chiuso", "string not closed")
			}
			toks = append(toks, token{tStr, src[i+1 : j], i})
			i = j + 1
		default:
			two := ""
			if i+1 < len(src) {
				two = src[i : i+2]
			}
			switch two {
			case "==", "!=", "<=", ">=", "&&", "||":
				toks = append(toks, token{tOp, two, i})
				i += 2
				continue
			}
			if strings.IndexByte("<>!+-*/()[].,", c) < 0 {
				if c == '=' {
					return nil, exprErr(i, "per confrontare usa ==", "use == to compare")
				}
				return nil, exprErr(i, "carattere inatteso %q", "unexpected character %q", c)
			}
			toks = append(toks, token{tOp, string(c), i})
			i++
		}
	}
	return append(toks, token{tEOF, "", len(src)}), nil
}

func isNameStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isNamePart(c byte) bool  { return isNameStart(c) || c >= '0' && c <= '9' }

// node kinds of the syntax tree
type astKind int

const (
	aLit astKind = iota
	aPath
	aCall
	aUnary
	aBinary
)

type ast struct {
	kind astKind
	off  int
	op   string // operator or function name
	lit  any    // literal value: nil, bool, float64, string
	args []*ast // operands or arguments
	segs []pathSeg
}

// pathSeg is one step of a path: a name, "[]" (every item) or "[filter]".
type pathSeg struct {
	name   string
	all    bool
	filter *ast
	off    int
}

type exprParser struct {
	toks  []token
	i     int
	depth int
}

func parseExpr(src string) (*ast, error) {
	toks, err := lexExpr(src)
	if err != nil {
		return nil, err
	}
	p := &exprParser{toks: toks}
	if p.peek().kind == tEOF {
		return nil, exprErr(0, "espressione vuota", "empty expression")
	}
	a, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, exprErr(t.off, "%q inatteso", "unexpected %q", t.text)
	}
	return a, nil
}

func (p *exprParser) peek() token { return p.toks[p.i] }
func (p *exprParser) next() token { t := p.toks[p.i]; p.i++; return t }
func (p *exprParser) isOp(ops ...string) bool {
	t := p.peek()
	if t.kind != tOp {
		return false
	}
	for _, o := range ops {
		if t.text == o {
			return true
		}
	}
	return false
}

func (p *exprParser) binary(sub func() (*ast, error), ops ...string) (*ast, error) {
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
		left = &ast{kind: aBinary, off: t.off, op: t.text, args: []*ast{left, right}}
	}
	return left, nil
}

func (p *exprParser) or() (*ast, error)  { return p.binary(p.and, "||") }
func (p *exprParser) and() (*ast, error) { return p.binary(p.not, "&&") }

func (p *exprParser) not() (*ast, error) {
	if p.isOp("!") {
		t := p.next()
		x, err := p.not()
		if err != nil {
			return nil, err
		}
		return &ast{kind: aUnary, off: t.off, op: "!", args: []*ast{x}}, nil
	}
	return p.cmp()
}

func (p *exprParser) cmp() (*ast, error) {
	left, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.isOp("==", "!=", "<", "<=", ">", ">=") {
		t := p.next()
		right, err := p.sum()
		if err != nil {
			return nil, err
		}
		if p.isOp("==", "!=", "<", "<=", ">", ">=") {
			return nil, exprErr(p.peek().off, "i confronti non si concatenano: usa &&", "comparisons cannot be chained: use &&")
		}
		return &ast{kind: aBinary, off: t.off, op: t.text, args: []*ast{left, right}}, nil
	}
	return left, nil
}

func (p *exprParser) sum() (*ast, error)     { return p.binary(p.product, "+", "-") }
func (p *exprParser) product() (*ast, error) { return p.binary(p.unary, "*", "/") }

func (p *exprParser) unary() (*ast, error) {
	if p.isOp("-") {
		t := p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &ast{kind: aUnary, off: t.off, op: "-", args: []*ast{x}}, nil
	}
	return p.primary()
}

const maxExprDepth = 50

func (p *exprParser) primary() (*ast, error) {
	p.depth++
	defer func() { p.depth-- }()
	t := p.next()
	if p.depth > maxExprDepth {
		return nil, exprErr(t.off, "espressione annidata troppo in profondità", "expression nested too deeply")
	}
	switch t.kind {
	case tNum:
		f, err := strconv.ParseFloat(strings.ReplaceAll(t.text, "_", ""), 64)
		if err != nil {
			return nil, exprErr(t.off, "numero non valido %q", "invalid number %q", t.text)
		}
		return &ast{kind: aLit, off: t.off, lit: f}, nil
	case tStr:
		return &ast{kind: aLit, off: t.off, lit: t.text}, nil
	case tName:
		switch t.text {
		case "true":
			return &ast{kind: aLit, off: t.off, lit: true}, nil
		case "false":
			return &ast{kind: aLit, off: t.off, lit: false}, nil
		case "null":
			return &ast{kind: aLit, off: t.off}, nil
		}
		if p.isOp("(") {
			return p.call(t)
		}
		return p.path(t)
	case tOp:
		if t.text == "(" {
			x, err := p.or()
			if err != nil {
				return nil, err
			}
			if !p.isOp(")") {
				return nil, exprErr(p.peek().off, "manca ')'", "')' expected")
			}
			p.next()
			return x, nil
		}
	case tEOF:
		return nil, exprErr(t.off, "l'espressione finisce troppo presto", "the expression ends too early")
	}
	return nil, exprErr(t.off, "%q inatteso", "unexpected %q", t.text)
}

func (p *exprParser) call(name token) (*ast, error) {
	p.next() // (
	a := &ast{kind: aCall, off: name.off, op: name.text}
	if p.isOp(")") {
		p.next()
		return a, nil
	}
	for {
		x, err := p.or()
		if err != nil {
			return nil, err
		}
		a.args = append(a.args, x)
		if p.isOp(",") {
			p.next()
			continue
		}
		if !p.isOp(")") {
			return nil, exprErr(p.peek().off, "serve ',' o ')'", "',' or ')' expected")
		}
		p.next()
		return a, nil
	}
}

func (p *exprParser) path(first token) (*ast, error) {
	a := &ast{kind: aPath, off: first.off, segs: []pathSeg{{name: first.text, off: first.off}}}
	for {
		switch {
		case p.isOp("."):
			p.next()
			t := p.next()
			if t.kind != tName {
				return nil, exprErr(t.off, "dopo '.' serve il nome di un campo", "a field name is expected after '.'")
			}
			a.segs = append(a.segs, pathSeg{name: t.text, off: t.off})
		case p.isOp("["):
			open := p.next()
			if p.isOp("]") {
				p.next()
				a.segs = append(a.segs, pathSeg{all: true, off: open.off})
				continue
			}
			f, err := p.or()
			if err != nil {
				return nil, err
			}
			if !p.isOp("]") {
				return nil, exprErr(p.peek().off, "manca ']'", "']' expected")
			}
			p.next()
			a.segs = append(a.segs, pathSeg{filter: f, off: open.off})
		default:
			return a, nil
		}
	}
}
