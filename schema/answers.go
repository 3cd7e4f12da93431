package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// Answers are an applicant's answers, shaped like JSON: section id → field id → value, where a
// group's value is a list of items and each item maps field ids to values. Values are string,
// bool, int64 (money, integral numbers), float64, []any (multichoice: strings; group: items)
// and map[string]any. Unknown keys are kept: an answer to a field a later call version drops
// must never vanish from the applicant's file.
type Answers map[string]any

// DecodeAnswers reads answers from JSON, keeping integers exact (euro cents must not pass
// through float64 rounding). Its cost is linear in the size of data (see decodeAnswersJSON).
func DecodeAnswers(data []byte) (Answers, error) {
	m, err := decodeAnswersJSON(data)
	if err != nil {
		return nil, err
	}
	return Answers(m), nil
}

// Clone returns a deep copy of the answers.
func (a Answers) Clone() Answers {
	if a == nil {
		return Answers{}
	}
	return Answers(deepCopy(map[string]any(a)).(map[string]any))
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	case []string:
		return append([]string(nil), x...)
	}
	return v
}

// PathElem is one step of an answer path: a name, with the item index when it is a group item.
type PathElem struct {
	Name  string
	Index int // -1 when the step is not an item
}

// ParsePath parses an answer path such as "ats.membri[2].cf".
func ParsePath(s string) ([]PathElem, error) {
	if s == "" {
		return nil, fmt.Errorf("empty path")
	}
	var out []PathElem
	for _, part := range strings.Split(s, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 {
			if !strings.HasSuffix(part, "]") {
				return nil, fmt.Errorf("path %q: ']' expected", s)
			}
			n, err := strconv.Atoi(part[i+1 : len(part)-1])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("path %q: bad index", s)
			}
			name, idx = part[:i], n
		}
		if name == "" {
			return nil, fmt.Errorf("path %q: empty name", s)
		}
		out = append(out, PathElem{name, idx})
	}
	return out, nil
}

// Get returns the value at an answer path, or nil.
func (a Answers) Get(path string) any {
	p, err := ParsePath(path)
	if err != nil {
		return nil
	}
	var v any = map[string]any(a)
	for _, e := range p {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[e.Name]
		if e.Index >= 0 {
			l, ok := v.([]any)
			if !ok || e.Index >= len(l) {
				return nil
			}
			v = l[e.Index]
		}
	}
	return v
}

// Set stores v at an answer path, creating sections and items on the way. A nil v removes the
// answer. Indices may point one past the end of a group, which appends an item.
func (a Answers) Set(path string, v any) error {
	p, err := ParsePath(path)
	if err != nil {
		return err
	}
	m := map[string]any(a)
	for i, e := range p {
		last := i == len(p)-1
		if e.Index < 0 {
			if last {
				if v == nil {
					delete(m, e.Name)
				} else {
					m[e.Name] = v
				}
				return nil
			}
			next, ok := m[e.Name].(map[string]any)
			if !ok {
				if m[e.Name] != nil {
					return fmt.Errorf("path %q: %s is not a section or item", path, e.Name)
				}
				next = map[string]any{}
				m[e.Name] = next
			}
			m = next
			continue
		}
		l, _ := m[e.Name].([]any)
		if e.Index > len(l) {
			return fmt.Errorf("path %q: item %d does not exist", path, e.Index)
		}
		if e.Index == len(l) {
			l = append(l, map[string]any{})
			m[e.Name] = l
		}
		if last {
			l[e.Index] = v
			return nil
		}
		item, ok := l[e.Index].(map[string]any)
		if !ok {
			item = map[string]any{}
			l[e.Index] = item
		}
		m = item
	}
	return nil
}

// Items returns the items of the group at path.
func (a Answers) Items(path string) []any {
	l, _ := a.Get(path).([]any)
	return l
}

// AddItem appends an empty item to the group at path and returns its index.
func (a Answers) AddItem(path string) (int, error) {
	n := len(a.Items(path))
	return n, a.Set(fmt.Sprintf("%s[%d]", path, n), map[string]any{})
}

// RemoveItem deletes item i of the group at path.
func (a Answers) RemoveItem(path string, i int) error {
	l := a.Items(path)
	if i < 0 || i >= len(l) {
		return fmt.Errorf("path %q: item %d does not exist", path, i)
	}
	return a.Set(path, append(l[:i:i], l[i+1:]...))
}

// DuplicateItem inserts a copy of item i of the group at path right after it and returns the
// copy's index. The copy has no item id (ItemID): the caller gives it a new one
// (Call.AssignItemIDs), so choices naming the original keep naming the original.
func (a Answers) DuplicateItem(path string, i int) (int, error) {
	l := a.Items(path)
	if i < 0 || i >= len(l) {
		return -1, fmt.Errorf("path %q: item %d does not exist", path, i)
	}
	cp := deepCopy(l[i])
	if m, ok := cp.(map[string]any); ok {
		delete(m, ItemID)
	}
	out := make([]any, 0, len(l)+1)
	out = append(append(append(out, l[:i+1]...), cp), l[i+1:]...)
	return i + 1, a.Set(path, out)
}

// MoveItem moves item i of the group at path to position j.
func (a Answers) MoveItem(path string, i, j int) error {
	l := a.Items(path)
	if i < 0 || i >= len(l) || j < 0 || j >= len(l) {
		return fmt.Errorf("path %q: cannot move item %d to %d", path, i, j)
	}
	it := l[i]
	copy(l[i:], l[i+1:])
	l = l[:len(l)-1]
	l = append(l[:j], append([]any{it}, l[j:]...)...)
	return a.Set(path, l)
}

// isEmpty: no answer. Blank text counts as none; false is an answer to a yes/no question.
func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		if x != "" && x[0] > ' ' && x[0] < 0x80 {
			return false // starts with a letter, digit or sign: not blank, without trimming
		}
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	case []string:
		return len(x) == 0
	}
	return false
}
