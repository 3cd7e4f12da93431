package pdf

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"

	"bando/schema"
)

// AnswersDigest is the hex SHA-256 of the canonical JSON (see Canonical) of the answers the
// call shows, c.Visible(a): exactly what the PDF prints. Hidden answers the draft keeps for
// the applicant are left out, so toggling a hidden field does not change the printed
// fingerprint. Anyone holding the draft and the call can recompute it (bando pdf prints it),
// and tie a signed PDF back to the answers it was made from.
//
// Item ids (schema.ItemID) are left out too: they are bookkeeping, not answers, and a draft
// saved before items had ids must keep the fingerprint of the PDF already signed from it.
func AnswersDigest(c *schema.Call, a schema.Answers) (string, error) {
	b, err := Canonical(schema.WithoutItemIDs(map[string]any(c.Visible(a))))
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// Canonical writes v as canonical JSON, one byte sequence per value, so that a digest of it
// does not depend on the order a map was filled in or on how a number was typed:
//
//   - objects have their keys sorted by their UTF-8 bytes, no duplicates;
//   - no whitespace outside strings;
//   - strings are UTF-8; only ", \ and control characters are escaped, as \", \\, \b, \f,
//     \n, \r, \t or \u00XX (lowercase hex); invalid UTF-8 is an error;
//   - numbers that are integral and within ±2^53 are written as integers (5, not 5.0 or
//     5e0), whatever Go type carries them; other numbers in the shortest form that reads
//     back to the same float64 (strconv 'g', -1); NaN and infinities are errors;
//   - true, false, null as such; arrays in order.
//
// It is close to RFC 8785 (JCS), which differs only in sorting keys by UTF-16 code units and
// in the exponent form of very large or small floats; answers (money is integer cents) never
// reach either case. Values are those of schema.Answers: string, bool, nil, int, int64,
// float64, []any, []string, map[string]any.
func Canonical(v any) ([]byte, error) {
	return appendCanonical(nil, v)
}

func appendCanonical(b []byte, v any) ([]byte, error) {
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
	case schema.Answers:
		return appendCanonical(b, map[string]any(x))
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
			if b, err = appendCanonical(b, x[k]); err != nil {
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
			if b, err = appendCanonical(b, e); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case []string:
		l := make([]any, len(x))
		for i, s := range x {
			l[i] = s
		}
		return appendCanonical(b, l)
	}
	return nil, fmt.Errorf("canonical JSON: unsupported value of type %T", v)
}

// maxExact is 2^53: every integer up to it is exact in a float64.
const maxExact = 1 << 53

func appendCanonicalFloat(b []byte, f float64) ([]byte, error) {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return nil, fmt.Errorf("canonical JSON: %v is not a JSON number", f)
	case f == math.Trunc(f) && math.Abs(f) <= maxExact:
		return strconv.AppendInt(b, int64(f), 10), nil
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64), nil
}

const hexDigits = "0123456789abcdef"

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
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"'), nil
}
