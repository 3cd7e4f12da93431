package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

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
