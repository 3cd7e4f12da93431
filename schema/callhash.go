package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// A call's identity is the SHA-256 of its canonical form (docs/call-identity.md): the same
// call gives the same hash however its file is indented or its keys ordered, and any change
// of what it says (a label, a rule, a deadline, a migration) gives another. The start page
// shows it, the PDF prints it beside the answers' hash, and `bando validate` and `bando
// verify` report it, so an office can tell a proposal made on an altered call.
//
// The canonical form is the file's JSON value written again:
//
//   - objects with their keys sorted by their UTF-8 bytes; of a key written twice, the last
//     value (the one Load and encoding/json read);
//   - no whitespace outside strings;
//   - strings with only ", \ and the control characters escaped, as \", \\, \b, \f, \n, \r,
//     \t or \u00XX (lowercase hex); every other character as its UTF-8 bytes, so "\u00e8"
//     and "è" are the same text;
//   - numbers: an integer (no fraction, no exponent, within ±2^63) in decimal, "-0" as "0";
//     any other number as the float64 it reads as, written as an integer when it is integral
//     and within ±2^53, else in the shortest form that reads back the same (strconv 'g', -1);
//   - true, false, null as such; arrays in order.
//
// It is the canonical JSON of the answers' hash (app/pdf) applied to the whole call file.

// CallHash returns the hex SHA-256 of the canonical form of a call file's JSON. It reads the
// JSON only (a call that Load refuses has a hash too); data is bounded like Load's input.
func CallHash(data []byte) (string, error) {
	b, err := CanonicalCallJSON(data)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// CanonicalCallJSON returns the canonical form of a call file (see CallHash). It parses the
// file with Load's own parser (bounded in depth), not encoding/json: one pass, no maps.
func CanonicalCallJSON(data []byte) ([]byte, error) {
	if len(data) > MaxCallSize {
		return nil, fmt.Errorf("call file too large (%d bytes, at most %d)", len(data), MaxCallSize)
	}
	root, err := parseJSONPos(data)
	if err != nil {
		return nil, err
	}
	return appendCanonicalNode(make([]byte, 0, len(data)), root)
}

// appendCanonicalNode writes the canonical form of a parsed JSON value.
func appendCanonicalNode(b []byte, n *jsonNode) ([]byte, error) {
	var err error
	switch n.kind {
	case 's':
		return appendCanonicalString(b, strings.ToValidUTF8(n.str, "\uFFFD"))
	case 'n':
		return AppendCanonicalJSON(b, json.Number(n.str))
	case 'b', 'z':
		return append(b, n.str...), nil
	case 'a':
		b = append(b, '[')
		for i, v := range n.vals {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendCanonicalNode(b, v); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	// An object: keys sorted by their bytes; of a key written twice, the last value.
	last := make(map[string]int, len(n.keys))
	for i, k := range n.keys {
		last[k] = i
	}
	order := make([]int, 0, len(last))
	for _, i := range last {
		order = append(order, i)
	}
	sort.Slice(order, func(x, y int) bool { return n.keys[order[x]] < n.keys[order[y]] })
	b = append(b, '{')
	for j, i := range order {
		if j > 0 {
			b = append(b, ',')
		}
		if b, err = appendCanonicalString(b, strings.ToValidUTF8(n.keys[i], "\uFFFD")); err != nil {
			return nil, err
		}
		b = append(b, ':')
		if b, err = appendCanonicalNode(b, n.vals[i]); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// ShortHash is the first 12 hex digits of a hash, as the start page shows it: enough to tell
// two calls apart by eye; the full hash is beside it for whoever compares.
func ShortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// Hash returns the hex SHA-256 of the canonical form of the file c was loaded from (see
// CallHash), or "" for a call not made by Load. It is computed once, at the first call.
func (c *Call) Hash() string {
	if c.src == nil {
		return ""
	}
	c.src.once.Do(func() {
		c.src.hash, _ = CallHash(c.src.data) // Load read it: it cannot fail
		c.src.data = nil
	})
	return c.src.hash
}

// callSource is the file a call was loaded from, kept until its hash is asked for: most calls
// loaded (the builder's preview, at every keystroke) never are.
type callSource struct {
	once sync.Once
	data []byte
	hash string
}

// AppendCanonicalJSON appends the canonical JSON of v (see CallHash) to b. v holds what
// encoding/json decodes into any (with or without UseNumber) and the values of Answers:
// string, bool, nil, json.Number, int, int64, float64, []any, []string, map[string]any, Answers.
func AppendCanonicalJSON(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case string:
		return appendCanonicalString(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case float64:
		return appendCanonicalFloat(b, x)
	case json.Number:
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return strconv.AppendInt(b, n, 10), nil
		}
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			return nil, fmt.Errorf("canonical JSON: %q is not a number", string(x))
		}
		return appendCanonicalFloat(b, f)
	case Answers:
		return AppendCanonicalJSON(b, map[string]any(x))
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendCanonicalString(b, k); err != nil {
				return nil, err
			}
			b = append(b, ':')
			if b, err = AppendCanonicalJSON(b, x[k]); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = AppendCanonicalJSON(b, e); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case []string:
		b = append(b, '[')
		for i, s := range x {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendCanonicalString(b, s); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	return nil, fmt.Errorf("canonical JSON: unsupported value of type %T", v)
}

// maxExactInt is 2^53: every integer up to it is exact in a float64.
const maxExactInt = 1 << 53

func appendCanonicalFloat(b []byte, f float64) ([]byte, error) {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return nil, fmt.Errorf("canonical JSON: %v is not a JSON number", f)
	case f == math.Trunc(f) && math.Abs(f) <= maxExactInt:
		return strconv.AppendInt(b, int64(f), 10), nil
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64), nil
}

const lowerHex = "0123456789abcdef"

func appendCanonicalString(b []byte, s string) ([]byte, error) {
	if !utf8.ValidString(s) {
		return nil, fmt.Errorf("canonical JSON: invalid UTF-8 in %q", s)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\b':
			b = append(b, `\b`...)
		case c == '\f':
			b = append(b, `\f`...)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case c == '\t':
			b = append(b, `\t`...)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', lowerHex[c>>4], lowerHex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"'), nil
}
