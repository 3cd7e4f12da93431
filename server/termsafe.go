package main

// Everything the CLI prints may hold text from outside: answers and file names from a draft or
// a support bundle, names from a signer's certificate, messages that quote them. A terminal
// acts on some characters instead of showing them — ESC starts sequences that move the cursor,
// clear the screen or retitle the window; CR returns to the start of the line and lets a later
// text overwrite "NOT valid"; bidi overrides show "fdp.exe" as "exe.pdf" — so a hostile file
// could rewrite the report an operator reads. Every printer of this package goes through
// termSafe (tprintf, tprintln, exitCode) and every JSON printer through jsonTermSafe: those
// characters are shown as escapes (\x1b, \r, \u202e) instead.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// unsafeRune reports whether a terminal could act on r instead of showing it: C0 controls (tab
// and newline included: a newline inside a value could forge a line of the report), DEL, C1
// controls, the bidirectional marks, embeddings, overrides and isolates, and the Unicode line
// and paragraph separators.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, 0x80 <= r && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// termSafe returns s with every unsafe rune (see unsafeRune) and every byte that is not UTF-8
// written as a Go escape: \a \b \t \n \v \f \r, \xNN below U+0100 and for stray bytes, \uNNNN
// above. Anything else is kept as it is, accents and other scripts included.
func termSafe(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unsafeRune(r):
			b.WriteString(s[i : i+n])
		case strings.ContainsRune("\a\b\t\n\v\f\r", r):
			b.WriteString(`\` + string("abtnvfr"[strings.IndexRune("\a\b\t\n\v\f\r", r)]))
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// safeArgs escapes the arguments of a printf: strings, errors and Stringers become their
// escaped text; numbers, times and the rest print as fmt prints them.
func safeArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch x := a.(type) {
		case string:
			out[i] = termSafe(x)
		case error:
			out[i] = termSafe(x.Error())
		case fmt.Stringer:
			out[i] = termSafe(x.String())
		case []string:
			s := make([]string, len(x))
			for j, e := range x {
				s[j] = termSafe(e)
			}
			out[i] = s
		default:
			out[i] = a
		}
	}
	return out
}

// tprintf is fmt.Fprintf with every argument escaped by termSafe; the format is the program's
// own text and prints as it is.
func tprintf(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, format, safeArgs(args)...)
}

// tprintln is fmt.Fprintln with every argument escaped by termSafe.
func tprintln(w io.Writer, args ...any) {
	fmt.Fprintln(w, safeArgs(args)...)
}

// tprintLines prints a text of several lines (a guide, a report) line by line, each escaped.
func tprintLines(w io.Writer, text string) {
	for line := range strings.Lines(text) {
		tprintln(w, strings.TrimSuffix(line, "\n"))
	}
}

// writeJSON prints v as indented JSON, with the runes of unsafeRune that encoding/json leaves
// as they are (DEL, C1 controls, bidi controls) written as \u escapes: still the same JSON
// text for any reader, harmless on a terminal.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(jsonTermSafe(buf.Bytes()))
	return err
}

// jsonTermSafe escapes, in JSON text, the runes of unsafeRune that encoding/json writes raw.
// Outside strings JSON has only ASCII punctuation, so every such rune is inside a string, where
// \uNNNN means the same rune.
func jsonTermSafe(data []byte) []byte {
	if !bytes.ContainsFunc(data, func(r rune) bool { return r >= 0x7f && unsafeRune(r) }) {
		return data
	}
	var b bytes.Buffer
	b.Grow(len(data) + 16)
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r >= 0x7f && unsafeRune(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.Write(data[i : i+n])
		}
		i += n
	}
	return b.Bytes()
}
