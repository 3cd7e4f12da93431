package main

import (
	"regexp"
	"sort"
	"strings"
)

// A rule is one item of a CSS rule list: a style rule (prelude is its selector list), an
// at-rule with a block (@media …{…}), or an at-rule statement (@import …;).
type rule struct {
	prelude string
	body    string // between the braces; empty for statements
	block   bool
}

// parseRules splits a rule list into its rules. Minified CSS as Bootstrap Italia ships it:
// comments are dropped (the licence comment is kept apart by purge), strings and parentheses
// are skipped whole so that a brace or semicolon in them is not taken for structure.
func parseRules(css string) []rule {
	var rules []rule
	i := 0
	for i < len(css) {
		i = skipSpaceAndComments(css, i)
		if i >= len(css) {
			break
		}
		end := scanTo(css, i, "{;")
		if end >= len(css) {
			break // a truncated rule: nothing to keep
		}
		prelude := strings.TrimSpace(css[i:end])
		if css[end] == ';' {
			rules = append(rules, rule{prelude: prelude})
			i = end + 1
			continue
		}
		close := matchBrace(css, end)
		if close < 0 {
			break // a truncated block: nothing to keep
		}
		rules = append(rules, rule{prelude: prelude, body: css[end+1 : close], block: true})
		i = close + 1
	}
	return rules
}

func skipSpaceAndComments(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r':
			i++
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return len(s)
			}
			i += 2 + end + 2
		case strings.HasPrefix(s[i:], "\ufeff"):
			i += len("\ufeff")
		default:
			return i
		}
	}
	return i
}

// scanTo returns the index of the first byte of stop at parenthesis depth 0 outside strings
// and comments, or len(s).
func scanTo(s string, i int, stop string) int {
	depth := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"' || c == '\'':
			i = skipString(s, i)
			continue
		case c == '\\':
			i += 2
			continue
		case strings.HasPrefix(s[i:], "/*"):
			i = skipSpaceAndComments(s, i)
			continue
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case depth == 0 && strings.IndexByte(stop, c) >= 0:
			return i
		}
		i++
	}
	return len(s)
}

func skipString(s string, i int) int {
	q := s[i]
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case q:
			return i + 1
		}
	}
	return len(s)
}

// matchBrace returns the index of the brace closing the one at open, or -1.
func matchBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); {
		switch c := s[i]; {
		case c == '"' || c == '\'':
			i = skipString(s, i)
			continue
		case c == '\\':
			i += 2
			continue
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return -1
}

// A keeper decides which selectors stay: those whose every class is used by the app.
type keeper struct {
	used     map[string]bool
	prefixes []string // classes made at run time from a prefix ("alert-" + kind)
}

func (k keeper) classUsed(c string) bool {
	if k.used[c] {
		return true
	}
	for _, p := range k.prefixes {
		if strings.HasPrefix(c, p) {
			return true
		}
	}
	return false
}

// keepSelectors returns the selectors of a selector list that can match the app's markup,
// joined again; "" when none can.
func (k keeper) keepSelectors(list string) string {
	var kept []string
	for _, sel := range splitTop(list, ',') {
		if k.selectorKept(sel) {
			kept = append(kept, strings.TrimSpace(sel))
		}
	}
	return strings.Join(kept, ",")
}

// selectorKept: a selector needs every class it names, except those inside a functional
// pseudo-class (:not(.disabled) matches all the more when .disabled is never used; :is and
// :where need only one of theirs) — so the arguments of parentheses are ignored, which keeps
// a few rules too many and never drops one that applies.
func (k keeper) selectorKept(sel string) bool {
	for _, c := range selectorClasses(sel) {
		if !k.classUsed(c) {
			return false
		}
	}
	return true
}

// selectorClasses lists the classes a selector requires, unescaped, outside parentheses,
// attribute selectors and strings.
func selectorClasses(sel string) []string {
	var classes []string
	depth := 0
	for i := 0; i < len(sel); i++ {
		c := sel[i]
		switch {
		case c == '"' || c == '\'':
			i = skipString(sel, i) - 1
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == '\\':
			i++
		case c == '.' && depth == 0:
			var b strings.Builder
			j := i + 1
			for j < len(sel) {
				d := sel[j]
				if d == '\\' && j+1 < len(sel) {
					j++
					// a hex escape (\31 for "1") ends with one optional space
					if isHex(sel[j]) {
						start := j
						for j < len(sel) && j-start < 6 && isHex(sel[j]) {
							j++
						}
						b.WriteRune(rune(hexValue(sel[start:j])))
						if j < len(sel) && sel[j] == ' ' {
							j++
						}
						continue
					}
					b.WriteByte(sel[j])
					j++
					continue
				}
				if !isIdent(d) {
					break
				}
				b.WriteByte(d)
				j++
			}
			if b.Len() > 0 {
				classes = append(classes, b.String())
			}
			i = j - 1
		}
	}
	return classes
}

func isIdent(c byte) bool {
	return c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexValue(h string) int {
	v := 0
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c <= '9':
			v = v*16 + int(c-'0')
		case c >= 'a':
			v = v*16 + int(c-'a'+10)
		default:
			v = v*16 + int(c-'A'+10)
		}
	}
	return v
}

// splitTop splits s at sep outside parentheses, brackets and strings.
func splitTop(s string, sep byte) []string {
	var parts []string
	start := 0
	for {
		i := scanTo(s, start, string(sep))
		parts = append(parts, s[start:i])
		if i >= len(s) {
			return parts
		}
		start = i + 1
	}
}

// nestedLists are the at-rules whose block is a rule list to purge in its turn.
var nestedLists = []string{"@media", "@supports", "@container", "@layer", "@document"}

// purgeRules keeps what the app can use of a rule list. @keyframes and @font-face are decided
// later (kept only when a kept declaration names them), so they come back apart.
func (k keeper) purgeRules(rules []rule) (kept []rule, named []rule) {
	for _, r := range rules {
		switch {
		case !r.block:
			kept = append(kept, r)
		case strings.HasPrefix(r.prelude, "@"):
			name := atName(r.prelude)
			switch {
			case contains(nestedLists, name):
				inner, innerNamed := k.purgeRules(parseRules(r.body))
				named = append(named, innerNamed...)
				if len(inner) > 0 {
					kept = append(kept, rule{prelude: r.prelude, body: render(inner), block: true})
				}
			case strings.HasSuffix(name, "keyframes") || name == "@font-face":
				named = append(named, r)
			default: // @page and the like: kept as they are
				kept = append(kept, r)
			}
		default:
			if sel := k.keepSelectors(r.prelude); sel != "" {
				kept = append(kept, rule{prelude: sel, body: r.body, block: true})
			}
		}
	}
	return kept, named
}

func atName(prelude string) string {
	end := strings.IndexAny(prelude, " (\t\n")
	if end < 0 {
		return prelude
	}
	return prelude[:end]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// render writes one rule per line: the file is generated, committed, and merged by git when
// two changes to the UI each rewrite it — line by line, a conflict only where both touch the
// same rule.
func render(rules []rule) string {
	var b strings.Builder
	for i, r := range rules {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(r.prelude)
		if r.block {
			b.WriteByte('{')
			b.WriteString(r.body)
			b.WriteByte('}')
		} else {
			b.WriteByte(';')
		}
	}
	return b.String()
}

var fontFamily = regexp.MustCompile(`font-family:\s*["']?([^;"'}]+)`)

// purge returns the part of css that can apply to the app's markup, with the licence comment
// that opens it. A @keyframes stays when a kept rule names it; a @font-face when a kept rule
// names its family (Bootstrap Italia's VideoJS icon font, a data: URI that the
// Content-Security-Policy's font-src 'self' refuses, goes with the video player's rules).
func purge(css string, k keeper) string {
	var out strings.Builder
	css = strings.TrimPrefix(css, "\ufeff")
	if strings.HasPrefix(css, "/*!") {
		if end := strings.Index(css, "*/"); end >= 0 {
			out.WriteString(css[:end+2])
			out.WriteByte('\n')
		}
	}
	kept, named := k.purgeRules(parseRules(css))
	text := render(kept)
	var extra []rule
	for _, r := range named {
		name := atName(r.prelude)
		switch {
		case name == "@font-face":
			m := fontFamily.FindStringSubmatch(r.body)
			if m != nil && strings.Contains(text, strings.TrimSpace(m[1])) {
				extra = append(extra, r)
			}
		default:
			ident := strings.TrimSpace(strings.TrimPrefix(r.prelude, name))
			if ident != "" && containsWord(text, ident) {
				extra = append(extra, r)
			}
		}
	}
	if len(extra) > 0 {
		out.WriteString(render(extra))
		out.WriteByte('\n')
	}
	out.WriteString(text)
	out.WriteByte('\n')
	return out.String()
}

// containsWord reports whether name appears in text as a whole CSS identifier.
func containsWord(text, name string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isIdent(text[j-1])
		after := j+len(name) >= len(text) || !isIdent(text[j+len(name)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

// sortedKeys is for the report: which used classes the stylesheet does not define.
func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
