package schema

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// stdDecodeAnswers is what DecodeAnswers did before its own decoder: encoding/json with
// UseNumber, integers to int64, other numbers to float64, an infinite one kept as text. The
// two must agree on every input both accept.
func stdDecodeAnswers(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	// (dec.More, as the old code asked, let "{}]" through: we are stricter.)
	if len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		return nil, strconv.ErrSyntax
	}
	if raw == nil {
		raw = map[string]any{}
	}
	var norm func(v any) any
	norm = func(v any) any {
		switch x := v.(type) {
		case json.Number:
			if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
				return i
			}
			f, err := x.Float64()
			if err != nil || math.IsInf(f, 0) {
				return string(x)
			}
			return f
		case map[string]any:
			for k, e := range x {
				x[k] = norm(e)
			}
		case []any:
			for i, e := range x {
				x[i] = norm(e)
			}
		}
		return v
	}
	return norm(raw).(map[string]any), nil
}

func TestDecodeAnswersLikeEncodingJSON(t *testing.T) {
	cases := []struct {
		name, in string
		ok       bool
	}{
		{"empty object", `{}`, true},
		{"null", ` null `, true},
		{"nested", `{"ats":{"membri":[{"cf":"1","capofila":true,"n":null},{}],"x":[["a"],[]]}}`, true},
		{"numbers", `{"a":1,"b":-0,"c":1.5,"d":1e3,"e":9007199254740993,"f":1e999,"g":-1e-400,"h":12345678901234567890}`, true},
		{"escapes", `{"a":"\"\\\/\b\f\n\r\t\u00e8\ud83d\ude00","b":"\ud800"}`, true},
		{"invalid utf-8", "{\"a\":\"x\xffy\"}", true},
		{"utf-8", `{"à":"perché €"}`, true},
		{"repeated key", `{"a":1,"a":2}`, true},
		{"spaces", " \n{ \"a\" : [ 1 , 2 ] }\t\r\n", true},
		{"array at top", `[]`, false},
		{"string at top", `"x"`, false},
		{"trailing data", `{} {}`, false},
		{"trailing bracket", `{}]`, false},
		{"trailing comma", `{"a":1,}`, false},
		{"not closed", `{"a":[1,2}`, false},
		{"bad literal", `{"a":tru}`, false},
		{"bad number", `{"a":01}`, false},
		{"bad number 2", `{"a":1.}`, false},
		{"control char", "{\"a\":\"x\ny\"}", false},
		{"bad escape", `{"a":"\x"}`, false},
		{"empty", ``, false},
		{"unquoted key", `{a:1}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeAnswers([]byte(tc.in))
			want, werr := stdDecodeAnswers([]byte(tc.in))
			if (err == nil) != tc.ok || (werr == nil) != tc.ok {
				t.Fatalf("ok=%v: ours %v, encoding/json %v", tc.ok, err, werr)
			}
			if tc.ok && !reflect.DeepEqual(map[string]any(got), want) {
				t.Fatalf("ours %#v\nencoding/json %#v", got, want)
			}
		})
	}
}

// TestDecodeAnswersDepth: a hostile nesting is a clean error, not a stack overflow.
func TestDecodeAnswersDepth(t *testing.T) {
	ok := `{"a":` + strings.Repeat("[", maxAnswersDepth-1) + strings.Repeat("]", maxAnswersDepth-1) + `}`
	if _, err := DecodeAnswers([]byte(ok)); err != nil {
		t.Fatalf("depth %d: %v", maxAnswersDepth, err)
	}
	deep := `{"a":` + strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + `}`
	if _, err := DecodeAnswers([]byte(deep)); err == nil || !strings.Contains(err.Error(), "deeper") {
		t.Fatalf("want a depth error, got %v", err)
	}
}

// FuzzDecodeAnswersLikeEncodingJSON: on any input, our decoder and encoding/json agree.
func FuzzDecodeAnswersLikeEncodingJSON(f *testing.F) {
	for _, s := range []string{`{}`, `null`, `{"a":[{},{"b":1.5e3}],"c":"\u00e8"}`, "{\"a\":\"\xff\"}", `{"a":1e999}`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := DecodeAnswers(data)
		want, werr := stdDecodeAnswers(data)
		if werr != nil {
			if err == nil && bytes.Count(data, []byte("[")) < 10000 {
				t.Fatalf("encoding/json refuses (%v), ours accepts %#v", werr, got)
			}
			return
		}
		if err != nil {
			if strings.Contains(err.Error(), "deeper") {
				return
			}
			t.Fatalf("ours refuses (%v), encoding/json accepts %#v", err, want)
		}
		if !reflect.DeepEqual(map[string]any(got), want) {
			t.Fatalf("ours %#v\nencoding/json %#v", got, want)
		}
	})
}

// BenchmarkDecodeHostileAnswers: a million empty members (3 MB).
func BenchmarkDecodeHostileAnswers(b *testing.B) {
	data := []byte(`{"ats":{"membri":[` + strings.Repeat("{},", 999_999) + `{}]}}`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeAnswers(data); err != nil {
			b.Fatal(err)
		}
	}
}
