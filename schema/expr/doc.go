// Package expr is the expression language of a call: the `when` conditions that show or hide
// fields, the cross-field `checks`, and the signers' rules. It parses source text into a tree of
// Nodes that carry their byte offsets, so that every problem can be reported at the column
// where it is.
//
// The language is deliberately small, so that call authors can read it and lint can check
// every path before an applicant sees the form:
//
//	expr    = or
//	or      = and { "||" and }
//	and     = not { "&&" not }
//	not     = "!" not | cmp
//	cmp     = sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=") sum ]
//	sum     = product { ("+" | "-") product }
//	product = unary { ("*" | "/") unary }
//	unary   = "-" unary | primary
//	primary = number | text | "true" | "false" | "null" | "(" expr ")"
//	        | name "(" [ expr { "," expr } ] ")"          a function call
//	        | path
//	path    = name { "." name | "[]" | "[" expr "]" }      "[]" every item, "[expr]" a filter
//	number  = digit { digit | "_" | "." }                  1_000, 2.5
//	text    = `"` { any but `"` } `"` | "'" { any but "'" } "'"
//
// Comparisons do not chain (write a < b && b < c). Names are resolved by the caller: this
// package knows the syntax, not the call (see schema, which compiles the tree).
//
// Parsing is bounded: a source longer than MaxSource bytes, or nested deeper than MaxDepth
// (parentheses, function arguments, filters and unary operators each count one level), is an
// *Error, never a stack overflow.
package expr
