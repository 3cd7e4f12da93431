package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
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

	at int // byte offset + 1, turned into Pos by linter.err; 0 when Pos is set already
}

func (p Problem) String() string { return p.Format(IT) }

// Format renders the problem in lang as "line:column: path: message".
func (p Problem) Format(lang Lang) string {
	return fmt.Sprintf("%s: %s: %s", p.Pos, p.Path, p.Msg.In(lang))
}

// LoadError lists the problems Load found, in document order: the first MaxProblems of them,
// and how many more there are. A broken generator can write a call with forty thousand
// mistakes; nobody reads past the first screenful, and the same mistake repeated is fixed once.
type LoadError struct {
	Problems []Problem
	More     int // problems found but not listed
}

// MaxProblems is the most problems a LoadError lists.
const MaxProblems = 1000

func (e *LoadError) Error() string { return e.Format(IT) }

// Format renders every problem in lang, one per line, and then how many were left out.
func (e *LoadError) Format(lang Lang) string {
	lines := make([]string, len(e.Problems), len(e.Problems)+1)
	for i, p := range e.Problems {
		lines[i] = p.Format(lang)
	}
	if more := e.Omitted(lang); more != "" {
		lines = append(lines, more)
	}
	return strings.Join(lines, "\n")
}

// Omitted says in lang how many problems are not listed ("… e altri 39000 problemi"), or "".
func (e *LoadError) Omitted(lang Lang) string {
	switch {
	case e.More <= 0:
		return ""
	case lang == EN && e.More == 1:
		return "… and 1 more problem"
	case lang == EN:
		return fmt.Sprintf("… and %d more problems", e.More)
	case e.More == 1:
		return "… e un altro problema"
	}
	return fmt.Sprintf("… e altri %d problemi", e.More)
}

// MaxCallSize bounds a call schema file: the largest shipped call is under 100 KB.
const MaxCallSize = 4 << 20

// SupportedFormatVersion is the newest call format this code reads.
const SupportedFormatVersion = 1

// Load parses, checks and compiles a call schema. It returns a *LoadError listing every
// problem (not just the first), each with its JSON path and line:column.
func Load(data []byte) (*Call, error) {
	l := &linter{data: data}
	if len(data) > MaxCallSize {
		l.problemAt(0, "$", "json.size", "il file del bando è troppo grande (%d byte, al massimo %d)", "the call file is too large (%d bytes, at most %d)", len(data), MaxCallSize)
		return nil, l.err()
	}
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
	c.src = &callSource{data: bytes.Clone(data)}
	return &c, nil
}

type linter struct {
	data     []byte
	problems []Problem
	fields   map[reflect.Type]*jsonFields // by struct type, for shape: reflection once per type
}

// jsonFields are the JSON keys of a struct type and the types they decode into.
type jsonFields struct {
	types map[string]reflect.Type
	names []string          // in declaration order, for messages
	hints map[string]string // unknown key → the known key it is probably a typo of, or ""
}

// hint is the known key closest to the unknown key k (at most two edits away), or "". A
// generated call repeats the same typo on every field: it is worked out once.
func (f *jsonFields) hint(k string) string {
	if h, ok := f.hints[k]; ok {
		return h
	}
	best, bestD := "", 3
	for _, nm := range f.names {
		if d := expr.EditDistance(k, nm); d < bestD {
			best, bestD = nm, d
		}
	}
	if f.hints == nil {
		f.hints = map[string]string{}
	}
	f.hints[k] = best
	return best
}

func (l *linter) jsonFields(t reflect.Type) *jsonFields {
	if f := l.fields[t]; f != nil {
		return f
	}
	f := &jsonFields{types: map[string]reflect.Type{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || name == "" || name == "-" {
			continue
		}
		f.types[name] = sf.Type
		f.names = append(f.names, name)
	}
	if l.fields == nil {
		l.fields = map[reflect.Type]*jsonFields{}
	}
	l.fields[t] = f
	return f
}

// err sorts the problems in document order, caps them at MaxProblems and turns their byte
// offsets into lines and columns in one pass over the file: computed per problem, positions
// cost the file's size times the number of problems (minutes for forty thousand).
func (l *linter) err() error {
	ps := l.problems
	offsets := make([]int, 0, len(ps))
	for i := range ps {
		if ps[i].at > 0 {
			offsets = append(offsets, ps[i].at-1)
		}
	}
	slices.Sort(offsets)
	pos := positionsAt(l.data, offsets)
	for i := range ps {
		if ps[i].at > 0 {
			k, _ := slices.BinarySearch(offsets, ps[i].at-1)
			ps[i].Pos, ps[i].at = pos[k], 0
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	e := &LoadError{Problems: ps}
	if len(ps) > MaxProblems {
		e.Problems, e.More = slices.Clip(ps[:MaxProblems]), len(ps)-MaxProblems
	}
	return e
}

func (l *linter) problemAt(off int, path, key, it, en string, args ...any) {
	l.problemText(off, path, key, Text{IT: fmt.Sprintf(it, args...), EN: fmt.Sprintf(en, args...)})
}

// problemText records a problem at byte offset off; its line and column are computed by err.
func (l *linter) problemText(off int, path, key string, msg Text) {
	l.problems = append(l.problems, Problem{Path: path, Key: key, Msg: msg, at: max(off, 0) + 1})
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
		info := l.jsonFields(t)
		names := info.names
		for i, k := range n.keys {
			ft, ok := info.types[k]
			if !ok {
				hint := info.hint(k)
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
