package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"bando/app/ui"
)

// TestLoopbackLoad: 500 concurrent clients load the app as a first visit does (page, scripts,
// manifest, styles, the brotli wasm) from a server on 127.0.0.1. It runs only from `make bench`
// (BANDO_LOADTEST=1): it moves about 0.9 GB over loopback. Figures go to the log, one per line.
func TestLoopbackLoad(t *testing.T) {
	if os.Getenv("BANDO_LOADTEST") == "" {
		t.Skip("set BANDO_LOADTEST=1 (make bench) to run the loopback load test")
	}
	web := os.Getenv("BANDO_WEB")
	if web == "" {
		web, _ = testWebDir(t)
	}
	ui.Routes()
	srv := httptest.NewServer(appHandler("loadtest", web, ""))
	defer srv.Close()

	const clients = 500
	paths := []string{"/", "/app.js", "/wasm_exec.js", "/manifest.webmanifest", "/app.css", "/web/bando.css",
		"/web/bootstrap-italia/css/bootstrap-italia.min.css", "/web/fonts/titillium-web.css", "/app.wasm"}
	tr := &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 2 * time.Minute}
	var (
		mu        sync.Mutex
		durations []time.Duration
		errs      []string
		bytesRead int64
		wg        sync.WaitGroup
	)
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			var n int64
			for _, p := range paths {
				req, _ := http.NewRequest("GET", srv.URL+p, nil)
				req.Header.Set("Accept-Encoding", "br, gzip")
				res, err := client.Do(req)
				if err != nil {
					mu.Lock()
					errs = append(errs, err.Error())
					mu.Unlock()
					return
				}
				k, _ := io.Copy(io.Discard, res.Body)
				res.Body.Close()
				n += k
				if res.StatusCode != http.StatusOK {
					mu.Lock()
					errs = append(errs, fmt.Sprintf("%s: %d", p, res.StatusCode))
					mu.Unlock()
				}
			}
			mu.Lock()
			durations = append(durations, time.Since(t0))
			bytesRead += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	total := time.Since(start)
	if len(errs) > 0 {
		t.Fatalf("%d errors, first: %s", len(errs), errs[0])
	}
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	pct := func(p float64) time.Duration { return durations[int(p*float64(len(durations)-1))] }
	figure("loadtest_clients", float64(clients))
	figure("loadtest_errors", 0)
	figure("loadtest_first_visit_p50_ms", float64(pct(0.50))/1e6)
	figure("loadtest_first_visit_p99_ms", float64(pct(0.99))/1e6)
	figure("loadtest_total_s", total.Seconds())
	figure("loadtest_bytes_per_client", float64(bytesRead/clients))
}
