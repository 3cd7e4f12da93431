package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// manyProblemsCall is a call of n fields, each with an unknown key ("lable"): n problems,
// spread over n lines, with accented text before each so that columns count characters.
func manyProblemsCall(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"format": "bando-call", "id": "x", "version": 1, "title": {"it": "Perché"},` + "\n" + `"sections": [{"id": "s", "title": {"it": "è"}, "fields": [` + "\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id": "f%d", "type": "text", "label": {"it": "città"}, "lable": 1}`, i)
	}
	b.WriteString("\n]}]}\n")
	return []byte(b.String())
}

// TestPositionsInOnePass: positionsAt agrees with PositionAt on every offset.
func TestPositionsInOnePass(t *testing.T) {
	data := manyProblemsCall(50)
	r := rand.New(rand.NewPCG(1, 2))
	offs := []int{0, 0, len(data), len(data) + 10}
	for range 200 {
		offs = append(offs, r.IntN(len(data)))
	}
	offs = append(offs, strings.Index(string(data), "è")+1) // inside a two-byte character
	slices.Sort(offs)
	got := positionsAt(data, offs)
	for i, off := range offs {
		if want := PositionAt(data, off); got[i] != want {
			t.Fatalf("offset %d: got %v, want %v", off, got[i], want)
		}
	}
}

// TestLoadErrorCapped: forty thousand problems are found, the first MaxProblems listed in
// document order with their right lines, and the rest counted in both languages.
func TestLoadErrorCapped(t *testing.T) {
	cases := []struct {
		n            int
		more         int
		tailIT, tail string
	}{
		{3, 0, `"lable"`, `"lable"`},
		{MaxProblems + 1, 1, "… e un altro problema", "… and 1 more problem"},
		{40_000, 40_000 - MaxProblems, "… e altri 39000 problemi", "… and 39000 more problems"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			data := manyProblemsCall(tc.n)
			_, err := Load(data)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			if le.More != tc.more || len(le.Problems) != min(tc.n, MaxProblems) {
				t.Fatalf("listed %d, more %d", len(le.Problems), le.More)
			}
			for i, p := range le.Problems {
				line := fmt.Sprintf(`{"id": "f%d", "type": "text", "label": {"it": "città"}, "lable": 1}`, i)
				col := utf8.RuneCountInString(line[:strings.Index(line, `"lable"`)]) + 1
				if p.Key != "json.unknown_key" || p.Pos != (Position{i + 3, col}) {
					t.Fatalf("problem %d at %v, want %d:%d: %+v", i, p.Pos, i+3, col, p)
				}
			}
			lines := strings.Split(le.Format(IT), "\n")
			if last := lines[len(lines)-1]; !strings.Contains(last, tc.tailIT) {
				t.Fatalf("last line %q", last)
			}
			lines = strings.Split(le.Format(EN), "\n")
			if last := lines[len(lines)-1]; !strings.Contains(last, tc.tail) {
				t.Fatalf("last line %q", last)
			}
		})
	}
}

// TestLoadBounds: a file too large or nested too deep is one clean problem.
func TestLoadBounds(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		key  string
		it   string
	}{
		{"too large", append([]byte(`{"id": "`), append([]byte(strings.Repeat("x", MaxCallSize)), `"}`...)...), "json.size", "troppo grande"},
		{"deep objects", []byte(strings.Repeat(`{"a":`, 100_000) + "1" + strings.Repeat("}", 100_000)), "json.syntax", "nesting deeper than 200"},
		{"deep arrays", []byte(`{"sections":` + strings.Repeat("[", 1_000_000)), "json.syntax", "nesting deeper than 200"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.data)
			var le *LoadError
			if !errors.As(err, &le) || len(le.Problems) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			if p := le.Problems[0]; p.Key != tc.key || !strings.Contains(p.Msg.IT, tc.it) || p.Msg.EN == "" {
				t.Fatalf("got %+v", p)
			}
		})
	}
}

// BenchmarkLoad40000Problems: issue 11 asks for well under a second.
func BenchmarkLoad40000Problems(b *testing.B) {
	data := manyProblemsCall(40_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Load(data); err == nil {
			b.Fatal("no problems")
		}
	}
}

// halfMegabyteCall is the FAMI call with its sections copied under new ids until it weighs
// 0.5 MB: the copies' conditions name the original sections, so the call stays valid.
func halfMegabyteCall(t testing.TB) []byte {
	data, err := os.ReadFile("calls/toscana-fami-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	orig := c["sections"].([]any)
	secs := append([]any(nil), orig...)
	for k := 1; ; k++ {
		for _, s := range orig {
			cp := maps.Clone(s.(map[string]any))
			cp["id"] = fmt.Sprintf("%s_%d", cp["id"], k)
			secs = append(secs, cp)
		}
		c["sections"] = secs
		out, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if len(out) >= 500_000 {
			return out
		}
	}
}

func TestHalfMegabyteCallLoads(t *testing.T) {
	if _, err := Load(halfMegabyteCall(t)); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkLoadHalfMegabyte: issue 11 asks for the lint of a 0.5 MB call in at most a second.
func BenchmarkLoadHalfMegabyte(b *testing.B) {
	data := halfMegabyteCall(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Load(data); err != nil {
			b.Fatal(err)
		}
	}
}
