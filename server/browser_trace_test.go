package main

import (
	"encoding/json"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// TestBrowserTrace writes a Chromium trace of one page load to $BANDO_TRACE, to open in
// DevTools' Performance panel or ui.perfetto.dev: where a figure of TestBrowserFigures goes
// on the page's thread. BANDO_TRACE_LOAD picks the load: "first" (a first visit to the
// 40-member step's link, nothing cached) or, by default, "reload40" (the offline reload of the
// 40-member step, its snapshot kept). It is how the preload of the program from the service
// worker's cache was found (docs/early-form.md). It fails on nothing.
//
//	BANDO_TRACE=/tmp/reload.json BANDO_WEB=$PWD/web go test -count=1 -run TestBrowserTrace -v ./server
func TestBrowserTrace(t *testing.T) {
	out := os.Getenv("BANDO_TRACE")
	if out == "" {
		t.Skip("set BANDO_TRACE to a file to write a trace of a page load")
	}
	app := startApp(t, "trace")
	b := newTab(t, "")
	if os.Getenv("BANDO_TRACE_LOAD") == "first" {
		traceLoad(b, app.url+"/sezione/ats", out)
		return
	}
	b.open(app.url + "/sezione/ats")
	b.waitOfflineReady()
	importLargest(b, app.url)
	app.srv.Close()
	b.goOffline()
	b.do(chromedp.Navigate(app.url + "/sezione/ats"))
	b.waitReady()
	waitFortyKept(b)
	time.Sleep(time.Second) // the browser idle again
	traceLoad(b, app.url+"/sezione/ats", out)
}

// traceCategories are those of DevTools' own recordings, with the garbage collectors'.
var traceCategories = []string{"devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute",
	"disabled-by-default-v8.gc", "blink", "blink.user_timing", "blink.gc", "loading", "navigation", "toplevel"}

// traceLoad traces the load of u until the form takes input, and writes the trace to out.
func traceLoad(b *tab, u, out string) {
	b.t.Helper()
	var mu sync.Mutex
	var events []json.RawMessage
	done := make(chan struct{})
	if err := chromedp.Listen(b.ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range e.Value {
				if raw, err := json.Marshal(v); err == nil {
					events = append(events, raw)
				}
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	}); err != nil {
		b.t.Fatal(err)
	}
	if _, err := chromedp.Call(b.ctx, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{IncludedCategories: traceCategories}}); err != nil {
		b.t.Fatal(err)
	}
	b.do(chromedp.Navigate(u))
	b.waitReady()
	time.Sleep(300 * time.Millisecond) // the frames after ready
	if _, err := chromedp.Call(b.ctx, tracing.End, cdp.Empty{}); err != nil {
		b.t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		b.t.Fatal("the trace did not complete")
	}
	b.t.Logf("typable %.0f ms, ready %.0f ms", typableMs(b), readyMs(b))
	mu.Lock()
	raw, err := json.Marshal(map[string]any{"traceEvents": events})
	mu.Unlock()
	if err == nil {
		err = os.WriteFile(out, raw, 0o644)
	}
	if err != nil {
		b.t.Fatal(err)
	}
}
