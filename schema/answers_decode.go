package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// maxAnswersDepth bounds the nesting of answers. The deepest real answer is a multichoice in
// an item of a group inside an item of a group inside an item of a group (maxGroupDepth) of a
// section: 8 levels. The bound leaves room for hand-made files and keeps a hostile one from
// exhausting the stack.
const maxAnswersDepth = 64

// decodeAnswersJSON reads a JSON object into answers in one pass: objects become
// map[string]any, arrays []any, integers int64 (euro cents must not pass through float64),
// other numbers float64 (an out-of-range one stays a string, reported by Validate), strings
// with invalid UTF-8 get U+FFFD as encoding/json does. It exists because encoding/json, decoding
// into interfaces, costs half a second and a growing slice per list on a hostile draft of a
// million empty items: this one makes each list once, at its final size.
func decodeAnswersJSON(data []byte) (map[string]any, error) {
	d := answersDecoder{data: data}
	d.space()
	if d.pos < len(data) && data[d.pos] == 'n' {
		if err := d.literal("null"); err != nil {
			return nil, err
		}
		d.space()
		if d.pos != len(data) {
			return nil, fmt.Errorf("unexpected data after the answers")
		}
		return map[string]any{}, nil
	}
	if d.pos >= len(data) || data[d.pos] != '{' {
		return nil, d.errorf("the answers must be a JSON object")
	}
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.space()
	if d.pos != len(data) {
		return nil, fmt.Errorf("unexpected data after the answers")
	}
	return v.(map[string]any), nil
}

type answersDecoder struct {
	data  []byte
	pos   int
	stack chunkStack // elements of the arrays being read: each list is allocated once
}

// chunkStack holds the elements of the arrays being read in fixed-size chunks: it grows
// without copying what it holds (a growing slice of a million pointers costs a third of a
// second in copies and write barriers) and is reused from one array to the next.
type chunkStack struct {
	chunks [][]any
	n      int
}

const stackChunk = 1024

func (s *chunkStack) push(v any) {
	ci := s.n / stackChunk
	if ci == len(s.chunks) {
		s.chunks = append(s.chunks, make([]any, stackChunk))
	}
	s.chunks[ci][s.n%stackChunk] = v
	s.n++
}

// pop returns the elements from base on as a new slice of their exact length, and drops them.
func (s *chunkStack) pop(base int) []any {
	out := make([]any, s.n-base)
	for i := base; i < s.n; {
		c := s.chunks[i/stackChunk][i%stackChunk:]
		k := copy(out[i-base:], c[:min(len(c), s.n-i)])
		clear(c[:k])
		i += k
	}
	s.n = base
	return out
}

func (d *answersDecoder) errorf(format string, args ...any) error {
	return fmt.Errorf("answers, byte %d: %s", d.pos, fmt.Sprintf(format, args...))
}

func (d *answersDecoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *answersDecoder) value(depth int) (any, error) {
	if d.pos >= len(d.data) {
		return nil, d.errorf("unexpected end")
	}
	switch c := d.data[d.pos]; {
	case c == '{', c == '[':
		if depth >= maxAnswersDepth {
			return nil, d.errorf("answers nested deeper than %d levels", maxAnswersDepth)
		}
		if c == '{' {
			return d.object(depth + 1)
		}
		return d.array(depth + 1)
	case c == '"':
		return d.string()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	}
	return nil, d.errorf("unexpected %q", d.data[d.pos])
}

func (d *answersDecoder) literal(word string) error {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return d.errorf("%q expected", word)
	}
	d.pos += len(word)
	return nil
}

func (d *answersDecoder) object(depth int) (any, error) {
	m := map[string]any{}
	d.pos++ // {
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return m, nil
	}
	for {
		d.space()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, d.errorf("a key in double quotes was expected")
		}
		k, err := d.string()
		if err != nil {
			return nil, err
		}
		d.space()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, d.errorf("':' expected")
		}
		d.pos++
		d.space()
		v, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		m[k.(string)] = v // a repeated key: the last wins, as in encoding/json
		d.space()
		if d.pos >= len(d.data) {
			return nil, d.errorf("object not closed")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return m, nil
		default:
			return nil, d.errorf("',' or '}' expected")
		}
	}
}

func (d *answersDecoder) array(depth int) (any, error) {
	d.pos++ // [
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return []any{}, nil
	}
	base := d.stack.n
	for {
		d.space()
		v, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		d.stack.push(v)
		d.space()
		if d.pos >= len(d.data) {
			return nil, d.errorf("array not closed")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return d.stack.pop(base), nil
		default:
			return nil, d.errorf("',' or ']' expected")
		}
	}
}

// string reads a JSON string. Plain ones (no escape, valid UTF-8) are copied as they are;
// the others go through encoding/json, which knows every escape and replaces invalid UTF-8.
func (d *answersDecoder) string() (any, error) {
	start := d.pos
	d.pos++
	plain := true
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			raw := d.data[start:d.pos]
			if plain && utf8.Valid(raw) {
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				d.pos = start
				return nil, d.errorf("invalid string")
			}
			return s, nil
		case c == '\\':
			plain = false
			d.pos += 2
		case c < 0x20:
			return nil, d.errorf("control character in a string")
		default:
			d.pos++
		}
	}
	d.pos = start
	return nil, d.errorf("string not closed")
}

// number keeps integers exact (int64) and other numbers as float64; one that overflows
// float64 stays its text, which Validate reports as a wrong type.
func (d *answersDecoder) number() (any, error) {
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || c >= '0' && c <= '9' {
			d.pos++
			continue
		}
		break
	}
	lit := string(d.data[start:d.pos])
	if !validJSONNumber(lit) {
		d.pos = start
		return nil, d.errorf("invalid number %q", lit)
	}
	if i, err := strconv.ParseInt(lit, 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil || math.IsInf(f, 0) {
		return lit, nil
	}
	return f, nil
}
