package draft

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bando/schema"
)

func TestMeasureShape(t *testing.T) {
	unlimited := shape{values: 1 << 30, items: 1 << 30, depth: 1 << 30}
	cases := []struct {
		name, in string
		want     shape
	}{
		{"empty object", `{}`, shape{values: 1, depth: 1}},
		{"scalars", `{"a":1,"b":"x","c":true}`, shape{values: 3, depth: 1}},
		{"list of three", `{"a":[1, 2 ,3]}`, shape{values: 4, items: 3, depth: 2}},
		{"empty list", `{"a":[ ]}`, shape{values: 2, depth: 2}},
		{"list of one object", `[{"a":1,"b":2}]`, shape{values: 3, items: 1, depth: 2}},
		{"commas of an object in a list are not items", `[{"a":1,"b":2,"c":3},{}]`, shape{values: 6, items: 2, depth: 2}},
		{"brackets and commas inside strings", `["[,{\"],", "\\"]`, shape{values: 2, items: 2, depth: 1}},
		{"nesting", `[[[[]]]]`, shape{values: 4, items: 1, depth: 4}},
		{"truncated string", `["abc`, shape{values: 1, items: 1, depth: 1}},
		{"not JSON", `]]],,,`, shape{values: 3}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := measureShape([]byte(tc.in), unlimited); got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestDecodeBounds: drafts beyond the bounds of shape.go are refused before decoding, with a
// message in both languages; one at the bounds is read. Each case is a finding of issue 12: a
// 3 MB support bundle of empty group items made replay grow past 7 GB.
func TestDecodeBounds(t *testing.T) {
	wrap := func(answers string) string {
		return `{"format":"bando-draft","formatVersion":1,"call":"toscana-fami-2024","callVersion":1,"answers":` + answers + `}`
	}
	list := func(item string, n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
	}
	cases := []struct{ name, in, key string }{
		{"a group at the bound", wrap(`{"ats":{"membri":` + list("{}", MaxItems) + `}}`), ""},
		{"a group past the bound", wrap(`{"ats":{"membri":` + list("{}", MaxItems+1) + `}}`), "draft.too_many_items"},
		{"a million empty items (3 MB)", wrap(`{"ats":{"membri":` + list("{}", 1_000_000) + `}}`), "draft.too_many_items"},
		{"a multichoice past the bound", wrap(`{"azioni":{"linee":[{"territori":` + list(`"AR"`, MaxItems+1) + `}]}}`), "draft.too_many_items"},
		{"values at the bound", wrap(`{"x":` + list(list("0", 999), 99) + `}`), ""},
		{"values past the bound", wrap(`{"x":` + list(list("0", 1000), 101) + `}`), "draft.too_many_values"},
		{"many keys in aside", strings.Replace(wrap(`{}`), `"answers"`, `"aside":{`+strings.TrimSuffix(strings.Repeat(`"k":0,`, MaxValues+1), ",")+`},"answers"`, 1), "draft.too_many_values"},
		{"deep at the bound", wrap(`{"x":` + strings.Repeat("[", MaxDepth-2) + strings.Repeat("]", MaxDepth-2) + `}`), ""},
		{"deep past the bound", wrap(`{"x":` + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) + `}`), "draft.too_deep"},
		{"a million open brackets", wrap(strings.Repeat("[", 1_000_000)), "draft.too_deep"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			if tc.key == "" {
				if err != nil {
					t.Fatalf("a draft within the bounds is refused: %v", err)
				}
				return
			}
			checkKey(t, err, tc.key)
		})
	}
}

// TestHostileCorpus reads testdata/hostile: each file is named after the key of the error it
// must get ("KEY--what.bando.json" or ".bando-support.json"). The files are also fuzz seeds.
func TestHostileCorpus(t *testing.T) {
	files := hostileCorpus(t)
	if len(files) == 0 {
		t.Fatal("no corpus")
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			key, _, _ := strings.Cut(name, "--")
			var err error
			if strings.HasSuffix(name, BundleExt) {
				_, err = DecodeBundle(data)
			} else {
				_, err = Decode(data)
			}
			checkKey(t, err, key)
		})
	}
}

func hostileCorpus(t testing.TB) map[string][]byte {
	names, _ := filepath.Glob("testdata/hostile/*.json")
	out := map[string][]byte{}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = data
	}
	return out
}

func checkKey(t *testing.T, err error, key string) {
	t.Helper()
	var de *Error
	if !errors.As(err, &de) || de.Key != key {
		t.Fatalf("want %s, got %v", key, err)
	}
	if it, en := de.Message(schema.IT), de.Message(schema.EN); it == "" || en == "" || it == en {
		t.Fatalf("messages: %q / %q", it, en)
	}
}
