//go:build js && wasm

package draft

import (
	"context"
	"syscall/js"
	"testing"
)

// fakeLocalStorage is the Web Storage API over a plain object, for a JavaScript host without
// one (Node, where these tests run: GOOS=js GOARCH=wasm go test -exec go_js_wasm_exec).
const fakeLocalStorage = `(() => {
  let m = new Map();
  return {
    getItem: k => m.has(String(k)) ? m.get(String(k)) : null,
    setItem: (k, v) => { m.set(String(k), String(v)); },
    removeItem: k => { m.delete(String(k)); },
    key: i => [...m.keys()][i] ?? null,
    get length() { return m.size; },
    clear: () => { m = new Map(); },
  };
})()`

// TestBrowserStoreLocalStorageContract: the browser's store where IndexedDB is missing keeps
// the same promises as every Store.
func TestBrowserStoreLocalStorageContract(t *testing.T) {
	if js.Global().Get("indexedDB").Truthy() {
		t.Skip("this host has IndexedDB: the localStorage mode is not the one opened")
	}
	old := js.Global().Get("localStorage")
	js.Global().Set("localStorage", js.Global().Call("eval", fakeLocalStorage))
	t.Cleanup(func() { js.Global().Set("localStorage", old) })
	storeContract(t, func(t *testing.T) Store {
		js.Global().Get("localStorage").Call("clear")
		b, err := OpenBrowserStore(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if b.Kind() != "localStorage" {
			t.Fatalf("opened %s", b.Kind())
		}
		return b
	})
}
