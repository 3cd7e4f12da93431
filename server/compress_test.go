package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

func TestCompressText(t *testing.T) {
	css := strings.Repeat(".btn{color:#06c}\n", 2000) // large enough to be kept
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/style.css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
			w.Header().Set("ETag", `"abc"`)
			if r.Header.Get("If-None-Match") == `"abc"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			io.WriteString(w, css)
		case "/small.js":
			w.Header().Set("Content-Type", "text/javascript")
			io.WriteString(w, "go()")
		case "/font.woff2":
			w.Header().Set("Content-Type", "font/woff2")
			w.Write(bytes.Repeat([]byte{1}, 4096))
		case "/missing":
			http.NotFound(w, r)
		case "/page":
			io.WriteString(w, "<!doctype html><html>"+strings.Repeat("<p>ciao</p>", 300)+"</html>") // no Content-Type: sniffed
		}
	})
	h := compressed(next)
	tests := []struct {
		name, path, accept string
		header             map[string]string
		method             string
		wantEnc            string
		wantStatus         int
		wantBody           string
	}{
		{name: "stylesheet in brotli", path: "/style.css", accept: "gzip, deflate, br, zstd", wantEnc: "br", wantBody: css},
		{name: "stylesheet in gzip", path: "/style.css", accept: "gzip", wantEnc: "gzip", wantBody: css},
		{name: "brotli refused with q=0", path: "/style.css", accept: "br;q=0, gzip", wantEnc: "gzip", wantBody: css},
		{name: "no encoding accepted", path: "/style.css", accept: "", wantBody: css},
		{name: "a sniffed html page", path: "/page", accept: "br", wantEnc: "br"},
		{name: "small bodies as they are", path: "/small.js", accept: "br", wantBody: "go()"},
		{name: "fonts are compressed already", path: "/font.woff2", accept: "br", wantBody: string(bytes.Repeat([]byte{1}, 4096))},
		{name: "errors as they are", path: "/missing", accept: "br", wantStatus: http.StatusNotFound},
		{name: "range requests as they are", path: "/style.css", accept: "br", header: map[string]string{"Range": "bytes=0-9"}, wantBody: css},
		{name: "HEAD as it is", path: "/style.css", accept: "br", method: http.MethodHead},
		{name: "revalidation with the encoded ETag", path: "/style.css", accept: "br", header: map[string]string{"If-None-Match": `"abc-br"`}, wantStatus: http.StatusNotModified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = http.MethodGet
			}
			r := httptest.NewRequest(method, tt.path, nil)
			r.Header.Set("Accept-Encoding", tt.accept)
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			status := tt.wantStatus
			if status == 0 {
				status = http.StatusOK
			}
			if w.Code != status {
				t.Fatalf("status %d, want %d", w.Code, status)
			}
			if got := w.Header().Get("Content-Encoding"); got != tt.wantEnc {
				t.Fatalf("Content-Encoding %q, want %q", got, tt.wantEnc)
			}
			body := w.Body.Bytes()
			switch tt.wantEnc {
			case "br":
				body, _ = io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
			case "gzip":
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				body, _ = io.ReadAll(zr)
			}
			if tt.wantEnc != "" {
				if !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
					t.Error("no Vary: Accept-Encoding")
				}
				if w.Header().Get("Content-Length") != "" && w.Header().Get("Content-Length") != strconv.Itoa(w.Body.Len()) {
					t.Errorf("Content-Length %s for %d bytes", w.Header().Get("Content-Length"), w.Body.Len())
				}
				if etag := w.Header().Get("ETag"); etag != "" && etag != `"abc-`+tt.wantEnc+`"` {
					t.Errorf("ETag %s", etag)
				}
			}
			if tt.wantBody != "" {
				if string(body) != tt.wantBody {
					t.Fatalf("body of %d bytes differs from the original's %d", len(body), len(tt.wantBody))
				}
			}
		})
	}

	// The same stylesheet is compressed once: later answers come from the cache.
	before := len(h.cache)
	for range 3 {
		r := httptest.NewRequest(http.MethodGet, "/style.css", nil)
		r.Header.Set("Accept-Encoding", "br")
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	if len(h.cache) != before {
		t.Fatalf("cache grew from %d to %d for a body already seen", before, len(h.cache))
	}
}

// TestCompressStreams: what is not compressed, and large bodies no header identifies, reach
// the client while next is still writing them: no request holds a whole body (issue 12: the
// server held every body, 500 first visits took ~770 MB).
func TestCompressStreams(t *testing.T) {
	release := make(chan struct{})
	chunk := bytes.Repeat([]byte("a"), 64<<10)
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/font.woff2":
			w.Header().Set("Content-Type", "font/woff2")
		case "/big.txt": // text, no length, no ETag: compressed as it streams
			w.Header().Set("Content-Type", "text/plain")
		}
		w.Write(chunk)
		w.(http.Flusher).Flush()
		<-release // the client must have the first bytes before the rest is written
		w.Write(chunk)
	})
	srv := httptest.NewServer(compressed(next))
	defer srv.Close()
	for _, path := range []string{"/font.woff2", "/big.txt"} {
		t.Run(path, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			req.Header.Set("Accept-Encoding", "br")
			tr := &http.Transport{DisableCompression: true}
			defer tr.CloseIdleConnections()
			res, err := (&http.Client{Transport: tr}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var body io.Reader = res.Body
			if res.Header.Get("Content-Encoding") == "br" {
				body = brotli.NewReader(res.Body)
			}
			first := make([]byte, 1024)
			got := make(chan error, 1)
			go func() { _, err := io.ReadFull(body, first); got <- err }()
			select {
			case err := <-got:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("nothing reached the client while the handler was writing: the body is held")
			}
			release <- struct{}{}
			rest, _ := io.ReadAll(body)
			if len(rest)+len(first) != 2*len(chunk) {
				t.Fatalf("%d bytes, want %d", len(rest)+len(first), 2*len(chunk))
			}
		})
	}
}

// TestCompressKeptOnceUnderLoad: many requests at once for the same large file get the same
// body, compressed once; requests that arrive while it is compressed wait without holding it;
// if the request compressing it fails half-way, the others are served all the same.
func TestCompressKeptOnceUnderLoad(t *testing.T) {
	css := strings.Repeat(".btn{color:#06c}\n", 20000) // 340 KB
	var calls, failed atomic.Int32
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/css")
		w.Header().Set("Content-Length", strconv.Itoa(len(css)))
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		io.WriteString(w, css[:len(css)/2])
		if r.URL.Query().Get("fail") != "" && failed.CompareAndSwap(0, 1) {
			time.Sleep(50 * time.Millisecond) // let the others start waiting
			panic(http.ErrAbortHandler)
		}
		io.WriteString(w, css[len(css)/2:])
	})
	for _, fail := range []bool{false, true} {
		t.Run(fmt.Sprintf("first fails %v", fail), func(t *testing.T) {
			h := compressed(next)
			failed.Store(0)
			var wg sync.WaitGroup
			bodies := make([][]byte, 50)
			for i := range bodies {
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer func() { _ = recover() }() // the failing request's panic
					target := "/css"
					if fail {
						target += "?fail=1"
					}
					r := httptest.NewRequest("GET", target, nil)
					r.Header.Set("Accept-Encoding", "br")
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, r)
					bodies[i], _ = io.ReadAll(brotli.NewReader(rec.Body))
				}()
			}
			wg.Wait()
			served := 0
			for _, b := range bodies {
				if string(b) == css {
					served++
				}
			}
			if want := len(bodies) - int(failed.Load()); served != want {
				t.Fatalf("%d of %d requests got the stylesheet, want %d", served, len(bodies), want)
			}
			// After a failure the waiters are served without the cache; the next request
			// compresses it again.
			r := httptest.NewRequest("GET", "/css", nil)
			r.Header.Set("Accept-Encoding", "br")
			h.ServeHTTP(httptest.NewRecorder(), r)
			if len(h.cache) != 1 {
				t.Fatalf("%d cached bodies, want 1", len(h.cache))
			}
		})
	}
}
