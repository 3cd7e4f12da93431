package expr

import (
	"fmt"
	"unicode/utf8"
)

// Pos is a byte offset in an expression's source, from 0.
type Pos int

// Column returns the 1-based column of p in src, counting characters (not bytes), and the
// 1-based line when the source spans several lines.
func (p Pos) Column(src string) (line, col int) {
	line, col = 1, 1
	for i, r := range src {
		if i >= int(p) {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
			continue
		}
		col++
	}
	return line, col
}

// Error is a problem in an expression at byte offset Pos, explained in Italian and English.
type Error struct {
	Pos Pos
	IT  string
	EN  string
}

func (e *Error) Error() string { return fmt.Sprintf("at %d: %s", e.Pos+1, e.EN) }

// Errorf returns an *Error at pos; it and en are formats taking the same args.
func Errorf(pos Pos, it, en string, args ...any) *Error {
	return &Error{Pos: pos, IT: fmt.Sprintf(it, args...), EN: fmt.Sprintf(en, args...)}
}

// quoteRune names the character starting at s[0] for a message.
func quoteRune(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	return fmt.Sprintf("%q", r)
}
