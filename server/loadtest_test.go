package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// loadPeakMax is the most the server may hold for 500 cold first visits at once.
const loadPeakMax = 200

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
	// The server runs as the operator runs it, in its own process, so that its peak resident
	// memory is its own (issue 12: ≤ 200 MB for 500 cold first visits; ~770 MB before).
	c, peakRSS := startMeasured(t, "serve", "--addr", "127.0.0.1:0", "--web", web)
	base := ""
	for deadline := time.Now().Add(30 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, addr, ok := strings.Cut(c.stdout.String(), "in ascolto su "); ok {
			base = strings.TrimSpace(strings.SplitN(addr, "\n", 2)[0])
		}
	}
	if base == "" {
		t.Fatalf("the server did not start: %s", c.stderr.String())
	}
	srv := struct{ URL string }{base}

	const clients = 500
	paths := []string{"/", "/app.js", "/wasm_exec.js", "/manifest.webmanifest", "/app.css", "/web/bando.css",
		"/web/bootstrap-italia/css/bootstrap-italia.bando.css", "/web/fonts/titillium-web.css", "/app.wasm"}
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
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	if code := c.wait(t, 30*time.Second); code != 0 {
		t.Errorf("serve exit %d: %s", code, c.stderr.String())
	}
	rss := peakRSS()
	figure("loadtest_server_peak_rss_MB", rss)
	if len(errs) > 0 {
		t.Fatalf("%d errors, first: %s", len(errs), errs[0])
	}
	if rss > loadPeakMax {
		t.Errorf("server peak resident memory %.0f MB, more than %d MB", rss, loadPeakMax)
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
