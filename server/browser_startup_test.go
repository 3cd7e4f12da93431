package main

import (
	"os"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// startupMarks records, in every document of the tab, when the page's main steps of a start
// happen (ms since navigation started): the wasm fetched, compiled and instantiated, and the Go
// program started. With ready (window.__bandoReady) they say where a first visit's time goes.
const startupMarks = `(() => {
	window.__startup = {};
	const mark = name => { if (!(name in window.__startup)) window.__startup[name] = performance.now(); };
	const orig = WebAssembly.instantiateStreaming;
	WebAssembly.instantiateStreaming = async (resp, imports) => {
		mark("wasm_requested");
		const r = await resp;
		mark("wasm_response");
		const out = await orig(Promise.resolve(r), imports);
		mark("wasm_instantiated");
		return out;
	};
	const wait = setInterval(() => {
		if (typeof Go === "undefined") return;
		clearInterval(wait);
		const run = Go.prototype.run;
		Go.prototype.run = function (inst) { mark("go_run"); return run.call(this, inst); };
	}, 1);
})()`

// TestBrowserStartupBreakdown prints where a first visit's time goes before the form takes
// input — the page, the wasm's download (preloaded from the page's head), its compile and
// instantiation, the Go program until ready — then the same for warm visits. make bench runs
// it (BANDO_BENCH_BROWSER=1); it fails on nothing.
func TestBrowserStartupBreakdown(t *testing.T) {
	if os.Getenv("BANDO_BENCH_BROWSER") == "" {
		t.Skip("set BANDO_BENCH_BROWSER=1 (make bench)")
	}
	app := startApp(t, "startup")
	b := newTab(t, "")
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: startupMarks}); err != nil {
		t.Fatal(err)
	}
	b.open(app.url + "/sezione/ats")
	marks := eval[map[string]float64](b, `window.__startup`)
	for _, k := range []string{"wasm_requested", "wasm_response", "wasm_instantiated", "go_run"} {
		figure("startup_first_"+k+"_ms", marks[k])
	}
	figure("startup_first_ready_ms", readyMs(b))
	nav := eval[map[string]float64](b, `(() => { const n = performance.getEntriesByType("navigation")[0]; const w = performance.getEntriesByName(location.origin + "/web/app.wasm")[0] || {}; return {html_end: n.responseEnd, dcl: n.domContentLoadedEventEnd, wasm_fetch_start: w.startTime || -1, wasm_fetch_end: w.responseEnd || -1}; })()`)
	for k, v := range nav {
		figure("startup_first_"+k+"_ms", v)
	}
	b.waitOfflineReady()
	for range 3 {
		b.open(app.url + "/sezione/ats")
		marks = eval[map[string]float64](b, `window.__startup`)
		for _, k := range []string{"wasm_response", "wasm_instantiated", "go_run"} {
			figure("startup_warm_"+k+"_ms", marks[k])
		}
		figure("startup_warm_ready_ms", readyMs(b))
	}
}
