package schema

import (
	"slices"

	"bando/schema/expr"
)

// A filter that compares a field of each item with a value from outside the list —
// budget.voci[azione == this.linea] in a computed field of each linea, azioni.linee[linea ==
// this.azione] in a check on each voce — is walked once per outer item: 6 linee × 200 voci,
// then 200 voci × 6 linee, each time evaluating both sides for every item. The item's side
// does not change from one walk to the next: the first walk of a list in one evaluation keeps
// it, as a key per item, and every walk evaluates the outer side once and compares keys. The
// result is the same: the same items, in the same order, compared by the same equality (see
// eqKey); each side is evaluated at most as often as by the plain walk.

// eqFilter is a filter `item == outer` (or `outer == item`).
type eqFilter struct {
	item  evalFn // reads the item and the containers above its list, never `this`
	outer evalFn // reads no item of the list
	this  bool   // outer is a path from `this`: it reads nothing else, whatever the env
}

// eqFilterOf returns the eqFilter of filter n on the items of scope inner, or nil when n is
// not an equality of that shape, or when its outer side is the same in every walk (then the
// walks that matter are already computed once, see compileNode).
func eqFilterOf(n *cnode, inner *scope) *eqFilter {
	if n.eq == nil {
		return nil
	}
	for k := range 2 {
		x, y := n.eq[k], n.eq[1-k]
		if !slices.Contains(x.reads, inner) || slices.Contains(x.reads, nil) || slices.Contains(y.reads, inner) || y.readsOnlyOwn() {
			continue
		}
		return &eqFilter{item: x.fn, outer: y.fn, this: y.this}
	}
	return nil
}

// eqKey is the key of a value: two values are equal (see equal) exactly when their keys are
// (==), and a value equal to nothing (NaN, a list, an item) has no key (kind keyNone).
// Comparing keys is a few machine words, never an allocation or a call.
func eqKey(v any) eqVal {
	if f, ok := toNum(v); ok {
		if f != f {
			return eqVal{}
		}
		return eqVal{kind: keyNum, n: f}
	}
	switch x := v.(type) {
	case nil:
		return eqVal{kind: keyNil}
	case bool:
		if x {
			return eqVal{kind: keyBool, n: 1}
		}
		return eqVal{kind: keyBool}
	case string:
		return eqVal{kind: keyText, s: x}
	case expr.Day:
		return eqVal{kind: keyDay, n: float64(x)}
	}
	return eqVal{}
}

type keyKind uint8

const (
	keyNone keyKind = iota // equal to nothing
	keyNil                 // no answer, equal to no answer
	keyNum
	keyBool
	keyText
	keyDay
)

type eqVal struct {
	kind keyKind
	n    float64
	s    string
}

// matches: a and b are keys of equal values.
func (a eqVal) matches(b eqVal) bool {
	return a.kind != keyNone && a.kind == b.kind && a.n == b.n && a.s == b.s
}

// listIndexKey names one list in one evaluation: the filter step and the containers above
// the list, which decide both the list and what the item's side of the filter reads.
type listIndexKey struct {
	step *pstep
	at   [maxEnv]uintptr
}

// listKeys are the keys of the items of one list, by position (keyNone for an element that is
// no item); items counts the elements that are items.
type listKeys struct {
	keys  []eqVal
	items int
}

// listKeys returns the keys of the items of filter step st, whose containers above are
// scratch[:st.level], evaluating the item's side of the filter the first time only. It
// writes scratch[st.level].
func (c *evalCtx) listKeys(st *pstep, scratch env, items []any) *listKeys {
	k := listIndexKey{step: st}
	for i, m := range scratch[:st.level] {
		k.at[i] = mapID(m)
	}
	x := c.more()
	if x.lastKeys != nil && x.lastList == k {
		return x.lastKeys
	}
	lk := x.indexes[k]
	if lk == nil {
		lk = &listKeys{keys: make([]eqVal, len(items))}
		for j, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				continue
			}
			lk.items++
			scratch[st.level] = m
			lk.keys[j] = eqKey(st.eq.item(c, scratch[:st.level+1]))
		}
	}
	if x.lastKeys != nil { // most evaluations compare one list: no map for it
		if x.indexes == nil {
			x.indexes = make(map[listIndexKey]*listKeys)
		}
		x.indexes[x.lastList] = x.lastKeys
	}
	x.lastList, x.lastKeys = k, lk
	return lk
}
