package expr

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// dump renders a tree as an S-expression with each node's position after '@', so that one
// string states both the shape and every offset.
func dump(n Node) string {
	switch x := n.(type) {
	case *BoolLit:
		return fmt.Sprintf("%t@%d", x.Value, x.At)
	case *NumberLit:
		return fmt.Sprintf("%s@%d", strconv.FormatFloat(x.Value, 'f', -1, 64), x.At)
	case *StringLit:
		return fmt.Sprintf("%q@%d", x.Value, x.At)
	case *NullLit:
		return fmt.Sprintf("null@%d", x.At)
	case *Path:
		var b strings.Builder
		for i, s := range x.Steps {
			switch {
			case s.All:
				fmt.Fprintf(&b, "[]@%d", s.At)
			case s.Filter != nil:
				fmt.Fprintf(&b, "[%s]@%d", dump(s.Filter), s.At)
			default:
				if i > 0 {
					b.WriteByte('.')
				}
				fmt.Fprintf(&b, "%s@%d", s.Name, s.At)
			}
		}
		return b.String()
	case *Call:
		args := make([]string, len(x.Args))
		for i, a := range x.Args {
			args[i] = dump(a)
		}
		return fmt.Sprintf("%s@%d(%s)", x.Func, x.At, strings.Join(args, ", "))
	case *Unary:
		return fmt.Sprintf("(%s@%d %s)", x.Op, x.At, dump(x.X))
	case *Binary:
		return fmt.Sprintf("(%s@%d %s %s)", x.Op, x.At, dump(x.X), dump(x.Y))
	}
	panic(fmt.Sprintf("unknown node %T", n))
}

func TestParse(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"name", `x`, `x@0`},
		{"path", `ats.stato`, `ats@0.stato@4`},
		{"every item", `ats.membri[].cf`, `ats@0.membri@4[]@10.cf@13`},
		{"filter", `ats.membri[capofila == true]`, `ats@0.membri@4[(==@20 capofila@11 true@23)]@10`},
		{"filter then field", `a.g[x].y`, `a@0.g@2[x@4]@3.y@7`},
		{"true false null", `true || false || null`, `(||@14 (||@5 true@0 false@8) null@17)`},
		{"number", `246_400_000`, `246400000@0`},
		{"decimal", `2.5`, `2.5@0`},
		{"text", `"costituenda"`, `"costituenda"@0`},
		{"single-quoted text", `'x'`, `"x"@0`},
		{"comparison", `ats.stato == "costituenda"`, `(==@10 ats@0.stato@4 "costituenda"@13)`},
		{"and binds tighter than or", `a || b && c`, `(||@2 a@0 (&&@7 b@5 c@10))`},
		{"not binds tighter than and", `!a && b`, `(&&@3 (!@0 a@1) b@6)`},
		{"not applies to a comparison", `!a == b`, `(!@0 (==@3 a@1 b@6))`},
		{"double not", `!!a`, `(!@0 (!@1 a@2))`},
		{"product binds tighter than sum", `1 + 2 * 3`, `(+@2 1@0 (*@6 2@4 3@8))`},
		{"left associative minus", `a - b - c`, `(-@6 (-@2 a@0 b@4) c@8)`},
		{"left associative division", `a / b / c`, `(/@6 (/@2 a@0 b@4) c@8)`},
		{"unary minus", `-a * b`, `(*@3 (-@0 a@1) b@5)`},
		{"double unary minus", `--1`, `(-@0 (-@1 1@2))`},
		{"parentheses", `(a || b) && c`, `(&&@9 (||@3 a@1 b@6) c@12)`},
		{"comparison of sums", `a + 1 <= b * 2`, `(<=@6 (+@2 a@0 1@4) (*@11 b@9 2@13))`},
		{"call without arguments", `f()`, `f@0()`},
		{"call", `count(ats.membri)`, `count@0(ats@6.membri@10)`},
		{"call with two arguments", `contains(a[].b, "x")`, `contains@0(a@9[]@10.b@13, "x"@16)`},
		{"nested calls", `sum(a[x > count(b)].c)`, `sum@0(a@4[(>@8 x@6 count@10(b@16))]@5.c@20)`},
		{"this", `count(m[cf == this.cf]) == 1`, `(==@24 count@0(m@6[(==@11 cf@8 this@14.cf@19)]@7) 1@27)`},
		{"spaces and newlines", " a\n &&\tb ", `(&&@4 a@1 b@7)`},
		{"deepest parentheses accepted", strings.Repeat("(", MaxDepth) + "1" + strings.Repeat(")", MaxDepth), `1@64`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := Parse(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := dump(n); got != tc.want {
				t.Fatalf("Parse(%q)\n got %s\nwant %s", tc.src, got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	cases := []struct {
		name, src string
		pos       Pos
		en        string
	}{
		{"empty", ``, 0, "empty expression"},
		{"blank", `   `, 0, "empty expression"},
		{"ends too early", `a ==`, 4, "the expression ends too early"},
		{"dangling operator", `a &&`, 4, "the expression ends too early"},
		{"chained comparison", `1 < 2 < 3`, 6, "comparisons cannot be chained: use &&"},
		{"unclosed parenthesis", `(a || b`, 7, "')' expected"},
		{"extra closing parenthesis", `a)`, 1, `unexpected ")"`},
		{"two operands", `a b`, 2, `unexpected "b"`},
		{"missing comma", `f(a b)`, 4, "',' or ')' expected"},
		{"trailing comma", `f(a,)`, 4, `unexpected ")"`},
		{"unclosed filter", `a.b[x`, 5, "']' expected"},
		{"dot without name", `a.`, 2, "a field name is expected after '.'"},
		{"dot then number", `a.1`, 2, "a field name is expected after '.'"},
		{"invalid number", `1.2.3`, 0, `invalid number "1.2.3"`},
		{"lexical error comes through", `a = 1`, 2, "use == to compare"},
		{"operator as operand", `* 2`, 0, `unexpected "*"`},
		{"too deep parentheses", deep("(", ")", MaxDepth+1), MaxDepth, "expression nested too deeply (at most 64 levels)"},
		{"too deep calls", deep("f(", ")", MaxDepth+1), 2*MaxDepth + 1, "expression nested too deeply (at most 64 levels)"},
		{"too deep filters", "a" + deep("[a", "]", MaxDepth+1), 2*MaxDepth + 1, "expression nested too deeply (at most 64 levels)"},
		{"four thousand not", strings.Repeat("!", 4000) + "a", MaxDepth, "expression nested too deeply (at most 64 levels)"},
		{"four thousand minus", strings.Repeat("-", 4000) + "1", MaxDepth, "expression nested too deeply (at most 64 levels)"},
		{"ten thousand not", strings.Repeat("!", 10000) + "a", MaxSource, "expression too long (10001 bytes, at most 4096)"},
		{"levels add up across kinds", strings.Repeat("!(", 33) + "a" + strings.Repeat(")", 33), 64, "expression nested too deeply (at most 64 levels)"},
		{"too long", strings.Repeat("a+", MaxSource), MaxSource, "expression too long (8192 bytes, at most 4096)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := Parse(tc.src)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("want *Error, got %v (tree %v)", err, n)
			}
			if e.Pos != tc.pos || e.EN != tc.en || e.IT == "" {
				t.Fatalf("got %d %q (it %q), want %d %q", e.Pos, e.EN, e.IT, tc.pos, tc.en)
			}
		})
	}
}

// TestParseLongChains: chains of binary operators are parsed by loops, so the longest source
// gives a tree, not a stack overflow, and Inspect walks it.
func TestParseLongChains(t *testing.T) {
	src := "1" + strings.Repeat("+1", (MaxSource-1)/2)
	n, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	Inspect(n, func(Node) bool { count++; return true })
	if want := len(src); count != want {
		t.Fatalf("Inspect visited %d nodes, want %d", count, want)
	}
}

func TestStart(t *testing.T) {
	n, err := Parse(`  a.b + 1 == 2`)
	if err != nil {
		t.Fatal(err)
	}
	if n.Pos() != 10 || Start(n) != 2 {
		t.Fatalf("Pos %d Start %d, want 10 and 2", n.Pos(), Start(n))
	}
}
