package expr

import "strings"

// TokenKind is the kind of a Token.
type TokenKind int

const (
	TokenEOF    TokenKind = iota
	TokenName             // ats, membri, count, true
	TokenNumber           // 12, 2.5, 1_000 (as written; the parser converts)
	TokenText             // "text" or 'text': Token.Text is what is between the quotes
	TokenOp               // an operator or punctuation: ! - * / + < <= > >= == != && || ( ) [ ] . ,
)

func (k TokenKind) String() string {
	return [...]string{"EOF", "Name", "Number", "Text", "Op"}[k]
}

// Token is one lexical element of an expression.
type Token struct {
	Kind TokenKind
	Pos  Pos
	Text string
}

// MaxSource is the longest expression accepted, in bytes: a condition longer than this is
// unreadable, and the bound keeps every later pass (parse, compile, evaluation) small.
const MaxSource = 4096

// Lex splits src into tokens, ending with an EOF token at len(src).
func Lex(src string) ([]Token, error) {
	if len(src) > MaxSource {
		return nil, Errorf(MaxSource, "espressione troppo lunga (%d byte, al massimo %d)", "expression too long (%d bytes, at most %d)", len(src), MaxSource)
	}
	var toks []Token
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
			toks = append(toks, Token{TokenName, Pos(i), src[i:j]})
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] == '.' || src[j] == '_') {
				j++
			}
			toks = append(toks, Token{TokenNumber, Pos(i), src[i:j]})
			i = j
		case c == '"' || c == '\'':
			j := strings.IndexByte(src[i+1:], c)
			if j < 0 {
				return nil, Errorf(Pos(i), "testo tra virgolette non chiuso", "string not closed")
			}
			toks = append(toks, Token{TokenText, Pos(i), src[i+1 : i+1+j]})
			i += j + 2
		default:
			if i+1 < len(src) {
				switch two := src[i : i+2]; two {
				case "==", "!=", "<=", ">=", "&&", "||":
					toks = append(toks, Token{TokenOp, Pos(i), two})
					i += 2
					continue
				}
			}
			if strings.IndexByte("<>!+-*/()[].,", c) < 0 {
				switch c {
				case '=':
					return nil, Errorf(Pos(i), "per confrontare usa ==", "use == to compare")
				case '&', '|':
					return nil, Errorf(Pos(i), "scrivi %c%c", "write %c%c", c, c)
				}
				q := quoteRune(src[i:])
				return nil, Errorf(Pos(i), "carattere inatteso %s", "unexpected character %s", q)
			}
			toks = append(toks, Token{TokenOp, Pos(i), src[i : i+1]})
			i++
		}
	}
	return append(toks, Token{TokenEOF, Pos(len(src)), ""}), nil
}

func isNameStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isNamePart(c byte) bool  { return isNameStart(c) || c >= '0' && c <= '9' }
