package main

import (
	"net/http"
	"os"
	"testing"
	"time"
)

// TestBrowserBytesFigures counts the bytes the server sends (response bodies, as compressed
// on the wire) for a first visit — until the form takes input, then until the app works
// offline — and for a repeat visit. Issue 6's goals: ≤ 2.0 MB first visit, 0 on a repeat visit.
// Run by make bench (BANDO_BENCH_BROWSER=1); it fails on nothing.
func TestBrowserBytesFigures(t *testing.T) {
	if os.Getenv("BANDO_BENCH_BROWSER") == "" {
		t.Skip("set BANDO_BENCH_BROWSER=1 (make bench) to count the bytes on the wire")
	}
	app := startApp(t, "bytes")
	wire := &byteCounter{next: *app.h.Load()}
	var h http.Handler = wire
	app.h.Store(&h)

	b := newTab(t, "")
	b.open(app.url + "/")
	figure("wire_bytes_first_visit_until_ready", float64(wire.total()))
	b.waitOfflineReady()
	time.Sleep(3 * time.Second) // the signing worker is fetched once the form is idle
	first := wire.total()
	figure("wire_bytes_first_visit_until_offline", float64(first))

	b.open(app.url + "/")
	time.Sleep(2 * time.Second)
	figure("wire_bytes_repeat_visit", float64(wire.total()-first))
}
