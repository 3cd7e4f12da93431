package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"bando/app/ui"

	"github.com/chromedp/chromedp"
)

// builderCached: the service worker's cache holds the editor's page, script and program.
var builderCached = func() string {
	urls, _ := json.Marshal(ui.BuilderFiles())
	return `Promise.all(` + string(urls) + `.map(u => caches.match(u))).then(r => r.every(Boolean))`
}()

// requested reports whether the tab asked for a URL whose path is path.
func (b *tab) requested(path string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, u := range b.requests {
		if strings.HasSuffix(strings.SplitN(u, "?", 2)[0], path) {
			return true
		}
	}
	return false
}

// TestBrowserBuilderLoadsApart: an applicant's visit, until the whole app is cached for
// offline use, never asks for the editor's program; following the link to the editor loads it
// (and only then), the editor's program runs the other pages too, and once it is cached the
// editor opens offline with the server gone.
func TestBrowserBuilderLoadsApart(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.open(app.url + ui.PathHome)
	b.waitOfflineReady()
	for _, p := range []string{ui.BuilderScript, ui.BuilderWasm} {
		if b.requested(p) {
			t.Errorf("an applicant's visit asked for %s", p)
		}
	}

	b.navigateInApp(ui.PathBuilder)
	b.waitFor(`!!document.getElementById("builder-source")`, 60*time.Second)
	if !b.requested(ui.BuilderWasm) {
		t.Error("the editor runs without its program: is it in app.wasm?")
	}
	b.waitFor(builderCached, 60*time.Second)

	b.navigateInApp(ui.PathHome) // the editor's program is the whole app: no page load
	b.waitFor(`!!document.getElementById("link-builder")`, 10*time.Second)

	app.srv.Close()
	b.goOffline()
	b.do(chromedp.Navigate(app.url + ui.PathBuilder))
	b.waitFor(`!!document.getElementById("builder-source")`, 60*time.Second)
}

// TestBrowserBuilderFigures: the bytes an author's browser fetches on first opening the editor
// after an applicant's first visit, and how long until the editor works offline (issue 14).
// Run with BANDO_BENCH_BROWSER=1 (make bench-browser).
func TestBrowserBuilderFigures(t *testing.T) {
	if os.Getenv("BANDO_BENCH_BROWSER") == "" {
		t.Skip("set BANDO_BENCH_BROWSER=1 (make bench) for the editor's figures")
	}
	web := browserWebDir(t)
	routesOnce.Do(ui.Routes)
	wire := &byteCounter{next: appHandler("bytes", web, "")}
	srv := httptest.NewServer(wire)
	defer srv.Close()

	b := newTab(t, "")
	b.open(srv.URL + "/")
	b.waitOfflineReady()
	before := wire.total()
	figure("wire_bytes_first_visit_until_offline", float64(before))

	start := time.Now()
	b.navigateInApp(ui.PathBuilder)
	b.waitFor(`!!document.getElementById("builder-source")`, time.Minute)
	figure("builder_open_s", time.Since(start).Seconds())
	b.waitFor(builderCached, time.Minute)
	figure("builder_offline_ready_s", time.Since(start).Seconds())
	time.Sleep(2 * time.Second) // anything fetched late
	figure("wire_bytes_builder_first_open", float64(wire.total()-before))
	figure("wire_bytes_builder_wasm", float64(wire.of(ui.BuilderWasm)))
	t.Logf("by URL:\n%s", wire)
}
