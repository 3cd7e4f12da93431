//go:build js && wasm

package draft

import (
	"context"
	"errors"
	"syscall/js"
	"time"
)

// IndexedDB keeps one object per draft in the "drafts" store, keyed by id, with the fields of
// Record (savedAt as RFC 3339 text).

func idbOpen(ctx context.Context) (js.Value, error) {
	idb := js.Global().Get("indexedDB")
	if !idb.Truthy() {
		return js.Undefined(), errors.New("IndexedDB is not available")
	}
	var req js.Value
	if err := try(func() { req = idb.Call("open", idbName, 1) }); err != nil {
		return js.Undefined(), err
	}
	upgrade := js.FuncOf(func(this js.Value, args []js.Value) any {
		db := req.Get("result")
		if !db.Get("objectStoreNames").Call("contains", idbStore).Bool() {
			db.Call("createObjectStore", idbStore, map[string]any{"keyPath": "id"})
		}
		return nil
	})
	defer upgrade.Release()
	req.Set("onupgradeneeded", upgrade)
	return awaitRequest(ctx, req)
}

func idbPut(ctx context.Context, db js.Value, r Record) error {
	return idbTx(ctx, db, "readwrite", func(st js.Value) js.Value {
		return st.Call("put", recordValue(r))
	}, nil)
}

// recordValue is r as IndexedDB keeps it.
func recordValue(r Record) map[string]any {
	return map[string]any{
		"id": r.ID, "call": r.Call, "name": r.Name,
		"savedAt": r.SavedAt.Format(time.RFC3339Nano), "data": r.Data,
		"state": r.State, "errors": r.Errors,
	}
}

// idbPutIfUnchanged reads the stored draft and writes r in ONE readwrite transaction: the put
// is issued from the get's success callback, while the transaction is still active, so no
// other tab's transaction on the store can come between the check and the write (IndexedDB
// runs overlapping readwrite transactions one after the other). merge adds what else counts
// as stored (the rescue copy in localStorage); it runs in the same callback. r counts as
// written only once the transaction completes.
func idbPutIfUnchanged(ctx context.Context, db js.Value, r Record, base time.Time, merge func(Record, bool) (Record, bool)) (cur Record, conflict bool, err error) {
	var (
		tx, req js.Value
		onGet   js.Func
		putErr  error
	)
	onGet = js.FuncOf(func(this js.Value, args []js.Value) any {
		found := false
		if v := req.Get("result"); v.Truthy() {
			cur, found = recordOf(v), true
		}
		if merge != nil {
			cur, found = merge(cur, found)
		}
		if changedSince(cur, found, base) {
			conflict = true
			return nil // nothing written: the transaction completes empty
		}
		cur = Record{}
		if putErr = try(func() { tx.Call("objectStore", idbStore).Call("put", recordValue(r)) }); putErr != nil {
			_ = try(func() { tx.Call("abort") })
		}
		return nil
	})
	defer onGet.Release()
	if err := try(func() {
		tx = db.Call("transaction", idbStore, "readwrite")
		req = tx.Call("objectStore", idbStore).Call("get", r.ID)
		req.Set("onsuccess", onGet)
	}); err != nil {
		return Record{}, false, err
	}
	_, err = settle(ctx, func(on callback) {
		fail := on(func([]js.Value) outcome {
			return outcome{err: jsError(tx.Get("error"), "IndexedDB transaction failed")}
		})
		tx.Set("oncomplete", on(func([]js.Value) outcome { return outcome{} }))
		tx.Set("onerror", fail)
		tx.Set("onabort", fail)
	})
	if putErr != nil {
		return Record{}, false, putErr // the write was refused (a full quota): that, not "aborted"
	}
	if err != nil {
		return Record{}, false, err
	}
	if conflict {
		return cur, true, nil
	}
	return Record{}, false, nil
}

func idbGet(ctx context.Context, db js.Value, id string) (Record, error) {
	var out Record
	found := false
	err := idbTx(ctx, db, "readonly", func(st js.Value) js.Value {
		return st.Call("get", id)
	}, func(v js.Value) {
		if v.Truthy() {
			out, found = recordOf(v), true
		}
	})
	if err == nil && !found {
		err = ErrNotFound
	}
	return out, err
}

func idbAll(ctx context.Context, db js.Value) ([]Record, error) {
	var out []Record
	err := idbTx(ctx, db, "readonly", func(st js.Value) js.Value {
		return st.Call("getAll")
	}, func(v js.Value) {
		for i, n := 0, v.Length(); i < n; i++ {
			out = append(out, recordOf(v.Index(i)))
		}
	})
	return out, err
}

func idbDelete(ctx context.Context, db js.Value, id string) error {
	return idbTx(ctx, db, "readwrite", func(st js.Value) js.Value {
		return st.Call("delete", id)
	}, nil)
}

func recordOf(v js.Value) Record {
	str := func(k string) string {
		if x := v.Get(k); x.Type() == js.TypeString {
			return x.String()
		}
		return ""
	}
	t, _ := time.Parse(time.RFC3339Nano, str("savedAt"))
	errors := 0
	if x := v.Get("errors"); x.Type() == js.TypeNumber {
		errors = x.Int()
	}
	return Record{ID: str("id"), Call: str("call"), Name: str("name"), SavedAt: t, Data: str("data"), State: str("state"), Errors: errors}
}

// idbTx runs one request in a transaction on the drafts store and waits until the transaction
// completes: a write counts as saved only once it is committed, not when the request succeeds.
// result, when not nil, receives the request's result.
func idbTx(ctx context.Context, db js.Value, mode string, do func(store js.Value) js.Value, result func(js.Value)) error {
	var tx, req js.Value
	if err := try(func() {
		tx = db.Call("transaction", idbStore, mode)
		req = do(tx.Call("objectStore", idbStore))
	}); err != nil {
		return err
	}
	_, err := settle(ctx, func(on callback) {
		fail := on(func([]js.Value) outcome {
			return outcome{err: jsError(tx.Get("error"), "IndexedDB transaction failed")}
		})
		tx.Set("oncomplete", on(func([]js.Value) outcome { return outcome{} }))
		tx.Set("onerror", fail)
		tx.Set("onabort", fail)
	})
	if err == nil && result != nil {
		result(req.Get("result"))
	}
	return err
}

// awaitRequest waits for an IDBRequest's success or error event.
func awaitRequest(ctx context.Context, req js.Value) (js.Value, error) {
	return settle(ctx, func(on callback) {
		req.Set("onsuccess", on(func([]js.Value) outcome { return outcome{v: req.Get("result")} }))
		req.Set("onerror", on(func([]js.Value) outcome { return outcome{err: jsError(req.Get("error"), "IndexedDB request failed")} }))
		req.Set("onblocked", on(func([]js.Value) outcome { return outcome{err: errors.New("IndexedDB is blocked by another tab")} }))
	})
}

// AwaitPromise waits for a JavaScript promise and returns its value, or its rejection as an
// error. Call it from a goroutine, never from a JavaScript callback.
func AwaitPromise(ctx context.Context, p js.Value) (js.Value, error) {
	arg := func(args []js.Value) js.Value {
		if len(args) > 0 {
			return args[0]
		}
		return js.Undefined()
	}
	return settle(ctx, func(on callback) {
		p.Call("then",
			on(func(args []js.Value) outcome { return outcome{v: arg(args)} }),
			on(func(args []js.Value) outcome { return outcome{err: jsError(arg(args), "promise rejected")} }))
	})
}

// outcome is what a JavaScript callback reports; callback makes one (see settle).
type (
	outcome struct {
		v   js.Value
		err error
	}
	callback = func(func(args []js.Value) outcome) js.Func
)

// settle hands wire a maker of JavaScript callbacks, then waits for the first of them to be
// called, or for ctx to end. The callbacks are released when it returns.
func settle(ctx context.Context, wire func(on callback)) (js.Value, error) {
	done := make(chan outcome, 1)
	var funcs []js.Func
	defer func() {
		for _, f := range funcs {
			f.Release()
		}
	}()
	wire(func(f func(args []js.Value) outcome) js.Func {
		fn := js.FuncOf(func(this js.Value, args []js.Value) any {
			select {
			case done <- f(args):
			default: // a second event (error then abort) after the first is of no interest
			}
			return nil
		})
		funcs = append(funcs, fn)
		return fn
	})
	select {
	case o := <-done:
		return o.v, o.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

func jsError(e js.Value, fallback string) error {
	if e.Truthy() && e.Get("message").Type() == js.TypeString {
		return errors.New(fallback + ": " + e.Get("message").String())
	}
	return errors.New(fallback)
}
