package schema

// A validation's memos — conditions decided, computed values, filter keys, the answers of
// unique fields met — are scratch: none of them reaches the issues it returns. Made afresh for
// every validation they were a third of its allocations, and the collector's work on them
// about a fifth of its time (BenchmarkValidateFull with GOGC=off). A call keeps the memos of
// a finished validation, emptied, for its next one: a draft changes little between two
// validations, so the maps have the room they need. Only empty maps are kept, so a result
// never depends on an earlier validation; maps grown past maxHint entries are dropped, so a
// hostile draft cannot make the call hold its memory.

// validationRoom is the memos of one validation (see evalCtx, evalExt and validation).
type validationRoom struct {
	shown      map[memoKey]bool
	values     map[memoKey]any
	invariants map[*cnode]any
	keyed      map[*cnode]any
	indexes    map[listIndexKey]*listKeys
	seen       map[*Field]map[string]int
}

// room takes the memos the call kept, if any, for a new validation.
func (h *validationHints) room() *validationRoom {
	if r, ok := h.rooms.Get().(*validationRoom); ok {
		return r
	}
	return &validationRoom{}
}

// give puts the memos into x, a new evalCtx.
func (r *validationRoom) give(x *evalCtx) {
	x.shown, x.values = r.shown, r.values
	ext := x.more()
	ext.invariants, ext.keyed, ext.indexes, ext.seen = r.invariants, r.keyed, r.indexes, r.seen
}

// keep takes back the memos of x, whose validation has ended, emptied, for the call's next one.
func (h *validationHints) keep(x *evalCtx) {
	r := &validationRoom{shown: emptied(x.shown), values: emptied(x.values)}
	if ext := x.ext; ext != nil {
		r.invariants, r.keyed, r.indexes = emptied(ext.invariants), emptied(ext.keyed), emptied(ext.indexes)
		// Each unique field keeps its own map: the fields are the call's, the same next time.
		for f, m := range ext.seen {
			if emptied(m) == nil {
				delete(ext.seen, f)
			}
		}
		r.seen = ext.seen
	}
	h.rooms.Put(r)
}

// emptied is m cleared, or nil when m was too large to keep (see maxHint).
func emptied[K comparable, V any](m map[K]V) map[K]V {
	if len(m) > maxHint {
		return nil
	}
	clear(m)
	return m
}
