package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Small bridges to browser APIs go-app does not wrap. They go through app.Value, so the package
// builds and its tests run outside the browser, where these calls do nothing.

// jsTry runs f and turns a JavaScript exception (a panic) into an error.
func jsTry(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}

// localGet and localSet keep small settings (language, open draft) in localStorage; a browser
// that refuses storage just forgets them. Not inlined: see paintMessage.
//
//go:noinline
func localGet(key string) string {
	var s string
	_ = jsTry(func() {
		if v := app.Window().Get("localStorage").Call("getItem", key); v.Type() == app.TypeString {
			s = v.String()
		}
	})
	return s
}

//go:noinline
func localSet(key, value string) {
	_ = jsTry(func() { app.Window().Get("localStorage").Call("setItem", key, value) })
}

// sessionGet, sessionSet and sessionDel keep values in sessionStorage: this tab's only, gone
// when it closes. sessionSet reports whether the browser took the value (it refuses one over
// its quota, a few MB).
func sessionGet(key string) string {
	var s string
	_ = jsTry(func() {
		if v := app.Window().Get("sessionStorage").Call("getItem", key); v.Type() == app.TypeString {
			s = v.String()
		}
	})
	return s
}

func sessionSet(key, value string) bool {
	ok := false
	err := jsTry(func() {
		st := app.Window().Get("sessionStorage")
		if !st.Truthy() {
			return
		}
		st.Call("setItem", key, value)
		ok = true
	})
	return err == nil && ok
}

func sessionDel(key string) {
	_ = jsTry(func() { app.Window().Get("sessionStorage").Call("removeItem", key) })
}

// confirmed asks a yes/no question with the browser's own dialog: modal, keyboard and
// screen-reader friendly without any code of ours.
func confirmed(question string) bool {
	ok := false
	_ = jsTry(func() { ok = app.Window().Call("confirm", question).Bool() })
	return ok
}

// focusID moves the keyboard focus to the element with that id and brings it into view. It
// reports whether the element exists.
func focusID(id string) bool {
	found := false
	_ = jsTry(func() {
		el := app.Window().GetElementByID(id)
		if !el.Truthy() {
			return
		}
		found = true
		el.Call("focus")
		el.Call("scrollIntoView", map[string]any{"block": "center"})
	})
	return found
}

// setDocumentLang tells the browser and screen readers which language the page is in.
func setDocumentLang(l schema.Lang) {
	_ = jsTry(func() { app.Window().Get("document").Get("documentElement").Set("lang", string(l)) })
}

// titleFromHeading names the browser tab after the page's heading, as a page load would: a
// screen reader announces it when a step opens, and a tab of every step is told apart.
func titleFromHeading() {
	_ = jsTry(func() {
		doc := app.Window().Get("document")
		if h := doc.Call("getElementById", "page-title"); h.Truthy() {
			doc.Set("title", h.Get("textContent").String()+" — Bando")
		}
	})
}

// markReady tells tests and the benchmark that the form can take input: a data attribute and
// the time since navigation started.
// The early form, if any, is handed over then (early.go).
func markReady() {
	_ = jsTry(func() {
		w := app.Window()
		if w.Get("__bandoReady").Truthy() {
			return
		}
		w.Set("__bandoReady", w.Get("performance").Call("now"))
		w.Get("document").Get("body").Get("dataset").Set("ready", "1")
		adoptEarlyForm()
	})
}

// awaitPromise waits for a JavaScript promise. Call it from a goroutine (ctx.Async), never on
// a JavaScript callback or the UI goroutine.
func awaitPromise(ctx context.Context, p app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	done := make(chan result, 1)
	ok := app.FuncOf(func(this app.Value, args []app.Value) any {
		defer sess.guard.background()
		var v app.Value
		if len(args) > 0 {
			v = args[0]
		}
		done <- result{v: v}
		return nil
	})
	fail := app.FuncOf(func(this app.Value, args []app.Value) any {
		defer sess.guard.background()
		msg := "rejected"
		if len(args) > 0 && args[0].Truthy() && args[0].Get("message").Type() == app.TypeString {
			msg = args[0].Get("message").String()
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	if err := jsTry(func() { p.Call("then", ok, fail) }); err != nil {
		return nil, err
	}
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readFile reads a File (from a file input or a drop) whole. The caller checks its size first.
func readFile(ctx context.Context, file app.Value) ([]byte, error) {
	var p app.Value
	if err := jsTry(func() { p = file.Call("arrayBuffer") }); err != nil {
		return nil, err
	}
	buf, err := awaitPromise(ctx, p)
	if err != nil {
		return nil, err
	}
	var data []byte
	err = jsTry(func() {
		arr := app.Window().Get("Uint8Array").New(buf)
		data = make([]byte, arr.Length())
		app.CopyBytesToGo(data, arr)
	})
	return data, err
}

// download hands data to the browser as a file named name, through a Blob URL: nothing leaves
// the machine, and it works offline.
func download(name, mime string, data []byte) error {
	var blob app.Value
	if err := jsTry(func() {
		arr := app.Window().Get("Uint8Array").New(len(data))
		app.CopyBytesToJS(arr, data)
		blob = app.Window().Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	}); err != nil {
		return err
	}
	return downloadBlob(name, blob)
}

// downloadBlob hands a Blob (a file the worker made) to the browser as a file named name.
func downloadBlob(name string, blob app.Value) error {
	return jsTry(func() {
		w := app.Window()
		url := w.Get("URL").Call("createObjectURL", blob)
		doc := w.Get("document")
		a := doc.Call("createElement", "a")
		a.Set("href", url)
		a.Set("download", name)
		a.Get("style").Set("display", "none")
		doc.Get("body").Call("appendChild", a)
		a.Call("click")
		a.Call("remove")
		// Revoking at once can cancel the download in some browsers: give it a minute.
		w.Call("setTimeout", app.FuncOf(func(app.Value, []app.Value) any {
			defer sess.guard.background()
			w.Get("URL").Call("revokeObjectURL", url)
			return nil
		}), 60000)
	})
}

// draftsChannel is the BroadcastChannel on which the tabs of this browser tell each other
// that they wrote a draft (conflict.go); nil where the browser has none, or outside it.
var draftsChannel app.Value

// draftsChannelName names the channel; every tab of the origin that opens it hears the others.
const draftsChannelName = "bando-drafts"

// listenDrafts opens the channel and calls f, on a JavaScript callback, with what each message
// of another tab says: the id of the draft it wrote and the SavedAt of the version. A browser
// without BroadcastChannel is skipped silently: the check of every write still holds there.
// A tab does not hear its own messages.
func listenDrafts(f func(id string, savedAt time.Time)) {
	_ = jsTry(func() {
		w := app.Window()
		if w.Get("BroadcastChannel").Type() != app.TypeFunction {
			return
		}
		ch := w.Get("BroadcastChannel").New(draftsChannelName)
		ch.Set("onmessage", app.FuncOf(func(this app.Value, args []app.Value) any {
			defer sess.guard.background()
			if len(args) == 0 {
				return nil
			}
			data := args[0].Get("data")
			if data.Type() != app.TypeObject {
				return nil
			}
			id, at := data.Get("id"), data.Get("savedAt")
			if id.Type() != app.TypeString || at.Type() != app.TypeString {
				return nil
			}
			t, err := time.Parse(time.RFC3339Nano, at.String())
			if err != nil || id.String() == "" {
				return nil
			}
			f(id.String(), t)
			return nil
		}))
		draftsChannel = ch
	})
}

// announceDraft tells the other tabs that this one wrote the draft id, saved at savedAt.
func announceDraft(id string, savedAt time.Time) {
	if draftsChannel == nil {
		return
	}
	_ = jsTry(func() {
		draftsChannel.Call("postMessage", map[string]any{"id": id, "savedAt": savedAt.UTC().Format(time.RFC3339Nano)})
	})
}

// onHide calls f, on a JavaScript callback, when the page is hidden (another tab, the screen
// locks) or goes away (closed, reloaded): the last chance to write what was typed. f must not
// block.
func onHide(f func()) {
	_ = jsTry(func() {
		w := app.Window()
		w.Call("addEventListener", "pagehide", app.FuncOf(func(app.Value, []app.Value) any {
			defer sess.guard.background()
			f()
			return nil
		}))
		doc := w.Get("document")
		doc.Call("addEventListener", "visibilitychange", app.FuncOf(func(app.Value, []app.Value) any {
			defer sess.guard.background()
			if doc.Get("visibilityState").String() == "hidden" {
				f()
			}
			return nil
		}))
	})
}

// ignoreStrayDrops stops the browser from opening a file dropped outside the import box, which
// would navigate away from the form. The import box handles its own drops.
func ignoreStrayDrops() {
	_ = jsTry(func() {
		prevent := app.FuncOf(func(this app.Value, args []app.Value) any {
			defer sess.guard.background()
			if len(args) > 0 {
				args[0].Call("preventDefault")
			}
			return nil
		})
		w := app.Window()
		w.Call("addEventListener", "dragover", prevent)
		w.Call("addEventListener", "drop", prevent)
	})
}

// paintMessage writes the message of the answer at path into its box (see fieldMessage) and
// marks the input invalid or not, at once. go-app's next render agrees with it: it computes
// the same box class and input attributes from the same state. Not inlined: each caller would
// carry its own copy of the closure (8 KB of wasm each).
//
//go:noinline
func paintMessage(path string, is *schema.Issue, l schema.Lang) {
	_ = jsTry(func() {
		doc := app.Window().Get("document")
		box := doc.Call("getElementById", errorID(path))
		if !box.Truthy() || box.Get("dataset").Get("message").String() != "painted" {
			return
		}
		in := doc.Call("getElementById", FieldID(path))
		box.Set("textContent", "")
		if is == nil {
			box.Set("className", "field-error d-none")
			if in.Truthy() && in.Get("classList").Call("contains", "form-control").Bool() {
				in.Call("removeAttribute", "aria-invalid")
				in.Get("classList").Call("remove", "is-invalid")
			}
			return
		}
		prefix := doc.Call("createElement", "span")
		prefix.Set("className", "visually-hidden")
		prefix.Set("textContent", messagePrefix(is, l)+" ")
		box.Call("appendChild", prefix)
		box.Call("appendChild", doc.Call("createTextNode", is.Message))
		box.Set("className", messageClass(is))
		if in.Truthy() && in.Get("classList").Call("contains", "form-control").Bool() {
			if is.IsWarning() { // a warning does not make the answer invalid
				in.Call("removeAttribute", "aria-invalid")
				in.Get("classList").Call("remove", "is-invalid")
			} else {
				in.Call("setAttribute", "aria-invalid", "true")
				in.Get("classList").Call("add", "is-invalid")
			}
		}
	})
}
