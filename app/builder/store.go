package builder

import (
	"context"
	"errors"
	"time"

	"bando/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The call being edited is kept in IndexedDB, which Chromium writes to disk when the
// transaction completes (a killed browser keeps what was typed a moment before; localStorage
// is written seconds later), and in localStorage as well, for a browser without IndexedDB.
// Outside the browser (tests) both are absent and nothing is kept.

const (
	idbName  = "bando-builder"
	idbStore = "kv"
)

// idbRequest waits for an IndexedDB request's success (its result) or error. Call it from a
// goroutine.
func idbRequest(ctx context.Context, req app.Value) (app.Value, error) {
	return idbWait(ctx, req, "onsuccess", "onerror")
}

// idbWait waits for target's event okEvent (then returns its result, if any) or failEvent.
func idbWait(ctx context.Context, req app.Value, okEvent, failEvent string) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	done := make(chan result, 1)
	ok := app.FuncOf(func(this app.Value, args []app.Value) any {
		defer background()
		var v app.Value
		_ = ui.JSTry(func() { v = req.Get("result") })
		done <- result{v: v}
		return nil
	})
	fail := app.FuncOf(func(this app.Value, args []app.Value) any {
		defer background()
		done <- result{err: errors.New("IndexedDB request failed")}
		return nil
	})
	defer func() {
		_ = ui.JSTry(func() { // no late event may call a released function
			req.Set(okEvent, nil)
			req.Set(failEvent, nil)
		})
		ok.Release()
		fail.Release()
	}()
	if err := ui.JSTry(func() {
		req.Set(okEvent, ok)
		req.Set(failEvent, fail)
	}); err != nil {
		return nil, err
	}
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// idbOpen opens the editor's database, creating its store the first time.
func idbOpen(ctx context.Context) (app.Value, error) {
	var req app.Value
	upgrade := app.FuncOf(func(this app.Value, args []app.Value) any {
		defer background()
		_ = ui.JSTry(func() { req.Get("result").Call("createObjectStore", idbStore) })
		return nil
	})
	defer func() {
		_ = ui.JSTry(func() { req.Set("onupgradeneeded", nil) })
		upgrade.Release()
	}()
	if err := ui.JSTry(func() {
		req = app.Window().Get("indexedDB").Call("open", idbName, 1)
		req.Set("onupgradeneeded", upgrade)
	}); err != nil {
		return nil, err
	}
	return idbRequest(ctx, req)
}

// storePut keeps each value at its key (key, value, key, value…), all or none. Call it from a
// goroutine.
func storePut(kv ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := idbOpen(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = ui.JSTry(func() { db.Call("close") }) }()
	var tx, req app.Value
	if err := ui.JSTry(func() {
		tx = db.Call("transaction", idbStore, "readwrite")
		store := tx.Call("objectStore", idbStore)
		for i := 0; i+1 < len(kv); i += 2 {
			req = store.Call("put", kv[i+1], kv[i])
		}
	}); err != nil {
		return err
	}
	if _, err := idbRequest(ctx, req); err != nil {
		return err
	}
	_, err = idbWait(ctx, tx, "oncomplete", "onabort") // written, not only queued
	return err
}

// storeGet is the value kept at key, "" when none. Call it from a goroutine.
func storeGet(key string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := idbOpen(ctx)
	if err != nil {
		return "", err
	}
	defer func() { _ = ui.JSTry(func() { db.Call("close") }) }()
	var req app.Value
	if err := ui.JSTry(func() {
		req = db.Call("transaction", idbStore, "readonly").Call("objectStore", idbStore).Call("get", key)
	}); err != nil {
		return "", err
	}
	v, err := idbRequest(ctx, req)
	if err != nil || v == nil || v.Type() != app.TypeString {
		return "", err
	}
	return v.String(), nil
}
