package expr

import (
	"fmt"
	"slices"
	"strings"
)

// The typing rules of the language, one function per kind of node. A compiler (see schema)
// calls them as it compiles each node, so that a type error is reported at its position with
// a suggestion, before any applicant sees the call. Check applies them to a whole tree.

// Fit returns the type operand n of type t takes where a want is expected: no answer (null)
// fits anything, a number written in the expression fits an amount (as cents), and a text
// literal fits a date when it is one ("2024-03-04"; an invalid date is an error here, at
// compile time). Otherwise t is returned unchanged; the caller decides whether it is wrong.
func Fit(n Node, t, want Type) (Type, error) {
	switch {
	case t.Kind == Null && want.Kind != Null:
		return want, nil
	case t.Const && want.Kind == Money:
		return Of(Money), nil
	case t.Kind == Text && want.Kind == Date:
		if s, ok := n.(*StringLit); ok {
			if _, ok := ParseDate(s.Value); !ok {
				return t, Errorf(s.At, "%q non è una data: scrivi AAAA-MM-GG, es. \"2024-03-04\"", "%q is not a date: write YYYY-MM-DD, e.g. \"2024-03-04\"", s.Value)
			}
			return Of(Date), nil
		}
	}
	return t, nil
}

// fit2 fits x and y to each other.
func fit2(xn, yn Node, x, y Type) (Type, Type, error) {
	x, err := Fit(xn, x, y)
	if err != nil {
		return x, y, err
	}
	y, err = Fit(yn, y, x)
	return x, y, err
}

// UnaryType is the type of u whose operand has type x.
func UnaryType(u *Unary, x Type) (Type, error) {
	if u.Op == "!" {
		if !x.Is(Bool) {
			return x, wrongType(u.X, x, "! vuole un valore vero/falso, es. !answered(x)", "! needs a true/false value, e.g. !answered(x)")
		}
		return Of(Bool), nil
	}
	if !x.Is(Number) && !x.Is(Money) {
		return x, wrongType(u.X, x, "il meno vuole un numero o un importo", "minus needs a number or an amount")
	}
	return x, nil
}

// BinaryType is the type of b whose operands have types x and y. It also returns the types
// the operands take in b (see Fit): a compiler converts a text literal compared with a date.
func BinaryType(b *Binary, x, y Type) (t, xt, yt Type, err error) {
	switch b.Op {
	case "&&", "||":
		if !x.Is(Bool) {
			return x, x, y, wrongType(b.X, x, b.Op+" unisce condizioni vere/false", b.Op+" joins true/false conditions")
		}
		if !y.Is(Bool) {
			return y, x, y, wrongType(b.Y, y, b.Op+" unisce condizioni vere/false", b.Op+" joins true/false conditions")
		}
		return Of(Bool), x, y, nil
	case "==", "!=":
		if x, y, err = fit2(b.X, b.Y, x, y); err != nil {
			return x, x, y, err
		}
		switch {
		case x.Kind == List || y.Kind == List || x.Kind == Item || y.Kind == Item:
			return x, x, y, Errorf(b.At, "%s confronta valori, non elenchi: usa contains(elenco, valore) o count(…)", "%s compares values, not lists: use contains(list, value) or count(…)", b.Op)
		case x.Kind != Null && y.Kind != Null && !x.same(y):
			hi, he := hint(x, y)
			return x, x, y, &Error{Pos: b.At,
				IT: fmt.Sprintf("confrontare un valore di tipo %s con uno di tipo %s dà sempre falso%s", x.IT(), y.IT(), hi),
				EN: fmt.Sprintf("comparing a %s with a %s is always false%s", x.EN(), y.EN(), he)}
		}
		return Of(Bool), x, y, nil
	case "<", "<=", ">", ">=":
		if x, y, err = fit2(b.X, b.Y, x, y); err != nil {
			return x, x, y, err
		}
		for _, k := range []TypeKind{Number, Money, Date} {
			if x.Is(k) && y.Is(k) {
				return Of(Bool), x, y, nil
			}
		}
		if x.Kind == Text || y.Kind == Text {
			return x, x, y, Errorf(b.At, "%s non ordina testi: per le date usa un campo data o date(\"AAAA-MM-GG\")", "%s does not order texts: for dates use a date field or date(\"YYYY-MM-DD\")", b.Op)
		}
		hi, he := hint(x, y)
		return x, x, y, &Error{Pos: b.At,
			IT: fmt.Sprintf("%s vuole due numeri, due importi o due date; qui ha %s e %s%s", b.Op, x.IT(), y.IT(), hi),
			EN: fmt.Sprintf("%s needs two numbers, two amounts or two dates; here it has %s and %s%s", b.Op, x.EN(), y.EN(), he)}
	}
	// arithmetic
	if b.Op == "+" || b.Op == "-" {
		if x, y, err = fit2(b.X, b.Y, x, y); err != nil {
			return x, x, y, err
		}
	}
	for _, side := range []struct {
		n Node
		t Type
	}{{b.X, x}, {b.Y, y}} {
		if !side.t.Is(Number) && !side.t.Is(Money) {
			return side.t, x, y, wrongType(side.n, side.t, b.Op+" vuole numeri o importi", b.Op+" needs numbers or amounts")
		}
	}
	if x.Kind == Null || y.Kind == Null {
		return Type{Kind: max(x.Kind, y.Kind)}, x, y, nil
	}
	m := x.Kind == Money
	n := y.Kind == Money
	switch {
	case b.Op == "+" || b.Op == "-":
		if m != n {
			return x, x, y, Errorf(b.At, "%s tra un importo e un numero: scrivi euro(n) per n euro", "%s between an amount and a number: write euro(n) for n euros", b.Op)
		}
	case b.Op == "*" && m && n:
		return x, x, y, Errorf(b.At, "moltiplicare due importi non dà un importo: moltiplica un importo per un numero", "multiplying two amounts gives no amount: multiply an amount by a number")
	case b.Op == "/" && !m && n:
		return x, x, y, Errorf(b.At, "dividere un numero per un importo non ha senso: dividi un importo per un numero, o due importi tra loro", "dividing a number by an amount makes no sense: divide an amount by a number, or two amounts")
	case b.Op == "/" && m && n:
		return Of(Number), x, y, nil // a ratio
	}
	if m || n {
		return Of(Money), x, y, nil
	}
	return Type{Kind: Number, Const: x.Const && y.Const}, x, y, nil
}

// hint suggests the usual fix for two types that do not meet.
func hint(x, y Type) (string, string) {
	switch {
	case x.Kind == Date && y.Kind == Text || x.Kind == Text && y.Kind == Date:
		return " (per leggere un testo come data: date(testo))", " (to read a text as a date: date(text))"
	case x.Kind == Money && y.Kind == Number || x.Kind == Number && y.Kind == Money:
		return " (un importo è in centesimi; per n euro scrivi euro(n))", " (an amount is in cents; for n euros write euro(n))"
	}
	return "", ""
}

// wrongType reports operand n of type t where another was needed (it, en say which).
func wrongType(n Node, t Type, it, en string) error {
	return &Error{Pos: Start(n), IT: it + "; questo è di tipo " + t.IT(), EN: en + "; this is a " + t.EN()}
}

// CallType is the type of call c whose arguments have types args; it also returns the types
// the arguments take (see Fit). Unknown functions are an error suggesting the nearest name.
func CallType(c *Call, args []Type) (Type, []Type, error) {
	f, ok := funcs[c.Func]
	if !ok {
		return Type{}, args, unknownFunc(c)
	}
	if len(args) != len(f.params) {
		return Type{}, args, Errorf(c.At, "%[1]s vuole %[2]d argomenti, non %[4]d: %[3]s", "%[1]s takes %[2]d argument(s), not %[4]d: %[3]s", c.Func, len(f.params), f.sig(), len(args))
	}
	fitted := slices.Clone(args)
	t, err := f.check(c, fitted)
	return t, fitted, err
}

func unknownFunc(c *Call) error {
	best, bestD := "", 3
	names := FuncNames()
	for _, n := range names {
		if d := EditDistance(strings.ToLower(c.Func), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" {
		return Errorf(c.At, "funzione %q sconosciuta: forse %s?", "unknown function %q: did you mean %s?", c.Func, best)
	}
	return Errorf(c.At, "funzione %q sconosciuta (disponibili: %s)", "unknown function %q (known: %s)", c.Func, strings.Join(names, ", "))
}

// EditDistance is the Levenshtein distance between a and b, for "did you mean" suggestions.
func EditDistance(a, b string) int {
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

// Check type-checks the tree n, asking paths' types of resolve (which checks a filter's
// condition itself, in the item's names); it returns the type of n. It is what a compiler
// does while compiling, without compiling: for tools and tests.
func Check(n Node, resolve func(*Path) (Type, error)) (Type, error) {
	switch x := n.(type) {
	case *BoolLit:
		return Of(Bool), nil
	case *NumberLit:
		return Type{Kind: Number, Const: true}, nil
	case *StringLit:
		return Of(Text), nil
	case *NullLit:
		return Of(Null), nil
	case *Path:
		return resolve(x)
	case *Unary:
		t, err := Check(x.X, resolve)
		if err != nil {
			return t, err
		}
		return UnaryType(x, t)
	case *Binary:
		l, err := Check(x.X, resolve)
		if err != nil {
			return l, err
		}
		r, err := Check(x.Y, resolve)
		if err != nil {
			return r, err
		}
		t, _, _, err := BinaryType(x, l, r)
		return t, err
	case *Call:
		args := make([]Type, len(x.Args))
		for i, a := range x.Args {
			t, err := Check(a, resolve)
			if err != nil {
				return t, err
			}
			args[i] = t
		}
		t, _, err := CallType(x, args)
		return t, err
	}
	panic("expr: unknown node")
}
