package schema

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestIssuesAsOneByOne: the issues of a whole validation, whose paths, parameters and
// messages are made in batches (one string for the paths of an item's issues, parameters and
// the message of a duplicate made once per item they name), are the issues the
// keystroke paths make one at a time: ValidateField for an answer's own rules, ValidateItem for
// a per-item check, Reword for every message. Random proposals of the FAMI call, with answers
// blanked, repeated across items and spoiled, in both languages.
func TestIssuesAsOneByOne(t *testing.T) {
	c, err := Shipped(DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	spoil := []any{"", " ", "x", "12345678903", "RCCMNL83S18D969H", "2024-02-30", "a@b", true, false, 12.0, nil}
	keys := map[string]int{}
	for seed := range uint64(60) {
		r := rand.New(rand.NewPCG(seed, 5))
		a := Sample(c, func(g *Field) int { return r.IntN(12) })
		pool := map[string][]any{} // the answers given to each field name, to repeat
		var walk func(m map[string]any)
		walk = func(m map[string]any) {
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range m {
					if !yield(k) {
						return
					}
				}
			}) {
				switch x := m[k].(type) {
				case map[string]any:
					walk(x)
				case []any:
					for _, it := range x {
						if im, ok := it.(map[string]any); ok {
							walk(im)
						}
					}
				default:
					if k == "_id" {
						continue
					}
					pool[k] = append(pool[k], x)
					switch r.IntN(6) {
					case 0:
						m[k] = spoil[r.IntN(len(spoil))]
					case 1:
						m[k] = pool[k][r.IntN(len(pool[k]))]
					}
				}
			}
		}
		walk(a)
		for _, lang := range []Lang{IT, EN} {
			for _, is := range c.Validate(a, lang) {
				keys[strings.SplitN(is.Key, ".", 2)[0]]++
				if got := c.Reword(is, lang); got != is.Message {
					t.Fatalf("seed %d %s: %s %s: message %q, worded one by one %q", seed, lang, is.Path, is.Key, is.Message, got)
				}
				var want *Issue
				switch {
				case strings.HasPrefix(is.Key, "check."):
					if is.Path == "" || !strings.Contains(is.Path, "[") {
						continue // a call-level check: made as before
					}
					for _, res := range c.ValidateItem(a, is.Path, lang) {
						if res.Key == is.Key && res.Issue != nil && (res.Issue.Path == is.Path) {
							want = res.Issue
						}
					}
				case is.Key == "unique":
					f := c.Field(is.Path)
					n, err := strconv.Atoi(is.Params["n"])
					if f == nil || err != nil || is.Params["item"] != itemNumber(f.group, n-1, lang) || len(is.Params) != 2 {
						t.Fatalf("seed %d: %v", seed, is)
					}
					continue
				case strings.HasPrefix(is.Key, "repeat.") || is.Key == "choice.item" || c.Field(is.Path) == nil || c.Field(is.Path).Type == TypeGroup:
					continue
				default:
					want = c.ValidateField(a, is.Path, lang)
				}
				if want == nil || !reflect.DeepEqual(*want, is) {
					t.Fatalf("seed %d %s: in Validate %#v\none by one %#v", seed, lang, is, want)
				}
			}
		}
	}
	for _, k := range []string{"check", "unique", "required", "cf", "numeric"} {
		if keys[k] == 0 {
			t.Errorf("no %s issue in any proposal: the comparison proves little (%v)", k, keys)
		}
	}
}

// TestTypeIssueWording: an answer of the wrong kind says what the field takes, per type.
func TestTypeIssueWording(t *testing.T) {
	for _, tc := range []struct {
		typ    FieldType
		it, en string
	}{
		{TypeNumber, "un numero", "a number"},
		{TypeMoney, "un importo in centesimi", "an amount in cents"},
		{TypeBoolean, "sì o no", "yes or no"},
		{TypeDeclaration, "l'accettazione", "an acceptance"},
		{TypeMultiChoice, "un elenco di scelte", "a list of choices"},
		{TypeGroup, "un elenco di voci", "a list of entries"},
		{TypeText, "un testo", "a text"},
		{TypeDate, "un testo", "a text"},
		{TypeChoice, "un testo", "a text"},
	} {
		f := &Field{Type: tc.typ}
		for lang, want := range map[Lang]string{IT: tc.it, EN: tc.en} {
			is := typeIssue(f, "s.x", lang)
			if is.Key != "type" || is.Path != "s.x" || is.Params["expected"] != want || !strings.Contains(is.Message, want) {
				t.Errorf("%s in %s: %+v, want %q", tc.typ, lang, is, want)
			}
		}
	}
}

// TestShortcutsAsPlain: isEmpty and maxChars decide without trimming or counting runes when
// the first byte or the length in bytes already tells; the verdict is the plain one for every
// text, ASCII or not, as is the size rules'.
func TestShortcutsAsPlain(t *testing.T) {
	texts := []string{"", " ", "\t\n", "a", " a", "a ", "\u00a0", "\u0085", "\u0085x", "\u2003", "\x7f", "!", "é", "éé", "ééé", "abc", "\xff", "a\u00a0"}
	for _, s := range texts {
		if got, want := isEmpty(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("isEmpty(%q) = %v, want %v", s, got, want)
		}
		runes := float64(len([]rune(s)))
		for _, op := range []string{"min", "max", "len", "gte", "lte", "gt", "lt"} {
			for n := range 7 {
				r := &sizeRule{op, float64(n)}
				want := map[string]bool{"min": runes >= r.n, "gte": runes >= r.n, "max": runes <= r.n, "lte": runes <= r.n, "len": runes == r.n, "gt": runes > r.n, "lt": runes < r.n}[op]
				if got := r.holds(TypeText, &value{s: s}); got != want {
					t.Errorf("%s=%d on %q: %v, want %v", op, n, s, got, want)
				}
				f := &Field{Type: TypeText, MaxChars: n + 1}
				if got, want := checkText(f, s, IT) == nil, int(runes) <= n+1; got != want {
					t.Errorf("maxChars %d on %q: within %v, want %v", n+1, s, got, want)
				}
			}
		}
	}
}
