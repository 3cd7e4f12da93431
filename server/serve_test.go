package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// testWebDir is a web folder with small fake app.wasm, worker.wasm and builder.wasm and their
// compressed copies; it returns the app's.
func testWebDir(t *testing.T) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	wasm := bytes.Repeat([]byte("\x00asm fake module "), 4096)
	for name, data := range map[string][]byte{"app.wasm": wasm, "worker.wasm": fakeWorkerWasm, "builder.wasm": fakeBuilderWasm} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, code := cli(t, "compress", filepath.Join(dir, name)); code != 0 {
			t.Fatal("compress failed")
		}
	}
	return dir, wasm
}

var (
	fakeWorkerWasm  = bytes.Repeat([]byte("\x00asm fake signing worker "), 2048)
	fakeBuilderWasm = bytes.Repeat([]byte("\x00asm fake call editor "), 2048)
)

func TestPrecompressedWasm(t *testing.T) {
	dir, wasm := testWebDir(t)
	srv := httptest.NewServer(secure(&precompressed{dir: dir, next: http.NotFoundHandler()}))
	defer srv.Close()
	cases := []struct {
		name, accept, wantEnc string
		decode                func(io.Reader) io.Reader
	}{
		{"brotli first", "gzip, deflate, br", "br", func(r io.Reader) io.Reader { return brotli.NewReader(r) }},
		{"gzip when no br", "gzip", "gzip", func(r io.Reader) io.Reader { z, _ := gzip.NewReader(r); return z }},
		{"br refused with q=0", "br;q=0, gzip", "gzip", func(r io.Reader) io.Reader { z, _ := gzip.NewReader(r); return z }},
		{"identity", "", "", func(r io.Reader) io.Reader { return r }},
	}
	for _, tc := range cases {
		for path, want := range map[string][]byte{"/app.wasm": wasm, "/web/worker.wasm": fakeWorkerWasm, "/web/builder.wasm": fakeBuilderWasm} {
			t.Run(tc.name+path, func(t *testing.T) { checkPrecompressed(t, srv.URL+path, tc.accept, tc.wantEnc, tc.decode, want) })
		}
	}
}

// checkPrecompressed gets url accepting accept and wants wasm in encoding wantEnc, then a 304.
func checkPrecompressed(t *testing.T, url, accept, wantEnc string, decode func(io.Reader) io.Reader, wasm []byte) {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", accept)
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != wantEnc || res.Header.Get("Content-Type") != "application/wasm" ||
		res.Header.Get("Vary") != "Accept-Encoding" || res.Header.Get("ETag") == "" ||
		res.Header.Get(wasmLengthHeader) != strconv.Itoa(len(wasm)) { // the loader's progress, whatever the encoding
		t.Fatalf("headers: %v", res.Header)
	}
	body, _ := io.ReadAll(decode(res.Body))
	if !bytes.Equal(body, wasm) {
		t.Fatalf("body differs (%d bytes)", len(body))
	}
	// Revalidation costs no body.
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	res2, _ := http.DefaultTransport.RoundTrip(req)
	if res2.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidation: %d", res2.StatusCode)
	}
}

func TestSecureHeadersAndMethods(t *testing.T) {
	srv := httptest.NewServer(secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })))
	defer srv.Close()
	cases := []struct {
		name, method, path, body string
		want                     int
	}{
		{"get", "GET", "/", "", 200},
		{"head", "HEAD", "/", "", 200},
		{"post refused", "POST", "/", "x=1", 405},
		{"put refused", "PUT", "/", "", 405},
		{"get with body refused", "GET", "/", "data", 413},
		{"long url refused", "GET", "/" + strings.Repeat("a", 3000), "", 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
			if tc.body == "" {
				req.Body, req.ContentLength = nil, 0
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.want)
			}
			for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"} {
				if res.Header.Get(h) == "" {
					t.Errorf("missing %s", h)
				}
			}
			if !strings.Contains(res.Header.Get("Content-Security-Policy"), "script-src 'self' 'wasm-unsafe-eval'") {
				t.Error("CSP script-src")
			}
		})
	}
}

func TestStaticSite(t *testing.T) {
	dir, _ := testWebDir(t)
	out := filepath.Join(t.TempDir(), "dist")
	if o, e, code := cli(t, "static", "--out", out, "--web", dir); code != 0 {
		t.Fatalf("static: %s%s", o, e)
	}
	for _, f := range []string{"index.html", "app.js", "app-worker.js", "manifest.webmanifest", "wasm_exec.js", "web/app.wasm", "web/app.wasm.br", "web/app.wasm.gz", "web/worker.wasm", "web/worker.wasm.br",
		// text files have their precompressed copies too
		"index.html.br", "index.html.gz", "wasm_exec.js.br", "app.js.gz"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(index), "/web/app.wasm") && !strings.Contains(string(index), "app.js") {
		t.Errorf("index.html does not load the app:\n%s", index)
	}
}

func TestPrecompressedSkipsStaleCopies(t *testing.T) {
	dir, wasm := testWebDir(t)
	// The wasm is rebuilt after its compressed copies were written.
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(filepath.Join(dir, "app.wasm"), later, later); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(&precompressed{dir: dir, next: http.NotFoundHandler()})
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, wasm) {
		t.Fatalf("served a stale %q copy", res.Header.Get("Content-Encoding"))
	}
}
