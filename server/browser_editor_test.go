package main

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/chromedp/chromedp"
)

// The call editor driven by the keyboard (TestBrowserCallEndToEnd drives it with the keyboard
// alone: Tab, see tabTo) and its figures.

// focusOn moves the focus to the element with that id, directly (for figures, not for the
// keyboard path).
func (b *tab) focusOn(id string) {
	b.t.Helper()
	b.waitFor(`!!document.getElementById(`+strconv.Quote(id)+`)`, 10*time.Second)
	eval[bool](b, `(() => { const el = document.getElementById(`+strconv.Quote(id)+`); el.focus(); return document.activeElement === el })()`)
}

// keys types keys into the focused element, as the keyboard does.
func (b *tab) keys(keys string, opts ...chromedp.KeyOption) {
	b.t.Helper()
	b.do(chromedp.KeyEvent(keys, opts...))
}

// editorJSON is the call in the editor's schema box.
func (b *tab) editorJSON() map[string]any {
	b.t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(eval[string](b, `document.getElementById("builder-source").value`)), &m); err != nil {
		b.t.Fatalf("the schema box holds no JSON: %v", err)
	}
	return m
}
