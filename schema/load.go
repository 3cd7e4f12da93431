package schema

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"bando/schema/expr"
)

// Problem is one thing wrong in a call schema: where (a JSON path such as
// "$.sections[0].fields[2].when" and its line:column), a stable key, and the message.
type Problem struct {
	Path string   `json:"path"`
	Pos  Position `json:"pos"`
	Key  string   `json:"key"`
	Msg  Text     `json:"message"`
}

func (p Problem) String() string { return p.Format(IT) }

// Format renders the problem in lang as "line:column: path: message".
func (p Problem) Format(lang Lang) string {
	return fmt.Sprintf("%s: %s: %s", p.Pos, p.Path, p.Msg.In(lang))
}

// LoadError lists every problem Load found, in document order.
type LoadError struct {
	Problems []Problem
}

func (e *LoadError) Error() string { return e.Format(IT) }

// Format renders every problem in lang, one per line.
func (e *LoadError) Format(lang Lang) string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Format(lang)
	}
	return strings.Join(lines, "\n")
}

// SupportedFormatVersion is the newest call format this code reads.
const SupportedFormatVersion = 1

// Load parses, checks and compiles a call schema. It returns a *LoadError listing every
// problem (not just the first), each with its JSON path and line:column.
func Load(data []byte) (*Call, error) {
	l := &linter{data: data}
	root, err := parseJSONPos(data)
	if err != nil {
		off := 0
		if se, ok := err.(*jsonSyntaxError); ok {
			off = se.Offset
		}
		l.problemAt(off, "$", "json.syntax", "JSON non valido: %s", "invalid JSON: %s", err.Error())
		return nil, l.err()
	}
	if root.kind != 'o' {
		l.problemAt(root.off, "$", "json.type", "il file deve contenere un oggetto JSON { … }", "the file must hold a JSON object { … }")
		return nil, l.err()
	}
	l.shape(root, reflect.TypeOf(Call{}), "$")
	if len(l.problems) > 0 {
		return nil, l.err()
	}
	var c Call
	if err := json.Unmarshal(data, &c); err != nil {
		l.problemAt(0, "$", "json.decode", "il file non si può leggere: %s", "the file cannot be read: %s", err.Error())
		return nil, l.err()
	}
	l.call(&c, root)
	if len(l.problems) > 0 {
		return nil, l.err()
	}
	return &c, nil
}

type linter struct {
	data     []byte
	problems []Problem
}

func (l *linter) err() error {
	sort.SliceStable(l.problems, func(i, j int) bool {
		a, b := l.problems[i].Pos, l.problems[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	return &LoadError{Problems: l.problems}
}

func (l *linter) problemAt(off int, path, key, it, en string, args ...any) {
	l.problems = append(l.problems, Problem{
		Path: path,
		Pos:  PositionAt(l.data, off),
		Key:  key,
		Msg:  Text{IT: fmt.Sprintf(it, args...), EN: fmt.Sprintf(en, args...)},
	})
}

func (l *linter) problem(n *jsonNode, path, key, it, en string, args ...any) {
	off := 0
	if n != nil {
		off = n.off
	}
	l.problemAt(off, path, key, it, en, args...)
}

var (
	textType   = reflect.TypeOf(Text{})
	optionType = reflect.TypeOf(Option{})
	uniqueType = reflect.TypeOf(Unique(""))
)

// shape compares a JSON node with the Go type it decodes into: unknown keys (usually typos:
// "lable") and values of the wrong kind are reported with their position, all of them.
func (l *linter) shape(n *jsonNode, t reflect.Type, path string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.kind == 'z' {
		return // null: the zero value, lint decides whether it was needed
	}
	if t == optionType && n.kind == 's' || t == uniqueType && (n.kind == 'b' || n.kind == 's') {
		return
	}
	want := ""
	switch t.Kind() {
	case reflect.Struct:
		if n.kind != 'o' {
			want = "object"
			break
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := range t.NumField() {
			sf := t.Field(i)
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if !sf.IsExported() || name == "" || name == "-" {
				continue
			}
			fields[name] = sf.Type
			names = append(names, name)
		}
		for i, k := range n.keys {
			ft, ok := fields[k]
			if !ok {
				hint := ""
				best, bestD := "", 3
				for _, nm := range names {
					if d := expr.EditDistance(k, nm); d < bestD {
						best, bestD = nm, d
					}
				}
				if best != "" {
					hint = best
				}
				if t == textType {
					l.problemAt(n.koffs[i], path+"."+k, "json.unknown_lang", "lingua %q non prevista: usa \"it\" ed \"en\"", "language %q not supported: use \"it\" and \"en\"", k)
				} else if hint != "" {
					l.problemAt(n.koffs[i], path+"."+k, "json.unknown_key", "chiave %q sconosciuta: forse %q?", "unknown key %q: did you mean %q?", k, hint)
				} else {
					l.problemAt(n.koffs[i], path+"."+k, "json.unknown_key", "chiave %q sconosciuta (previste: %s)", "unknown key %q (expected: %s)", k, strings.Join(names, ", "))
				}
				continue
			}
			l.shape(n.vals[i], ft, path+"."+k)
		}
		return
	case reflect.Slice:
		if n.kind != 'a' {
			want = "array"
			break
		}
		for i, e := range n.vals {
			l.shape(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
		return
	case reflect.String:
		if n.kind != 's' {
			want = "string"
		}
	case reflect.Int, reflect.Int64:
		if n.kind != 'n' {
			want = "number"
		} else if strings.ContainsAny(n.str, ".eE") {
			l.problem(n, path, "json.type", "serve un numero intero, non %s", "a whole number is expected, not %s", n.str)
		}
	case reflect.Bool:
		if n.kind != 'b' {
			want = "boolean"
		}
	}
	if want != "" {
		l.problem(n, path, "json.type", "serve un valore di tipo %s, trovato %s", "a %s is expected, found a %s", kindIT(want), n.kindName())
	}
}

func kindIT(k string) string {
	return map[string]string{"object": "oggetto { }", "array": "elenco [ ]", "string": "testo", "number": "numero", "boolean": "true/false"}[k] + " (" + k + ")"
}
