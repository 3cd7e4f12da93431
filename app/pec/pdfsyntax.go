package pec

import (
	"bytes"
	"strconv"
)

// Just enough PDF syntax to judge what an incremental update changed (revisions.go): object
// headers found in one linear pass, and the tokens of an object's dictionary, compared as a
// PDF reader understands them (white space, number spelling and string encoding do not
// matter). No stream is decoded: an update that hides objects in compressed streams is refused
// as unverifiable, never trusted.

// pdfObject is one "N G obj … endobj" of the file.
type pdfObject struct {
	num, gen int
	at       int      // offset of the header in the file
	toks     []string // the object's tokens up to "stream" or "endobj"
	stream   bool     // the object is a stream
}

// maxObjectTokens bounds the tokens kept of one object: signature dictionaries and catalogs
// have tens; a hostile object of millions is cut (and then compares unequal, so refused).
const maxObjectTokens = 4096

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// scanObjects finds the objects of b (at file offset base) in one pass: each header, and the
// body to the next "endobj". Headers inside a body are not objects of their own; an xref
// entry pointing at one is caught by the xref check.
func scanObjects(b []byte, base int) []pdfObject {
	var out []pdfObject
	kw := []byte("obj")
	for i := 0; i < len(b); {
		j := bytes.Index(b[i:], kw)
		if j < 0 {
			break
		}
		at := i + j
		i = at + len(kw)
		if at+3 < len(b) && !isPDFSpace(b[at+3]) && !isPDFDelim(b[at+3]) {
			continue // "object", "objstm"…
		}
		num, gen, start, ok := headerBefore(b, at)
		if !ok {
			continue
		}
		end := bytes.Index(b[i:], []byte("endobj"))
		body := b[i:]
		if end >= 0 {
			body = b[i : i+end]
			i += end + len("endobj")
		} else {
			i = len(b)
		}
		toks, stream := tokens(body, maxObjectTokens, false)
		out = append(out, pdfObject{num: num, gen: gen, at: base + start, toks: toks, stream: stream})
	}
	return out
}

// headerBefore reads "N G " before the "obj" at offset at.
func headerBefore(b []byte, at int) (num, gen, start int, ok bool) {
	p := at
	digits := func() (int, bool) {
		for p > 0 && isPDFSpace(b[p-1]) {
			p--
		}
		e := p
		for p > 0 && e-p < 10 && b[p-1] >= '0' && b[p-1] <= '9' {
			p--
		}
		if p == e {
			return 0, false
		}
		n, err := strconv.Atoi(string(b[p:e]))
		return n, err == nil
	}
	if p == 0 || !isPDFSpace(b[p-1]) {
		return 0, 0, 0, false
	}
	if gen, ok = digits(); !ok {
		return
	}
	if num, ok = digits(); !ok {
		return
	}
	if p > 0 && !isPDFSpace(b[p-1]) && !isPDFDelim(b[p-1]) {
		return 0, 0, 0, false
	}
	return num, gen, p, true
}

// tokens splits PDF syntax into tokens: delimiters ("<<", "[", …), names ("/Type"), strings
// as "(" and their decoded bytes (literal and hex spellings alike), numbers as "#" and their
// canonical value, keywords as they are. It stops at "stream" (reporting it) or after max,
// or with oneValue once the dictionary or array it begins with is closed.
func tokens(b []byte, max int, oneValue bool) (out []string, stream bool) {
	depth := 0
	for i := 0; i < len(b) && len(out) < max; {
		if oneValue && len(out) > 0 {
			switch out[len(out)-1] {
			case "<<", "[":
				depth++
			case ">>", "]":
				if depth--; depth <= 0 {
					return out, false
				}
			}
		}
		c := b[i]
		switch {
		case isPDFSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			out = append(out, "<<")
			i += 2
		case c == '>' && i+1 < len(b) && b[i+1] == '>':
			out = append(out, ">>")
			i += 2
		case c == '[' || c == ']' || c == '{' || c == '}':
			out = append(out, string(c))
			i++
		case c == '/':
			j := i + 1
			var name []byte
			for j < len(b) && !isPDFSpace(b[j]) && !isPDFDelim(b[j]) {
				if b[j] == '#' && j+2 < len(b) {
					if v, err := strconv.ParseUint(string(b[j+1:j+3]), 16, 8); err == nil {
						name = append(name, byte(v))
						j += 3
						continue
					}
				}
				name = append(name, b[j])
				j++
			}
			out = append(out, "/"+string(name))
			i = j
		case c == '(':
			s, next := literalString(b, i)
			out = append(out, "("+string(s))
			i = next
		case c == '<':
			j := i + 1
			var h []byte
			for j < len(b) && b[j] != '>' {
				if !isPDFSpace(b[j]) {
					h = append(h, b[j])
				}
				j++
			}
			if len(h)%2 == 1 {
				h = append(h, '0')
			}
			s := make([]byte, len(h)/2)
			for k := range s {
				v, _ := strconv.ParseUint(string(h[2*k:2*k+2]), 16, 8)
				s[k] = byte(v)
			}
			out = append(out, "("+string(s))
			i = j + 1
		case c == '>' || c == ')':
			out = append(out, string(c))
			i++
		default:
			j := i
			for j < len(b) && !isPDFSpace(b[j]) && !isPDFDelim(b[j]) {
				j++
			}
			w := string(b[i:j])
			i = j
			if w == "stream" {
				return out, true
			}
			if c := w[0]; c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' {
				if f, err := strconv.ParseFloat(w, 64); err == nil {
					w = "#" + strconv.FormatFloat(f, 'f', -1, 64)
				}
			}
			out = append(out, w)
		}
	}
	return out, false
}

// literalString decodes the string starting with "(" at b[i]: nested parentheses and
// escapes. It returns the bytes and the offset after the closing ")".
func literalString(b []byte, i int) ([]byte, int) {
	var s []byte
	depth := 0
	for i++; i < len(b); i++ {
		c := b[i]
		switch c {
		case '\\':
			i++
			if i >= len(b) {
				return s, i
			}
			switch e := b[i]; e {
			case 'n':
				s = append(s, '\n')
			case 'r':
				s = append(s, '\r')
			case 't':
				s = append(s, '\t')
			case 'b':
				s = append(s, '\b')
			case 'f':
				s = append(s, '\f')
			case '\r', '\n':
				if e == '\r' && i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
			default:
				if e >= '0' && e <= '7' {
					v := 0
					k := 0
					for ; k < 3 && i+k < len(b) && b[i+k] >= '0' && b[i+k] <= '7'; k++ {
						v = v*8 + int(b[i+k]-'0')
					}
					s = append(s, byte(v))
					i += k - 1
				} else {
					s = append(s, e)
				}
			}
		case '(':
			depth++
			s = append(s, c)
		case ')':
			if depth == 0 {
				return s, i + 1
			}
			depth--
			s = append(s, c)
		default:
			s = append(s, c)
		}
	}
	return s, i
}

// pdfDict is a dictionary: key (with its slash) to the tokens of its value.
type pdfDict map[string][]string

// dictOf reads the dictionary an object's tokens begin with; nil when they do not.
func dictOf(toks []string) pdfDict {
	if len(toks) == 0 || toks[0] != "<<" {
		return nil
	}
	d := pdfDict{}
	for i := 1; i < len(toks); {
		if toks[i] == ">>" {
			return d
		}
		key := toks[i]
		if len(key) == 0 || key[0] != '/' {
			return d
		}
		n := valueLen(toks[i+1:])
		if n == 0 {
			return d
		}
		d[key] = toks[i+1 : i+1+n]
		i += 1 + n
	}
	return d
}

// valueLen is how many tokens the value at the start of toks takes.
func valueLen(toks []string) int {
	if len(toks) == 0 {
		return 0
	}
	switch toks[0] {
	case "<<", "[":
		depth := 0
		for i, t := range toks {
			switch t {
			case "<<", "[":
				depth++
			case ">>", "]":
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(toks)
	case ">>", "]":
		return 0
	}
	if len(toks) >= 3 && isNum(toks[0]) && isNum(toks[1]) && toks[2] == "R" {
		return 3
	}
	return 1
}

func isNum(t string) bool { return len(t) > 1 && t[0] == '#' }

// ref reads the object number of a reference value ("5 0 R"); -1 when it is not one.
func ref(v []string) int {
	if len(v) == 3 && isNum(v[0]) && v[2] == "R" {
		if n, err := strconv.Atoi(v[0][1:]); err == nil {
			return n
		}
	}
	return -1
}

// refs lists the references in a value (an array of them, or one).
func refs(v []string) []int {
	var out []int
	for i := 0; i+2 < len(v); i++ {
		if isNum(v[i]) && isNum(v[i+1]) && v[i+2] == "R" {
			if n, err := strconv.Atoi(v[i][1:]); err == nil {
				out = append(out, n)
			}
			i += 2
		}
	}
	return out
}

func (d pdfDict) is(key, name string) bool {
	v := d[key]
	return len(v) == 1 && v[0] == name
}

func sameTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
