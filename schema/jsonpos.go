package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonNode is a JSON value with the byte offset where it starts. encoding/json reports
// neither paths nor positions for most problems, and a call author needs both to fix a schema,
// so Load first parses into this tree, checks shapes and keys against the Go types with
// positions, and only then decodes.
type jsonNode struct {
	kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	off   int
	keys  []string
	koffs []int // offset of each key
	vals  []*jsonNode
	str   string
}

// get returns the value of key in object n, or nil. Not inlined: lint calls it in over a
// hundred places, and each inlined copy of the loop costs app.wasm more than the call.
//
//go:noinline
func (n *jsonNode) get(key string) *jsonNode {
	if n == nil || n.kind != 'o' {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

func (n *jsonNode) kindName() string {
	switch n.kind {
	case 'o':
		return "object"
	case 'a':
		return "array"
	case 's':
		return "string"
	case 'n':
		return "number"
	case 'b':
		return "boolean"
	}
	return "null"
}

// jsonSyntaxError is a malformed document at Offset.
type jsonSyntaxError struct {
	Offset int
	Msg    string
}

func (e *jsonSyntaxError) Error() string { return e.Msg }

type jsonParser struct {
	data  []byte
	pos   int
	depth int
}

// maxJSONDepth bounds nesting so a hostile file cannot exhaust the stack.
const maxJSONDepth = 200

func parseJSONPos(data []byte) (*jsonNode, error) {
	p := &jsonParser{data: data}
	p.skipSpace()
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return nil, p.errf("unexpected %q after the end of the document", p.data[p.pos])
	}
	return n, nil
}

func (p *jsonParser) errf(format string, args ...any) error {
	return &jsonSyntaxError{Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value() (*jsonNode, error) {
	if p.pos >= len(p.data) {
		return nil, p.errf("unexpected end of the document")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &jsonNode{kind: 's', off: start, str: s}, nil
	case c == 't':
		return p.literal("true", 'b')
	case c == 'f':
		return p.literal("false", 'b')
	case c == 'n':
		return p.literal("null", 'z')
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		return nil, p.errf("unexpected %q: a value was expected", c)
	}
}

func (p *jsonParser) literal(word string, kind byte) (*jsonNode, error) {
	if len(p.data)-p.pos < len(word) || string(p.data[p.pos:p.pos+len(word)]) != word {
		return nil, p.errf("invalid literal: %q expected", word)
	}
	n := &jsonNode{kind: kind, off: p.pos, str: word}
	p.pos += len(word)
	return n, nil
}

func (p *jsonParser) number() (*jsonNode, error) {
	start := p.pos
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9') {
			p.pos++
			continue
		}
		break
	}
	lit := string(p.data[start:p.pos])
	if !validJSONNumber(lit) {
		p.pos = start
		return nil, p.errf("invalid number %q", lit)
	}
	return &jsonNode{kind: 'n', off: start, str: lit}, nil
}

// validJSONNumber follows the RFC 8259 grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

func (p *jsonParser) string() (string, error) {
	start := p.pos
	p.pos++ // opening quote
	plain := true
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			if raw := p.data[start+1 : p.pos-1]; plain && utf8.Valid(raw) {
				return string(raw), nil // no escape to decode: the common case, without encoding/json
			}
			var s string
			if err := json.Unmarshal(p.data[start:p.pos], &s); err != nil {
				p.pos = start
				return "", p.errf("invalid string: check its escapes (\\n, \\\", \\uXXXX)")
			}
			return s, nil
		case c == '\\':
			plain = false
			p.pos += 2
		case c < 0x20:
			return "", p.errf("control character in a string: use \\n or \\t")
		default:
			p.pos++
		}
	}
	p.pos = start
	return "", p.errf("string not closed")
}

func (p *jsonParser) enter() error {
	p.depth++
	if p.depth > maxJSONDepth {
		return p.errf("nesting deeper than %d levels", maxJSONDepth)
	}
	return nil
}

func (p *jsonParser) object() (*jsonNode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := &jsonNode{kind: 'o', off: p.pos}
	p.pos++
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errf("a key in double quotes was expected")
		}
		koff := p.pos
		k, err := p.string()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errf("':' expected after key %q", k)
		}
		p.pos++
		p.skipSpace()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, k)
		n.koffs = append(n.koffs, koff)
		n.vals = append(n.vals, v)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errf("object not closed: '}' expected")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return n, nil
		default:
			return nil, p.errf("',' or '}' expected, found %q", p.data[p.pos])
		}
	}
}

func (p *jsonParser) array() (*jsonNode, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := &jsonNode{kind: 'a', off: p.pos}
	p.pos++
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return n, nil
	}
	for {
		p.skipSpace()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.vals = append(n.vals, v)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errf("array not closed: ']' expected")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return n, nil
		default:
			return nil, p.errf("',' or ']' expected, found %q", p.data[p.pos])
		}
	}
}

// Position is a place in a text file, 1-based; Column counts characters, not bytes.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// positionsAt converts byte offsets, sorted, into lines and columns in one pass over data:
// positionsAt(data, offs)[i] == PositionAt(data, offs[i]).
func positionsAt(data []byte, offs []int) []Position {
	out := make([]Position, len(offs))
	line, col, i := 1, 1, 0
	for k, off := range offs {
		off = min(off, len(data))
		for i < off {
			r, size := utf8.DecodeRune(data[i:])
			if r == '\n' {
				line++
				col = 1
			} else {
				col++
			}
			i += size
		}
		out[k] = Position{line, col}
	}
	return out
}

// PositionAt converts a byte offset in data into a line and column.
func PositionAt(data []byte, off int) Position {
	if off > len(data) {
		off = len(data)
	}
	line, col := 1, 1
	for i := 0; i < off; {
		r, size := utf8.DecodeRune(data[i:])
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
		i += size
	}
	return Position{line, col}
}

// rawOffset maps byte offset d of string node n's decoded value to its offset in data, so that
// a problem inside an expression written with escapes ("ats.stato == \"costituita\"") is
// reported at its own character of the file, not one to the left per escape before it.
// Offsets past the string's end stop at its closing quote.
func rawOffset(data []byte, n *jsonNode, d int) int {
	i := n.off + 1 // after the opening quote
	for dec := 0; dec < d && i < len(data) && data[i] != '"'; {
		if data[i] != '\\' {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				dec += 3 // an invalid byte decodes as U+FFFD
			} else {
				dec += size
			}
			i += size
			continue
		}
		if i+1 < len(data) && data[i+1] == 'u' && i+6 <= len(data) {
			r := hexRune(data[i+2 : i+6])
			i += 6
			if utf16.IsSurrogate(r) && i+6 <= len(data) && data[i] == '\\' && data[i+1] == 'u' {
				if pair := utf16.DecodeRune(r, hexRune(data[i+2:i+6])); pair != utf8.RuneError {
					r = pair
					i += 6
				}
			}
			if utf16.IsSurrogate(r) || r < 0 {
				r = utf8.RuneError
			}
			dec += utf8.RuneLen(r)
			continue
		}
		i += 2 // \n, \", \\ …: one byte each
		dec++
	}
	return i
}

func hexRune(h []byte) rune {
	v, err := strconv.ParseUint(string(h), 16, 32)
	if err != nil {
		return -1
	}
	return rune(v)
}
