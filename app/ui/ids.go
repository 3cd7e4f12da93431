package ui

import (
	"strconv"
	"strings"
)

// FieldID is the HTML id of the input that answers path, e.g. "ats.membri[2].cf" →
// "f-ats--membri-2--cf". Ids avoid '.', '[' and ']' so they work in CSS selectors and in URL
// fragments without escaping; the error summary and the review page link to them, and the
// browser tests find fields by them. Choices and checkboxes give it to their first option.
func FieldID(path string) string {
	var b strings.Builder
	b.Grow(len(path) + 8)
	b.WriteString("f-")
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '.':
			b.WriteString("--")
		case '[':
			b.WriteByte('-')
		case ']':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// targetID is the id of the element a link to the message at path focuses: the input of a
// question, the heading of an item of a group ("ats.membri[2]": a check on the whole item).
func targetID(path string) string {
	if strings.HasSuffix(path, "]") {
		return itemHeadingID(path)
	}
	return FieldID(path)
}

// errorID and helpID are the ids of a field's message and help text, for aria-describedby.
func errorID(path string) string { return FieldID(path) + "-err" }
func helpID(path string) string  { return FieldID(path) + "-help" }

// sectionOf returns the section id of an answer path: "ats.membri[2].cf" → "ats".
func sectionOf(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

// itemPath is the answer path of item i of the group at path.
func itemPath(group string, i int) string { return group + "[" + strconv.Itoa(i) + "]" }

// reindex keeps per-path state with its item when the items of group change places: newIndex
// maps an item's old index to its new one, or -1 when the item is gone. Keys outside the group
// are kept as they are.
func reindex[T any](m map[string]T, group string, newIndex func(old int) int) {
	prefix := group + "["
	type moved struct {
		key string
		v   T
	}
	var out []moved
	for k, v := range m {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		end := strings.IndexByte(k[len(prefix):], ']')
		if end < 0 {
			continue
		}
		old, err := strconv.Atoi(k[len(prefix) : len(prefix)+end])
		if err != nil {
			continue
		}
		delete(m, k)
		if n := newIndex(old); n >= 0 {
			out = append(out, moved{itemPath(group, n) + k[len(prefix)+end+1:], v})
		}
	}
	for _, x := range out {
		m[x.key] = x.v
	}
}

// afterRemove and afterMove are the newIndex functions of reindex for Answers.RemoveItem and
// Answers.MoveItem.
func afterRemove(removed int) func(int) int {
	return func(old int) int {
		switch {
		case old == removed:
			return -1
		case old > removed:
			return old - 1
		}
		return old
	}
}

func afterMove(from, to int) func(int) int {
	return func(old int) int {
		switch {
		case old == from:
			return to
		case from < to && old > from && old <= to:
			return old - 1
		case to < from && old >= to && old < from:
			return old + 1
		}
		return old
	}
}

// afterInsert maps the items after an item inserted at position at one place down.
func afterInsert(at int) func(int) int {
	return func(old int) int {
		if old >= at {
			return old + 1
		}
		return old
	}
}
