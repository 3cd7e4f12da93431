package schema

import (
	"reflect"

	"bando/schema/expr"
	"bando/schema/itid"
)

// evalCtx is one evaluation of a call's expressions over one set of answers: a Validate, a
// Visible, a Shown. It remembers every condition (`when`) and computed value that a path has
// decided, so that conditions reading fields that have conditions of their own cost one
// evaluation per field and container: forty chained conditions are forty evaluations, not up
// to 2^40, and a total read by ten checks is added up once. The answers must
// not change while it is in use; each evaluation makes its own, so it is never shared between
// goroutines.
type evalCtx struct {
	shown  map[memoKey]bool
	values map[memoKey]any // computed fields' values, the same way
	whens  int             // conditions evaluated: what the bound above is about (tests read it)
	sums   int             // computed values evaluated, likewise
	// this is the env of the expression being evaluated that uses `this` (see compileExpr).
	this env
	// steps counts the walks of loose paths, which lint cannot bound (see Expr.eval).
	steps int
	// ext holds what only some evaluations need, made on first use: a keystroke's check
	// makes an evalCtx too, and should not pay for the room.
	ext *evalExt
}

type evalExt struct {
	// invariants are the values of nodes that have one value for every item of a per-item
	// expression (see compileNode), computed once per evaluation; keyed those that have one
	// value for each value of `this` they compare (see keyedValue).
	invariants map[*cnode]any
	keyed      map[*cnode]any // each node's map[string]any
	// stack holds the containers of the walks in progress (see scratch).
	stack []map[string]any
	// lastKeys and indexes are the keys of the items of lists that filters compare (see
	// listKeys): the list compared last (200 checks on voci in a row compare the linee), and
	// the others.
	lastList listIndexKey
	lastKeys *listKeys
	indexes  map[listIndexKey]*listKeys
	// recent is what the last codice fiscale and the last date text read gave (see toDay and
	// cfBirth): a rule often reads both twice, the birth date in a code against the one typed.
	recent *recentReads
	// seen holds, for each unique field, the answers met so far in the list being walked
	// (see validation.newList).
	seen map[*Field]map[string]int
	// plainFilters walks every filter item by item, without keys: tests compare the two.
	plainFilters bool
	// last is the condition remembered last (see known).
	last               memoKey
	lastShown, lastSet bool
	// stackBuf is the stack's first room: two nested walks.
	stackBuf [2 * maxEnv]map[string]any
}

func (c *evalCtx) more() *evalExt {
	if c.ext == nil {
		c.ext = &evalExt{}
		c.ext.stack = c.ext.stackBuf[:0]
	}
	return c.ext
}

func (c *evalCtx) recentReads() *recentReads {
	x := c.more()
	if x.recent == nil {
		x.recent = &recentReads{}
	}
	return x.recent
}

// scratch returns room for the containers of one walk of a path, and the mark to release it
// with. A walk hands its containers to conditions and filters, so they cannot stay on the Go
// stack; taking them from here instead of the heap makes a walk free of allocations. Walks
// nest (a filter walks another list), each above the one in progress; when the stack grows, a
// walk in progress keeps the old array, which nothing else writes any more.
func (c *evalCtx) scratch() (env, int) {
	x := c.more()
	n := len(x.stack)
	if n+maxEnv > cap(x.stack) {
		x.stack = append(x.stack[:n:n], make([]map[string]any, maxEnv+n)...)
	}
	x.stack = x.stack[:n+maxEnv]
	return x.stack[n : n+maxEnv : n+maxEnv], n
}

// release gives back the room scratch took at mark.
func (c *evalCtx) release(mark int) { c.ext.stack = c.ext.stack[:mark] }

// invariant returns the value of node n, which reads no item (only the answers' root and its
// section), computing it with fn the first time only.
func (c *evalCtx) invariant(n *cnode, fn evalFn, e env) any {
	x := c.more()
	if v, ok := x.invariants[n]; ok {
		return v
	}
	v := fn(c, e)
	if x.invariants == nil {
		x.invariants = make(map[*cnode]any)
	}
	x.invariants[n] = v
	return v
}

// keyedValue returns the value of node n (see cnode.keyed), computing it with fn the first
// time only for each text the outer side of its filter k gives: the check on each of 200 voci
// counts the linee of its own azione, and six azioni make six counts. Other values (numbers,
// dates: rarer, and a key of their own would cost app.wasm a map type) are not remembered.
func (c *evalCtx) keyedValue(n *cnode, fn evalFn, e env, k *eqFilter) any {
	x := c.more()
	want, ok := k.outer(c, e).(string) // a path from this: e is not read
	if !ok || x.plainFilters {
		return fn(c, e)
	}
	m, _ := x.keyed[n].(map[string]any)
	if v, ok := m[want]; ok {
		return v
	}
	v := fn(c, e)
	if m == nil {
		if x.keyed == nil {
			x.keyed = make(map[*cnode]any)
		}
		m = map[string]any{}
		x.keyed[n] = m
	}
	m[want] = v
	return v
}

// memoKey names the condition of one field or section in one place of the answers. A
// condition reads the containers from the root down to its own (names resolve outwards), so
// the identities of those containers are the place.
type memoKey struct {
	field   *Field
	section *Section
	at      [maxEnv]uintptr
}

// memoKeyOf is the key of f's (or s's) condition with e as its env. It reads e without
// keeping it, so a caller's env on the stack stays there.
func memoKeyOf(f *Field, s *Section, e env) memoKey {
	k := memoKey{field: f, section: s}
	for i, m := range e {
		k.at[i] = mapID(m)
	}
	return k
}

// mapID is the identity of a container for the length of one evaluation: the answers are not
// modified meanwhile, so no map is freed and its address reused. A missing container is 0,
// which is right: every missing container reads the same (no answers).
func mapID(m map[string]any) uintptr { return reflect.ValueOf(m).Pointer() }

// remember returns whether condition w holds at key k, evaluating it in e the first time only.
func (c *evalCtx) remember(k memoKey, w *Expr, e env) bool {
	if v, ok := c.known(k); ok {
		return v
	}
	c.whens++
	v := w.holds(c, e)
	if c.shown == nil {
		c.shown = make(map[memoKey]bool)
	}
	c.shown[k] = v
	if x := c.ext; x != nil {
		x.last, x.lastShown, x.lastSet = k, v, true
	}
	return v
}

// known returns the remembered condition at k, if any. The last one asked or decided is
// kept beside the memo: the checks on an item read the same field's condition several times
// in a row (runts_sezione in seven checks on each member), and comparing a key costs less
// than hashing it.
func (c *evalCtx) known(k memoKey) (shown, ok bool) {
	x := c.ext
	if x != nil && x.lastSet && x.last == k {
		return x.lastShown, true
	}
	shown, ok = c.shown[k]
	if ok && x != nil {
		x.last, x.lastShown, x.lastSet = k, shown, true
	}
	return shown, ok
}

// fieldShown reports whether f's condition holds with its container at the end of e. Only
// conditions that some path reads (Field.readByPath) can be asked twice in one evaluation; the
// others are evaluated once by the one walk that reaches them, without the memo's cost.
func (c *evalCtx) fieldShown(f *Field, e env) bool {
	switch {
	case f.when == nil:
		return true
	case !f.readByPath:
		c.whens++
		return f.when.holds(c, e)
	}
	return c.remember(memoKeyOf(f, nil, e), f.when, e)
}

// sectionShown is fieldShown for a section; e is the root alone.
func (c *evalCtx) sectionShown(s *Section, e env) bool {
	switch {
	case s.when == nil:
		return true
	case !s.readByPath:
		c.whens++
		return s.when.holds(c, e)
	}
	return c.remember(memoKeyOf(nil, s, e), s.when, e)
}

// computed is the value of computed field f with its container at the end of e (see
// Field.computed), evaluated at most once per container in this evaluation.
func (c *evalCtx) computed(f *Field, e env) any {
	k := memoKeyOf(f, nil, e)
	if v, ok := c.values[k]; ok {
		return v
	}
	return c.computeNew(k, f, e)
}

// computedAt is computed for an env the caller keeps on its stack: it is copied only when the
// value is not yet known.
func (c *evalCtx) computedAt(f *Field, chain []map[string]any) any {
	k := memoKeyOf(f, nil, chain)
	if v, ok := c.values[k]; ok {
		return v
	}
	return c.computeNew(k, f, append(env(nil), chain...))
}

func (c *evalCtx) computeNew(k memoKey, f *Field, e env) any {
	c.sums++
	v := f.computed(c, e)
	if c.values == nil {
		c.values = make(map[memoKey]any)
	}
	c.values[k] = v
	return v
}

type recentReads struct {
	day    string
	dayVal any
	cf     cfRead
}

// cfRead is the birth data of one codice fiscale, read with one latest year.
type cfRead struct {
	set    bool
	s      string
	latest int
	b      itid.CFBirth
	ok     bool
	date   any // the birth date as expressions see it; nil when it is no calendar day
}

// toDay reads a date answer ("2024-03-04") as a day, like the function toDay, remembering the
// last text read.
func (c *evalCtx) toDay(v any) any {
	s, ok := v.(string)
	if !ok {
		return toDay(v)
	}
	r := c.recentReads()
	if r.dayVal != nil && r.day == s {
		return r.dayVal
	}
	d := toDay(s)
	r.day, r.dayVal = s, d
	return d
}

// cfBirth is itid.CFBirthOf of s, remembering the last code read.
func (c *evalCtx) cfBirth(s string, latest int) *cfRead {
	r := &c.recentReads().cf
	if r.set && r.s == s && r.latest == latest {
		return r
	}
	*r = cfRead{set: true, s: s, latest: latest}
	r.b, r.ok = itid.CFBirthOf(s, latest)
	if r.ok {
		if d, ok := expr.MakeDate(r.b.Year, r.b.Month, r.b.Day); ok {
			r.date = d
		}
		// 29 February of a common year: the code says a day that was not (no answer)
	}
	return r
}
