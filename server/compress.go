package main

import (
	"bytes"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// compressText compresses every text response of next — the pages, go-app's app.js,
// wasm_exec.js, app.css and manifest, Bootstrap Italia's stylesheet (600 KB raw, 60 KB in
// brotli) — with the best encoding the browser accepts. Without it they went out raw, and the
// stylesheet alone was a quarter of a first visit's bytes besides the wasm. The wasm programs
// are not its business: precompressed serves them, compressed at build time.
//
// These bodies are few and change only with a deployment, so each one is compressed once, at
// a high level, and kept: under the 500-client load test the server compresses nothing twice.
// A body is recognised by its path, encoding and content hash, so a new deployment or an edited
// file is never answered with an old copy.
type compressText struct {
	next http.Handler

	mu    sync.Mutex
	cache map[compressKey][]byte
}

type compressKey struct {
	path, enc string
	sum       uint64
	size      int
}

// compressible are the content types worth compressing; fonts (woff2), images and the wasm
// are compressed already or elsewhere.
var compressible = []string{"text/", "application/javascript", "text/javascript", "application/json", "application/manifest+json", "image/svg+xml"}

// compressMin: below this size the headers cost more than compression saves.
const compressMin = 1024

// compressCacheMax bounds the cache: more distinct bodies than an app has means something
// varies per request, and those are compressed each time instead.
const compressCacheMax = 256

func compressed(next http.Handler) *compressText {
	return &compressText{next: next, cache: map[compressKey][]byte{}}
}

func (c *compressText) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	accept := r.Header.Get("Accept-Encoding")
	enc := ""
	switch {
	case acceptsEncoding(accept, "br"):
		enc = "br"
	case acceptsEncoding(accept, "gzip"):
		enc = "gzip"
	}
	// Range requests and HEAD are left as they are: a compressed body has other byte offsets.
	if enc == "" || r.Header.Get("Range") != "" || r.Method == http.MethodHead {
		c.next.ServeHTTP(w, r)
		return
	}
	// The browser revalidates with the ETag it got, the one marked with the encoding below.
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		r = r.Clone(r.Context())
		r.Header.Set("If-None-Match", strings.NewReplacer(`-br"`, `"`, `-gzip"`, `"`).Replace(inm))
	}
	rec := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
	c.next.ServeHTTP(rec, r)

	h := w.Header()
	for k, v := range rec.header {
		h[k] = v
	}
	body := rec.body.Bytes()
	if rec.status != http.StatusOK || len(body) < compressMin || h.Get("Content-Encoding") != "" || !isCompressible(h.Get("Content-Type")) {
		w.WriteHeader(rec.status)
		_, _ = w.Write(body)
		return
	}
	out := c.encode(r.URL.Path, enc, body)
	h.Del("Content-Length")
	h.Set("Content-Encoding", enc)
	h.Add("Vary", "Accept-Encoding")
	if etag := h.Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
		// The same validator for two different bodies would break caches between them.
		h.Set("ETag", strings.TrimSuffix(etag, `"`)+"-"+enc+`"`)
	}
	h.Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(rec.status)
	_, _ = w.Write(out)
}

// encode returns body compressed with enc, from the cache when it was seen before.
func (c *compressText) encode(path, enc string, body []byte) []byte {
	f := fnv.New64a()
	_, _ = f.Write(body)
	key := compressKey{path: path, enc: enc, sum: f.Sum64(), size: len(body)}
	c.mu.Lock()
	out, ok := c.cache[key]
	c.mu.Unlock()
	if ok {
		return out
	}
	// Quality 9, not 11: the first request of each body waits for it (11 takes seconds on
	// the 600 KB stylesheet, 9 tens of milliseconds for 2% more bytes).
	out = compressBytes(enc, body, 9)
	c.mu.Lock()
	if len(c.cache) < compressCacheMax {
		c.cache[key] = out
	}
	c.mu.Unlock()
	return out
}

func isCompressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	for _, p := range compressible {
		if strings.HasPrefix(ct, p) {
			return true
		}
	}
	return false
}

// bufferedResponse holds a response of next until it is known whether to compress it. The
// bodies it sees are small (the largest is the 600 KB stylesheet): the wasm never gets here.
type bufferedResponse struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if !b.wrote {
		b.status, b.wrote = status, true
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if !b.wrote {
		b.WriteHeader(http.StatusOK)
	}
	if b.header.Get("Content-Type") == "" {
		b.header.Set("Content-Type", http.DetectContentType(p))
	}
	return b.body.Write(p)
}
