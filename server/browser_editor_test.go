package main

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
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

// TestBrowserEditorFigures: with the FAMI call in the editor, a move in the tree (Alt+arrow
// down on a section's first field) until both the schema box and the preview show it; issue
// 14's goal is ≤ 100 ms. Run with BANDO_BENCH_BROWSER=1 (make bench-browser).
func TestBrowserEditorFigures(t *testing.T) {
	if os.Getenv("BANDO_BENCH_BROWSER") == "" {
		t.Skip("set BANDO_BENCH_BROWSER=1 (make bench) for the editor's figures")
	}
	app := startApp(t, "test")
	b := newTab(t, "")
	b.open(app.url + ui.PathBuilder)
	b.focusOn("builder-from-toscana-fami-2024")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("builder-ok") && !!document.getElementById("node-0.1")`, 30*time.Second)
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	sec := c.Sections[0]
	first, second := sec.ID+"."+sec.Fields[0].ID, sec.ID+"."+sec.Fields[1].ID
	var ms []float64
	for range 10 {
		a, z := first, second // each round moves the first field down, then back up
		js := `new Promise(res => {
			const src = document.getElementById("builder-source"), before = src.value;
			const a = () => document.getElementById(` + strconv.Quote(ui.FieldID(a)) + `), z = () => document.getElementById(` + strconv.Quote(ui.FieldID(z)) + `);
			const node = document.getElementById("node-0.0");
			node.focus();
			const t0 = performance.now();
			node.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowDown", altKey: true, bubbles: true}));
			const check = () => {
				const swapped = a() && z() && (a().compareDocumentPosition(z()) & Node.DOCUMENT_POSITION_PRECEDING);
				if (src.value !== before && swapped) res(performance.now() - t0); else setTimeout(check, 1);
			};
			check();
		})`
		ms = append(ms, eval[float64](b, js))
		// the field is at 0.1 now: back up for the next round
		b.focusOn("node-0.1")
		b.keys(kb.ArrowUp, chromedp.KeyModifiers(chromedp.ModifierAlt))
		b.waitFor(`!!document.getElementById("node-0.0")`, 10*time.Second)
		time.Sleep(200 * time.Millisecond)
	}
	figure("editor_tree_edit_to_json_and_preview_fami_p50_ms", percentile(ms, 50))
	figure("editor_tree_edit_to_json_and_preview_fami_max_ms", percentile(ms, 100))
}
