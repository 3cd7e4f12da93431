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
// The large bodies are few and change only with a deployment, so each is compressed once, at
// a high level, and kept (see encode); a body is recognised by its path, encoding and content
// hash, so a new deployment or an edited file is never answered with an old copy.
type compressText struct {
	next http.Handler

	mu    sync.Mutex
	cache map[compressKey]*compressedBody
}

// compressedBody is one body compressed once: the requests that arrive while it is being
// compressed wait for it instead of compressing it too (500 first visits at once would
// otherwise compress the 600 KB stylesheet 500 times).
type compressedBody struct {
	once sync.Once
	out  []byte
}

type compressKey struct {
	path, enc string
	sum       uint64
	size      int
}

// compressible are the content types worth compressing; fonts (woff2), images and the wasm
// are compressed already or elsewhere.
var compressible = []string{"text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml"}

// compressMin: below this size the headers cost more than compression saves.
const compressMin = 1024

// compressKeepMin: bodies at least this large are compressed once and kept.
const compressKeepMin = 16 << 10

// compressCacheMax bounds the cache: more distinct bodies than an app has means something
// varies per request, and those are compressed each time instead.
const compressCacheMax = 256

func compressed(next http.Handler) *compressText {
	return &compressText{next: next, cache: map[compressKey]*compressedBody{}}
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

// encode returns body compressed with enc. Large bodies (the stylesheet, go-app's scripts)
// are the same for every request: compressed once, well, and kept. Small ones are compressed
// quickly each time: go-app renders its pages per request with attributes in map order, so no
// two are alike, and they must neither fill the cache nor cost a slow compression each.
func (c *compressText) encode(path, enc string, body []byte) []byte {
	if len(body) < compressKeepMin {
		return compressBytes(enc, body, 5, 0)
	}
	f := fnv.New64a()
	_, _ = f.Write(body)
	key := compressKey{path: path, enc: enc, sum: f.Sum64(), size: len(body)}
	c.mu.Lock()
	e, ok := c.cache[key]
	if !ok {
		e = &compressedBody{}
		if len(c.cache) < compressCacheMax {
			c.cache[key] = e
		}
	}
	c.mu.Unlock()
	// Quality 9, not 11: the first request of each body waits for it (11 takes seconds on
	// the 600 KB stylesheet, 9 tens of milliseconds for 2% more bytes).
	e.once.Do(func() { e.out = compressBytes(enc, body, 9, 0) })
	return e.out
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
