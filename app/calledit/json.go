package calledit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the kind of a JSON value.
type Kind byte

const (
	Null Kind = iota
	Object
	Array
	String
	Number
	Bool
)

// Value is a JSON value that keeps the order of an object's keys, so that an edit made in the
// tree changes only what it changes in the text.
type Value struct {
	Kind  Kind
	S     string   // a string, or a number as written
	B     bool     // a boolean
	Keys  []string // an object's keys, in order
	Elems []*Value // an object's values (beside Keys) or an array's elements
}

// Str, Num and Obj make values.
func Str(s string) *Value { return &Value{Kind: String, S: s} }
func Num(n int) *Value    { return &Value{Kind: Number, S: strconv.Itoa(n)} }
func Boolean(b bool) *Value {
	return &Value{Kind: Bool, B: b}
}

// Obj makes an object of key, value pairs.
func Obj(kv ...any) *Value {
	o := &Value{Kind: Object}
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1].(*Value))
	}
	return o
}

// Arr makes an array.
func Arr(elems ...*Value) *Value { return &Value{Kind: Array, Elems: elems} }

// Get is the value of key in an object, nil when absent (or when v is not an object).
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i, k := range v.Keys {
		if k == key {
			return v.Elems[i]
		}
	}
	return nil
}

// Str is the string at key, "" when absent or not a string.
func (v *Value) Str(key string) string {
	if x := v.Get(key); x != nil && x.Kind == String {
		return x.S
	}
	return ""
}

// Int is the number at key, 0 when absent or not an integer.
func (v *Value) Int(key string) int {
	if x := v.Get(key); x != nil && x.Kind == Number {
		n, _ := strconv.Atoi(x.S)
		return n
	}
	return 0
}

// Set puts x at key: in place when the key is there, at the end otherwise.
func (v *Value) Set(key string, x *Value) {
	for i, k := range v.Keys {
		if k == key {
			v.Elems[i] = x
			return
		}
	}
	v.Keys = append(v.Keys, key)
	v.Elems = append(v.Elems, x)
}

// Delete removes key.
func (v *Value) Delete(key string) {
	for i, k := range v.Keys {
		if k == key {
			v.Keys = append(v.Keys[:i:i], v.Keys[i+1:]...)
			v.Elems = append(v.Elems[:i:i], v.Elems[i+1:]...)
			return
		}
	}
}

// Clone is a deep copy.
func (v *Value) Clone() *Value {
	if v == nil {
		return nil
	}
	c := *v
	c.Keys = append([]string(nil), v.Keys...)
	c.Elems = make([]*Value, len(v.Elems))
	for i, e := range v.Elems {
		c.Elems[i] = e.Clone()
	}
	return &c
}

// Equal reports whether two values are the same JSON, keys in the same order.
func (v *Value) Equal(w *Value) bool {
	if v == nil || w == nil {
		return v == w
	}
	if v.Kind != w.Kind || v.S != w.S || v.B != w.B || len(v.Keys) != len(w.Keys) || len(v.Elems) != len(w.Elems) {
		return false
	}
	for i := range v.Keys {
		if v.Keys[i] != w.Keys[i] {
			return false
		}
	}
	for i := range v.Elems {
		if !v.Elems[i].Equal(w.Elems[i]) {
			return false
		}
	}
	return true
}

// maxDepth bounds the nesting Parse accepts (a call nests a handful of levels).
const maxDepth = 64

// Parse reads one JSON value, keeping the order of keys. Errors say where (byte offset).
func Parse(data []byte) (*Value, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := parseValue(d, 0)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("offset %d: text after the JSON value", d.InputOffset())
	}
	return v, nil
}

func parseValue(d *json.Decoder, depth int) (*Value, error) {
	if depth > maxDepth {
		return nil, errors.New("JSON nested too deeply")
	}
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := &Value{Kind: Object}
			for d.More() {
				kt, err := d.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				x, err := parseValue(d, depth+1)
				if err != nil {
					return nil, err
				}
				o.Set(k, x)
			}
			_, err := d.Token()
			return o, err
		case '[':
			a := &Value{Kind: Array}
			for d.More() {
				x, err := parseValue(d, depth+1)
				if err != nil {
					return nil, err
				}
				a.Elems = append(a.Elems, x)
			}
			_, err := d.Token()
			return a, err
		}
		return nil, fmt.Errorf("offset %d: unexpected %v", d.InputOffset(), t)
	case string:
		return Str(t), nil
	case json.Number:
		return &Value{Kind: Number, S: t.String()}, nil
	case bool:
		return Boolean(t), nil
	case nil:
		return &Value{Kind: Null}, nil
	}
	return nil, fmt.Errorf("offset %d: unexpected token", d.InputOffset())
}

// Marshal writes v as the shipped calls are written: two spaces of indent, one key per line,
// an array of plain values (options, removed paths) on one line.
func Marshal(v *Value) []byte {
	var b bytes.Buffer
	write(&b, v, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

func write(b *bytes.Buffer, v *Value, indent int) {
	pad := func(n int) { b.WriteString(strings.Repeat("  ", n)) }
	switch v.Kind {
	case Null:
		b.WriteString("null")
	case Bool:
		b.WriteString(strconv.FormatBool(v.B))
	case Number:
		b.WriteString(v.S)
	case String:
		writeString(b, v.S)
	case Object:
		if len(v.Keys) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, k := range v.Keys {
			pad(indent + 1)
			writeString(b, k)
			b.WriteString(": ")
			write(b, v.Elems[i], indent+1)
			if i < len(v.Keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		pad(indent)
		b.WriteByte('}')
	case Array:
		if len(v.Elems) == 0 {
			b.WriteString("[]")
			return
		}
		flat := true
		for _, e := range v.Elems {
			if e.Kind == Object || e.Kind == Array {
				flat = false
			}
		}
		if flat {
			b.WriteByte('[')
			for i, e := range v.Elems {
				if i > 0 {
					b.WriteString(", ")
				}
				write(b, e, indent)
			}
			b.WriteByte(']')
			return
		}
		b.WriteString("[\n")
		for i, e := range v.Elems {
			pad(indent + 1)
			write(b, e, indent+1)
			if i < len(v.Elems)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		pad(indent)
		b.WriteByte(']')
	}
}

// writeString writes s as a JSON string, without escaping <, > and & (calls quote the law).
func writeString(b *bytes.Buffer, s string) {
	plain := utf8.ValidString(s)
	for i := 0; plain && i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			plain = false
			break
		}
	}
	if plain && !strings.ContainsAny(s, "\u2028\u2029") { // most of a call: no escaping at all
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	var e bytes.Buffer
	enc := json.NewEncoder(&e)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Write(bytes.TrimRight(e.Bytes(), "\n"))
}
