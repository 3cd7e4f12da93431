package expr

import (
	"fmt"
	"strings"
	"testing"
)

// toks renders tokens as "Kind:text@pos" for compact table tests.
func toks(ts []Token) string {
	var b []string
	for _, t := range ts {
		b = append(b, fmt.Sprintf("%s:%s@%d", t.Kind, t.Text, t.Pos))
	}
	return strings.Join(b, " ")
}

func TestLex(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"empty", ``, `EOF:@0`},
		{"spaces only", " \t\n\r", `EOF:@4`},
		{"name", `ats`, `Name:ats@0 EOF:@3`},
		{"name with digits and underscore", `_rl_cf2`, `Name:_rl_cf2@0 EOF:@7`},
		{"path", `ats.membri[].cf`, `Name:ats@0 Op:.@3 Name:membri@4 Op:[@10 Op:]@11 Op:.@12 Name:cf@13 EOF:@15`},
		{"integer", `246400000`, `Number:246400000@0 EOF:@9`},
		{"decimal and underscores", `1_000.5`, `Number:1_000.5@0 EOF:@7`},
		{"double-quoted text", `"a b"`, `Text:a b@0 EOF:@5`},
		{"single-quoted text", `'it''s'`, `Text:it@0 Text:s@4 EOF:@7`},
		{"quote inside other quotes", `"l'ente"`, `Text:l'ente@0 EOF:@8`},
		{"accented text keeps bytes", `"perché" == x`, `Text:perché@0 Op:==@10 Name:x@13 EOF:@14`},
		{"two-char operators", `a<=b>=c==d!=e&&f||g`, `Name:a@0 Op:<=@1 Name:b@3 Op:>=@4 Name:c@6 Op:==@7 Name:d@9 Op:!=@10 Name:e@12 Op:&&@13 Name:f@15 Op:||@16 Name:g@18 EOF:@19`},
		{"one-char operators", `!-*/+<>(),`, `Op:!@0 Op:-@1 Op:*@2 Op:/@3 Op:+@4 Op:<@5 Op:>@6 Op:(@7 Op:)@8 Op:,@9 EOF:@10`},
		{"call", `count(x)`, `Name:count@0 Op:(@5 Name:x@6 Op:)@7 EOF:@8`},
		{"newline inside", "a\n&& b", `Name:a@0 Op:&&@2 Name:b@5 EOF:@6`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts, err := Lex(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := toks(ts); got != tc.want {
				t.Fatalf("Lex(%q)\n got %s\nwant %s", tc.src, got, tc.want)
			}
		})
	}
}

func TestLexErrors(t *testing.T) {
	cases := []struct {
		name, src string
		pos       Pos
		en        string
	}{
		{"single equals", `a = 1`, 2, "use == to compare"},
		{"single ampersand", `a & b`, 2, "write &&"},
		{"single bar", `a | b`, 2, "write ||"},
		{"unclosed double quote", `a == "x`, 5, "string not closed"},
		{"unclosed single quote", `'x`, 0, "string not closed"},
		{"unexpected character", `a # b`, 2, "unexpected character '#'"},
		{"unexpected non-ASCII character", `a ≥ b`, 2, "unexpected character '≥'"},
		{"too long", strings.Repeat("a", MaxSource+1), MaxSource, "expression too long (4097 bytes, at most 4096)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Lex(tc.src)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.Pos != tc.pos || e.EN != tc.en || e.IT == "" {
				t.Fatalf("got %d %q (it %q), want %d %q", e.Pos, e.EN, e.IT, tc.pos, tc.en)
			}
		})
	}
}

func TestLexLongestAccepted(t *testing.T) {
	src := strings.Repeat("a", MaxSource)
	if _, err := Lex(src); err != nil {
		t.Fatalf("a source of exactly MaxSource bytes: %v", err)
	}
}

func TestPosColumn(t *testing.T) {
	cases := []struct {
		name      string
		src       string
		pos       Pos
		line, col int
	}{
		{"start", `abc`, 0, 1, 1},
		{"ascii", `abc == 1`, 4, 1, 5},
		{"after accented letters counts characters", `"città" == x`, 12, 1, 12},
		{"second line", "a &&\n  b", 7, 2, 3},
		{"end", `ab`, 2, 1, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, c := tc.pos.Column(tc.src)
			if l != tc.line || c != tc.col {
				t.Fatalf("got %d:%d, want %d:%d", l, c, tc.line, tc.col)
			}
		})
	}
}
