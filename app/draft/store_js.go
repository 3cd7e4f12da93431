//go:build js && wasm

package draft

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"syscall/js"
	"time"
)

// BrowserStore is the Store of a web browser: IndexedDB when it opens, localStorage otherwise.
// IndexedDB is preferred because localStorage holds ~5 MB for the whole origin and blocks the
// page while it writes; localStorage stays in use for PutSync, the copy written in haste when
// the page is being closed, because it is the only storage that writes before returning.
type BrowserStore struct {
	db js.Value // an IDBDatabase, or undefined when IndexedDB is not available
	ls js.Value // window.localStorage, or undefined
}

// Keys in localStorage. A rescue copy is promoted (or dropped) by the next regular Put.
const (
	lsDraftPrefix  = "bando.draft."
	lsRescuePrefix = "bando.rescue."
	idbName        = "bando"
	idbStore       = "drafts"
)

// OpenBrowserStore opens the drafts of this browser. It waits at most a few seconds for IndexedDB:
// some private modes never answer the open request, and then localStorage is used.
func OpenBrowserStore(ctx context.Context) (*BrowserStore, error) {
	b := &BrowserStore{db: js.Undefined(), ls: js.Undefined()}
	_ = try(func() {
		if ls := js.Global().Get("localStorage"); ls.Truthy() {
			b.ls = ls
		}
	})
	octx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	db, err := idbOpen(octx)
	if err == nil {
		b.db = db
		return b, nil
	}
	if b.ls.IsUndefined() {
		return nil, fmt.Errorf("no browser storage: %w", err)
	}
	return b, nil
}

// Kind names the storage in use, for diagnostics.
func (b *BrowserStore) Kind() string {
	if b.db.IsUndefined() {
		return "localStorage"
	}
	return "IndexedDB"
}

func (b *BrowserStore) Put(ctx context.Context, r Record) error {
	if b.db.IsUndefined() {
		return b.lsPut(lsDraftPrefix+r.ID, r)
	}
	if err := idbPut(ctx, b.db, r); err != nil {
		return err
	}
	// The regular copy is safe: a rescue copy as old or older is no longer needed.
	if res, ok := b.lsGet(lsRescuePrefix + r.ID); ok && !res.SavedAt.After(r.SavedAt) {
		b.lsDel(lsRescuePrefix + r.ID)
	}
	return nil
}

// PutIfUnchanged writes r unless the stored draft was saved after base (see Store). With
// IndexedDB the draft is read and written in one readwrite transaction (idbPutIfUnchanged),
// and the rescue copy in localStorage, which Get counts too, is read in the same callback.
// With localStorage alone the read and the write are synchronous calls in one JavaScript turn:
// no event of this page runs between them.
func (b *BrowserStore) PutIfUnchanged(ctx context.Context, r Record, base time.Time) (Record, bool, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, false, err
	}
	withRescue := func(cur Record, found bool) (Record, bool) {
		if res, ok := b.lsGet(lsRescuePrefix + r.ID); ok {
			if !found {
				return res, true
			}
			return Newer(cur, res), true
		}
		return cur, found
	}
	if b.db.IsUndefined() {
		cur, found := withRescue(b.lsGet(lsDraftPrefix + r.ID))
		if changedSince(cur, found, base) {
			return cur, true, nil
		}
		return Record{}, false, b.lsPut(lsDraftPrefix+r.ID, r)
	}
	cur, conflict, err := idbPutIfUnchanged(ctx, b.db, r, base, withRescue)
	if err != nil || conflict {
		return cur, conflict, err
	}
	// The regular copy is safe: a rescue copy as old or older is no longer needed.
	if res, ok := b.lsGet(lsRescuePrefix + r.ID); ok && !res.SavedAt.After(r.SavedAt) {
		b.lsDel(lsRescuePrefix + r.ID)
	}
	return Record{}, false, nil
}

// PutSync writes r to localStorage before returning.
func (b *BrowserStore) PutSync(r Record) error {
	if b.db.IsUndefined() {
		return b.lsPut(lsDraftPrefix+r.ID, r)
	}
	return b.lsPut(lsRescuePrefix+r.ID, r)
}

func (b *BrowserStore) Get(ctx context.Context, id string) (Record, error) {
	var r Record
	var err error
	if b.db.IsUndefined() {
		var ok bool
		if r, ok = b.lsGet(lsDraftPrefix + id); !ok {
			err = ErrNotFound
		}
	} else {
		r, err = idbGet(ctx, b.db, id)
	}
	if res, ok := b.lsGet(lsRescuePrefix + id); ok {
		if errors.Is(err, ErrNotFound) {
			return res, nil
		}
		r = Newer(r, res)
	}
	return r, err
}

func (b *BrowserStore) List(ctx context.Context) ([]Record, error) {
	var rs []Record
	if b.db.IsUndefined() {
		rs = b.lsAll(lsDraftPrefix)
	} else {
		var err error
		if rs, err = idbAll(ctx, b.db); err != nil {
			return nil, err
		}
	}
	byID := make(map[string]int, len(rs))
	for i, r := range rs {
		byID[r.ID] = i
	}
	for _, res := range b.lsAll(lsRescuePrefix) {
		if i, ok := byID[res.ID]; ok {
			rs[i] = Newer(rs[i], res)
		} else {
			rs = append(rs, res)
		}
	}
	SortRecent(rs)
	return rs, nil
}

func (b *BrowserStore) Delete(ctx context.Context, id string) error {
	b.lsDel(lsRescuePrefix + id)
	b.lsDel(lsDraftPrefix + id)
	if b.db.IsUndefined() {
		return nil
	}
	return idbDelete(ctx, b.db, id)
}

// Persist asks the browser not to evict this origin's storage under disk pressure
// (navigator.storage.persist). It reports whether storage is persistent.
func (b *BrowserStore) Persist(ctx context.Context) (bool, error) {
	st := js.Global().Get("navigator").Get("storage")
	if !st.Truthy() || !st.Get("persist").Truthy() {
		return false, errors.New("navigator.storage.persist is not available")
	}
	var p js.Value
	if err := try(func() { p = st.Call("persist") }); err != nil {
		return false, err
	}
	v, err := AwaitPromise(ctx, p)
	if err != nil {
		return false, err
	}
	return v.Truthy(), nil
}

func (b *BrowserStore) lsPut(key string, r Record) error {
	if b.ls.IsUndefined() {
		return errors.New("localStorage is not available")
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return try(func() { b.ls.Call("setItem", key, string(data)) })
}

func (b *BrowserStore) lsGet(key string) (Record, bool) {
	if b.ls.IsUndefined() {
		return Record{}, false
	}
	var v js.Value
	if try(func() { v = b.ls.Call("getItem", key) }) != nil || v.Type() != js.TypeString {
		return Record{}, false
	}
	var r Record
	if json.Unmarshal([]byte(v.String()), &r) != nil || r.ID == "" {
		return Record{}, false
	}
	return r, true
}

func (b *BrowserStore) lsDel(key string) {
	if !b.ls.IsUndefined() {
		_ = try(func() { b.ls.Call("removeItem", key) })
	}
}

func (b *BrowserStore) lsAll(prefix string) []Record {
	if b.ls.IsUndefined() {
		return nil
	}
	var keys []string
	_ = try(func() {
		for i, n := 0, b.ls.Get("length").Int(); i < n; i++ {
			if k := b.ls.Call("key", i); k.Type() == js.TypeString && strings.HasPrefix(k.String(), prefix) {
				keys = append(keys, k.String())
			}
		}
	})
	var out []Record
	for _, k := range keys {
		if r, ok := b.lsGet(k); ok {
			out = append(out, r)
		}
	}
	return out
}

// try runs f and turns a JavaScript exception (a panic with js.Error), such as a full quota,
// into an error.
func try(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if je, ok := r.(js.Error); ok {
				err = errors.New(je.Error())
				return
			}
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}
