package main

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// precompressed serves the wasm programs — app.wasm (requested as /app.wasm or /web/app.wasm),
// the signing worker's /web/worker.wasm and the call editor's /web/builder.wasm — from the
// brotli or gzip file written at build time (`bando compress`), the best the browser accepts: the app's wasm is
// 14 MB raw and about 3 MB in brotli, and offices are on slow lines. Compressing at build time
// means brotli level 11, which would be far too slow per request.
type precompressed struct {
	dir  string
	next http.Handler

	once  sync.Once
	files map[string]map[string]encodedFile // by wasm file, then by Content-Encoding: "br", "gzip", ""
}

type encodedFile struct {
	path string
	etag string
	raw  int64 // the size of the program before compression, for the loader's progress (wasmLengthHeader)
}

// wasmPaths maps the URLs of the wasm programs to their files in dir.
var wasmPaths = map[string]string{"/app.wasm": "app.wasm", "/web/app.wasm": "app.wasm", "/web/worker.wasm": "worker.wasm", "/web/builder.wasm": "builder.wasm"}

func (p *precompressed) load() {
	p.files = map[string]map[string]encodedFile{}
	for _, wasm := range wasmPaths {
		p.files[wasm] = map[string]encodedFile{}
		raw, rawErr := os.Stat(filepath.Join(p.dir, wasm))
		for enc, ext := range map[string]string{"br": ".br", "gzip": ".gz", "": ""} {
			path := filepath.Join(p.dir, wasm+ext)
			// A copy older than its wasm (rebuilt without `bando compress`) is stale: serving
			// it would run yesterday's app. Skip it; the raw file is still served.
			if fi, err := os.Stat(path); ext != "" && (err != nil || rawErr != nil || fi.ModTime().Before(raw.ModTime())) {
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			sum := sha256.Sum256(data)
			p.files[wasm][enc] = encodedFile{path: path, etag: `"` + hex.EncodeToString(sum[:8]) + enc + `"`, raw: raw.Size()}
		}
	}
}

func (p *precompressed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	wasm, ok := wasmPaths[r.URL.Path]
	if !ok {
		p.next.ServeHTTP(w, r)
		return
	}
	p.once.Do(p.load)
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range []string{"br", "gzip", ""} {
		f, ok := p.files[wasm][enc]
		if !ok || enc != "" && !acceptsEncoding(accept, enc) {
			continue
		}
		h := w.Header()
		h.Set("Content-Type", "application/wasm")
		h.Set("Vary", "Accept-Encoding")
		// The URLs are not versioned (go-app asks for /app.wasm), so the browser revalidates;
		// the ETag makes that a 304. The service worker keeps the copies used offline.
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", f.etag)
		h.Set(wasmLengthHeader, strconv.FormatInt(f.raw, 10))
		if enc != "" {
			h.Set("Content-Encoding", enc)
		}
		if r.Header.Get("If-None-Match") == f.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		http.ServeFile(w, r, f.path)
		return
	}
	http.NotFound(w, r)
}

// acceptsEncoding reports whether an Accept-Encoding header allows enc (q=0 refuses it).
func acceptsEncoding(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), enc) {
			continue
		}
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err == nil && q > 0
		}
		return true
	}
	return false
}
